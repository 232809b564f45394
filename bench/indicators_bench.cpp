// indicators_bench.cpp — the bulk indicator kernels on 10M cells, on the same
// data as bench/baselines/indicators_numpy.py (numpy / pandas).
//
// The cells come from the counter-based splitmix64 hash of the baselines
// (stream s, index i -> key (s << 40) + i + 1), so both programs build
// bit-identical inputs without data files; the checksum line printed to stderr
// (band counts, sum of group means, groups without a computable cell) must
// match the baseline's. bench/compare_indicators.py runs both and prints ratios.
//
//   bench_indicators [--n=10000000] [--groups=100000] --benchmark_min_time=0.05
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "huge_pages.hpp"
#include "sopkit/indicator_bulk.hpp"

namespace {

// splitmix64 finaliser of a counter key, as in bench/baselines/splitmix.py.
std::uint64_t mix(std::uint64_t stream, std::uint64_t index) {
  std::uint64_t z = ((stream << 40) + index + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
// Uniform double in [0, 1) from the top 53 bits.
double uniform(std::uint64_t stream, std::uint64_t index) {
  return static_cast<double>(mix(stream, index) >> 11) * (1.0 / 9007199254740992.0);
}

// Sizes `v` to n elements backed by transparent huge pages where the kernel
// allows, as numpy does for every array of 4 MiB or more (its allocator asks
// for MADV_HUGEPAGE): the arrays a Python caller hands over are laid out so,
// and without it the TLB misses of five 4 KiB-paged streams move the timing
// from run to run by a fifth.
template <typename T>
void resize_huge(std::vector<T>& v, std::size_t n) {
  bench::resize_huge(v, n, std::size_t(4) << 20);
}

struct Cells {
  std::size_t n = 10'000'000;
  std::size_t groups = 100'000;
  std::vector<double> target, realisation, weight;
  std::vector<std::uint8_t> polarity;
  std::vector<std::int32_t> group;
  // Outputs, allocated once: the kernels write into them on every run.
  std::vector<double> achievement, group_mean;
  std::vector<std::uint8_t> band;

  void generate() {
    resize_huge(target, n);
    resize_huge(realisation, n);
    resize_huge(weight, n);
    resize_huge(polarity, n);
    resize_huge(group, n);
    for (std::size_t i = 0; i < n; ++i) {
      // T: 1 % exactly 0, else uniform 1..1000; R = T * uniform(0.3, 1.3)
      // (base 100 when T = 0); 20 % negative polarity; weight 1..10.
      const double t = uniform(30, i) < 0.01 ? 0.0 : 1.0 + 999.0 * uniform(31, i);
      target[i] = t;
      realisation[i] = (0.3 + uniform(32, i)) * (t > 0 ? t : 100.0);
      polarity[i] = mix(33, i) % 5 == 0 ? sopkit::kBulkNegative : sopkit::kBulkPositive;
      weight[i] = static_cast<double>(1 + mix(34, i) % 10);
      group[i] = static_cast<std::int32_t>(mix(35, i) % groups);
    }
    resize_huge(achievement, n);
    resize_huge(band, n);
    group_mean.resize(groups);
  }
};

Cells& cells() {
  static Cells c;
  return c;
}

void run_fused(Cells& c, unsigned threads, bool per_cell_outputs) {
  sopkit::GroupRollupOptions opt;
  opt.threads = threads;
  sopkit::evaluate_cells_grouped(
      c.target.data(), c.realisation.data(), c.polarity.data(), c.weight.data(), c.group.data(),
      c.n, c.groups, per_cell_outputs ? c.achievement.data() : nullptr,
      per_cell_outputs ? c.band.data() : nullptr, c.group_mean.data(), opt);
}

// Achievement + band + weighted mean per group: the baseline's "total".
void BM_Fused(benchmark::State& state) {
  Cells& c = cells();
  for (auto _ : state) {
    run_fused(c, static_cast<unsigned>(state.range(0)), true);
    benchmark::DoNotOptimize(c.group_mean.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.n));
  state.counters["ns_per_cell"] =
      benchmark::Counter(static_cast<double>(c.n), benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
}

// Group means only: the per-cell outputs are not written (8 + 1 bytes less a cell).
void BM_FusedGroupOnly(benchmark::State& state) {
  Cells& c = cells();
  for (auto _ : state) {
    run_fused(c, static_cast<unsigned>(state.range(0)), false);
    benchmark::DoNotOptimize(c.group_mean.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.n));
}

// Achievement + band per cell, no roll-up (the C ABI's simplest bulk call).
void BM_Cells(benchmark::State& state) {
  Cells& c = cells();
  for (auto _ : state) {
    sopkit::evaluate_cells(c.target.data(), c.realisation.data(), c.polarity.data(), c.n,
                           c.achievement.data(), c.band.data());
    benchmark::DoNotOptimize(c.band.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.n));
}

void print_checksum(Cells& c) {
  run_fused(c, 1, true);
  std::uint64_t bands[6] = {};
  for (std::size_t i = 0; i < c.n; ++i) ++bands[c.band[i] < 6 ? c.band[i] : 0];
  double sum = 0.0;
  std::size_t nan_groups = 0;
  for (double m : c.group_mean) {
    if (std::isnan(m))
      ++nan_groups;
    else
      sum += m;
  }
  std::fprintf(stderr,
               "CHECKSUM {\"n\": %zu, \"groups\": %zu, \"bands\": [%llu, %llu, %llu, %llu, %llu, "
               "%llu], \"sum_group_means\": %.17g, \"nan_groups\": %zu}\n",
               c.n, c.groups, static_cast<unsigned long long>(bands[0]),
               static_cast<unsigned long long>(bands[1]), static_cast<unsigned long long>(bands[2]),
               static_cast<unsigned long long>(bands[3]), static_cast<unsigned long long>(bands[4]),
               static_cast<unsigned long long>(bands[5]), sum, nan_groups);
}

}  // namespace

BENCHMARK(BM_Fused)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(
    benchmark::kMillisecond);
BENCHMARK(BM_FusedGroupOnly)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("threads")
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Cells)->UseRealTime()->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  // Our own flags (--n=, --groups=) come out before Google Benchmark sees argv.
  Cells& c = cells();
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0)
      c.n = std::strtoull(argv[i] + 4, nullptr, 10);
    else if (std::strncmp(argv[i], "--groups=", 9) == 0)
      c.groups = std::strtoull(argv[i] + 9, nullptr, 10);
    else
      rest.push_back(argv[i]);
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  c.generate();
  print_checksum(c);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
