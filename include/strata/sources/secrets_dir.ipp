// strata/sources/secrets_dir.ipp: a secrets directory is read like the
// environment (names derived from the schema, looked up), with its files
// as the variables.
#pragma once

#include <algorithm>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/env_names.hpp>
#include <strata/sources/env.ipp>
#include <strata/sources/secrets_dir.hpp>
#include <strata/sources/source.ipp>

namespace strata {
namespace detail {

/// Whether an entry of the directory may be one of the loaded type's: it
/// has the prefix (or there is none, or a field has an alias, which may be
/// any name).
inline bool may_be_ours(std::string_view name, const load_request& r) {
  return r.prefix.empty() || r.root->aliased || name.starts_with(r.prefix);
}

/// Whether a name is certainly the loaded type's: a static name of its
/// schema, or (with a prefix) any name with the prefix.
inline bool is_ours(std::string_view name, const load_request& r) {
  if (!r.prefix.empty() && name.starts_with(r.prefix)) return true;
  bool found = false;
  for_each_env_name(*r.root, r.prefix, r.separator, [&](std::string_view n, std::string_view) { found |= n == name; });
  return found;
}

}  // namespace detail

void secrets_dir::read(source_context& ctx) const {
  detail::load_state& s = detail::context_access::state(ctx);
  s.note_file(path_);  // entries appearing, or Kubernetes swapping its `..data` link, change the directory
  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (!std::filesystem::is_directory(status)) {
    if (std::filesystem::exists(status))
      ctx.error("is not a directory: a secrets directory holds one file per secret",
                origin{origin_kind::file, path_.string()});
    else if (!optional_)
      ctx.error("secrets directory not found", origin{origin_kind::file, path_.string()},
                "pass strata::optional to secrets_dir() if it may be absent");
    return;
  }
  if (std::filesystem::exists(path_ / "..data", ec)) s.note_file(path_ / "..data");

  std::deque<std::string> names, values;  // the view points into them
  std::vector<detail::env_view::entry> entries;
  for (auto it = std::filesystem::directory_iterator(path_, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.' || !detail::may_be_ours(name, s.request)) continue;  // `..data`, others'
    const std::filesystem::path file = it->path();
    s.note_file(file);
    std::string text;
    diagnostics problems;
    const file_status r = detail::read_text_file(file, origin{origin_kind::file, file.string()}, problems, text);
    if (r != file_status::ok) {
      if (detail::is_ours(name, s.request)) {
        if (r == file_status::missing) ctx.error("cannot read the secret file (a dangling link?)", {origin_kind::file, file.string()});
        for (diagnostic& d : problems) ctx.report(std::move(d));
      }
      continue;
    }
    if (text.ends_with('\n')) text.pop_back();
    if (text.ends_with('\r')) text.pop_back();
    entries.emplace_back(names.emplace_back(std::move(name)), values.emplace_back(std::move(text)));
  }
  if (ec) ctx.error(detail::format_message("cannot list the directory: {}", ec.message()), {origin_kind::file, path_.string()});

  detail::layer& l = s.layers().emplace_back();
  l.kind = origin_kind::file;
  l.name = path_.string();
  const std::string prefix = (path_ / "").string();
  const detail::env_naming naming{origin_kind::file, prefix, nullptr, false, "secret file "};
  detail::build_env_layer(l, detail::env_view::of(std::move(entries)), s.request, naming, s.found, s.files);
}

}  // namespace strata
