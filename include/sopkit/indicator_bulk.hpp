// indicator_bulk.hpp — achievement, band and group roll-up over raw arrays.
//
// For hosts that hold millions of (target, realisation) cells in their own
// arrays (numpy, a database export): no IndicatorSet is built, nothing is
// allocated per cell, outputs go to caller-provided arrays. The C ABI wraps
// these functions one to one.
//
//   std::vector<double> ach(n); std::vector<uint8_t> band(n);
//   sopkit::evaluate_cells(T, R, pol, n, ach.data(), band.data());
//   std::vector<double> mean(groups);
//   sopkit::evaluate_cells_grouped(T, R, pol, w, g, n, groups, ach.data(), band.data(),
//                                  mean.data());
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "sopkit/rating_scale.hpp"

namespace sopkit {

// Polarity codes of the bulk arrays.
inline constexpr std::uint8_t kBulkPositive = 0;  // R/T × 100
inline constexpr std::uint8_t kBulkNegative = 1;  // (2T − R)/T × 100
inline constexpr std::uint8_t kBulkRange = 2;     // point target: R/T below, (2T − R)/T above

// Achievement and band per cell. A cell whose target is 0 or NaN, whose
// realisation is NaN (blank), or whose polarity code is unknown gets NaN and
// band 0. Bands are those of `scale` (default Permendagri 86/2017: 1 Sangat
// Rendah .. 5 Sangat Tinggi). Either output may be null (not written). The
// scale must have at most 16 bands (Error{invalid_argument} otherwise).
// Arithmetic is R / T * 100 (and (2T − R) / T * 100) in that order, so results
// are bit-identical to the same numpy expression.
void evaluate_cells(const double* target, const double* realisation, const std::uint8_t* polarity,
                    std::size_t n, double* achievement_out, std::uint8_t* band_out,
                    const RatingScale& scale = RatingScale::permendagri_86_2017());

struct GroupRollupOptions {
  Cap cap = Cap::none;                 // applied to the band and the group mean
  unsigned threads = 1;                // >1 splits the cells over std::threads (each with its
                                       // own group accumulators, merged at the end)
  const RatingScale* scale = nullptr;  // nullptr: Permendagri 86/2017
};

// Fused kernel: achievement and band per cell as evaluate_cells, plus per group
// g in [0, group_count) the weighted mean sum(w·c)/sum(w) over the group's
// computable cells (c capped); NaN for a group with none or whose weights sum
// to 0. achievement_out and band_out may be null. Throws Error{invalid_argument}
// when a group id is outside [0, group_count) or a weight is negative or not
// finite; group_mean_out is then untouched (the per-cell outputs may be partly
// written).
void evaluate_cells_grouped(const double* target, const double* realisation,
                            const std::uint8_t* polarity, const double* weight,
                            const std::int32_t* group, std::size_t n, std::size_t group_count,
                            double* achievement_out, std::uint8_t* band_out, double* group_mean_out,
                            const GroupRollupOptions& options = {});

}  // namespace sopkit
