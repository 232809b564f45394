// evaluate() with a sink, and the writers that evaluate as they write: the
// same pieces in the same order, the same text, nothing written on refusal.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_io.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

const IndicatorSet& example() {
  static const IndicatorSet set =
      load_indicators_file(test::source_path("examples/indicators-disdikbud-2024.csv"));
  return set;
}

// A 2020 row under a scale that starts in 2021: a note; quarters: warnings.
IndicatorSet with_a_note() {
  return parse_indicators_csv(
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas/Bidang,K1,x,%,positive,sum,1,2020,100,92\n"
      "Dinas/Bidang,K1,,,,,,2024-Q1,25,20\n"
      "Dinas/Bidang,K1,,,,,,2024-Q2,25,15\n"
      "Dinas,K2,y,%,negative,last,2,2024-Q1,10,12\n",
      "n.csv");
}

std::vector<EvaluationOptions> option_sets() {
  std::vector<EvaluationOptions> sets(4);
  sets[1].period = Period::parse("2024-Q2");
  sets[2].period = Period::parse("2024");
  sets[3].scale = "sakip-88-2021";
  sets[3].cap = Cap::at_120;
  return sets;
}

TEST(EvaluateStreamed, TheWritersWriteWhatTheyWriteOfAHeldEvaluation) {
  const IndicatorSet noted = with_a_note();
  for (const IndicatorSet* set : {&example(), &noted}) {
    const std::vector<Period> held_periods = set->periods();
    for (const EvaluationOptions& o : option_sets()) {
      if (o.period && !std::binary_search(held_periods.begin(), held_periods.end(), *o.period))
        continue;
      const Evaluation held = evaluate(*set, o);
      std::ostringstream json, csv;
      EXPECT_EQ(evaluate_to_json(json, *set, o), held.notes);
      EXPECT_EQ(json.str(), evaluation_to_json(*set, held));
      EXPECT_EQ(evaluate_to_csv(csv, *set, o), held.notes);
      EXPECT_EQ(csv.str(), evaluation_to_csv(*set, held));
    }
  }
}

// Records the kind of each piece: 0 indicator, 1 unit, 2 warning, 3 note.
struct Recorder : EvaluationSink {
  std::vector<int> kinds;
  void indicator(const IndicatorResult&) override { kinds.push_back(0); }
  void unit(const UnitResult&) override { kinds.push_back(1); }
  void warning(const EarlyWarning&) override { kinds.push_back(2); }
  void note(const std::string&) override { kinds.push_back(3); }
};

// The kinds a Recorder gets for `held`, with or without its warnings.
std::vector<int> kinds_of(const Evaluation& held, bool warnings) {
  std::vector<int> kinds;
  kinds.insert(kinds.end(), held.indicators.size(), 0);
  kinds.insert(kinds.end(), held.units.size(), 1);
  if (warnings) kinds.insert(kinds.end(), held.warnings.size(), 2);
  kinds.insert(kinds.end(), held.notes.size(), 3);
  return kinds;
}

// The set with a note, its options and its evaluation held whole.
class EvaluateSink : public ::testing::Test {
 protected:
  void SetUp() override {
    o.scale = "sakip-88-2021";
    held = evaluate(set, o);
    ASSERT_FALSE(held.warnings.empty());
    ASSERT_EQ(held.notes.size(), 1u);
  }
  EvaluationOptions o;
  const IndicatorSet set = with_a_note();
  Evaluation held;
};

TEST_F(EvaluateSink, GetsEveryListInOrder) {
  Recorder r;
  evaluate(set, o, r);
  EXPECT_EQ(r.kinds, kinds_of(held, true));
}

// A sink that has no use for warnings (the CSV writer's kind) gets the rest.
struct WithoutWarnings : Recorder {
  bool wants_warnings() const override { return false; }
};

TEST_F(EvaluateSink, ThatWantsNoWarningsGetsEverythingElse) {
  for (unsigned threads : {1u, 2u}) {
    o.threads = threads;
    WithoutWarnings r;
    evaluate(set, o, r);
    EXPECT_EQ(r.kinds, kinds_of(held, false)) << threads << " threads";
  }
}

TEST(EvaluateStreamed, NothingIsWrittenWhenTheRequestIsRefused) {
  EvaluationOptions o;
  o.period = Period::parse("2019-Q1");
  std::ostringstream json, csv;
  EXPECT_THROW(evaluate_to_json(json, example(), o), Error);
  EXPECT_THROW(evaluate_to_csv(csv, example(), o), Error);
  EXPECT_EQ(json.str(), "");
  EXPECT_EQ(csv.str(), "");
  o.period.reset();
  o.scale = "no-such-scale";
  EXPECT_THROW(evaluate_to_json(json, example(), o), Error);
  EXPECT_EQ(json.str(), "");
}

}  // namespace
}  // namespace sopkit
