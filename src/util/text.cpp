// text.cpp — positions, UTF-8 checks and excerpts of text, for every layer's
// messages.
#include "util/text.hpp"

#include <simdjson.h>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace sopkit::detail {

std::pair<std::size_t, std::size_t> line_column(std::string_view text,
                                                std::size_t offset) noexcept {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;  // count characters, not UTF-8 continuation bytes
    }
  }
  return {line, col};
}

bool is_valid_utf8(std::string_view text) noexcept {
  // simdjson's validator (the Unicode rules: no overlong forms, no
  // surrogates, nothing above U+10FFFF) reads tens of bytes per cycle, and
  // this runs over whole files.
  return simdjson::validate_utf8(text.data(), text.size());
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, i = 0;
  while (i < text.size() && chars < max_chars) {
    // Copy one character when it is valid UTF-8, else show the byte as \xNN.
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    if (len > 0 && i + len <= text.size() && is_valid_utf8(text.substr(i, len))) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
    }
    ++chars;
  }
  if (i < text.size()) out += "\xE2\x80\xA6";  // …
  return out;
}

}  // namespace sopkit::detail
