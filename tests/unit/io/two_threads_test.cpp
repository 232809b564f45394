// Two threads give what one gives: evaluate() with its results computed on a
// second thread gives the same results in the same order, and a sink is only
// ever called on the caller's thread.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "slow_buffer.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

// A file like a province's: an annual row and four quarters per indicator,
// decimals, blanks and both polarities; 5 000 indicators make 25 000 rows,
// above the size at which evaluate() takes a second thread.
std::vector<std::string> generated_lines(std::size_t indicators) {
  std::vector<std::string> lines{
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,"
      "budget,budget_realisation"};
  for (std::size_t i = 0; i < indicators; ++i) {
    const std::string unit =
        "Dinas/Bidang " + std::to_string(i % 37) + "/Seksi " + std::to_string(i % 11);
    const std::string code = "IKU-" + std::to_string(i);
    const std::string target = std::to_string(80 + i % 20) + "." + std::to_string(i % 10);
    lines.push_back(unit + "," + code + ",Indikator " + std::to_string(i) + ",%," +
                    (i % 3 ? "positive" : "negative") + "," + (i % 2 ? "sum" : "last") + "," +
                    std::to_string(1 + i % 4) + ",2024," + target + ",," +
                    std::to_string(1000 + i) + "," + std::to_string(700 + i % 300));
    for (int q = 1; q <= 4; ++q) {
      const std::string real = q <= 2 ? std::to_string(18 + (i + q) % 9) + ".25" : "";
      lines.push_back(unit + "," + code + ",,,,,,2024-Q" + std::to_string(q) + "," +
                      std::to_string(20 + q) + "," + real + ",,");
    }
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  return text;
}

std::vector<EvaluationOptions> option_sets(unsigned n) {
  std::vector<EvaluationOptions> sets(3);
  sets[1].period = Period::parse("2024-Q2");
  sets[2].period = Period::parse("2024");
  for (EvaluationOptions& o : sets) o.threads = n;
  return sets;
}

TEST(TwoThreads, EvaluateWritesTheSameText) {
  const IndicatorSet set = parse_indicators_csv(joined(generated_lines(5000)));
  const std::vector<EvaluationOptions> one = option_sets(1), two = option_sets(2);
  for (std::size_t i = 0; i < one.size(); ++i) {
    std::ostringstream json1, json2, csv1, csv2;
    evaluate_to_json(json1, set, one[i]);
    evaluate_to_json(json2, set, two[i]);
    evaluate_to_csv(csv1, set, one[i]);
    evaluate_to_csv(csv2, set, two[i]);
    EXPECT_GT(json1.str().size(), std::size_t{1} << 20);
    EXPECT_EQ(json2.str(), json1.str()) << "option set " << i;
    EXPECT_EQ(csv2.str(), csv1.str()) << "option set " << i;
  }
}

// Both threads compute runs of results; what they compute reads as one
// thread's, the notes on periods no version of the scale rates included, in
// the order the periods are first met (2019 before 2018 here), not sorted.
TEST(TwoThreads, EvaluateHoldsTheSameResultsAndNotes) {
  std::vector<std::string> lines = generated_lines(5000);
  for (std::size_t i = 0; i < 2000; ++i) {  // after the generated indicators
    const std::string year = i < 1000 ? "2019" : "2018";
    lines.push_back("Dinas/Lama,OLD-" + std::to_string(i) + ",Lama,%,positive,last,1," + year +
                    ",100," + std::to_string(50 + i % 60) + ",,");
  }
  const IndicatorSet set = parse_indicators_csv(joined(lines));
  for (unsigned threads : {1u, 2u}) {
    EvaluationOptions o;
    o.scale = "sakip-88-2021";
    o.threads = threads;
    const Evaluation ev = evaluate(set, o);
    ASSERT_EQ(ev.notes.size(), 2u) << threads;
    EXPECT_NE(ev.notes[0].find("2019-12-31"), std::string::npos) << ev.notes[0];
    EXPECT_NE(ev.notes[1].find("2018-12-31"), std::string::npos) << ev.notes[1];
    o.threads = 1;
    EXPECT_EQ(evaluation_to_json(set, ev), evaluation_to_json(set, evaluate(set, o))) << threads;
  }
}

// Counts the pieces and the calls made on another thread than the caller's.
class ThreadCheckingSink : public EvaluationSink {
 public:
  void indicator(const IndicatorResult&) override { seen(); }
  void unit(const UnitResult&) override { seen(); }
  void warning(const EarlyWarning&) override { seen(); }
  void note(const std::string&) override { seen(); }
  std::size_t pieces = 0, elsewhere = 0;

 private:
  void seen() {
    ++pieces;
    if (std::this_thread::get_id() != caller_) ++elsewhere;
  }
  std::thread::id caller_ = std::this_thread::get_id();
};

TEST(TwoThreads, TheSinkIsCalledOnTheCallersThreadOnly) {
  const IndicatorSet set = parse_indicators_csv(joined(generated_lines(5000)));
  ThreadCheckingSink sink;
  evaluate(set, option_sets(2)[0], sink);
  EXPECT_GT(sink.pieces, std::size_t{25000});
  EXPECT_EQ(sink.elsewhere, 0u);
}

// A stream that takes its time: the caller falls behind the second thread,
// which then computes and writes runs of results ahead.
TEST(TwoThreads, RunsWrittenOnTheComputingThreadReadAsTheCallersText) {
  const IndicatorSet set = parse_indicators_csv(joined(generated_lines(5000)));
  const std::vector<EvaluationOptions> one = option_sets(1), two = option_sets(2);
  for (std::size_t i = 0; i < one.size(); ++i) {
    std::ostringstream json1, csv1;
    evaluate_to_json(json1, set, one[i]);
    evaluate_to_csv(csv1, set, one[i]);
    test::SlowBuffer json2, csv2;
    std::ostream json_out(&json2), csv_out(&csv2);
    evaluate_to_json(json_out, set, two[i]);
    evaluate_to_csv(csv_out, set, two[i]);
    EXPECT_EQ(json2.str(), json1.str()) << "option set " << i;
    EXPECT_EQ(csv2.str(), csv1.str()) << "option set " << i;
  }
}

}  // namespace
}  // namespace sopkit
