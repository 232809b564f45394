// indicators_csv_bench.cpp — the indicator CSV loader alone
// (sopkit::parse_indicators_csv), on the national file of bench/gen generated
// in memory, and the same file loaded from disk on one and two threads,
// reporting bytes/s. The end-to-end job (read, evaluate, write) is
// measured against pandas by bench/compare_national.py.
//
//   bench_indicators_csv [--kabupaten=50] --benchmark_min_time=0.05
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "gen/gen.hpp"
#include "sopkit/indicator_io.hpp"

namespace {

std::size_t g_kabupaten = 50;  // 130k rows, ~9 MB: the national file / 10

const std::string& national_csv() {
  static const std::string text = [] {
    sopkit_gen::IndicatorShape shape;
    shape.kabupaten = g_kabupaten;
    std::string out;
    sopkit_gen::indicators_csv(shape, out);
    return out;
  }();
  return text;
}

void BM_ParseIndicatorsCsv(benchmark::State& state) {
  const std::string& text = national_csv();
  std::size_t indicators = 0;
  for (auto _ : state) {
    sopkit::IndicatorSet set = sopkit::parse_indicators_csv(text, "national.csv");
    indicators = set.indicator_count();
    benchmark::DoNotOptimize(indicators);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
  state.counters["indicators"] = static_cast<double>(indicators);
}
// The loader runs on one thread: bytes/s over its CPU time stays meaningful on a
// shared machine, where wall time counts the other processes too.
BENCHMARK(BM_ParseIndicatorsCsv)->Unit(benchmark::kMillisecond);

// The same text as a file, loaded as `sopkit evaluate` loads it, on one
// thread and on two (CsvOptions::threads: the second half of the file read
// into its own set, merged at the end). Wall time: the point is two cores.
void BM_LoadIndicatorsFile(benchmark::State& state) {
  const std::string path = "/tmp/sopkit-bench-national-" + std::to_string(g_kabupaten) + ".csv";
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(national_csv().data(), 1, national_csv().size(), f);
    std::fclose(f);
  }
  sopkit::CsvOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  std::size_t indicators = 0;
  for (auto _ : state) {
    sopkit::IndicatorSet set = sopkit::load_indicators_file(path, options);
    indicators = set.indicator_count();
    benchmark::DoNotOptimize(indicators);
  }
  std::remove(path.c_str());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(national_csv().size()));
  state.counters["indicators"] = static_cast<double>(indicators);
}
BENCHMARK(BM_LoadIndicatorsFile)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--kabupaten=", 12) == 0) {
      g_kabupaten = static_cast<std::size_t>(std::strtoull(argv[i] + 12, nullptr, 10));
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
