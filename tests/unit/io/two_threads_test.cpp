// Two threads give what one gives: evaluate() with its results computed on a
// second thread gives the same results in the same order, and a sink is only
// ever called on the caller's thread.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "slow_buffer.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "util/pipeline.hpp"

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

// The pipeline itself: batches in order, errors after what came before them.
std::vector<int> run(bool background, int batches, int throw_at, int consumer_throw_at,
                     std::string* error) {
  std::vector<int> consumed;
  int next = 0;
  try {
    detail::run_pipeline<int>(
        background,
        [&](int& batch, bool) {
          if (next == throw_at) throw std::runtime_error("producer at " + std::to_string(next));
          batch = next++;
          return batch < batches;
        },
        [&](int& batch) {
          if (batch == consumer_throw_at)
            throw std::runtime_error("consumer at " + std::to_string(batch));
          consumed.push_back(batch);
        },
        2);
  } catch (const std::runtime_error& e) {
    *error = e.what();
  }
  return consumed;
}

TEST(Pipeline, BatchesArriveInOrderAndErrorsAfterTheBatchesBeforeThem) {
  for (bool background : {false, true}) {
    std::string error;
    std::vector<int> all(50);
    for (int i = 0; i < 50; ++i) all[static_cast<std::size_t>(i)] = i;
    EXPECT_EQ(run(background, 50, -1, -1, &error), all);
    EXPECT_EQ(error, "");
    const std::vector<int> first30(all.begin(), all.begin() + 30);
    EXPECT_EQ(run(background, 50, 30, -1, &error), first30);
    EXPECT_EQ(error, "producer at 30");
    const std::vector<int> first7(all.begin(), all.begin() + 7);
    EXPECT_EQ(run(background, 50, -1, 7, &error), first7);  // the producer stops and is joined
    EXPECT_EQ(error, "consumer at 7");
  }
}

// The producer is told when the consumer still has batches to take: never on
// one thread; on two, when the consumer holds its first batch until the
// producer has asked for a fourth (one in hand, two waiting, the fourth's).
TEST(Pipeline, TheProducerIsToldWhenTheConsumerIsBusy) {
  for (bool background : {false, true}) {
    int next = 0, told_busy = 0;
    std::atomic<int> calls{0};
    detail::run_pipeline<int>(
        background,
        [&](int& batch, bool busy) {
          told_busy += busy;
          batch = next++;
          ++calls;
          return batch < 20;
        },
        [&](int& batch) {
          if (background && batch == 0)
            while (calls < 4) std::this_thread::yield();
        },
        4);
    if (background)
      EXPECT_GT(told_busy, 0);
    else
      EXPECT_EQ(told_busy, 0);
  }
}

// A stream that takes its time: the writer falls behind the computing thread,
// which then writes runs of results itself.
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
