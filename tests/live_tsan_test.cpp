// live<T> under concurrency, meant for ThreadSanitizer (`make test-tsan`) and
// run by the ordinary builds too: reader threads call get() while one thread
// rewrites the file with valid and invalid versions and reloads, another
// applies runtime overrides, and the watcher polls the same file. No race
// report, and every read is one of the valid snapshots: viper's watcher
// races (spf13/viper#174, #2123) are what this must never show.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <strata/runtime/live.hpp>

#include "support.hpp"

namespace livetsan {

/// A valid snapshot of generation n has a == b == n, text == "gen-n" and
/// list == {n, n, n}; a rule rejects a != b. Every field the file holds is
/// `required`: an in-place write caught just after truncation is an empty
/// file, which would otherwise be a valid configuration of defaults.
struct Gen {
  strata::annotated<int, strata::required> a;
  strata::annotated<int, strata::required> b;
  strata::annotated<std::string, strata::required> text;
  strata::annotated<std::vector<int>, strata::required> list;
  std::string label = "none";

  void validate(strata::validation& v) const {
    if (a != b) v.error("b", "must equal a");
  }
};
BOOST_DESCRIBE_STRUCT(Gen, (), (a, b, text, list, label))

std::string valid(int n) {
  return fmt::format("a = {0}\nb = {0}\ntext = \"gen-{0}\"\nlist = [{0}, {0}, {0}]\n", n);
}

/// An invalid candidate of one of three kinds.
std::string invalid(int n, int kind) {
  const std::string text = valid(n);
  switch (kind % 3) {
    case 0: return text.substr(0, text.size() / 2);                            // caught mid-write
    case 1: return fmt::format("a = {}\nb = {}\n", n, n + 1);                   // a failed rule
    default: return fmt::format("a = {}\nb = [\ntext = \"gen-{}\"\n", n, n);   // a syntax error
  }
}

bool consistent(const Gen& g) {
  return *g.a == *g.b && *g.text == fmt::format("gen-{}", *g.a) && *g.list == std::vector<int>{*g.a, *g.a, *g.a};
}

void write_in_place(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

void write_by_rename(const std::filesystem::path& file, const std::string& text) {
  const auto tmp = std::filesystem::path(file.string() + ".tmp");
  write_in_place(tmp, text);
  std::filesystem::rename(tmp, file);
}

}  // namespace livetsan

using livetsan::Gen;

TEST_SUITE("live") {

TEST_CASE("readers only ever see valid snapshots while files change and reload in a loop") {
  constexpr int generations = 120;
  strata_test::temp_dir dir;
  const auto file = dir.write("gen.toml", livetsan::valid(0));
  strata::live<Gen> live{strata::configuration(strata::toml_file(file))};

  std::atomic<int> published{0};  // the newest generation the writer has seen swapped in
  std::atomic<int> callbacks{0}, callback_errors{0}, rejections{0};
  live.on_change([&](const auto& old, const auto& now, const std::vector<std::string>& changed) {
    if (!livetsan::consistent(*old) || !livetsan::consistent(*now) || now->a < old->a || changed.empty())
      ++callback_errors;
    ++callbacks;
  });
  live.on_reject([&](const strata::diagnostics& d) {
    if (d.empty()) ++callback_errors;
    ++rejections;
  });
  live.watch(std::chrono::milliseconds(1));  // the watcher reloads the same file concurrently

  std::atomic<bool> done{false};
  std::atomic<long> reads{0}, bad_reads{0};
  auto reader = [&] {
    int last = 0;
    long n = 0;
    while (!done.load(std::memory_order_relaxed)) {
      const std::shared_ptr<const Gen> g = live.get();
      // a valid snapshot, never older than one this thread saw, never newer than any written
      if (!g || !livetsan::consistent(*g) || g->a < last || g->a > generations) ++bad_reads;
      if (g) last = g->a;
      ++n;
    }
    reads += n;
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) readers.emplace_back(reader);

  std::thread overrider([&] {
    for (int i = 0; !done.load(std::memory_order_relaxed); ++i) {
      (void)live.set({fmt::format("label=\"l{}\"", i % 4)});  // rejected while the file is broken
      std::this_thread::yield();
    }
  });

  int writer_errors = 0;
  for (int n = 1; n <= generations; ++n) {
    const std::string broken = livetsan::invalid(n, n);
    if (n % 2) livetsan::write_in_place(file, broken);
    else livetsan::write_by_rename(file, broken);
    if (live.reload().ok()) ++writer_errors;
    if (!livetsan::consistent(*live.get())) ++writer_errors;

    if (n % 2) livetsan::write_by_rename(file, livetsan::valid(n));
    else livetsan::write_in_place(file, livetsan::valid(n));
    const auto r = live.reload();
    // another thread may have raced us to it, but the file is valid now
    if (!r.ok() || r.value().a != n) ++writer_errors;
    published = n;
  }
  done = true;
  overrider.join();
  for (auto& t : readers) t.join();
  live.stop_watching();

  CHECK(writer_errors == 0);
  CHECK(bad_reads == 0);
  CHECK(callback_errors == 0);
  CHECK(reads > 0);
  CHECK(callbacks >= generations);
  CHECK(rejections >= generations);
  CHECK(live.get()->a == generations);
  CHECK(published == generations);
}

TEST_CASE("many threads reload, set and read at once; swaps are ordered and callbacks see every one") {
  strata_test::temp_dir dir;
  const auto file = dir.write("gen.toml", livetsan::valid(7));
  strata::live<Gen> live{strata::configuration(strata::toml_file(file))};
  std::mutex mutex;
  std::vector<std::pair<std::shared_ptr<const Gen>, std::shared_ptr<const Gen>>> swaps;
  live.on_change([&](const auto& old, const auto& now, const auto&) {
    std::lock_guard lock(mutex);
    swaps.emplace_back(old, now);
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        if (i % 3 == 0) (void)live.reload();
        else (void)live.set({fmt::format("label=\"t{}-{}\"", t, i)});
        (void)live.get();
      }
    });
  }
  for (auto& t : threads) t.join();
  // each swap starts from the snapshot the previous one installed
  std::lock_guard lock(mutex);
  REQUIRE(!swaps.empty());
  for (std::size_t i = 1; i < swaps.size(); ++i) CHECK(swaps[i].first == swaps[i - 1].second);
  CHECK(swaps.back().second == live.get());
}

}  // TEST_SUITE

namespace livetsan {

/// A source whose generation a writer thread bumps, and whose watch()
/// pushes every change to live<T> from a thread of its own.
class pushing_source {
 public:
  void set(int n) {
    {
      std::lock_guard lock(state_->mutex);
      state_->generation = n;
    }
    state_->wake.notify_all();
  }
  void read(strata::source_context& ctx) const {
    std::lock_guard lock(state_->mutex);
    const int n = state_->generation;
    strata::layer_node root = ctx.add_layer("push");
    root.set("a", n);
    root.set("b", n);
    root.set("text", fmt::format("gen-{}", n));
    strata::layer_node list = root.list("list");
    for (int i = 0; i < 3; ++i) list.add(n);
  }
  void watch(std::stop_token stop, strata::change_notifier& notify) const {
    std::unique_lock lock(state_->mutex);
    int seen = state_->generation;
    while (!stop.stop_requested()) {
      state_->wake.wait_for(lock, std::chrono::milliseconds(1), [&] { return state_->generation != seen; });
      if (state_->generation == seen) continue;
      seen = state_->generation;
      lock.unlock();
      notify.status(seen % 3 != 0, "every third generation is unhealthy");
      notify.changed();
      lock.lock();
    }
  }

 private:
  struct state {
    std::mutex mutex;
    std::condition_variable wake;
    int generation = 1;
  };
  std::shared_ptr<state> state_ = std::make_shared<state>();
};

}  // namespace livetsan

TEST_CASE("a source pushing changes races readers, health checks and watch restarts") {
  using namespace livetsan;
  pushing_source source;
  strata::live<Gen> live{strata::configuration(source)};
  live.watch(std::chrono::milliseconds(50));
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < 2; ++r)
    threads.emplace_back([&] {
      while (!done)
        if (!consistent(*live.get())) ++bad;
    });
  threads.emplace_back([&] {
    while (!done) (void)live.watch_health();
  });
  for (int n = 2; n < 200; ++n) {
    source.set(n);
    if (n % 50 == 0) {
      live.stop_watching();
      live.watch(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  for (int i = 0; i < 1000 && *live.get()->a != 199; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  done = true;
  for (auto& t : threads) t.join();
  CHECK(bad == 0);
  CHECK(*live.get()->a == 199);
}
