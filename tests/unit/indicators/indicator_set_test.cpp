// The IndicatorSet model: periods, the unit tree, cells and their checks.
#include "sopkit/indicator_set.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sopkit/error.hpp"

namespace sopkit {
namespace {

TEST(Period, ParsesYearsQuartersTriwulanAndRenstraSpans) {
  EXPECT_EQ(Period::parse("2024"), Period::of_year(2024));
  EXPECT_EQ(Period::parse("2024-Q1"), Period::of_quarter(2024, 1));
  EXPECT_EQ(Period::parse("2024-q4"), Period::of_quarter(2024, 4));
  EXPECT_EQ(Period::parse("2024-TW2"), Period::of_quarter(2024, 2));
  EXPECT_EQ(Period::parse(" 2024-tw3 "), Period::of_quarter(2024, 3));
  EXPECT_EQ(Period::parse("2021-2026"), Period::of_span(2021, 2026));
  EXPECT_EQ(Period::parse("2024Q2"), Period::of_quarter(2024, 2));  // str(pd.Period)
  EXPECT_EQ(Period::parse("2024-TW2").to_string(), "2024-Q2");
  EXPECT_EQ(Period::parse("2021-2026").to_string(), "2021-2026");
}

TEST(Period, UnknownPeriodsAreErrors) {
  for (const char* bad :
       {"2024-Q5", "2024-Q0", "2024-TW5", "24-Q1", "2024/Q1", "Q1-2024", "2026-2021", "2024-S1", "",
        "abcd", "2024Q5", "2024Q", "2024TW1", "2024q12"})
    EXPECT_THROW(Period::parse(bad), Error) << bad;
}

// A clerk's spreadsheet writes the names in any case, Indonesian or English,
// with spaces around; anything longer, shorter or else is refused.
TEST(IndicatorNames, ReadInAnyCaseAndNothingElse) {
  EXPECT_EQ(parse_polarity(" Positif "), Polarity::positive);
  EXPECT_EQ(parse_polarity("NEGATIVE"), Polarity::negative);
  EXPECT_EQ(parse_polarity("negatif"), Polarity::negative);
  EXPECT_EQ(parse_polarity("Range"), Polarity::range);
  EXPECT_EQ(parse_accumulation("SUM"), Accumulation::sum);
  EXPECT_EQ(parse_accumulation("\tLast"), Accumulation::last);
  EXPECT_EQ(parse_accumulation("Average"), Accumulation::average);
  EXPECT_EQ(parse_negative_formula("Ratio"), NegativeFormula::ratio);
  EXPECT_EQ(parse_negative_formula("DIFFERENCE"), NegativeFormula::difference);
  for (const char* bad : {"positives", "posit", "", "positive-", "p\xC3\xB3sitive"})
    EXPECT_THROW(parse_polarity(bad), Error) << bad;
  for (const char* bad : {"sums", "avg", "", "la st"})
    EXPECT_THROW(parse_accumulation(bad), Error) << bad;
  EXPECT_THROW(parse_negative_formula("ratios"), Error);
}

TEST(Period, EndDatesSelectTheScaleInForce) {
  EXPECT_EQ(Period::parse("2024-Q1").end_date(), "2024-03-31");
  EXPECT_EQ(Period::parse("2024-Q3").end_date(), "2024-09-30");
  EXPECT_EQ(Period::parse("2024").end_date(), "2024-12-31");
  EXPECT_EQ(Period::parse("2021-2026").end_date(), "2026-12-31");
}

TEST(Period, OrderIsQuartersThenYearThenSpans) {
  EXPECT_LT(Period::parse("2024-Q4"), Period::parse("2024"));
  EXPECT_LT(Period::parse("2024"), Period::parse("2025-Q1"));
  EXPECT_LT(Period::parse("2024-Q1"), Period::parse("2024-Q2"));
  EXPECT_LT(Period::parse("2026"), Period::parse("2021-2026"));
}

TEST(UnitTree, PathsBuildTheTreeAnyDepth) {
  UnitTree t;
  const auto seksi = t.find_or_add_path("Dinas/Bidang Pembinaan SD/Seksi Kurikulum");
  const auto bidang = *t.find_path("Dinas/Bidang Pembinaan SD");
  const auto dinas = *t.find_path("Dinas");
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.parent(seksi), bidang);
  EXPECT_EQ(t.parent(bidang), dinas);
  EXPECT_FALSE(t.parent(dinas).has_value());
  EXPECT_EQ(t.depth(seksi), 2u);
  EXPECT_TRUE(t.within(seksi, dinas));
  EXPECT_FALSE(t.within(dinas, seksi));
  // Same path again (with spaces around the slashes) finds the same unit.
  EXPECT_EQ(t.find_or_add_path("Dinas / Bidang Pembinaan SD / Seksi Kurikulum"), seksi);
  EXPECT_EQ(t.path(seksi), "Dinas/Bidang Pembinaan SD/Seksi Kurikulum");
  EXPECT_THROW(t.find_or_add_path("Dinas//Seksi"), Error);
}

// The message of the Error `fn` throws ("" when it throws none).
template <typename Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

TEST(UnitTree, IndexedLookupsFindEveryUnitAndRefuseDuplicatesWithTheSameWords) {
  UnitTree t;
  for (int k = 0; k < 300; ++k)
    for (int o = 0; o < 4; ++o)
      t.find_or_add_path("Kabupaten " + std::to_string(k) + "/OPD " + std::to_string(o));
  EXPECT_EQ(t.size(), 300u * 5u);
  const auto kab = *t.find_path("Kabupaten 17");
  const auto opd = *t.find_path("Kabupaten 17/OPD 3");
  EXPECT_EQ(t.parent(opd), kab);
  EXPECT_EQ(t.children(kab).size(), 4u);
  EXPECT_EQ(t.children(kab).back(), opd);
  EXPECT_FALSE(t.find_path("Kabupaten 17/OPD 4"));
  EXPECT_FALSE(t.find_path("OPD 3"));  // a name under another parent is not a root
  EXPECT_EQ(error_of([&] { t.add("OPD 3", kab); }), "unit 'Kabupaten 17/OPD 3' is given twice");
  EXPECT_EQ(error_of([&] { t.add(" OPD 3 ", kab); }), "unit 'Kabupaten 17/OPD 3' is given twice");
  const auto dinas = t.add("Dinas", std::nullopt, "d1");
  EXPECT_EQ(t.find_id("d1"), dinas);
  EXPECT_FALSE(t.find_id(""));
  EXPECT_FALSE(t.find_id("d2"));
  EXPECT_EQ(error_of([&] { t.add("Dinas Lain", std::nullopt, "d1"); }),
            "unit id 'd1' is given twice");
  const auto again = t.add("OPD 3", dinas);  // the same name under another parent
  EXPECT_EQ(t.find_path("Dinas/OPD 3"), again);
}

TEST(IndicatorSet, CodeLookupFindsEveryIndicatorAndRefusesADuplicate) {
  IndicatorSet s;
  const auto u = s.units().find_or_add_path("Dinas");
  for (int i = 0; i < 2000; ++i) {
    Indicator d;
    d.code = "IKU-" + std::to_string(i);
    d.unit = u;
    s.add_indicator(d);
  }
  EXPECT_EQ(s.find_indicator("IKU-1234"), 1234u);
  EXPECT_FALSE(s.find_indicator("IKU-2000"));
  Indicator twin;
  twin.code = "IKU-77";
  twin.unit = u;
  EXPECT_EQ(error_of([&] { s.add_indicator(twin); }), "the code is given to two indicators");
  const IndicatorSet copy = s;
  EXPECT_EQ(copy.find_indicator("IKU-1999"), 1999u);
}

IndicatorSet one_indicator(Polarity p = Polarity::positive) {
  IndicatorSet s;
  const auto u = s.units().find_or_add_path("Dinas");
  Indicator d;
  d.code = "IKU-01";
  d.unit = u;
  d.polarity = p;
  s.add_indicator(d);
  return s;
}

TEST(IndicatorSet, BlankIsStoredDistinctFromZero) {
  IndicatorSet s = one_indicator();
  Cell c;
  c.period = Period::parse("2024-Q1");
  c.target = 0.0;
  s.add_cell(c);
  const Cell back = s.cell(0);
  ASSERT_TRUE(back.target.has_value());
  EXPECT_EQ(*back.target, 0.0);
  EXPECT_FALSE(back.realisation.has_value());
  EXPECT_FALSE(back.budget.has_value());
}

TEST(IndicatorSet, DuplicateIndicatorPeriodIsRejectedNamingTheFirstRow) {
  IndicatorSet s = one_indicator();
  Cell c;
  c.period = Period::parse("2024-Q1");
  c.origin = "data.csv:2";
  s.add_cell(c);
  c.origin = "data.csv:5";
  try {
    s.add_cell(c);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("data.csv:2"), std::string::npos) << e.what();
    EXPECT_EQ(e.where(), "data.csv:5");
  }
}

// The first periods of a set are found by a scan, the later ones by a hash:
// each row is found, and a second row refused, whichever way.
TEST(IndicatorSet, RowsOfManyPeriodsAreFoundAndDuplicatesRefused) {
  IndicatorSet s = one_indicator();
  for (int year = 2000; year < 2040; ++year) {
    Cell c;
    c.period = Period::of_year(year);
    c.target = year;
    s.add_cell(c, static_cast<std::size_t>(year));
  }
  for (int year = 2000; year < 2040; ++year) {
    const auto row = s.find_cell(0, Period::of_year(year));
    ASSERT_TRUE(row) << year;
    EXPECT_EQ(*s.cell(*row).target, year);
    Cell again;
    again.period = Period::of_year(year);
    EXPECT_EQ(s.add_cell_unless_present(again, 1), row) << year;
  }
  EXPECT_FALSE(s.find_cell(0, Period::of_year(2040)));
  EXPECT_EQ(s.periods().size(), 40u);
}

TEST(Period, ALongTextIsRefusedQuotedWhole) {
  for (const char* text : {"2024-Q1-Q2", "2024-Q1 revisi", "2021-2026 "}) {
    try {
      const Period p = Period::parse(text);
      EXPECT_EQ(std::string(text), "2021-2026 ") << p.to_string();
    } catch (const Error& e) {
      EXPECT_NE(e.message().find(std::string("'") + text + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(IndicatorSet, NonFiniteAndNegativeValuesAreRejected) {
  IndicatorSet s = one_indicator();
  Cell c;
  c.period = Period::parse("2024");
  for (double bad : {std::nan(""), double(INFINITY), -1.0}) {
    c.target = bad;
    EXPECT_THROW(s.add_cell(c), Error) << bad;
  }
  c.target = 5;
  c.budget = -100;
  EXPECT_THROW(s.add_cell(c), Error);
  EXPECT_EQ(s.cell_count(), 0u);
}

TEST(IndicatorSet, RangeNeedsBothBoundsInOrderAndNoPointTarget) {
  IndicatorSet s = one_indicator();
  Cell c;
  c.period = Period::parse("2024");
  c.target_low = 7;
  EXPECT_THROW(s.add_cell(c), Error);
  c.target_high = 6;
  EXPECT_THROW(s.add_cell(c), Error);
  c.target_high = 8;
  c.target = 7.5;
  EXPECT_THROW(s.add_cell(c), Error);
  c.target.reset();
  EXPECT_NO_THROW(s.add_cell(c));
}

TEST(IndicatorSet, IndicatorChecksCodeUnitAndWeight) {
  IndicatorSet s = one_indicator();
  Indicator d;
  d.code = "IKU-01";
  EXPECT_THROW(s.add_indicator(d), Error);  // duplicate code
  d.code = "IKU-02";
  d.unit = 7;
  EXPECT_THROW(s.add_indicator(d), Error);  // no such unit
  d.unit = 0;
  d.weight = -1;
  EXPECT_THROW(s.add_indicator(d), Error);
  d.weight = std::nan("");
  EXPECT_THROW(s.add_indicator(d), Error);
  d.weight = 0;
  EXPECT_NO_THROW(s.add_indicator(d));  // zero weight alone is allowed
}

TEST(IndicatorSet, CopiesAreIndependent) {
  IndicatorSet s = one_indicator();
  IndicatorSet copy = s;
  Cell c;
  c.period = Period::parse("2024");
  copy.add_cell(c);
  EXPECT_EQ(s.cell_count(), 0u);
  EXPECT_EQ(copy.cell_count(), 1u);
}

TEST(IndicatorSet, NumberedOriginsAndSparseValuesReadBackAsGiven) {
  IndicatorSet s = one_indicator();
  s.set_origin_prefix("data.csv:");
  Cell c;
  c.period = Period::parse("2024-Q1");
  c.realisation = 0.0;
  c.physical_realisation = 40.0;
  s.add_cell(c, 12);
  Cell text = c;
  text.period = Period::parse("2024-Q2");
  text.origin = "row 7";
  s.add_cell(text);
  const Cell back = s.cell(0);
  EXPECT_EQ(back.origin, "data.csv:12");
  EXPECT_FALSE(back.target.has_value());
  EXPECT_EQ(back.realisation, 0.0);
  EXPECT_EQ(back.physical_realisation, 40.0);
  EXPECT_FALSE(back.physical_plan.has_value());
  EXPECT_EQ(s.cell(1).origin, "row 7");
  EXPECT_EQ(s.cell_values(1).origin, "");
  // Read into a cell that held other values: every value is the row's.
  Cell into = c;
  into.target = 5.0;
  into.origin = "kept";
  s.cell_values(0, into);
  EXPECT_EQ(into.origin, "kept");
  EXPECT_FALSE(into.target.has_value());
  EXPECT_EQ(into.realisation, 0.0);
  EXPECT_EQ(into.physical_realisation, 40.0);
  EXPECT_FALSE(into.physical_plan.has_value());
  s.cell_values(1, into);
  EXPECT_EQ(into.period, Period::parse("2024-Q2"));
  EXPECT_THROW(s.cell_values(2, into), Error);
  EXPECT_EQ(s.cell_period(1), Period::parse("2024-Q2"));
  EXPECT_EQ(error_of([&] { s.add_cell(c, 30); }),
            "indicator 'IKU-01' period 2024-Q1: the (indicator, period) pair already has a row "
            "at data.csv:12");
}

TEST(IndicatorSet, OriginsNumberedWithinTheirIndicatorNameBoth) {
  IndicatorSet s = one_indicator();
  Indicator second;
  second.code = "IKU-02";
  second.unit = s.indicator(0).unit;
  s.add_indicator(second);
  s.set_origin_prefix("d.json:/indicators/", "/values/");
  Cell c;
  c.indicator = 1;
  c.period = Period::parse("2024-Q1");
  s.add_cell(c, 0);
  c.period = Period::parse("2024-Q2");
  s.add_cell(c, 3);
  EXPECT_EQ(s.cell(0).origin, "d.json:/indicators/1/values/0");
  EXPECT_EQ(s.cell(1).origin, "d.json:/indicators/1/values/3");
  EXPECT_EQ(error_of([&] { s.add_cell(c, 4); }),
            "indicator 'IKU-02' period 2024-Q2: the (indicator, period) pair already has a row "
            "at d.json:/indicators/1/values/3");
  s.set_origin_prefix("data.csv:");  // the plain form again
  EXPECT_EQ(s.cell(1).origin, "data.csv:3");
}

TEST(IndicatorSet, ManyCellsGrowTheColumns) {
  IndicatorSet s;
  const auto u = s.units().find_or_add_path("Dinas");
  for (int i = 0; i < 50; ++i) {
    Indicator d;
    d.code = "K" + std::to_string(i);
    d.unit = u;
    const auto k = s.add_indicator(d);
    for (int q = 1; q <= 4; ++q) {
      Cell c;
      c.indicator = k;
      c.period = Period::of_quarter(2024, q);
      c.target = i;
      c.realisation = q;
      s.add_cell(c);
    }
  }
  EXPECT_EQ(s.cell_count(), 200u);
  const auto row = s.find_cell(*s.find_indicator("K37"), Period::of_quarter(2024, 3));
  ASSERT_TRUE(row);
  EXPECT_EQ(*s.cell(*row).target, 37.0);
  EXPECT_EQ(*s.cell(*row).realisation, 3.0);
  EXPECT_EQ(s.periods().size(), 4u);
}

TEST(IndicatorSet, IndicatorsWithManyPeriodsAreFoundAndRefuseDuplicatesToo) {
  // Two indicators with 200 years each, interleaved (past the chain of a few
  // rows walked for the usual indicator: their rows go into the table), and
  // one with four quarters.
  IndicatorSet s = one_indicator();
  Indicator d;
  d.code = "IKU-02";
  d.unit = s.indicator(0).unit;
  const auto second = s.add_indicator(d);
  d.code = "IKU-03";
  const auto small = s.add_indicator(d);
  for (int y = 1900; y < 2100; ++y)
    for (std::size_t ind : {std::size_t{0}, second}) {
      Cell c;
      c.indicator = ind;
      c.period = Period::of_year(y);
      c.target = y;
      s.add_cell(c);
    }
  for (int q = 1; q <= 4; ++q) {
    Cell c;
    c.indicator = small;
    c.period = Period::of_quarter(2024, q);
    c.target = q;
    s.add_cell(c);
  }
  for (int y = 1900; y < 2100; ++y)
    for (std::size_t ind : {std::size_t{0}, second}) {
      const auto row = s.find_cell(ind, Period::of_year(y));
      ASSERT_TRUE(row) << y;
      EXPECT_EQ(s.cell_indicator(*row), ind);
      EXPECT_EQ(*s.cell(*row).target, y);
    }
  EXPECT_FALSE(s.find_cell(0, Period::of_year(2100)));
  EXPECT_FALSE(s.find_cell(small, Period::of_year(2024)));
  EXPECT_EQ(*s.cell(*s.find_cell(small, Period::of_quarter(2024, 3))).target, 3.0);
  Cell again;
  again.indicator = second;
  again.period = Period::of_year(1950);
  EXPECT_THROW(s.add_cell(again), Error);
  EXPECT_EQ(s.add_cell_unless_present(again, 7), s.find_cell(second, Period::of_year(1950)));
  again.indicator = small;
  again.period = Period::of_quarter(2024, 2);
  EXPECT_EQ(s.add_cell_unless_present(again, 8), s.find_cell(small, Period::of_quarter(2024, 2)));
  EXPECT_EQ(s.cell_count(), 404u);
  const IndicatorSet copy = s;
  EXPECT_TRUE(copy.find_cell(second, Period::of_year(2099)));
}

}  // namespace
}  // namespace sopkit
