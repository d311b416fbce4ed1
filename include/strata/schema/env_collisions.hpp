// strata/schema/env_collisions.hpp: two fields of a schema that derive the
// same environment variable, found at compile time.
//
// The names are those of schema/env_names.hpp (the loader's, walked over
// the shape tables at run time), derived here from the types themselves:
// then `check_schema<T>()` where T is declared (STRATA_CHECK) costs neither
// the shape tables nor their header. tests/env_names.cpp checks that both
// walks list the same names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <strata/declare/configured.hpp>
#include <strata/detail/compile_error.hpp>
#include <strata/schema/problems.hpp>
#include <strata/schema/static_string.hpp>
#include <strata/schema/traits.hpp>

namespace strata {

/// What `env_name<T>` returns.
using env_name_string = static_string<256>;

namespace detail {

constexpr char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

constexpr void append_upper(env_name_string& out, std::string_view key) {
  for (char c : key) out.push_back(to_upper(c));
}

/// The dotted path of a field, as env names are listed with.
using env_path = static_string<200>;

/// The first two paths deriving the same variable name, if any.
struct env_collision {
  bool found = false;
  env_path first, second;
  env_name_string name;
};

constexpr std::uint64_t fnv1a_basis = 1469598103934665603ull;
constexpr std::uint64_t fnv1a_step(std::uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
constexpr std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = fnv1a_basis;
  for (char c : s) h = fnv1a_step(h, c);
  return h;
}

/// A name's hash and its position in the walk.
using name_hash = std::pair<std::uint64_t, std::size_t>;

/// A walk over every static name of a schema, in a fixed order. It hashes
/// each name as it goes and records the hashes; it spells names and paths
/// out only when asked to keep two of them, which happens once, for a
/// collision: constant evaluation is slow, so the check of a sound schema
/// is one pass that writes no strings. One type for every walk, so each
/// struct's walk is instantiated once.
struct env_name_walk {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // what to do
  std::vector<name_hash>* hashes = nullptr;  ///< (hash, position) of each name
  std::size_t keep_first = none, keep_second = none;  ///< positions to spell out into `kept`
  env_collision* kept = nullptr;
  env_name_string second_name;

  // where it is
  std::size_t count = 0;  ///< names visited
  std::size_t depth = 0;  ///< segments below the root
  std::uint64_t hash = fnv1a_basis;
  env_name_string name;
  env_path path;

  constexpr bool spelling() const { return kept != nullptr; }

  /// Starts at the root: every name begins with `prefix`.
  constexpr void start(std::string_view prefix) {
    hash = fnv1a(prefix);
    if (spelling()) name = env_name_string(prefix);
  }

  struct mark {
    std::uint64_t hash;
    std::size_t name, path;
  };
  /// Goes down one segment: `sep` and KEY in the name (no `sep` at the
  /// root), `.key` in the path.
  constexpr mark enter(std::string_view sep, std::string_view key) {
    const mark m{hash, name.size(), path.size()};
    if (depth++ > 0) {
      for (char c : sep) hash = fnv1a_step(hash, c);
      if (spelling()) name.append(sep), path.push_back('.');
    }
    for (char c : key) hash = fnv1a_step(hash, to_upper(c));
    if (spelling()) append_upper(name, key), path.append(key);
    return m;
  }
  constexpr void leave(const mark& m) {
    --depth;
    hash = m.hash;
    if (spelling()) name.truncate(m.name), path.truncate(m.path);
  }

  /// The name here, or an alias (unprefixed) of the field here.
  constexpr void visit() { record(hash, name.view()); }
  constexpr void visit_alias(std::string_view alias) { record(fnv1a(alias), alias); }

 private:
  constexpr void record(std::uint64_t h, std::string_view spelled) {
    if (hashes) hashes->push_back({h, count});
    if (count == keep_first) kept->first = path, kept->name = env_name_string(spelled);
    if (count == keep_second) kept->second = path, second_name = env_name_string(spelled);
    ++count;
  }
};

/// The first env_alias<...> of an annotation list, or void (only one counts).
template <class L>
struct first_env_alias {
  using type = void;
};
template <template <class...> class L, class A, class... R>
struct first_env_alias<L<A, R...>> {
  using type = std::conditional_t<requires { typename A::strata_env_alias_tag; }, A,
                                  typename first_env_alias<L<R...>>::type>;
};

template <class S>
constexpr void env_names_of_struct(env_name_walk& walk, std::string_view sep);

/// The names below a member of type V: a nested struct's, an optional
/// one's, a variant's tag and alternatives'. List and map elements carry an
/// index or key known only at run time.
template <class V>
constexpr void env_names_below(env_name_walk& walk, std::string_view sep, std::string_view discriminator) {
  if constexpr (is_optional<V>) {
    env_names_below<typename V::value_type>(walk, sep, discriminator);
  } else if constexpr (is_described_struct<V>) {
    env_names_of_struct<V>(walk, sep);
  } else if constexpr (is_struct_variant<V>) {
    // chosen by shape (no discriminator): one variable holds the whole value
    if (discriminator.empty()) return;
    // the tag, then each alternative's fields at the same level (shared
    // names of several alternatives share one path, so they do not collide)
    const auto m = walk.enter(sep, discriminator);
    walk.visit();
    walk.leave(m);
    [&]<class... A>(std::variant<A...>*) {
      (env_names_of_struct<A>(walk, sep), ...);
    }(static_cast<V*>(nullptr));
  }
}

template <class S>
constexpr void env_names_of_struct(env_name_walk& walk, std::string_view sep) {
  for_each_member<S>([&](auto d) {
    using D = decltype(d);
    using F = std::remove_cvref_t<decltype(std::declval<S&>().*D::pointer)>;
    const auto m = walk.enter(sep, key_of(D::name));
    walk.visit();
    if constexpr (is_annotated<F>) {
      using alias = typename first_env_alias<annotations_of<F>>::type;
      if constexpr (!std::is_void_v<alias>) alias::each_name([&](std::string_view n) { walk.visit_alias(n); });
      using discriminator = typename find_discriminator<annotations_of<F>>::type;
      if constexpr (std::is_void_v<discriminator>) env_names_below<value_type_of<F>>(walk, sep, {});
      else env_names_below<value_type_of<F>>(walk, sep, discriminator::key);
    } else {
      env_names_below<F>(walk, sep, {});
    }
    walk.leave(m);
  });
}

/// automatic mapping: flat when every member of the root is a scalar.
template <class T>
constexpr bool all_members_scalar() {
  bool all = true;
  for_each_member<T>([&](auto d) {
    using F = std::remove_cvref_t<decltype(std::declval<T&>().*decltype(d)::pointer)>;
    all = all && is_scalar<value_type_of<F>>;
  });
  return all;
}

/// The separator of root T's names: "_" under flat mapping, "__" under tree.
template <class T>
constexpr std::string_view env_separator_of_types() {
  constexpr mapping chosen = options_of<T>().mapping;
  const bool flat = chosen == mapping::flat || (chosen == mapping::automatic && all_members_scalar<T>());
  return flat ? "_" : "__";
}

/// Walks every static name of root T.
template <class T>
constexpr void walk_env_names(env_name_walk& walk) {
  walk.start(options_of<T>().prefix);
  env_names_of_struct<T>(walk, env_separator_of_types<T>());
}

/// Heap sort: O(n log n) steps, since a wide schema has hundreds of names and
/// constant evaluation counts every step (clang stops at about a million), and
/// no <algorithm>, which the declaring file would pay for.
constexpr void sift_down(std::vector<name_hash>& v, std::size_t root, std::size_t end) {
  for (std::size_t child; (child = 2 * root + 1) < end; root = child) {
    if (child + 1 < end && v[child] < v[child + 1]) ++child;
    if (!(v[root] < v[child])) return;
    std::swap(v[root], v[child]);
  }
}
constexpr void sort_hashes(std::vector<name_hash>& v) {
  for (std::size_t i = v.size() / 2; i-- > 0;) sift_down(v, i, v.size());
  for (std::size_t end = v.size(); end-- > 1;) {
    std::swap(v[0], v[end]);
    sift_down(v, 0, end);
  }
}

template <class T>
constexpr env_collision find_env_collision() {
  std::vector<name_hash> hashes;
  env_name_walk hasher;
  hasher.hashes = &hashes;
  walk_env_names<T>(hasher);
  sort_hashes(hashes);
  for (std::size_t k = 1; k < hashes.size(); ++k) {
    if (hashes[k].first != hashes[k - 1].first) continue;
    env_collision c;
    env_name_walk keeper;
    keeper.keep_first = hashes[k - 1].second;  // positions are unique, so the pair sorts by them
    keeper.keep_second = hashes[k].second;
    keeper.kept = &c;
    walk_env_names<T>(keeper);
    if (c.name.view() == keeper.second_name.view() && c.first.view() != c.second.view()) {  // not a hash accident
      c.found = true;
      return c;
    }
  }
  return {};
}

/// Evaluated once per type: clang evaluates a function's local constexpr
/// variables again each time the function is evaluated.
template <class T>
inline constexpr env_collision env_collision_v = find_env_collision<T>();

template <class T>
constexpr auto env_name_problem_of() {
  constexpr const env_collision& clash = env_collision_v<T>;
  if constexpr (clash.found) {
    return std::type_identity<fields_share_an_env_name<
        T, exact<clash.first.size()>(clash.first.view()), exact<clash.second.size()>(clash.second.view()),
        exact<clash.name.size()>(clash.name.view()), "rename one or use mapping::tree">>{};
  } else {
    return std::type_identity<void>{};
  }
}

/// Two fields of root T deriving one variable, as a compile-time problem
/// (schema/problems.hpp), or void.
template <class T>
using env_name_problem = typename decltype(env_name_problem_of<T>())::type;

}  // namespace detail
}  // namespace strata
