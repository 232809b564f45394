// bulk.cpp — achievement, band and weighted group means over raw arrays.
//
// The work is memory-bound (38 bytes a cell in and out, a division and a few
// compares), so the kernel streams once over each array and allocates nothing
// per cell. On x86-64 CPUs with AVX2 the default five-band scale runs through
// a kernel written in intrinsics that also adds each cell into its group's
// accumulator as soon as its pair is computed, so that the random updates of
// 100k accumulators overlap the streaming loads instead of alternating with
// them. Everything else goes in blocks: a branch-free pass that the compiler
// vectorises (achievement and band straight into the caller's arrays), then a
// scalar pass that scatters the block's weighted values into the group
// accumulators while the block is still in L1.
#include <algorithm>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>
#include <cstring>
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
constexpr std::size_t kPrefetchDistance = 32;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kHalfMax = std::numeric_limits<double>::max() / 2;  // 2T overflows above

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
  // An overflow (a target of 1e-308, or 2T above DBL_MAX) is not computable,
  // as in achievement(): never inf in an output.
  const bool valid =
      (t != 0.0) & (p <= kBulkRange) & (std::fabs(c) < kInf) & !(use_diff & (t > kHalfMax));
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

struct Accumulator {
  double weighted_sum = 0.0;
  double weight_sum = 0.0;
};

#if defined(__SSE2__)
// a.weighted_sum += p[0]; a.weight_sum += p[1] as one SSE2 add (lane by lane,
// so the sums are bit-for-bit those of scalar adds).
inline void add_pair(Accumulator& a, __m128d p) noexcept {
  double* d = &a.weighted_sum;
  _mm_storeu_pd(d, _mm_add_pd(_mm_loadu_pd(d), p));
}
#endif

// The same from a pair in memory, where SSE2 may be missing.
inline void add_pair(Accumulator& a, const double* p) noexcept {
#if defined(__SSE2__)
  add_pair(a, _mm_load_pd(p));
#else
  a.weighted_sum += p[0];
  a.weight_sum += p[1];
#endif
}

// The default-shape kernel written out in AVX2, four cells to a vector. GCC
// vectorises the loops above, but the mix of byte, int32 and double lanes
// comes out as long chains of shuffles and spills that make the kernel
// compute-bound; here polarity widens once, the band narrows once per eight
// cells and each cell's pair goes straight from registers into its group's
// accumulator. Every operation is the one the scalar loop does, in the same order
// (intrinsics are never contracted into fused multiply-adds), so the results
// are bit-for-bit the same: the tests compare the two over edge cases.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SOPKIT_AVX2_KERNEL 1

bool cpu_has_avx2() noexcept {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

struct Avx2Lanes {
  __m256d ach, score, valid;
};

// Achievement, capped score and validity of four cells.
__attribute__((target("avx2"))) inline Avx2Lanes avx2_cells(const double* t_in, const double* r_in,
                                                            const std::uint8_t* p_in,
                                                            __m256d limit) noexcept {
  std::uint32_t p4;
  std::memcpy(&p4, p_in, 4);
  const __m256i p = _mm256_cvtepu8_epi64(_mm_cvtsi32_si128(static_cast<int>(p4)));
  const __m256d t = _mm256_loadu_pd(t_in), r = _mm256_loadu_pd(r_in);
  const __m256d neg = _mm256_castsi256_pd(_mm256_cmpeq_epi64(p, _mm256_set1_epi64x(kBulkNegative)));
  const __m256d range = _mm256_castsi256_pd(_mm256_cmpeq_epi64(p, _mm256_set1_epi64x(kBulkRange)));
  const __m256d known =
      _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(kBulkRange + 1), p));
  const __m256d diff = _mm256_sub_pd(_mm256_add_pd(t, t), r);  // 2T − R (2T is exact)
  const __m256d use_diff = _mm256_or_pd(neg, _mm256_and_pd(range, _mm256_cmp_pd(r, t, _CMP_GT_OQ)));
  const __m256d num = _mm256_blendv_pd(r, diff, use_diff);
  __m256d c = _mm256_mul_pd(_mm256_div_pd(num, t), _mm256_set1_pd(100.0));
  const __m256d finite = _mm256_andnot_pd(
      _mm256_and_pd(use_diff, _mm256_cmp_pd(t, _mm256_set1_pd(kHalfMax), _CMP_GT_OQ)),
      _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.0), c), _mm256_set1_pd(kInf), _CMP_LT_OQ));
  const __m256d computable = _mm256_and_pd(
      _mm256_and_pd(_mm256_cmp_pd(t, _mm256_setzero_pd(), _CMP_NEQ_UQ), known), finite);
  c = _mm256_blendv_pd(_mm256_set1_pd(std::numeric_limits<double>::quiet_NaN()), c, computable);
  // min(limit, c) is limit < c ? limit : c: the cap, with NaN passed through.
  const __m256d s = _mm256_min_pd(limit, c);
  return {c, s, _mm256_cmp_pd(s, s, _CMP_EQ_OQ)};
}

// Band 1 + (edges passed), 0 for NaN, as 64-bit lanes.
__attribute__((target("avx2"))) inline __m256i avx2_band(__m256d s, __m256d valid, __m256d e0,
                                                         __m256d e1, __m256d e2,
                                                         __m256d e3) noexcept {
  // A passed edge compares as -1: subtract the masks from 1.
  const __m256i passed =
      _mm256_add_epi64(_mm256_add_epi64(_mm256_castpd_si256(_mm256_cmp_pd(s, e0, _CMP_GE_OQ)),
                                        _mm256_castpd_si256(_mm256_cmp_pd(s, e1, _CMP_GE_OQ))),
                       _mm256_add_epi64(_mm256_castpd_si256(_mm256_cmp_pd(s, e2, _CMP_GE_OQ)),
                                        _mm256_castpd_si256(_mm256_cmp_pd(s, e3, _CMP_GE_OQ))));
  return _mm256_and_si256(_mm256_sub_epi64(_mm256_set1_epi64x(1), passed),
                          _mm256_castpd_si256(valid));
}

// The low bytes of eight 64-bit lanes (values 0..16), in order.
__attribute__((target("avx2"))) inline void avx2_store_bands(std::uint8_t* out, __m256i a,
                                                             __m256i b) noexcept {
  // Low dwords: [a0 a1 b0 b1 | a2 a3 b2 b3], then the 64-bit pairs in order.
  __m256i ab = _mm256_castps_si256(
      _mm256_shuffle_ps(_mm256_castsi256_ps(a), _mm256_castsi256_ps(b), _MM_SHUFFLE(2, 0, 2, 0)));
  ab = _mm256_permute4x64_epi64(ab, _MM_SHUFFLE(3, 1, 2, 0));
  const __m128i w16 = _mm_packs_epi32(_mm256_castsi256_si128(ab), _mm256_extracti128_si256(ab, 1));
  const __m128i b8 = _mm_packus_epi16(w16, w16);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), b8);
}

// The (w·score, w) pairs of four cells, both 0 where the score is NaN, into
// the accumulators of their groups; ORs into `bad_w` whether a weight is
// negative, NaN or infinite. A group id outside [0, count) is skipped here (the
// caller throws); ids `kPrefetchDistance` cells ahead, while below `avail`, get
// their accumulator line requested.
__attribute__((target("avx2"))) inline void avx2_scatter(Accumulator* acc, const double* w_in,
                                                         const std::int32_t* g, std::size_t i,
                                                         std::size_t avail, std::uint32_t count,
                                                         __m256d s, __m256d valid,
                                                         __m256d& bad_w) noexcept {
  const __m256d w = _mm256_loadu_pd(w_in + i);
  const __m256d ws = _mm256_and_pd(_mm256_mul_pd(w, s), valid);
  const __m256d wv = _mm256_and_pd(w, valid);
  const __m256d lo = _mm256_unpacklo_pd(ws, wv);  // ws0 wv0 | ws2 wv2
  const __m256d hi = _mm256_unpackhi_pd(ws, wv);  // ws1 wv1 | ws3 wv3
  const __m128d pair[4] = {_mm256_castpd256_pd128(lo), _mm256_castpd256_pd128(hi),
                           _mm256_extractf128_pd(lo, 1), _mm256_extractf128_pd(hi, 1)};
  for (std::size_t j = 0; j < 4; ++j) {
    if (i + j + kPrefetchDistance < avail) {
      const auto ga = static_cast<std::uint32_t>(g[i + j + kPrefetchDistance]);
      __builtin_prefetch(acc + (ga < count ? ga : 0), 1, 3);
    }
    const auto gj = static_cast<std::uint32_t>(g[i + j]);
    if (gj < count) add_pair(acc[gj], pair[j]);
  }
  bad_w = _mm256_or_pd(bad_w, _mm256_or_pd(_mm256_cmp_pd(w, _mm256_setzero_pd(), _CMP_NGE_UQ),
                                           _mm256_cmp_pd(w, _mm256_set1_pd(kInf), _CMP_EQ_OQ)));
}

// Cells [0, m) of a block, eight at a time; returns how many it did (the rest,
// m mod 8, is left to the caller). With kRollup the roll-up pairs are written
// and the group ids and weights checked (`bad`).
template <bool kRollup>
__attribute__((target("avx2"))) std::size_t block_default_avx2(
    const double* t, const double* r, const std::uint8_t* p, const double* w, const std::int32_t* g,
    std::size_t m, std::size_t avail, double* ach, std::uint8_t* band, Accumulator* acc,
    const double* edge, double cap, std::uint32_t group_count, bool* bad) noexcept {
  const __m256d e0 = _mm256_set1_pd(edge[0]), e1 = _mm256_set1_pd(edge[1]);
  const __m256d e2 = _mm256_set1_pd(edge[2]), e3 = _mm256_set1_pd(edge[3]);
  const __m256d limit = _mm256_set1_pd(cap);
  // Unsigned g >= group_count as a signed compare of both sides with the sign
  // bit flipped (group_count > 0 here).
  const __m256i flip = _mm256_set1_epi32(INT32_MIN);
  const __m256i last_id = _mm256_set1_epi32(static_cast<int>((group_count - 1) ^ 0x80000000u));
  __m256d bad_w = _mm256_setzero_pd();
  __m256i bad_g = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 8 <= m; i += 8) {
    const Avx2Lanes a = avx2_cells(t + i, r + i, p + i, limit);
    const Avx2Lanes b = avx2_cells(t + i + 4, r + i + 4, p + i + 4, limit);
    _mm256_storeu_pd(ach + i, a.ach);
    _mm256_storeu_pd(ach + i + 4, b.ach);
    avx2_store_bands(band + i, avx2_band(a.score, a.valid, e0, e1, e2, e3),
                     avx2_band(b.score, b.valid, e0, e1, e2, e3));
    if constexpr (kRollup) {
      avx2_scatter(acc, w, g, i, avail, group_count, a.score, a.valid, bad_w);
      avx2_scatter(acc, w, g, i + 4, avail, group_count, b.score, b.valid, bad_w);
      const __m256i ids = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(g + i));
      bad_g = _mm256_or_si256(bad_g, _mm256_cmpgt_epi32(_mm256_xor_si256(ids, flip), last_id));
    }
  }
  if constexpr (kRollup) *bad = (_mm256_movemask_pd(bad_w) | _mm256_movemask_epi8(bad_g)) != 0;
  return i;
}
#endif

bool is_default_shape(const Edges& e) {
  return e.count == 4 && e.all_inclusive;
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
    // Cells [0, done) of the block went through the AVX2 kernel; the plain
    // kernels take the rest.
    std::size_t done = 0;
#if defined(SOPKIT_AVX2_KERNEL)
    if (fast && cpu_has_avx2() && (!acc || group_count > 0)) {
      const auto count = static_cast<std::uint32_t>(std::min<std::size_t>(group_count, UINT32_MAX));
      if (acc)
        done = block_default_avx2<true>(target + b0, realisation + b0, polarity + b0, weight + b0,
                                        g, m, end - b0, ach, band, acc, e.edge, limit, count, &bad);
      else
        done = block_default_avx2<false>(target + b0, realisation + b0, polarity + b0, nullptr,
                                         nullptr, m, 0, ach, band, nullptr, e.edge, limit, 0, &bad);
    }
#endif
    const std::size_t rest = m - done;
    const std::size_t c0 = b0 + done;
    if (fast && acc) {
      bad |= block_default_rollup(target + c0, realisation + c0, polarity + c0, weight + c0,
                                  g + done, rest, ach + done, band + done, pair_buf + 2 * done,
                                  e.edge[0], e.edge[1], e.edge[2], e.edge[3], limit, group_count);
    } else {
      if (fast)
        block_default(target + c0, realisation + c0, polarity + c0, rest, ach + done,
                      score_buf + done, band + done, e.edge[0], e.edge[1], e.edge[2], e.edge[3],
                      limit);
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
      for (std::size_t i = done; i < m; ++i) {
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
    std::size_t i = done;
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

// Groups whose sums overflowed (weights near DBL_MAX) are summed again with
// every weight divided by the largest weight, as the scalar roll-up does, so
// that both give the same mean instead of NaN here and a number there. Cold:
// it runs only when a sum is not finite.
void resum_overflowed_groups(const double* target, const double* realisation,
                             const std::uint8_t* polarity, const double* weight,
                             const std::int32_t* group, std::size_t n, double limit,
                             std::vector<Accumulator>& acc) {
  std::vector<char> overflowed(acc.size(), 0);
  bool any = false;
  for (std::size_t g = 0; g < acc.size(); ++g)
    if (!std::isfinite(acc[g].weighted_sum) || !std::isfinite(acc[g].weight_sum)) {
      overflowed[g] = 1;
      any = true;
    }
  if (!any) return;
  const double max_weight = *std::max_element(weight, weight + n);
  for (std::size_t g = 0; g < acc.size(); ++g)
    if (overflowed[g]) acc[g] = Accumulator{};
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = static_cast<std::size_t>(group[i]);
    const double c = cell_achievement(target[i], realisation[i], polarity[i]);
    if (!overflowed[g] || c != c) continue;
    const double w = weight[i] / max_weight;
    acc[g].weighted_sum += w * (c > limit ? limit : c);
    acc[g].weight_sum += w;
  }
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
  // No group at all: every cell's group id is outside [0, 0). The kernels
  // check ids only while they accumulate, which they skip without groups.
  if (group_count == 0 && n > 0) report_bad_input(weight, group, n, group_count);
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
  resum_overflowed_groups(target, realisation, polarity, weight, group, n, limit, acc[0]);
  for (std::size_t g = 0; g < group_count; ++g) {
    const Accumulator& a = acc[0][g];
    // Sums that overflow even scaled give no mean: NaN, never inf.
    const double mean = a.weighted_sum / a.weight_sum;
    group_mean_out[g] =
        a.weight_sum > 0.0 && std::isfinite(mean) ? mean : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace sopkit
