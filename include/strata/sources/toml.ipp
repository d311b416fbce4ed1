// strata/sources/toml.ipp: reading TOML files and text, within limits, and
// composition through `defaults` lists.
#pragma once

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <fstream>
#endif

#include <strata/decode/layer.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/did_you_mean.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/toml.hpp>

namespace strata {
namespace detail {

/// How deep `defaults` lists may nest before strata calls it runaway.
inline constexpr std::size_t max_composition_depth = 32;

/// The message for a file of `bytes` bytes, over max_file_size.
inline std::string too_large_message(std::size_t bytes) {
  return format_message("file is too large: {} bytes, strata reads at most {} MiB", std::to_string(bytes),
                        std::to_string(max_file_size >> 20));
}

/// Refuses text that is too large or nests too deep to parse safely.
inline bool within_limits(std::string_view text, const std::string& name, diagnostics& out) {
  if (text.size() > max_file_size) {
    add_diagnostic(out, severity::error, {}, too_large_message(text.size()), origin_kind::file, name);
    return false;
  }
  if (may_nest_deeper(text, max_nesting_depth)) {
    add_diagnostic(out, severity::error, {},
                   format_message("tables, arrays and dotted keys nest deeper than {} levels",
                                  std::to_string(max_nesting_depth)),
                   origin_kind::file, name);
    return false;
  }
  return true;
}

STRATA_COLD inline void report_parse_error(const toml::parse_error& e, const std::string& name, diagnostics& out) {
  const auto& at = e.source().begin;
  std::string description(e.description());
  for (char& c : description)  // toml++ may quote raw newlines; the report stays one line per message
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  add_diagnostic(out, severity::error, {}, format_message("invalid TOML: {}", description),
                 origin{origin_kind::file, name, static_cast<int>(at.line), static_cast<int>(at.column)});
}

inline std::optional<toml::table> parse_toml(std::string_view text, const std::string& name, diagnostics& out) {
  if (!within_limits(text, name, out)) return std::nullopt;
  try {
    return toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error& e) {
    report_parse_error(e, name, out);
    return std::nullopt;
  }
}

/// What reading a file gave: its text, that it does not exist (an optional
/// file may be absent), or a problem already reported.
enum class file_read { ok, missing, failed };

/// Reads the whole file into `text` with one open and, for a regular file,
/// one read: a load reads every file again, and system calls cost more than
/// the parsing of a small file.
inline file_read read_text_file(const std::filesystem::path& path, const origin& where, diagnostics& out,
                                std::string& text) {
  const auto fail = [&](std::string_view message) {
    add_diagnostic(out, severity::error, {}, message, where);
    return file_read::failed;
  };
  const auto too_large = [&] {
    const std::string mib = std::to_string(max_file_size >> 20);
    return fail(format_message("file is too large: more than {} MiB, strata reads at most {} MiB", mib, mib));
  };
#if defined(__unix__) || defined(__APPLE__)
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT || errno == ENOTDIR ? file_read::missing : fail("cannot read the file");
  const struct closer {
    int fd;
    ~closer() { ::close(fd); }
  } guard{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail("cannot read the file");
  if (S_ISDIR(info.st_mode)) return fail("is a directory, not a TOML file");
  const bool regular = S_ISREG(info.st_mode);
  const auto size = static_cast<std::size_t>(info.st_size);
  if (regular && size > max_file_size)
    return fail(too_large_message(size));
  // Straight into `text`. A FIFO or a device has no size: read in blocks,
  // at most one block past the limit.
  const std::size_t block = regular && size > 0 ? size : 65536;
  for (;;) {
    const std::size_t had = text.size();
    text.resize(had + block);
    const ssize_t got = ::read(fd, text.data() + had, block);
    text.resize(had + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail("cannot read the file");
    if (got == 0 || (regular && text.size() >= size && size > 0)) break;
    if (text.size() > max_file_size) return too_large();
  }
  if (text.size() > max_file_size) return too_large();
  return file_read::ok;
#else
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return file_read::missing;
  if (std::filesystem::is_directory(path, ec)) return fail("is a directory, not a TOML file");
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_file_size)
    return fail(too_large_message(size));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read the file");
  char buffer[65536];
  while (in && text.size() <= max_file_size) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return fail("cannot read the file");
  if (text.size() > max_file_size) return too_large();
  return file_read::ok;
#endif
}

/// The TOML files of a folder, by name without extension.
std::vector<std::string> toml_files_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    if (it->path().extension() == ".toml") names.push_back(it->path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Where a node of the file `name` is.
inline origin file_origin(const std::string& name, const toml::node& n) {
  return origin{origin_kind::file, name, static_cast<int>(n.source().begin.line),
                static_cast<int>(n.source().begin.column)};
}

STRATA_COLD inline void report_cycle(const std::vector<std::filesystem::path>& chain,
                                     const std::filesystem::path& canonical, const origin& where, diagnostics& out) {
  std::string cycle;
  for (auto it = std::find(chain.begin(), chain.end(), canonical); it != chain.end(); ++it)
    cycle += it->filename().string() + " -> ";
  add_diagnostic(out, severity::error, "defaults",
                 format_message("composition cycle: {}{}", cycle, canonical.filename().string()), where);
}

/// A `defaults` entry that names no file, with the files that are there.
STRATA_COLD inline void report_missing_default(const std::string& entry, const std::filesystem::path& target,
                                               const origin& where, diagnostics& out) {
  const auto options = toml_files_in(target.parent_path());
  const std::string folder = target.parent_path().string();
  std::string hint = options.empty() ? format_message("'{}' has no .toml files", folder)
                                     : format_message("available in '{}': {}", folder, quoted_list(options));
  if (auto best = closest(target.stem().string(), options); !best.empty())
    hint += format_message("; did you mean '{}'?", best);
  add_diagnostic(out, severity::error, "defaults",
                 format_message("'{}' names no file ({} not found)", entry, target.string()), where, hint);
}

inline file_read read_composed(const std::filesystem::path& path, std::deque<layer>& layers, diagnostics& out,
                               std::vector<std::filesystem::path>& chain);

/// Reads what the `defaults` list of the file `path` (named `name`) names.
inline void read_defaults(const std::filesystem::path& path, const std::string& name, const toml::node& defaults,
                          std::deque<layer>& layers, diagnostics& out, std::vector<std::filesystem::path>& chain) {
  const toml::array* list = defaults.as_array();
  if (!list) {
    add_diagnostic(out, severity::error, "defaults",
                   "expected a list of file names such as [\"base\", \"model/large\"]", file_origin(name, defaults));
    return;
  }
  chain.push_back(std::filesystem::weakly_canonical(path));
  for (const toml::node& entry : *list) {
    const auto* entry_name = entry.as_string();
    if (!entry_name) {
      add_diagnostic(out, severity::error, "defaults", "expected a file name (a string)", file_origin(name, entry));
      continue;
    }
    const std::filesystem::path target = (path.parent_path() / (entry_name->get() + ".toml")).lexically_normal();
    const auto canonical = std::filesystem::weakly_canonical(target);
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      report_cycle(chain, canonical, file_origin(name, entry), out);
      continue;
    }
    if (chain.size() >= max_composition_depth) {
      add_diagnostic(out, severity::error, "defaults",
                     format_message("composition nested deeper than {} files",
                                    std::to_string(max_composition_depth)),
                     file_origin(name, entry));
      continue;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(target, ec)) {
      report_missing_default(entry_name->get(), target, file_origin(name, entry), out);
      continue;
    }
    if (read_composed(target, layers, out, chain) == file_read::missing)  // removed since the check
      add_diagnostic(out, severity::error, "defaults", "cannot read the file", file_origin(name, entry));
  }
  chain.pop_back();
}

/// Reads one file and, first, everything its `defaults` list names.
/// `chain` holds the files being composed, to report cycles by name.
inline file_read read_composed(const std::filesystem::path& path, std::deque<layer>& layers, diagnostics& out,
                               std::vector<std::filesystem::path>& chain) {
  const std::string name = path.string();
  std::string text;
  if (const file_read r = read_text_file(path, origin{origin_kind::file, name}, out, text); r != file_read::ok)
    return r;
  std::optional<toml::table> root = parse_toml(text, name, out);
  if (!root) return file_read::failed;
  if (const toml::node* defaults = root->get("defaults")) {
    read_defaults(path, name, *defaults, layers, out, chain);
    root->erase("defaults");
  }
  layers.push_back(layer{origin_kind::file, name, std::move(*root), {}, {}});
  return file_read::ok;
}

/// Reads a toml_file source (and what its `defaults` compose).
inline void read_source(const toml_file& f, std::deque<layer>& layers, diagnostics& out) {
  std::vector<std::filesystem::path> chain;
  if (read_composed(f.path(), layers, out, chain) == file_read::missing && !f.is_optional())
    add_diagnostic(out, severity::error, {}, "required configuration file not found", origin_kind::file,
                   f.path().string(), "pass strata::optional to toml_file() if the file may be absent");
}

inline void read_source(const toml_text& t, std::deque<layer>& layers, diagnostics& out) {
  if (auto root = parse_toml(t.text(), t.name(), out))
    layers.push_back(layer{origin_kind::file, t.name(), std::move(*root), {}, {}});
}

inline void read_source(const toml_table& t, std::deque<layer>& layers, diagnostics&) {
  if (!t.table()) return;
  layer& l = layers.emplace_back();
  l.kind = origin_kind::file;
  l.name = t.name();
  l.shared = t.table();
}

}  // namespace detail

toml_table::toml_table(toml::table&& table, std::string name)
    : table_(std::make_shared<const toml::table>(std::move(table))), name_(std::move(name)) {}

}  // namespace strata
