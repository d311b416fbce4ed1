// strata/experiments/artifacts.hpp: `write_sweep(dir, jobs)`, a sweep's
// artifacts for an experiment tracker (Hydra's .hydra/config.yaml and
// multirun.yaml): dir/<job>/config.toml per valid job (errors.txt for an
// invalid one) and dir/sweep.toml, the index. Secrets are redacted in all.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <strata/detail/toml.hpp>
#include <strata/experiments/sweep.hpp>
#include <strata/report/format.hpp>
#include <strata/tools/dump.hpp>

namespace strata {
namespace detail {
inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}
}  // namespace detail

/// The index of a sweep (dir/sweep.toml's text): one `[[job]]` per job with
/// its name, overrides (secrets redacted), status and error count.
template <class T>
std::string sweep_index(const std::vector<job<T>>& jobs) {
  toml::table index;
  index.insert("jobs", static_cast<std::int64_t>(jobs.size()));
  index.insert("invalid", static_cast<std::int64_t>(count_invalid(jobs)));
  toml::array list;
  for (const job<T>& j : jobs) {
    toml::table entry;
    entry.insert("name", j.name);
    toml::array overrides;
    for (const std::string& s : j.shown) overrides.push_back(s);
    entry.insert("overrides", std::move(overrides));
    entry.insert("status", j.config.ok() ? "ok" : "invalid");
    entry.insert("errors", static_cast<std::int64_t>(j.config.errors().size()));
    list.push_back(std::move(entry));
  }
  index.insert("job", std::move(list));
  std::ostringstream out;
  out << index << '\n';
  return out.str();
}

/// Writes dir/sweep.toml and, per job, dir/<job>/config.toml (valid: to_toml,
/// secrets redacted) or dir/<job>/errors.txt (invalid: the report). Throws
/// std::runtime_error when a file cannot be written.
template <class T>
void write_sweep(const std::filesystem::path& dir, const std::vector<job<T>>& jobs) {
  std::filesystem::create_directories(dir);
  for (const job<T>& j : jobs) {
    const std::filesystem::path folder = dir / j.name;
    std::filesystem::create_directories(folder);
    if (j.config.ok()) detail::write_text(folder / "config.toml", to_toml(j.config.value()));
    else detail::write_text(folder / "errors.txt", format(j.config.diagnostics()));
  }
  detail::write_text(dir / "sweep.toml", sweep_index(jobs));
}

}  // namespace strata
