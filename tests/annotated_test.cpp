// annotated<T, A...> is a transparent wrapper: it behaves like T and keeps
// the enclosing struct an aggregate. Only the cheap declaration header is
// needed for that, so this file does not include <strata/load.hpp>.
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>
#include <strata/strata.hpp>

namespace annotated_spec {

struct Listener {
  std::string host = "0.0.0.0";
  strata::annotated<int, strata::range<1, 65535>, strata::doc<"listen port">> port = 8000;
  strata::annotated<int, strata::value<60>> timeout;
  strata::annotated<std::vector<std::string>, strata::non_empty> origins{std::vector<std::string>{"a"}};
};
BOOST_DESCRIBE_STRUCT(Listener, (), (host, port, timeout, origins))

int takes_const_ref(const int& v) { return v; }
std::size_t takes_string(const std::string& s) { return s.size(); }

}  // namespace annotated_spec

using namespace annotated_spec;

TEST_CASE("a struct with annotated fields stays an aggregate") {
  static_assert(std::is_aggregate_v<Listener>);
  Listener l{"localhost", 9000, {}, {}};
  CHECK(l.host == "localhost");
  CHECK(l.port == 9000);
  CHECK(l.timeout == 60);
}

TEST_CASE("annotated converts implicitly to const T&") {
  Listener l;
  CHECK(takes_const_ref(l.port) == 8000);
  const int& ref = l.port;
  CHECK(&ref == &l.port.value());
  strata::annotated<std::string, strata::non_empty> name = std::string("strata");
  CHECK(takes_string(name) == 6);
}

TEST_CASE("annotated gives access through *, -> and value()") {
  strata::annotated<std::string, strata::min_length<1>> name = std::string("abc");
  CHECK(*name == "abc");
  CHECK(name->size() == 3);
  CHECK(name.value() == "abc");
  name->append("d");
  CHECK(*name == "abcd");
  *name = "xyz";
  CHECK(name.value() == "xyz");
  name.value() += "!";
  CHECK(*name == "xyz!");

  const auto& cname = name;
  static_assert(std::is_same_v<decltype(*cname), const std::string&>);
  static_assert(std::is_same_v<decltype(cname.value()), const std::string&>);
  static_assert(std::is_same_v<decltype(cname.operator->()), const std::string*>);
}

TEST_CASE("annotated is constructed and assigned from T and from what T accepts") {
  strata::annotated<int, strata::min<0>> n = 5;
  n = 7;
  CHECK(n == 7);
  const int seven = 7;
  n = seven;
  CHECK(*n == 7);

  strata::annotated<std::string, strata::non_empty> s = "from a literal";  // const char* -> std::string
  CHECK(s == std::string("from a literal"));
  s = std::string("moved in");
  CHECK(*s == "moved in");

  strata::annotated<double, strata::gt<0>> ratio = 0.5;
  ratio = 2.0;
  CHECK(ratio == doctest::Approx(2.0));
}

TEST_CASE("annotated compares with T and with another annotated") {
  strata::annotated<int, strata::min<0>> a = 3, b = 3, c = 4;
  CHECK(a == 3);
  CHECK(3 == a);
  CHECK(a != 4);
  CHECK(a == b);
  CHECK_FALSE(a == c);
  CHECK(a != c);
  CHECK(a < c);
  CHECK(c > a);
  CHECK_FALSE(a >= c);
  const bool same = a == c;  // outside any test macro too
  CHECK_FALSE(same);
  CHECK(a < 4);
  CHECK(a <= 3);
  CHECK(a > 2);
  CHECK(a >= 3);
  CHECK(2 < a);
  CHECK((a <=> 3) == 0);

  strata::annotated<std::string, strata::non_empty> s = std::string("b");
  CHECK(s == std::string("b"));
  CHECK(s == "b");  // anything T compares with
  CHECK("b" == s);
  CHECK(s != "c");
  CHECK(s < std::string("c"));
  CHECK(s > std::string("a"));
}

TEST_CASE("annotated works in constant expressions") {
  constexpr strata::annotated<int, strata::range<1, 10>> n = 4;
  static_assert(n == 4);
  static_assert(*n + 1 == 5);
  static_assert(n.value() < 10);
  constexpr strata::annotated<int, strata::value<60>> pinned;
  static_assert(pinned == 60);
  CHECK(n == 4);
}

TEST_CASE("a pinned field is default-initialized to its constant") {
  strata::annotated<std::string, strata::value<"sqlite">> kind;
  CHECK(*kind == "sqlite");
  strata::annotated<double, strata::value<0.25>> ratio;
  CHECK(*ratio == doctest::Approx(0.25));
  strata::annotated<bool, strata::value<true>> flag;
  CHECK(*flag);
}

TEST_CASE("annotations are empty tags: a field costs only its value") {
  static_assert(sizeof(strata::annotated<int, strata::range<1, 2>, strata::doc<"text">, strata::secret>) ==
                sizeof(int));
  static_assert(sizeof(Listener::port) == sizeof(int));
  CHECK(sizeof(strata::annotated<long, strata::min<0>>) == sizeof(long));
}
