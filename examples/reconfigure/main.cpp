// examples/reconfigure/main.cpp: a service that reconfigures itself while it
// serves (seeds/001, "Ray Serve + Hydra", in C++ with strata::live<T>).
//
//   reconfigure [conf-dir]
//
// The Python original loads a Hydra config in the deployment's __init__ and
// merges the `user_config` dict Ray passes to reconfigure() over it, without
// restarting the heavy model actor. Here:
//
//   - the Hydra config is conf/config.toml (copied to a temporary directory,
//     which the demo then edits like an operator would);
//   - strata::live<ServiceConfig> holds it as immutable snapshots; two worker
//     threads serve requests throughout, each request reading one snapshot;
//   - Classifier::reconfigure(user_config) is live.set(...): runtime
//     overrides above the file, kept across reloads until reset();
//   - live.watch(...) reloads the edited file; the model is rebuilt only when
//     `ml.model_name` changes (the changed paths say so);
//   - an invalid change (a value out of range, a failed rule) is rejected
//     with its diagnostics and the service keeps the configuration it had.
//
// Exit 0 when every step behaves as described, 1 otherwise. Secrets (the
// API key) are never printed; a change of one is reported by its path.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <unistd.h>

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <strata/load.hpp>
#include <strata/src.hpp>  // the engine: in one source file of the program
#include <strata/runtime/live.hpp>

#include "service_config.hpp"

#ifndef RECONFIGURE_CONF
#define RECONFIGURE_CONF "examples/reconfigure/conf"
#endif

namespace {

using serve::ServiceConfig;

void rule(std::string_view title) {
  fmt::print("\n== {} {}\n", title, std::string(title.size() < 74 ? 74 - title.size() : 0, '='));
}

std::string indent(std::string_view text) {
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    out += "    ";
    out += text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start + 1);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

/// The expensive part of the deployment: loaded once, and again only when
/// the configuration names another model.
struct Model {
  std::string name;
  double score(std::string_view input) const {  // a stand-in for inference: deterministic
    return static_cast<double>(std::hash<std::string>{}(name + std::string(input)) % 1000) / 1000.0;
  }
};

class Classifier {
 public:
  explicit Classifier(strata::live<ServiceConfig>& config) : config_(config) {
    model_.store(std::make_shared<const Model>(Model{*config_.get()->ml.model_name}));
    fmt::print("  model {} loaded\n", *config_.get()->ml.model_name);

    // Runs on the thread that swapped (the caller of set(), or the watcher).
    config_.on_change([this](const auto& old, const auto& now, const std::vector<std::string>& changed) {
      fmt::print("  on_change: {}\n", fmt::join(changed, ", "));
      if (strata::path_changed(changed, "ml.model_name")) {
        fmt::print("  on_change: loading model {} (was {})\n", *now->ml.model_name, *old->ml.model_name);
        model_.store(std::make_shared<const Model>(Model{*now->ml.model_name}));
      }
      event();
    });
    config_.on_reject([this](const strata::diagnostics& found) {
      fmt::print("  on_reject: the change is rejected; still serving the previous configuration\n{}",
                 indent(strata::format(found)));
      event();
    });
  }

  /// One request. It reads one snapshot and uses only that one, however
  /// the configuration changes meanwhile.
  std::string handle(std::string_view input) const {
    const std::shared_ptr<const ServiceConfig> cfg = config_.get();
    const std::shared_ptr<const Model> model = model_.load();
    const double score = model->score(input);
    std::string greeting;
    for (int i = 0; i < *cfg->app.repeat; ++i) greeting += (i ? " " : "") + cfg->app.message;
    return fmt::format("{} [{}: {} (score {:.3f}, threshold {:.2f})]", greeting, model->name,
                       score >= *cfg->ml.threshold ? "positive" : "negative", score, *cfg->ml.threshold);
  }

  /// Ray Serve's `reconfigure(user_config)`: runtime settings over the file.
  bool reconfigure(std::initializer_list<std::string_view> user_config) {
    fmt::print("  reconfigure({})\n", fmt::join(user_config, ", "));
    return config_.set(user_config).ok();
  }

  /// Waits until `count` changes or rejections have been handled in all.
  bool wait_for_events(int count) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return events_ >= count; });
  }

 private:
  void event() {
    std::lock_guard lock(mutex_);
    ++events_;
    cv_.notify_all();
  }

  strata::live<ServiceConfig>& config_;
  std::atomic<std::shared_ptr<const Model>> model_;  // rebuilt by on_change, read by requests
  std::mutex mutex_;
  std::condition_variable cv_;
  int events_ = 0;
};

/// How an editor saves: a new file renamed over the old one.
void save(const std::filesystem::path& file, std::string_view text) {
  const auto tmp = std::filesystem::path(file.string() + ".swp");
  std::ofstream(tmp, std::ios::binary) << text;
  std::filesystem::rename(tmp, file);
}

std::string config_text(std::string_view model, double threshold, std::string_view api_key) {
  return fmt::format(
      "[app]\nmessage = \"Hello from strata!\"\nrepeat = 1\n\n"
      "[ml]\nmodel_name = \"{}\"\nthreshold = {}\n\n[auth]\napi_key = \"{}\"\n",
      model, threshold, api_key);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    fmt::print(stderr, "usage: {} [conf-dir]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path conf = argc > 1 ? argv[1] : RECONFIGURE_CONF;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(conf / "config.toml", ec)) {
    fmt::print(stderr, "{}: no config.toml in '{}'\nusage: {} [conf-dir]\n", argv[0], conf.string(), argv[0]);
    return 2;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "strata-reconfigure-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return 1;
  const std::filesystem::path work = pattern;
  const std::filesystem::path file = work / "config.toml";
  std::filesystem::copy_file(conf / "config.toml", file);
  bool as_expected = true;
  auto expect = [&](bool ok, std::string_view what) {
    if (!ok) fmt::print("  UNEXPECTED: {}\n", what);
    as_expected = as_expected && ok;
  };

  try {
    rule("1. start: the file, the environment (SERVE_*), no runtime settings");
    strata::live<ServiceConfig> live{strata::configuration(strata::toml_file(file), strata::env())};
    Classifier service(live);
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    // Two workers serve requests during everything that follows.
    std::atomic<bool> stop{false};
    std::atomic<long> served{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back([&] {
        while (!stop) {
          if (!service.handle("request").empty()) ++served;
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
      });

    rule("2. reconfigure(user_config): runtime settings over the file");
    expect(service.reconfigure({"app={message=\"Hello from reconfigure!\", repeat=2}"}), "reconfigure failed");
    expect(service.wait_for_events(1), "no change reported");
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    rule("3. reconfigure with a value out of range: rejected");
    expect(!service.reconfigure({"ml.threshold=1.5"}), "an out-of-range threshold was accepted");
    expect(service.wait_for_events(2), "no rejection reported");
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    rule("4. hot reload: an operator edits the file (new model, rotated key)");
    live.watch(std::chrono::milliseconds(20));
    save(file, config_text("vit_b16", 0.6, "rotated-key-bbbbbbbbbbbbbbbb"));
    expect(service.wait_for_events(3), "the edited file was not picked up");
    fmt::print("  the runtime settings stay: {}\n", fmt::join(live.overrides(), ", "));
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    rule("5. an edit that breaks a rule: rejected, the service keeps going");
    save(file, config_text("experimental/vit_h14", 0.6, "rotated-key-bbbbbbbbbbbbbbbb"));
    expect(service.wait_for_events(4), "the broken edit was not reported");
    expect(*live.get()->ml.model_name == "vit_b16", "the broken edit was applied");
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    rule("6. the edit fixed");
    save(file, config_text("experimental/vit_h14", 0.95, "rotated-key-bbbbbbbbbbbbbbbb"));
    expect(service.wait_for_events(5), "the fixed file was not picked up");
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    rule("7. reset(): drop the runtime settings");
    expect(live.reset().ok(), "reset failed");
    expect(service.wait_for_events(6), "reset reported no change");
    fmt::print("  {}\n", service.handle("a cat on a mat"));

    stop = true;
    for (auto& t : workers) t.join();
    expect(served > 0, "the workers served nothing");
    rule("done");
    fmt::print("  two worker threads served requests throughout, each from one snapshot\n");
  } catch (const strata::config_error& e) {
    fmt::print("\nthe initial configuration is invalid:\n{}", e.what());
    as_expected = false;
  }

  std::filesystem::remove_all(work, ec);
  fmt::print("\n{}\n", as_expected ? "every step behaved as expected." : "some steps did not behave as expected.");
  return as_expected ? 0 : 1;
}
