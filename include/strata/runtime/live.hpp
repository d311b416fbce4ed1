// strata/runtime/live.hpp: `strata::live<T>`, a configuration that can change
// while the program runs (hot reload, runtime overrides), read from any
// thread as immutable snapshots.
//
//   strata::live<app::Http> live(ctx);          // loads; throws config_error if invalid
//   std::shared_ptr<const app::Http> cfg = live.get();   // any thread, never blocks on a reload
//   live.on_change([](auto old, auto now, const std::vector<std::string>& changed) { ... });
//   live.set({"api.workers=8"});                // runtime overrides, above every source
//   live.reload();                              // re-read every source
//   live.watch(std::chrono::seconds(2));        // poll the files in the background
//
// Every candidate (from reload, set, reset or the watcher) is loaded and
// validated in full before anything changes. A rejected candidate changes
// nothing: the snapshot, the runtime overrides and the callbacks stay as
// they were, and its diagnostics come back in the result (and go to the
// on_reject handler). See docs/live.md.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <stop_token>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <strata/load.hpp>
#include <strata/decode/text.hpp>
#include <strata/report/format.hpp>
#include <strata/report/result.hpp>
#include <strata/runtime/changes.hpp>
#include <strata/runtime/fingerprint.hpp>
#include <strata/schema/paths.hpp>

namespace strata {

namespace detail {

/// Numbers unique in the process: live<T> instance ids and snapshot stamps.
inline std::uint64_t next_live_number() noexcept {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

/// A thread's memo of the last snapshot it got from one live<T>. The stamp
/// names the snapshot (stamps are never reused, across all instances); the
/// weak_ptr keeps only the control block alive, never an old T.
template <class T>
struct snapshot_slot {
  std::uint64_t stamp = 0;
  std::weak_ptr<const T> snapshot;
};

inline constexpr std::size_t snapshot_slots = 8;

template <class T>
std::array<snapshot_slot<T>, snapshot_slots>& snapshot_cache() noexcept {
  static thread_local std::array<snapshot_slot<T>, snapshot_slots> cache;
  return cache;
}

/// The path part of a `dotted.path=value` setting.
inline std::string_view setting_path(std::string_view setting) {
  return trim(setting.substr(0, setting.find('=')));
}

/// `current` with `added` applied in order; a setting replaces the earlier
/// ones for the same path.
inline std::vector<std::string> merge_settings(std::vector<std::string> current, const std::vector<std::string>& added) {
  for (const std::string& s : added) {
    std::erase_if(current, [&](const std::string& c) { return setting_path(c) == setting_path(s); });
    current.push_back(s);
  }
  return current;
}

}  // namespace detail

/// What a watching source (strata::watching_source) last said about
/// itself: live<T>::watch_health().
struct watch_status {
  std::string source;   ///< its name, as messages give it
  bool healthy = true;  ///< it can follow changes now
  std::string message;  ///< why not
};

/// A configuration that changes at run time, as a sequence of immutable
/// snapshots. Not copyable or movable (callbacks and the watcher refer to it).
template <class T>
class live {
 public:
  using snapshot = std::shared_ptr<const T>;
  /// `f(old, now, changed)`: the snapshot replaced, the new one, and the full
  /// dotted paths of the leaves that differ (secret fields included: their
  /// paths, never their values).
  using change_handler =
      std::function<void(const snapshot& old, const snapshot& now, const std::vector<std::string>& changed)>;
  /// Receives the diagnostics of a rejected candidate.
  using reject_handler = std::function<void(const diagnostics&)>;
  /// What on_change returns; pass it to unsubscribe().
  enum class subscription : std::uint64_t {};

  /// Loads the configuration; throws strata::config_error (with every
  /// diagnostic) when it is invalid, as configuration::get<T>() does. A
  /// live<T> always holds a valid snapshot.
  explicit live(configuration ctx) : base_(std::move(ctx)) {
    std::vector<std::filesystem::path> files;
    result<T> r = base_.template load<T>(&files);
    if (!r.ok()) throw config_error(r.diagnostics());
    leaves_ = detail::leaves_of(detail::result_access::value(r));
    good_files_ = std::move(files);
    publish(snapshot(new T(std::move(r).value())));
  }

  live(const live&) = delete;
  live& operator=(const live&) = delete;

  /// Stops the watcher (waiting for a reload in progress to finish).
  /// Must not run inside one of this object's callbacks.
  ~live() {
    std::unique_lock lock(watch_mutex_);
    stop_ = true;
    wake_.notify_all();
    std::thread watcher = std::move(watcher_);
    std::vector<std::jthread> sources = std::move(source_watchers_);
    lock.unlock();
    if (watcher.joinable()) watcher.join();
    sources.clear();  // asks each watching source to stop, and waits for it
  }

  /// The current snapshot. Safe from any thread, lock-free in the common
  /// case (a thread that already read this snapshot), never blocked by a
  /// reload, and never a half-built value. Hold the pointer for as long as
  /// one consistent view is needed; call get() again to see changes.
  snapshot get() const noexcept {
    const std::uint64_t stamp = stamp_.load(std::memory_order_acquire);
    detail::snapshot_slot<T>& slot = detail::snapshot_cache<T>()[id_ % detail::snapshot_slots];
    if (slot.stamp == stamp)
      if (snapshot s = slot.snapshot.lock()) return s;
    snapshot s;
    {
      std::lock_guard lock(snapshot_mutex_);
      s = current_;  // at least as new as `stamp` (publish stores the snapshot first)
    }
    slot.stamp = stamp;
    slot.snapshot = s;
    return s;
  }

  /// Re-reads every source (and keeps the runtime overrides). Never throws.
  /// ok(): the candidate is in place (or equal to the current snapshot, in
  /// which case nothing was swapped and no callback ran); otherwise it was
  /// rejected and its diagnostics say why.
  result<T> reload() {
    return update([](const std::vector<std::string>& current) { return current; }, nullptr);
  }

  /// Runtime overrides (`dotted.path=value`, the grammar of
  /// configuration::overrides), above every source and kept across reloads
  /// until reset(). They add to the ones already set; a setting replaces an
  /// earlier one for the same path. All or nothing: a rejected candidate
  /// leaves the previous overrides in place. Never throws.
  result<T> set(std::initializer_list<std::string_view> settings) {
    return set(std::vector<std::string>(settings.begin(), settings.end()));
  }
  result<T> set(const std::vector<std::string>& settings) {
    return update([&](const std::vector<std::string>& current) { return detail::merge_settings(current, settings); },
                  nullptr);
  }

  /// Drops every runtime override and reloads. Never throws.
  result<T> reset() {
    return update([](const std::vector<std::string>&) { return std::vector<std::string>{}; }, nullptr);
  }

  /// The runtime overrides in force, in the order they apply.
  std::vector<std::string> overrides() const {
    std::lock_guard lock(update_mutex_);
    return overrides_;
  }

  /// Calls `f(old, now, changed_paths)` after every swap, synchronously on
  /// the thread that swapped (the caller of reload/set/reset, or the
  /// watcher), before that call returns, in swap order. Not called when a
  /// candidate equals the current snapshot. `f` may call get(); it may also
  /// call reload/set/reset, whose changes are delivered after the current
  /// one. An exception escaping `f` is caught and reported as a warning of
  /// the call that swapped; the other callbacks still run.
  template <class F>
    requires std::is_invocable_v<F&, const snapshot&, const snapshot&, const std::vector<std::string>&>
  subscription on_change(F f) {
    std::lock_guard lock(handlers_mutex_);
    const auto id = ++last_subscription_;
    handlers_.emplace_back(id, std::make_shared<const change_handler>(std::move(f)));
    return subscription{id};
  }

  /// Removes a callback. A change being delivered at that moment may still
  /// reach it once.
  void unsubscribe(subscription s) {
    std::lock_guard lock(handlers_mutex_);
    std::erase_if(handlers_, [&](const auto& h) { return h.first == static_cast<std::uint64_t>(s); });
  }

  /// The handler for rejected candidates (replaces the previous one; an
  /// empty function restores the default). It receives every rejection,
  /// whoever asked for the reload. By default the watcher's rejections are
  /// written to stderr and the others only come back in their result.
  void on_reject(reject_handler f) {
    std::lock_guard lock(handlers_mutex_);
    reject_ = std::make_shared<const reject_handler>(std::move(f));
    if (!*reject_) reject_.reset();
  }

  /// Polls the files every `interval` on a background thread and reloads
  /// when one changed (content, size, times, inode, or the target of a
  /// symlink; created or deleted). Watches every file the last load
  /// depended on: file sources, profile files (also ones not there yet,
  /// such as local.toml), `defaults` composition, dotenv files, secrets
  /// directories, `NAME_FILE` secrets, what user sources read. A source
  /// that tells when it changed (strata::watching_source) runs its watch()
  /// on a thread of its own, and a change it reports is reloaded at once.
  /// Starts with one reload, to catch changes made before it. Calling it
  /// again changes the interval. The destructor stops it.
  template <class Rep, class Period>
  void watch(std::chrono::duration<Rep, Period> interval) {
    using std::chrono::nanoseconds;
    const nanoseconds every = std::max(std::chrono::duration_cast<nanoseconds>(interval),
                                       nanoseconds(std::chrono::milliseconds(1)));
    std::unique_lock lock(watch_mutex_);
    interval_ = every;
    for (;;) {
      if (running_) {  // adopt the new interval (and cancel a pending stop)
        stop_ = false;
        kick_ = true;
        wake_.notify_all();
        return;
      }
      if (!watcher_.joinable() && source_watchers_.empty()) break;
      std::thread finished = std::move(watcher_);  // left its loop; joining is quick
      std::vector<std::jthread> stopped = std::move(source_watchers_);  // asked to stop when it stopped
      source_watchers_.clear();
      lock.unlock();
      if (finished.joinable()) finished.join();
      stopped.clear();
      lock.lock();
    }
    stop_ = false;
    kick_ = false;
    pushed_ = false;
    running_ = true;
    watcher_ = std::thread([this] { watch_loop(); });
    start_source_watchers();
  }

  /// Stops the watcher; waits for a reload in progress unless called from
  /// a callback (then the watcher stops when the callback returns).
  void stop_watching() {
    std::unique_lock lock(watch_mutex_);
    stop_ = true;
    wake_.notify_all();
    for (std::jthread& t : source_watchers_) t.request_stop();
    if (!watcher_.joinable() || watcher_.get_id() == std::this_thread::get_id() ||
        update_owner_.load() == std::this_thread::get_id())
      return;
    std::thread watcher = std::move(watcher_);
    std::vector<std::jthread> sources = std::move(source_watchers_);
    lock.unlock();
    watcher.join();
    sources.clear();
  }

  bool watching() const {
    std::lock_guard lock(watch_mutex_);
    return running_ && !stop_;
  }

  /// What each watching source last said about itself (whether it can
  /// follow changes now, and why not), for a health endpoint. Empty before
  /// the first watch() and when no source watches; after stop_watching(),
  /// the last word of each.
  std::vector<watch_status> watch_health() const {
    std::lock_guard lock(watch_mutex_);
    std::vector<watch_status> out;
    for (const auto& n : notifiers_) out.push_back(n->current());
    return out;
  }

  /// The files the watcher polls: those of the last valid load and of the
  /// last attempt (so a file that broke is still watched until it is fixed).
  std::vector<std::filesystem::path> watched_files() const {
    std::lock_guard lock(update_mutex_);
    std::vector<std::filesystem::path> files = good_files_;
    files.insert(files.end(), attempted_files_.begin(), attempted_files_.end());
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
  }

 private:
  struct change {
    snapshot old, now;
    std::vector<std::string> paths;
  };
  struct rejection {
    diagnostics found;
  };
  using event = std::variant<change, rejection>;

  static constexpr std::string_view section() { return detail::options_of<T>().section; }

  /// A result carrying `found` (for failures outside loading).
  static result<T> make_result(diagnostics found) { return result<T>(T{}, std::move(found), {}, std::string(section())); }

  /// Loads the candidate the current overrides map to, swaps it in if valid
  /// and different, and delivers the events (outermost call only).
  template <class NextOverrides>
  result<T> update(NextOverrides&& next, diagnostics* callback_problems) {
    std::unique_lock lock(update_mutex_);
    if (depth_++ == 0) update_owner_.store(std::this_thread::get_id());
    struct leave {
      live& self;
      ~leave() {
        if (--self.depth_ == 0) self.update_owner_.store(std::thread::id{});
      }
    } guard{*this};

    std::optional<result<T>> r;
    try {
      r.emplace(attempt(next(overrides_)));
    } catch (const std::exception& e) {
      r.emplace(failure(fmt::format("reloading failed: {}", e.what())));
    } catch (...) {
      r.emplace(failure("reloading failed with an unknown exception"));
    }
    if (depth_ == 1) {
      diagnostics problems = deliver(callback_problems != nullptr);
      if (!problems.empty()) {
        if (callback_problems) {
          *callback_problems = std::move(problems);
        } else {
          detail::result_access::add(*r, problems);
        }
      }
    }
    return std::move(*r);
  }

  result<T> failure(std::string message) {
    diagnostics found{{severity::error, {}, std::move(message), origin{}, {}}};
    pending_.emplace_back(rejection{found});
    return make_result(std::move(found));
  }

  result<T> attempt(std::vector<std::string> candidate) {
    configuration ctx = base_;
    if (!candidate.empty()) ctx.overrides(candidate);
    std::vector<std::filesystem::path> files;
    result<T> r = ctx.template load<T>(&files);
    std::vector<detail::leaf_value> leaves = detail::leaves_of(detail::result_access::value(r));
    attempted_files_ = files;
    if (!r.ok()) {
      pending_.emplace_back(rejection{r.diagnostics()});
      return r;
    }
    good_files_ = std::move(files);
    overrides_ = std::move(candidate);
    std::vector<std::string> changed = detail::changed_paths(leaves_, leaves);
    if (changed.empty()) return r;
    snapshot now(new T(detail::result_access::value(r)));  // its own allocation: caches keep no old T alive
    snapshot old = publish(now);
    leaves_ = std::move(leaves);
    pending_.emplace_back(change{std::move(old), std::move(now), std::move(changed)});
    return r;
  }

  /// Makes `now` current and returns the snapshot it replaces.
  snapshot publish(snapshot now) {
    const std::uint64_t stamp = detail::next_live_number();
    std::lock_guard lock(snapshot_mutex_);
    snapshot old = std::exchange(current_, std::move(now));
    stamp_.store(stamp, std::memory_order_release);
    return old;
  }

  /// Runs the callbacks for every pending event, in order. Returns the
  /// exceptions they threw, as warnings.
  diagnostics deliver(bool from_watcher) {
    diagnostics problems;
    auto guarded = [&](auto&& call) {
      try {
        call();
      } catch (const std::exception& e) {
        problems.push_back({severity::warning, {}, fmt::format("a live<T> callback threw: {}", e.what()), origin{},
                            "the new configuration is in place and the other callbacks ran"});
      } catch (...) {
        problems.push_back({severity::warning, {}, "a live<T> callback threw an unknown exception", origin{},
                            "the new configuration is in place and the other callbacks ran"});
      }
    };
    while (!pending_.empty()) {
      event e = std::move(pending_.front());
      pending_.pop_front();
      if (auto* c = std::get_if<change>(&e)) {
        std::vector<std::shared_ptr<const change_handler>> handlers;
        {
          std::lock_guard lock(handlers_mutex_);
          for (const auto& h : handlers_) handlers.push_back(h.second);
        }
        for (const auto& h : handlers) guarded([&] { (*h)(c->old, c->now, c->paths); });
      } else {
        const diagnostics& found = std::get<rejection>(e).found;
        std::shared_ptr<const reject_handler> handler;
        {
          std::lock_guard lock(handlers_mutex_);
          handler = reject_;
        }
        if (handler) {
          guarded([&] { (*handler)(found); });
        } else if (from_watcher) {
          std::fputs(fmt::format("strata: a configuration change was rejected; the previous one stays.\n{}",
                                 strata::format(found))
                         .c_str(),
                     stderr);
        }
      }
    }
    if (from_watcher)
      for (const diagnostic& d : problems)
        std::fputs(fmt::format("strata: {} ({})\n", d.message, d.hint).c_str(), stderr);
    return problems;
  }

  void watch_loop() {
    detail::fingerprint seen = detail::fingerprint_of(watched_files());
    poll_reload();  // the snapshot is now at least as new as `seen`
    std::unique_lock lock(watch_mutex_);
    while (!stop_) {
      wake_.wait_for(lock, interval_, [&] { return stop_ || kick_ || pushed_; });
      if (stop_) break;
      if (kick_) {  // new interval
        kick_ = false;
        continue;
      }
      const bool pushed = std::exchange(pushed_, false);
      lock.unlock();
      detail::fingerprint now = detail::fingerprint_of(watched_files());
      if (pushed || now != seen) {
        seen = std::move(now);  // taken before reading: a later write is seen next time
        poll_reload();
      }
      lock.lock();
    }
    running_ = false;
  }

  /// What a watching source's thread tells this live<T>.
  class source_notifier final : public change_notifier {
   public:
    source_notifier(live& owner, std::string source) : owner_(owner) { status_.source = std::move(source); }
    void changed() override {
      std::lock_guard lock(owner_.watch_mutex_);
      owner_.pushed_ = true;
      owner_.wake_.notify_all();
    }
    void status(bool healthy, std::string_view message) override {
      std::lock_guard lock(owner_.watch_mutex_);
      status_.healthy = healthy;
      status_.message = std::string(message);
    }
    /// Under watch_mutex_.
    watch_status current() const { return status_; }

   private:
    live& owner_;
    watch_status status_;
  };

  /// One thread per watching source (called with watch_mutex_ held, none
  /// running). A watch() that throws leaves its source unhealthy, with the
  /// message.
  void start_source_watchers() {
    notifiers_.clear();
    for (const auto& source : detail::configuration_access::sources(base_)) {
      if (!source->watches) continue;
      auto& notifier = *notifiers_.emplace_back(std::make_unique<source_notifier>(*this, source->name()));
      source_watchers_.emplace_back([source, &notifier](std::stop_token stop) {
        try {
          source->watch(stop, notifier);
        } catch (const std::exception& e) {
          notifier.status(false, fmt::format("its watch stopped: {}", e.what()));
        } catch (...) {
          notifier.status(false, "its watch stopped with an unknown exception");
        }
      });
    }
  }

  void poll_reload() {
    diagnostics callback_problems;
    (void)update([](const std::vector<std::string>& current) { return current; }, &callback_problems);
  }

  // -- configuration and loading state: guarded by update_mutex_ ----------
  const configuration base_;
  mutable std::recursive_mutex update_mutex_;  // recursive: callbacks may reload
  int depth_ = 0;
  std::atomic<std::thread::id> update_owner_{};
  std::vector<std::string> overrides_;
  std::vector<detail::leaf_value> leaves_;  // of the current snapshot
  std::vector<std::filesystem::path> good_files_, attempted_files_;
  std::deque<event> pending_;

  // -- the current snapshot ------------------------------------------------
  const std::uint64_t id_ = detail::next_live_number();
  mutable std::mutex snapshot_mutex_;
  snapshot current_;
  std::atomic<std::uint64_t> stamp_{0};

  // -- callbacks -----------------------------------------------------------
  mutable std::mutex handlers_mutex_;
  std::uint64_t last_subscription_ = 0;
  std::vector<std::pair<std::uint64_t, std::shared_ptr<const change_handler>>> handlers_;
  std::shared_ptr<const reject_handler> reject_;

  // -- the watcher ---------------------------------------------------------
  mutable std::mutex watch_mutex_;
  std::condition_variable wake_;
  std::chrono::nanoseconds interval_{std::chrono::seconds(1)};
  bool stop_ = false, kick_ = false, running_ = false;
  bool pushed_ = false;  ///< a watching source reported a change
  std::thread watcher_;
  std::vector<std::unique_ptr<source_notifier>> notifiers_;
  std::vector<std::jthread> source_watchers_;  ///< declared last: stopped and joined first
};

}  // namespace strata
