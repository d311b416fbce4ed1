// Alacritty's alacritty.toml, as its alacritty(5) manual documents it:
// PascalCase values, colours as "#rrggbb", key bindings as an array of
// inline tables, and integers that are milliseconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <strata/strata.hpp>

namespace alacritty {

/// "#rrggbb" or "0xrrggbb".
struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};
}  // namespace alacritty

template <>
struct strata::codec<alacritty::Rgb> {
  static std::optional<alacritty::Rgb> parse(std::string_view text, std::string& error) {
    if (text.starts_with("#")) text.remove_prefix(1);
    else if (text.starts_with("0x")) text.remove_prefix(2);
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1; };
    if (text.size() != 6) return error = "a colour is #rrggbb", std::nullopt;
    std::uint8_t parts[3];
    for (int i = 0; i < 3; ++i) {
      const int hi = hex(text[2 * i]), lo = hex(text[2 * i + 1]);
      if (hi < 0 || lo < 0) return error = "a colour is #rrggbb", std::nullopt;
      parts[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return alacritty::Rgb{parts[0], parts[1], parts[2]};
  }
  static std::string format(const alacritty::Rgb& c) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out = "#";
    for (std::uint8_t v : {c.r, c.g, c.b}) out += digits[v >> 4], out += digits[v & 15];
    return out;
  }
};

namespace alacritty {

struct General {
  bool live_config_reload = true;
  std::vector<std::string> import;
  std::string working_directory;
};
BOOST_DESCRIBE_STRUCT(General, (), (live_config_reload, import, working_directory))

struct Program {
  std::string program;
  std::vector<std::string> args;
};
BOOST_DESCRIBE_STRUCT(Program, (), (program, args))

struct Terminal {
  std::optional<std::variant<std::string, Program>> shell;  // "zsh" or { program = "zsh", args = [...] }
};
BOOST_DESCRIBE_STRUCT(Terminal, (), (shell))

struct FontFace {
  std::string family;
  std::string style;
};
BOOST_DESCRIBE_STRUCT(FontFace, (), (family, style))

struct Offset {
  int x = 0, y = 0;
};
BOOST_DESCRIBE_STRUCT(Offset, (), (x, y))

struct Font {
  FontFace normal{"monospace", "Regular"};
  std::optional<FontFace> bold, italic, bold_italic;
  strata::annotated<double, strata::gt<0.0>> size = 11.25;
  Offset offset, glyph_offset;
  bool builtin_box_drawing = true;
};
BOOST_DESCRIBE_STRUCT(Font, (), (normal, bold, italic, bold_italic, size, offset, glyph_offset, builtin_box_drawing))

struct Primary {
  std::optional<Rgb> foreground, background, dim_foreground, bright_foreground;
};
BOOST_DESCRIBE_STRUCT(Primary, (), (foreground, background, dim_foreground, bright_foreground))

struct Palette {
  std::optional<Rgb> black, red, green, yellow, blue, magenta, cyan, white;
};
BOOST_DESCRIBE_STRUCT(Palette, (), (black, red, green, yellow, blue, magenta, cyan, white))

struct IndexedColor {
  strata::annotated<int, strata::range<16, 255>> index = 16;
  Rgb color;
};
BOOST_DESCRIBE_STRUCT(IndexedColor, (), (index, color))

struct Pair {
  std::optional<Rgb> foreground, background;
};
BOOST_DESCRIBE_STRUCT(Pair, (), (foreground, background))

struct SearchColors {
  Pair matches, focused_match;
};
BOOST_DESCRIBE_STRUCT(SearchColors, (), (matches, focused_match))

struct Colors {
  Primary primary;
  Palette normal, bright, dim;
  std::vector<IndexedColor> indexed_colors;
  SearchColors search;
  bool transparent_background_colors = false;
  bool draw_bold_text_with_bright_colors = false;
};
BOOST_DESCRIBE_STRUCT(Colors, (), (primary, normal, bright, dim, indexed_colors, search, transparent_background_colors,
                                   draw_bold_text_with_bright_colors))

enum class Decorations { full, none, transparent, buttonless };
BOOST_DESCRIBE_ENUM(Decorations, full, none, transparent, buttonless)
STRATA_ENUM(Decorations, strata::naming::pascal_case)

enum class StartupMode { windowed, maximized, fullscreen, simple_fullscreen };
BOOST_DESCRIBE_ENUM(StartupMode, windowed, maximized, fullscreen, simple_fullscreen)
STRATA_ENUM(StartupMode, strata::naming::pascal_case)

struct Dimensions {
  int columns = 0, lines = 0;
};
BOOST_DESCRIBE_STRUCT(Dimensions, (), (columns, lines))

struct Window {
  strata::annotated<double, strata::range<0.0, 1.0>> opacity = 1.0;
  bool blur = false;
  Decorations decorations = Decorations::full;
  StartupMode startup_mode = StartupMode::windowed;
  bool dynamic_title = true;
  bool dynamic_padding = false;
  Dimensions dimensions;
  Offset padding;
  std::string title = "Alacritty";
};
BOOST_DESCRIBE_STRUCT(Window, (), (opacity, blur, decorations, startup_mode, dynamic_title, dynamic_padding, dimensions,
                                   padding, title))

struct Scrolling {
  strata::annotated<int, strata::range<0, 100000>> history = 10000;
  int multiplier = 3;
};
BOOST_DESCRIBE_STRUCT(Scrolling, (), (history, multiplier))

enum class Action {
  paste, copy, paste_selection, increase_font_size, decrease_font_size, reset_font_size, scroll_page_up,
  scroll_page_down, scroll_to_top, scroll_to_bottom, clear_history, hide, minimize, quit, toggle_fullscreen,
  create_new_window, spawn_new_instance, search_forward, search_backward, toggle_vi_mode, clear_selection, none
};
BOOST_DESCRIBE_ENUM(Action, paste, copy, paste_selection, increase_font_size, decrease_font_size, reset_font_size,
                    scroll_page_up, scroll_page_down, scroll_to_top, scroll_to_bottom, clear_history, hide, minimize,
                    quit, toggle_fullscreen, create_new_window, spawn_new_instance, search_forward, search_backward,
                    toggle_vi_mode, clear_selection, none)
STRATA_ENUM(Action, strata::naming::pascal_case)

struct MouseBinding {
  std::string mouse;
  std::string mods;
  std::optional<Action> action;
  std::string chars;
};
BOOST_DESCRIBE_STRUCT(MouseBinding, (), (mouse, mods, action, chars))

struct Mouse {
  bool hide_when_typing = false;
  std::vector<MouseBinding> bindings;
};
BOOST_DESCRIBE_STRUCT(Mouse, (), (hide_when_typing, bindings))

struct KeyBinding {
  std::string key;
  std::string mods;
  std::string mode;
  std::optional<Action> action;
  std::string chars;
};
BOOST_DESCRIBE_STRUCT(KeyBinding, (), (key, mods, mode, action, chars))

struct Keyboard {
  std::vector<KeyBinding> bindings;
};
BOOST_DESCRIBE_STRUCT(Keyboard, (), (bindings))

enum class Shape { block, underline, beam };
BOOST_DESCRIBE_ENUM(Shape, block, underline, beam)
STRATA_ENUM(Shape, strata::naming::pascal_case)

enum class Blinking { never, off, on, always };
BOOST_DESCRIBE_ENUM(Blinking, never, off, on, always)
STRATA_ENUM(Blinking, strata::naming::pascal_case)

struct CursorStyle {
  Shape shape = Shape::block;
  Blinking blinking = Blinking::off;
};
BOOST_DESCRIBE_STRUCT(CursorStyle, (), (shape, blinking))

struct Cursor {
  std::variant<Shape, CursorStyle> style = CursorStyle{};  // "Block" or { shape = "Block", blinking = "On" }
  strata::annotated<std::chrono::milliseconds, strata::duration_unit<std::chrono::milliseconds>,
                    strata::range<10, 10000>>
      blink_interval{750};
  strata::annotated<std::chrono::seconds, strata::duration_unit<std::chrono::seconds>> blink_timeout{5};
  bool unfocused_hollow = true;
  strata::annotated<double, strata::range<0.0, 1.0>> thickness = 0.15;
};
BOOST_DESCRIBE_STRUCT(Cursor, (), (style, blink_interval, blink_timeout, unfocused_hollow, thickness))

enum class Animation {
  ease, ease_out, ease_out_sine, ease_out_quad, ease_out_cubic, ease_out_quart, ease_out_quint, ease_out_expo,
  ease_out_circ, linear
};
BOOST_DESCRIBE_ENUM(Animation, ease, ease_out, ease_out_sine, ease_out_quad, ease_out_cubic, ease_out_quart,
                    ease_out_quint, ease_out_expo, ease_out_circ, linear)
STRATA_ENUM(Animation, strata::naming::pascal_case)

struct Bell {
  Animation animation = Animation::linear;
  // 0 turns the visual bell off
  strata::annotated<std::chrono::milliseconds, strata::duration_unit<std::chrono::milliseconds>> duration{0};
  Rgb color{255, 255, 255};
};
BOOST_DESCRIBE_STRUCT(Bell, (), (animation, duration, color))

struct Config {
  General general;
  Terminal terminal;
  Font font;
  Colors colors;
  Window window;
  Scrolling scrolling;
  Mouse mouse;
  Keyboard keyboard;
  Cursor cursor;
  Bell bell;
};
BOOST_DESCRIBE_STRUCT(Config, (), (general, terminal, font, colors, window, scrolling, mouse, keyboard, cursor, bell))
}  // namespace alacritty
