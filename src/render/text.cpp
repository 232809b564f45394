// text.cpp — XML escaping, glyph-width estimates and word wrap for the renderers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/render.hpp"

namespace sopkit {

namespace {

// Length of the UTF-8 sequence starting with byte c (1 for a stray byte, so
// that broken input still advances).
std::size_t sequence_length(unsigned char c) noexcept {
  if (c >= 0xF0 && c <= 0xF7) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

// Advance widths in em, close to DejaVu Sans (wider than Arial), so estimates
// err on the wide side whichever of the two the viewer has.
double glyph_em(unsigned char c) noexcept {
  if (c >= 0x80) return 0.66;  // accented letters, dashes, ±: about a capital's width
  if (c == ' ') return 0.32;
  if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == ':' || c == ';' ||
      c == '\'' || c == '|' || c == '!' || c == 'I')
    return 0.3;
  if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '/' || c == '-') return 0.42;
  if (c == 'm' || c == 'w') return 0.98;
  if (c == 'M' || c == 'W') return 0.99;
  if (c >= 'A' && c <= 'Z') return 0.74;
  if (c >= '0' && c <= '9') return 0.64;
  return 0.62;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows only tab, LF and CR below 0x20.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += ch;
    }
  }
  return out;
}

double text_width(std::string_view text, double font_size) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    em += glyph_em(c);
    i += sequence_length(c);
  }
  return em * font_size;
}

std::vector<std::string> wrap_text(std::string_view text, double width, double font_size) {
  std::vector<std::string> lines;
  std::string line;
  auto flush = [&] {
    if (!line.empty()) lines.push_back(line);
    line.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) {
      if (text[i] == '\n') flush();
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    i = j;
    std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (text_width(candidate, font_size) <= width) {
      line = std::move(candidate);
      continue;
    }
    flush();
    // A word wider than the cell: break it between characters.
    std::size_t k = 0;
    while (k < word.size()) {
      std::size_t n = sequence_length(static_cast<unsigned char>(word[k]));
      std::string next = line + std::string(word.substr(k, n));
      if (!line.empty() && text_width(next, font_size) > width) flush(), next = word.substr(k, n);
      line = std::move(next);
      k += n;
    }
  }
  flush();
  return lines;
}

std::string step_element_id(std::string_view step_id, std::string_view prefix) {
  std::string out(prefix);
  out += "step-";
  // Letters, digits and '-' as they are; every other byte (the escape
  // character '_' too) as _XX, so that distinct ids never meet.
  for (char c : step_id) {
    const auto b = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
      out += c;
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      out += '_';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

}  // namespace sopkit
