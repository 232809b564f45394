// The shipped SKB data (data/calendars/id-2023..2026.json): pinned dates per
// year, each entry naming its decree, and how the data folder is found.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "sopkit/calendar.hpp"
#include "unit/calendar/calendar_test_util.hpp"

namespace sopkit {
namespace {

class Shipped : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cal_ = new WorkCalendar(WorkCalendar::indonesia(2023, 2026, test::shipped()));
  }
  static void TearDownTestSuite() { delete cal_; }
  static const WorkCalendar& cal() { return *cal_; }
  static bool works(const char* date) { return cal().is_working_day(parse_date(date)); }
  static HolidayKind kind(const char* date) {
    auto h = cal().holiday_on(parse_date(date));
    EXPECT_TRUE(h.has_value()) << date;
    return h ? h->kind : HolidayKind::local;
  }
  static WorkCalendar* cal_;
};
WorkCalendar* Shipped::cal_ = nullptr;

TEST_F(Shipped, CoversFourYearsInOneRange) {
  EXPECT_EQ(format_date(cal().first_date()), "2023-01-01");
  EXPECT_EQ(format_date(cal().last_date()), "2026-12-31");
  EXPECT_EQ(cal().id(), "id-2023..2026");
}

TEST_F(Shipped, Year2023WithBothAmendments) {
  EXPECT_FALSE(works("2023-01-23"));  // cuti bersama Imlek
  EXPECT_FALSE(works("2023-03-22"));  // Nyepi
  // Amendment 1 (SKB 327/2023): Idulfitri cuti bersama 19-21, 24-25 April; 26 April works again.
  EXPECT_FALSE(works("2023-04-19"));
  EXPECT_FALSE(works("2023-04-25"));
  EXPECT_TRUE(works("2023-04-26"));
  // Amendment 2 (SKB 624/2023): Iduladha 29 June with cuti bersama 28 and 30 June.
  EXPECT_FALSE(works("2023-06-28"));
  EXPECT_FALSE(works("2023-06-29"));
  EXPECT_FALSE(works("2023-06-30"));
  EXPECT_EQ(kind("2023-06-30"), HolidayKind::collective_leave);
  EXPECT_NE(cal().holiday_on(parse_date("2023-06-28"))->decree.find("624 Tahun 2023"),
            std::string::npos);
  EXPECT_TRUE(works("2023-06-27"));
}

TEST_F(Shipped, Year2024IncludingElectionDays) {
  EXPECT_FALSE(works("2024-04-10"));  // Idul Fitri 1445 H
  EXPECT_FALSE(works("2024-04-08"));  // cuti bersama
  EXPECT_TRUE(works("2024-04-16"));
  EXPECT_FALSE(works("2024-02-14"));  // Pemilu, Keppres 10/2024
  EXPECT_FALSE(works("2024-11-27"));  // Pilkada, Keppres 33/2024
  EXPECT_EQ(kind("2024-05-10"), HolidayKind::collective_leave);
  EXPECT_EQ(kind("2024-05-09"), HolidayKind::holiday);
}

TEST_F(Shipped, Year2025IncludingTheEighteenthOfAugust) {
  EXPECT_FALSE(works("2025-03-31"));  // Idulfitri 1446 H
  EXPECT_FALSE(works("2025-04-07"));  // cuti bersama
  EXPECT_TRUE(works("2025-04-08"));
  EXPECT_FALSE(works("2025-08-18"));  // cuti bersama HUT ke-80 RI, SKB 933/2025
  EXPECT_NE(cal().holiday_on(parse_date("2025-08-18"))->decree.find("933 Tahun 2025"),
            std::string::npos);
  EXPECT_FALSE(works("2025-06-09"));  // cuti bersama Iduladha
}

TEST_F(Shipped, Year2026) {
  EXPECT_FALSE(works("2026-03-20"));  // cuti bersama Idulfitri
  EXPECT_FALSE(works("2026-03-23"));
  EXPECT_FALSE(works("2026-03-24"));
  EXPECT_TRUE(works("2026-03-25"));
  EXPECT_FALSE(works("2026-12-24"));  // cuti bersama Natal
  EXPECT_FALSE(works("2026-08-25"));  // Maulid Nabi
}

TEST_F(Shipped, EveryEntryNamesItsDecreeAndCutiBersamaFallOnWeekdays) {
  int cuti = 0;
  for (const Holiday& h : cal().holidays()) {
    EXPECT_FALSE(h.name.empty()) << format_date(h.date);
    EXPECT_NE(h.decree.find("Nomor"), std::string::npos) << format_date(h.date) << h.decree;
    if (h.kind == HolidayKind::collective_leave) {
      ++cuti;
      EXPECT_LT(static_cast<int>(weekday_of(h.date)), 5) << format_date(h.date);
    }
  }
  EXPECT_EQ(cuti, 11 + 10 + 11 + 8);  // 2023 (amended), 2024, 2025 (+18 Aug), 2026
}

TEST_F(Shipped, DueDateOverTheLebaranOf2025) {
  // Thu 2025-03-27 10:00 + 2 days: Fri 28 cuti Nyepi, Mon 31 + Tue 1 Idulfitri,
  // Wed 2 - Fri 4 and Mon 7 cuti → Tue 04-08 (1), Wed 04-09 (2).
  EXPECT_EQ(test::fmt(cal().add_working_days(test::at("2025-03-27T10:00"), 2)), "2025-04-09T10:00");
}

TEST(ShippedLookup, OneYearById) {
  const WorkCalendar cal = WorkCalendar::indonesia("id-2025", test::shipped());
  EXPECT_EQ(format_date(cal.first_date()), "2025-01-01");
  EXPECT_EQ(format_date(cal.last_date()), "2025-12-31");
}

TEST(ShippedLookup, BuiltInCopyIsTheDataFolderFileForEveryYear) {
  ::unsetenv("SOPKIT_DATA_DIR");
  EXPECT_EQ(calendar_data_dir(), "");  // no folder: the copy inside the library
  for (int year = 2023; year <= 2026; ++year) {
    const std::string id = "id-" + std::to_string(year);
    const WorkCalendar built_in = WorkCalendar::indonesia(id);
    CalendarOptions folder;
    folder.data_dir = test::data_dir();
    const WorkCalendar from_file = WorkCalendar::indonesia(id, folder);
    ASSERT_EQ(built_in.first_date(), from_file.first_date()) << id;
    ASSERT_EQ(built_in.last_date(), from_file.last_date()) << id;
    for (Date d = from_file.first_date(); d <= from_file.last_date(); ++d) {
      ASSERT_EQ(built_in.is_working_day(d), from_file.is_working_day(d)) << format_date(d);
      ASSERT_EQ(built_in.office_intervals(d), from_file.office_intervals(d)) << format_date(d);
    }
  }
  const Error e = test::error_of([] { WorkCalendar::indonesia("id-1999"); });
  EXPECT_EQ(e.code(), ErrorCode::not_found);
  EXPECT_NE(std::string(e.what()).find("built in: id-2023, id-2024, id-2025, id-2026"),
            std::string::npos)
      << e.what();
}

TEST(ShippedLookup, EnvironmentVariableOverridesTheBuiltInCopy) {
  ::setenv("SOPKIT_DATA_DIR", "/nonexistent-sopkit-data", 1);
  EXPECT_EQ(calendar_data_dir(), "/nonexistent-sopkit-data");
  EXPECT_EQ(test::error_of([] { WorkCalendar::indonesia("id-2024"); }).code(),
            ErrorCode::not_found);
  ::setenv("SOPKIT_DATA_DIR", test::data_dir().c_str(), 1);
  EXPECT_EQ(WorkCalendar::indonesia("id-2024").id(), "id-2024");
  ::unsetenv("SOPKIT_DATA_DIR");
  CalendarOptions explicit_dir;
  explicit_dir.data_dir = "/elsewhere";
  EXPECT_EQ(calendar_data_dir(explicit_dir), "/elsewhere");  // explicit beats everything
}

TEST(ShippedLookup, FromAnExplicitFilePath) {
  const WorkCalendar cal = WorkCalendar::from_file(test::data_dir() + "/calendars/id-2026.json");
  EXPECT_FALSE(cal.is_working_day(parse_date("2026-03-24")));
}

}  // namespace
}  // namespace sopkit
