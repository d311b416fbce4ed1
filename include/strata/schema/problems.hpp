// strata/schema/problems.hpp: the mistakes in a configuration declaration
// that `check_schema<T>()` reports, one undefined class template each (see
// <strata/detail/compile_error.hpp>). The compiler's first error line spells
// the template with its arguments; the comment on each declaration line is
// quoted below it. docs/diagnostics.md lists them with their fixes.
#pragma once

#include <cstddef>

#include <strata/declare/fixed_string.hpp>

namespace strata::detail {

// --- the struct ----------------------------------------------------------------

/// A configuration type without BOOST_DESCRIBE_STRUCT.
template <class Struct, fixed_string Fix>
struct struct_not_described;  // strata: add BOOST_DESCRIBE_STRUCT(Struct, (), (field, ...)) after the struct

/// A member missing from BOOST_DESCRIBE_STRUCT. `Member` is its name, or
/// "field N of M" when the compiler cannot name it (a base class).
template <class Struct, fixed_string Member, fixed_string Fix>
struct member_not_described;  // strata: list every member in BOOST_DESCRIBE_STRUCT(Struct, (), (...))

/// More members than Boost.Describe lists (`Limit` names per BOOST_DESCRIBE_STRUCT).
template <class Struct, std::size_t Fields, std::size_t Limit, fixed_string Fix>
struct too_many_members_for_describe;  // strata: move members into structs described on their own, then BOOST_DESCRIBE_STRUCT(Struct, (Base1, Base2), (...))

/// A struct that contains itself, through `Field` of `Struct`.
template <class Struct, fixed_string Field, class Contained>
struct recursive_schema;  // strata: a configuration is a finite tree of structs; a struct cannot hold itself

// --- a field -----------------------------------------------------------------------

/// A field type strata cannot read (`Type` is the part that is not supported).
template <class Struct, fixed_string Field, class Type, fixed_string Fix>
struct field_type_not_supported;  // strata: see "Supported field types" in docs/types.md, or specialize strata::codec<Type>

/// An annotation that cannot constrain the field's type (`range` on a string).
template <class Struct, fixed_string Field, class Annotation, class Type, fixed_string Fix>
struct annotation_does_not_apply;  // strata: see the table of annotations in docs/annotations.md

/// `discriminator<>` on a field that is not a std::variant.
template <class Struct, fixed_string Field, class Type>
struct discriminator_on_non_variant;  // strata: discriminator<"key"> selects the alternative of a std::variant

/// Two alternatives of a variant without `discriminator<>` that read the
/// same TOML shape (string, integer, float, boolean, date-time, table, array).
template <class Struct, fixed_string Field, class First, class Second, fixed_string Fix>
struct variant_alternatives_read_the_same_toml_shape;  // strata: keep one alternative per shape, or give a variant of structs discriminator<"key">

/// An optional or a variant as an alternative of a shape-selected variant.
template <class Struct, fixed_string Field, class Alternative>
struct variant_alternative_cannot_be_optional_or_a_variant;  // strata: make the whole field optional instead

/// Two alternatives of a variant field answer to the same tag.
template <class Struct, fixed_string Field, class First, class Second, fixed_string Tag, fixed_string Fix>
struct variant_alternatives_share_a_tag;  // strata: give one `static constexpr std::string_view tag = "...";`

/// A `value<>` whose constant is not of the field's type.
template <class Struct, fixed_string Field, auto Pinned, class Type>
struct pinned_value_has_wrong_type;  // strata: pin bool, numbers, strings, enumerators; variants by tag

/// A `value<>` on a variant that names no alternative's tag.
template <class Struct, fixed_string Field, auto Pinned, class Variant>
struct pinned_value_names_no_alternative;  // strata: value<"tag"> takes the tag of one alternative

/// A `value<>` that breaks one of the field's own constraints.
template <class Struct, fixed_string Field, auto Pinned, class Constraint>
struct pinned_value_breaks_constraint;  // strata: the pinned constant must satisfy the field's constraints

/// Two fields of a struct with the same key in files (`Key`).
template <class Struct, fixed_string Field, fixed_string OtherField, fixed_string Key>
struct two_fields_have_the_same_key;  // strata: give one of them strata::key<"..."> or rename it

/// Two enumerators spelled the same in files.
template <class Enum, fixed_string Name>
struct two_enumerators_have_the_same_name;  // strata: change one strata::enumerator<> of its STRATA_ENUM

/// Two fields (or aliases) from which the same environment variable derives.
template <class Root, fixed_string FirstPath, fixed_string SecondPath, fixed_string Variable, fixed_string Fix>
struct fields_share_an_env_name;  // strata: rename one, change its env_alias<>, or use mapping::tree

}  // namespace strata::detail
