// Conformance: out-of-order steps, skipped happy-path steps, rework rounds.
#include <gtest/gtest.h>

#include "sopkit/monitoring.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

using test::cal2024;
using test::log_of;
using test::Row;

TEST(Conformance, StepStartedBeforeItsPredecessorEndedIsOutOfOrder) {
  // Step 2 starts 08:10, step 1 ends 08:15.
  std::vector<Row> rows = test::on_time_run();
  rows[1].start = "2024-07-01T08:10";
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  ASSERT_EQ(c.runs[0].out_of_order.size(), 1u);
  EXPECT_EQ(c.runs[0].out_of_order[0].step, "2");
  EXPECT_EQ(c.runs[0].out_of_order[0].predecessor, "1");
  EXPECT_EQ(format_instant(c.runs[0].out_of_order[0].predecessor_end), "2024-07-01T08:15");
  EXPECT_TRUE(c.executions[1].out_of_order);
  EXPECT_FALSE(c.executions[2].out_of_order);
}

TEST(Conformance, StartingExactlyWhenThePredecessorEndsIsInOrder) {
  const RunComparison c = compare_runs(log_of(test::small_sop(), test::on_time_run()), cal2024());
  EXPECT_TRUE(c.runs[0].out_of_order.empty());
  EXPECT_TRUE(c.runs[0].skipped.empty());
}

TEST(Conformance, HappyPathStepNeverExecutedInAFinishedRunIsSkipped) {
  std::vector<Row> rows = test::on_time_run();
  rows.erase(rows.begin() + 2);  // no decision 3
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_EQ(c.runs[0].skipped, std::vector<std::string>{"3"});
  // A skipped predecessor is a skip, not an order fault of step 4.
  EXPECT_TRUE(c.runs[0].out_of_order.empty());
}

TEST(Conformance, UnfinishedRunReportsNoSkipsYet) {
  std::vector<Row> rows = test::on_time_run();
  rows.resize(2);
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_FALSE(c.runs[0].complete);
  EXPECT_TRUE(c.runs[0].skipped.empty());
}

TEST(Conformance, NoBranchAndRepeatedStepsCountAsReworkRounds) {
  // 1, 2, 3 (no), 2 again, 3 (yes), 4: one round.
  std::vector<Row> rows = {{"K", "1", "2024-07-01T08:00", "2024-07-01T08:15", "", ""},
                           {"K", "2", "2024-07-01T08:15", "2024-07-03T08:15", "", ""},
                           {"K", "3", "2024-07-03T08:15", "2024-07-03T09:15", "", "no"},
                           {"K", "2", "2024-07-03T09:15", "2024-07-05T09:15", "", ""},
                           {"K", "3", "2024-07-05T09:15", "2024-07-05T10:15", "", "yes"},
                           {"K", "4", "2024-07-05T10:15", "2024-07-08T10:15", "", ""}};
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_EQ(c.runs[0].rework_rounds, 1u);
  EXPECT_EQ(c.runs[0].no_branches, 1u);
  EXPECT_EQ(c.executions[3].round, 1u);  // the second execution of step 2
  EXPECT_EQ(c.executions[1].round, 0u);
  // The second round of step 2 starts after step 1 ended long ago: in order.
  EXPECT_TRUE(c.runs[0].out_of_order.empty());
  EXPECT_EQ(c.steps[1].executions, 2u);
}

TEST(Conformance, RepeatsWithoutRecordedBranchesStillCountAsRounds) {
  // The log has no branch column values: step 2 three times = 2 rounds.
  std::vector<Row> rows = {{"K", "1", "2024-07-01T08:00", "2024-07-01T08:15", "", ""},
                           {"K", "2", "2024-07-01T08:15", "2024-07-01T09:15", "", ""},
                           {"K", "2", "2024-07-01T09:15", "2024-07-01T10:15", "", ""},
                           {"K", "2", "2024-07-01T10:15", "2024-07-01T11:15", "", ""}};
  const RunComparison c = compare_runs(log_of(test::small_sop(), rows), cal2024());
  EXPECT_EQ(c.runs[0].rework_rounds, 2u);
  EXPECT_EQ(c.runs[0].no_branches, 0u);
}

}  // namespace
}  // namespace sopkit
