// schedule(): the seed SOP and small runs on the shipped 2024 calendar.
//
// id-2024 (SKB 3 Menteri): the ASN week (Mon-Thu 07:30-16:00, break
// 12:00-13:00; Fri 07:30-16:30, break 11:30-13:00) and, around Lebaran, no work
// from Mon 2024-04-08 to Mon 2024-04-15 (cuti bersama 8, 9, 12, 15; Idul Fitri
// 10, 11). Later: 1 May, 9-10 May (Kenaikan Isa Almasih + cuti), 23-24 May
// (Waisak + cuti).
#include "sopkit/schedule.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"

namespace sopkit {
namespace {

const WorkCalendar& cal2024() {
  static const WorkCalendar cal = WorkCalendar::indonesia("id-2024");
  return cal;
}

Sop seed() {
  return load_sop_file(std::string(SOPKIT_SOURCE_DIR) + "/examples/sop-monev-capaian-kinerja.json");
}

std::string start_of_step(const Schedule& s, const std::string& id) {
  for (const auto& p : s.steps)
    if (p.id == id) return format_instant(p.start);
  return "?";
}
std::string end_of_step(const Schedule& s, const std::string& id) {
  for (const auto& p : s.steps)
    if (p.id == id) return format_instant(p.end);
  return "?";
}

Step step(std::string id, StepKind kind, std::string time, std::vector<std::string> next = {}) {
  Step s;
  s.id = std::move(id);
  s.actor = "a";
  s.kind = kind;
  s.time_text = time;
  if (!time.empty()) s.time = Duration::parse(time);
  s.next = std::move(next);
  return s;
}

Sop sop_of(std::vector<Step> steps) {
  SopDocument doc;
  doc.actors = {{"a", "Sekretaris", {}}};
  doc.steps = std::move(steps);
  return Sop(std::move(doc));
}

// Hand computation, from Fri 2024-04-05 08:00 (each step starts where the
// previous one ends; days keep the clock and skip non-working days):
//   1  15 Menit  Fri 04-05 08:00 -> 08:15
//   2  2 hari    working days 04-16, 04-17 (8..15 April off) -> Wed 04-17 08:15
//   3  7 Hari    04-18 19 22 23 24 25 26                     -> Fri 04-26 08:15
//   4  2 hari    04-29 30                                    -> Tue 04-30 08:15
//   5  7 Hari    05-02 03 06 07 08 13 14 (1, 9, 10 May off) -> Tue 05-14 08:15
//   6  3 Jam     08:15 + 180 office minutes, before the break -> Tue 05-14 11:15
//   7  1 Hari    -> Wed 05-15 11:15
//   8  2 hari    -> Fri 05-17 11:15
//   9  1 Minggu  5 days: 05-20 21 22 27 28 (23, 24 May off)  -> Tue 05-28 11:15
//  10  3 Hari    05-29 30 31                                 -> Fri 05-31 11:15
//  11  1 Hari    -> Mon 06-03 11:15
//  12  1 Hari    -> Tue 06-04 11:15
//  13  15 Menit  -> Tue 06-04 11:30 = due date
TEST(Schedule, SeedSkipsLebaranAndCutiBersama) {
  Schedule s = schedule(seed(), cal2024(), parse_instant("2024-04-05T08:00"));
  ASSERT_EQ(s.steps.size(), 13u);
  EXPECT_EQ(end_of_step(s, "1"), "2024-04-05T08:15");
  EXPECT_EQ(start_of_step(s, "2"), "2024-04-05T08:15");
  EXPECT_EQ(end_of_step(s, "2"), "2024-04-17T08:15");
  EXPECT_EQ(end_of_step(s, "3"), "2024-04-26T08:15");
  EXPECT_EQ(end_of_step(s, "5"), "2024-05-14T08:15");
  EXPECT_EQ(end_of_step(s, "6"), "2024-05-14T11:15");
  EXPECT_EQ(end_of_step(s, "9"), "2024-05-28T11:15");
  EXPECT_EQ(format_instant(s.due), "2024-06-04T11:30");
  EXPECT_EQ(format_instant(s.start), "2024-04-05T08:00");
  EXPECT_TRUE(s.untimed_steps.empty());
}

TEST(Schedule, NoStepIsPlannedOnAHoliday) {
  Schedule s = schedule(seed(), cal2024(), parse_instant("2024-04-05T08:00"));
  for (const auto& p : s.steps) {
    EXPECT_TRUE(cal2024().is_working_day(date_of(p.start))) << p.id;
    EXPECT_TRUE(cal2024().is_working_time(p.start)) << p.id;
  }
}

TEST(Schedule, ParallelBranchesJoinWhenTheLaterOneEnds) {
  // From Thu 2024-04-04 14:00: S 30 menit -> 14:30.
  //   A 2 hari from Thu 14:30: Fri 04-05 (1), Tue 04-16 (2) -> 04-16 14:30
  //   B 3 jam in Ramadan hours: 30 min to Thu 15:00, 150 from Fri 08:00 -> Fri 04-05 10:30
  //   J 1 jam after both: 04-16 14:30 -> 15:30
  Sop sop =
      sop_of({step("S", StepKind::start, "30 menit", {"A", "B"}),
              step("A", StepKind::process, "2 hari", {"J"}),
              step("B", StepKind::process, "3 jam", {"J"}), step("J", StepKind::end, "1 jam")});
  Schedule s = schedule(sop, cal2024(), parse_instant("2024-04-04T14:00"));
  EXPECT_EQ(end_of_step(s, "A"), "2024-04-16T14:30");
  EXPECT_EQ(end_of_step(s, "B"), "2024-04-05T10:30");
  EXPECT_EQ(start_of_step(s, "J"), "2024-04-16T14:30");
  EXPECT_EQ(format_instant(s.due), "2024-04-16T15:30");
}

TEST(Schedule, StepReadyAtClosingTimeStartsAtTheNextOpening) {
  // In Ramadan 1445 H the office closes at 15:00 (Mon-Thu): S 1 jam from Thu
  // 14:00 ends at 15:00, closing time; E starts Fri 08:00.
  Sop sop =
      sop_of({step("S", StepKind::start, "1 jam", {"E"}), step("E", StepKind::end, "15 menit")});
  Schedule s = schedule(sop, cal2024(), parse_instant("2024-04-04T14:00"));
  EXPECT_EQ(end_of_step(s, "S"), "2024-04-04T15:00");
  EXPECT_EQ(start_of_step(s, "E"), "2024-04-05T08:00");
  EXPECT_EQ(format_instant(s.due), "2024-04-05T08:15");
}

TEST(Schedule, StartOnAHolidayMovesToTheNextWorkingMorning) {
  // 2024-04-10 is Idul Fitri; the first working instant is Tue 04-16 07:30.
  Sop sop = sop_of({step("S", StepKind::start, "15 menit", {"E"}), step("E", StepKind::end, "")});
  Schedule s = schedule(sop, cal2024(), parse_instant("2024-04-10T09:00"));
  EXPECT_EQ(start_of_step(s, "S"), "2024-04-16T07:30");
  EXPECT_EQ(format_instant(s.due), "2024-04-16T07:45");
  EXPECT_EQ(s.untimed_steps, (std::vector<std::string>{"E"}));
  EXPECT_EQ(end_of_step(s, "E"), "2024-04-16T07:45");  // untimed: ends as it starts
}

TEST(Schedule, RangesPlanWithTheChosenEnd) {
  // 1-3 Hari from Mon 2024-03-04 08:00: 1 day -> Tue 03-05, 3 days -> Thu 03-07.
  Sop sop = sop_of({step("S", StepKind::start, "1-3 Hari", {"E"}), step("E", StepKind::end, "")});
  ScheduleOptions lower;
  lower.end = DurationEnd::min;
  EXPECT_EQ(format_instant(schedule(sop, cal2024(), parse_instant("2024-03-04T08:00")).due),
            "2024-03-07T08:00");
  EXPECT_EQ(format_instant(schedule(sop, cal2024(), parse_instant("2024-03-04T08:00"), lower).due),
            "2024-03-05T08:00");
}

TEST(Schedule, RunPastTheCalendarCoverageIsOutOfRange) {
  try {
    schedule(seed(), cal2024(), parse_instant("2024-12-02T08:00"));  // ~6 weeks of work
    FAIL() << "the run ends in 2025, outside id-2024";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  }
}

TEST(Schedule, CycleWithoutDecisionCannotBeScheduled) {
  Sop sop =
      sop_of({step("S", StepKind::start, "1 jam", {"P"}),
              step("P", StepKind::process, "1 jam", {"S", "E"}), step("E", StepKind::end, "")});
  try {
    schedule(sop, cal2024(), parse_instant("2024-03-04T08:00"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  }
}

}  // namespace
}  // namespace sopkit
