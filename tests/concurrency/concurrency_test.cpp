// concurrency_test.cpp — many threads on one immutable model, and on C ABI
// handles, must see exactly what one thread sees.
//
// sop.hpp, calendar.hpp and indicator_set.hpp promise that a Sop, a
// WorkCalendar and an IndicatorSet are safe to read from many threads;
// sopkit.h promises that any number of threads may call functions on the same
// handle at once, including the JSON texts a handle builds on first request,
// and that sopkit_last_error() is per thread. Each test computes a reference
// on one thread, then lets kThreads threads (released together) recompute it
// on the shared objects and compares. Under ThreadSanitizer (the tsan preset)
// any data race fails the test even when the values happen to agree.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "io/detail/indicators_csv.hpp"
#include "slow_buffer.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/sopkit.h"
#include "sopkit/validation.hpp"

namespace {

constexpr int kThreads = 4;
constexpr int kRounds = 8;

std::string source_path(const std::string& rel) {
  return std::string(SOPKIT_SOURCE_DIR) + "/" + rel;
}
const std::string kSeed = source_path("examples/sop-monev-capaian-kinerja.json");
const std::string kIndicators = source_path("examples/indicators-disdikbud-2024.csv");

// Runs body(thread index) on kThreads threads that start together, so that
// their calls overlap as much as the machine allows.
void together(const std::function<void(int)>& body) {
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      body(t);
    });
  for (auto& th : threads) th.join();
}

sopkit::WorkCalendar calendar_2024() {
  sopkit::CalendarOptions opts;
  opts.data_dir = source_path("data");
  return sopkit::WorkCalendar::indonesia("id-2024", opts);
}

TEST(SharedModels, AnalysisScheduleAndValidationAgreeAcrossThreads) {
  const sopkit::Sop sop = sopkit::load_sop_file(kSeed);
  const sopkit::WorkCalendar cal = calendar_2024();
  const sopkit::Instant start = sopkit::parse_instant("2024-04-05T08:00");
  const auto ref_analysis = sopkit::analyze(sop);
  const auto ref_plan = sopkit::schedule(sop, cal, start);
  const auto ref_diagnostics = sopkit::validate(sop);
  std::atomic<int> mismatches{0};
  together([&](int t) {
    for (int r = 0; r < kRounds; ++r) {
      sopkit::AnalysisOptions opts;
      opts.rework_rounds = 1 + (t + r) % 3;
      const auto a = sopkit::analyze(sop, opts);
      if (a.happy_path != ref_analysis.happy_path ||
          a.working_minutes != ref_analysis.working_minutes)
        ++mismatches;
      const auto plan = sopkit::schedule(sop, cal, start);
      if (plan.due != ref_plan.due || plan.steps.size() != ref_plan.steps.size()) ++mismatches;
      if (sopkit::validate(sop) != ref_diagnostics) ++mismatches;
    }
  });
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(SharedModels, CalendarArithmeticAgreesAcrossThreads) {
  const sopkit::WorkCalendar cal = calendar_2024();
  // Each thread: its own arrays, the shared calendar; bulk and scalar forms.
  const std::size_t n = 2000;
  std::vector<sopkit::Instant> start(n);
  std::vector<std::int64_t> amount(n);
  const sopkit::Instant t0 = sopkit::parse_instant("2024-01-02T07:30");
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = t0 + static_cast<sopkit::Instant>((i * 7919) % (300 * 1440));
    amount[i] = static_cast<std::int64_t>((i * 104729) % 2000);
  }
  std::vector<sopkit::Instant> ref(n);
  cal.add_working_minutes(start.data(), amount.data(), ref.data(), n);
  std::atomic<int> mismatches{0};
  together([&](int t) {
    std::vector<sopkit::Instant> out(n);
    for (int r = 0; r < kRounds; ++r) {
      cal.add_working_minutes(start.data(), amount.data(), out.data(), n);
      if (out != ref) ++mismatches;
      const std::size_t i = static_cast<std::size_t>(t * 97 + r) % n;
      if (cal.add_working_minutes(start[i], amount[i]) != ref[i]) ++mismatches;
      if (cal.working_minutes_between(start[i], ref[i]) != amount[i]) ++mismatches;
    }
  });
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(SharedModels, IndicatorEvaluationAgreesAcrossThreads) {
  const sopkit::IndicatorSet set = sopkit::load_indicators_file(kIndicators);
  const sopkit::Evaluation ref = sopkit::evaluate(set);
  const std::string ref_json = sopkit::evaluation_to_json(set, ref);
  std::atomic<int> mismatches{0};
  together([&](int) {
    for (int r = 0; r < kRounds; ++r) {
      const sopkit::Evaluation ev = sopkit::evaluate(set);
      if (sopkit::evaluation_to_json(set, ev) != ref_json) ++mismatches;
      if (sopkit::indicators_to_json(set).empty()) ++mismatches;
    }
  });
  EXPECT_EQ(mismatches.load(), 0);
}

// evaluate() with threads = 2 computes runs of results on both threads and
// hands them over in order (src/util/ordered_runs.hpp): the same text as one
// thread, and under ThreadSanitizer no race in the hand-over. 25 000 rows,
// above the size where the second thread starts.
TEST(TwoThreadStages, EvaluationAgreesWithOneThread) {
  std::string text =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";
  for (int i = 0; i < 5000; ++i) {
    const std::string head = "Dinas/Bidang " + std::to_string(i % 7) + ",K" + std::to_string(i);
    text += head + ",Indikator " + std::to_string(i) + ",%,positive,sum,1,2024," +
            std::to_string(80 + i % 20) + ".5,\n";
    for (int q = 1; q <= 4; ++q)
      text += head + ",,,,,,2024-Q" + std::to_string(q) + "," + std::to_string(20 + q) + "," +
              (q < 3 ? std::to_string(18 + i % 9) : std::string()) + "\n";
  }
  const sopkit::IndicatorSet set = sopkit::parse_indicators_csv(text, "t.csv");
  sopkit::EvaluationOptions eval_one, eval_two;
  eval_two.threads = 2;
  std::ostringstream csv_one, json_one;
  sopkit::evaluate_to_csv(csv_one, set, eval_one);
  sopkit::evaluate_to_json(json_one, set, eval_one);
  // A stream that takes its time makes the writer fall behind, and the
  // computing thread then writes runs of results and warnings itself.
  for (const bool slow : {false, true}) {
    sopkit::test::SlowBuffer csv_two(slow), json_two(slow);
    std::ostream csv_out(&csv_two), json_out(&json_two);
    sopkit::evaluate_to_csv(csv_out, set, eval_two);
    sopkit::evaluate_to_json(json_out, set, eval_two);
    EXPECT_EQ(csv_two.str(), csv_one.str()) << slow;
    EXPECT_EQ(json_two.str(), json_one.str()) << slow;
  }
  // A held evaluation written by two threads (src/util/ordered_runs.hpp).
  const sopkit::Evaluation held = sopkit::evaluate(set, eval_one);
  EXPECT_EQ(sopkit::evaluation_to_csv(set, held, 2), csv_one.str());
  EXPECT_EQ(sopkit::evaluation_to_json(set, held, 2, 2), json_one.str());
  // The same file read by two threads, its second half absorbed
  // (src/io/indicators_csv_read.cpp; any size is large enough here).
  const std::string path = ::testing::TempDir() + "sopkit-two-threads.csv";
  std::ofstream(path, std::ios::binary) << text;
  sopkit::CsvOptions load_two;
  load_two.threads = 2;
  bool absorbed = false;
  const sopkit::IndicatorSet halves = sopkit::detail::load_indicators_csv_file(
      path, load_two, sopkit::detail::CsvRecords::kPieceBytes, 0, &absorbed);
  std::remove(path.c_str());
  EXPECT_TRUE(absorbed);
  std::ostringstream json_halves;
  sopkit::evaluate_to_json(json_halves, halves, eval_one);
  EXPECT_EQ(json_halves.str(), json_one.str());
}

// ---- C ABI ---------------------------------------------------------------------

TEST(CapiSharedHandles, LazyJsonTextsAreBuiltOnceAndSharedSafely) {
  sopkit_sop* sop = nullptr;
  ASSERT_EQ(sopkit_sop_load_file(&sop, kSeed.c_str()), SOPKIT_OK);
  sopkit_diagnostics* diag = nullptr;
  ASSERT_EQ(sopkit_sop_validate(sop, &diag), SOPKIT_OK);
  sopkit_analysis* analysis = nullptr;
  ASSERT_EQ(sopkit_sop_analyze(sop, nullptr, &analysis), SOPKIT_OK);
  sopkit_calendar* cal = nullptr;
  ASSERT_EQ(sopkit_calendar_load_id(&cal, "id-2024"), SOPKIT_OK) << sopkit_last_error();
  std::int64_t start = 0;
  ASSERT_EQ(sopkit_instant_parse("2024-04-05T08:00", &start), SOPKIT_OK);
  sopkit_schedule* plan = nullptr;
  ASSERT_EQ(sopkit_sop_schedule(sop, cal, start, &plan), SOPKIT_OK);

  // No thread has asked for a text yet: they race to build each one.
  const char* texts[kThreads][4] = {};
  std::atomic<int> failures{0};
  together([&](int t) {
    if (sopkit_sop_to_json(sop, &texts[t][0]) != SOPKIT_OK) ++failures;
    if (sopkit_diagnostics_to_json(diag, &texts[t][1]) != SOPKIT_OK) ++failures;
    if (sopkit_analysis_to_json(analysis, &texts[t][2]) != SOPKIT_OK) ++failures;
    if (sopkit_schedule_to_json(plan, &texts[t][3]) != SOPKIT_OK) ++failures;
    for (int r = 0; r < kRounds; ++r) {
      size_t n = 0;
      if (sopkit_sop_step_count(sop, &n) != SOPKIT_OK || n == 0) ++failures;
      double lo = 0, hi = 0;
      if (sopkit_analysis_total_minutes(analysis, &lo, &hi) != SOPKIT_OK) ++failures;
      std::int64_t due = 0;
      if (sopkit_schedule_due(plan, &due) != SOPKIT_OK) ++failures;
      std::int64_t out = 0;
      if (sopkit_calendar_add_minutes(cal, start, 60 * (t + r), &out) != SOPKIT_OK) ++failures;
    }
  });
  EXPECT_EQ(failures.load(), 0);
  for (int k = 0; k < 4; ++k) {
    ASSERT_NE(texts[0][k], nullptr);
    EXPECT_GT(std::strlen(texts[0][k]), 2u);
    for (int t = 1; t < kThreads; ++t) EXPECT_EQ(texts[t][k], texts[0][k]) << "text " << k;
  }
  sopkit_schedule_free(plan);
  sopkit_calendar_free(cal);
  sopkit_analysis_free(analysis);
  sopkit_diagnostics_free(diag);
  sopkit_sop_free(sop);
}

TEST(CapiSeparateHandles, EachThreadLoadsAnalysesAndSchedulesItsOwn) {
  sopkit_calendar* cal = nullptr;  // shared by all threads
  ASSERT_EQ(sopkit_calendar_new_asn(&cal, 2024, 2025), SOPKIT_OK);
  std::atomic<int> failures{0};
  std::vector<std::int64_t> due(kThreads);
  together([&](int t) {
    for (int r = 0; r < kRounds / 2; ++r) {
      sopkit_sop* sop = nullptr;
      if (sopkit_sop_load_file(&sop, kSeed.c_str()) != SOPKIT_OK) {
        ++failures;
        continue;
      }
      sopkit_analysis* a = nullptr;
      if (sopkit_sop_analyze(sop, nullptr, &a) != SOPKIT_OK) ++failures;
      const char* json = nullptr;
      if (sopkit_analysis_to_json(a, &json) != SOPKIT_OK) ++failures;
      sopkit_schedule* plan = nullptr;
      if (sopkit_sop_schedule(sop, cal, 28401120 + 480, &plan) != SOPKIT_OK) ++failures;
      if (sopkit_schedule_due(plan, &due[t]) != SOPKIT_OK) ++failures;
      sopkit_schedule_free(plan);
      sopkit_analysis_free(a);
      sopkit_sop_free(sop);
    }
  });
  EXPECT_EQ(failures.load(), 0);
  for (int t = 1; t < kThreads; ++t) EXPECT_EQ(due[t], due[0]);
  sopkit_calendar_free(cal);
}

TEST(CapiLastError, EachThreadReadsItsOwnMessage) {
  std::atomic<int> wrong{0};
  together([&](int t) {
    // Even threads fail to parse a waktu text, odd ones an instant; each
    // message must name its own thread's input.
    const std::string mine = "bukan waktu " + std::to_string(t);
    for (int r = 0; r < kRounds * 4; ++r) {
      double lo = 0;
      std::int64_t when = 0;
      const int st = t % 2 ? sopkit_instant_parse(mine.c_str(), &when)
                           : sopkit_duration_parse(mine.c_str(), &lo, nullptr);
      if (st != SOPKIT_EPARSE || std::strstr(sopkit_last_error(), mine.c_str()) == nullptr) ++wrong;
      if (sopkit_duration_parse("15 Menit", &lo, nullptr) != SOPKIT_OK ||
          sopkit_last_error()[0] != '\0')
        ++wrong;
    }
  });
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
