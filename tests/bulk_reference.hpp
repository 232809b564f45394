// bulk_reference.hpp — the bulk indicator formulas written as plainly as
// possible, for the unit tests and fuzz_bulk to hold the kernels against.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

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

// Every group's mean of the capped scores (NaN: not computable, skipped) by
// weight, as indicator_bulk.hpp documents it: plain sums in cell order; a
// group whose sums overflow is summed again over every weight divided by the
// largest weight; NaN when no weight or when even those sums overflow.
inline std::vector<double> plain_group_means(const std::vector<double>& score, const double* w,
                                             const std::int32_t* g, std::size_t groups) {
  std::vector<double> ws(groups, 0.0), sw(groups, 0.0);
  double max_w = 0.0;
  for (std::size_t i = 0; i < score.size(); ++i) {
    max_w = w[i] > max_w ? w[i] : max_w;
    if (std::isnan(score[i])) continue;
    ws[g[i]] += w[i] * score[i];
    sw[g[i]] += w[i];
  }
  std::vector<double> means(groups);
  for (std::size_t k = 0; k < groups; ++k) {
    if (!std::isfinite(ws[k]) || !std::isfinite(sw[k])) {
      ws[k] = sw[k] = 0.0;
      for (std::size_t i = 0; i < score.size(); ++i) {
        if (static_cast<std::size_t>(g[i]) != k || std::isnan(score[i])) continue;
        ws[k] += w[i] / max_w * score[i];
        sw[k] += w[i] / max_w;
      }
    }
    means[k] = plain_mean(ws[k], sw[k]);
  }
  return means;
}

// Equal bit for bit (0 and -0 differ), or both NaN.
inline bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace sopkit::reference
