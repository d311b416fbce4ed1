// strata/sources/source.hpp: the source interface. A source is any type
// with a member `void read(strata::source_context&) const`; through the
// context it adds layers (trees of tables, lists and values, each value with
// its origin), reads files within strata's limits, reads the load's
// environment and reports problems. `configuration(...)` takes built-in and
// user sources alike. Optional capabilities, found by their members:
//
//   void add_variables(strata::variables_context&) const;   // contributes environment variables (dotenv)
//   void watch(std::stop_token, strata::change_notifier&) const;  // tells live<T> when it changed
//   std::string name() const;                                // how messages name the source
//
// This header needs neither toml++ nor the engine's headers; what it
// declares is compiled with the engine (<strata/src.hpp>). See
// docs/sources.md, "Writing a source".
#pragma once

#include <concepts>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <type_traits>

#include <strata/report/diagnostic.hpp>

namespace strata {

namespace detail {
struct layer;
struct load_state;
struct context_access;
}  // namespace detail

/// Tag for `toml_file(path, strata::optional)` (and every file source): a
/// missing file is skipped.
struct optional_t {
  explicit constexpr optional_t() = default;
};
inline constexpr optional_t optional{};

/// Tag for `toml_file(path, strata::no_interpolation)` (and every file
/// source): `${...}` in the file's strings is text (templates, prompts,
/// shell snippets), for the file and what its `defaults` list composes.
struct no_interpolation_t {
  explicit constexpr no_interpolation_t() = default;
};
inline constexpr no_interpolation_t no_interpolation{};

/// How `source_context::add_file` reads a file.
struct file_options {
  bool skip_if_missing = false;  ///< a missing file is skipped, not an error
  bool interpolate = true;       ///< `${...}` in its strings is resolved
};

/// One value a source puts into a layer. A string is a typed string, as in
/// a TOML file (into an `int` field it is an error); `scalar::text` is text
/// that the field's own type parses, as an environment variable is
/// (`"8080"` into an `int`, `"30s"` into a duration, `"NO"` into a string).
/// Holds views: the text must outlive the call that adds it.
class scalar {
 public:
  enum class kind : unsigned char { string, text, literal, integer, floating, boolean, date, time, date_time };
  /// A calendar date of a `date` or `date_time` scalar.
  struct date_parts {
    int year = 1970;
    unsigned month = 1, day = 1;
  };
  /// A time of day of a `time` or `date_time` scalar.
  struct time_parts {
    unsigned hour = 0, minute = 0, second = 0, nanosecond = 0;
  };

  scalar(bool b) noexcept : kind_(kind::boolean), boolean_(b) {}
  /// Integers beyond std::int64_t are kept as their digits, as text.
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  scalar(I i) noexcept {
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
      if (i > static_cast<std::uint64_t>(INT64_MAX)) {
        set_digits(static_cast<std::uint64_t>(i));
        return;
      }
    }
    kind_ = kind::integer;
    integer_ = static_cast<std::int64_t>(i);
  }
  scalar(double d) noexcept : kind_(kind::floating), floating_(d) {}
  scalar(float f) noexcept : kind_(kind::floating), floating_(f) {}
  scalar(std::string_view s) noexcept : kind_(kind::string), text_(s) {}
  scalar(const char* s) noexcept : kind_(kind::string), text_(s) {}
  scalar(const std::string& s) noexcept : kind_(kind::string), text_(s) {}

  /// Text, parsed by the field's type (env and command-line values are text).
  static scalar text(std::string_view s) noexcept {
    scalar v(s);
    v.kind_ = kind::text;
    return v;
  }
  /// A value in the grammar of overrides: `[1, 2]` and `{a = 1}` are TOML
  /// inline lists and tables, `"x y"` a quoted string, anything else text.
  static scalar literal(std::string_view s) noexcept {
    scalar v(s);
    v.kind_ = kind::literal;
    return v;
  }
  /// A TOML local date.
  static scalar date(date_parts d) noexcept {
    scalar v(false);
    v.kind_ = kind::date;
    v.date_ = d;
    return v;
  }
  /// A TOML local time.
  static scalar time(time_parts t) noexcept {
    scalar v(false);
    v.kind_ = kind::time;
    v.time_ = t;
    return v;
  }
  /// A TOML date-time: local without `utc_offset_minutes`, else offset.
  static scalar date_time(date_parts d, time_parts t, std::optional<int> utc_offset_minutes = std::nullopt) noexcept {
    scalar v(false);
    v.kind_ = kind::date_time;
    v.date_ = d;
    v.time_ = t;
    v.offset_ = utc_offset_minutes;
    return v;
  }

  kind what() const noexcept { return kind_; }
  std::string_view string() const noexcept { return kind_ == kind::text && digits_[0] ? std::string_view(digits_) : text_; }
  std::int64_t integer() const noexcept { return integer_; }
  double floating() const noexcept { return floating_; }
  bool boolean() const noexcept { return boolean_; }
  date_parts date_value() const noexcept { return date_; }
  time_parts time_value() const noexcept { return time_; }
  std::optional<int> utc_offset() const noexcept { return offset_; }

 private:
  void set_digits(std::uint64_t u) noexcept {
    char reversed[24];
    int n = 0;
    do reversed[n++] = static_cast<char>('0' + u % 10);
    while ((u /= 10) != 0);
    for (int i = 0; i < n; ++i) digits_[i] = reversed[n - 1 - i];
    digits_[n] = '\0';
    kind_ = kind::text;
  }

  kind kind_ = kind::string;
  bool boolean_ = false;
  std::int64_t integer_ = 0;
  double floating_ = 0;
  std::string_view text_;
  date_parts date_{};
  time_parts time_{};
  std::optional<int> offset_;
  char digits_[24] = {};
};

/// Where a value of a layer is. For a file, its line and column (1-based)
/// and those of its key, when the value is a table entry (unknown-key
/// errors point at the key, type errors at the value); for a source that
/// is not a file, `name` gives this value a name of its own
/// (`vault:secret/app#db.password`). Empty: the layer's name alone.
struct location {
  int line = 0, column = 0;
  int key_line = 0, key_column = 0;
  std::string_view name = {};
};

/// A table or a list of a layer being built: what `source_context::add_layer`
/// returns, and what its members return for nested tables and lists. A
/// cheap handle, valid while the source's `read()` runs. Every problem
/// (a key given twice, a table where a value is, a keyed value put into a
/// list) is reported as an error at the value's location and leaves the
/// layer as it was; the handle returned is then empty and ignores what is
/// put into it.
class layer_node {
 public:
  layer_node() = default;

  /// The table `key` of this table, created if absent (so flat stores can
  /// add `db.host` and `db.port` one by one).
  layer_node table(std::string_view key, const location& at = {}) const;
  /// A new list at `key`.
  layer_node list(std::string_view key, const location& at = {}) const;
  /// The value at `key`.
  void set(std::string_view key, const scalar& value, const location& at = {}) const;
  /// Whether this table has `key` (a parser reports duplicates with it).
  bool contains(std::string_view key) const;

  /// A new table at the end of this list.
  layer_node add_table(const location& at = {}) const;
  /// A new list at the end of this list.
  layer_node add_list(const location& at = {}) const;
  /// A value at the end of this list.
  void add(const scalar& value, const location& at = {}) const;

  bool is_table() const noexcept;
  bool is_list() const noexcept;
  explicit operator bool() const noexcept { return node_ != nullptr; }

 private:
  friend struct detail::context_access;
  layer_node(detail::load_state* state, detail::layer* layer, void* node) noexcept
      : state_(state), layer_(layer), node_(node) {}
  detail::load_state* state_ = nullptr;
  detail::layer* layer_ = nullptr;
  void* node_ = nullptr;  ///< the toml::table or toml::array
};

/// What a layer is.
struct layer_options {
  /// The layer's name is a file: origins read `path:line:column`, and
  /// live<T>::watch polls it.
  bool file = false;
  /// `${VAR}` in its strings is resolved against the load's environment, as
  /// in a TOML file (file-like text; not for values that may contain `${`
  /// literally, such as a secret manager's).
  bool interpolate = false;
};

/// What reading a file gave.
enum class file_status {
  ok,       ///< the text is there
  missing,  ///< no such file
  failed    ///< unreadable, a directory, too large: already reported
};

class source_context;

/// A file format: what `source_context::add_file` uses to turn a file's
/// text into a layer. Registered (register_file_format), its files can be
/// named by a `defaults` list of any composed file. Must have static
/// storage duration.
struct file_format {
  std::string_view name;                          ///< "YAML": in messages
  std::span<const std::string_view> extensions;  ///< {".yaml", ".yml"}: how composition finds its files
  /// Fills `root` from `text`, the content of the file `file`; reports
  /// syntax errors through `ctx` with `origin_kind::file` origins.
  void (*parse)(std::string_view text, const std::string& file, layer_node root, source_context& ctx);
};

/// Makes a format's files available to `defaults` lists (TOML is built in;
/// <strata/sources/yaml.hpp> registers YAML). Extensions already taken keep
/// their format.
void register_file_format(const file_format& format);

/// What every source's context offers: files within strata's limits, the
/// load's environment, reports.
class source_services {
 public:
  /// Reads a whole file into `text` (appended), within strata's limits (16
  /// MiB; a directory or an unreadable file is reported as an error at
  /// `path`). Does not report a missing file: the caller knows whether it
  /// was required.
  file_status read_file(const std::filesystem::path& path, std::string& text);
  /// Adds a file to what live<T>::watch polls (read_file and add_file add
  /// theirs). A directory's entries changing changes it too.
  void watch_file(const std::filesystem::path& path);
  /// A variable of the load's environment: the env(...) source's (or the
  /// process's), over those dotenv files contribute.
  std::optional<std::string_view> variable(std::string_view name) const;
  /// The section of the type being loaded (`""` for the file root): a
  /// source that can fetch less may fetch only it.
  std::string_view section() const;

  void error(std::string_view message, const origin& where = {}, std::string_view hint = {});
  void warning(std::string_view message, const origin& where = {}, std::string_view hint = {});
  /// A diagnostic with a path of its own (a full dotted path from the file root).
  void report(diagnostic d);

 protected:
  friend struct detail::context_access;
  explicit source_services(detail::load_state& state) noexcept : state_(state) {}
  ~source_services() = default;
  detail::load_state& state_;
};

/// What a source's `read()` receives.
class source_context : public source_services {
 public:
  /// A new layer, above those this source added before; its root table.
  layer_node add_layer(std::string_view name, const layer_options& options = {});
  /// Reads a file in `format`: its layers (those its `defaults` list
  /// composes, then its own) are added, and it is watched. A missing file
  /// is an error naming it.
  void add_file(const std::filesystem::path& path, const file_format& format);
  /// The same; a missing file is skipped.
  void add_file(const std::filesystem::path& path, const file_format& format, optional_t);
  /// The same, as `options` say.
  void add_file(const std::filesystem::path& path, const file_format& format, const file_options& options);

 private:
  friend struct detail::context_access;
  using source_services::source_services;
};

/// What a source's `add_variables()` receives, before any source is read.
class variables_context : public source_services {
 public:
  /// Sets a variable of the load's environment, unless the env(...) source
  /// (or the process environment) has it: that one wins. Among contributed
  /// variables the later wins. `where` is its place (file, line, column).
  void set(std::string_view name, std::string_view value, const origin& where = {});

 private:
  friend struct detail::context_access;
  using source_services::source_services;
};

/// What a watching source tells live<T>. Thread-safe.
class change_notifier {
 public:
  /// The source's data changed: live<T> reloads (a burst is one reload).
  virtual void changed() = 0;
  /// Whether the source can follow changes now (`live<T>::watch_health()`);
  /// `message` says why not ("connection lost; retrying in 4 s").
  virtual void status(bool healthy, std::string_view message = {}) = 0;

 protected:
  ~change_notifier() = default;
};

/// A source: `s.read(ctx)` on a const source. (`read` is checked first: a
/// type that has none, such as `configuration`, is not asked whether it can
/// be moved, which would ask this concept again.)
template <class S>
concept source = requires(const S& s, source_context& ctx) { s.read(ctx); } && std::move_constructible<S>;

/// A source that contributes environment variables before any source is read.
template <class S>
concept variables_source = requires(const S& s, variables_context& ctx) { s.add_variables(ctx); };

/// A source that tells live<T> when it changed: `watch` runs on a thread of
/// its own while live<T>::watch is on and returns soon after `stop` is
/// requested.
template <class S>
concept watching_source = requires(const S& s, std::stop_token stop, change_notifier& n) { s.watch(stop, n); };

/// A source with a name for messages (else its type's name is used).
template <class S>
concept named_source = requires(const S& s) {
  { s.name() } -> std::convertible_to<std::string>;
};

}  // namespace strata
