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
//
// National import (issue 16): `--kab=K` kabupaten x 40 OPD x 13 indicators,
// an annual definition row + 4 quarterly rows each (K = 500: 1.3M rows, the
// shape of the national indicator file). BM_ImportNational records the whole
// set (audit trail included) into a fresh store, BM_ReimportNational records
// it again unchanged, and BM_BareSqliteInsert is the floor: the same rows, as
// many columns as the CSV has, into one plain table with the store's
// durability (WAL, synchronous=FULL, one transaction, one prepared statement);
// BM_BareSqliteInsertKeyed the same with the (indicator, period) primary key.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sopkit/store.hpp"

namespace {

std::size_t g_n = 100000;
std::size_t g_kab = 25;
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

// One row of the national indicator file, as the CSV holds it.
struct NationalRow {
  std::string unit, code, name, polarity;
  sopkit::Period period;
  double target = 0;
  std::optional<double> realisation;
  bool annual = false;  // the definition row carries the descriptive columns
};

constexpr int kOpd = 40, kIndicatorsPerOpd = 13;

std::vector<NationalRow> national_rows() {
  std::vector<NationalRow> rows;
  rows.reserve(g_kab * kOpd * kIndicatorsPerOpd * 5);
  for (std::size_t k = 0; k < g_kab; ++k)
    for (int o = 0; o < kOpd; ++o)
      for (int i = 0; i < kIndicatorsPerOpd; ++i) {
        NationalRow def;
        def.unit = "Kab " + std::to_string(k) + "/OPD " + std::to_string(o);
        def.code = "K" + std::to_string(k) + "O" + std::to_string(o) + "-" + std::to_string(i);
        def.name = "Indikator " + std::to_string(i) + " OPD " + std::to_string(o);
        def.polarity = i % 5 == 4 ? "negative" : "positive";
        def.period = sopkit::Period::of_year(2024);
        def.target = 50.0 + static_cast<double>((k * 7 + o * 3 + i) % 50);
        def.annual = true;
        rows.push_back(def);
        for (int q = 1; q <= 4; ++q) {
          NationalRow r = def;
          r.period = sopkit::Period::of_quarter(2024, q);
          r.realisation = def.target * static_cast<double>(80 + (k + o + i + q) % 30) / 100.0;
          r.annual = false;
          rows.push_back(std::move(r));
        }
      }
  return rows;
}

sopkit::IndicatorSet national_set(const std::vector<NationalRow>& rows) {
  sopkit::IndicatorSet set;
  std::size_t indicator = 0;
  for (const NationalRow& r : rows) {
    if (r.annual) {
      sopkit::Indicator ind;
      ind.code = r.code;
      ind.name = r.name;
      ind.satuan = "%";
      ind.polarity = sopkit::parse_polarity(r.polarity);
      ind.unit = set.units().find_or_add_path(r.unit);
      ind.source = "Ilustratif";
      indicator = set.add_indicator(std::move(ind));
    }
    sopkit::Cell c;
    c.indicator = indicator;
    c.period = r.period;
    c.target = r.target;
    c.realisation = r.realisation;
    set.add_cell(c);
  }
  return set;
}

// Imports the national set into a fresh store; `again` first imports it once
// untimed, so the timed import finds every value already stored.
void import_national(benchmark::State& state, bool again) {
  const sopkit::IndicatorSet set = national_set(national_rows());
  std::size_t changed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    TempDb db;
    auto store = sopkit::open_sqlite_store(db.path);
    if (again) store->import_indicators(set, {"operator", "impor nasional"});
    state.ResumeTiming();
    changed = store->import_indicators(set, {"operator", again ? "impor ulang" : "impor"});
    finish(state, store, db);
  }
  state.counters["rows"] = static_cast<double>(set.cell_count());
  state.counters["changed"] = static_cast<double>(changed);
}

void BM_ImportNational(benchmark::State& state) {
  import_national(state, false);
}

void BM_ReimportNational(benchmark::State& state) {
  import_national(state, true);
}

// Fails the benchmark run loudly: the floor must not be measured on an error.
void check(sqlite3* db, int rc, int expected) {
  if (rc == expected) return;
  std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
  std::exit(2);
}

void exec(sqlite3* db, const char* sql) {
  check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
}

void bind_text(sqlite3_stmt* st, int i, const std::string& text) {
  sqlite3_bind_text(st, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void bind_real(sqlite3_stmt* st, int i, std::optional<double> v) {
  if (v)
    sqlite3_bind_double(st, i, *v);
  else
    sqlite3_bind_null(st, i);
}

// The 18 columns of the CSV; the descriptive ones only on the annual row.
// `key` is the table's key clause: "" for a plain heap of rows, or the
// (indicator, period) primary key a store needs to find a value and refuse a
// duplicate row.
void bare_insert(sqlite3* db, const std::vector<NationalRow>& rows, const std::string& key) {
  const std::string create =
      "CREATE TABLE indicator_row (unit TEXT, indicator TEXT, name TEXT, satuan TEXT, polarity "
      "TEXT, accumulation TEXT, weight REAL, period TEXT, target REAL, realisation REAL, "
      "target_low REAL, target_high REAL, budget REAL, budget_realisation REAL, financial_plan "
      "REAL, physical_plan REAL, physical_realisation REAL, source TEXT" +
      key + ")";
  exec(db, create.c_str());
  exec(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* st = nullptr;
  check(db,
        sqlite3_prepare_v2(db,
                           "INSERT INTO indicator_row VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                           -1, &st, nullptr),
        SQLITE_OK);
  static const std::string percent = "%", last = "last", source = "Ilustratif";
  for (const NationalRow& r : rows) {
    bind_text(st, 1, r.unit);
    bind_text(st, 2, r.code);
    const std::string period = r.period.to_string();
    bind_text(st, 8, period);
    bind_real(st, 9, r.target);
    bind_real(st, 10, r.realisation);
    if (r.annual) {
      bind_text(st, 3, r.name);
      bind_text(st, 4, percent);
      bind_text(st, 5, r.polarity);
      bind_text(st, 6, last);
      bind_real(st, 7, 1.0);
      bind_text(st, 18, source);
    }
    check(db, sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
  sqlite3_finalize(st);
  exec(db, "COMMIT");
}

void bare_sqlite_insert(benchmark::State& state, const std::string& key) {
  const std::vector<NationalRow> rows = national_rows();
  for (auto _ : state) {
    state.PauseTiming();
    TempDb db;
    sqlite3* conn = nullptr;
    check(conn, sqlite3_open(db.path.c_str(), &conn), SQLITE_OK);
    exec(conn, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
    state.ResumeTiming();
    bare_insert(conn, rows, key);
    state.PauseTiming();
    sqlite3_close(conn);
    db.clean();
    state.ResumeTiming();
  }
  state.counters["rows"] = static_cast<double>(rows.size());
}

void BM_BareSqliteInsert(benchmark::State& state) {
  bare_sqlite_insert(state, "");
}

// The fair floor for the store: the same rows under the key the store keeps.
void BM_BareSqliteInsertKeyed(benchmark::State& state) {
  bare_sqlite_insert(state, ", PRIMARY KEY (indicator, period)");
}

BENCHMARK(BM_Insert)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Update)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportNational)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReimportNational)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareSqliteInsert)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareSqliteInsertKeyed)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0)
      g_n = std::strtoull(argv[i] + 4, nullptr, 10);
    else if (std::strncmp(argv[i], "--dir=", 6) == 0)
      g_dir = argv[i] + 6;
    else if (std::strncmp(argv[i], "--kab=", 6) == 0)
      g_kab = std::strtoull(argv[i] + 6, nullptr, 10);
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
