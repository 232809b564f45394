// bulk_reference.hpp — the bulk indicator formulas written as plainly as
// possible, for the unit tests and fuzz_bulk to hold the kernels against.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "sopkit/indicator_bulk.hpp"

namespace sopkit::reference {

// Achievement of one cell as indicator_bulk.hpp documents it.
inline double plain_achievement(double t, double r, std::uint8_t p) {
  if (p > kBulkRange || !(t != 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const bool use_diff = p == kBulkNegative || (p == kBulkRange && r > t);
  const double diff = 2.0 * t - r;
  const double c = (use_diff ? diff : r) / t * 100.0;
  const bool overflow = std::isinf(c) || (use_diff && t > std::numeric_limits<double>::max() / 2);
  return overflow ? std::numeric_limits<double>::quiet_NaN() : c;
}

// A group's mean, NaN when no weight or when the sums overflowed.
inline double plain_mean(double weighted_sum, double weight_sum) {
  const double m = weighted_sum / weight_sum;
  return weight_sum > 0.0 && std::isfinite(m) ? m : std::numeric_limits<double>::quiet_NaN();
}

// Equal bit for bit (0 and -0 differ), or both NaN.
inline bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace sopkit::reference
