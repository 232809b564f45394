// text.hpp — small text helpers shared by the indicator engine and its readers
// and writers. Private to the library.
#pragma once

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "sopkit/error.hpp"

namespace sopkit::detail {

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // whatever the C locale
  return out;
}

// Shortest text that reads back to the same double ("100", "87.5",
// "102.22222222222223").
// Written into `buf`, for writers of many numbers (no string per number).
inline std::string_view format_number(double v, char (&buf)[64]) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string_view(buf, static_cast<std::size_t>(res.ptr - buf));
}
inline std::string format_number(double v) {
  char buf[64];
  return std::string(format_number(v, buf));
}

// Fixed decimals for tables ("87.50").
inline std::string format_fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// The cell most files are made of ("113.6", "92"): 1 to 15 digits with at
// most one '.', no sign, no exponent, read into `out`; false for anything
// else. Clinger's fast path: the digits (below 10^15) and the power of ten
// are exact doubles, so their quotient is the correctly rounded value, the
// one from_chars gives. Small enough to inline, and no optional goes through
// memory; parse_plain_number reads its short numbers here too.
inline bool read_short_decimal(std::string_view s, double& out) noexcept {
  constexpr double kTens[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                              1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::uint64_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool dot = false;
  for (const char c : s) {
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
      ++digits;
      decimals += dot;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > 15) return false;
  out = static_cast<double>(mantissa) / kTens[decimals];
  return true;
}

// A plain decimal number: optional sign, digits, optional '.', optional
// exponent. No thousands separators, no decimal comma, no "nan"/"inf" (a
// clerk's "1.000,5" must not become 1). nullopt when the text is not one.
inline std::optional<double> parse_plain_number(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  if (double v; read_short_decimal(s.substr(i), v)) return s[0] == '-' ? -v : v;
  int digit_count = 0;
  auto skip_digits = [&] {
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++digit_count;
  };
  skip_digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    skip_digits();
  }
  if (digit_count == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool exp_digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, exp_digits = true;
    if (!exp_digits) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // from_chars reads no leading '+'; out of range, strtod gives what it always
  // gave (inf on overflow, which the caller refuses; 0 or a subnormal on underflow).
  const std::string_view unsigned_text = s[0] == '+' ? s.substr(1) : s;
  double v = 0;
  const auto res =
      std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), v);
  if (res.ec == std::errc() && res.ptr == unsigned_text.data() + unsigned_text.size()) return v;
  const std::string copy(s);
  return std::strtod(copy.c_str(), nullptr);
}

}  // namespace sopkit::detail
