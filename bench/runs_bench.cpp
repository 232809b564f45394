// runs_bench.cpp — execution monitoring at scale: import an event log of n
// step executions (CSV), compare every run with the mutu baku on the working
// calendar, and build and evaluate the compliance indicators.
//
//   bench_runs --benchmark_min_time=0.05 [--n=1000000] [--csv=/tmp/runs.csv]
//
// Data: the seed SOP (13 steps), n / 13 cases (the last one cut short when n
// is not a multiple). Case c starts at 08:00 on the (c mod 200)-th day of 2024
// (moved to the next working instant); each step starts when the previous one
// ended and ends at its standard end on id-2024, one working day later for one
// step in ten (splitmix64 stream 2, as bench/compare_runs.py documents). The
// CSV is written once to --csv (default /tmp/sopkit_bench_runs_<n>.csv) so that
// bench/compare_runs.py can read the very same file with pandas.
// stderr gets "CHECKSUM {...}": events, cases, late executions and the sum
// over cases of (last end - first start) in wall-clock minutes.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "sopkit/indicator_eval.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/sop_json.hpp"

namespace {

std::size_t g_n = 1000000;
std::string g_csv;

std::uint64_t sm(std::uint64_t stream, std::uint64_t idx) {
  std::uint64_t z = ((stream << 40) + idx + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

const sopkit::Sop& seed() {
  static const sopkit::Sop sop = sopkit::load_sop_file(std::string(SOPKIT_SOURCE_DIR) +
                                                       "/examples/sop-monev-capaian-kinerja.json");
  return sop;
}

const sopkit::WorkCalendar& calendar() {
  static const sopkit::WorkCalendar cal = sopkit::WorkCalendar::indonesia("id-2024");
  return cal;
}

// Writes the event log once; returns its path.
const std::string& event_log() {
  static const std::string path = [] {
    const std::string p =
        g_csv.empty() ? "/tmp/sopkit_bench_runs_" + std::to_string(g_n) + ".csv" : g_csv;
    const sopkit::Sop& sop = seed();
    const sopkit::WorkCalendar& cal = calendar();
    std::string out = "case,step,start,end,actor,branch\n";
    out.reserve(g_n * 64);
    const sopkit::Instant jan2 = sopkit::make_instant(2024, 1, 2, 8, 0);
    std::size_t written = 0;
    for (std::uint64_t c = 0; written < g_n; ++c) {
      sopkit::Instant t = cal.next_working_instant(jan2 + static_cast<sopkit::Instant>(c % 200) *
                                                              sopkit::kMinutesPerDay);
      char case_id[32];
      std::snprintf(case_id, sizeof case_id, "C%07llu", static_cast<unsigned long long>(c));
      for (std::size_t s = 0; s < sop.step_count() && written < g_n; ++s, ++written) {
        const sopkit::Step& step = sop.step(s);
        sopkit::Instant end = cal.add(t, *step.time);
        if (sm(2, c * 16 + s) % 10 == 0) end = cal.add_working_days(end, 1);
        out += case_id;
        out += ',' + step.id + ',' + sopkit::format_instant(t) + ',' + sopkit::format_instant(end) +
               ',' + step.actor + ',' + (step.kind == sopkit::StepKind::decision ? "yes" : "") +
               '\n';
        t = end;
      }
    }
    std::ofstream f(p, std::ios::binary);
    f << out;
    if (!f.flush()) {
      std::fprintf(stderr, "cannot write %s\n", p.c_str());
      std::exit(2);
    }
    return p;
  }();
  return path;
}

void BM_Import(benchmark::State& state) {
  const std::string& path = event_log();
  for (auto _ : state) {
    sopkit::RunLog log = sopkit::load_runs_file(path, seed());
    benchmark::DoNotOptimize(log.events().data());
  }
  state.counters["events"] = static_cast<double>(g_n);
}

void BM_Compare(benchmark::State& state) {
  const sopkit::RunLog log = sopkit::load_runs_file(event_log(), seed());
  for (auto _ : state) {
    sopkit::RunComparison c = sopkit::compare_runs(log, calendar());
    benchmark::DoNotOptimize(c.steps_on_time);
  }
}

void BM_Compliance(benchmark::State& state) {
  const sopkit::RunLog log = sopkit::load_runs_file(event_log(), seed());
  const sopkit::RunComparison c = sopkit::compare_runs(log, calendar());
  for (auto _ : state) {
    const sopkit::IndicatorSet set = sopkit::compliance_indicators({&c});
    const sopkit::Evaluation ev = sopkit::evaluate(set);
    benchmark::DoNotOptimize(ev.indicators.data());
  }
}

// The whole job: file -> compliance figures.
void BM_Total(benchmark::State& state) {
  const std::string& path = event_log();
  for (auto _ : state) {
    const sopkit::RunLog log = sopkit::load_runs_file(path, seed());
    const sopkit::RunComparison c = sopkit::compare_runs(log, calendar());
    const sopkit::Evaluation ev = sopkit::evaluate(sopkit::compliance_indicators({&c}));
    benchmark::DoNotOptimize(ev.indicators.data());
  }
}

void checksum() {
  const sopkit::RunLog log = sopkit::load_runs_file(event_log(), seed());
  const sopkit::RunComparison c = sopkit::compare_runs(log, calendar());
  long long span = 0;
  for (const auto& r : c.runs) span += r.end - r.start;
  std::fprintf(stderr,
               "CHECKSUM {\"events\": %zu, \"cases\": %zu, \"late\": %zu, \"span_minutes\": %lld, "
               "\"csv\": \"%s\"}\n",
               log.events().size(), log.runs().size(), c.steps_judged - c.steps_on_time, span,
               event_log().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0)
      g_n = std::strtoull(argv[i] + 4, nullptr, 10);
    else if (std::strncmp(argv[i], "--csv=", 6) == 0)
      g_csv = argv[i] + 6;
    else
      rest.push_back(argv[i]);
  }
  if (g_n == 0) g_n = 1;
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  checksum();
  benchmark::RegisterBenchmark("runs/import_csv", BM_Import)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("runs/compare", BM_Compare)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("runs/compliance", BM_Compliance)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("runs/total", BM_Total)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
