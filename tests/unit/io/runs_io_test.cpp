// Run logs from the event-log CSV and the JSON form: good input, and every
// refusal with the place it names.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/detail/comparison_json.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/sop_json.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

const std::string kHeader = "case,step,start,end,actor,branch\n";

Error csv_error(const std::string& text) {
  try {
    parse_runs_csv(text, test::small_sop(), "log.csv");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error(ErrorCode::internal, "none");
}

TEST(RunsCsv, EventsAreGroupedByCaseAndSortedByStart) {
  const RunLog log = parse_runs_csv(kHeader +
                                        "B,2,2024-07-01T09:00,2024-07-01T10:00,,\n"
                                        "A,1,2024-07-01T08:00,2024-07-01T08:15,Budi,\n"
                                        "B,1,2024-07-01T08:00,2024-07-01T08:15,,\n"
                                        "B,3,2024-07-01T10:00,2024-07-01T11:00,,Tidak\n",
                                    test::small_sop(), "log.csv");
  ASSERT_EQ(log.runs().size(), 2u);
  EXPECT_EQ(log.runs()[0].case_id, "B");  // first appearance order
  EXPECT_EQ(log.runs()[0].event_count, 3u);
  EXPECT_EQ(log.sop().step(log.events()[0].step).id, "1");
  EXPECT_EQ(log.events()[2].branch, Branch::no);
  EXPECT_EQ(log.runs()[1].first_event, 3u);
  EXPECT_EQ(log.actor_of(log.events()[3]), "Budi");
  EXPECT_EQ(log.actor_of(log.events()[0]), "a");  // no actor logged: the step's
  EXPECT_EQ(log.events()[0].origin, 4u);          // the CSV line
}

TEST(RunsCsv, RequiredColumnsOnlyBomSemicolonsAndCrlfAreAccepted) {
  const RunLog log = parse_runs_csv(
      "\xEF\xBB\xBF"
      "case;start;end;step\r\n\"A;1\";2024-07-01 08:00;2024-07-01T08:15;1\r\n",
      test::small_sop(), "log.csv");
  ASSERT_EQ(log.events().size(), 1u);
  EXPECT_EQ(log.runs()[0].case_id, "A;1");
  EXPECT_EQ(format_instant(log.events()[0].start), "2024-07-01T08:00");
}

TEST(RunsCsv, EveryFieldQuotedIsReadAsWritten) {
  // Spreadsheets may quote every cell. Each quoted field of a record has its
  // own buffer, and the earlier fields must survive the later buffers being
  // made (a growing vector moved them: ASan caught the dangling view).
  const RunLog log = parse_runs_csv(
      "\"case\",\"step\",\"start\",\"end\",\"actor\",\"branch\"\n"
      "\"A \"\"x\"\"\",\"3\",\"2024-07-01T08:00\",\"2024-07-01T08:15\",\"Budi\",\"Ya\"\n"
      "\"B\",\"1\",\"2024-07-01T09:00\",\"2024-07-01T09:30\",\"Ani\",\"\"\n",
      test::small_sop(), "log.csv");
  ASSERT_EQ(log.events().size(), 2u);
  EXPECT_EQ(log.runs()[0].case_id, "A \"x\"");
  EXPECT_EQ(log.sop().step(log.events()[0].step).id, "3");
  EXPECT_EQ(format_instant(log.events()[0].end), "2024-07-01T08:15");
  EXPECT_EQ(log.actor_of(log.events()[0]), "Budi");
  EXPECT_EQ(log.events()[0].branch, Branch::yes);
  EXPECT_EQ(log.runs()[1].case_id, "B");
  EXPECT_EQ(log.actor_of(log.events()[1]), "Ani");
}

TEST(RunsCsv, UnknownStepNamesLineColumnAndTheSopsSteps) {
  const Error e = csv_error(kHeader +
                            "A,1,2024-07-01T08:00,2024-07-01T08:15,,\n"
                            "A,7,2024-07-01T08:15,2024-07-01T09:00,,\n");
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "log.csv:3:2");
  EXPECT_NE(e.message().find("unknown step '7'"), std::string::npos);
  EXPECT_NE(e.message().find("1, 2, 3, 4"), std::string::npos);
}

TEST(RunsCsv, EndBeforeStartIsRefusedAtTheEndCell) {
  const Error e = csv_error(kHeader + "A,2,2024-07-02T08:00,2024-07-01T08:15,,\n");
  EXPECT_EQ(e.where(), "log.csv:2:4");
  EXPECT_NE(e.message().find("before start 2024-07-02T08:00"), std::string::npos);
}

TEST(RunsCsv, BadInstantSaysWhatToWrite) {
  const Error e = csv_error(kHeader + "A,1,01/07/2024 08:00,2024-07-01T08:15,,\n");
  EXPECT_EQ(e.where(), "log.csv:2:3");
  EXPECT_NE(e.message().find("YYYY-MM-DDTHH:MM"), std::string::npos);
  const Error day = csv_error(kHeader + "A,1,2024-02-30T08:00,2024-07-01T08:15,,\n");
  EXPECT_EQ(day.where(), "log.csv:2:3");
  const Error empty = csv_error(kHeader + "A,1,2024-07-01T08:00,,,\n");
  EXPECT_EQ(empty.where(), "log.csv:2:4");
}

TEST(RunsCsv, DuplicatedRowNamesBothLines) {
  const Error e = csv_error(kHeader +
                            "A,1,2024-07-01T08:00,2024-07-01T08:15,,\n"
                            "A,2,2024-07-01T08:15,2024-07-01T09:15,,\n"
                            "A,1,2024-07-01T08:00,2024-07-01T08:15,,\n");
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "log.csv:4");
  EXPECT_NE(e.message().find("already given at log.csv:2"), std::string::npos);
}

TEST(RunsCsv, SameStepTwiceWithDifferentTimesIsReworkNotADuplicate) {
  const RunLog log = parse_runs_csv(kHeader +
                                        "A,2,2024-07-01T08:00,2024-07-01T09:00,,\n"
                                        "A,2,2024-07-01T08:00,2024-07-01T10:00,,\n",
                                    test::small_sop(), "log.csv");
  EXPECT_EQ(log.events().size(), 2u);
}

TEST(RunsCsv, EmptyFileHeaderOnlyAndMissingColumnsAreRefused) {
  EXPECT_EQ(csv_error("").where(), "log.csv");
  EXPECT_EQ(csv_error("\n\n").code(), ErrorCode::format_error);
  EXPECT_NE(csv_error(kHeader).message().find("no events"), std::string::npos);
  const Error missing = csv_error("case,step,start\nA,1,2024-07-01T08:00\n");
  EXPECT_NE(missing.message().find("'end'"), std::string::npos);
  EXPECT_EQ(csv_error("case,step,start,end,who\n").where(), "log.csv:1:5");
}

TEST(RunsCsv, BranchMustBeYesOrNoAndOnlyOnADecision) {
  const Error word = csv_error(kHeader + "A,3,2024-07-01T08:00,2024-07-01T08:15,,mungkin\n");
  EXPECT_EQ(word.where(), "log.csv:2:6");
  const Error where = csv_error(kHeader + "A,2,2024-07-01T08:00,2024-07-01T08:15,,yes\n");
  EXPECT_EQ(where.where(), "log.csv:2:6");
  EXPECT_NE(where.message().find("no decision"), std::string::npos);
}

TEST(RunsCsv, InvalidUtf8AndRaggedRowsAreRefused) {
  const Error bytes = csv_error(kHeader + "A\xff,1,2024-07-01T08:00,2024-07-01T08:15,,\n");
  EXPECT_EQ(bytes.code(), ErrorCode::parse_error);
  EXPECT_EQ(bytes.where(), "log.csv:2:1");
  EXPECT_EQ(csv_error(kHeader + "A,1,2024-07-01T08:00\n").where(), "log.csv:2:4");
  EXPECT_EQ(csv_error(kHeader + "\"A,1,2024-07-01T08:00\n").code(), ErrorCode::parse_error);
}

Error json_error(const std::string& text) {
  try {
    parse_runs_json(text, test::small_sop(), "runs.json");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error(ErrorCode::internal, "none");
}

const std::string kEvent = R"({"step":"1","start":"2024-07-01T08:00","end":"2024-07-01T08:15"})";

TEST(RunsJson, ErrorsNameTheJsonPointer) {
  EXPECT_EQ(json_error(R"({"format":"x","runs":[]})").where(), "runs.json:/format");
  EXPECT_EQ(
      json_error(
          R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[{"step":"9","start":"2024-07-01T08:00","end":"2024-07-01T08:15"}]}]})")
          .where(),
      "runs.json:/runs/0/events/0/step");
  EXPECT_EQ(json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent +
                       R"(],"evaluation":{"bagus":true}}]})")
                .where(),
            "runs.json:/runs/0/evaluation/bagus");
  EXPECT_EQ(json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent +
                       R"(],"evaluation":{"sinergi":"Ya"}}]})")
                .where(),
            "runs.json:/runs/0/evaluation/sinergi");
  EXPECT_EQ(json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent +
                       "," + kEvent + "]}]}")
                .where(),
            "runs.json:/runs/0/events/1");
  EXPECT_EQ(json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent +
                       R"(]},{"case":"A","events":[)" + kEvent + "]}]}")
                .where(),
            "runs.json:/runs/1/case");
  EXPECT_EQ(json_error("{\"format\":").code(), ErrorCode::parse_error);
}

TEST(RunsJson, PointerTokensAreEscaped) {
  // '/' and '~' in a key are written ~1 and ~0 (RFC 6901), so the pointer
  // names the member and not a deeper one.
  EXPECT_EQ(json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent +
                       R"(],"evaluation":{"a/b~c":true}}]})")
                .where(),
            "runs.json:/runs/0/evaluation/a~1b~0c");
}

TEST(RunsJson, RepeatedKeysAreRefused) {
  const Error e = json_error(R"({"format":"sopkit.runs/1","runs":[{"case":"A","case":"B",)"
                             R"("events":[)" +
                             kEvent + "]}]}");
  EXPECT_EQ(e.where(), "runs.json:/runs/0/case");
  EXPECT_NE(e.message().find("appears twice"), std::string::npos) << e.message();
}

TEST(RunLog, CopiesAddRunsIndependently) {
  RunLog a(test::small_sop());
  a.find_or_add_run("A");
  RunLog b = a;
  EXPECT_EQ(b.find_or_add_run("B"), 1u);
  EXPECT_EQ(a.find_or_add_run("B"), 1u);  // added to a too, not only found in b's index
  EXPECT_EQ(a.runs().size(), 2u);
  EXPECT_EQ(a.find_or_add_run("A"), 0u);
}

TEST(RunLog, AddEventRefusesWhatNoLoaderWouldPass) {
  RunLog log(test::small_sop());
  StepEvent e;
  e.run = log.find_or_add_run("A");
  e.step = 1;
  e.start = parse_instant("2024-07-01T09:00");
  e.end = parse_instant("2024-07-01T08:00");
  EXPECT_THROW(log.add_event(e), Error);  // end before start
  e.end = e.start;
  e.branch = Branch::yes;
  EXPECT_THROW(log.add_event(e), Error);  // step 2 is no decision
  e.branch = Branch::none;
  e.step = 9;
  EXPECT_THROW(log.add_event(e), Error);  // no such step
  EXPECT_TRUE(log.events().empty());
}

TEST(RunsFile, ReadsCsvOrJsonByNameAndNamesAMissingFile) {
  try {
    load_runs_file("/nonexistent/runs.csv", test::small_sop());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
  }
}

// The runs are written one at a time: the text must be exactly what dumping
// the whole document gives, pretty and compact.
TEST(ComparisonJson, RunsWrittenOneByOneGiveTheWholeDocumentsText) {
  const std::string dir = SOPKIT_SOURCE_DIR;
  const Sop sop = load_sop_file(dir + "/examples/sop-monev-capaian-kinerja.json");
  const RunLog log = load_runs_file(dir + "/examples/runs-monev-capaian-kinerja.csv", sop);
  const RunComparison c = compare_runs(log, WorkCalendar::indonesia("id-2024"));
  for (int indent : {2, 4, -1}) {
    const std::string text = comparison_to_json(log, c, indent);
    const auto whole = nlohmann::ordered_json::parse(text);
    ASSERT_EQ(whole["runs"].size(), 4u);
    EXPECT_EQ(whole["runs"][3]["case"], "2024-TW3-BIDANG-PAUD");
    EXPECT_EQ(text, whole.dump(indent) + (indent >= 0 ? "\n" : "")) << "indent " << indent;
  }
}

// The monev report's summary reads the overview: it must be the full form,
// member for member and in order, with only "runs" left out.
TEST(ComparisonJson, OverviewIsTheFullFormWithoutItsRuns) {
  const std::string dir = SOPKIT_SOURCE_DIR;
  const Sop sop = load_sop_file(dir + "/examples/sop-monev-capaian-kinerja.json");
  const RunLog log = load_runs_file(dir + "/examples/runs-monev-capaian-kinerja.csv", sop);
  const RunComparison c = compare_runs(log, WorkCalendar::indonesia("id-2024"));
  nlohmann::ordered_json full = nlohmann::ordered_json::parse(comparison_to_json(log, c));
  ASSERT_EQ(full["runs"].size(), 4u);
  full.erase("runs");
  const auto overview = nlohmann::ordered_json::parse(detail::comparison_overview_to_json(c));
  EXPECT_EQ(overview.dump(), full.dump());
  EXPECT_FALSE(overview["bottlenecks"].empty());
}

}  // namespace
}  // namespace sopkit
