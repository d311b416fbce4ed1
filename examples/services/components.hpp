// examples/services/components.hpp: the components. None of them knows about
// the container: each says what it needs in its constructor, and
// strata::container supplies it. Configurations come in as `const Cfg&` (or
// `std::shared_ptr<const Cfg>`), other components by reference.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "config.hpp"

namespace shop {

/// Counts constructions, so the demo can show that every component is built
/// once, and that nothing is built when the configuration is invalid.
inline int& built() {
  static int count = 0;
  return count;
}

struct Order {
  int id;
  std::string item;
  int quantity;
};

/// Data access. Needs the database configuration.
class OrderRepository {
 public:
  explicit OrderRepository(const DbCfg& db) : db_(db) {
    ++built();
    orders_.emplace(42, Order{42, "espresso beans, 1kg", 2});
    orders_.emplace(43, Order{43, "grinder", 1});
  }

  std::optional<Order> find(int id) const {
    const auto it = orders_.find(id);
    if (it == orders_.end()) return std::nullopt;
    return it->second;
  }

  /// The connection target: never the password.
  std::string target() const {
    return db_.user.value() + "@" + db_.host.value() + ":" + std::to_string(*db_.port) + "/" + db_.name.value() +
           " (pool of " + std::to_string(*db_.pool_size) + ")";
  }

 private:
  const DbCfg& db_;
  std::map<int, Order> orders_;
};

/// Business logic. Needs the repository; keeps the HTTP configuration as a
/// shared snapshot (it would outlive the container if the service did).
class OrderService {
 public:
  OrderService(OrderRepository& repo, std::shared_ptr<const HttpCfg> http) : repo_(repo), http_(std::move(http)) {
    ++built();
  }

  std::string describe(int id) const {
    const std::optional<Order> order = repo_.find(id);
    if (!order) return "404 no order " + std::to_string(id);
    return "200 order " + std::to_string(order->id) + ": " + std::to_string(order->quantity) + " x " + order->item;
  }

  std::chrono::milliseconds deadline() const { return http_->request_timeout; }

 private:
  OrderRepository& repo_;
  std::shared_ptr<const HttpCfg> http_;
};

/// The root of the graph. Needs the HTTP configuration and the service.
class HttpServer {
 public:
  HttpServer(const HttpCfg& http, OrderService& orders) : http_(http), orders_(orders) { ++built(); }

  std::string address() const { return http_.host.value() + ":" + std::to_string(*http_.port); }
  int workers() const { return *http_.workers; }

  /// "GET /orders/42" -> "200 order 42: ..."
  std::string handle(std::string_view request) const {
    constexpr std::string_view route = "GET /orders/";
    if (!request.starts_with(route)) return "404 " + std::string(request);
    return orders_.describe(std::stoi(std::string(request.substr(route.size()))));
  }

  OrderService& orders() const { return orders_; }

 private:
  const HttpCfg& http_;
  OrderService& orders_;
};

}  // namespace shop
