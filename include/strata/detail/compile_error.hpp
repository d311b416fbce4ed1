// strata/detail/compile_error.hpp: compile-time errors whose first line says
// what is wrong, where, and how to fix it, with g++ and with clang.
//
// A static_assert message must be a string literal in C++20, so it cannot
// name the struct or the field, and g++ prints nothing else on the error
// line. What both compilers do print on the error line is a type whose use
// fails. So every problem strata reports at compile time is a class template
// that is declared and never defined, named for the problem and
// parameterized by where it is and what is involved:
//
//   template <class Struct, fixed_string Field, class Type, fixed_string Fix>
//   struct field_type_not_supported;  // this line, comment included, is shown too
//
// A check computes the problem as a type (void when there is none) without
// instantiating it, and the function the user's static_assert calls reports
// it, so the instantiation trace stays short:
//
//   if constexpr (!std::is_void_v<problem>) {
//     using reported [[maybe_unused]] = typename detail::compile_error<problem>::type;
//   }
//
// The first error line is then, with g++ 12 and clang 19:
//
//   error: invalid use of incomplete type 'struct strata::detail::field_type_not_supported<
//          app::Server, strata::fixed_string<6>{"ports"}, std::set<int>, ...>'
//   error: implicit instantiation of undefined template 'strata::detail::field_type_not_supported<
//          app::Server, fixed_string<6>{"ports"}, std::set<int>, ...>'
//
// Rules for a new problem template (docs/diagnostics.md lists them all):
//   - its name says what is wrong; its first arguments say where (the struct
//     type, then the field: `fixed_string` of the member name as declared,
//     or of a dotted path); then what is involved (types, constants); last a
//     short hint when there is a way out;
//   - strings of at most 36 characters (`fits_in_a_diagnostic`): clang
//     prints longer ones as their first 34 characters and "[...]";
//   - keep the fix in words in a comment on the declaration line: both
//     compilers quote that line;
//   - report it through a type alias, never an expression: clang would also
//     reject the static_assert that called the check, a second error;
//   - add its compile-fail case with `strata_compile_fail` in
//     tests/CMakeLists.txt.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <strata/declare/fixed_string.hpp>

namespace strata::detail {

/// Reports `Problem`, a declared but undefined class template specialization
/// named for the problem: instantiating this fails on the base class, so the
/// compiler's error line spells out Problem with all its arguments.
template <class Problem>
struct compile_error : Problem {  // strata: the problem and where it is are in the arguments; see docs/diagnostics.md
  using type = void;
};

/// The first of `Problems` that is not void, or void: checks compute every
/// candidate problem as a type and report the first.
template <class... Problems>
struct first_problem {
  using type = void;
};
template <class Problem, class... Rest>
struct first_problem<Problem, Rest...>
    : std::conditional_t<std::is_void_v<Problem>, first_problem<Rest...>, std::type_identity<Problem>> {};
template <class... Problems>
using first_problem_t = typename first_problem<Problems...>::type;

/// The longest text clang 19 prints whole inside a template argument.
inline constexpr std::size_t diagnostic_text_limit = 36;

/// Whether a hint or name is short enough to be printed whole by both compilers.
constexpr bool fits_in_a_diagnostic(std::string_view text) { return text.size() <= diagnostic_text_limit; }

/// An exact-size copy of `text` (`N` = its length) as a template argument.
/// Every character is written, terminator first, so both compilers print it
/// as a string rather than a list of character codes.
template <std::size_t N>
constexpr fixed_string<N + 1> exact(std::string_view text) {
  fixed_string<N + 1> out;
  out.data[N] = '\0';
  for (std::size_t i = 0; i < N; ++i) out.data[i] = text[i];
  return out;
}

}  // namespace strata::detail
