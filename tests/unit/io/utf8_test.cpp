// is_valid_utf8 keeps the Unicode rules at every place of a long text, where
// the validator reads many bytes at a time.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/text.hpp"

namespace sopkit::detail {
namespace {

const std::vector<std::string> kValid = {
    "a",       "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9D\x84\x9E", "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF",
    "\xC2\x80"};
const std::vector<std::string> kInvalid = {
    "\x80",              // a continuation byte alone
    "\xC3",              // a start without its continuation
    "\xC0\x80",          // an overlong NUL
    "\xE0\x80\x80",      // an overlong 3-byte form
    "\xF0\x80\x80\x80",  // an overlong 4-byte form
    "\xED\xA0\x80",      // a surrogate
    "\xF4\x90\x80\x80",  // above U+10FFFF
    "\xF5\x80\x80\x80",  // no such start byte
    "\xFF",
    "\xE2\x82",  // cut short
};

// Each sample at every offset of 0..70 ASCII bytes, with ASCII after it.
TEST(Utf8, EveryRuleHoldsAtEveryOffset) {
  for (std::size_t before = 0; before <= 70; ++before)
    for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{37}}) {
      for (const std::string& s : kValid)
        EXPECT_TRUE(is_valid_utf8(std::string(before, 'x') + s + std::string(after, 'y')))
            << before << " " << after;
      for (const std::string& s : kInvalid)
        EXPECT_FALSE(is_valid_utf8(std::string(before, 'x') + s + std::string(after, 'y')))
            << before << " " << after;
    }
  EXPECT_TRUE(is_valid_utf8(""));
}

}  // namespace
}  // namespace sopkit::detail
