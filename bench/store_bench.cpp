// store_bench.cpp — the record store on N realisation entries with audit
// (docs/performance.md, "Record store"): insert them in transactions of 10k,
// update every tenth, then query the latest values and each indicator's audit
// trail. bench/compare_store.py does the same work with pandas in the same run.
//
//   bench_store [--n=100000] [--dir=/tmp] --benchmark_repetitions=3
//
// Data: N / 100 indicators x 100 quarters (2000-Q1 ..); entry k = (indicator
// k / 100, quarter k % 100) has realisation ((i*31 + p*17) % 1000) / 10;
// every tenth entry is then raised by 1.5. Each write is audited.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "sopkit/store.hpp"

namespace {

std::size_t g_n = 100000;
std::string g_dir = "/tmp";
constexpr std::size_t kPeriods = 100, kBatch = 10000;

std::string code_of(std::size_t i) {
  return "IKU-" + std::to_string(i);
}

sopkit::Period period_of(std::size_t p) {
  return sopkit::Period::of_quarter(2000 + static_cast<int>(p / 4), static_cast<int>(p % 4) + 1);
}

double value_of(std::size_t i, std::size_t p) {
  return static_cast<double>((i * 31 + p * 17) % 1000) / 10.0;
}

struct TempDb {
  std::string path;
  TempDb() {
    path = g_dir + "/sopkit-bench-store-" + std::to_string(getpid()) + ".db";
    clean();
  }
  ~TempDb() { clean(); }
  void clean() {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
  }
};

std::size_t indicators() {
  return g_n / kPeriods;
}

void define_indicators(sopkit::Store& store) {
  sopkit::IndicatorSet set;
  std::size_t unit = set.units().find_or_add_path("Dinas/Bidang");
  for (std::size_t i = 0; i < indicators(); ++i) {
    sopkit::Indicator ind;
    ind.code = code_of(i);
    ind.name = "Indikator " + std::to_string(i);
    ind.unit = unit;
    set.add_indicator(std::move(ind));
  }
  store.import_indicators(set, {"setup", ""});
}

void insert_all(sopkit::Store& store) {
  std::vector<sopkit::ValueChange> batch;
  batch.reserve(kBatch);
  for (std::size_t k = 0; k < indicators() * kPeriods; ++k) {
    std::size_t i = k / kPeriods, p = k % kPeriods;
    batch.push_back({code_of(i), period_of(p), sopkit::ValueField::realisation, value_of(i, p)});
    if (batch.size() == kBatch) {
      store.set_values(batch, {"operator", "entry"});
      batch.clear();
    }
  }
  if (!batch.empty()) store.set_values(batch, {"operator", "entry"});
}

void update_tenth(sopkit::Store& store) {
  std::vector<sopkit::ValueChange> batch;
  for (std::size_t k = 0; k < indicators() * kPeriods; k += 10) {
    std::size_t i = k / kPeriods, p = k % kPeriods;
    batch.push_back(
        {code_of(i), period_of(p), sopkit::ValueField::realisation, value_of(i, p) + 1.5});
  }
  store.set_values(batch, {"verifier", "correction"});
}

struct QueryResult {
  double sum = 0;
  std::size_t audit_rows = 0;
};

QueryResult query(sopkit::Store& store) {
  QueryResult r;
  sopkit::IndicatorSet set = store.indicators();
  for (std::size_t row = 0; row < set.cell_count(); ++row)
    r.sum += set.cell(row).realisation.value_or(0.0);
  for (std::size_t i = 0; i < set.indicator_count(); ++i)
    r.audit_rows += store.audit(set.indicator(i).code).size();
  return r;
}

// A fresh store holding the first `phases` phases of the work (0: the
// indicators only, 1: + inserted values, 2: + updates).
std::unique_ptr<sopkit::Store> prepared(const TempDb& db, int phases) {
  auto store = sopkit::open_sqlite_store(db.path);
  define_indicators(*store);
  if (phases >= 1) insert_all(*store);
  if (phases >= 2) update_tenth(*store);
  return store;
}

// Closing the store (its WAL checkpoint) and removing the files are not timed.
void finish(benchmark::State& state, std::unique_ptr<sopkit::Store>& store, TempDb& db) {
  state.PauseTiming();
  store.reset();
  db.clean();
  state.ResumeTiming();
}

void BM_Insert(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    TempDb db;
    auto store = prepared(db, 0);
    state.ResumeTiming();
    insert_all(*store);
    finish(state, store, db);
  }
  state.counters["entries"] = static_cast<double>(indicators() * kPeriods);
}

void BM_Update(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    TempDb db;
    auto store = prepared(db, 1);
    state.ResumeTiming();
    update_tenth(*store);
    finish(state, store, db);
  }
  state.counters["entries"] = static_cast<double>(indicators() * kPeriods / 10);
}

void BM_Query(benchmark::State& state) {
  QueryResult r;
  for (auto _ : state) {
    state.PauseTiming();
    TempDb db;
    auto store = prepared(db, 2);
    state.ResumeTiming();
    r = query(*store);
    benchmark::DoNotOptimize(r);
    finish(state, store, db);
  }
  state.counters["entries"] = static_cast<double>(indicators() * kPeriods);
  std::fprintf(stderr, "CHECKSUM {\"sum\": %.6f, \"audit_rows\": %zu}\n", r.sum, r.audit_rows);
}

BENCHMARK(BM_Insert)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Update)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0)
      g_n = std::strtoull(argv[i] + 4, nullptr, 10);
    else if (std::strncmp(argv[i], "--dir=", 6) == 0)
      g_dir = argv[i] + 6;
    else
      rest.push_back(argv[i]);
  }
  if (g_n < kPeriods) g_n = kPeriods;
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
