// JsonStream writes numbers byte for byte as nlohmann's dump() does, fast path
// for whole numbers included.
#include "io/detail/json_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace sopkit::detail {
namespace {

std::string written(double v) {
  JsonStream j(-1);
  j.value(v);
  return j.text();
}

TEST(JsonStream, NumbersAreWrittenAsNlohmannWritesThem) {
  std::vector<double> values = {
      0.0, -0.0, 1.0,  -1.0,  92.0,   1e15, 1e15 - 1,  -1e15 + 1,           1e14,
      0.5, 1e16, -3.0, 1e308, 5e-324, 97.5, 2.0 / 3.0, std::ldexp(1.0, 52), std::ldexp(1.0, 53)};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const long long whole = static_cast<long long>(rng() % 4000000000000000ull) - 2000000000000000;
    values.push_back(static_cast<double>(whole));
    values.push_back(
        std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 120) - 60));
    values.push_back(static_cast<double>(rng() % 10000) / 4.0);
  }
  for (double v : values) EXPECT_EQ(written(v), nlohmann::json(v).dump()) << v;
}

TEST(JsonStream, NonFiniteNumbersAreNull) {
  EXPECT_EQ(written(std::nan("")), "null");
  EXPECT_EQ(written(-INFINITY), "null");
}

}  // namespace
}  // namespace sopkit::detail
