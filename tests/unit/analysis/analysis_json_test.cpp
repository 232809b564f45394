// The JSON form of an analysis ("sopkit.analysis/2", docs/analysis.md).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "io/detail/analysis_json.hpp"
#include "sopkit/sop_json.hpp"

namespace sopkit {
namespace {

using nlohmann::json;

Sop seed() {
  return load_sop_file(std::string(SOPKIT_SOURCE_DIR) + "/examples/sop-monev-capaian-kinerja.json");
}

TEST(AnalysisJson, WholeMinutesAreIntegers) {
  EXPECT_EQ(detail::minutes_json(14160.0).dump(), "14160");
  EXPECT_EQ(detail::minutes_json(0.5).dump(), "0.5");
}

TEST(AnalysisJson, SeedTotalHappyPathAndCriticalPath) {
  Sop sop = seed();
  json j = detail::analysis_json(sop, analyze(sop));
  EXPECT_EQ(j["format"], "sopkit.analysis/2");
  EXPECT_EQ(j["total"]["working_minutes"], 14160);
  EXPECT_EQ(j["total"]["text"], "31 hari 3 jam 30 menit");
  EXPECT_EQ(j["happy_path"].size(), 13u);
  EXPECT_EQ(j["critical_path"].front(), "1");
  EXPECT_EQ(j["duration"]["working_minutes"], 14160);
}

TEST(AnalysisJson, StepsCarryCpmFieldsByDocumentOrder) {
  // Step 3 starts after 15 + 900 = 915 minutes and lasts 7 hari = 3150.
  Sop sop = seed();
  json j = detail::analysis_json(sop, analyze(sop));
  const json& s3 = j["steps"][2];
  EXPECT_EQ(s3["id"], "3");
  EXPECT_EQ(s3["earliest_start"], 915);
  EXPECT_EQ(s3["earliest_finish"], 915 + 3150);
  EXPECT_EQ(s3["latest_start"], 915);
  EXPECT_EQ(s3["latest_finish"], 915 + 3150);
  EXPECT_EQ(s3["slack"], 0);
  EXPECT_EQ(s3["critical"], true);
  EXPECT_EQ(s3["best"]["earliest_start"], 915);
}

TEST(AnalysisJson, WorkloadHandoffsLoopsAndRework) {
  Sop sop = seed();
  json j = detail::analysis_json(sop, analyze(sop));
  EXPECT_EQ(j["workload"][0]["actor"], "sekretaris");
  EXPECT_EQ(j["workload"][0]["name"], "Sekretaris");
  EXPECT_EQ(j["workload"][0]["working_minutes"], 2265);
  EXPECT_EQ(j["workload"][0]["steps"], 2);
  EXPECT_EQ(j["handoffs"]["count"], 8);
  EXPECT_EQ(j["handoffs"]["list"][0]["from_step"], "1");
  EXPECT_EQ(j["handoffs"]["list"][0]["to_actor"], "kasubbag_program");
  ASSERT_EQ(j["loops"].size(), 1u);
  EXPECT_EQ(j["loops"][0]["decision"], "11");
  EXPECT_EQ(j["loops"][0]["round"]["working_minutes"], 1800);
  EXPECT_EQ(j["loops"][0]["no_probability"], nullptr);
  EXPECT_EQ(j["loops"][0]["component"], 0);
  EXPECT_EQ(j["loops"][0]["round_steps"], 2);
  EXPECT_EQ(j["components"], json::parse(R"([["10", "11"]])"));
  EXPECT_EQ(j["worst_case"]["working_minutes"], 15960);
  EXPECT_EQ(j["worst_case"]["rework_rounds"], 1);
  EXPECT_EQ(j["expected"]["working_minutes"], 14160);
  EXPECT_EQ(j["expected"]["decisions_without_probability"], json::array({"11"}));
}

TEST(AnalysisJson, OverlappingLoopsNameTheirSharedComponentOnce) {
  // Step 12 becomes a decision sending files back to 9: the loops 11 -> 10
  // and 12 -> 9 share the component 9, 10, 11, 12.
  SopDocument doc = seed().document();
  Step& twelve = doc.steps[11];
  twelve.kind = StepKind::decision;
  twelve.yes = twelve.next.at(0);
  twelve.no = "9";
  twelve.next.clear();
  Sop sop(doc);
  json j = detail::analysis_json(sop, analyze(sop));
  EXPECT_EQ(j["components"], json::parse(R"([["9", "10", "11", "12"]])"));
  ASSERT_EQ(j["loops"].size(), 2u);
  EXPECT_EQ(j["loops"][0]["decision"], "11");
  EXPECT_EQ(j["loops"][0]["component"], 0);
  EXPECT_EQ(j["loops"][0]["round_steps"], 2);
  EXPECT_EQ(j["loops"][1]["decision"], "12");
  EXPECT_EQ(j["loops"][1]["restart"], "9");
  EXPECT_EQ(j["loops"][1]["component"], 0);
  // 9 (1 Minggu = 5 hari) + 10 (3 Hari) + 11 (1 Hari) + 12 (1 Hari) = 10 hari.
  EXPECT_EQ(j["loops"][1]["round_steps"], 4);
  EXPECT_EQ(j["loops"][1]["round"]["working_minutes"], 4500);
}

TEST(AnalysisJson, ExpectedTextIsTheMinutesInDaysHoursAndMinutes) {
  // p = 0.1: 1/9 round of 1800 minutes = 200; 14160 + 200 = 14360
  // = 31 x 450 + 410 = "31 hari 6 jam 50 menit".
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = 0.1;
  Sop sop(doc);
  json j = detail::analysis_json(sop, analyze(sop));
  EXPECT_DOUBLE_EQ(j["expected"]["working_minutes"].get<double>(), 14360);
  EXPECT_EQ(j["expected"]["text"], "31 hari 6 jam 50 menit");
}

TEST(AnalysisJson, WhatCannotBeComputedIsNull) {
  SopDocument doc = seed().document();
  doc.steps[12].next = {"12"};  // 13 -> 12 -> 13: a cycle without a decision
  Sop sop(doc);
  AnalysisOptions o;
  o.lenient = true;
  json j = detail::analysis_json(sop, analyze(sop, o));
  EXPECT_EQ(j["duration"], nullptr);
  EXPECT_TRUE(j["critical_path"].empty());
  EXPECT_EQ(j["steps"][0]["earliest_start"], nullptr);
  EXPECT_EQ(j["longest_single_actor_stretch"], nullptr);
  EXPECT_EQ(j["not_computed"].size(), 1u);
  EXPECT_EQ(j["total"]["working_minutes"], 14160);
}

using ordered = nlohmann::ordered_json;

std::vector<std::string> keys_of(const std::string& text) {
  std::vector<std::string> keys;
  const ordered doc = ordered::parse(text);
  for (auto it = doc.begin(); it != doc.end(); ++it) keys.push_back(it.key());
  return keys;
}

// The text is written without a document; it must read and print as the
// document of the same content would, layout included, with its keys in the
// documented order.
void expect_laid_out_as_a_document(const Sop& sop, const Analysis& a) {
  const ordered extra{{"file", "sop \"x\".json"},
                      {"diagnostics", ordered::array({{{"code", "c"}}})}};
  for (int indent : {-1, 2}) {
    const std::string text = detail::analysis_json_text(sop, a, extra, indent);
    EXPECT_EQ(text, ordered::parse(text).dump(indent)) << "indent " << indent;
    EXPECT_EQ(keys_of(text), (std::vector<std::string>{"format",
                                                       "file",
                                                       "number",
                                                       "title",
                                                       "convention",
                                                       "total",
                                                       "happy_path",
                                                       "untimed_steps",
                                                       "duration",
                                                       "critical_path",
                                                       "steps",
                                                       "workload",
                                                       "handoffs",
                                                       "longest_single_actor_stretch",
                                                       "loops",
                                                       "components",
                                                       "worst_case",
                                                       "expected",
                                                       "near_one_probabilities",
                                                       "not_computed",
                                                       "diagnostics"}));
  }
}

TEST(AnalysisJson, TextIsLaidOutAsTheDocumentWouldBe) {
  SopDocument doc = seed().document();
  doc.title = "Uji \"kutip\" \\ \t tab \xC3\xA9";  // escapes and UTF-8
  doc.steps[2].time_text =
      "1\xE2\x80\x93"
      "3 Hari";
  doc.steps[2].time = Duration::parse(doc.steps[2].time_text);
  doc.steps[5].time = Duration::parse("2,5 menit");  // fractional minutes
  doc.steps[10].no_probability = 0.1;                // fractional rounds
  Sop sop(doc);
  Analysis a = analyze(sop);
  expect_laid_out_as_a_document(sop, a);
  EXPECT_EQ(detail::analysis_json(sop, a)["title"], doc.title);
  EXPECT_EQ(detail::analysis_json(sop, a)["steps"][5]["working_minutes"], 2.5);
}

TEST(AnalysisJson, TextOfWhatCannotBeComputedIsLaidOutAsTheDocumentWouldBe) {
  SopDocument doc = seed().document();
  doc.steps[12].next = {"12"};            // a cycle without a decision: no CPM
  doc.steps[0].kind = StepKind::process;  // and no start step
  Sop sop(doc);
  AnalysisOptions o;
  o.lenient = true;
  expect_laid_out_as_a_document(sop, analyze(sop, o));
}

TEST(AnalysisJson, WrittenToAStreamInPiecesIsTheSameText) {
  // 2,000 steps make about 1.5 MB: many pieces of 64 KiB.
  SopDocument doc = seed().document();
  doc.steps.resize(1);
  for (int i = 2; i <= 2000; ++i) {
    doc.steps.back().next = {std::to_string(i)};
    Step s = doc.steps.back();
    s.id = std::to_string(i);
    s.kind = i == 2000 ? StepKind::end : StepKind::process;
    doc.steps.push_back(s);
  }
  doc.steps.back().next.clear();
  Sop sop(doc);
  Analysis a = analyze(sop);
  const json extra{{"file", "x.json"}};
  std::ostringstream streamed;
  detail::write_analysis_json(streamed, sop, a, extra, 2);
  const std::string text = detail::analysis_json_text(sop, a, extra, 2);
  EXPECT_GT(text.size(), 1000000u);
  EXPECT_EQ(streamed.str(), text);
}

TEST(ScheduleJson, TextIsLaidOutAsTheDocumentWouldBeAndStreamsTheSame) {
  SopDocument doc = seed().document();
  doc.steps[4].time.reset();  // an untimed step
  doc.steps[4].time_text = "segera \xE2\x80\x93 tanpa waktu";
  Sop sop(doc);
  const WorkCalendar cal = WorkCalendar::indonesia("id-2024");
  const Schedule plan = schedule(sop, cal, parse_instant("2024-04-05T08:00"));
  const ordered extra{{"file", "x.json"}, {"diagnostics", ordered::array()}};
  for (int indent : {-1, 2}) {
    const std::string text = detail::schedule_json_text(sop, cal, plan, extra, indent);
    EXPECT_EQ(text, ordered::parse(text).dump(indent)) << "indent " << indent;
    EXPECT_EQ(keys_of(text),
              (std::vector<std::string>{"format", "file", "number", "title", "calendar", "start",
                                        "due", "due_weekday", "working_minutes", "steps",
                                        "untimed_steps", "diagnostics"}));
    std::ostringstream streamed;
    detail::write_schedule_json(streamed, sop, cal, plan, extra, indent);
    EXPECT_EQ(streamed.str(), text);
  }
  const json j = detail::schedule_json(sop, cal, plan);
  EXPECT_EQ(j["due"], format_instant(plan.due));
  EXPECT_EQ(j["untimed_steps"], json::array({"5"}));
  EXPECT_EQ(j["steps"][4]["time"], doc.steps[4].time_text);
}

}  // namespace
}  // namespace sopkit
