// strata/sources/etcd.hpp: `strata::etcd({.endpoint = ..., .prefix = ...})`,
// a layer read from an etcd v3 cluster through its JSON gateway (etcd 3.4:
// `POST /v3/kv/range`, `/v3/watch`), and followed by live<T>::watch.
// Every key under the prefix is read at one revision: `/app/api/port` is
// the path `api.port`, its value a TOML literal as in overrides (`8081`,
// `"text"`, `["a","b"]`; a bare word is text), its origin
// `etcd /app/api/port@42`. See docs/fleet.md.
//
// Uses Boost.Beast and Boost.JSON (header-only): exactly one source file of
// the program includes <strata/sources/etcd_src.hpp> (or
// <boost/json/src.hpp>), as with <strata/src.hpp>. Link `strata::etcd`.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <strata/sources/source.hpp>

namespace strata {

/// Where an etcd source reads, and how.
struct etcd_options {
  std::string endpoint = "http://127.0.0.1:2379";  ///< `http://host:port` (https:// is not supported yet)
  std::string prefix = "/";                        ///< every key under it is read
  std::string username = {};                       ///< with `password`: etcd's token authentication
  std::string password = {};                       ///< never shown in any output
  std::chrono::milliseconds timeout{5000};         ///< for every request (connect, send, whole response)
  std::size_t max_value_bytes = std::size_t{1} << 20;  ///< a larger value is an error naming its key
  std::chrono::milliseconds max_backoff{5000};     ///< the longest wait between reconnections of watch()
};

namespace detail::etcd_client {

inline std::string base64_encode(std::string_view in) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = unsigned{static_cast<unsigned char>(in[i])} << 16 |
                       unsigned{static_cast<unsigned char>(in[i + 1])} << 8 |
                       unsigned{static_cast<unsigned char>(in[i + 2])};
    for (int s = 18; s >= 0; s -= 6) out += alphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    unsigned v = unsigned{static_cast<unsigned char>(in[i])} << 16;
    if (i + 1 < in.size()) v |= unsigned{static_cast<unsigned char>(in[i + 1])} << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

inline std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  unsigned bits = 0;
  int count = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) continue;  // padding
    bits = bits << 6 | unsigned(v);
    if ((count += 6) >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

/// The first key after every key that starts with `prefix` (etcd's range_end).
inline std::string range_end(std::string prefix) {
  while (!prefix.empty()) {
    if (static_cast<unsigned char>(prefix.back()) < 0xFF) {
      prefix.back() = static_cast<char>(prefix.back() + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::string(1, '\0');  // the whole keyspace
}

/// etcd's 64-bit integers come as JSON strings from the gateway.
inline std::int64_t as_int(const boost::json::value* v) {
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string()) {
    try {
      return std::stoll(std::string(v->as_string()));
    } catch (const std::exception&) {
    }
  }
  return 0;
}

/// An error reaching etcd or from it: its message is safe to show (no
/// credentials, no values).
struct failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct endpoint {
  std::string host, port;
};

inline endpoint parse_endpoint(const std::string& url) {
  constexpr std::string_view http = "http://";
  if (url.starts_with("https://"))
    throw failure("https:// is not supported yet: reach etcd over http:// (a local proxy or sidecar can add TLS)");
  if (!url.starts_with(http)) throw failure("the endpoint '" + url + "' is not an http://host:port address");
  std::string rest = url.substr(http.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  if (rest.empty() || colon == 0) throw failure("the endpoint '" + url + "' names no host");
  if (colon == std::string::npos) return {rest, "2379"};
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

/// One HTTP/1.1 connection to the gateway. Every operation runs on its own
/// io_context with a deadline, and returns early when `stop` is requested.
class connection {
 public:
  connection(const etcd_options& options, const std::stop_token& stop = {})
      : options_(options), stop_(stop), where_(parse_endpoint(options.endpoint)) {}

  /// A POST whose whole response is read; throws `failure` on any error.
  boost::json::value post(std::string_view target, const boost::json::value& body, const std::string& token) {
    ensure_connected();
    send(target, body, token);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    beast::flat_buffer buffer;
    wait([&](auto done) { http::async_read(stream_, buffer, parser, std::move(done)); }, options_.timeout,
         "reading the response of " + std::string(target));
    const auto& response = parser.get();
    if (!response.keep_alive()) close();
    boost::json::value json;
    boost::system::error_code ec;
    json = boost::json::parse(response.body(), ec);
    if (ec) throw failure("the response of " + std::string(target) + " is not JSON (HTTP " +
                          std::to_string(response.result_int()) + ")");
    if (response.result() != http::status::ok) throw failure(server_error(json, response.result_int()));
    return json;
  }

  /// Starts a streaming POST (the watch): sends it and reads the header.
  void open_stream(std::string_view target, const boost::json::value& body, const std::string& token) {
    ensure_connected();
    send(target, body, token);
    stream_parser_.emplace();
    stream_parser_->body_limit(boost::none);
    wait([&](auto done) { http::async_read_header(stream_, stream_buffer_, *stream_parser_, std::move(done)); },
         options_.timeout, "opening the watch stream");
    if (stream_parser_->get().result() != http::status::ok)
      throw failure("the watch stream answered HTTP " + std::to_string(stream_parser_->get().result_int()));
  }

  /// The next piece of the stream's body (any length), waiting as long as
  /// it takes; empty when the stream ended.
  std::string read_some() {
    char chunk[8192];
    // A read may parse only a chunk's header: read until there are bytes.
    while (!stream_parser_->is_done()) {
      stream_parser_->get().body().data = chunk;
      stream_parser_->get().body().size = sizeof chunk;
      wait(
          [&](auto done) {
            stream_.expires_never();
            http::async_read_some(stream_, stream_buffer_, *stream_parser_, std::move(done));
          },
          std::chrono::milliseconds::zero(), "reading the watch stream", /*need_more_ok=*/true);
      if (const std::size_t n = sizeof chunk - stream_parser_->get().body().size; n > 0) return std::string(chunk, n);
    }
    return {};
  }

  bool stop_requested() const { return stop_.stop_requested(); }

 private:
  void ensure_connected() {
    if (connected_) return;
    asio::ip::tcp::resolver resolver(io_);
    boost::system::error_code ec;
    const auto addresses = resolver.resolve(where_.host, where_.port, ec);
    if (ec) throw failure("cannot resolve " + where_.host + ": " + ec.message());
    wait([&](auto done) { stream_.async_connect(addresses, [done](auto e, auto) mutable { done(e, 0); }); },
         options_.timeout, "connecting to " + options_.endpoint);
    connected_ = true;
  }

  void send(std::string_view target, const boost::json::value& body, const std::string& token) {
    http::request<http::string_body> request{http::verb::post, std::string(target), 11};
    request.set(http::field::host, where_.host);
    request.set(http::field::content_type, "application/json");
    if (!token.empty()) request.set(http::field::authorization, token);
    request.body() = boost::json::serialize(body);
    request.prepare_payload();
    wait([&](auto done) { http::async_write(stream_, request, std::move(done)); }, options_.timeout,
         "sending " + std::string(target));
  }

  /// Runs one asynchronous operation to its end, its deadline or `stop`.
  template <class Start>
  void wait(Start start, std::chrono::milliseconds timeout, const std::string& doing, bool need_more_ok = false) {
    if (timeout.count() > 0) stream_.expires_after(timeout);
    bool finished = false;
    boost::system::error_code result;
    start([&](boost::system::error_code ec, std::size_t) {
      finished = true;
      result = ec;
    });
    io_.restart();
    while (!finished) {
      if (stop_.stop_requested()) {
        stream_.cancel();
        io_.run();
        close();
        throw failure("stopped");
      }
      io_.run_one_for(std::chrono::milliseconds(50));
    }
    if (need_more_ok && result == http::error::need_buffer) return;
    if (result) {
      close();
      if (result == beast::error::timeout)
        throw failure(doing + " timed out after " + std::to_string(timeout.count()) + " ms");
      throw failure(doing + ": " + result.message());
    }
  }

  static std::string server_error(const boost::json::value& json, unsigned status) {
    if (json.is_object())
      for (const char* field : {"error", "message"})
        if (const auto* e = json.as_object().if_contains(field); e && e->is_string())
          return std::string(e->as_string());
    return "HTTP " + std::to_string(status);
  }

  void close() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.close();
    connected_ = false;
  }

  const etcd_options& options_;
  std::stop_token stop_;
  endpoint where_;
  asio::io_context io_;
  beast::tcp_stream stream_{io_};
  bool connected_ = false;
  beast::flat_buffer stream_buffer_;
  boost::optional<http::response_parser<http::buffer_body>> stream_parser_;
};

/// The token for `options`' user, or empty without one.
inline std::string authenticate(connection& c, const etcd_options& options) {
  if (options.username.empty()) return {};
  try {
    const auto json = c.post("/v3/auth/authenticate",
                             boost::json::object{{"name", options.username}, {"password", options.password}}, {});
    if (const auto* t = json.as_object().if_contains("token"); t && t->is_string()) return std::string(t->as_string());
  } catch (const failure& f) {
    if (std::string_view(f.what()).find("authentication failed") != std::string_view::npos)
      throw failure("authentication failed for user '" + options.username + "'");
    throw;
  }
  throw failure("authentication failed for user '" + options.username + "': no token in the answer");
}

}  // namespace detail::etcd_client

/// An etcd prefix as a layer; `live<T>::watch` follows it (see the header's
/// comment and docs/fleet.md).
class etcd {
 public:
  explicit etcd(etcd_options options) : options_(std::make_shared<const etcd_options>(std::move(options))) {}

  std::string name() const { return "etcd " + options_->endpoint + options_->prefix; }
  const etcd_options& options() const noexcept { return *options_; }
  /// The revision of the last successful read (0 before it).
  std::int64_t revision() const noexcept { return state_->revision.load(); }

  void read(source_context& ctx) const {
    namespace ec = detail::etcd_client;
    const etcd_options& o = *options_;
    boost::json::value json;
    try {
      ec::connection c(o);
      const std::string token = ec::authenticate(c, o);
      json = c.post("/v3/kv/range",
                    boost::json::object{{"key", ec::base64_encode(o.prefix)},
                                        {"range_end", ec::base64_encode(ec::range_end(o.prefix))}},
                    token);
    } catch (const std::exception& e) {
      const std::string_view why = e.what();
      ctx.error(why.starts_with("authentication failed")
                    ? "etcd: " + std::string(why) + " at " + o.endpoint
                    : "etcd: cannot read " + o.prefix + " from " + o.endpoint + ": " + std::string(why),
                origin{origin_kind::source, name()});
      return;
    }
    const auto& answer = json.as_object();
    const auto* header = answer.if_contains("header");
    const std::int64_t revision = header && header->is_object() ? ec::as_int(header->as_object().if_contains("revision")) : 0;
    const std::string at = "@" + std::to_string(revision);
    layer_node root = ctx.add_layer(name());
    std::deque<std::string> texts;  // what the layer's views point at, while read() runs
    if (const auto* kvs = answer.if_contains("kvs"); kvs && kvs->is_array()) {
      for (const auto& kv : kvs->as_array()) {
        if (!kv.is_object()) continue;
        const auto* k = kv.as_object().if_contains("key");
        const auto* v = kv.as_object().if_contains("value");
        if (!k || !k->is_string()) continue;
        const std::string key = ec::base64_decode(k->as_string());
        const std::string& where = texts.emplace_back("etcd " + key + at);
        const origin here{origin_kind::source, where};
        std::string value = v && v->is_string() ? ec::base64_decode(v->as_string()) : std::string();
        if (value.size() > o.max_value_bytes) {
          ctx.error("etcd: " + key + " holds " + std::to_string(value.size()) + " bytes, over the limit of " +
                        std::to_string(o.max_value_bytes) + " (etcd_options::max_value_bytes)",
                    here);
          continue;
        }
        std::string_view rest = std::string_view(key).substr(std::min(key.size(), o.prefix.size()));
        layer_node table = root;
        bool well_formed = !rest.empty();
        for (auto slash = rest.find('/'); well_formed && slash != std::string_view::npos; slash = rest.find('/')) {
          well_formed = slash > 0;
          if (well_formed) table = table.table(rest.substr(0, slash), {.name = where});
          rest.remove_prefix(slash + 1);
        }
        if (!well_formed || rest.empty()) {
          ctx.error("etcd: the key " + key + " has an empty segment: keys are " + o.prefix + "section/name", here);
          continue;
        }
        table.set(rest, scalar::literal(texts.emplace_back(std::move(value))), {.name = where});
      }
    }
    std::int64_t seen = state_->revision.load();
    while (revision > seen && !state_->revision.compare_exchange_weak(seen, revision)) {
    }
  }

  /// Follows the prefix with etcd's watch stream from the revision last
  /// read; reconnects with capped exponential backoff, reporting the
  /// outage through `notify.status`.
  void watch(std::stop_token stop, change_notifier& notify) const {
    namespace ec = detail::etcd_client;
    const etcd_options& o = *options_;
    std::int64_t from = state_->revision.load();
    auto backoff = std::chrono::milliseconds(100);
    bool was_healthy = true;
    while (!stop.stop_requested()) {
      try {
        ec::connection c(o, stop);
        const std::string token = ec::authenticate(c, o);
        from = std::max(from, state_->revision.load());
        c.open_stream("/v3/watch",
                      boost::json::object{{"create_request",
                                           boost::json::object{{"key", ec::base64_encode(o.prefix)},
                                                               {"range_end", ec::base64_encode(ec::range_end(o.prefix))},
                                                               {"start_revision", std::to_string(from + 1)}}}},
                      token);
        boost::json::stream_parser parser;
        bool created = false;
        for (;;) {
          const std::string piece = c.read_some();
          if (piece.empty()) throw ec::failure("the watch stream ended");
          std::string_view rest = piece;
          while (!rest.empty()) {
            boost::system::error_code error;
            const std::size_t used = parser.write_some(rest.data(), rest.size(), error);
            if (error) throw ec::failure("the watch stream is not JSON");
            rest.remove_prefix(used);
            if (!parser.done()) continue;
            const boost::json::value message = parser.release();
            parser.reset();
            if (!created) {
              created = true;
              backoff = std::chrono::milliseconds(100);
              if (!was_healthy) notify.changed();  // what changed during the outage is read whole
              was_healthy = true;
              notify.status(true, "watching " + o.prefix + " from revision " + std::to_string(from + 1));
            }
            if (!handle(message, from, notify)) throw ec::failure("compacted");
          }
        }
      } catch (const std::exception& e) {
        if (stop.stop_requested()) return;
        const bool compacted = std::string_view(e.what()) == "compacted";
        if (!compacted) {
          was_healthy = false;
          notify.status(false, "etcd unreachable at " + o.endpoint + " (" + e.what() + "); retrying in " +
                                   std::to_string(backoff.count()) + " ms");
          for (auto waited = std::chrono::milliseconds(0); waited < backoff && !stop.stop_requested();
               waited += std::chrono::milliseconds(20))
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          backoff = std::min(backoff * 2, o.max_backoff);
        }
      }
    }
  }

 private:
  /// One message of the watch stream; false when the watch must start
  /// again from a whole read (compaction, cancellation).
  bool handle(const boost::json::value& message, std::int64_t& from, change_notifier& notify) const {
    namespace ec = detail::etcd_client;
    if (!message.is_object()) return true;
    const auto* result = message.as_object().if_contains("result");
    if (!result || !result->is_object()) {
      if (message.as_object().contains("error")) throw ec::failure("the watch stream reported an error");
      return true;
    }
    const auto& r = result->as_object();
    const auto* canceled = r.if_contains("canceled");
    if (ec::as_int(r.if_contains("compact_revision")) > 0 || (canceled && canceled->is_bool() && canceled->as_bool())) {
      // The revisions after `from` are gone: read whole, and follow from
      // the oldest revision etcd still has.
      from = std::max(from, ec::as_int(r.if_contains("compact_revision")) - 1);
      notify.changed();
      return false;
    }
    const auto* events = r.if_contains("events");
    if (events && events->is_array() && !events->as_array().empty()) {
      if (const auto* header = r.if_contains("header"); header && header->is_object())
        from = std::max(from, ec::as_int(header->as_object().if_contains("revision")));
      notify.changed();
    }
    return true;
  }

  struct shared_state {
    std::atomic<std::int64_t> revision{0};
  };
  std::shared_ptr<const etcd_options> options_;
  std::shared_ptr<shared_state> state_ = std::make_shared<shared_state>();
};

}  // namespace strata
