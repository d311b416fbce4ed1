// mdBook's book.toml, as https://rust-lang.github.io/mdBook/format/configuration/
// documents it: kebab-case keys throughout, renderers and preprocessors by
// name, redirects keyed by path.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <strata/strata.hpp>

namespace mdbook {

enum class Edition { e2015, e2018, e2021, e2024 };
BOOST_DESCRIBE_ENUM(Edition, e2015, e2018, e2021, e2024)
STRATA_ENUM(Edition, strata::enumerator<Edition::e2015, "2015">, strata::enumerator<Edition::e2018, "2018">,
            strata::enumerator<Edition::e2021, "2021">, strata::enumerator<Edition::e2024, "2024">)

enum class TextDirection { ltr, rtl };
BOOST_DESCRIBE_ENUM(TextDirection, ltr, rtl)

struct Book {
  std::string title;
  std::string description;
  std::vector<std::string> authors;
  std::string language = "en";
  std::optional<TextDirection> text_direction;
  std::string src = "src";
};
BOOST_DESCRIBE_STRUCT(Book, (), (title, description, authors, language, text_direction, src))
STRATA_CONFIGURED(Book, {.keys = strata::naming::kebab_case})

struct Rust {
  std::optional<Edition> edition;
};
BOOST_DESCRIBE_STRUCT(Rust, (), (edition))

struct Build {
  std::string build_dir = "book";
  bool create_missing = true;
  bool use_default_preprocessors = true;
  std::vector<std::string> extra_watch_dirs;
};
BOOST_DESCRIBE_STRUCT(Build, (), (build_dir, create_missing, use_default_preprocessors, extra_watch_dirs))
STRATA_CONFIGURED(Build, {.keys = strata::naming::kebab_case})

/// A preprocessor's own settings are its business: only mdBook's are typed.
struct Preprocessor {
  std::string command;
  std::vector<std::string> renderers;
  std::vector<std::string> before, after;
};
BOOST_DESCRIBE_STRUCT(Preprocessor, (), (command, renderers, before, after))
STRATA_CONFIGURED(Preprocessor, {.unknown_keys = strata::unknown_keys::ignore})

struct Playground {
  bool editable = false;
  bool copyable = true;
  bool copy_js = true;
  bool line_numbers = false;
  bool runnable = true;
};
BOOST_DESCRIBE_STRUCT(Playground, (), (editable, copyable, copy_js, line_numbers, runnable))
STRATA_CONFIGURED(Playground, {.keys = strata::naming::kebab_case})

struct Code {
  std::map<std::string, std::string> hidelines;  // language -> prefix of hidden lines
};
BOOST_DESCRIBE_STRUCT(Code, (), (hidelines))

struct Search {
  bool enable = true;
  strata::annotated<int, strata::min<1>> limit_results = 30;
  int teaser_word_count = 30;
  bool use_boolean_and = false;
  int boost_title = 2, boost_hierarchy = 1, boost_paragraph = 1;
  bool expand = true;
  strata::annotated<int, strata::range<1, 6>> heading_split_level = 3;
  bool copy_js = true;
};
BOOST_DESCRIBE_STRUCT(Search, (), (enable, limit_results, teaser_word_count, use_boolean_and, boost_title,
                                   boost_hierarchy, boost_paragraph, expand, heading_split_level, copy_js))
STRATA_CONFIGURED(Search, {.keys = strata::naming::kebab_case})

struct Html {
  std::string theme;
  std::string default_theme;
  std::string preferred_dark_theme;
  bool smart_punctuation = false;
  bool mathjax_support = false;
  std::vector<std::string> additional_css, additional_js;
  bool no_section_label = false;
  std::string git_repository_url;
  std::string git_repository_icon;
  std::string edit_url_template;
  std::string site_url;
  std::string cname;
  bool hash_files = false;
  Playground playground;
  Code code;
  Search search;
  std::map<std::string, std::string> redirect;  // old path -> new path
};
BOOST_DESCRIBE_STRUCT(Html, (), (theme, default_theme, preferred_dark_theme, smart_punctuation, mathjax_support,
                                 additional_css, additional_js, no_section_label, git_repository_url,
                                 git_repository_icon, edit_url_template, site_url, cname, hash_files, playground,
                                 code, search, redirect))
STRATA_CONFIGURED(Html, {.keys = strata::naming::kebab_case})

/// [output.<renderer>]: the HTML renderer is mdBook's own; others are plug-ins.
struct Output {
  std::optional<Html> html;
};
BOOST_DESCRIBE_STRUCT(Output, (), (html))
STRATA_CONFIGURED(Output, {.unknown_keys = strata::unknown_keys::ignore})

struct BookToml {
  Book book;
  Rust rust;
  Build build;
  std::map<std::string, Preprocessor> preprocessor;
  Output output;
};
BOOST_DESCRIBE_STRUCT(BookToml, (), (book, rust, build, preprocessor, output))
}  // namespace mdbook
