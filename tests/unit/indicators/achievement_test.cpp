// Achievement (capaian) formulas of docs/design.md §4, each against a hand computation.
#include <gtest/gtest.h>

#include <cmath>

#include "sopkit/indicator_eval.hpp"

namespace sopkit {
namespace {

constexpr double kTol = 1e-9;

TEST(Achievement, PositiveIsRealisationOverTarget) {
  // 90 / 120 × 100 = 75
  EXPECT_NEAR(achievement(Polarity::positive, 120.0, 90.0).value, 75.0, kTol);
  // 130 / 100 × 100 = 130: stored raw, not capped
  EXPECT_NEAR(achievement(Polarity::positive, 100.0, 130.0).value, 130.0, kTol);
}

TEST(Achievement, NegativePolarityUsesTwoTargetsMinusRealisation) {
  // target 8, realisation 6: (2·8 − 6) / 8 × 100 = 10/8 × 100 = 125
  EXPECT_NEAR(achievement(Polarity::negative, 8.0, 6.0).value, 125.0, kTol);
  // target 8, realisation 10: (16 − 10) / 8 × 100 = 75
  EXPECT_NEAR(achievement(Polarity::negative, 8.0, 10.0).value, 75.0, kTol);
  // realisation 2T gives 0, 3T gives −100: raw, no floor
  EXPECT_NEAR(achievement(Polarity::negative, 8.0, 24.0).value, -100.0, kTol);
}

TEST(Achievement, NegativeRatioFormulaIsTargetOverRealisationWhenSelected) {
  AchievementPolicy ratio;
  ratio.negative_formula = NegativeFormula::ratio;
  // 8 / 10 × 100 = 80
  EXPECT_NEAR(achievement(Polarity::negative, 8.0, 10.0, ratio).value, 80.0, kTol);
  // per-indicator override beats the policy: (16 − 10)/8 = 75
  EXPECT_NEAR(achievement(Polarity::negative, 8.0, 10.0, ratio, NegativeFormula::difference).value,
              75.0, kTol);
}

TEST(Achievement, NegativeRatioWithZeroRealisationIsNotComputable) {
  AchievementPolicy ratio;
  ratio.negative_formula = NegativeFormula::ratio;
  const Achievement a = achievement(Polarity::negative, 8.0, 0.0, ratio);
  EXPECT_FALSE(a.computable());
  EXPECT_EQ(a.reason, Reason::realisation_zero);
  EXPECT_TRUE(std::isnan(a.value));
}

TEST(Achievement, ZeroTargetIsNotComputableNeverZeroOrHundred) {
  for (double r : {0.0, 5.0}) {
    const Achievement a = achievement(Polarity::positive, 0.0, r);
    EXPECT_EQ(a.reason, Reason::target_zero) << r;
    EXPECT_TRUE(std::isnan(a.value));
    EXPECT_EQ(achievement(Polarity::negative, 0.0, r).reason, Reason::target_zero);
  }
}

TEST(Achievement, ZeroOverZeroCountsAsHundredOnlyUnderExplicitPolicy) {
  AchievementPolicy p;
  p.zero_over_zero_is_100 = true;
  EXPECT_NEAR(achievement(Polarity::negative, 0.0, 0.0, p).value, 100.0, kTol);
  EXPECT_NEAR(achievement(Polarity::positive, 0.0, 0.0, p).value, 100.0, kTol);
  // T = 0 with R = 1 stays not computable even under the policy.
  EXPECT_EQ(achievement(Polarity::negative, 0.0, 1.0, p).reason, Reason::target_zero);
}

TEST(Achievement, BlankTargetOrRealisationIsNotComputableWithReason) {
  EXPECT_EQ(achievement(Polarity::positive, std::nullopt, 5.0).reason, Reason::target_blank);
  EXPECT_EQ(achievement(Polarity::positive, 5.0, std::nullopt).reason, Reason::realisation_blank);
}

TEST(Achievement, BlankRealisationDiffersFromReportedZero) {
  // Reported 0 against 10: 0/10 = 0 %, a real (bad) result; blank: no result.
  EXPECT_NEAR(achievement(Polarity::positive, 10.0, 0.0).value, 0.0, kTol);
  EXPECT_FALSE(achievement(Polarity::positive, 10.0, std::nullopt).computable());
}

TEST(Achievement, NegativeOrNonFiniteInputsAreNotComputable) {
  EXPECT_EQ(achievement(Polarity::positive, -5.0, 3.0).reason, Reason::target_negative);
  EXPECT_EQ(achievement(Polarity::positive, 5.0, -3.0).reason, Reason::realisation_negative);
  EXPECT_EQ(achievement(Polarity::positive, std::nan(""), 3.0).reason, Reason::not_finite);
  EXPECT_EQ(achievement(Polarity::positive, 5.0, INFINITY).reason, Reason::not_finite);
}

TEST(Achievement, OverflowIsNotComputableNeverInfinite) {
  // 2T overflows for T = 1e308; R/T·100 overflows for T = 1e-308.
  EXPECT_EQ(achievement(Polarity::negative, 1e308, 1e308).reason, Reason::overflow);
  EXPECT_EQ(achievement(Polarity::positive, 1e-308, 1.0).reason, Reason::overflow);
  EXPECT_EQ(achievement(Polarity::range, 1e308, 1.7e308).reason, Reason::overflow);
  EXPECT_STREQ(reason_name(Reason::overflow), "overflow");
  EXPECT_DOUBLE_EQ(achievement(Polarity::positive, 1e308, 1e308).value, 100.0);
}

TEST(Achievement, PositiveRangeBelowUsesLowAboveUsesHigh) {
  // target 80–90: R = 70 → 70/80 = 87.5; R = 92 → 92/90 = 102.2…; inside → 100
  EXPECT_NEAR(achievement_in_range(Polarity::positive, 80.0, 90.0, 70.0).value, 87.5, kTol);
  EXPECT_NEAR(achievement_in_range(Polarity::positive, 80.0, 90.0, 92.0).value, 9200.0 / 90.0,
              kTol);
  EXPECT_NEAR(
      std::round(achievement_in_range(Polarity::positive, 80.0, 90.0, 92.0).value * 10) / 10, 102.2,
      kTol);
  EXPECT_NEAR(achievement_in_range(Polarity::positive, 80.0, 90.0, 85.0).value, 100.0, kTol);
}

TEST(Achievement, RangeBoundsThemselvesAreInside) {
  EXPECT_NEAR(achievement_in_range(Polarity::positive, 80.0, 90.0, 80.0).value, 100.0, kTol);
  EXPECT_NEAR(achievement_in_range(Polarity::positive, 80.0, 90.0, 90.0).value, 100.0, kTol);
}

TEST(Achievement, NegativeRangeUsesTwoBoundsMinusRealisation) {
  // target 7–8: R = 6.5 → (14 − 6.5)/7 = 107.142…; R = 9 → (16 − 9)/8 = 87.5
  EXPECT_NEAR(achievement_in_range(Polarity::negative, 7.0, 8.0, 6.5).value, 750.0 / 7.0, kTol);
  EXPECT_NEAR(std::round(achievement_in_range(Polarity::negative, 7.0, 8.0, 6.5).value * 10) / 10,
              107.1, kTol);
  EXPECT_NEAR(achievement_in_range(Polarity::negative, 7.0, 8.0, 9.0).value, 87.5, kTol);
}

TEST(Achievement, RangePolarityPenalisesBothSides) {
  // target 15–20: R = 12 → 12/15 = 80; R = 22 → (40 − 22)/20 = 90
  EXPECT_NEAR(achievement_in_range(Polarity::range, 15.0, 20.0, 12.0).value, 80.0, kTol);
  EXPECT_NEAR(achievement_in_range(Polarity::range, 15.0, 20.0, 22.0).value, 90.0, kTol);
}

TEST(Achievement, RangePolarityWithPointTargetPenalisesBothSides) {
  // T = 20: R = 15 → 15/20 = 75; R = 25 → (40 − 25)/20 = 75; R = 20 → 100
  EXPECT_NEAR(achievement(Polarity::range, 20.0, 15.0).value, 75.0, kTol);
  EXPECT_NEAR(achievement(Polarity::range, 20.0, 25.0).value, 75.0, kTol);
  EXPECT_NEAR(achievement(Polarity::range, 20.0, 20.0).value, 100.0, kTol);
}

TEST(Achievement, InvertedOrHalfRangeIsNotComputable) {
  EXPECT_EQ(achievement_in_range(Polarity::positive, 9.0, 8.0, 8.5).reason, Reason::range_inverted);
  EXPECT_EQ(achievement_in_range(Polarity::positive, 9.0, std::nullopt, 8.5).reason,
            Reason::target_blank);
}

TEST(Achievement, RangeWithZeroUpperBoundAboveIsTargetZero) {
  // target 0–0 (no cases allowed), R = 2: (0 − 2)/0 → not computable
  EXPECT_EQ(achievement_in_range(Polarity::negative, 0.0, 0.0, 2.0).reason, Reason::target_zero);
  // R = 0 is inside the range: 100
  EXPECT_NEAR(achievement_in_range(Polarity::negative, 0.0, 0.0, 0.0).value, 100.0, kTol);
}

TEST(Accumulate, SumAddsReportedQuartersSkippingBlanks) {
  EXPECT_EQ(accumulate(Accumulation::sum, {1.0, std::nullopt, 3.0}), 4.0);
}

TEST(Accumulate, LastTakesTheLatestReported) {
  EXPECT_EQ(accumulate(Accumulation::last, {1.0, 3.0, std::nullopt}), 3.0);
}

TEST(Accumulate, AverageIsTheMeanOfReported) {
  EXPECT_EQ(accumulate(Accumulation::average, {1.0, std::nullopt, 3.0, 8.0}), 4.0);
}

TEST(Accumulate, NothingReportedIsBlankNotZero) {
  EXPECT_FALSE(accumulate(Accumulation::sum, {std::nullopt, std::nullopt}).has_value());
  EXPECT_FALSE(accumulate(Accumulation::last, {}).has_value());
}

TEST(DeviationLight, DefaultBoundariesRedBelowMinusTenYellowToMinusFiveGreenAbove) {
  EXPECT_EQ(deviation_light(-10.01), Light::red);
  EXPECT_EQ(deviation_light(-10.0), Light::yellow);  // "red below −10": −10 itself is yellow
  EXPECT_EQ(deviation_light(-5.0), Light::yellow);   // "yellow −10 to −5": inclusive
  EXPECT_EQ(deviation_light(-4.99), Light::green);
  EXPECT_EQ(deviation_light(3.0), Light::green);
  EXPECT_EQ(deviation_light(std::nullopt), Light::none);
}

TEST(DeviationLight, InclusiveFlagsMoveTheBoundaries) {
  DeviationLights l;
  l.red_inclusive = true;
  l.green_inclusive = true;
  EXPECT_EQ(deviation_light(-10.0, l), Light::red);
  EXPECT_EQ(deviation_light(-5.0, l), Light::green);
  EXPECT_EQ(deviation_light(-7.0, l), Light::yellow);
}

TEST(DeviationLight, ThresholdsAreConfigurable) {
  DeviationLights l;
  l.red_below = -20;
  l.green_above = 0;
  EXPECT_EQ(deviation_light(-15.0, l), Light::yellow);
  EXPECT_EQ(deviation_light(-21.0, l), Light::red);
  EXPECT_EQ(deviation_light(0.5, l), Light::green);
}

}  // namespace
}  // namespace sopkit
