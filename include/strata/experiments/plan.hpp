// strata/experiments/plan.hpp: the text `config sweep` and `config groups`
// print: a sweep's plan as a table, and the groups with their choices.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <strata/experiments/sweep.hpp>

namespace strata {

/// One line per job: its number, name, overrides (secrets redacted) and
/// `ok` or its error count; a summary line last.
template <class T>
std::string sweep_plan(const std::vector<job<T>>& jobs) {
  std::size_t width = 3;
  for (const job<T>& j : jobs) width = std::max(width, j.name.size());
  std::string out = "job   " + std::string("name") + std::string(width - 4 + 2, ' ') + "status\n";
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const job<T>& j = jobs[i];
    std::string number = std::to_string(i);
    number.resize(6, ' ');
    std::string status = j.config.ok() ? "ok" : std::to_string(j.config.errors().size()) + " error(s)";
    out += number + j.name + std::string(width - j.name.size() + 2, ' ') + status + "\n";
  }
  out += std::to_string(jobs.size()) + " jobs, " + std::to_string(count_invalid(jobs)) + " invalid\n";
  return out;
}

/// One line per group: `name: choice (choices: a, b, c)`.
inline std::string groups_text(const std::vector<group_listing>& groups) {
  std::string out;
  for (const group_listing& g : groups) {
    out += g.name + ": " + g.chosen + " (choices:";
    for (const std::string& c : g.choices) out += " " + c;
    out += ")\n";
  }
  return out;
}

}  // namespace strata
