// evaluate(): periods, year-to-date, annual from quarters, multi-year, caps,
// predicates, roll-ups, money and physical progress, early warning.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

constexpr double kTol = 1e-9;
const char* kHeader =
    "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,"
    "target_low,target_high,budget,budget_realisation,financial_plan,physical_plan,"
    "physical_realisation\n";

// Rows may stop after the columns they need; the rest are padded blank.
IndicatorSet csv(const std::string& rows) {
  std::string text = kHeader;
  std::size_t start = 0;
  while (start < rows.size()) {
    const std::size_t nl = rows.find('\n', start);
    std::string line = rows.substr(start, nl - start);
    const auto fields = 1 + std::count(line.begin(), line.end(), ',');
    line.append(static_cast<std::size_t>(17 - fields), ',');
    text += line + "\n";
    start = nl + 1;
  }
  return parse_indicators_csv(text, "t.csv");
}

// Copies: callers may pass a temporary Evaluation.
IndicatorResult result(const IndicatorSet& s, const Evaluation& ev, const char* code,
                       const char* period) {
  const auto ind = *s.find_indicator(code);
  for (const auto& r : ev.indicators)
    if (r.indicator == ind && r.period == Period::parse(period)) return r;
  throw std::runtime_error(std::string("no result ") + code + " " + period);
}

UnitResult unit_result(const IndicatorSet& s, const Evaluation& ev, const char* path,
                       const char* period) {
  const auto u = *s.units().find_path(path);
  for (const auto& r : ev.units)
    if (r.unit == u && r.period == Period::parse(period)) return r;
  throw std::runtime_error(std::string("no unit result ") + path);
}

TEST(Evaluate, AnnualBlankRealisationOfSumIndicatorAddsTheQuarters) {
  // sum: R = 3 + 4 + 5 + 6 = 18 against T = 20 → 90 %
  const auto s =
      csv("D,K1,Dokumen,dok,positive,sum,1,2024,20,\n"
          "D,K1,,,,,,2024-Q1,5,3\nD,K1,,,,,,2024-Q2,5,4\nD,K1,,,,,,2024-Q3,5,5\nD,K1,,,,,,2024-Q4,"
          "5,6\n");
  const auto ev = evaluate(s);
  const auto& r = result(s, ev, "K1", "2024");
  EXPECT_EQ(*r.realisation, 18.0);
  EXPECT_TRUE(r.realisation_from_parts);
  EXPECT_NEAR(r.achievement.value, 90.0, kTol);
}

TEST(Evaluate, AnnualBlankRealisationOfLastIndicatorTakesTheLatestReported) {
  // last: Q3 is the latest reported (Q4 blank) → R = 96; 96/100 = 96 %
  const auto s =
      csv("D,APK,APK,%,positive,last,1,2024,100,\n"
          "D,APK,,,,,,2024-Q1,100,90\nD,APK,,,,,,2024-Q2,100,93\nD,APK,,,,,,2024-Q3,100,96\n"
          "D,APK,,,,,,2024-Q4,100,\n");
  const auto ev = evaluate(s);
  EXPECT_EQ(*result(s, ev, "APK", "2024").realisation, 96.0);
  EXPECT_NEAR(result(s, ev, "APK", "2024").achievement.value, 96.0, kTol);
}

TEST(Evaluate, AnnualGivenRealisationIsNotOverriddenByQuarters) {
  const auto s =
      csv("D,K1,x,dok,positive,sum,1,2024,20,10\n"
          "D,K1,,,,,,2024-Q1,5,3\nD,K1,,,,,,2024-Q2,5,4\n");
  const auto ev = evaluate(s);
  EXPECT_EQ(*result(s, ev, "K1", "2024").realisation, 10.0);  // 10/20 = 50 %
  EXPECT_FALSE(result(s, ev, "K1", "2024").realisation_from_parts);
  EXPECT_NEAR(result(s, ev, "K1", "2024").achievement.value, 50.0, kTol);
}

TEST(Evaluate, AnnualBlankTargetOfSumIndicatorNeedsAllFourQuarterTargets) {
  // targets 5+10+10+5 = 30, realisations 4+9+12+6 = 31 → 103.33 %
  const auto s =
      csv("D,K1,x,obj,positive,sum,1,2024,,\n"
          "D,K1,,,,,,2024-Q1,5,4\nD,K1,,,,,,2024-Q2,10,9\nD,K1,,,,,,2024-Q3,10,12\n"
          "D,K1,,,,,,2024-Q4,5,6\n"
          "D,K2,x,obj,positive,sum,1,2024,,\nD,K2,,,,,,2024-Q1,5,4\n");
  const auto ev = evaluate(s);
  const auto& r = result(s, ev, "K1", "2024");
  EXPECT_EQ(*r.target, 30.0);
  EXPECT_TRUE(r.target_from_parts);
  EXPECT_NEAR(r.achievement.value, 3100.0 / 30.0, kTol);
  // K2 has only a Q1 target: a quarter's target is not the year's.
  EXPECT_EQ(result(s, ev, "K2", "2024").achievement.reason, Reason::target_blank);
}

// Rows need not be grouped by indicator nor in chronological order: K1's
// fifteen rows (three years and their quarters) and K2's five, interleaved
// and reversed, evaluate as the same rows grouped and in order.
TEST(Evaluate, RowsInAnyOrderEvaluateAsGroupedAndInOrder) {
  const std::string k1 = "Dinas/Bidang,K1,a,%,positive,sum,2,2022,,\n";
  const std::string k2 = "Dinas,K2,b,%,negative,last,1,2024,,\n";
  std::vector<std::string> rows;
  for (int year = 2022; year <= 2024; ++year)
    for (int q = 1; q <= 5; ++q) {
      const std::string period = std::to_string(year) + (q < 5 ? "-Q" + std::to_string(q) : "");
      if (q == 5 && year == 2022) continue;  // K1's definition row
      // A year's row leaves its target and realisation to its quarters.
      const std::string t = q < 5 ? std::to_string(10 * q + year % 10) : "";
      const std::string r = q < 5 ? std::to_string(9 * q + year % 7) : "";
      rows.push_back("Dinas/Bidang,K1,,,,,," + period + "," + t + "," + r + "\n");
      if (year == 2024 && q < 5)
        rows.push_back("Dinas,K2,,,,,," + period + "," + t + "," + r + "9\n");
    }
  std::vector<std::string> k1_rows, k2_rows;
  for (const auto& row : rows)
    (row.find(",K1,") != std::string::npos ? k1_rows : k2_rows).push_back(row);
  std::string grouped = k1 + k2, scrambled = k1 + k2;
  for (const auto& row : k1_rows) grouped += row;
  for (const auto& row : k2_rows) grouped += row;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) scrambled += *it;
  const IndicatorSet in_order = csv(grouped), any_order = csv(scrambled);
  for (const char* period : {"", "2024-Q2", "2023"}) {
    EvaluationOptions o;
    if (*period) o.period = Period::parse(period);
    EXPECT_EQ(evaluation_to_json(any_order, evaluate(any_order, o)),
              evaluation_to_json(in_order, evaluate(in_order, o)))
        << period;
  }
  // The year's figures come from its quarters, found among the scrambled rows.
  const IndicatorResult y = result(any_order, evaluate(any_order), "K1", "2023");
  EXPECT_TRUE(y.target_from_parts);
  EXPECT_EQ(y.target, 13.0 + 23 + 33 + 43);
  EXPECT_EQ(y.realisation, 9.0 + 18 + 27 + 36);
}

TEST(Evaluate, YearToDateAccumulatesQuartersByTheRule) {
  // sum: YTD at Q2 = (3 + 4) / (5 + 5) = 70 %; the quarter alone 4/5 = 80 %
  const auto s = csv("D,K1,x,dok,positive,sum,1,2024-Q1,5,3\nD,K1,,,,,,2024-Q2,5,4\n");
  const auto ev = evaluate(s);
  const auto& q2 = result(s, ev, "K1", "2024-Q2");
  EXPECT_NEAR(q2.achievement.value, 80.0, kTol);
  EXPECT_EQ(*q2.ytd_target, 10.0);
  EXPECT_EQ(*q2.ytd_realisation, 7.0);
  EXPECT_NEAR(q2.ytd_achievement.value, 70.0, kTol);
}

TEST(Evaluate, MultiYearLastIndicatorUsesTheLatestYearNotASum) {
  // Renstra end target 107; annual realisations 2022: 104, 2023: 105.5
  // (2024 from its Q2: 106) → last = 106; 106/107 = 99.07 %, never (104+105.5+106)/107
  const auto s =
      csv("D,APK,APK,%,positive,last,1,2022,105,104\nD,APK,,,,,,2023,105.5,105.5\n"
          "D,APK,,,,,,2024-Q1,106,105\nD,APK,,,,,,2024-Q2,106,106\nD,APK,,,,,,2021-2026,107,\n");
  const auto ev = evaluate(s);
  const auto& r = result(s, ev, "APK", "2021-2026");
  EXPECT_EQ(*r.realisation, 106.0);
  EXPECT_NEAR(r.achievement.value, 10600.0 / 107.0, kTol);
}

TEST(Evaluate, MultiYearSumIndicatorAddsTheYears) {
  // end target 100 documents over 2021–2026; 2022: 20, 2023: 25 → 45 %
  const auto s =
      csv("D,K1,x,dok,positive,sum,1,2022,20,20\nD,K1,,,,,,2023,20,25\nD,K1,,,,,,2021-2026,100,\n");
  const auto ev = evaluate(s);
  EXPECT_NEAR(result(s, ev, "K1", "2021-2026").achievement.value, 45.0, kTol);
}

TEST(Evaluate, StoredAchievementIsRawWhileTheCapBoundsScoreAndPredicate) {
  // 130/100 = 130 % raw; cap 110 → score 110; roll-up of this alone = 110
  const auto s = csv("D,K1,x,%,positive,last,1,2024,100,130\n");
  EvaluationOptions o;
  o.cap = Cap::at_110;
  const auto ev = evaluate(s, o);
  const auto& r = result(s, ev, "K1", "2024");
  EXPECT_NEAR(r.achievement.value, 130.0, kTol);
  EXPECT_NEAR(r.score, 110.0, kTol);
  EXPECT_EQ(r.predicate, "Sangat Tinggi");
  EXPECT_NEAR(unit_result(s, ev, "D", "2024").achievement.value, 110.0, kTol);
}

TEST(Evaluate, RollUpIsTheWeightedMeanOfCappedAchievementUpTheTree) {
  // Seksi A: K1 weight 3, 120 % (cap 100 → 100); Seksi B: K2 weight 1, 60 %.
  // Bidang = (3·100 + 1·60) / 4 = 90; Seksi A = 100; Seksi B = 60.
  const auto s =
      csv("Dinas/Bidang/Seksi A,K1,x,%,positive,last,3,2024,100,120\n"
          "Dinas/Bidang/Seksi B,K2,x,%,positive,last,1,2024,100,60\n");
  EvaluationOptions o;
  o.cap = Cap::at_100;
  const auto ev = evaluate(s, o);
  EXPECT_NEAR(unit_result(s, ev, "Dinas/Bidang", "2024").achievement.value, 90.0, kTol);
  EXPECT_NEAR(unit_result(s, ev, "Dinas", "2024").achievement.value, 90.0, kTol);
  EXPECT_NEAR(unit_result(s, ev, "Dinas/Bidang/Seksi A", "2024").achievement.value, 100.0, kTol);
  EXPECT_NEAR(unit_result(s, ev, "Dinas/Bidang/Seksi B", "2024").achievement.value, 60.0, kTol);
  EXPECT_EQ(unit_result(s, ev, "Dinas/Bidang", "2024").predicate, "Tinggi");  // 90 < 91
}

TEST(Evaluate, RollUpWithoutCapUsesRawAchievement) {
  // (3·120 + 1·60) / 4 = 105
  const auto s = csv(
      "Dinas/A,K1,x,%,positive,last,3,2024,100,120\nDinas/B,K2,x,%,positive,last,1,2024,100,60\n");
  EXPECT_NEAR(unit_result(s, evaluate(s), "Dinas", "2024").achievement.value, 105.0, kTol);
}

TEST(Evaluate, NotComputableIndicatorsAreExcludedFromRollUpAndCounted) {
  // K2 has T = 0 → excluded; Dinas = K1 alone = 80 %, 1 included, 1 excluded.
  const auto s =
      csv("Dinas,K1,x,%,positive,last,1,2024,100,80\nDinas,K2,x,kasus,negative,last,5,2024,0,0\n");
  const auto& u = unit_result(s, evaluate(s), "Dinas", "2024");
  EXPECT_NEAR(u.achievement.value, 80.0, kTol);
  EXPECT_EQ(u.included, 1u);
  EXPECT_EQ(u.excluded, 1u);
}

TEST(Evaluate, WeightsNearTheLargestDoubleRollUpWithoutOverflow) {
  // 1e308·80 and 1e308 + 1e308 overflow; the mean is still 85 %.
  const auto s =
      csv("Dinas,K1,x,%,positive,last,1e308,2024,100,80\nDinas,K2,x,%,positive,last,1e308,2024,100,"
          "90\n");
  const auto& u = unit_result(s, evaluate(s), "Dinas", "2024");
  ASSERT_TRUE(u.achievement.computable());
  EXPECT_NEAR(u.achievement.value, 85.0, kTol);
  EXPECT_EQ(u.predicate, "Tinggi");
}

TEST(Evaluate, OverflowingAchievementIsNotComputableWithReason) {
  const auto s = csv("Dinas,K1,x,%,negative,last,1,2024,1e308,1e308\n");
  const auto r = result(s, evaluate(s), "K1", "2024");
  EXPECT_EQ(r.achievement.reason, Reason::overflow);
  EXPECT_EQ(r.band, 0u);
  EXPECT_EQ(r.predicate, "");
}

TEST(Evaluate, PeriodsFrom2010AreRatedByThePermendagri54Version) {
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2016,100,92\n");
  EXPECT_EQ(result(s, evaluate(s), "K1", "2016").predicate, "Sangat Tinggi");
}

TEST(Evaluate, APeriodBeforeTheScalesFirstVersionIsComputedButNotRatedWithANote) {
  // The SAKIP scale starts on 2021-12-01: 2020 has no version in force, 2024 has.
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2020,100,92\nDinas,K1,,,,,,2024,100,85\n");
  EvaluationOptions o;
  o.scale = "sakip-88-2021";
  const auto ev = evaluate(s, o);
  const auto old = result(s, ev, "K1", "2020");
  ASSERT_TRUE(old.achievement.computable());
  EXPECT_NEAR(old.achievement.value, 92.0, kTol);
  EXPECT_EQ(old.band, 0u);
  EXPECT_EQ(old.predicate, "");
  EXPECT_EQ(unit_result(s, ev, "Dinas", "2020").band, 0u);
  EXPECT_EQ(unit_result(s, ev, "Dinas", "2020").predicate, "");
  EXPECT_EQ(result(s, ev, "K1", "2024").predicate, "A");
  ASSERT_EQ(ev.notes.size(), 1u);
  EXPECT_NE(ev.notes[0].find("no version of the scale is in force on 2020-12-31"),
            std::string::npos);
  EXPECT_NE(ev.notes[0].find("2020"), std::string::npos);
}

TEST(Evaluate, ZeroWeightEverywhereIsNotComputableNotADivisionByZero) {
  const auto s =
      csv("Dinas,K1,x,%,positive,last,0,2024,100,80\nDinas,K2,x,%,positive,last,0,2024,100,90\n");
  const auto& u = unit_result(s, evaluate(s), "Dinas", "2024");
  EXPECT_EQ(u.achievement.reason, Reason::weight_zero);
  EXPECT_TRUE(std::isnan(u.achievement.value));
  EXPECT_EQ(u.predicate, "");
}

TEST(Evaluate, UnitWithOnlyNotComputableIndicatorsHasReason) {
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024,0,5\n");
  EXPECT_EQ(unit_result(s, evaluate(s), "Dinas", "2024").achievement.reason,
            Reason::no_computable_indicator);
}

TEST(Evaluate, ZeroTargetPolicyOptionTurnsZeroOverZeroIntoHundred) {
  const auto s = csv("Dinas,K1,x,kasus,negative,last,1,2024,0,0\n");
  EXPECT_EQ(result(s, evaluate(s), "K1", "2024").achievement.reason, Reason::target_zero);
  EvaluationOptions o;
  o.policy.zero_over_zero_is_100 = true;
  EXPECT_NEAR(result(s, evaluate(s, o), "K1", "2024").achievement.value, 100.0, kTol);
}

TEST(Evaluate, BudgetAbsorptionEfficiencyAndDeviations) {
  // T 80, R 72 → 90 %. pagu 400, realised 300 → absorption 75 %; efficiency 90 − 75 = 15.
  // financial plan 90 % → deviation 75 − 90 = −15 (red); physical 50 vs plan 57 → −7 (yellow)
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024-Q2,80,72,,,400,300,90,57,50\n");
  const auto& r = result(s, evaluate(s), "K1", "2024-Q2");
  EXPECT_NEAR(*r.absorption, 75.0, kTol);
  EXPECT_NEAR(*r.efficiency, 15.0, kTol);
  EXPECT_NEAR(*r.financial_deviation, -15.0, kTol);
  EXPECT_EQ(r.financial_light, Light::red);
  EXPECT_NEAR(*r.physical_deviation, -7.0, kTol);
  EXPECT_EQ(r.physical_light, Light::yellow);
}

TEST(Evaluate, ZeroBudgetGivesNoAbsorption) {
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024,80,72,,,0,0\n");
  EXPECT_FALSE(result(s, evaluate(s), "K1", "2024").absorption.has_value());
}

TEST(Evaluate, PredicateComesFromTheScaleInForceAtThePeriodEnd) {
  // 95 %: Q1 (ends 2024-03-31) under the default → Sangat Tinggi; a scale of the
  // same name valid from 2024-04-01 rates it "Baru" for Q2.
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024-Q1,100,95\nDinas,K1,,,,,,2024-Q2,100,95\n");
  EvaluationOptions o;
  o.scales.add(RatingScale("permendagri-86-2017", "2024-04-01", {{-INFINITY, true, "Baru"}}));
  const auto ev = evaluate(s, o);
  EXPECT_EQ(result(s, ev, "K1", "2024-Q1").predicate, "Sangat Tinggi");
  EXPECT_EQ(result(s, ev, "K1", "2024-Q2").predicate, "Baru");
}

TEST(Evaluate, OtherScalesBySelection) {
  // 85 %: SAKIP > 80 → "A"
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024,100,85\n");
  EvaluationOptions o;
  o.scale = "sakip-88-2021";
  EXPECT_EQ(result(s, evaluate(s, o), "K1", "2024").predicate, "A");
  o.scale = "nope";
  EXPECT_THROW(evaluate(s, o), Error);
}

TEST(Evaluate, PeriodFilterKeepsOnlyThatPeriod) {
  const auto s = csv("Dinas,K1,x,%,positive,last,1,2024-Q1,100,95\nDinas,K1,,,,,,2024-Q2,100,97\n");
  EvaluationOptions o;
  o.period = Period::parse("2024-Q2");
  const auto ev = evaluate(s, o);
  ASSERT_EQ(ev.indicators.size(), 1u);
  EXPECT_EQ(ev.indicators[0].period, Period::parse("2024-Q2"));
  o.period = Period::parse("2023");
  EXPECT_THROW(evaluate(s, o), Error);
}

TEST(EarlyWarning, SumPaceScalesYearToDateByFourOverQuarters) {
  // annual target 4 documents; Q1 0, Q2 1 → pace 1 × 4/2 = 2 → 50 %.
  // trend through (1, 0), (2, 1) cumulative: slope 1 → at Q4: 3 → 75 %: warn (< 76).
  const auto s =
      csv("D,K1,x,dok,positive,sum,1,2024,4,\nD,K1,,,,,,2024-Q1,1,0\nD,K1,,,,,,2024-Q2,1,1\n");
  const auto ev = evaluate(s);
  ASSERT_EQ(ev.warnings.size(), 1u);
  const auto& w = ev.warnings[0];
  EXPECT_EQ(w.quarters_reported, 2);
  EXPECT_NEAR(*w.pace_realisation, 2.0, kTol);
  EXPECT_NEAR(w.pace.value, 50.0, kTol);
  EXPECT_NEAR(*w.trend_realisation, 3.0, 1e-9);
  EXPECT_NEAR(w.trend.value, 75.0, 1e-9);
  EXPECT_NEAR(w.projected.value, 75.0, 1e-9);
  EXPECT_TRUE(w.warn);
}

TEST(EarlyWarning, LastIndicatorTrendExtrapolatesTheLevel) {
  // target 90; Q1 80, Q2 82, Q3 84 → line 78 + 2q → Q4 86 → 95.56 %: no warning
  const auto s =
      csv("D,K1,x,%,positive,last,1,2024,90,\nD,K1,,,,,,2024-Q1,90,80\nD,K1,,,,,,2024-Q2,90,82\n"
          "D,K1,,,,,,2024-Q3,90,84\n");
  const auto ev = evaluate(s);
  ASSERT_EQ(ev.warnings.size(), 1u);
  EXPECT_NEAR(*ev.warnings[0].trend_realisation, 86.0, 1e-9);
  EXPECT_NEAR(ev.warnings[0].trend.value, 8600.0 / 90.0, 1e-9);
  EXPECT_NEAR(*ev.warnings[0].pace_realisation, 84.0, kTol);  // the latest level
  EXPECT_FALSE(ev.warnings[0].warn);
}

TEST(EarlyWarning, OneQuarterFallsBackToPaceAndThresholdIsConfigurable) {
  // Q1 only: trend needs two points; pace for sum 2 × 4 = 8 of 10 → 80 %.
  const auto s = csv("D,K1,x,dok,positive,sum,1,2024,10,\nD,K1,,,,,,2024-Q1,2,2\n");
  EvaluationOptions o;
  auto ev = evaluate(s, o);
  ASSERT_EQ(ev.warnings.size(), 1u);
  EXPECT_EQ(ev.warnings[0].trend.reason, Reason::too_few_quarters);
  EXPECT_NEAR(ev.warnings[0].projected.value, 80.0, kTol);
  EXPECT_FALSE(ev.warnings[0].warn);  // 80 ≥ 76
  o.warning.threshold = 85;
  EXPECT_TRUE(evaluate(s, o).warnings[0].warn);
}

TEST(EarlyWarning, CompleteYearsAndPeriodFilterLimitTheQuartersSeen) {
  // All four quarters: nothing left to project. With --period 2024-Q1 the
  // same data has one quarter "so far".
  const auto s =
      csv("D,K1,x,dok,positive,sum,1,2024,4,\nD,K1,,,,,,2024-Q1,1,1\nD,K1,,,,,,2024-Q2,1,1\n"
          "D,K1,,,,,,2024-Q3,1,1\nD,K1,,,,,,2024-Q4,1,1\n");
  EXPECT_TRUE(evaluate(s).warnings.empty());
  EvaluationOptions o;
  o.period = Period::parse("2024-Q1");
  const auto ev = evaluate(s, o);
  ASSERT_EQ(ev.warnings.size(), 1u);
  EXPECT_EQ(ev.warnings[0].quarters_reported, 1);
  EXPECT_NEAR(ev.warnings[0].projected.value, 100.0, kTol);  // 1 × 4 / 4
}

TEST(EarlyWarning, NegativeIndicatorFallingTrendIsGood) {
  // dropout target 0.5; Q1 0.8, Q2 0.7 → Q4 0.5 → (1 − 0.5)/0.5 = 100 %
  const auto s =
      csv("D,APS,x,%,negative,last,1,2024,0.5,\nD,APS,,,,,,2024-Q1,0.5,0.8\nD,APS,,,,,,2024-Q2,0.5,"
          "0.7\n");
  const auto ev = evaluate(s);
  ASSERT_EQ(ev.warnings.size(), 1u);
  EXPECT_NEAR(*ev.warnings[0].trend_realisation, 0.5, 1e-9);
  EXPECT_NEAR(ev.warnings[0].trend.value, 100.0, 1e-6);
  EXPECT_FALSE(ev.warnings[0].warn);
}

}  // namespace
}  // namespace sopkit
