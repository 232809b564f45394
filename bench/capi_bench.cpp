// capi_bench.cpp — what the C ABI costs over the C++ API, call for call.
//
// Each pair runs the same work through the C++ API and through sopkit.h (the
// shared libsopkit, called via the PLT as any host would), in the same run:
//   - per call: parsing one waktu text, one calendar addition;
//   - bulk, 10M elements: achievement + band of raw cells, due dates by days.
// The ratio CAbi/Cpp of each pair is what docs/performance.md reports.
//
//   bench_capi --benchmark_min_time=0.05 [--n=10000000]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/duration.hpp"
#include "sopkit/indicator_bulk.hpp"
#include "sopkit/sopkit.h"

namespace {

std::size_t g_n = 10'000'000;

std::uint64_t sm(std::uint64_t stream, std::uint64_t idx) {
  std::uint64_t z = ((stream << 40) + idx + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
double unif(std::uint64_t stream, std::uint64_t idx) {
  return static_cast<double>(sm(stream, idx) >> 11) * (1.0 / 9007199254740992.0);
}

// Indicator cells shaped like those of bench/baselines/inputs.py, from streams 1-3
// (this benchmark compares C calls with C++ calls, not with numpy).
struct Cells {
  std::vector<double> target, realisation;
  std::vector<std::uint8_t> polarity;
  explicit Cells(std::size_t n) : target(n), realisation(n), polarity(n) {
    for (std::size_t i = 0; i < n; ++i) {
      target[i] = unif(1, i) < 0.01 ? 0.0 : 1.0 + 99.0 * unif(2, i);
      realisation[i] = target[i] * (0.5 + unif(3, i));
      polarity[i] = static_cast<std::uint8_t>(sm(4, i) & 1);
    }
  }
};

const Cells& cells() {
  static const Cells c(g_n);
  return c;
}

// Start instants over 2024 (working hours or not) and 0..30 working days.
struct DueDates {
  std::vector<std::int64_t> start, days;
  explicit DueDates(std::size_t n) : start(n), days(n) {
    const std::int64_t t0 = sopkit::make_instant(2024, 1, 1);
    for (std::size_t i = 0; i < n; ++i) {
      start[i] = t0 + static_cast<std::int64_t>(sm(5, i) % (300ULL * 24 * 60));
      days[i] = static_cast<std::int64_t>(sm(6, i) % 31);
    }
  }
};

const DueDates& due_dates() {
  static const DueDates d(g_n);
  return d;
}

const sopkit::WorkCalendar& cpp_calendar() {
  static const sopkit::WorkCalendar cal = [] {
    sopkit::CalendarSpec spec;
    spec.id = "asn-2024-2025";
    spec.from = sopkit::make_date(2024, 1, 1);
    spec.to = sopkit::make_date(2025, 12, 31);
    return sopkit::WorkCalendar(spec);
  }();
  return cal;
}

sopkit_calendar* c_calendar() {
  static sopkit_calendar* cal = [] {
    sopkit_calendar* c = nullptr;
    if (sopkit_calendar_new_asn(&c, 2024, 2025) != SOPKIT_OK) std::abort();
    return c;
  }();
  return cal;
}

void BM_PerCall_DurationParse_Cpp(benchmark::State& state) {
  for (auto _ : state) {
    double m = sopkit::Duration::parse("1-3 Hari").max_minutes();
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_PerCall_DurationParse_Cpp);

void BM_PerCall_DurationParse_CAbi(benchmark::State& state) {
  for (auto _ : state) {
    double m = 0;
    if (sopkit_duration_parse("1-3 Hari", nullptr, &m) != SOPKIT_OK) state.SkipWithError("failed");
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_PerCall_DurationParse_CAbi);

void BM_PerCall_CalendarAddMinutes_Cpp(benchmark::State& state) {
  const auto& cal = cpp_calendar();
  const std::int64_t t0 = sopkit::make_instant(2024, 3, 4, 9, 0);
  std::int64_t k = 0;
  for (auto _ : state) {
    std::int64_t t = cal.add_working_minutes(t0 + (k & 1023), 600);
    benchmark::DoNotOptimize(t);
    ++k;
  }
}
BENCHMARK(BM_PerCall_CalendarAddMinutes_Cpp);

void BM_PerCall_CalendarAddMinutes_CAbi(benchmark::State& state) {
  sopkit_calendar* cal = c_calendar();
  const std::int64_t t0 = sopkit::make_instant(2024, 3, 4, 9, 0);
  std::int64_t k = 0;
  for (auto _ : state) {
    std::int64_t t = 0;
    if (sopkit_calendar_add_minutes(cal, t0 + (k & 1023), 600, &t) != SOPKIT_OK)
      state.SkipWithError("failed");
    benchmark::DoNotOptimize(t);
    ++k;
  }
}
BENCHMARK(BM_PerCall_CalendarAddMinutes_CAbi);

void BM_Bulk_EvaluateCells_Cpp(benchmark::State& state) {
  const Cells& c = cells();
  std::vector<double> ach(g_n);
  std::vector<std::uint8_t> band(g_n);
  for (auto _ : state) {
    sopkit::evaluate_cells(c.target.data(), c.realisation.data(), c.polarity.data(), g_n,
                           ach.data(), band.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}
BENCHMARK(BM_Bulk_EvaluateCells_Cpp)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Bulk_EvaluateCells_CAbi(benchmark::State& state) {
  const Cells& c = cells();
  std::vector<double> ach(g_n);
  std::vector<std::uint8_t> band(g_n);
  for (auto _ : state) {
    if (sopkit_evaluate_cells(c.target.data(), c.realisation.data(), c.polarity.data(), g_n,
                              ach.data(), band.data()) != SOPKIT_OK)
      state.SkipWithError("failed");
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}
BENCHMARK(BM_Bulk_EvaluateCells_CAbi)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Bulk_AddDays_Cpp(benchmark::State& state) {
  const DueDates& d = due_dates();
  const auto& cal = cpp_calendar();
  std::vector<std::int64_t> out(g_n);
  for (auto _ : state) {
    cal.add_working_days(d.start.data(), d.days.data(), out.data(), g_n);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}
BENCHMARK(BM_Bulk_AddDays_Cpp)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Bulk_AddDays_CAbi(benchmark::State& state) {
  const DueDates& d = due_dates();
  sopkit_calendar* cal = c_calendar();
  std::vector<std::int64_t> out(g_n);
  for (auto _ : state) {
    if (sopkit_calendar_add_days_bulk(cal, d.start.data(), d.days.data(), out.data(), g_n) !=
        SOPKIT_OK)
      state.SkipWithError("failed");
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}
BENCHMARK(BM_Bulk_AddDays_CAbi)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // --n=N (our own flag) before Google Benchmark sees the rest.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0)
      g_n = static_cast<std::size_t>(std::strtoull(argv[i] + 4, nullptr, 10));
    else
      rest.push_back(argv[i]);
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
