// `${...}` as text: strata::literal on a field, strata::no_interpolation on
// a file source (and what its `defaults` compose); the unresolved-variable
// error says how to write a literal `${`.
#include "support.hpp"

namespace lt {
struct GitStatus {
  strata::annotated<std::string, strata::literal> ahead = "⇡${count}";
  std::string style = "bold";
  std::vector<strata::annotated<std::string, strata::literal>> formats;
};
BOOST_DESCRIBE_STRUCT(GitStatus, (), (ahead, style, formats))
}  // namespace lt

using strata_test::contains;
using strata_test::load_toml;
using strata_test::only_at;

TEST_CASE("a literal field keeps ${...} as text; its siblings are interpolated") {
  const auto r = strata::configuration(
                     strata::toml_text("ahead = \"🏎️ ×${count}\"\nstyle = \"${STYLE:bold red}\"\nformats = [\"${a}\", \"$${b}\"]\n",
                                       "starship.toml"))
                     .load<lt::GitStatus>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(*r.value().ahead == "🏎️ ×${count}");
  CHECK(r.value().style == "bold red");
  REQUIRE(r.value().formats.size() == 2);
  CHECK(*r.value().formats[0] == "${a}");
  CHECK(*r.value().formats[1] == "$${b}");  // verbatim: not even the escape is read
  CHECK(r.origin_of("ahead").via.empty());
}

TEST_CASE("an unresolved variable hints at $${, literal and no_interpolation") {
  const auto r = strata::configuration(strata::toml_text("style = \"${count}\"\n", "starship.toml"),
                                       strata::env(std::map<std::string, std::string>{}))
                     .load<lt::GitStatus>();
  const auto d = only_at(r.diagnostics(), "style");
  CHECK(d.message == "count is not set");
  CHECK(d.hint ==
        "write $${ for a literal ${ (or mark the field strata::literal, or read the file with strata::no_interpolation)");
  CHECK(d.origin.line == 1);
}

TEST_CASE("no_interpolation reads a whole file's ${...} as text, and what its defaults list composes") {
  strata_test::temp_dir dir;
  dir.write("base.toml", "style = \"${inherited}\"\n");
  const auto file = dir.write("starship.toml", "defaults = [\"base\"]\nformats = [\"${x}\"]\n");
  const auto r = strata::configuration(strata::toml_file(file, strata::no_interpolation)).load<lt::GitStatus>();
  REQUIRE_MESSAGE(r.ok(), strata::format(r.diagnostics()));
  CHECK(r.value().style == "${inherited}");
  CHECK(*r.value().formats[0] == "${x}");
  const auto optional = strata::configuration(strata::toml_file(dir.path() / "absent.toml", strata::optional,
                                                                strata::no_interpolation))
                            .load<lt::GitStatus>();
  CHECK(optional.ok());
  const auto text = strata::configuration(strata::toml_text("style = \"${y}\"\n", "t.toml", strata::no_interpolation))
                        .load<lt::GitStatus>();
  REQUIRE(text.ok());
  CHECK(text.value().style == "${y}");
}

TEST_CASE("other sources are unaffected: a file after a no_interpolation file is interpolated") {
  const auto r = strata::configuration(strata::toml_text("ahead = \"${a}\"\n", "a.toml", strata::no_interpolation),
                                       strata::toml_text("style = \"${S:x}\"\n", "b.toml"))
                     .load<lt::GitStatus>();
  REQUIRE(r.ok());
  CHECK(r.value().style == "x");
}

TEST_CASE("to_toml writes a literal field's text as it is, and it loads back") {
  lt::GitStatus s;
  s.style = "${not-a-reference}";
  const std::string toml = strata::to_toml(s);
  CHECK(contains(toml, "style = \"$${not-a-reference}\""));  // an interpolated field escapes
  const auto back = load_toml<lt::GitStatus>(toml);
  REQUIRE_MESSAGE(back.ok(), strata::format(back.diagnostics()));
  CHECK(back.value().style == "${not-a-reference}");
  CHECK(*back.value().ahead == "⇡${count}");
}
