// IndicatorSetBuilder, the public form of the one builder: rows from a
// program get the CSV loader's verdicts.
#include "sopkit/indicator_rows.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

using C = IndicatorColumn;

class RowNumber final : public IndicatorRowPlace {
 public:
  std::size_t row = 0;
  std::string where(int column) const override {
    return "row " + std::to_string(row) + " (" + indicator_column_name(column) + ")";
  }
};

IndicatorRow row_of(const char* name, const char* period, const char* target) {
  IndicatorRow r;
  r.text[C::unit] = "Dinas/Bidang SD";
  r.text[C::indicator] = "IKU-1";
  r.text[C::name] = name;
  r.text[C::polarity] = "positive";
  r.text[C::accumulation] = "last";
  r.text[C::period] = period;
  r.text[C::target] = target;
  return r;
}

TEST(IndicatorSetBuilder, BuildsTheSetTheCsvLoaderBuilds) {
  IndicatorSetBuilder builder({"row ", "row", true, "Dinas"});
  RowNumber place;
  builder.add(row_of("Angka partisipasi", "2024-Q1", "90"), 0, place);
  place.row = 1;
  builder.add(row_of("", "2024-Q2", "92.5"), 1, place);
  const IndicatorSet set = std::move(builder).finish();
  const IndicatorSet csv = parse_indicators_csv(
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas/Bidang SD,IKU-1,Angka partisipasi,,positive,last,,2024-Q1,90,\n"
      "Dinas/Bidang SD,IKU-1,,,positive,last,,2024-Q2,92.5,\n",
      "data.csv");
  ASSERT_EQ(set.indicator_count(), csv.indicator_count());
  EXPECT_EQ(set.indicator(0).name, csv.indicator(0).name);
  ASSERT_EQ(set.cell_count(), csv.cell_count());
  for (std::size_t k = 0; k < set.cell_count(); ++k)
    EXPECT_EQ(set.cell(k).target, csv.cell(k).target);
  EXPECT_EQ(set.cell(1).origin, "row 1");
}

// A builder absorbs another's rows, numbered after its own, on one thread or
// with the rows appended on a second: the set one builder of every row builds.
TEST(IndicatorSetBuilder, AbsorbsAnotherBuildersRowsOnOneThreadOrTwo) {
  const char* const codes[] = {"IKU-1", "IKU-2", "IKU-3", "IKU-4"};
  auto rows_into = [&](IndicatorSetBuilder& b, std::size_t first, std::size_t last) {
    RowNumber place;
    for (std::size_t i = first; i < last; ++i)
      for (const char* period : {"2024-Q1", "2024-Q2"}) {
        IndicatorRow r = row_of("x", period, i % 2 ? "90" : "92.5");
        r.text[C::indicator] = codes[i];
        if (i == 3) r.text[C::unit] = "Dinas/Bidang SMP";  // a unit only the later rows name
        place.row = 2 * i + (period[6] == '2');
        b.add(r, place.row, place);
      }
  };
  IndicatorSetBuilder whole({"row ", "row", true, "Dinas"});
  rows_into(whole, 0, 4);
  const std::string expected = indicators_to_json(std::move(whole).finish());
  for (unsigned threads : {1u, 2u}) {
    IndicatorSetBuilder first({"row ", "row", true, "Dinas"}),
        later({"row ", "row", true, "Dinas"});
    rows_into(first, 0, 2);
    rows_into(later, 2, 4);
    // The later builder numbered its rows from 4 already: no shift.
    ASSERT_TRUE(first.absorb(std::move(later), 0, threads));
    const IndicatorSet set = std::move(first).finish();
    EXPECT_EQ(indicators_to_json(set), expected) << threads;
    ASSERT_EQ(set.cell_count(), 8u);
    EXPECT_EQ(set.cell(7).origin, "row 7") << threads;
    EXPECT_EQ(set.indicator(set.cell(7).indicator).code, "IKU-4") << threads;
  }
}

// expect_rest reserves storage only: the set is the same whatever the
// estimate (too low, too high, or nonsense, which is ignored), and the values
// counted are the numbers the rows give.
TEST(IndicatorSetBuilder, ExpectRestChangesNothingButTheRoomReserved) {
  auto build = [](double fraction) {
    IndicatorSetBuilder builder({"row ", "row", true, "Dinas"});
    RowNumber place;
    builder.add(row_of("Angka partisipasi", "2024-Q1", "90"), 0, place);
    builder.expect_rest(fraction);
    place.row = 1;
    builder.add(row_of("", "2024-Q2", "92.5"), 1, place);
    return indicators_to_json(std::move(builder).finish());
  };
  const std::string plain = build(1.0);
  for (double f : {0.5, 1e-6, 0.0, -1.0, 2.0, std::numeric_limits<double>::quiet_NaN()})
    EXPECT_EQ(build(f), plain) << f;

  IndicatorSet set;
  set.reserve(1000, 5000, 9000);
  EXPECT_EQ(set.indicator_count(), 0u);
  EXPECT_EQ(set.cell_count(), 0u);
  EXPECT_EQ(set.value_count(), 0u);
  const IndicatorSet loaded = parse_indicators_csv(
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas/Bidang SD,IKU-1,Angka partisipasi,,positive,last,,2024-Q1,90,88\n"
      "Dinas/Bidang SD,IKU-1,,,positive,last,,2024-Q2,92.5,\n",
      "data.csv");
  EXPECT_EQ(loaded.value_count(), 3u);
}

TEST(IndicatorSetBuilder, TwoNamesForOneIndicatorAreRefusedAsTheCsvRefusesThem) {
  IndicatorSetBuilder builder({"row ", "row", true, ""});
  RowNumber place;
  builder.add(row_of("Angka partisipasi", "2024-Q1", "90"), 0, place);
  place.row = 1;
  try {
    builder.add(row_of("Angka putus sekolah", "2024-Q2", "90"), 1, place);
    FAIL() << "a second name was taken";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_EQ(e.message(), "name of IKU-1 differs from row 0");
    EXPECT_EQ(e.where(), "row 1 (name)");
  }
}

}  // namespace
}  // namespace sopkit
