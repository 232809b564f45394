// The bulk API over raw arrays: same formulas as the scalar API, group means.
#include "sopkit/indicator_bulk.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "bulk_reference.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"

namespace sopkit {
namespace {

TEST(Bulk, FormulasAndBandsPerCell) {
  // positive 90/100 = 90 (band 4: Tinggi); negative (16−6)/8 = 125 (5);
  // range T 20, R 25 → (40−25)/20 = 75 (3); T = 0 → NaN (0); R blank → NaN (0);
  // unknown polarity 7 → NaN (0); exactly 91 → 5; 50.999... → 1
  const std::vector<double> t = {100, 8, 20, 0, 10, 10, 100, 100};
  const std::vector<double> r = {90, 6, 25, 0, NAN, 5, 91, 50.5};
  const std::vector<std::uint8_t> p = {0, 1, 2, 0, 0, 7, 0, 0};
  std::vector<double> a(t.size());
  std::vector<std::uint8_t> b(t.size());
  evaluate_cells(t.data(), r.data(), p.data(), t.size(), a.data(), b.data());
  EXPECT_DOUBLE_EQ(a[0], 90.0);
  EXPECT_DOUBLE_EQ(a[1], 125.0);
  EXPECT_DOUBLE_EQ(a[2], 75.0);
  EXPECT_TRUE(std::isnan(a[3]));
  EXPECT_TRUE(std::isnan(a[4]));
  EXPECT_TRUE(std::isnan(a[5]));
  EXPECT_DOUBLE_EQ(a[6], 91.0);
  const std::vector<std::uint8_t> bands = {4, 5, 3, 0, 0, 0, 5, 1};
  EXPECT_EQ(b, bands);
}

TEST(Bulk, MatchesTheScalarApiBitForBit) {
  std::vector<double> t, r;
  std::vector<std::uint8_t> p;
  for (int i = 0; i < 3000; ++i) {  // spans several kernel blocks
    t.push_back(i % 50 == 0 ? 0.0 : 1.0 + (i * 37 % 1000) * 0.731);
    r.push_back((0.3 + (i * 53 % 100) / 100.0) * (t.back() > 0 ? t.back() : 100.0));
    p.push_back(static_cast<std::uint8_t>(i % 3));
  }
  std::vector<double> a(t.size());
  std::vector<std::uint8_t> b(t.size());
  evaluate_cells(t.data(), r.data(), p.data(), t.size(), a.data(), b.data());
  const RatingScale scale = RatingScale::permendagri_86_2017();
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Achievement s = achievement(static_cast<Polarity>(p[i]), t[i], r[i]);
    if (!s.computable()) {
      EXPECT_TRUE(std::isnan(a[i])) << i;
      EXPECT_EQ(b[i], 0) << i;
    } else {
      EXPECT_EQ(a[i], s.value) << i;  // exact: same operations in the same order
      EXPECT_EQ(b[i], scale.band(s.value)) << i;
    }
  }
}

// Edge cases of every kind, mixed by a fixed generator: zero and negative
// zero, NaN, infinities, the band edges and values a hair below them, huge
// and tiny numbers, known and unknown polarity codes.
struct EdgeCells {
  std::vector<double> t, r, w;
  std::vector<std::uint8_t> p;
  std::vector<std::int32_t> g;
  explicit EdgeCells(std::size_t n, std::int32_t groups) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const double ts[] = {100, 0, -0.0, nan, inf, -inf, 1e-300, -50, 8, 20, 1e308, 3};
    const double rs[] = {90, nan, 0,   inf,  -inf,  91,  90.999, 50.999, 51,  66,
                         76, 25,  125, -0.0, 1e308, 110, 120.5,  -7,     100, 1e-300};
    const std::uint8_t ps[] = {0, 1, 2, 3, 255, 0, 1, 2};
    const double ws[] = {0, 0.5, 1, 3, 10};
    std::uint64_t x = 12345;
    auto next = [&x](std::size_t k) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      return static_cast<std::size_t>((x >> 33) % k);
    };
    for (std::size_t i = 0; i < n; ++i) {
      t.push_back(ts[next(std::size(ts))]);
      // Half the realisations relative to the target, so that bands vary.
      r.push_back(next(2) ? rs[next(std::size(rs))] : t.back() * (0.3 + 0.01 * next(100)));
      p.push_back(ps[next(std::size(ps))]);
      w.push_back(ws[next(std::size(ws))]);
      g.push_back(static_cast<std::int32_t>(next(static_cast<std::size_t>(groups))));
    }
  }
};

using reference::plain_achievement;
using reference::same_double;

TEST(Bulk, KernelsAgreeWithAPlainLoopOnEveryEdgeCase) {
  const std::size_t n = 4099;  // four blocks and a ragged tail
  const EdgeCells c(n, 37);
  const RatingScale scale = RatingScale::permendagri_86_2017();
  // Offsets 0..3 start the arrays off any vector alignment.
  for (std::size_t off = 0; off < 4; ++off) {
    const std::size_t m = n - off;
    std::vector<double> a(m);
    std::vector<std::uint8_t> b(m);
    evaluate_cells(c.t.data() + off, c.r.data() + off, c.p.data() + off, m, a.data(), b.data());
    for (std::size_t i = 0; i < m; ++i) {
      const double want = plain_achievement(c.t[off + i], c.r[off + i], c.p[off + i]);
      ASSERT_TRUE(same_double(a[i], want)) << "cell " << off + i << ": " << a[i] << " vs " << want;
      ASSERT_EQ(b[i], std::isnan(want) ? 0u : scale.band(want)) << "cell " << off + i;
    }
  }
}

TEST(BulkGrouped, KernelsAgreeWithAPlainLoopOnEveryEdgeCaseAndCap) {
  const std::size_t n = 4099;
  const std::int32_t groups = 37;
  const EdgeCells c(n, groups);
  const RatingScale scale = RatingScale::permendagri_86_2017();
  for (Cap cap : {Cap::none, Cap::at_100, Cap::at_110, Cap::at_120}) {
    const double limit = cap_limit(cap);
    for (std::size_t off = 0; off < 4; ++off) {
      const std::size_t m = n - off;
      std::vector<double> a(m), mean(groups);
      std::vector<std::uint8_t> b(m);
      GroupRollupOptions o;
      o.cap = cap;
      evaluate_cells_grouped(c.t.data() + off, c.r.data() + off, c.p.data() + off, c.w.data() + off,
                             c.g.data() + off, m, groups, a.data(), b.data(), mean.data(), o);
      std::vector<double> score(m);
      for (std::size_t i = 0; i < m; ++i) {
        const double want = plain_achievement(c.t[off + i], c.r[off + i], c.p[off + i]);
        const double s = want > limit ? limit : want;
        ASSERT_TRUE(same_double(a[i], want)) << "cell " << off + i;
        ASSERT_EQ(b[i], std::isnan(s) ? 0u : scale.band(s)) << "cell " << off + i;
        score[i] = s;
      }
      const std::vector<double> means =
          reference::plain_group_means(score, c.w.data() + off, c.g.data() + off, groups);
      for (std::int32_t k = 0; k < groups; ++k) {
        const double want = means[k];
        EXPECT_TRUE(same_double(mean[k], want)) << "group " << k << " cap " << static_cast<int>(cap)
                                                << ": " << mean[k] << " vs " << want;
      }
    }
  }
}

TEST(Bulk, OtherScalesGiveTheirBands) {
  // SAKIP exclusive edges: 90 → band 6 (A, not AA); 90.5 → 7 (AA); 30 → 1 (D)
  const std::vector<double> t = {100, 100, 100}, r = {90, 90.5, 30};
  const std::vector<std::uint8_t> p = {0, 0, 0};
  std::vector<std::uint8_t> b(3);
  evaluate_cells(t.data(), r.data(), p.data(), 3, nullptr, b.data(), RatingScale::sakip_88_2021());
  EXPECT_EQ(b, (std::vector<std::uint8_t>{6, 7, 1}));
}

TEST(BulkGrouped, WeightedMeanPerGroupExcludingNotComputable) {
  // group 0: 80 % (w 1) and 100 % (w 3) → (80 + 300)/4 = 95
  // group 1: T = 0 (excluded) and 60 % (w 2) → 60
  // group 2: only T = 0 → NaN
  const std::vector<double> t = {100, 100, 0, 100, 0};
  const std::vector<double> r = {80, 100, 5, 60, 1};
  const std::vector<std::uint8_t> p = {0, 0, 0, 0, 0};
  const std::vector<double> w = {1, 3, 9, 2, 1};
  const std::vector<std::int32_t> g = {0, 0, 1, 1, 2};
  std::vector<double> mean(3);
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 5, 3, nullptr, nullptr,
                         mean.data());
  EXPECT_DOUBLE_EQ(mean[0], 95.0);
  EXPECT_DOUBLE_EQ(mean[1], 60.0);
  EXPECT_TRUE(std::isnan(mean[2]));
}

TEST(BulkGrouped, CapAppliesToGroupMeanAndBandNotToStoredAchievement) {
  // 150 % capped at 100 with 50 % → (100 + 50)/2 = 75; stored achievement stays 150
  const std::vector<double> t = {100, 100}, r = {150, 50}, w = {1, 1};
  const std::vector<std::uint8_t> p = {0, 0};
  const std::vector<std::int32_t> g = {0, 0};
  std::vector<double> a(2), mean(1);
  std::vector<std::uint8_t> b(2);
  GroupRollupOptions o;
  o.cap = Cap::at_100;
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 2, 1, a.data(), b.data(),
                         mean.data(), o);
  EXPECT_DOUBLE_EQ(a[0], 150.0);
  EXPECT_EQ(b[0], 5);
  EXPECT_DOUBLE_EQ(mean[0], 75.0);
}

TEST(BulkGrouped, ZeroWeightsGiveNaNNotDivisionByZero) {
  const std::vector<double> t = {100}, r = {80}, w = {0};
  const std::vector<std::uint8_t> p = {0};
  const std::vector<std::int32_t> g = {0};
  std::vector<double> mean(1, 42.0);
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 1, 1, nullptr, nullptr,
                         mean.data());
  EXPECT_TRUE(std::isnan(mean[0]));
}

TEST(Bulk, OverflowIsNotComputableLikeTheScalarApi) {
  // Negative polarity at 1e308 (2T overflows) and a target of 1e-308.
  const std::vector<double> t = {1e308, 1e-308, 1e308}, r = {1e308, 1.0, 1e308};
  const std::vector<std::uint8_t> p = {1, 0, 0};
  std::vector<double> a(3);
  std::vector<std::uint8_t> b(3);
  evaluate_cells(t.data(), r.data(), p.data(), 3, a.data(), b.data());
  EXPECT_TRUE(std::isnan(a[0]));
  EXPECT_EQ(b[0], 0);
  EXPECT_TRUE(std::isnan(a[1]));
  EXPECT_EQ(b[1], 0);
  EXPECT_EQ(a[2], 100.0);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(achievement(static_cast<Polarity>(p[i]), t[i], r[i]).computable(), !std::isnan(a[i]));
}

TEST(BulkGrouped, WeightsNearTheDoubleMaximumGiveTheScalarRollUpsMean) {
  // 1e308·80 and 1e308 + 1e308 overflow: summed with the weights scaled, the
  // means are 85 and 80, as evaluate() gives for the same data.
  const std::vector<double> t = {100, 100, 100}, r = {80, 90, 80}, w = {1e308, 1e308, 1e308};
  const std::vector<std::uint8_t> p = {0, 0, 0};
  const std::vector<std::int32_t> g = {0, 0, 1};
  std::vector<double> mean(2, 42.0);
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 3, 2, nullptr, nullptr,
                         mean.data());
  EXPECT_DOUBLE_EQ(mean[0], 85.0);
  EXPECT_DOUBLE_EQ(mean[1], 80.0);
}

TEST(BulkGrouped, CellsWithoutAnyGroupAreRefused) {
  // group_count 0: every id is outside [0, 0), whatever it is.
  const std::vector<double> t = {100}, r = {80}, w = {1};
  const std::vector<std::uint8_t> p = {0};
  const std::vector<std::int32_t> g = {0};
  try {
    evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 1, 0, nullptr, nullptr,
                           nullptr);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(e.message(), "group id 0 is outside [0, 0)");
  }
  std::vector<double> none;
  evaluate_cells_grouped(none.data(), none.data(), nullptr, none.data(), nullptr, 0, 0, nullptr,
                         nullptr, nullptr);  // no cells, no groups: nothing to refuse
}

TEST(BulkGrouped, ThreadsGiveTheSameMeans) {
  const std::size_t n = 50000, groups = 97;
  std::vector<double> t(n), r(n), w(n);
  std::vector<std::uint8_t> p(n);
  std::vector<std::int32_t> g(n);
  for (std::size_t i = 0; i < n; ++i) {
    t[i] = 1.0 + static_cast<double>(i % 997);
    r[i] = t[i] * (0.5 + static_cast<double>(i % 7) / 10.0);
    p[i] = static_cast<std::uint8_t>(i % 5 == 0);
    w[i] = static_cast<double>(1 + i % 10);
    g[i] = static_cast<std::int32_t>((i * 7919) % groups);
  }
  std::vector<double> m1(groups), m2(groups);
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), n, groups, nullptr,
                         nullptr, m1.data());
  GroupRollupOptions o;
  o.threads = 2;
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), n, groups, nullptr,
                         nullptr, m2.data(), o);
  for (std::size_t k = 0; k < groups; ++k) EXPECT_NEAR(m1[k], m2[k], 1e-9 * std::abs(m1[k])) << k;
}

TEST(BulkGrouped, InvalidGroupIdOrWeightThrowsAndLeavesMeansUntouched) {
  const std::vector<double> t = {100, 100}, r = {80, 90};
  const std::vector<std::uint8_t> p = {0, 0};
  std::vector<double> w = {1, 1};
  std::vector<std::int32_t> g = {0, 5};
  std::vector<double> mean(2, 42.0);
  try {
    evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 2, 2, nullptr, nullptr,
                           mean.data());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(e.where(), "cell 1");
  }
  EXPECT_EQ(mean[0], 42.0);
  g = {0, -1};
  EXPECT_THROW(evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 2, 2,
                                      nullptr, nullptr, mean.data()),
               Error);
  g = {0, 1};
  w = {1, -2};
  EXPECT_THROW(evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 2, 2,
                                      nullptr, nullptr, mean.data()),
               Error);
  w = {NAN, 1};
  EXPECT_THROW(evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), 2, 2,
                                      nullptr, nullptr, mean.data()),
               Error);
}

TEST(BulkGrouped, InvalidGroupIdDeepInALargeInputIsFoundAndNamed) {
  // Past the first kernel block and the prefetch distance: the id is read
  // ahead before it is validated, and must never be written through.
  const std::size_t n = 5000;
  std::vector<double> t(n, 100.0), r(n, 90.0), w(n, 1.0), mean(4, 42.0);
  std::vector<std::uint8_t> p(n, 0);
  std::vector<std::int32_t> g(n, 1);
  g[2500] = 1 << 30;
  try {
    evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), n, 4, nullptr, nullptr,
                           mean.data());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "cell 2500");
  }
  EXPECT_EQ(mean[1], 42.0);
  g[2500] = 3;  // valid again: 4999 cells of 90 % in group 1, one in group 3
  evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), n, 4, nullptr, nullptr,
                         mean.data());
  EXPECT_DOUBLE_EQ(mean[1], 90.0);
  EXPECT_DOUBLE_EQ(mean[3], 90.0);
  EXPECT_TRUE(std::isnan(mean[0]));
}

}  // namespace
}  // namespace sopkit
