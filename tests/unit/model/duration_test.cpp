// Standard times (waktu) as real documents write them.
#include "sopkit/duration.hpp"

#include <gtest/gtest.h>
#include <cmath>

#include "sopkit/error.hpp"

namespace sopkit {
namespace {

const WorkConvention kAsn{};  // 1 hari = 450 min, 1 minggu = 5 hari, 1 bulan = 22 hari

double minutes(const char* text) {
  return Duration::parse(text).max_minutes(kAsn);
}

TEST(DurationParse, SeedTextsInEveryUnit) {
  EXPECT_DOUBLE_EQ(minutes("15 Menit"), 15);
  EXPECT_DOUBLE_EQ(minutes("3 Jam"), 180);
  EXPECT_DOUBLE_EQ(minutes("2 hari"), 900);     // 2 × 450
  EXPECT_DOUBLE_EQ(minutes("7 Hari"), 3150);    // 7 × 450
  EXPECT_DOUBLE_EQ(minutes("1 Minggu"), 2250);  // 5 × 450
  EXPECT_DOUBLE_EQ(minutes("3 bulan"), 29700);  // 3 × 22 × 450
}

TEST(DurationParse, KeepsTheRawText) {
  EXPECT_EQ(Duration::parse("  1,5 Jam ").text(), "  1,5 Jam ");
}

TEST(DurationParse, CommaAndDotDecimals) {
  EXPECT_DOUBLE_EQ(minutes("1,5 jam"), 90);
  EXPECT_DOUBLE_EQ(minutes("1.5 jam"), 90);
  EXPECT_DOUBLE_EQ(minutes("0,5 hari"), 225);
}

TEST(DurationParse, AbbreviationsAndEnglishUnits) {
  EXPECT_DOUBLE_EQ(minutes("30 mnt"), 30);
  EXPECT_DOUBLE_EQ(minutes("30 mnt."), 30);
  EXPECT_DOUBLE_EQ(minutes("45 min"), 45);
  EXPECT_DOUBLE_EQ(minutes("2 hours"), 120);
  EXPECT_DOUBLE_EQ(minutes("1 hour"), 60);
  EXPECT_DOUBLE_EQ(minutes("2h"), 120);
  EXPECT_DOUBLE_EQ(minutes("3 days"), 1350);
  EXPECT_DOUBLE_EQ(minutes("1 week"), 2250);
  EXPECT_DOUBLE_EQ(minutes("2 bln"), 19800);
  EXPECT_DOUBLE_EQ(minutes("1 month"), 9900);
  EXPECT_DOUBLE_EQ(minutes("90 seconds"), 1.5);
  EXPECT_DOUBLE_EQ(minutes("30 detik"), 0.5);
  EXPECT_DOUBLE_EQ(minutes("2 pekan"), 4500);
  EXPECT_DOUBLE_EQ(minutes("3 HK"), 1350);  // hari kerja
}

TEST(DurationParse, WorkingDayWordsAreNoise) {
  EXPECT_DOUBLE_EQ(minutes("3 hari kerja"), 1350);
  EXPECT_DOUBLE_EQ(minutes("2 working days"), 900);
}

TEST(DurationParse, RangesGiveMinAndMax) {
  Duration d = Duration::parse("1-3 Hari");
  EXPECT_TRUE(d.is_range());
  EXPECT_DOUBLE_EQ(d.min_minutes(kAsn), 450);
  EXPECT_DOUBLE_EQ(d.max_minutes(kAsn), 1350);
  EXPECT_DOUBLE_EQ(d.min_amount(TimeUnit::day), 1);
  EXPECT_DOUBLE_EQ(d.max_amount(TimeUnit::day), 3);
  EXPECT_DOUBLE_EQ(Duration::parse("1 s/d 3 hari").max_minutes(kAsn), 1350);
  EXPECT_DOUBLE_EQ(Duration::parse("1 sampai 2 jam").min_minutes(kAsn), 60);
  EXPECT_DOUBLE_EQ(Duration::parse("1 \xE2\x80\x93 2 jam").max_minutes(kAsn), 120);  // en dash
}

TEST(DurationParse, RangeBetweenWholeTimes) {
  Duration d = Duration::parse("30 menit - 2 jam");
  EXPECT_DOUBLE_EQ(d.min_minutes(kAsn), 30);
  EXPECT_DOUBLE_EQ(d.max_minutes(kAsn), 120);
}

TEST(DurationParse, ApproximationsAreMarked) {
  Duration d = Duration::parse(
      "\xC2\xB1"
      "2 Menit");  // ±2 Menit
  EXPECT_TRUE(d.is_approximate());
  EXPECT_DOUBLE_EQ(d.max_minutes(kAsn), 2);
  EXPECT_TRUE(Duration::parse("kurang lebih 10 menit").is_approximate());
  EXPECT_TRUE(Duration::parse("sekitar 1 jam").is_approximate());
  EXPECT_TRUE(Duration::parse("+/- 5 menit").is_approximate());
  EXPECT_FALSE(Duration::parse("5 menit").is_approximate());
}

TEST(DurationParse, UpperBoundsAreMarked) {
  Duration d = Duration::parse("Maks. 3 hari");
  EXPECT_TRUE(d.is_upper_bound());
  EXPECT_DOUBLE_EQ(d.max_minutes(kAsn), 1350);
  EXPECT_TRUE(Duration::parse("paling lama 14 hari").is_upper_bound());
  EXPECT_TRUE(Duration::parse("<= 2 jam").is_upper_bound());
}

TEST(DurationParse, CompoundTexts) {
  EXPECT_DOUBLE_EQ(minutes("1 jam 30 menit"), 90);
  EXPECT_DOUBLE_EQ(minutes("2 hari 3 jam"), 1080);
  EXPECT_DOUBLE_EQ(minutes("1 jam dan 15 menit"), 75);
}

TEST(DurationParse, NumberWords) {
  EXPECT_DOUBLE_EQ(minutes("setengah jam"), 30);
  EXPECT_DOUBLE_EQ(minutes("Satu Hari"), 450);
}

TEST(DurationParse, LongRepeatedTextsAreReadWhole) {
  // A qualifier replaced 40,000 times over (520 KB), then one amount.
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "kurang lebih ";
  Duration d = Duration::parse(text + "setengah jam");
  EXPECT_DOUBLE_EQ(d.max_minutes(kAsn), 30.0);
  EXPECT_TRUE(d.is_approximate());
}

TEST(DurationParse, ZeroIsAllowed) {
  EXPECT_TRUE(Duration::parse("0 menit").is_zero());
}

void expect_rejected(const char* text, const char* fragment) {
  try {
    Duration::parse(text);
    ADD_FAILURE() << "accepted '" << text << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    std::string msg = e.what();
    EXPECT_NE(msg.find(std::string("'") + text + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(fragment), std::string::npos) << msg;
  }
}

TEST(DurationParse, RejectsWithAMessageNamingTheText) {
  expect_rejected("", "no number");
  expect_rejected("15", "no unit");
  expect_rejected("15 mnit", "unknown time unit 'mnit'");
  expect_rejected("menit", "without a number");
  expect_rejected("3 hr", "ambiguous");
  expect_rejected("3-1 hari", "backwards");
  expect_rejected("2 jam - 30 menit", "backwards");
  expect_rejected("1 - ", "no unit");
  expect_rejected("2 hari -", "nothing after");
  expect_rejected("segera", "unknown word 'segera'");
  expect_rejected("5 menit @", "unexpected sign");
  expect_rejected("1-2 hari - 3 hari", "already holds a range");
  expect_rejected("99999999999999 menit", "too long");
  // Over 100 years under the longest convention (31-day months of 24 h): a
  // typo, and one that would swamp the minutes of every other step.
  expect_rejected("999999999999 Bulan", "longer than 100 years");
  expect_rejected("1200 bulan", "longer than 100 years");
  EXPECT_TRUE(Duration::try_parse("1000 bulan").has_value());
  EXPECT_TRUE(Duration::try_parse("1-1180 bulan").has_value());
  expect_rejected("1-1181 bulan", "longer than 100 years");
}

TEST(DurationParse, ThousandsAsIndonesianWritesThem) {
  // '.' between thousands, ',' before decimals: "1.000 menit" is a thousand.
  EXPECT_DOUBLE_EQ(minutes("1.000 menit"), 1000);
  EXPECT_DOUBLE_EQ(minutes("1.000.000 menit"), 1000000);
  EXPECT_DOUBLE_EQ(minutes("1.250,5 menit"), 1250.5);
  EXPECT_DOUBLE_EQ(minutes("1.5 jam"), 90);    // one or two digits: a decimal dot
  EXPECT_DOUBLE_EQ(minutes("0.500 jam"), 30);  // a group never starts with 0
  EXPECT_DOUBLE_EQ(minutes("1,5 jam"), 90);
}

TEST(DurationParse, TimesAndSpelledOutNumbers) {
  EXPECT_DOUBLE_EQ(minutes("2 x 24 jam"), 48 * 60);
  EXPECT_DOUBLE_EQ(minutes("2x24 jam"), 48 * 60);
  EXPECT_DOUBLE_EQ(minutes("2 \xC3\x97 24 Jam"), 48 * 60);  // the sign ×
  EXPECT_DOUBLE_EQ(minutes("3 (tiga) hari"), 3 * 450);
  EXPECT_DOUBLE_EQ(minutes("15 Menit (maks)"), 15);
  expect_rejected("3 (empat) hari", "the number in words (4) differs from the digits (3)");
}

TEST(DurationParse, AUnitGivenTwiceIsRefusedNotSummed) {
  expect_rejected("1 jam 1 jam", "the unit 'jam' is given twice");
  expect_rejected("1 hari 2 jam 30 menit 15 menit", "the unit 'menit' is given twice");
  EXPECT_DOUBLE_EQ(minutes("1 jam - 2 jam"), 120);  // each end of a range names its units
}

TEST(DurationParse, NumberWordsAreWholeWordsOnly) {
  expect_rejected("setengahnya jam", "unknown word 'setengahnya'");
  EXPECT_DOUBLE_EQ(minutes("dua jam setengah hari"), 120 + 225);
}

TEST(WorkConventionCheck, NamesTheFieldOutsideWhatAnOfficeCanHave) {
  EXPECT_NO_THROW(WorkConvention{}.check());
  EXPECT_NO_THROW((WorkConvention{1440, 7, 31}.check()));
  const struct {
    WorkConvention conv;
    const char* fragment;
  } cases[] = {
      {{0, 5, 22}, "minutes_per_day is 0"},
      {{1441, 5, 22}, "minutes_per_day is 1441"},
      {{4e252, 5, 22}, "minutes_per_day is 4e+252"},
      {{450, std::nan(""), 22}, "days_per_week is nan"},
      {{450, 5, 32}, "days_per_month is 32"},
      {{450, 5, -1}, "days_per_month is -1"},
  };
  for (const auto& c : cases) {
    try {
      c.conv.check();
      ADD_FAILURE() << c.fragment;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find(c.fragment), std::string::npos) << e.what();
    }
  }
}

TEST(DurationParse, TryParseReportsInsteadOfThrowing) {
  std::string why;
  EXPECT_FALSE(Duration::try_parse("lama", &why).has_value());
  EXPECT_NE(why.find("'lama'"), std::string::npos);
  EXPECT_TRUE(Duration::try_parse("2 jam").has_value());
}

TEST(DurationOf, RejectsNegativeAndNaN) {
  EXPECT_THROW(Duration::of(-1, TimeUnit::day), Error);
  EXPECT_THROW(Duration::of(std::nan(""), TimeUnit::day), Error);
  EXPECT_THROW(Duration::of(1200, TimeUnit::month), Error);
  EXPECT_NO_THROW(Duration::of(1000, TimeUnit::month));
  EXPECT_EQ(Duration::of(2, TimeUnit::day).text(), "2 hari");
}

TEST(WorkConvention, MonthLengthIsConfigurable) {
  WorkConvention c;
  c.days_per_month = 20;
  EXPECT_DOUBLE_EQ(Duration::parse("1 bulan").max_minutes(c), 9000);  // 20 × 450
}

TEST(DurationSum, SeedTotalKeepsUnitsApart) {
  // The seed's 13 standard times: 26 hari + 1 minggu + 3 jam + 2 × 15 menit.
  const char* seed[] = {"15 Menit", "2 hari",   "7 Hari", "2 hari", "7 Hari", "3 Jam",   "1 Hari",
                        "2 hari",   "1 Minggu", "3 Hari", "1 Hari", "1 Hari", "15 Menit"};
  DurationSum sum;
  for (const char* t : seed) sum += Duration::parse(t);
  EXPECT_EQ(sum.to_string(kAsn), "31 hari 3 jam 30 menit");
  EXPECT_EQ(sum.to_string(kAsn, Language::en), "31 days 3 hours 30 minutes");
  EXPECT_DOUBLE_EQ(sum.max_minutes(kAsn), 14160);  // 31 × 450 + 180 + 30
}

TEST(DurationSum, MinutesCarryIntoHoursButHoursStayApartFromDays) {
  DurationSum sum;
  sum += Duration::parse("50 menit");
  sum += Duration::parse("40 menit");
  sum += Duration::parse("8 jam");
  EXPECT_EQ(sum.to_string(kAsn), "9 jam 30 menit");  // 8 jam is not turned into a day
}

TEST(DurationSum, RangesShowBothEnds) {
  DurationSum sum;
  sum += Duration::parse("1-3 Hari");
  sum += Duration::parse("1,5 jam");
  EXPECT_EQ(sum.to_string(kAsn), "1 hari 1 jam 30 menit - 3 hari 1 jam 30 menit");
  EXPECT_TRUE(sum.is_range());
}

TEST(DurationSum, EmptyIsZeroMinutes) {
  EXPECT_EQ(DurationSum{}.to_string(), "0 menit");
}

TEST(FormatWorkingMinutes, SplitsByTheConvention) {
  EXPECT_EQ(format_working_minutes(14160), "31 hari 3 jam 30 menit");
  EXPECT_EQ(format_working_minutes(0), "0 menit");
}

}  // namespace
}  // namespace sopkit
