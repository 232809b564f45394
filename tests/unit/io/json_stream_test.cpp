// JsonStream writes documents byte for byte as nlohmann's dump() does, but
// for numbers' digits: the shortest that read back (std::to_chars'), where
// nlohmann's grisu2 is sometimes longer.
#include "io/detail/json_stream.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace sopkit::detail {
namespace {

std::string written(double v) {
  JsonStream j(-1);
  j.value(v);
  return j.take_text();
}

// The layout of a number's text: "-" or not, then fixed ("12.5", "300.0"),
// below one ("0.0012") or with an exponent ("1.5e-07").
std::string layout(const std::string& text) {
  const std::string digits = text[0] == '-' ? text.substr(1) : text;
  const char* form = digits.find('e') != std::string::npos ? "exponent"
                     : digits.rfind("0.", 0) == 0          ? "below one"
                                                           : "fixed";
  return (text[0] == '-' ? "-" : "") + std::string(form) +
         (digits.size() > 2 && digits.substr(digits.size() - 2) == ".0" ? ".0" : "");
}

// "0.00125" and "1.25e-03": "125".
std::string significant_digits(const std::string& text) {
  std::string digits;
  for (char c : text.substr(0, text.find('e')))
    if (c >= '0' && c <= '9' && (c != '0' || !digits.empty())) digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  return digits.empty() ? "0" : digits;
}

// Numbers are laid out as nlohmann's dump() lays them out, with the shortest
// digits that read back to the same double, the closest of them on a tie (as
// std::to_chars finds them): nlohmann's grisu2 digits are, for a number in a
// few hundred, one longer or not the closest.
TEST(JsonStream, NumbersAreLaidOutAsNlohmannLaysThemOut) {
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                92.0,
                                1e15,
                                1e15 - 1,
                                -1e15 + 1,
                                1e14,
                                0.5,
                                1e16,
                                -3.0,
                                1e308,
                                5e-324,
                                97.5,
                                2.0 / 3.0,
                                std::ldexp(1.0, 52),
                                std::ldexp(1.0, 53),
                                1e-4,
                                1e-5,
                                1.5e-7,
                                123456789012345.6,
                                0.00012345678901234};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const long long whole = static_cast<long long>(rng() % 4000000000000000ull) - 2000000000000000;
    values.push_back(static_cast<double>(whole));
    values.push_back(
        std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 120) - 60));
    values.push_back(static_cast<double>(rng() % 10000) / 4.0);
    const double target = static_cast<double>(rng() % 20000) / 10 + 1;
    values.push_back(static_cast<double>(rng() % 20000) / 10 / target * 100);  // an achievement
  }
  int other_digits = 0;
  for (double v : values) {
    const std::string ours = written(v), theirs = nlohmann::json(v).dump();
    char shortest[64];
    const char* end =
        std::to_chars(shortest, shortest + sizeof shortest, v, std::chars_format::scientific).ptr;
    ASSERT_EQ(std::strtod(ours.c_str(), nullptr), v) << ours;
    ASSERT_EQ(significant_digits(ours),
              significant_digits(std::string(shortest, static_cast<std::size_t>(end - shortest))))
        << ours;
    ASSERT_EQ(layout(ours), layout(theirs)) << ours << " " << theirs;
    if (ours != theirs) {
      ++other_digits;
      ASSERT_LE(ours.size(), theirs.size()) << ours << " " << theirs;
    }
  }
  EXPECT_LT(other_digits, static_cast<int>(values.size()) / 100);
  EXPECT_EQ(written(179.89042460465691), "179.8904246046569");   // grisu2: 179.89042460465691
  EXPECT_EQ(written(1095804297120.0937), "1095804297120.0938");  // the closer of two
}

// A decimal of at most 15 digits, 6 of them decimals, has its shortest
// digits, reading back to the same double: where grisu2 writes one longer
// ("0.012070000000000001"), and otherwise as nlohmann writes it.
TEST(JsonStream, ShortDecimalsHaveTheirShortestDigits) {
  EXPECT_EQ(written(0.01207), "0.01207");
  EXPECT_EQ(written(-88.351858), "-88.351858");
  EXPECT_EQ(written(566.436757), "566.436757");
  std::mt19937_64 rng(13);
  int longer_in_nlohmann = 0;
  for (int i = 0; i < 200000; ++i) {
    std::uint64_t m = 0;
    for (int d = 1 + static_cast<int>(rng() % 15); d > 0; --d) m = m * 10 + rng() % 10;
    const double v = static_cast<double>(m) / std::pow(10.0, static_cast<double>(rng() % 7));
    const std::string text = written(v), theirs = nlohmann::json(v).dump();
    ASSERT_EQ(std::stod(text), v) << text;
    ASSERT_LE(text.size(), theirs.size()) << text << " " << theirs;
    if (text != theirs) ++longer_in_nlohmann;
  }
  EXPECT_LT(longer_in_nlohmann, 200);  // about 1 in 2 000
}

TEST(JsonStream, NonFiniteNumbersAreNull) {
  EXPECT_EQ(written(std::nan("")), "null");
  EXPECT_EQ(written(-INFINITY), "null");
}

// Texts of every length around the 8-byte words and the short-string limit,
// with escapes, control characters and UTF-8 at every place.
std::vector<std::string> texts() {
  const std::string pieces[] = {"a",    "Z",    "7", " ",    "\"", "\\", "\n", "\t",
                                "\x01", "\x1f", "/", "\x7f", "é",  "€",  "𝄞"};
  std::mt19937_64 rng(11);
  std::vector<std::string> out = {""};
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    const std::size_t size = rng() % 90;
    while (t.size() < size)
      t += rng() % 4 ? std::string(1, static_cast<char>('a' + rng() % 26)) : pieces[rng() % 15];
    out.push_back(t);
  }
  return out;
}

TEST(JsonStream, DocumentsAreWrittenAsNlohmannWritesThem) {
  for (int indent : {-1, 0, 2, 4}) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    JsonStream j(indent);
    j.begin_object();
    int n = 0;
    for (const std::string& t : texts()) {
      const std::string key = "k" + std::to_string(n++) + t;
      if (t == "empty" || t == "list" || t == "text") continue;
      nlohmann::ordered_json& item = doc[key];
      item["empty"] = nlohmann::ordered_json::array();
      item["list"] = {t, 0.1 * n, 0.1 * n};
      item["text"] = t;
      item[t] = n;
      j.key(key).begin_object();
      j.key("empty").begin_array();
      j.end_array();
      j.key("list").begin_array();
      j.value(t);
      j.value(0.1 * n);
      j.value(0.1 * n);  // the same number twice in a row
      j.end_array();
      j.key("text").value(t);
      j.key(t).value(n);
      j.end_object();
    }
    j.end_object();
    EXPECT_EQ(j.take_text(), doc.dump(indent)) << indent;
  }
}

// A line's lead (comma, newline, indentation) is copied as one block of a
// fixed size; a deep document's leads are longer than the block, and the
// string they come from grows as the document goes deeper.
TEST(JsonStream, DeepDocumentsAreWrittenAsNlohmannWritesThem) {
  for (int indent : {-1, 2, 4, 9}) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    nlohmann::ordered_json* at = &doc;
    JsonStream j(indent);
    j.begin_object();
    for (int depth = 0; depth < 14; ++depth) {
      (*at)["n"] = depth;
      (*at)["list"] = {depth, "x", 0.5};
      j.key("n").value(depth);
      j.key("list").begin_array();
      j.value(depth);
      j.value("x");
      j.value(0.5);
      j.end_array();
      at = &(*at)["deeper"];
      *at = nlohmann::ordered_json::object();
      j.key("deeper").begin_object();
    }
    for (int depth = 0; depth < 14; ++depth) {
      j.key("after").value(true);
      j.end_object();
    }
    j.end_object();
    // The same "after" keys, each closing one level from the deepest out.
    std::vector<nlohmann::ordered_json*> levels{&doc};
    for (int depth = 0; depth < 14; ++depth) levels.push_back(&(*levels.back())["deeper"]);
    for (int depth = 14; depth >= 1; --depth)
      (*levels[static_cast<std::size_t>(depth)])["after"] = true;
    EXPECT_EQ(j.take_text(), doc.dump(indent)) << indent;
  }
}

TEST(JsonStream, TextsAreEscapedAsNlohmannEscapesThem) {
  for (const std::string& t : texts()) {
    JsonStream value(2), key(2);
    value.value(t);
    key.begin_object();
    key.key(t).null();
    key.end_object();
    EXPECT_EQ(value.take_text(), nlohmann::json(t).dump(2));
    const nlohmann::json one = {{t, nullptr}};
    EXPECT_EQ(key.take_text(), one.dump(2));
  }
}

TEST(JsonStream, RepeatedNumbersAreWrittenEachTime) {
  const double values[] = {0.1, 0.1, 2.0 / 3.0, 2.0 / 3.0, 0.1, -0.0, 0.0, 1e-7, 1e-7, 7.0, 7.5};
  JsonStream j(-1);
  j.begin_array();
  nlohmann::json doc = nlohmann::json::array();
  for (double v : values) {
    j.value(v);
    doc.push_back(v);
  }
  j.end_array();
  EXPECT_EQ(j.take_text(), doc.dump());
}

TEST(JsonStream, InvalidUtf8IsRefusedInKeysAndValues) {
  for (const std::string& bad : {std::string("abc\xff"), std::string(20, 'a') + "\xc3"}) {
    JsonStream j(-1);
    EXPECT_THROW(j.value(bad), Error);
    JsonStream k(-1);
    k.begin_object();
    EXPECT_THROW(k.key(bad), Error);
  }
}

}  // namespace
}  // namespace sopkit::detail
