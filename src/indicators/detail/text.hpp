// text.hpp — small text helpers shared by the indicator engine and its readers
// and writers. Private to the library.
#pragma once

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
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

// An ASCII capital lowered, whatever the C locale; any other byte as it is.
inline char lower_ascii(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `s` is `lower` (a lowercase ASCII word) in any case of ASCII letters; no
// string is made.
inline bool equals_lower_ascii(std::string_view s, std::string_view lower) noexcept {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower_ascii(s[i]) != lower[i]) return false;
  return true;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

inline constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                          1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

// The text std::to_chars gives for a number of at most 15 digits, 6 of them
// decimals (113.6, 92, 0.25): most targets, realisations and budgets. Their
// digits are found by scaling, where to_chars searches for the shortest (the
// larger part of an evaluation's CSV writing). 0 for any other number, or
// when to_chars would write the exponent form ("1e+05"), left to it. Scaling
// finds the fewest decimals k with m / 10^k == v: that decimal reads back to
// v and no shorter one does (at 15 digits, decimals 10^-k apart are more
// than 4 ulps apart), so its digits are the shortest.
inline std::size_t format_short_decimal(double v, char* buf) noexcept {
  const double a = std::fabs(v);
  if (!(a > 0 && a < 1e15)) return 0;  // also NaN, infinities and zeros
  // A decimal with at most 6 decimals is, scaled by 10^6, within a few ulps
  // of a whole number; an achievement (78.96126760563381) is not, and is
  // refused at once instead of after seven scalings.
  if (const double scaled = a * 1e6; scaled < 1e15) {
    const double whole = (scaled + 0x1p52) - 0x1p52;  // rounded: below 2^52, no bits below 1
    if (std::fabs(scaled - whole) > scaled * 0x1p-50) return 0;
  }
  for (int k = 0; k <= 6; ++k) {
    const double scaled = a * kPowersOfTen[k];
    if (scaled >= 1e15) return 0;
    const auto m = static_cast<std::uint64_t>(scaled + 0.5);  // exact below 2^50
    if (static_cast<double>(m) / kPowersOfTen[k] != a) continue;
    char digits[16] = {};
    const auto d = static_cast<int>(std::to_chars(digits, digits + 16, m).ptr - digits);
    int significant = d;  // m's digits without trailing zeros (only when k == 0)
    while (significant > 1 && digits[significant - 1] == '0') --significant;
    const int fixed = a >= 1 ? d + (k > 0) : 2 + k;            // "113.6", "0.25"
    const int exponent = significant + (significant > 1) + 4;  // "1.136e+02"
    if (fixed > exponent) return 0;  // to_chars takes the shorter, fixed on a tie
    char* out = buf;
    if (v < 0) *out++ = '-';
    if (a >= 1) {
      for (int i = 0; i < d; ++i) {
        if (i == d - k) *out++ = '.';
        *out++ = digits[i];
      }
    } else {
      *out++ = '0';
      *out++ = '.';
      for (int i = d; i < k; ++i) *out++ = '0';
      for (int i = 0; i < d; ++i) *out++ = digits[i];
    }
    return static_cast<std::size_t>(out - buf);
  }
  return 0;
}

// The text of a number format_short_decimal() leaves: its size, written
// into `buf` (also "NaN", "inf" and "-inf").
inline std::size_t format_long_number(double v, char (&buf)[64]) noexcept {
  const char* special = std::isnan(v) ? "NaN" : !std::isinf(v) ? nullptr : v > 0 ? "inf" : "-inf";
  if (special) {
    const std::size_t n = std::strlen(special);
    std::memcpy(buf, special, n);
    return n;
  }
  return static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf);
}
// Shortest text that reads back to the same double ("100", "87.5",
// "102.22222222222223"), as std::to_chars writes it. Written into `buf`, for
// writers of many numbers (no string per number).
inline std::string_view format_number(double v, char (&buf)[64]) {
  if (const std::size_t n = format_short_decimal(v, buf)) return std::string_view(buf, n);
  return std::string_view(buf, format_long_number(v, buf));
}
inline std::string format_number(double v) {
  char buf[64];
  return std::string(format_number(v, buf));
}

// The text of the last number a writer formatted the long way. A result
// repeats its numbers (the achievement is also the score, and for the first
// quarters of a year often the year-to-date achievement), and the search for
// a long number's shortest digits costs more than the rest of its row.
class LastNumberText {
 public:
  // `format(v, char (&)[64])` writes v's text and returns its size; it is
  // called only when v is not the last number.
  template <class Format>
  std::string_view of(double v, Format format) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    if (bits != bits_ || size_ == 0) {
      size_ = format(v, text_);
      bits_ = bits;
    }
    return std::string_view(text_, size_);
  }

 private:
  char text_[64];
  std::size_t size_ = 0;
  std::uint64_t bits_ = 0;
};

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
  out = static_cast<double>(mantissa) / kPowersOfTen[decimals];
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
