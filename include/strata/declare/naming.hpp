// strata/declare/naming.hpp: how C++ names become the spellings files use,
// for struct keys (`STRATA_CONFIGURED(T, {.keys = ...})`) and enumerators
// (`STRATA_ENUM(E, ...)`).
#pragma once

namespace strata {

/// A naming policy. Words are split at `_` and where case changes
/// (`max_uploaded_size`, `maxUploadedSize` and `MaxUploadedSize` are the
/// same three words); a trailing `_` is dropped first (`default_`).
enum class naming {
  as_declared,  ///< the C++ name as written: `rust_version`
  kebab_case,   ///< `rust-version`
  camel_case,   ///< `rustVersion`
  pascal_case,  ///< `RustVersion`
};

}  // namespace strata
