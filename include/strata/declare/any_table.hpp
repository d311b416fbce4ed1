// strata/declare/any_table.hpp: `strata::any_table`, a field that keeps any
// TOML table as the sources give it (Cargo's `[package.metadata]`, a
// plug-in's own settings): not validated, merged key by key across layers,
// dumped back unchanged. Read it with toml++ (`cfg.metadata.table()`).
//
// Kept out of <strata/strata.hpp>: only a struct with such a field
// includes it (it costs <memory>).
#pragma once

#include <memory>
#include <utility>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace strata {

/// Any table, as given: its keys, values and source positions. Immutable
/// and cheap to copy (copies share the table). Empty by default.
class any_table {
 public:
  any_table() = default;
  /// Shares `table` (null is the empty table).
  explicit any_table(std::shared_ptr<const toml::table> table) : table_(std::move(table)) {}

  /// The table; include <toml++/toml.h> to read it.
  const toml::table& table() const;
  /// Whether it has no keys.
  bool empty() const;
  /// The shared table itself; null when empty by default.
  const std::shared_ptr<const toml::table>& shared() const noexcept { return table_; }

  /// Equal when the tables hold the same keys and values (positions aside).
  friend bool operator==(const any_table& a, const any_table& b);

 private:
  std::shared_ptr<const toml::table> table_;
};

}  // namespace strata
