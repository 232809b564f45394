// Number cells read exactly as from_chars reads them, fast path or not.
#include <gtest/gtest.h>

#include <charconv>
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

}  // namespace
}  // namespace sopkit::detail
