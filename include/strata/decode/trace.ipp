// strata/decode/trace.ipp: what a load keeps to say where each value came
// from. The decoder adds one entry per value set: the step of its path and
// the node it was read from. Paths become text, and nodes become `origin`s,
// only when a result is asked for them.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include <strata/decode/layer.hpp>
#include <strata/detail/interpolate.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/schema/paths.hpp>

namespace strata::detail {

/// One step of a path: a struct member, a map key, a list index, or the
/// root (the section path as written). Keys point into the schema or into
/// the layers the trace keeps, so a step copies no text.
struct path_step {
  enum class kind : std::uint8_t { root, member, key, index };
  const char* key = nullptr;
  std::uint32_t size_or_index = 0;  ///< the key's size, or the list index
  kind what = kind::root;

  static path_step of(std::string_view key, kind what) {
    return {key.data(), static_cast<std::uint32_t>(key.size()), what};
  }
  static path_step of(std::size_t index) { return {nullptr, static_cast<std::uint32_t>(index), kind::index}; }
  std::string_view text() const { return {key, size_or_index}; }
};

inline void append_step(std::string& path, const path_step& step, std::size_t key_limit = std::string_view::npos) {
  switch (step.what) {
    case path_step::kind::root: path += step.text(); return;
    case path_step::kind::member:  // a key<> may be any text: quoted like a map key when not bare
    case path_step::kind::key: return append_key(path, step.text(), key_limit);
    case path_step::kind::index: return append_index(path, step.size_or_index);
  }
}

/// One step of a path in the trace and, for a value that was set, where it
/// came from: the node it was read from (and the layer's position in
/// load_trace::layers), or an origin kept whole (pinned values, variant
/// tags). Steps chain to the root; a value's entry is its own last step, so
/// recording a value adds one entry. Large configurations record thousands:
/// the layout keeps an entry at 32 bytes.
struct trace_entry {
  static constexpr std::uint32_t none = ~std::uint32_t{0};
  const char* key = nullptr;  ///< path_step's
  const toml::node* node = nullptr;
  std::uint32_t size_or_index = 0;
  std::uint32_t parent = none;
  std::uint32_t whole = none;  ///< index in load_trace::whole when the origin is kept whole
  std::uint32_t source : 24;   ///< layer::position (a load reads far fewer than 2^24 sources)
  std::uint32_t what : 2;      ///< path_step::kind
  std::uint32_t secret : 1;
  std::uint32_t interpolated : 1;  ///< a file string with `${...}`: the origin names the variables

  trace_entry(const path_step& step, std::uint32_t parent_entry, std::uint32_t whole_origin = none,
              const toml::node* n = nullptr, const layer* from = nullptr, bool is_secret = false,
              bool is_interpolated = false)
      : key(step.key),
        node(n),
        size_or_index(step.size_or_index),
        parent(parent_entry),
        whole(whole_origin),
        source(from ? from->position & 0xFFFFFFu : 0),  // fits: see `source` above
        what(static_cast<std::uint32_t>(step.what) & 3u),
        secret(is_secret),
        interpolated(is_interpolated) {}
  path_step step() const { return {key, size_or_index, static_cast<path_step::kind>(what)}; }
  bool recorded() const { return node || whole != none; }
};
static_assert(sizeof(trace_entry) == 32);

/// What a result keeps of its load: the layers (origins point into them)
/// and the origin of every value set, in load order (later entries win).
/// Paths become text once, when the first origin is asked for.
struct load_trace {
  std::deque<layer> layers;
  std::string root;  ///< the section the load reads
  std::vector<trace_entry> entries;
  std::vector<origin> whole;

  mutable std::once_flag rendered_once;
  mutable std::string rendered;             ///< every entry's path, in entry order
  mutable std::vector<std::uint32_t> ends;  ///< where each entry's path ends in `rendered`
};

inline void render_path(const std::vector<trace_entry>& entries, std::uint32_t id, std::string& out) {
  boost::container::small_vector<std::uint32_t, 16> chain;
  for (; id != trace_entry::none; id = entries[id].parent) chain.push_back(id);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) append_step(out, entries[*it].step());
}

/// Where a slot's value came from. For a secret set by an argument or an
/// override, the text after '=' (the secret itself) is left out.
inline origin where(const slot& s, bool secret) {
  origin o = s.source->origin_of(*s.node);
  const bool argument = o.kind == origin_kind::args || o.kind == origin_kind::overrides;
  if (const auto eq = o.name.find('='); secret && argument && eq != std::string::npos)
    o.name.replace(eq + 1, std::string::npos, "<redacted>");
  return o;
}

/// The origin of an interpolated file string: its place, via the variables it reads.
inline origin where_interpolated(const slot& s, bool secret) {
  origin o = where(s, secret);
  o.via = referenced_variables(s.node->as_string()->get());
  return o;
}

inline origin resolve(const load_trace& trace, const trace_entry& e) {
  if (!e.node) return trace.whole[e.whole];
  const slot s{e.node, &trace.layers[e.source]};
  return e.interpolated ? where_interpolated(s, e.secret) : where(s, e.secret);
}

inline std::string_view path_of_rendered(const load_trace& trace, std::size_t entry) {
  const std::uint32_t begin = entry ? trace.ends[entry - 1] : 0;
  return std::string_view(trace.rendered).substr(begin, trace.ends[entry] - begin);
}

/// Entry `entry`'s path as text.
inline std::string_view path_of(const load_trace& trace, std::size_t entry) {
  std::call_once(trace.rendered_once, [&] {  // parents come before their children
    trace.ends.reserve(trace.entries.size());
    std::string path;
    for (const trace_entry& e : trace.entries) {
      path.clear();
      if (e.parent != trace_entry::none) path = path_of_rendered(trace, e.parent);
      append_step(path, e.step());
      trace.rendered += path;
      trace.ends.push_back(static_cast<std::uint32_t>(trace.rendered.size()));
    }
  });
  return path_of_rendered(trace, entry);
}

std::optional<origin> recorded_origin(const load_trace& trace, std::string_view path) {
  for (std::size_t i = trace.entries.size(); i-- > 0;)
    if (trace.entries[i].recorded() && path_of(trace, i) == path) return resolve(trace, trace.entries[i]);
  return std::nullopt;
}

std::vector<std::pair<std::string, origin>> recorded_origins(const load_trace& trace) {
  std::vector<std::pair<std::string, origin>> out;
  for (std::size_t i = 0; i < trace.entries.size(); ++i)
    if (trace.entries[i].recorded()) out.emplace_back(path_of(trace, i), resolve(trace, trace.entries[i]));
  return out;
}

}  // namespace strata::detail
