// Number cells read exactly as from_chars reads them, fast path or not.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "indicators/detail/text.hpp"

namespace sopkit::detail {
namespace {

double from_chars_value(const std::string& text) {
  const std::string unsigned_text = text[0] == '+' ? text.substr(1) : text;
  double v = 0;
  std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), v);
  return v;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Decimals of 1 to 20 digits, with a sign, leading zeros and a point at
// every place: the fast path (at most 15 digits) and from_chars must agree
// to the bit.
TEST(PlainNumbers, DecimalsReadToTheSameBitsAsFromChars) {
  std::mt19937_64 rng(3);
  for (int n = 0; n < 200000; ++n) {
    std::string text = n % 7 == 0 ? "-" : n % 11 == 0 ? "+" : "";
    const int digits = 1 + static_cast<int>(rng() % 20);
    const int point = static_cast<int>(rng() % (digits + 2)) - 1;  // -1: none
    for (int d = 0; d < digits; ++d) {
      if (d == point) text += '.';
      text += static_cast<char>('0' + rng() % 10);
    }
    const auto v = parse_plain_number(text);
    ASSERT_TRUE(v) << text;
    ASSERT_TRUE(same_bits(*v, from_chars_value(text))) << text;
  }
  for (const char* text : {"0", "-0", "0.1", "113.6", "999999999999999", "0.000000000000001",
                           "123456789012345.6", ".5", "5."}) {
    const auto v = parse_plain_number(text);
    ASSERT_TRUE(v) << text;
    EXPECT_TRUE(same_bits(*v, from_chars_value(text))) << text;
  }
}

TEST(PlainNumbers, WhatIsNotAPlainNumberIsRefused) {
  for (const char* text : {"", "-", ".", "1,5", "1.2.3", "1e", "0x10", "inf", "nan", " 7", "7 ",
                           "1.234,5", "+-1", "12a"})
    EXPECT_FALSE(parse_plain_number(text)) << text;
}

// The builder's in-place reading of a short decimal: what it reads, it reads
// to parse_plain_number's bits; a sign, an exponent, a second point or more
// than 15 digits it leaves to parse_plain_number.
TEST(PlainNumbers, ShortDecimalsReadToTheSameBitsOrAreLeftAlone) {
  std::mt19937_64 rng(5);
  for (int n = 0; n < 200000; ++n) {
    std::string text;
    const int digits = 1 + static_cast<int>(rng() % 18);
    const int point = static_cast<int>(rng() % (digits + 2)) - 1;  // -1: none
    for (int d = 0; d < digits; ++d) {
      if (d == point) text += '.';
      text += static_cast<char>('0' + rng() % 10);
    }
    double v = -1;
    ASSERT_EQ(read_short_decimal(text, v), digits <= 15) << text;
    if (digits <= 15) {
      ASSERT_TRUE(same_bits(v, *parse_plain_number(text))) << text;
    }
  }
  for (const char* text :
       {"", ".", "-1", "+1", "1e5", "1.2.3", "1,5", " 7", "7 ", "nan", "1234567890123456"}) {
    double v = -1;
    EXPECT_FALSE(read_short_decimal(text, v)) << text;
    EXPECT_EQ(v, -1) << text;
  }
}

std::string to_chars_text(double v) {
  char buf[64];
  return std::string(buf,
                     static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
}

void expect_written_as_to_chars(double v) {
  char buf[64];
  ASSERT_EQ(std::string(format_number(v, buf)), to_chars_text(v)) << to_chars_text(v);
}

// Numbers written without the shortest-digits search come out byte for byte
// as std::to_chars writes them: decimals of every length and sign, the
// borders of the exponent form, and doubles of any bits.
TEST(NumberText, ShortDecimalsAreWrittenAsToChars) {
  std::mt19937_64 rng(11);
  for (int n = 0; n < 300000; ++n) {
    const int digits = 1 + static_cast<int>(rng() % 17);
    std::uint64_t m = 0;
    for (int d = 0; d < digits; ++d) m = m * 10 + rng() % 10;
    const int decimals = static_cast<int>(rng() % 10);
    const double v = static_cast<double>(m) / std::pow(10.0, decimals);
    expect_written_as_to_chars(rng() % 4 == 0 ? -v : v);
  }
  for (int n = 0; n < 300000; ++n) {
    const std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (!std::isnan(v) && !std::isinf(v)) expect_written_as_to_chars(v);
  }
  for (double v : {0.0,
                   -0.0,
                   1.0,
                   92.0,
                   113.6,
                   0.25,
                   10000.0,
                   100000.0,
                   1200.0,
                   1e6,
                   1.5e9,
                   123456789012345.0,
                   999999999999999.0,
                   1e15,
                   1e14,
                   0.001,
                   0.0001,
                   0.00012,
                   0.000012,
                   0.000001,
                   0.0000015,
                   1e-7,
                   0.1 + 0.2,
                   2.5e-3,
                   9007199254740993.0,
                   5e-324,
                   1.7976931348623157e308,
                   78.96126760563381}) {
    expect_written_as_to_chars(v);
    expect_written_as_to_chars(-v);
  }
}

// The cells most files hold take the scaled way; long fractions, exponents
// and zeros are left to to_chars.
TEST(NumberText, CommonCellsTakeTheScaledWay) {
  char buf[64];
  for (double v : {113.6, 92.0, 0.25, 1500000.0, -7.5, 0.001})
    EXPECT_GT(format_short_decimal(v, buf), 0u) << v;
  for (double v : {78.96126760563381, 100000.0, 1.5e9, 0.0001, 0.0, 1e15, 0.1234567})
    EXPECT_EQ(format_short_decimal(v, buf), 0u) << v;
}

// The last number's text is kept, and only its: another number, or the
// same value with another sign bit, is formatted again.
TEST(NumberText, OnlyTheLastNumberIsKept) {
  LastNumberText last;
  int calls = 0;
  const auto text = [&](double v) {
    return std::string(last.of(v, [&](double x, char(&out)[64]) {
      ++calls;
      return format_number(x, out).size();
    }));
  };
  EXPECT_EQ(text(78.96126760563381), "78.96126760563381");
  EXPECT_EQ(text(78.96126760563381), "78.96126760563381");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(text(92.38486092111263), "92.38486092111263");
  EXPECT_EQ(text(78.96126760563381), "78.96126760563381");
  EXPECT_EQ(text(0.0), "0");
  EXPECT_EQ(text(-0.0), "-0");
  EXPECT_EQ(calls, 5);
}

}  // namespace
}  // namespace sopkit::detail
