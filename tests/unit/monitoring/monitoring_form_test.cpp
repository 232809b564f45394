// The PermenPAN-RB 35/2012 forms: monitoring rows derived from measurements
// unless the officer recorded them, and the 7-criteria evaluation scored.
#include <gtest/gtest.h>

#include "sopkit/monitoring.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

using test::cal2024;

const MonitoringRow& row(const std::vector<MonitoringRow>& rows, const std::string& step) {
  for (const auto& r : rows)
    if (r.step == step) return r;
  throw std::runtime_error("no row for step " + step);
}

std::string runs_json(const std::string& monitoring, const std::string& evaluation) {
  std::string events;
  const auto rows = test::late_run("K");
  for (const auto& r : rows)
    events += std::string(events.empty() ? "" : ",") + "{\"step\":\"" + r.step + "\",\"start\":\"" +
              r.start + "\",\"end\":\"" + r.end + "\"" +
              (r.branch.empty() ? "" : ",\"branch\":\"" + r.branch + "\"") + "}";
  return R"({"format":"sopkit.runs/1","runs":[{"case":"K","observer":"Inspektorat","events":[)" +
         events + "]" + (monitoring.empty() ? "" : ",\"monitoring\":" + monitoring) +
         (evaluation.empty() ? "" : ",\"evaluation\":" + evaluation) + "}]}";
}

TEST(MonitoringForm, RowsAreDerivedFromTheMeasurementsWhenNothingIsRecorded) {
  const RunLog log = parse_runs_json(runs_json("", ""), test::small_sop());
  const RunComparison c = compare_runs(log, cal2024());
  const auto& rows = c.runs[0].monitoring;
  ASSERT_EQ(rows.size(), 4u);         // one per happy-path step
  EXPECT_FALSE(row(rows, "2").good);  // late by 570 minutes
  EXPECT_FALSE(row(rows, "2").recorded);
  EXPECT_EQ(derived_reason(row(rows, "2")), "1 dari 1 pelaksanaan terlambat");
  EXPECT_TRUE(row(rows, "1").good);
}

TEST(MonitoringForm, NeverExecutedAndOutOfOrderStepsDoNotRunWell) {
  std::vector<test::Row> rows = test::on_time_run();
  rows[1].start = "2024-07-01T08:10";  // step 2 before step 1 ended (08:15) ...
  rows[1].end = "2024-07-03T08:10";    // ... and within its 2 hari
  rows.erase(rows.begin() + 2);        // step 3 never ran
  const RunComparison c = compare_runs(test::log_of(test::small_sop(), rows), cal2024());
  const auto& form = c.runs[0].monitoring;
  EXPECT_FALSE(row(form, "2").good);
  EXPECT_EQ(derived_reason(row(form, "2")), "0 dari 1 pelaksanaan terlambat, 1 tidak berurutan");
  EXPECT_FALSE(row(form, "3").good);
  EXPECT_EQ(derived_reason(row(form, "3")), "tidak dilaksanakan");
  EXPECT_EQ(derived_reason(row(form, "4")), "sesuai mutu baku (1x)");
}

TEST(MonitoringForm, RecordedObservationOverridesTheDerivedRowAndSaysSo) {
  const std::string mon =
      R"([{"step":"2","good":true,"action":"Tambah operator","note":"Data bidang terlambat"}])";
  const RunLog log = parse_runs_json(runs_json(mon, ""), test::small_sop());
  const RunComparison c = compare_runs(log, cal2024());
  const MonitoringRow& r = row(c.runs[0].monitoring, "2");
  EXPECT_TRUE(r.good);
  EXPECT_TRUE(r.recorded);
  EXPECT_EQ(r.action, "Tambah operator");
  EXPECT_EQ(r.note, "Data bidang terlambat");
  // The measurement is still reported beside the officer's judgement.
  EXPECT_EQ(derived_reason(r), "1 dari 1 pelaksanaan terlambat");
  EXPECT_TRUE(row(c.monitoring, "2").recorded);  // the overall table too
}

TEST(MonitoringForm, ObservationWithoutJudgementKeepsTheDerivedVerdict) {
  const RunLog log =
      parse_runs_json(runs_json(R"([{"step":"2","note":"menunggu data"}])", ""), test::small_sop());
  const RunComparison c = compare_runs(log, cal2024());
  const MonitoringRow& r = row(c.runs[0].monitoring, "2");
  EXPECT_FALSE(r.good);
  EXPECT_FALSE(r.recorded);
  EXPECT_EQ(r.note, "menunggu data");
}

TEST(MonitoringForm, EvaluationScoreIsYaOverSevenWhenAllAreAnswered) {
  // 6 Ya, 1 Tidak: 6 / 7 x 100 = 85.714...
  const std::string ev =
      R"({"mendorong_kinerja":true,"mudah_dipahami":true,"mudah_dilaksanakan":false,
          "peran_jelas":true,"atasi_masalah":true,"kebutuhan_kinerja":true,"sinergi":true})";
  const RunComparison c =
      compare_runs(parse_runs_json(runs_json("", ev), test::small_sop()), cal2024());
  EXPECT_EQ(c.runs[0].evaluation.answered, 7u);
  EXPECT_EQ(c.runs[0].evaluation.yes, 6u);
  ASSERT_TRUE(c.runs[0].evaluation.percent);
  EXPECT_DOUBLE_EQ(*c.runs[0].evaluation.percent, 600.0 / 7.0);
}

TEST(MonitoringForm, PartlyAnsweredEvaluationHasNoScore) {
  const std::string ev = R"({"mendorong_kinerja":true,"sinergi":null})";
  const RunComparison c =
      compare_runs(parse_runs_json(runs_json("", ev), test::small_sop()), cal2024());
  EXPECT_EQ(c.runs[0].evaluation.answered, 1u);
  EXPECT_FALSE(c.runs[0].evaluation.percent.has_value());
}

TEST(MonitoringForm, TheSevenCriteriaOfPermenPanRb35Of2012) {
  EXPECT_STREQ(evaluation_criterion_text(0), "Mampu mendorong peningkatan kinerja");
  EXPECT_STREQ(evaluation_criterion_text(3),
               "Semua orang dapat menjalankan perannya masing-masing");
  EXPECT_STREQ(evaluation_criterion_text(6), "Sinergi satu dengan lainnya");
  EXPECT_STREQ(evaluation_criterion_key(6), "sinergi");
  EXPECT_STREQ(evaluation_criterion_text(7), "");
}

TEST(MonitoringForm, FormsRoundTripThroughTheJsonForm) {
  const std::string mon = R"([{"step":"2","good":false,"action":"Percepat","note":""}])";
  const std::string ev = R"({"sinergi":false})";
  const RunLog log = parse_runs_json(runs_json(mon, ev), test::small_sop());
  const RunLog again = parse_runs_json(runs_to_json(log), test::small_sop());
  EXPECT_EQ(runs_to_json(again), runs_to_json(log));
  ASSERT_EQ(again.runs()[0].observations.size(), 1u);
  EXPECT_EQ(again.runs()[0].observations[0].good, std::optional<bool>(false));
  EXPECT_EQ(again.runs()[0].evaluation[6], std::optional<bool>(false));
  EXPECT_EQ(again.runs()[0].observer, "Inspektorat");
}

}  // namespace
}  // namespace sopkit
