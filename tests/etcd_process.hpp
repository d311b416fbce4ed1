// tests/etcd_process.hpp: a real etcd for the tests and the benchmark,
// started on free ports of 127.0.0.1 with a data directory of its own,
// killed by its pid and its directory removed when the object goes.
// STRATA_ETCD_SERVER is the etcd binary (CMake's find_program).
#pragma once

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace strata_testing {

/// A free TCP port on 127.0.0.1 (the kernel's choice, released at once).
inline int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("bind");
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

class etcd_process {
 public:
  /// `ready` tells whether the started etcd answers (its owner knows how to ask).
  etcd_process(std::string name, std::function<bool()> ready)
      : name_(std::move(name)), ready_(std::move(ready)), client_port_(free_port()), peer_port_(free_port()) {
    std::string pattern = "/tmp/" + name_ + "-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
    dir_ = pattern;
  }
  ~etcd_process() {
    kill();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  etcd_process(const etcd_process&) = delete;
  etcd_process& operator=(const etcd_process&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(client_port_); }
  const std::filesystem::path& dir() const { return dir_; }

  /// Starts etcd (again: on the same ports and data); returns when it answers.
  void start() {
    using namespace std::chrono_literals;
    const std::string client = endpoint(), peer = "http://127.0.0.1:" + std::to_string(peer_port_);
    const std::string data = (dir_ / "data").string(), log = (dir_ / "etcd.log").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen(log.c_str(), "a", stdout);
      std::freopen(log.c_str(), "a", stderr);
      ::execl(STRATA_ETCD_SERVER, "etcd", "--name", name_.c_str(), "--data-dir", data.c_str(),
              "--listen-client-urls", client.c_str(), "--advertise-client-urls", client.c_str(),
              "--listen-peer-urls", peer.c_str(), "--initial-advertise-peer-urls", peer.c_str(),
              "--initial-cluster", (name_ + "=" + peer).c_str(), "--max-request-bytes", "33554432",
              "--log-level", "error", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    for (int i = 0; i < 300; ++i) {
      if (ready_()) return;
      std::this_thread::sleep_for(50ms);
    }
    kill();
    throw std::runtime_error("etcd did not start: see " + log);
  }

  /// Kills etcd at once (SIGKILL), as a crash would.
  void kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  std::string name_;
  std::function<bool()> ready_;
  int client_port_, peer_port_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

}  // namespace strata_testing
