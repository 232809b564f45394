// Compliance indicators: ordinary indicators that evaluate() scores like IKU.
#include <gtest/gtest.h>

#include "sopkit/indicator_eval.hpp"
#include "sopkit/monitoring.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

using test::cal2024;

RunComparison two_runs() {
  // K1 on time (4 of 4 steps), K2 late (3 of 4 steps, run late): both end in July = 2024-Q3.
  std::vector<test::Row> rows = test::on_time_run();
  const auto late = test::late_run();
  rows.insert(rows.end(), late.begin(), late.end());
  return compare_runs(test::log_of(test::small_sop(), rows), cal2024());
}

TEST(Compliance, IndicatorsPerSopAndUnitWithPercentSatuanAndPositivePolarity) {
  const RunComparison c = two_runs();
  const IndicatorSet set = compliance_indicators({&c});
  ASSERT_EQ(set.indicator_count(), 4u);
  const auto steps = set.find_indicator("KEPATUHAN-SOP T/01 WAKTU");
  const auto runs = set.find_indicator("KEPATUHAN-SOP T/01 SELESAI");
  const auto unit_steps = set.find_indicator("KEPATUHAN-UNIT Dinas Uji/Bidang A WAKTU");
  ASSERT_TRUE(steps && runs && unit_steps);
  EXPECT_EQ(set.indicator(*steps).satuan, "%");
  EXPECT_EQ(set.indicator(*steps).polarity, Polarity::positive);
  EXPECT_EQ(set.units().path(set.indicator(*steps).unit), "Dinas Uji/Bidang A");
  EXPECT_DOUBLE_EQ(set.indicator(*unit_steps).weight, 0.0);  // not counted twice in roll-ups
}

TEST(Compliance, CellsPerQuarterOfTheRunsEndAndPerYear) {
  const RunComparison c = two_runs();
  const IndicatorSet set = compliance_indicators({&c});
  const std::size_t steps = *set.find_indicator("KEPATUHAN-SOP T/01 WAKTU");
  const std::size_t runs = *set.find_indicator("KEPATUHAN-SOP T/01 SELESAI");
  // Steps: 7 of 8 on time = 87.5 %; runs: 1 of 2 by the due date = 50 %.
  const auto q3 = set.find_cell(steps, Period::of_quarter(2024, 3));
  ASSERT_TRUE(q3);
  EXPECT_DOUBLE_EQ(*set.cell(*q3).realisation, 87.5);
  EXPECT_DOUBLE_EQ(*set.cell(*q3).target, 100.0);
  const auto year = set.find_cell(runs, Period::of_year(2024));
  ASSERT_TRUE(year);
  EXPECT_DOUBLE_EQ(*set.cell(*year).realisation, 50.0);
  EXPECT_FALSE(set.find_cell(steps, Period::of_quarter(2024, 2)).has_value());
}

TEST(Compliance, EvaluateScoresThemLikeAnyIndicator) {
  const RunComparison c = two_runs();
  const IndicatorSet set = compliance_indicators({&c});
  const Evaluation ev = evaluate(set);
  bool seen = false;
  for (const auto& r : ev.indicators) {
    if (set.indicator(r.indicator).code != "KEPATUHAN-SOP T/01 SELESAI" ||
        r.period != Period::of_quarter(2024, 3))
      continue;
    seen = true;
    ASSERT_TRUE(r.achievement.computable());
    EXPECT_DOUBLE_EQ(r.achievement.value, 50.0);  // R / T x 100 = 50 / 100
  }
  EXPECT_TRUE(seen);
}

TEST(Compliance, RateWithoutAnyFinishedRunIsBlankNotZero) {
  std::vector<test::Row> rows = test::on_time_run();
  rows.pop_back();
  const RunComparison c = compare_runs(test::log_of(test::small_sop(), rows), cal2024());
  const IndicatorSet set = compliance_indicators({&c});
  const std::size_t runs = *set.find_indicator("KEPATUHAN-SOP T/01 SELESAI");
  const auto q3 = set.find_cell(runs, Period::of_quarter(2024, 3));
  ASSERT_TRUE(q3);
  EXPECT_FALSE(set.cell(*q3).realisation.has_value());
}

}  // namespace
}  // namespace sopkit
