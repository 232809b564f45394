// analyze(): happy path, totals, workload, hand-offs, CPM and rework loops.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"

namespace sopkit {
namespace {

using Ids = std::vector<std::string>;

Sop seed() {
  return load_sop_file(std::string(SOPKIT_SOURCE_DIR) + "/examples/sop-monev-capaian-kinerja.json");
}

Step step(std::string id, std::string actor, StepKind kind, std::string time,
          std::vector<std::string> next = {}) {
  Step s;
  s.id = std::move(id);
  s.actor = std::move(actor);
  s.kind = kind;
  s.time_text = time;
  if (!time.empty()) s.time = Duration::try_parse(time);
  s.next = std::move(next);
  return s;
}

Step decision(std::string id, std::string actor, std::string time, std::string yes,
              std::string no) {
  Step s = step(std::move(id), std::move(actor), StepKind::decision, std::move(time));
  s.yes = std::move(yes);
  s.no = std::move(no);
  return s;
}

SopDocument with_steps(std::vector<Step> steps) {
  SopDocument doc;
  doc.actors = {{"a", "Sekretaris", {}}, {"b", "Kepala Dinas", {}}};
  doc.steps = std::move(steps);
  return doc;
}

// S -> {A, B} -> J -> E, a parallel split and merge.
//   S (a) 10 menit, A (a) 1 jam = 60, B (b) 2 jam = 120, J (b) 30 menit, E (a) 5 menit.
Sop parallel() {
  return Sop(with_steps({step("S", "a", StepKind::start, "10 menit", {"A", "B"}),
                         step("A", "a", StepKind::process, "1 jam", {"J"}),
                         step("B", "b", StepKind::process, "2 jam", {"J"}),
                         step("J", "b", StepKind::process, "30 menit", {"E"}),
                         step("E", "a", StepKind::end, "5 menit")}));
}

// ---- the seed SOP (examples/sop-monev-capaian-kinerja.json) ----------------

TEST(AnalyzeSeed, HappyPathIsEveryStepWhenTheOnlyDecisionSaysYes) {
  Analysis a = analyze(seed());
  EXPECT_EQ(a.happy_path,
            (Ids{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"}));
}

TEST(AnalyzeSeed, TotalKeepsUnitsApartAndIs14160WorkingMinutes) {
  // Days: 2+7+2+7+1+2+5 (1 Minggu)+3+1+1 = 31; 3 Jam; 15+15 = 30 menit.
  // 31 x 450 + 180 + 30 = 14160.
  Analysis a = analyze(seed());
  EXPECT_EQ(a.total.to_string(), "31 hari 3 jam 30 menit");
  EXPECT_DOUBLE_EQ(a.working_minutes, 14160);
  EXPECT_DOUBLE_EQ(a.min_working_minutes, 14160);
  EXPECT_TRUE(a.untimed_steps.empty());
}

TEST(AnalyzeSeed, WorkloadPerActorAddsUpToTheTotal) {
  // sekretaris: 1 (15) + 9 (1 Minggu = 2250) = 2265, 2 steps
  // kabid: 4 (900); kasubbag_program: 2 (900) 3 (3150) 7 (450) 8 (900) 10 (1350)
  // 12 (450) 13 (15) = 7215, 7 steps; kasi: 5 (3150) 6 (180) = 3330; kadis: 11 (450).
  Analysis a = analyze(seed());
  ASSERT_EQ(a.workload.size(), 5u);
  EXPECT_EQ(a.workload[0].actor, "sekretaris");
  EXPECT_EQ(a.workload[0].name, "Sekretaris");
  EXPECT_DOUBLE_EQ(a.workload[0].working_minutes, 2265);
  EXPECT_EQ(a.workload[0].steps, 2u);
  EXPECT_DOUBLE_EQ(a.workload[1].working_minutes, 900);
  EXPECT_DOUBLE_EQ(a.workload[2].working_minutes, 7215);
  EXPECT_EQ(a.workload[2].steps, 7u);
  EXPECT_DOUBLE_EQ(a.workload[3].working_minutes, 3330);
  EXPECT_DOUBLE_EQ(a.workload[4].working_minutes, 450);
}

TEST(AnalyzeSeed, HandoffsAreHappyFlowsBetweenDifferentActors) {
  // 1->2, 3->4, 4->5, 6->7, 8->9, 9->10, 10->11, 11->12 (yes); the no flow 11->10
  // is not on the happy path.
  Analysis a = analyze(seed());
  ASSERT_EQ(a.handoffs.size(), 8u);
  EXPECT_EQ(a.handoffs[0].from_step, "1");
  EXPECT_EQ(a.handoffs[0].from_actor, "sekretaris");
  EXPECT_EQ(a.handoffs[0].to_step, "2");
  EXPECT_EQ(a.handoffs[0].to_actor, "kasubbag_program");
  EXPECT_EQ(a.handoffs[7].from_step, "11");
  EXPECT_EQ(a.handoffs[7].to_step, "12");
}

TEST(AnalyzeSeed, LongestSingleActorStretchIsSteps2And3) {
  // Same-actor chains: 2-3 (900 + 3150 = 4050), 5-6 (3330), 9 (2250), 7-8 (1350).
  Analysis a = analyze(seed());
  ASSERT_TRUE(a.longest_single_actor_stretch);
  EXPECT_EQ(a.longest_single_actor_stretch->actor, "kasubbag_program");
  EXPECT_EQ(a.longest_single_actor_stretch->steps, (Ids{"2", "3"}));
  EXPECT_DOUBLE_EQ(a.longest_single_actor_stretch->working_minutes, 4050);
}

TEST(AnalyzeSeed, LinearSopIsAllCriticalWithRunningSums) {
  // ES = sum of the earlier steps: 2: 15, 3: 915, 4: 4065, 10: 11895, 13: 14145.
  Analysis a = analyze(seed());
  ASSERT_TRUE(a.worst);
  EXPECT_DOUBLE_EQ(a.worst->duration, 14160);
  EXPECT_EQ(a.worst->critical_path, a.happy_path);
  EXPECT_DOUBLE_EQ(a.worst->find("3")->earliest_start, 915);
  EXPECT_DOUBLE_EQ(a.worst->find("4")->earliest_start, 4065);
  EXPECT_DOUBLE_EQ(a.worst->find("10")->latest_start, 11895);
  EXPECT_DOUBLE_EQ(a.worst->find("13")->earliest_finish, 14160);
  for (const auto& t : a.worst->steps) EXPECT_DOUBLE_EQ(t.slack, 0) << t.id;
}

TEST(AnalyzeSeed, DecisionElevenClosesTheReworkLoopOverTenAndEleven) {
  // No of 11 goes back to 10: one round re-does 10 (3 Hari) and 11 (1 Hari)
  // = 4 hari = 1800 minutes.
  Analysis a = analyze(seed());
  ASSERT_EQ(a.loops.size(), 1u);
  const ReworkLoop& l = a.loops[0];
  EXPECT_EQ(l.decision, "11");
  EXPECT_EQ(l.restart, "10");
  EXPECT_EQ(l.round_steps, 2u);
  EXPECT_EQ(rework_round(seed(), a, 0), (Ids{"10", "11"}));
  EXPECT_EQ(l.component, 0u);
  EXPECT_EQ(a.components, (std::vector<Ids>{{"10", "11"}}));
  EXPECT_DOUBLE_EQ(l.round_working_minutes, 1800);
  EXPECT_EQ(l.round.to_string(), "4 hari");
}

TEST(AnalyzeSeed, WorstCaseAddsKRoundsOfEveryLoop) {
  // k = 1: 14160 + 1800 = 15960 ("35 hari 3 jam 30 menit"); k = 3: 14160 + 5400.
  Analysis one = analyze(seed());
  EXPECT_DOUBLE_EQ(one.worst_case.working_minutes, 15960);
  EXPECT_EQ(one.worst_case.total.to_string(), "35 hari 3 jam 30 menit");
  AnalysisOptions o;
  o.rework_rounds = 3;
  EXPECT_DOUBLE_EQ(analyze(seed(), o).worst_case.working_minutes, 19560);
}

TEST(AnalyzeSeed, ExpectedTotalIsTheHappyTotalWhenNoProbabilityIsGiven) {
  Analysis a = analyze(seed());
  ASSERT_TRUE(a.expected);
  EXPECT_DOUBLE_EQ(a.expected->working_minutes, 14160);
  EXPECT_EQ(a.decisions_without_probability, (Ids{"11"}));
}

TEST(AnalyzeSeed, ExpectedRoundsAreGeometricInTheNoProbability) {
  // p = 0.2: expected rounds 0.2 / 0.8 = 0.25; 14160 + 0.25 x 1800 = 14610.
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = 0.2;
  Analysis a = analyze(Sop(doc));
  ASSERT_TRUE(a.expected);
  EXPECT_DOUBLE_EQ(a.loops[0].expected_rounds, 0.25);
  EXPECT_DOUBLE_EQ(a.expected->working_minutes, 14610);
  EXPECT_TRUE(a.decisions_without_probability.empty());
}

TEST(AnalyzeSeed, ANoProbabilityThatRoundsToOneLeavesTheExpectedTotalOut) {
  // p = 0.9999999 would be 9 999 999 rounds: 1.8e10 minutes nobody meant.
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = 0.9999999;
  Analysis a = analyze(Sop(doc));
  EXPECT_FALSE(a.expected);
  EXPECT_EQ(a.near_one_probabilities, (Ids{"11"}));
  doc.steps[10].no_probability = 0.999;  // 999 rounds: still computed
  EXPECT_TRUE(analyze(Sop(doc)).expected);
}

TEST(AnalyzeSeed, WorkConventionChangesTheMinutesNotTheText) {
  // 1 hari = 480: 31 x 480 + 210 = 15090.
  AnalysisOptions o;
  o.convention.minutes_per_day = 480;
  Analysis a = analyze(seed(), o);
  EXPECT_DOUBLE_EQ(a.working_minutes, 15090);
  EXPECT_EQ(a.total.to_string(o.convention), "31 hari 3 jam 30 menit");
}

TEST(AnalyzeSeed, AConventionNoOfficeCouldHaveIsRefusedNotRounded) {
  // Fuzzing found a 4e252-minute hari: the totals swallowed every minute of
  // the other steps and latest starts came out before earliest starts.
  AnalysisOptions o;
  o.convention.minutes_per_day = 4e252;
  try {
    analyze(seed(), o);
    FAIL() << "accepted a day longer than a day";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_NE(std::string(e.what()).find("minutes_per_day"), std::string::npos) << e.what();
  }
  o.convention.minutes_per_day = 1440;  // a 24-hour service is still an office
  EXPECT_NO_THROW(analyze(seed(), o));
}

// ---- probabilities ------------------------------------------------------------

TEST(AnalyzeProbability, ProbabilityOfOneIsAnInvalidArgumentNamingTheStep) {
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = 1.0;
  try {
    analyze(Sop(doc));
    FAIL() << "p = 1 means the loop never ends";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_EQ(e.where(), "step 11");
  }
}

TEST(AnalyzeProbability, NegativeProbabilityIsAnInvalidArgument) {
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = -0.1;
  EXPECT_THROW(analyze(Sop(doc)), Error);
}

TEST(AnalyzeProbability, LenientModeLeavesTheExpectedTotalOutAndSaysWhy) {
  SopDocument doc = seed().document();
  doc.steps[10].no_probability = 1.5;
  AnalysisOptions o;
  o.lenient = true;
  Analysis a = analyze(Sop(doc), o);
  EXPECT_FALSE(a.expected);
  ASSERT_EQ(a.not_computed.size(), 1u);
  EXPECT_NE(a.not_computed[0].find("step 11"), std::string::npos);
  EXPECT_DOUBLE_EQ(a.working_minutes, 14160);  // the rest is still there
}

// ---- parallel branches ------------------------------------------------------

TEST(AnalyzeParallel, HappyPathHoldsEveryBranchInTopologicalOrder) {
  EXPECT_EQ(analyze(parallel()).happy_path, (Ids{"S", "A", "B", "J", "E"}));
}

TEST(AnalyzeParallel, TotalIsTheWorkOfEveryBranch) {
  // 10 + 60 + 120 + 30 + 5 = 225 minutes of work.
  Analysis a = analyze(parallel());
  EXPECT_DOUBLE_EQ(a.working_minutes, 225);
  EXPECT_EQ(a.total.to_string(), "3 jam 45 menit");
}

TEST(AnalyzeParallel, DurationIsTheLongestBranchAndTheShortOneHasSlack) {
  // ES: S 0, A 10, B 10, J max(70, 130) = 130, E 160; duration 165.
  // LS: A = 130 - 60 = 70, slack 60; B = 10, slack 0.
  Analysis a = analyze(parallel());
  ASSERT_TRUE(a.worst);
  EXPECT_DOUBLE_EQ(a.worst->duration, 165);
  const StepTiming* t = a.worst->find("A");
  EXPECT_DOUBLE_EQ(t->earliest_start, 10);
  EXPECT_DOUBLE_EQ(t->earliest_finish, 70);
  EXPECT_DOUBLE_EQ(t->latest_start, 70);
  EXPECT_DOUBLE_EQ(t->latest_finish, 130);
  EXPECT_DOUBLE_EQ(t->slack, 60);
  EXPECT_FALSE(t->critical);
  EXPECT_EQ(a.worst->critical_path, (Ids{"S", "B", "J", "E"}));
}

TEST(AnalyzeParallel, HandoffsCountEveryCrossingFlow) {
  // S(a)->B(b), A(a)->J(b), J(b)->E(a); S->A and B->J stay with one actor.
  Analysis a = analyze(parallel());
  ASSERT_EQ(a.handoffs.size(), 3u);
  EXPECT_EQ(a.handoffs[0].to_step, "B");
  EXPECT_EQ(a.handoffs[1].from_step, "A");
  EXPECT_EQ(a.handoffs[2].from_step, "J");
}

TEST(AnalyzeParallel, StretchFollowsOnlySameActorFlows) {
  // a: S->A = 70; b: B->J = 150.
  Analysis a = analyze(parallel());
  ASSERT_TRUE(a.longest_single_actor_stretch);
  EXPECT_EQ(a.longest_single_actor_stretch->actor, "b");
  EXPECT_EQ(a.longest_single_actor_stretch->name, "Kepala Dinas");
  EXPECT_EQ(a.longest_single_actor_stretch->steps, (Ids{"B", "J"}));
  EXPECT_DOUBLE_EQ(a.longest_single_actor_stretch->working_minutes, 150);
}

TEST(AnalyzeParallel, NoLoopsMeansWorstCaseIsTheTotal) {
  Analysis a = analyze(parallel());
  EXPECT_TRUE(a.loops.empty());
  EXPECT_DOUBLE_EQ(a.worst_case.working_minutes, 225);
}

// ---- ranges and missing times --------------------------------------------------

TEST(AnalyzeTimes, RangesGiveBestAndWorstCriticalPaths) {
  // S 1-3 hari (450..1350) -> E 1 jam (60): best 510, worst 1410.
  Sop sop(with_steps({step("S", "a", StepKind::start, "1-3 Hari", {"E"}),
                      step("E", "b", StepKind::end, "1 jam")}));
  Analysis a = analyze(sop);
  EXPECT_DOUBLE_EQ(a.working_minutes, 1410);
  EXPECT_DOUBLE_EQ(a.min_working_minutes, 510);
  ASSERT_TRUE(a.best && a.worst);
  EXPECT_DOUBLE_EQ(a.worst->duration, 1410);
  EXPECT_DOUBLE_EQ(a.best->duration, 510);
  EXPECT_DOUBLE_EQ(a.best->find("E")->earliest_start, 450);
  EXPECT_EQ(a.total.to_string(), "1 hari 1 jam - 3 hari 1 jam");
}

TEST(AnalyzeTimes, MissingAndUnparseableTimesCountZeroAndAreListed) {
  // S 15 menit, P no time, Q "sebentar" (unparseable), E 15 menit: 30 minutes.
  Sop sop(with_steps({step("S", "a", StepKind::start, "15 menit", {"P"}),
                      step("P", "a", StepKind::process, "", {"Q"}),
                      step("Q", "b", StepKind::process, "sebentar", {"E"}),
                      step("E", "b", StepKind::end, "15 menit")}));
  ASSERT_FALSE(sop.step(2).time);
  Analysis a = analyze(sop);
  EXPECT_DOUBLE_EQ(a.working_minutes, 30);
  EXPECT_EQ(a.untimed_steps, (Ids{"P", "Q"}));
  EXPECT_DOUBLE_EQ(a.worst->find("E")->earliest_start, 15);
}

// ---- decisions -------------------------------------------------------------

TEST(AnalyzeDecisions, ForwardNoBranchIsNeitherOnTheHappyPathNorALoop) {
  // S -> D; D yes -> E1, no -> X -> E2 (the file is returned, run ends).
  Sop sop(with_steps({step("S", "a", StepKind::start, "10 menit", {"D"}),
                      decision("D", "b", "5 menit", "E1", "X"),
                      step("E1", "a", StepKind::end, "10 menit"),
                      step("X", "a", StepKind::process, "1 hari", {"E2"}),
                      step("E2", "a", StepKind::end, "5 menit")}));
  Analysis a = analyze(sop);
  EXPECT_EQ(a.happy_path, (Ids{"S", "D", "E1"}));
  EXPECT_DOUBLE_EQ(a.working_minutes, 25);
  EXPECT_TRUE(a.loops.empty());
  EXPECT_EQ(a.worst->find("X"), nullptr);
}

TEST(AnalyzeDecisions, EachDecisionClosingALoopIsReported) {
  // S -> A -> D1 (yes B, no A) ; B -> D2 (yes E, no S).
  // D1's round: A (1 jam) + D1 (10 menit) = 70. D2's round re-does S, A, D1, B,
  // D2: 5 + 60 + 10 + 120 + 15 = 210. Both sit in one component of 5 steps.
  Sop sop(
      with_steps({step("S", "a", StepKind::start, "5 menit", {"A"}),
                  step("A", "a", StepKind::process, "1 jam", {"D1"}),
                  decision("D1", "b", "10 menit", "B", "A"),
                  step("B", "a", StepKind::process, "2 jam", {"D2"}),
                  decision("D2", "b", "15 menit", "E", "S"), step("E", "a", StepKind::end, "")}));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.loops.size(), 2u);
  EXPECT_EQ(a.loops[0].decision, "D1");
  EXPECT_EQ(rework_round(sop, a, 0), (Ids{"A", "D1"}));
  EXPECT_EQ(a.loops[0].round_steps, 2u);
  EXPECT_DOUBLE_EQ(a.loops[0].round_working_minutes, 70);
  EXPECT_EQ(a.loops[1].decision, "D2");
  EXPECT_EQ(a.loops[1].restart, "S");
  EXPECT_EQ(rework_round(sop, a, 1), (Ids{"S", "A", "D1", "B", "D2"}));
  EXPECT_EQ(a.loops[1].round_steps, 5u);
  EXPECT_DOUBLE_EQ(a.loops[1].round_working_minutes, 210);
  // The shared component is listed once and both loops name it.
  EXPECT_EQ(a.components, (std::vector<Ids>{{"S", "A", "D1", "B", "D2"}}));
  EXPECT_EQ(a.loops[0].component, 0u);
  EXPECT_EQ(a.loops[1].component, 0u);
  // Worst case k = 2: 210 + 2 x (70 + 210) = 770.
  AnalysisOptions o;
  o.rework_rounds = 2;
  EXPECT_DOUBLE_EQ(analyze(sop, o).worst_case.working_minutes, 770);
}

TEST(AnalyzeDecisions, LoopsClosedOnlyByOtherNoBranchesReDoThePathThroughThem) {
  // S -> D1 (yes E, no X); X -> D2 (yes E, no D1). No happy-path flow leads
  // from either restart back to its decision, so each round goes through the
  // other decision's no-branch: D1, X and D2, 10 + 60 + 15 = 85 minutes.
  Sop sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"D1"}),
                      decision("D1", "b", "10 menit", "E", "X"),
                      step("X", "a", StepKind::process, "1 jam", {"D2"}),
                      decision("D2", "b", "15 menit", "E", "D1"),
                      step("E", "a", StepKind::end, "5 menit")}));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.loops.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(rework_round(sop, a, i), (Ids{"D1", "X", "D2"})) << i;
    EXPECT_EQ(a.loops[i].round_steps, 3u) << i;
    EXPECT_DOUBLE_EQ(a.loops[i].round_working_minutes, 85) << i;
    EXPECT_EQ(a.loops[i].component, 0u) << i;
  }
  EXPECT_EQ(a.components, (std::vector<Ids>{{"D1", "X", "D2"}}));
}

TEST(AnalyzeDecisions, RoundThroughAParallelSplitHoldsBothBranches) {
  // S -> {A, B} -> J -> D (yes E, no S): the round re-does S, A, B, J and D,
  // 5 + 60 + 120 + 30 + 10 = 225 minutes; J is entered from both branches.
  Sop sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"A", "B"}),
                      step("A", "a", StepKind::process, "1 jam", {"J"}),
                      step("B", "b", StepKind::process, "2 jam", {"J"}),
                      step("J", "b", StepKind::process, "30 menit", {"D"}),
                      decision("D", "b", "10 menit", "E", "S"),
                      step("E", "a", StepKind::end, "5 menit")}));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.loops.size(), 1u);
  EXPECT_EQ(rework_round(sop, a, 0), (Ids{"S", "A", "B", "J", "D"}));
  EXPECT_EQ(a.loops[0].round_steps, 5u);
  EXPECT_DOUBLE_EQ(a.loops[0].round_working_minutes, 225);
  EXPECT_EQ(a.loops[0].round.to_string(), "3 jam 45 menit");
}

TEST(AnalyzeDecisions, ManyLoopsReturningToTheStartShareOneComponent) {
  // S -> D1 -> ... -> D50 -> E, every no-branch back to S: loop k re-does S
  // and D1 .. Dk, (5 + 10 k) minutes; all sit in one component of 51 steps.
  std::vector<Step> steps{step("S", "a", StepKind::start, "5 menit", {"D1"})};
  const int kDecisions = 50;
  for (int k = 1; k <= kDecisions; ++k)
    steps.push_back(decision("D" + std::to_string(k), "b", "10 menit",
                             k == kDecisions ? "E" : "D" + std::to_string(k + 1), "S"));
  steps.push_back(step("E", "a", StepKind::end, "5 menit"));
  Sop sop(with_steps(steps));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.loops.size(), 50u);
  ASSERT_EQ(a.components.size(), 1u);
  EXPECT_EQ(a.components[0].size(), 51u);
  double rounds = 0;
  for (int k = 1; k <= kDecisions; ++k) {
    const ReworkLoop& l = a.loops[k - 1];
    EXPECT_EQ(l.decision, "D" + std::to_string(k));
    EXPECT_EQ(l.restart, "S");
    EXPECT_EQ(l.component, 0u);
    EXPECT_EQ(l.round_steps, static_cast<std::size_t>(k + 1));
    EXPECT_DOUBLE_EQ(l.round_working_minutes, 5 + 10 * k);
    rounds += 5 + 10 * k;
  }
  EXPECT_EQ(rework_round(sop, a, 2), (Ids{"S", "D1", "D2", "D3"}));
  EXPECT_DOUBLE_EQ(a.worst_case.working_minutes, a.working_minutes + rounds);
}

TEST(AnalyzeDecisions, ReworkRoundOfAMissingLoopIsAnInvalidArgument) {
  Sop sop = seed();
  Analysis a = analyze(sop);
  try {
    rework_round(sop, a, 1);
    FAIL() << "the seed has one loop";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
}

TEST(AnalyzeDecisions, DecisionSendingBackToItselfIsALoopOfOneStep) {
  Step d = decision("D", "b", "10 menit", "E", "D");
  d.no_probability = 0.5;  // one expected extra round
  Sop sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"D"}), d,
                      step("E", "a", StepKind::end, "5 menit")}));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.loops.size(), 1u);
  EXPECT_EQ(rework_round(sop, a, 0), (Ids{"D"}));
  EXPECT_DOUBLE_EQ(a.expected->working_minutes, 20 + 10);
}

// ---- faults ------------------------------------------------------------------

Sop cycle_without_decision() {
  // S -> P1 -> P2 -> P1 and P2 -> E: nothing decides to leave the loop.
  return Sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"P1"}),
                         step("P1", "a", StepKind::process, "10 menit", {"P2"}),
                         step("P2", "b", StepKind::process, "20 menit", {"P1", "E"}),
                         step("E", "a", StepKind::end, "5 menit")}));
}

TEST(AnalyzeFaults, CycleWithoutDecisionIsAValidationFailureNamingItsSteps) {
  try {
    analyze(cycle_without_decision());
    FAIL() << "a cycle without a decision must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    EXPECT_NE(e.message().find("P1, P2"), std::string::npos) << e.message();
  }
}

TEST(AnalyzeFaults, CycleClosedByAYesBranchIsAValidationFailure) {
  // D yes -> A (back), no -> E: answering yes forever never ends.
  Sop sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"A"}),
                      step("A", "a", StepKind::process, "10 menit", {"D"}),
                      decision("D", "b", "5 menit", "A", "E"),
                      step("E", "a", StepKind::end, "5 menit")}));
  try {
    analyze(sop);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  }
}

TEST(AnalyzeFaults, LenientModeStillGivesTotalsWorkloadAndHandoffs) {
  AnalysisOptions o;
  o.lenient = true;
  Analysis a = analyze(cycle_without_decision(), o);
  EXPECT_FALSE(a.worst);
  EXPECT_FALSE(a.longest_single_actor_stretch);
  ASSERT_EQ(a.not_computed.size(), 1u);
  EXPECT_EQ(a.happy_path, (Ids{"S", "P1", "P2", "E"}));  // document order, as reached
  EXPECT_DOUBLE_EQ(a.working_minutes, 40);
  EXPECT_EQ(a.handoffs.size(), 3u);  // P1->P2, P2->P1, P2->E
}

TEST(AnalyzeFaults, NoStartStepIsAValidationFailure) {
  Sop sop(with_steps({step("P", "a", StepKind::process, "5 menit", {"E"}),
                      step("E", "a", StepKind::end, "5 menit")}));
  try {
    analyze(sop);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
  }
  AnalysisOptions o;
  o.lenient = true;
  Analysis a = analyze(sop, o);
  EXPECT_TRUE(a.happy_path.empty());
  EXPECT_DOUBLE_EQ(a.working_minutes, 0);
  EXPECT_EQ(a.untimed_steps.size(), 0u);
}

TEST(AnalyzeFaults, UndeclaredActorGetsItsOwnWorkloadRow) {
  Sop sop(with_steps({step("S", "a", StepKind::start, "5 menit", {"E"}),
                      step("E", "ghost", StepKind::end, "7 menit")}));
  Analysis a = analyze(sop);
  ASSERT_EQ(a.workload.size(), 3u);  // a, b (idle, declared), ghost
  EXPECT_EQ(a.workload[1].steps, 0u);
  EXPECT_EQ(a.workload[2].actor, "ghost");
  EXPECT_EQ(a.workload[2].name, "");
  EXPECT_DOUBLE_EQ(a.workload[2].working_minutes, 7);
}

}  // namespace
}  // namespace sopkit
