// A held evaluation written by two threads reads as written by one; the runs
// behind it (util/ordered_runs.hpp) come out in order, are shared between the
// threads, and carry errors after the runs before them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "indicators/detail/formatting_sink.hpp"
#include "sopkit/indicator_io.hpp"
#include "util/ordered_runs.hpp"

namespace sopkit {
namespace {

// Waits until `done()` holds, for a test that fails instead of hanging when
// the thread it waits for never comes.
template <typename Done>
bool eventually(Done done) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done())
    if (std::chrono::steady_clock::now() > give_up)
      return false;
    else
      std::this_thread::yield();
  return true;
}

struct Written {
  std::vector<std::string> texts;       // in the order the caller wrote them
  std::atomic<int> aside_elsewhere{0};  // runs formatted on the second thread
  std::atomic<int> aside_here{0};       // runs the caller formatted aside
};

// Runs `runs` runs whose text is "run N"; `in_place_hook(run)` runs first in
// the caller's in-place writing, `aside_hook(run)` in a formatting aside.
template <typename InPlaceHook, typename AsideHook>
void write_runs(std::size_t runs, bool background, Written& w, InPlaceHook in_place_hook,
                AsideHook aside_hook) {
  const std::thread::id caller = std::this_thread::get_id();
  detail::run_in_order(
      runs, background,
      [&](std::size_t run, std::string& text) {
        ++(std::this_thread::get_id() == caller ? w.aside_here : w.aside_elsewhere);
        aside_hook(run);
        text = "run " + std::to_string(run);
      },
      [&](std::size_t run) {
        in_place_hook(run);
        w.texts.push_back("run " + std::to_string(run));
      },
      [&](std::size_t, const std::string& text) { w.texts.push_back(text); }, 3);
}

std::vector<std::string> expected(std::size_t runs) {
  std::vector<std::string> texts;
  for (std::size_t r = 0; r < runs; ++r) texts.push_back("run " + std::to_string(r));
  return texts;
}

TEST(OrderedRuns, OneThreadWritesEveryRunInPlace) {
  Written w;
  write_runs(
      40, false, w, [](std::size_t) {}, [](std::size_t) {});
  EXPECT_EQ(w.texts, expected(40));
  EXPECT_EQ(w.aside_elsewhere + w.aside_here, 0);
}

// The caller holds its first run until the second thread has formatted one:
// without a second thread taking runs, this fails (after 20 s) instead of
// passing.
TEST(OrderedRuns, TheSecondThreadTakesRunsAndTheTextsComeInOrder) {
  Written w;
  bool came = true;
  write_runs(
      40, true, w,
      [&](std::size_t run) {
        if (run == 0) came = eventually([&] { return w.aside_elsewhere > 0; });
      },
      [](std::size_t) {});
  EXPECT_TRUE(came);
  EXPECT_EQ(w.texts, expected(40));
}

// The second thread holds its first run until the caller has formatted a run
// aside: the caller does not wait for the run next in order while it can
// format a later one.
TEST(OrderedRuns, TheCallerFormatsALaterRunWhileTheNextIsTheOthers) {
  Written w;
  bool held_came = true;
  std::atomic<bool> aside_came{true};
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> held{false};
  write_runs(
      40, true, w,
      [&](std::size_t run) {
        // Let the second thread take run 1 while the caller writes run 0.
        if (run == 0) held_came = eventually([&] { return held.load(); });
      },
      [&](std::size_t) {
        if (std::this_thread::get_id() == caller || held.exchange(true)) return;
        aside_came = eventually([&] { return w.aside_here > 0; });
      });
  EXPECT_TRUE(held_came);
  EXPECT_TRUE(aside_came);
  EXPECT_GT(w.aside_here, 0);
  EXPECT_EQ(w.texts, expected(40));
}

TEST(OrderedRuns, AnErrorComesAfterTheRunsBeforeIt) {
  for (const bool background : {false, true}) {
    std::vector<std::string> texts;
    std::string error;
    try {
      detail::run_in_order(
          50, background,
          [&](std::size_t run, std::string& text) {
            if (run == 30) throw std::runtime_error("aside at 30");
            text = std::to_string(run);
          },
          [&](std::size_t run) {
            if (run == 30) throw std::runtime_error("in place at 30");
            texts.push_back(std::to_string(run));
          },
          [&](std::size_t, const std::string& text) { texts.push_back(text); }, 3);
    } catch (const std::runtime_error& e) {
      error = e.what();
    }
    ASSERT_EQ(texts.size(), 30u) << background;
    for (std::size_t r = 0; r < 30; ++r) EXPECT_EQ(texts[r], std::to_string(r));
    EXPECT_TRUE(error == "aside at 30" || error == "in place at 30") << error;
  }
}

// A province-sized file (an annual row and four quarters per indicator).
std::string province(std::size_t indicators) {
  std::string text =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,"
      "budget,budget_realisation\n";
  for (std::size_t i = 0; i < indicators; ++i) {
    const std::string unit = "Dinas/Bidang " + std::to_string(i % 37) + ",";
    const std::string code = "IKU-" + std::to_string(i) + ",";
    text += unit + code + "Indikator " + std::to_string(i) + ",%," +
            (i % 3 ? "positive" : "negative") + "," + (i % 2 ? "sum" : "last") + ",1,2024," +
            std::to_string(80 + i % 20) + ".5,," + std::to_string(1000 + i) + ",700\n";
    for (int q = 1; q <= 4; ++q)
      text += unit + code + ",,,,,2024-Q" + std::to_string(q) + "," + std::to_string(20 + q) + "," +
              (q <= 2 ? std::to_string(18 + (i + q) % 9) + ".25" : "") + ",,\n";
  }
  return text;
}

TEST(HeldEvaluation, WrittenByTwoThreadsReadsAsByOne) {
  const IndicatorSet set = parse_indicators_csv(province(4000));
  EvaluationOptions all, one_period;
  one_period.period = Period::parse("2024-Q2");
  for (const EvaluationOptions& options : {all, one_period}) {
    const Evaluation ev = evaluate(set, options);
    ASSERT_GE(ev.indicators.size(), 4000u);
    for (const int indent : {-1, 2})
      EXPECT_EQ(evaluation_to_json(set, ev, indent, 2), evaluation_to_json(set, ev, indent, 1));
    EXPECT_EQ(evaluation_to_csv(set, ev, 2), evaluation_to_csv(set, ev, 1));
    // Streams are written on the caller's thread, in pieces as the text grows.
    std::ostringstream json, csv;
    write_evaluation_json(json, set, ev, 2, 2);
    write_evaluation_csv(csv, set, ev, 2);
    EXPECT_EQ(json.str(), evaluation_to_json(set, ev, 2, 1));
    EXPECT_EQ(csv.str(), evaluation_to_csv(set, ev, 1));
  }
}

// Counts the results written in place and those formatted on another thread;
// holds the first result written in place until another thread has
// formatted a run.
class CountingWriter : public detail::FormattingSink {
 public:
  void indicator(const IndicatorResult&) override {
    if (in_place++ == 0) came = eventually([&] { return elsewhere > 0; });
  }
  void unit(const UnitResult&) override {}
  void warning(const EarlyWarning&) override { ++in_place; }
  void note(const std::string&) override {}
  void format_indicators(const IndicatorResult*, std::size_t n, std::string&) const override {
    if (std::this_thread::get_id() != caller_) elsewhere += static_cast<int>(n);
  }
  void format_warnings(const EarlyWarning*, std::size_t n, std::string&) const override {
    if (std::this_thread::get_id() != caller_) elsewhere += static_cast<int>(n);
  }
  void indicators_text(std::string_view, std::size_t n) override { appended += n; }
  void warnings_text(std::string_view, std::size_t n) override { appended += n; }

  std::size_t in_place = 0, appended = 0;
  mutable std::atomic<int> elsewhere{0};
  bool came = true;

 private:
  std::thread::id caller_ = std::this_thread::get_id();
};

TEST(HeldEvaluation, ASecondThreadFormatsRunsOfResultsAndWarnings) {
  const IndicatorSet set = parse_indicators_csv(province(4000));
  const Evaluation ev = evaluate(set);
  CountingWriter writer;
  detail::write_held(ev, 0, writer, 2);
  EXPECT_TRUE(writer.came);
  EXPECT_GT(writer.elsewhere, 0);
  EXPECT_EQ(writer.in_place + writer.appended, ev.indicators.size() + ev.warnings.size());
}

}  // namespace
}  // namespace sopkit
