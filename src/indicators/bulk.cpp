// bulk.cpp — achievement, band and weighted group means over raw arrays.
//
// The work is memory-bound (38 bytes a cell in and out, a division and a few
// compares), so the kernel streams once over each array and allocates nothing
// per cell. Cells go in blocks: a branch-free pass over the block that the
// compiler vectorises (achievement and band straight into the caller's
// arrays), then a scalar pass that scatters the block's weighted values into
// the group accumulators while the block is still in L1.
#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "sopkit/error.hpp"
#include "sopkit/indicator_bulk.hpp"

// The kernels never look at floating-point exception flags, so they may be
// compiled as if no operation traps: that lets GCC turn the selects on
// comparisons into vector blends. Results are bit-for-bit the same (this is not
// -ffast-math: no reassociation, NaN and infinities behave as IEEE says).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

namespace sopkit {

namespace {

constexpr std::size_t kBlock = 1024;
constexpr std::size_t kMaxEdges = 15;
constexpr std::size_t kPrefetchDistance = 48;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Ascending lower edges of every band above the lowest; a value's band is 1 +
// the number of edges it passes (edges strictly increase, so passing one edge
// implies passing every lower one).
struct Edges {
  double edge[kMaxEdges];
  bool inclusive[kMaxEdges];
  std::size_t count = 0;
  bool all_inclusive = true;
};

Edges edges_of(const RatingScale& s) {
  if (s.band_count() > kMaxEdges + 1)
    throw Error(
        ErrorCode::invalid_argument,
        "the bulk API takes scales of at most 16 bands, not " + std::to_string(s.band_count()),
        "rating scale '" + s.name() + "'");
  Edges e;
  const auto& b = s.bands();  // descending; the last is the catch-all
  for (std::size_t i = b.size() - 1; i-- > 0;) {
    e.edge[e.count] = b[i].lower;
    e.inclusive[e.count] = b[i].inclusive;
    e.all_inclusive = e.all_inclusive && b[i].inclusive;
    ++e.count;
  }
  return e;
}

// Achievement of one cell, in the same operation order as the numpy baseline
// (numerator / T * 100) so that results are bit-identical. Written with
// bitwise logic and selects, no branches, so that the block loop vectorises.
inline double cell_achievement(double t, double r, std::uint8_t p) noexcept {
  const double diff = 2.0 * t - r;
  const bool use_diff = (p == kBulkNegative) | ((p == kBulkRange) & (r > t));
  const double c = (use_diff ? diff : r) / t * 100.0;
  const bool valid = (t != 0.0) & (p <= kBulkRange);
  return valid ? c : std::numeric_limits<double>::quiet_NaN();
}

// Achievement (capped by `limit`) and band for cells [0, m) of a block.
// Writes the capped value to `score` (for the roll-up) and the raw one to `ach`.
// Compiled for AVX-512, AVX2 and baseline x86-64; the loader picks the best the
// CPU has (GCC function multi-versioning), so one binary runs everywhere.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define SOPKIT_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SOPKIT_KERNEL_CLONES
#endif

SOPKIT_KERNEL_CLONES
void block_default(const double* __restrict t, const double* __restrict r,
                   const std::uint8_t* __restrict p, std::size_t m, double* __restrict ach,
                   double* __restrict score, std::uint8_t* __restrict band, double e0, double e1,
                   double e2, double e3, double limit) noexcept {
  // Permendagri 86/2017 shape: four inclusive edges, unrolled.
  for (std::size_t i = 0; i < m; ++i) {
    const double c = cell_achievement(t[i], r[i], p[i]);
    ach[i] = c;
    const double s = c > limit ? limit : c;
    score[i] = s;
    const int b = 1 + (s >= e0) + (s >= e1) + (s >= e2) + (s >= e3);
    band[i] = static_cast<std::uint8_t>(s == s ? b : 0);  // NaN fails s == s
  }
}

void block_generic(const double* t, const double* r, const std::uint8_t* p, std::size_t m,
                   double* ach, double* score, std::uint8_t* band, const Edges& e,
                   double limit) noexcept {
  for (std::size_t i = 0; i < m; ++i) {
    const double c = cell_achievement(t[i], r[i], p[i]);
    ach[i] = c;
    const double s = c > limit ? limit : c;
    score[i] = s;
    unsigned b = 1;
    for (std::size_t j = 0; j < e.count; ++j)
      b += e.inclusive[j] ? (s >= e.edge[j]) : (s > e.edge[j]);
    band[i] = static_cast<std::uint8_t>(s == s ? b : 0u);
  }
}

// Per cell of a block: the weighted score and the weight that go into the
// group sums (both 0 for a not-computable cell, as numpy's where(valid, ...)),
// and whether any group id or weight is invalid. Vectorised like the kernel.
SOPKIT_KERNEL_CLONES
bool block_weights(const double* __restrict w, const std::int32_t* __restrict g,
                   const double* __restrict score, std::size_t m, std::size_t group_count,
                   double* __restrict pair) noexcept {
  const auto count = static_cast<std::uint32_t>(std::min<std::size_t>(group_count, UINT32_MAX));
  unsigned bad = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double wi = w[i];
    const double s = score[i];
    const bool valid = s == s;
    pair[2 * i] = valid ? wi * s : 0.0;
    pair[2 * i + 1] = valid ? wi : 0.0;
    // A negative id wraps to a huge unsigned one.
    bad |= static_cast<unsigned>(static_cast<std::uint32_t>(g[i]) >= count) |
           static_cast<unsigned>(!(wi >= 0.0)) | static_cast<unsigned>(wi == kInf);
  }
  return bad != 0;
}

// The default-shape kernel and block_weights in one pass, for the roll-up:
// each cell's inputs are touched once while they are in registers.
SOPKIT_KERNEL_CLONES
bool block_default_rollup(const double* __restrict t, const double* __restrict r,
                          const std::uint8_t* __restrict p, const double* __restrict w,
                          const std::int32_t* __restrict g, std::size_t m, double* __restrict ach,
                          std::uint8_t* __restrict band, double* __restrict pair, double e0,
                          double e1, double e2, double e3, double limit,
                          std::size_t group_count) noexcept {
  const auto count = static_cast<std::uint32_t>(std::min<std::size_t>(group_count, UINT32_MAX));
  unsigned bad = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double c = cell_achievement(t[i], r[i], p[i]);
    ach[i] = c;
    const double s = c > limit ? limit : c;
    const int b = 1 + (s >= e0) + (s >= e1) + (s >= e2) + (s >= e3);
    const bool valid = s == s;
    band[i] = static_cast<std::uint8_t>(valid ? b : 0);
    const double wi = w[i];
    pair[2 * i] = valid ? wi * s : 0.0;
    pair[2 * i + 1] = valid ? wi : 0.0;
    bad |= static_cast<unsigned>(static_cast<std::uint32_t>(g[i]) >= count) |
           static_cast<unsigned>(!(wi >= 0.0)) | static_cast<unsigned>(wi == kInf);
  }
  return bad != 0;
}

bool is_default_shape(const Edges& e) {
  return e.count == 4 && e.all_inclusive;
}

struct Accumulator {
  double weighted_sum = 0.0;
  double weight_sum = 0.0;
};

// a.weighted_sum += p[0]; a.weight_sum += p[1] — as one SSE2 add where there
// is one (lane by lane, so the sums are bit-for-bit those of scalar adds).
inline void add_pair(Accumulator& a, const double* p) noexcept {
#if defined(__SSE2__)
  double* d = &a.weighted_sum;
  _mm_storeu_pd(d, _mm_add_pd(_mm_loadu_pd(d), _mm_load_pd(p)));
#else
  a.weighted_sum += p[0];
  a.weight_sum += p[1];
#endif
}

// Cells [begin, end): per-cell outputs and the group scatter into `acc`.
// Returns false when a group id or a weight is invalid (the cell is skipped).
bool run_range(const double* target, const double* realisation, const std::uint8_t* polarity,
               const double* weight, const std::int32_t* group, std::size_t begin, std::size_t end,
               std::size_t group_count, double* achievement_out, std::uint8_t* band_out,
               const Edges& e, double limit, Accumulator* acc) {
  alignas(64) double ach_buf[kBlock];
  alignas(64) double score_buf[kBlock];
  alignas(64) std::uint8_t band_buf[kBlock];
  // Per cell (w·score, w), both 0 for a not-computable cell: interleaved so
  // that one 16-byte add updates a group's two sums.
  alignas(64) double pair_buf[2 * kBlock];
  const bool fast = is_default_shape(e);
  bool ok = true;
  for (std::size_t b0 = begin; b0 < end; b0 += kBlock) {
    const std::size_t m = std::min(kBlock, end - b0);
    double* ach = achievement_out ? achievement_out + b0 : ach_buf;
    std::uint8_t* band = band_out ? band_out + b0 : band_buf;
    const std::int32_t* g = group ? group + b0 : nullptr;
    bool bad = false;
    if (fast && acc) {
      bad = block_default_rollup(target + b0, realisation + b0, polarity + b0, weight + b0, g, m,
                                 ach, band, pair_buf, e.edge[0], e.edge[1], e.edge[2], e.edge[3],
                                 limit, group_count);
    } else {
      if (fast)
        block_default(target + b0, realisation + b0, polarity + b0, m, ach, score_buf, band,
                      e.edge[0], e.edge[1], e.edge[2], e.edge[3], limit);
      else
        block_generic(target + b0, realisation + b0, polarity + b0, m, ach, score_buf, band, e,
                      limit);
      if (!acc) continue;
      bad = block_weights(weight + b0, g, score_buf, m, group_count, pair_buf);
    }
    if (bad) {
      // Rare: skip the cells whose group id or weight is invalid; the caller
      // throws after the pass, naming the first of them.
      ok = false;
      for (std::size_t i = 0; i < m; ++i) {
        const auto gi = static_cast<std::uint32_t>(g[i]);
        const double wi = weight[b0 + i];
        if (gi >= group_count || !(wi >= 0.0) || wi == kInf) continue;
        acc[gi].weighted_sum += pair_buf[2 * i];
        acc[gi].weight_sum += pair_buf[2 * i + 1];
      }
      continue;
    }
    // The accumulators of 100k groups outgrow L2; ask for the line a few cells
    // ahead so that the random read-modify-writes overlap instead of queueing.
    // Group ids ahead are read up to the range's end; the ids are not yet
    // validated there, so the prefetch address is clamped.
    const std::size_t ahead =
        std::min(m, end - b0 > kPrefetchDistance ? end - b0 - kPrefetchDistance : 0);
    std::size_t i = 0;
    for (; i < ahead; ++i) {
      const auto ga = static_cast<std::uint32_t>(g[i + kPrefetchDistance]);
      __builtin_prefetch(acc + (ga < group_count ? ga : 0), 1, 3);
      add_pair(acc[static_cast<std::uint32_t>(g[i])], pair_buf + 2 * i);
    }
    for (; i < m; ++i) {
      add_pair(acc[static_cast<std::uint32_t>(g[i])], pair_buf + 2 * i);
    }
  }
  return ok;
}

[[noreturn]] void report_bad_input(const double* weight, const std::int32_t* group, std::size_t n,
                                   std::size_t group_count) {
  for (std::size_t i = 0; i < n; ++i) {
    if (group[i] < 0 || static_cast<std::size_t>(group[i]) >= group_count)
      throw Error(ErrorCode::invalid_argument,
                  "group id " + std::to_string(group[i]) + " is outside [0, " +
                      std::to_string(group_count) + ")",
                  "cell " + std::to_string(i));
    if (!(weight[i] >= 0.0) || std::isinf(weight[i]))
      throw Error(ErrorCode::invalid_argument, "a weight must be a finite number >= 0",
                  "cell " + std::to_string(i));
  }
  throw Error(ErrorCode::internal, "bulk input reported invalid but no cell is");
}

}  // namespace

void evaluate_cells(const double* target, const double* realisation, const std::uint8_t* polarity,
                    std::size_t n, double* achievement_out, std::uint8_t* band_out,
                    const RatingScale& scale) {
  const Edges e = edges_of(scale);
  run_range(target, realisation, polarity, nullptr, nullptr, 0, n, 0, achievement_out, band_out, e,
            std::numeric_limits<double>::infinity(), nullptr);
}

void evaluate_cells_grouped(const double* target, const double* realisation,
                            const std::uint8_t* polarity, const double* weight,
                            const std::int32_t* group, std::size_t n, std::size_t group_count,
                            double* achievement_out, std::uint8_t* band_out, double* group_mean_out,
                            const GroupRollupOptions& options) {
  const Edges e =
      options.scale ? edges_of(*options.scale) : edges_of(RatingScale::permendagri_86_2017());
  const double limit = cap_limit(options.cap);
  const unsigned threads =
      std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(n / kBlock + 1)));

  std::vector<std::vector<Accumulator>> acc(threads);
  std::vector<char> ok(threads, 1);
  auto work = [&](unsigned k) {
    acc[k].assign(group_count, Accumulator{});
    // Split on block boundaries so threads never share a cache line of output.
    const std::size_t blocks = (n + kBlock - 1) / kBlock;
    const std::size_t b0 = blocks * k / threads * kBlock;
    const std::size_t b1 = std::min(n, blocks * (k + 1) / threads * kBlock);
    ok[k] = run_range(target, realisation, polarity, weight, group, b0, b1, group_count,
                      achievement_out, band_out, e, limit, acc[k].data());
  };
  if (threads == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work, k);
    work(0);
    for (auto& t : pool) t.join();
  }
  for (char k : ok)
    if (!k) report_bad_input(weight, group, n, group_count);
  for (unsigned k = 1; k < threads; ++k)
    for (std::size_t g = 0; g < group_count; ++g) {
      acc[0][g].weighted_sum += acc[k][g].weighted_sum;
      acc[0][g].weight_sum += acc[k][g].weight_sum;
    }
  for (std::size_t g = 0; g < group_count; ++g) {
    const Accumulator& a = acc[0][g];
    group_mean_out[g] = a.weight_sum > 0.0 ? a.weighted_sum / a.weight_sum
                                           : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace sopkit
