// strata/sources/overrides.hpp: `dotted.path=value` settings, from
// `args(argc, argv)` and from `.overrides({...})`. Values use TOML syntax
// (`name="x y"`, `ports=[1,2]`); a bare word that is not a TOML literal is a
// string. Scalars stay text, parsed by the field's own type (overrides.ipp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <strata/schema/paths.hpp>
#include <strata/sources/source.hpp>

namespace strata::detail {

inline bool looks_like_setting(std::string_view arg) {
  const auto eq = arg.find('=');
  return eq != std::string_view::npos && eq > 0 && arg.front() != '-' && split_path(arg.substr(0, eq)).has_value();
}

}  // namespace strata::detail

namespace strata {

/// Command-line settings: every `dotted.path=value` argument; other
/// arguments (flags, file names) are left alone.
class args {
 public:
  args(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i)
      if (argv[i] && detail::looks_like_setting(argv[i])) settings_.emplace_back(argv[i]);
  }
  explicit args(std::vector<std::string> settings) : settings_(std::move(settings)) {}

  const std::vector<std::string>& settings() const noexcept { return settings_; }

  void read(source_context& ctx) const;

 private:
  std::vector<std::string> settings_;
};

}  // namespace strata
