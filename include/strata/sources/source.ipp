// strata/sources/source.ipp: the engine side of the source interface: the
// state of one load that every source's context refers to, reading files
// within limits, building layers node by node, the file-format registry.
#pragma once

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <fstream>
#endif

#include <boost/core/demangle.hpp>

#include <strata/configuration.hpp>
#include <strata/decode/layer.hpp>
#include <strata/decode/trace.ipp>
#include <strata/decode/text.hpp>
#include <strata/detail/add_diagnostic.hpp>
#include <strata/detail/cold.hpp>
#include <strata/detail/message.hpp>
#include <strata/detail/toml.hpp>
#include <strata/report/diagnostic.hpp>
#include <strata/sources/env.hpp>
#include <strata/sources/source.hpp>

namespace strata {
namespace detail {

std::string type_name(const std::type_info& type) { return boost::core::demangle(type.name()); }

/// A group of a composition chosen from above (issue 23's `model=large`
/// from the command line, or an `override` entry of an including file):
/// replaces the group's entry wherever the chain has one.
struct group_choice {
  std::string choice;
  origin where;  ///< where it was made: its problems are reported there
  bool used = false;
};
/// By the group's folder, canonical.
using group_choices = std::map<std::string, group_choice, std::less<>>;

/// Everything one load shares among its sources.
struct load_state {
  load_state(const load_request& r, load_trace& t, diagnostics& out, const env* first)
      : request(r), trace(t), found(out), first_env(first), environment(first, &contributed) {}

  const load_request& request;
  load_trace& trace;
  diagnostics& found;
  const env* first_env;
  /// Variables dotenv files (and other sources) contributed.
  contributed_variables contributed;
  /// The env(...) source's (or the process's) variables over the contributed ones.
  load_environment environment;
  std::string profile;  ///< set by a profile source; "" without one
  /// Every file the load depends on, when asked (configuration::load(files)).
  std::vector<std::filesystem::path>* files = nullptr;
  /// The files the current source added (as given) and composed
  /// (canonical): a source loads a file once.
  std::vector<std::filesystem::path> added, composed;
  /// Group choices given from outside every file (none yet).
  const group_choices* forced_groups = nullptr;
  /// Group choices from the overrides (`model=large`), by the group
  /// folder's name: they beat every file's choice and `override` entry.
  group_choices* named_groups = nullptr;
  /// Every group the composition chose, folder (canonical) -> choice; for `config groups`.
  std::map<std::string, std::string>* chosen_groups = nullptr;

  std::deque<layer>& layers() { return trace.layers; }
  /// Whether the current source loaded `canonical` already.
  bool already_composed(const std::filesystem::path& canonical) {
    for (const std::filesystem::path& p : added) {  // made canonical now that a composition asks
      std::error_code ec;
      std::filesystem::path c = std::filesystem::weakly_canonical(p, ec);
      if (!ec && std::find(composed.begin(), composed.end(), c) == composed.end()) composed.push_back(std::move(c));
    }
    added.clear();
    return std::find(composed.begin(), composed.end(), canonical) != composed.end();
  }
  void note_file(const std::filesystem::path& path) {
    if (files) files->push_back(path);
  }
};

/// What the engine does on behalf of the public context types.
struct context_access {
  static source_context make_context(load_state& s) { return source_context(s); }
  static variables_context make_variables(load_state& s) { return variables_context(s); }
  static load_state& state(source_services& c) { return c.state_; }
  static layer_node node(load_state* s, layer* l, toml::node* n) { return layer_node(s, l, n); }
  static layer* layer_of(const layer_node& n) { return n.layer_; }
};

// --- files --------------------------------------------------------------

/// The message for a file of `bytes` bytes, over max_file_size.
inline std::string too_large_message(std::size_t bytes) {
  return format_message("file is too large: {} bytes, strata reads at most {} MiB", std::to_string(bytes),
                        std::to_string(max_file_size >> 20));
}

/// Reads the whole file into `text` with one open and, for a regular file,
/// one read: a load reads every file again, and system calls cost more than
/// the parsing of a small file.
inline file_status read_text_file(const std::filesystem::path& path, const origin& where, diagnostics& out,
                                  std::string& text) {
  const auto fail = [&](std::string_view message) {
    add_diagnostic(out, severity::error, {}, message, where);
    return file_status::failed;
  };
  const auto too_large = [&] {
    const std::string mib = std::to_string(max_file_size >> 20);
    return fail(format_message("file is too large: more than {} MiB, strata reads at most {} MiB", mib, mib));
  };
#if defined(__unix__) || defined(__APPLE__)
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT || errno == ENOTDIR ? file_status::missing : fail("cannot read the file");
  const struct closer {
    int fd;
    ~closer() { ::close(fd); }
  } guard{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail("cannot read the file");
  if (S_ISDIR(info.st_mode)) return fail("is a directory, not a file");
  const bool regular = S_ISREG(info.st_mode);
  const auto size = static_cast<std::size_t>(info.st_size);
  if (regular && size > max_file_size) return fail(too_large_message(size));
  // Straight into `text`. A FIFO or a device has no size: read in blocks,
  // at most one block past the limit.
  const std::size_t block = regular && size > 0 ? size : 65536;
  const std::size_t start = text.size();
  for (;;) {
    const std::size_t had = text.size();
    text.resize(had + block);
    const ssize_t got = ::read(fd, text.data() + had, block);
    text.resize(had + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return fail("cannot read the file");
    if (got == 0 || (regular && text.size() - start >= size && size > 0)) break;
    if (text.size() - start > max_file_size) return too_large();
  }
  if (text.size() - start > max_file_size) return too_large();
  return file_status::ok;
#else
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return file_status::missing;
  if (std::filesystem::is_directory(path, ec)) return fail("is a directory, not a file");
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_file_size)
    return fail(too_large_message(size));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read the file");
  char buffer[65536];
  const std::size_t start = text.size();
  while (in && text.size() - start <= max_file_size) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return fail("cannot read the file");
  if (text.size() - start > max_file_size) return too_large();
  return file_status::ok;
#endif
}

// --- formats ------------------------------------------------------------

/// The formats composition knows, TOML first.
class format_registry {
 public:
  void add(const file_format& f) {
    std::lock_guard lock(mutex_);
    for (const file_format* known : formats_)
      if (known == &f) return;
    formats_.push_back(&f);
  }
  /// The format of a file, by its extension; null when none has it.
  const file_format* by_extension(std::string_view extension) const {
    std::lock_guard lock(mutex_);
    for (const file_format* f : formats_)
      for (std::string_view e : f->extensions)
        if (e == extension) return f;
    return nullptr;
  }
  /// Every extension, in registration order.
  std::vector<std::string_view> extensions() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string_view> out;
    for (const file_format* f : formats_)
      for (std::string_view e : f->extensions)
        if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<const file_format*> formats_;
};

extern const file_format toml_format;

inline format_registry& formats() {
  static format_registry registry;
  static const bool with_toml = (registry.add(toml_format), true);
  (void)with_toml;
  return registry;
}

// --- building layers ----------------------------------------------------

/// Where a built node goes: a key of a table, or the end of a list. Nodes
/// come as rvalues of a few types and keys as std::string_view values, here,
/// in the env layer and in the override layer: each other combination would
/// compile toml++'s insertion templates again.
struct node_target {
  toml::table* table = nullptr;
  std::string_view key;
  toml::array* array = nullptr;

  toml::node* existing() const { return table ? table->get(key) : nullptr; }
  template <class N>
    requires(!std::is_reference_v<N>)
  toml::node* put(N&& node) const {
    if (table) return &table->insert_or_assign(std::string_view(key), std::move(node)).first->second;
    array->push_back(std::move(node));
    return &array->back();
  }
  void erase() const {
    if (table) table->erase(key);
    else array->pop_back();
  }
};

/// A value in the grammar of overrides at `at`: arrays and tables are
/// parsed as TOML inline values; every other value stays the text it was
/// given (a TOML string is unquoted first): then `*bare` is set.
inline toml::node* put_literal(const node_target& at, std::string_view raw, bool* bare = nullptr) {
  const std::string_view text = trim(raw);
  if (!text.empty() && (text.front() == '[' || text.front() == '{' || text.front() == '"' || text.front() == '\'') &&
      !may_nest_deeper(text, max_nesting_depth)) {  // deeper: toml++ could overflow the stack; a bare string
    try {
      toml::table parsed = toml::parse(std::string("v = ") + std::string(text) + "\n");
      if (parsed.size() == 1) {
        if (auto* a = parsed.get_as<toml::array>("v")) return at.put(std::move(*a));
        if (auto* t = parsed.get_as<toml::table>("v")) return at.put(std::move(*t));
        if (auto* s = parsed.get_as<std::string>("v")) return at.put(std::move(s->get()));
      }
    } catch (const toml::parse_error&) {
      // not a TOML literal: a bare string
    }
  }
  if (bare) *bare = true;
  return at.put(std::string(text));
}

/// Every node of `n`'s subtree gets `place` (with its own name): a literal's
/// parsed list or table, whose parts are text like the whole.
inline void mark_subtree(node_origins& origins, const toml::node& n, const node_origins::place& p) {
  origins.add(&n, p);
  if (auto t = n.as_table())
    for (auto&& [k, child] : *t) mark_subtree(origins, child, p);
  else if (auto a = n.as_array())
    for (const toml::node& child : *a) mark_subtree(origins, child, p);
}

STRATA_COLD inline void report_node_misuse(load_state& s, const layer& l, std::string_view what,
                                           const location& at) {
  add_diagnostic(s.found, severity::error, {},
                 format_message("a source {} (a mistake of the source, not of the configuration)", what),
                 origin{l.kind, at.name.empty() ? l.name : std::string(at.name), at.line, at.column});
}

STRATA_COLD inline void report_duplicate(load_state& s, const layer& l, std::string_view key,
                                         const toml::node& first, const location& at) {
  const origin before = l.origin_of(first);
  const origin here{l.kind, at.name.empty() ? l.name : std::string(at.name), at.key_line ? at.key_line : at.line,
                    at.key_line ? at.key_column : at.column};
  add_diagnostic(s.found, severity::error, {}, format_message("duplicate key '{}'", capped(key)), here,
                 before.line > 0 ? format_message("first set at line {}", std::to_string(before.line))
                                 : std::string_view{});
}

/// Records where a built node came from, when the caller said.
inline void note_place(layer& l, const toml::node* n, const location& at, bool text) {
  if (at.line == 0 && at.name.empty() && at.key_line == 0 && !text) return;
  l.origins.add(n, {at.name, {}, at.line, at.column, at.key_line, at.key_column, text});
}

/// Puts a scalar at `target` and records its place.
inline void put_scalar(layer& l, const node_target& target, const scalar& v, const location& at) {
  toml::node* n = nullptr;
  switch (v.what()) {
    case scalar::kind::string: n = target.put(std::string(v.string())); break;
    case scalar::kind::text:
      n = target.put(std::string(v.string()));
      l.bare.push_back(n);
      break;
    case scalar::kind::literal: {
      bool bare = false;
      n = put_literal(target, v.string(), &bare);
      if (bare) l.bare.push_back(n);
      mark_subtree(l.origins, *n, {at.name, {}, at.line, at.column, at.key_line, at.key_column, true});
      return;
    }
    case scalar::kind::integer: n = target.put(toml::value<std::int64_t>(v.integer())); break;
    case scalar::kind::floating: n = target.put(toml::value<double>(v.floating())); break;
    case scalar::kind::boolean: n = target.put(toml::value<bool>(v.boolean())); break;
    case scalar::kind::date: {
      const auto d = v.date_value();
      n = target.put(toml::value<toml::date>(toml::date{d.year, d.month, d.day}));
      break;
    }
    case scalar::kind::time: {
      const auto t = v.time_value();
      n = target.put(toml::value<toml::time>(toml::time{t.hour, t.minute, t.second, t.nanosecond}));
      break;
    }
    case scalar::kind::date_time: {
      const auto d = v.date_value();
      const auto t = v.time_value();
      toml::date_time dt{toml::date{d.year, d.month, d.day}, toml::time{t.hour, t.minute, t.second, t.nanosecond}};
      if (v.utc_offset()) dt.offset = toml::time_offset{0, *v.utc_offset()};  // (hours, minutes)
      n = target.put(toml::value<toml::date_time>(dt));
      break;
    }
  }
  note_place(l, n, at, v.what() == scalar::kind::text);
}

}  // namespace detail

// --- layer_node -----------------------------------------------------------

namespace {
toml::table* as_table(void* n) { return n ? static_cast<toml::node*>(n)->as_table() : nullptr; }
toml::array* as_array(void* n) { return n ? static_cast<toml::node*>(n)->as_array() : nullptr; }
}  // namespace

bool layer_node::is_table() const noexcept { return as_table(node_) != nullptr; }
bool layer_node::is_list() const noexcept { return as_array(node_) != nullptr; }

bool layer_node::contains(std::string_view key) const {
  const toml::table* t = as_table(node_);
  return t && t->contains(key);
}

layer_node layer_node::table(std::string_view key, const location& at) const {
  toml::table* t = as_table(node_);
  if (!t) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "asked a list for a keyed table", at);
    return {};
  }
  if (toml::node* existing = t->get(key)) {
    if (existing->is_table()) return layer_node(state_, layer_, existing);
    detail::report_duplicate(*state_, *layer_, key, *existing, at);
    return {};
  }
  toml::node* n = detail::node_target{t, key, nullptr}.put(toml::table{});
  detail::note_place(*layer_, n, at, false);
  return layer_node(state_, layer_, n);
}

layer_node layer_node::list(std::string_view key, const location& at) const {
  toml::table* t = as_table(node_);
  if (!t) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "asked a list for a keyed list", at);
    return {};
  }
  if (const toml::node* existing = t->get(key)) {
    detail::report_duplicate(*state_, *layer_, key, *existing, at);
    return {};
  }
  toml::node* n = detail::node_target{t, key, nullptr}.put(toml::array{});
  detail::note_place(*layer_, n, at, false);
  return layer_node(state_, layer_, n);
}

void layer_node::set(std::string_view key, const scalar& value, const location& at) const {
  toml::table* t = as_table(node_);
  if (!t) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "put a keyed value into a list", at);
    return;
  }
  if (const toml::node* existing = t->get(key)) return detail::report_duplicate(*state_, *layer_, key, *existing, at);
  detail::put_scalar(*layer_, detail::node_target{t, key, nullptr}, value, at);
}

layer_node layer_node::add_table(const location& at) const {
  toml::array* a = as_array(node_);
  if (!a) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "added a table to a table without a key", at);
    return {};
  }
  toml::node* n = detail::node_target{nullptr, {}, a}.put(toml::table{});
  detail::note_place(*layer_, n, at, false);
  return layer_node(state_, layer_, n);
}

layer_node layer_node::add_list(const location& at) const {
  toml::array* a = as_array(node_);
  if (!a) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "added a list to a table without a key", at);
    return {};
  }
  toml::node* n = detail::node_target{nullptr, {}, a}.put(toml::array{});
  detail::note_place(*layer_, n, at, false);
  return layer_node(state_, layer_, n);
}

void layer_node::add(const scalar& value, const location& at) const {
  toml::array* a = as_array(node_);
  if (!a) {
    if (node_) detail::report_node_misuse(*state_, *layer_, "added a value to a table without a key", at);
    return;
  }
  detail::put_scalar(*layer_, detail::node_target{nullptr, {}, a}, value, at);
}

// --- contexts -------------------------------------------------------------

void register_file_format(const file_format& format) { detail::formats().add(format); }

file_status source_services::read_file(const std::filesystem::path& path, std::string& text) {
  state_.note_file(path);
  return detail::read_text_file(path, origin{origin_kind::file, path.string()}, state_.found, text);
}

void source_services::watch_file(const std::filesystem::path& path) { state_.note_file(path); }

std::optional<std::string_view> source_services::variable(std::string_view name) const {
  return state_.environment.find(name);
}

std::string_view source_services::section() const { return state_.request.section; }

void source_services::error(std::string_view message, const origin& where, std::string_view hint) {
  detail::add_diagnostic(state_.found, severity::error, {}, message, where, hint);
}

void source_services::warning(std::string_view message, const origin& where, std::string_view hint) {
  detail::add_diagnostic(state_.found, severity::warning, {}, message, where, hint);
}

void source_services::report(diagnostic d) { state_.found.push_back(std::move(d)); }

layer_node source_context::add_layer(std::string_view name, const layer_options& options) {
  detail::layer& l = state_.layers().emplace_back();
  l.kind = options.file ? origin_kind::file : origin_kind::source;
  l.name = std::string(name);
  l.interpolate = options.interpolate;
  if (options.file) state_.note_file(std::filesystem::path(l.name));
  return detail::context_access::node(&state_, &l, &l.root);
}

void variables_context::set(std::string_view name, std::string_view value, const origin& where) {
  state_.contributed.set(name, value, where);
}

}  // namespace strata
