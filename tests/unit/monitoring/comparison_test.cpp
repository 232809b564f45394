// compare_runs(): working time per step against its waktu on the working
// calendar, runs against their due date, bottlenecks and per-actor rates.
// Every expected figure is computed by hand in a comment (see test_sop.hpp
// for the SOP and the office hours).
#include <gtest/gtest.h>

#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/sop_json.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

using test::cal2024;
using test::log_of;
using test::Row;

TEST(Comparison, StepEndingAtItsStandardEndIsOnTimeAndMeasuredInOfficeMinutes) {
  const RunLog log = log_of(test::small_sop(), test::on_time_run());
  const RunComparison c = compare_runs(log, cal2024());
  ASSERT_EQ(c.executions.size(), 4u);
  // Step 1: 08:00-08:15 = 15 office minutes, allowed until 08:15.
  EXPECT_EQ(c.executions[0].working_minutes, 15);
  EXPECT_EQ(format_instant(c.executions[0].allowed_end), "2024-07-01T08:15");
  EXPECT_EQ(c.executions[0].verdict, Verdict::on_time);
  // Step 2: Mon 08:15 -> Wed 08:15 = two office days of 450 minutes.
  EXPECT_EQ(c.executions[1].working_minutes, 900);
  EXPECT_EQ(format_instant(c.executions[1].allowed_end), "2024-07-03T08:15");
  EXPECT_EQ(c.executions[1].delay_minutes, 0);
  EXPECT_EQ(c.steps_judged, 4u);
  EXPECT_EQ(c.steps_on_time, 4u);
  ASSERT_TRUE(c.steps_on_time_percent);
  EXPECT_DOUBLE_EQ(*c.steps_on_time_percent, 100.0);
}

TEST(Comparison, RangeIsLateOnlyPastItsUpperBound) {
  // Step 4 "1-3 Hari" from Wed 09:15: 2 days (Fri 09:15) is within, the upper
  // end is Mon 07-08 09:15; one office hour later is late by 60 minutes.
  const RunLog ok = log_of(test::small_sop(), test::on_time_run());
  EXPECT_EQ(compare_runs(ok, cal2024()).executions[3].verdict, Verdict::on_time);
  std::vector<Row> rows = test::on_time_run();
  rows[3].end = "2024-07-08T10:15";
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_EQ(format_instant(c.executions[3].allowed_end), "2024-07-08T09:15");
  EXPECT_EQ(c.executions[3].verdict, Verdict::late);
  EXPECT_EQ(c.executions[3].delay_minutes, 60);
}

TEST(Comparison, DelayIsOfficeTimePastTheAllowedEnd) {
  // Step 2 allowed until Wed 08:15, ended Thu 10:15: Wed 08:15-12:00 (225) +
  // 13:00-16:00 (180) + Thu 07:30-10:15 (165) = 570 office minutes late.
  const RunComparison c = compare_runs(log_of(test::small_sop(), test::late_run()), cal2024());
  EXPECT_EQ(c.executions[1].verdict, Verdict::late);
  EXPECT_EQ(c.executions[1].delay_minutes, 570);
  EXPECT_EQ(c.steps_on_time, 3u);  // 1, 3 and 4 (3 full days from Thu 11:15 = Tue 11:15)
  EXPECT_DOUBLE_EQ(*c.steps_on_time_percent, 75.0);
}

TEST(Comparison, EndingAfterClosingWhenTheStandardEndsAtClosingCostsNoOfficeTime) {
  // Step 1 from 15:45: allowed until 16:00 (closing); ended 16:40, after hours.
  std::vector<Row> rows = {{"K", "1", "2024-07-01T15:45", "2024-07-01T16:40", "", ""}};
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_EQ(c.executions[0].verdict, Verdict::on_time);
  EXPECT_EQ(c.executions[0].working_minutes, 15);
}

TEST(Comparison, DueDateIsTheScheduleFromTheFirstStart) {
  // schedule from Mon 08:00: 1 ends 08:15, 2 Wed 08:15, 3 Wed 09:15, 4 (3 days) Mon 07-08 09:15.
  const RunComparison ok = compare_runs(log_of(test::small_sop(), test::on_time_run()), cal2024());
  ASSERT_EQ(ok.runs.size(), 1u);
  EXPECT_EQ(format_instant(ok.runs[0].due), "2024-07-08T09:15");
  EXPECT_TRUE(ok.runs[0].complete);
  EXPECT_TRUE(ok.runs[0].on_time);
  EXPECT_EQ(ok.runs[0].delay_minutes, 0);
  // Mon 08:00 -> Fri 09:15: 4 x 450 minus Mon 07:30-08:00 (30), plus Fri 07:30-09:15 (105).
  EXPECT_EQ(ok.runs[0].working_minutes, 4 * 450 - 30 + 105);
  EXPECT_EQ(ok.runs[0].period, Period::of_quarter(2024, 3));
}

TEST(Comparison, RunFinishedPastItsDueDateIsLateByOfficeMinutes) {
  // Ended Tue 07-09 11:15, due Mon 07-08 09:15: Mon 09:15-12:00 (165) +
  // 13:00-16:00 (180) + Tue 07:30-11:15 (225) = 570.
  const RunComparison c = compare_runs(log_of(test::small_sop(), test::late_run()), cal2024());
  EXPECT_FALSE(c.runs[0].on_time);
  EXPECT_EQ(c.runs[0].delay_minutes, 570);
  EXPECT_EQ(c.runs_complete, 1u);
  EXPECT_EQ(c.runs_on_time, 0u);
  EXPECT_DOUBLE_EQ(*c.runs_on_time_percent, 0.0);
}

TEST(Comparison, RunWithoutAnEndStepIsNotCountedAsFinished) {
  std::vector<Row> rows = test::on_time_run();
  rows.pop_back();
  std::vector<Row> more = test::on_time_run("K9");
  rows.insert(rows.end(), more.begin(), more.end());
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_FALSE(c.runs[0].complete);
  EXPECT_FALSE(c.runs[0].on_time);
  EXPECT_EQ(c.runs_complete, 1u);  // only K9
  EXPECT_DOUBLE_EQ(*c.runs_on_time_percent, 100.0);
}

TEST(Comparison, NoFinishedRunGivesNoRateRatherThanZero) {
  std::vector<Row> rows = test::on_time_run();
  rows.pop_back();
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_FALSE(c.runs_on_time_percent.has_value());
}

TEST(Comparison, BottlenecksAreStepsRankedByShareOfDelay) {
  // K2: step 2 late by 570. K3: step 2 late by 30 (ends Wed 08:45), step 3 by
  // 90 (1 Jam from 08:45 allows 09:45; ended 11:15). Total 690.
  std::vector<Row> rows = test::late_run();
  std::vector<Row> k3 = {{"K3", "1", "2024-07-01T08:00", "2024-07-01T08:15", "", ""},
                         {"K3", "2", "2024-07-01T08:15", "2024-07-03T08:45", "", ""},
                         {"K3", "3", "2024-07-03T08:45", "2024-07-03T11:15", "", "yes"}};
  rows.insert(rows.end(), k3.begin(), k3.end());
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  ASSERT_EQ(c.bottlenecks.size(), 2u);
  EXPECT_EQ(c.steps[c.bottlenecks[0]].id, "2");
  EXPECT_EQ(c.steps[c.bottlenecks[0]].delay_minutes, 600);
  EXPECT_DOUBLE_EQ(c.steps[c.bottlenecks[0]].share_of_delay, 600.0 / 690.0);
  EXPECT_EQ(c.steps[c.bottlenecks[1]].id, "3");
  EXPECT_DOUBLE_EQ(c.steps[c.bottlenecks[1]].share_of_delay, 90.0 / 690.0);
  EXPECT_EQ(c.steps[1].late, 2u);
}

TEST(Comparison, ActorRateUsesTheLoggedActorElseTheStepsActor) {
  // K2 with step 2 done by "Budi": Budi 0 of 1 on time; a (steps 1, 4) 2 of 2; c 1 of 1.
  std::vector<Row> rows = test::late_run();
  rows[1].actor = "Budi";
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  ASSERT_EQ(c.actors.size(), 3u);
  EXPECT_EQ(c.actors[0].actor, "a");
  EXPECT_EQ(c.actors[0].judged, 2u);
  EXPECT_DOUBLE_EQ(*c.actors[0].on_time_percent, 100.0);
  EXPECT_EQ(c.actors[1].actor, "Budi");
  EXPECT_DOUBLE_EQ(*c.actors[1].on_time_percent, 0.0);
  EXPECT_EQ(c.actors[2].actor, "c");
}

TEST(Comparison, StepWithoutWaktuIsExecutedButNotJudged) {
  const RunLog log = log_of(test::small_sop(""), test::on_time_run());
  const RunComparison c = compare_runs(log, cal2024());
  EXPECT_EQ(c.executions[3].verdict, Verdict::untimed);
  EXPECT_EQ(c.steps_judged, 3u);
  EXPECT_EQ(c.steps[3].executions, 1u);
  EXPECT_EQ(c.steps[3].judged, 0u);
}

TEST(Comparison, InstantOutsideTheCalendarNamesTheCase) {
  std::vector<Row> rows = {{"K-2031", "1", "2031-07-01T08:00", "2031-07-01T08:15", "", ""}};
  try {
    compare_runs(log_of(test::small_sop(), rows), cal2024());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_range);
    EXPECT_EQ(e.where(), "case K-2031");
  }
}

TEST(Comparison, SeedExampleShowsTheLateTheReworkAndTheOutOfOrderRun) {
  const std::string dir = SOPKIT_SOURCE_DIR;
  const Sop sop = load_sop_file(dir + "/examples/sop-monev-capaian-kinerja.json");
  const RunLog log = load_runs_file(dir + "/examples/runs-monev-capaian-kinerja.csv", sop);
  const RunComparison c = compare_runs(log, WorkCalendar::indonesia("id-2024"));
  ASSERT_EQ(c.runs.size(), 4u);
  EXPECT_TRUE(c.runs[0].on_time);  // 2024-TW2: every step at its standard
  EXPECT_EQ(c.runs[0].steps_on_time, 13u);
  EXPECT_FALSE(c.runs[1].on_time);  // 2024-TW2-BIDANG-SD: steps 3 and 9 late
  EXPECT_EQ(c.runs[1].steps_judged - c.runs[1].steps_on_time, 2u);
  EXPECT_EQ(c.runs[2].rework_rounds, 1u);  // 2024-TW3: 11 said no once
  EXPECT_EQ(c.runs[2].no_branches, 1u);
  ASSERT_EQ(c.runs[3].out_of_order.size(), 1u);  // 2024-TW3-BIDANG-PAUD: 5 before 4 ended
  EXPECT_EQ(c.runs[3].out_of_order[0].step, "5");
  EXPECT_EQ(c.runs[3].out_of_order[0].predecessor, "4");
  ASSERT_FALSE(c.bottlenecks.empty());
  EXPECT_EQ(c.steps[c.bottlenecks[0]].id, "3");  // 3 days late beats step 9's one
}

}  // namespace
}  // namespace sopkit
