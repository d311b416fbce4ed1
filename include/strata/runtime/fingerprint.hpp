// strata/runtime/fingerprint.hpp: what live<T>::watch polls. The state of
// each file a configuration depends on: whether it exists, where its
// symlinks lead, its inode, size, times and a hash of its bytes. Any
// difference means "reload and see".
//
// Symlinks are followed, so a Kubernetes ConfigMap volume (config.toml ->
// ..data/config.toml, `..data` swapped atomically to a new directory) and an
// editor that saves by writing a new file and renaming it over the old one
// both change the fingerprint. The content hash catches in-place rewrites of
// the same size within one tick of the file system's clock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace strata::detail {

struct file_state {
  std::string path;
  bool exists = false;
  std::string target;  ///< canonical path: the end of the symlink chain
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0, changed_ns = 0;
  std::uint64_t hash = 0;  ///< FNV-1a of the content (regular files)

  friend bool operator==(const file_state&, const file_state&) = default;
};

/// FNV-1a, 64 bits, of a whole file; 0 when it cannot be read.
inline std::uint64_t content_hash(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  std::uint64_t h = 14695981039346656037ull;
  char buffer[8192];
  while (in) {
    in.read(buffer, sizeof buffer);
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 1099511628211ull;
    }
  }
  return h;
}

inline file_state state_of(const std::filesystem::path& path) {
  file_state s;
  s.path = path.string();
  struct ::stat st {};
  if (::stat(s.path.c_str(), &st) != 0) return s;  // missing (or a dangling link): "exists = false"
  s.exists = true;
  std::error_code ec;
  s.target = std::filesystem::canonical(path, ec).string();
  s.device = static_cast<std::uint64_t>(st.st_dev);
  s.inode = static_cast<std::uint64_t>(st.st_ino);
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.modified_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.changed_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  if (S_ISREG(st.st_mode)) s.hash = content_hash(path);
  return s;
}

using fingerprint = std::vector<file_state>;

/// The state of every file, in the order given.
inline fingerprint fingerprint_of(const std::vector<std::filesystem::path>& files) {
  fingerprint out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back(state_of(f));
  return out;
}

}  // namespace strata::detail
