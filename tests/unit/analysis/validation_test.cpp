// Validation: one failing document for each diagnostic, and the seed's findings.
#include "sopkit/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

// A sound three-step SOP: 1 (start) -> 2 (decision: yes 3, no 1) -> 3 (end).
std::string sound(const std::string& step2 = R"("kind": "decision", "yes": "3", "no": "1")",
                  const std::string& extra_steps = "", const std::string& extra_actors = "") {
  return R"({"format": "sopkit.sop/1", "actors": [{"id": "a", "name": "Sekretaris"},
             {"id": "b", "name": "Kepala Dinas"})" +
         extra_actors + R"(],
    "steps": [
      {"id": "1", "activity": "Menerima berkas", "actor": "a", "kind": "start", "time": "15 Menit",
       "requirements": [], "output": "Berkas", "next": "2"},
      {"id": "2", "activity": "Memeriksa berkas", "actor": "b", "time": "1 Jam",
       "requirements": ["Berkas"], "output": "Berkas diperiksa", )" +
         step2 + R"(},
      {"id": "3", "activity": "Mengarsipkan", "actor": "a", "kind": "end", "time": "5 menit",
       "requirements": ["Berkas diperiksa"], "output": "Arsip"})" +
         extra_steps + R"(]})";
}

std::vector<Diagnostic> check(const std::string& json) {
  return validate(Sop(parse_sop_json(json, "test.json")));
}

// The findings with `code`; fails the test when there are none.
std::vector<Diagnostic> findings(const std::vector<Diagnostic>& all, const std::string& code) {
  std::vector<Diagnostic> out;
  for (const auto& d : all)
    if (d.code == code) out.push_back(d);
  if (out.empty()) {
    ADD_FAILURE() << "expected a '" << code << "' finding";
    out.emplace_back();  // keeps the caller's d[0] in bounds
  }
  return out;
}

TEST(Validate, SoundDocumentHasNoFindings) {
  EXPECT_TRUE(check(sound()).empty());
}

TEST(Validate, NoStart) {
  std::string doc = sound();
  doc.replace(doc.find("\"kind\": \"start\""), 15, "\"kind\": \"process\"");
  auto d = findings(check(doc), "no_start");
  EXPECT_EQ(d[0].severity, Severity::error);
  EXPECT_EQ(d[0].step, "");
}

TEST(Validate, MoreThanOneStart) {
  auto d = findings(check(sound(R"("kind": "start", "next": "3")")), "multiple_starts");
  EXPECT_EQ(d[0].step, "2");
  EXPECT_EQ(d[0].pointer, "/steps/1/kind");
}

TEST(Validate, NoEnd) {
  std::string doc = sound();
  doc.replace(doc.find("\"kind\": \"end\""), 13, "\"kind\": \"process\", \"next\": \"1\"");
  findings(check(doc), "no_end");
}

TEST(Validate, UnknownActor) {
  std::string doc = sound();
  doc.replace(doc.find("\"actor\": \"b\""), 12, "\"actor\": \"kabid\"");
  auto d = findings(check(doc), "unknown_actor");
  EXPECT_EQ(d[0].step, "2");
  EXPECT_EQ(d[0].pointer, "/steps/1/actor");
  EXPECT_NE(d[0].message.find("kabid"), std::string::npos);
}

TEST(Validate, MissingActorIsUnknownToo) {
  std::string doc = sound();
  doc.replace(doc.find("\"actor\": \"b\", "), 14, "");
  EXPECT_EQ(findings(check(doc), "unknown_actor")[0].step, "2");
}

TEST(Validate, DuplicateStepId) {
  auto d = findings(check(sound(R"("kind": "decision", "yes": "3", "no": "1")",
                                R"(, {"id": "3", "actor": "a", "kind": "end", "time": "1 jam"})")),
                    "duplicate_step_id");
  EXPECT_EQ(d[0].pointer, "/steps/3/id");
}

TEST(Validate, DuplicateActorId) {
  findings(check(sound(R"("kind": "decision", "yes": "3", "no": "1")", "",
                       R"(, {"id": "a", "name": "Lagi"})")),
           "duplicate_actor_id");
}

TEST(Validate, FlowToAnUnknownStep) {
  auto d = findings(check(sound(R"("kind": "decision", "yes": "30", "no": "1")")),
                    "unknown_flow_target");
  EXPECT_EQ(d[0].pointer, "/steps/1/yes");
  EXPECT_NE(d[0].message.find("'30'"), std::string::npos);
}

TEST(Validate, DecisionNeedsExactlyYesAndNo) {
  findings(check(sound(R"("kind": "decision", "yes": "3")")), "decision_branches");
  findings(check(sound(R"("kind": "decision", "next": ["3", "1"])")), "decision_branches");
  findings(check(sound(R"("kind": "process", "yes": "3", "no": "1")")), "decision_branches");
}

TEST(Validate, DecisionWhoseYesAndNoLeadToTheSameStep) {
  auto d =
      findings(check(sound(R"("kind": "decision", "yes": "3", "no": "3")")), "decision_branches");
  EXPECT_EQ(d[0].pointer, "/steps/1/no");
  EXPECT_NE(d[0].message.find("both lead to '3'"), std::string::npos);
}

TEST(Validate, EndWithANextStep) {
  std::string doc = sound();
  doc.replace(doc.find("\"output\": \"Arsip\""), 17, "\"output\": \"Arsip\", \"next\": \"1\"");
  findings(check(doc), "flow_from_end");
}

TEST(Validate, ProcessWithoutNext) {
  auto d = findings(check(sound(R"("kind": "process")")), "missing_flow");
  EXPECT_EQ(d[0].step, "2");
}

TEST(Validate, StepUnreachableFromTheStart) {
  auto d = findings(check(sound(R"("kind": "decision", "yes": "3", "no": "1")",
                                R"(, {"id": "4", "actor": "a", "time": "1 jam", "next": "3"})")),
                    "unreachable_step");
  EXPECT_EQ(d[0].step, "4");
}

TEST(Validate, StepThatCannotReachAnEnd) {
  // 2 -> 4 (decision) whose both branches go back to 2: 2 and 4 can never finish.
  auto all = check(sound(R"("kind": "process", "next": "4")",
                         R"(, {"id": "4", "actor": "b", "kind": "decision", "time": "1 jam",
                               "yes": "2", "no": "2"})"));
  auto d = findings(all, "cannot_reach_end");
  EXPECT_EQ(d.size(), 3u);  // 1, 2 and 4; step 3 is then unreachable
  findings(all, "unreachable_step");
}

TEST(Validate, CycleThroughNoDecision) {
  // 2 -> 4 -> 2 with no decision: would run forever.
  auto d = findings(check(sound(R"("kind": "process", "next": ["4", "3"])",
                                R"(, {"id": "4", "actor": "b", "time": "1 jam", "next": "2"})")),
                    "cycle_without_decision");
  EXPECT_NE(d[0].message.find("2, 4"), std::string::npos);
}

TEST(Validate, CycleClosedByAYesBranch) {
  // 2 is a decision whose *yes* goes back to 1: answering yes never ends.
  auto d =
      findings(check(sound(R"("kind": "decision", "yes": "1", "no": "3")")), "cycle_through_yes");
  EXPECT_NE(d[0].message.find("1, 2"), std::string::npos);
}

TEST(Validate, LoopBackThroughADecisionIsLegal) {
  // The sound document loops 2 -> 1 through the decision, even into the start.
  EXPECT_FALSE(has_errors(check(sound())));
}

TEST(Validate, MissingTimeIsAWarning) {
  std::string doc = sound();
  doc.replace(doc.find("\"time\": \"1 Jam\","), 16, "");
  auto d = findings(check(doc), "missing_time");
  EXPECT_EQ(d[0].severity, Severity::warning);
  EXPECT_EQ(d[0].pointer, "/steps/1/time");
}

TEST(Validate, UnparseableTimeIsAnErrorNamingTheText) {
  std::string doc = sound();
  doc.replace(doc.find("\"1 Jam\""), 7, "\"secepatnya\"");
  auto d = findings(check(doc), "invalid_time");
  EXPECT_EQ(d[0].severity, Severity::error);
  EXPECT_NE(d[0].message.find("'secepatnya'"), std::string::npos);
}

TEST(Validate, DurationWrittenInTheOutputColumn) {
  std::string doc = sound();
  doc.replace(doc.find("\"Berkas diperiksa\", "), 20, "\"2 hari\", ");
  auto d = findings(check(doc), "duration_in_output");
  EXPECT_EQ(d[0].severity, Severity::warning);
  EXPECT_EQ(d[0].pointer, "/steps/1/output");
}

TEST(Validate, ActorThatDoesNothing) {
  auto d = findings(check(sound(R"("kind": "decision", "yes": "3", "no": "1")", "",
                                R"(, {"id": "c", "name": "Kepala Seksi"})")),
                    "idle_actor");
  EXPECT_EQ(d[0].pointer, "/actors/2");
}

TEST(Validate, OutputNoLaterStepRequiresIsAWarning) {
  std::string doc = sound();
  doc.replace(doc.find("\"output\": \"Berkas\""), 18, "\"output\": \"Nota dinas\"");
  auto d = findings(check(doc), "output_not_used");
  EXPECT_EQ(d[0].severity, Severity::warning);
  EXPECT_EQ(d[0].step, "1");
  EXPECT_FALSE(has_errors(check(doc)));
}

// Producers of the same output text are judged one by one: step 1 is used two
// steps later, step 2 by its successor, step 5 only by a step before it.
TEST(Validate, OutputUsedLaterOrOnlyUpstreamIsJudgedPerStep) {
  const std::string doc = R"({"format": "sopkit.sop/1", "actors": [{"id": "a", "name": "A"}],
    "steps": [
      {"id": "1", "actor": "a", "kind": "start", "output": "Nota", "next": "2"},
      {"id": "2", "actor": "a", "output": "Nota", "next": "3"},
      {"id": "3", "actor": "a", "requirements": ["Nota dinas"], "output": "Surat", "next": "4"},
      {"id": "4", "actor": "a", "kind": "decision", "requirements": ["Surat"], "yes": "5",
       "no": "3"},
      {"id": "5", "actor": "a", "output": "Nota", "next": "6"},
      {"id": "6", "actor": "a", "kind": "end"}]})";
  auto d = findings(check(doc), "output_not_used");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].step, "5");
  EXPECT_EQ(d[0].pointer, "/steps/4/output");
}

TEST(Validate, ProbabilityOfTheNoBranchMustBeBelowOne) {
  findings(check(sound(R"("kind": "decision", "yes": "3", "no": "1", "no_probability": 1.0)")),
           "invalid_probability");
  EXPECT_TRUE(
      check(sound(R"("kind": "decision", "yes": "3", "no": "1", "no_probability": 0.25)")).empty());
}

TEST(Validate, ProbabilityThatRoundsToOneIsAWarningNamingTheRounds) {
  auto d = findings(
      check(sound(R"("kind": "decision", "yes": "3", "no": "1", "no_probability": 0.9999999)")),
      "invalid_probability");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].severity, Severity::warning);
  EXPECT_NE(
      d[0].message.find(
          "no_probability 0.9999999 is 1 to three decimals: a file would go round 9999999 times"),
      std::string::npos)
      << d[0].message;
  EXPECT_TRUE(check(sound(R"("kind": "decision", "yes": "3", "no": "1", "no_probability": 0.999)"))
                  .empty());
}

TEST(Validate, ErrorsComeBeforeWarnings) {
  std::string doc = sound(R"("kind": "decision", "yes": "30", "no": "1")", "",
                          R"(, {"id": "c", "name": "Kepala Seksi"})");
  auto all = check(doc);
  auto first_warning = std::find_if(
      all.begin(), all.end(), [](const Diagnostic& d) { return d.severity == Severity::warning; });
  EXPECT_TRUE(std::none_of(first_warning, all.end(),
                           [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

TEST(Validate, SeedHasNoErrorsAndReportsItsOwnDataError) {
  auto all = validate(load_sop_file(test::seed_path()));
  EXPECT_FALSE(has_errors(all));
  auto d = findings(all, "duration_in_output");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].step, "3");  // Output "7 hari"
}

TEST(RequireValid, ThrowsValidationFailedWithTheFirstError) {
  auto all = check(sound(R"("kind": "decision", "yes": "30", "no": "40")"));
  try {
    require_valid(all);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    EXPECT_EQ(e.where(), "step 2");
    EXPECT_NE(e.message().find("more errors"), std::string::npos);
  }
  EXPECT_NO_THROW(require_valid(check(sound())));
}

}  // namespace
}  // namespace sopkit
