// workloads.cpp — fixed workloads whose instruction counts under callgrind
// are the performance regression gate (scripts/ci-reliability, baseline.json).
//
// Wall-clock time on a shared 2-core machine moves by tens of percent from
// run to run; the number of instructions a fixed workload executes does not.
// Each workload builds its inputs outside the measured region (callgrind
// instruments only between CALLGRIND_START/STOP_INSTRUMENTATION with --instr-atstart=no) and prints
// a checksum, so a change that alters the result is seen as such, not as a speed-up.
//
//   valgrind --tool=callgrind --instr-atstart=no ./sopkit_callgrind_workloads cpm
//   ./sopkit_callgrind_workloads --list
//   ./sopkit_callgrind_workloads --build-info   # compiler and flags, for the baseline
//
// The growth workloads (issue 16) run every loader and verb on generated text
// (bench/gen) at a scale: gate.py runs each at 1 and 4 and fails when the count
// grows more than 4.6 times, so no quadratic path comes back. They compare
// counts with each other, never with a baseline.
//
//   valgrind --tool=callgrind --instr-atstart=no ./sopkit_callgrind_workloads grow_indicators_csv 4
//   ./sopkit_callgrind_workloads --list-growth
#include <valgrind/callgrind.h>

#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "gen/gen.hpp"
#include "io/detail/indicators_csv.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/duration.hpp"
#include "sopkit/indicator_bulk.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/sopkit.h"
#include "sopkit/store.hpp"
#include "sopkit/validation.hpp"

#ifndef SOPKIT_WORKLOAD_FLAGS
#define SOPKIT_WORKLOAD_FLAGS "unknown"
#endif

namespace {

// splitmix64 of a counter key, as the benchmarks and the baselines.
std::uint64_t mix(std::uint64_t stream, std::uint64_t index) {
  std::uint64_t z = ((stream << 40) + index + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string read_seed() {
  const std::string path =
      std::string(SOPKIT_SOURCE_DIR) + "/examples/sop-monev-capaian-kinerja.json";
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read " + path);
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  return text;
}

// The seed SOP, 50 times: parse, validate, analyse (the CLI's whole job).
double seed_analysis() {
  const std::string text = read_seed();
  double checksum = 0;
  CALLGRIND_START_INSTRUMENTATION;
  for (int i = 0; i < 50; ++i) {
    const sopkit::Sop sop(sopkit::parse_sop_json(text, "seed.json"));
    checksum += static_cast<double>(sopkit::validate(sop).size());
    checksum += sopkit::analyze(sop).working_minutes;
  }
  CALLGRIND_STOP_INSTRUMENTATION;
  return checksum;
}

// CPM and one critical path on the layered graph of bench/cpm_bench.cpp,
// 100 000 steps, 50 per layer (about 150 000 flows).
double cpm_100k() {
  const std::size_t n = 100000, w = 50;
  std::vector<double> duration(n);
  std::vector<std::uint32_t> from, to;
  for (std::size_t v = 0; v < n; ++v) duration[v] = double(1 + mix(24, v) % 480);
  for (std::size_t v = w; v < n; ++v) {
    from.push_back(std::uint32_t((v / w - 1) * w + mix(20, v) % w));
    to.push_back(std::uint32_t(v));
  }
  for (std::size_t v = 2 * w; v < n; ++v) {
    if ((mix(21, v) & 1) != 1) continue;
    const std::size_t back = v / w >= 3 ? 2 + mix(22, v) % 2 : 2;
    from.push_back(std::uint32_t((v / w - back) * w + mix(23, v) % w));
    to.push_back(std::uint32_t(v));
  }
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::CpmResult r = sopkit::cpm(duration.data(), n, from.data(), to.data(), from.size());
  CALLGRIND_STOP_INSTRUMENTATION;
  return r.duration + double(r.critical_path.size());
}

// Achievement, band and weighted group mean of 1 000 000 cells in 10 000 groups.
double evaluation_1m() {
  const std::size_t n = 1000000, groups = 10000;
  std::vector<double> target(n), realisation(n), weight(n), achievement(n), mean(groups);
  std::vector<std::uint8_t> polarity(n), band(n);
  std::vector<std::int32_t> group(n);
  for (std::size_t i = 0; i < n; ++i) {
    target[i] = mix(30, i) % 100 == 0 ? 0.0 : 1.0 + double(mix(31, i) % 1000);
    realisation[i] = target[i] * (0.3 + double(mix(32, i) % 1000) / 1000.0);
    polarity[i] = mix(33, i) % 5 == 0 ? sopkit::kBulkNegative : sopkit::kBulkPositive;
    weight[i] = double(1 + mix(34, i) % 10);
    group[i] = std::int32_t(mix(35, i) % groups);
  }
  CALLGRIND_START_INSTRUMENTATION;
  sopkit::evaluate_cells_grouped(target.data(), realisation.data(), polarity.data(), weight.data(),
                                 group.data(), n, groups, achievement.data(), band.data(),
                                 mean.data());
  CALLGRIND_STOP_INSTRUMENTATION;
  double checksum = 0;
  for (double m : mean)
    if (!std::isnan(m)) checksum += m;
  return checksum;
}

// 100 000 due dates on the shipped Indonesian calendar 2023-2026: 50 000 by
// working days, 50 000 by office minutes.
double due_dates_100k() {
  const sopkit::WorkCalendar cal = sopkit::WorkCalendar::indonesia(2023, 2025);
  const std::size_t n = 50000;
  const sopkit::Instant t0 = sopkit::make_instant(2023, 1, 2, 7, 30);
  std::vector<sopkit::Instant> start(n), out_days(n), out_minutes(n);
  std::vector<std::int64_t> days(n), minutes(n);
  for (std::size_t i = 0; i < n; ++i) {
    start[i] = t0 + sopkit::Instant(mix(40, i) % (700 * 1440));
    days[i] = std::int64_t(mix(41, i) % 30);
    minutes[i] = std::int64_t(mix(42, i) % (40 * 60));
  }
  CALLGRIND_START_INSTRUMENTATION;
  cal.add_working_days(start.data(), days.data(), out_days.data(), n);
  cal.add_working_minutes(start.data(), minutes.data(), out_minutes.data(), n);
  CALLGRIND_STOP_INSTRUMENTATION;
  double checksum = 0;
  for (std::size_t i = 0; i < n; ++i)
    checksum += double(out_days[i] - start[i] + out_minutes[i] - start[i]);
  return checksum;
}

// ---- growth workloads: f(scale), inputs from bench/gen ---------------------
//
// Sizes: large enough that fixed costs (a calendar, a schema, the first
// allocation) are a few percent of the count at scale 1, small enough that
// callgrind runs both scales of all of them in about a minute.

template <class F>
std::string generated(F write) {
  std::string text;
  write(text);
  return text;
}

// 1 kabupaten x 40 OPD x 13 indicators = 520 indicators, 2,600 rows per scale.
sopkit_gen::IndicatorShape indicator_shape(std::size_t scale) {
  sopkit_gen::IndicatorShape s;
  s.kabupaten = scale;
  return s;
}

sopkit_gen::SopShape sop_shape(std::size_t steps) {
  sopkit_gen::SopShape s;
  s.steps = steps;
  return s;
}

void check(int rc) {
  if (rc != SOPKIT_OK) throw std::runtime_error(sopkit_last_error());
}

double grow_indicators_csv(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::IndicatorSet set = sopkit::parse_indicators_csv(text, "national.csv");
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(set.indicator_count() + set.units().size());
}

// A new empty file of a unique name under /tmp.
std::string new_temp_file() {
  char path[] = "/tmp/sopkit-growth-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  return path;
}

// A new file under /tmp holding `text`.
std::string temp_file_holding(const std::string& text) {
  const std::string path = new_temp_file();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file || std::fwrite(text.data(), 1, text.size(), file) != text.size() || std::fclose(file))
    throw std::runtime_error("writing the growth input failed");
  return path;
}

// The same file read from disk in 4 KiB pieces (load_indicators_file reads
// 1 MiB ones): records spanning pieces are read again whole, never the text
// before them.
double grow_indicators_csv_file(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  const std::string path = temp_file_holding(text);
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::IndicatorSet set = sopkit::detail::load_indicators_csv_file(path, {}, 4096);
  CALLGRIND_STOP_INSTRUMENTATION;
  std::remove(path.c_str());
  return double(set.indicator_count() + set.units().size());
}

// The same file read by two threads (CsvOptions::threads): the second half
// built apart and absorbed (callgrind runs the threads one at a time and
// counts both).
double grow_indicators_csv_halves(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  const std::string path = temp_file_holding(text);
  sopkit::CsvOptions two;
  two.threads = 2;
  bool absorbed = false;
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::IndicatorSet set = sopkit::detail::load_indicators_csv_file(
      path, two, sopkit::detail::CsvRecords::kPieceBytes, 0, &absorbed);
  CALLGRIND_STOP_INSTRUMENTATION;
  std::remove(path.c_str());
  if (!absorbed) throw std::runtime_error("the second half was not absorbed");
  return double(set.indicator_count() + set.units().size());
}

double grow_indicators_json(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_json(indicator_shape(scale), t); });
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::IndicatorSet set = sopkit::parse_indicators_json(text, "national.json");
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(set.indicator_count() + set.units().size());
}

// The unit column of every row of the national CSV, as the CSV reader sees it.
double grow_unit_tree(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  std::vector<std::string> paths;
  for (std::size_t at = text.find('\n') + 1; at < text.size(); at = text.find('\n', at) + 1)
    paths.push_back(text.substr(at, text.find(',', at) - at));
  sopkit::UnitTree tree;
  double checksum = 0;
  CALLGRIND_START_INSTRUMENTATION;
  for (const std::string& p : paths) checksum += double(tree.find_or_add_path(p));
  for (const std::string& p : paths) checksum += double(tree.find_path(p).value_or(0));
  CALLGRIND_STOP_INSTRUMENTATION;
  return checksum + double(tree.size());
}

// What `sopkit evaluate --period 2024-Q2 --json/--csv` does after loading.
double grow_evaluation(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  const sopkit::IndicatorSet set = sopkit::parse_indicators_csv(text, "national.csv");
  sopkit::EvaluationOptions options;
  options.period = sopkit::Period::parse("2024-Q2");
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::Evaluation ev = sopkit::evaluate(set, options);
  // The CLI's path: evaluated and written in one pass (evaluate with a sink).
  std::ostringstream streamed;
  sopkit::evaluate_to_json(streamed, set, options);
  sopkit::evaluate_to_csv(streamed, set, options);
  const std::size_t bytes = sopkit::evaluation_to_json(set, ev).size() +
                            sopkit::evaluation_to_csv(set, ev).size() + streamed.str().size();
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(ev.indicators.size() + ev.units.size() + bytes);
}

// `sopkit store import DB national.csv` after loading (grow_indicators_csv): into a new file.
double grow_store_import(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); });
  const std::string path = new_temp_file();
  std::remove(path.c_str());  // the store creates its own file
  const sopkit::IndicatorSet set = sopkit::parse_indicators_csv(text, "national.csv");
  std::size_t changed = 0;
  {
    auto store = sopkit::open_sqlite_store(path);
    CALLGRIND_START_INSTRUMENTATION;
    changed = store->import_indicators(set, {"growth gate", "import"});
    CALLGRIND_STOP_INSTRUMENTATION;
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::remove((path + std::string(suffix)).c_str());
  return double(changed);
}

// `sopkit validate`: 1,000 steps per scale, each output required by the next
// step (distinct outputs: the output check grows with them).
double grow_sop_validate(std::size_t scale) {
  sopkit_gen::SopShape shape = sop_shape(1000 * scale);
  shape.distinct_outputs = true;
  const std::string text = generated([&](std::string& t) { sopkit_gen::sop_json(shape, t); });
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::Sop sop(sopkit::parse_sop_json(text, "sop.json"));
  const std::size_t diagnostics = sopkit::validate(sop).size();
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(sop.step_count() + diagnostics);
}

// `analyze --json` through the C ABI (sopkit_sop_analyze + sopkit_analysis_to_json).
double analyze_json(const std::string& text) {
  sopkit_sop* sop = nullptr;
  check(sopkit_sop_load_json(&sop, text.data(), text.size()));
  sopkit_analysis* a = nullptr;
  const char* json = nullptr;
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_sop_analyze(sop, nullptr, &a));
  check(sopkit_analysis_to_json(a, &json));
  CALLGRIND_STOP_INSTRUMENTATION;
  const double bytes = double(std::strlen(json));
  sopkit_analysis_free(a);
  sopkit_sop_free(sop);
  return bytes;
}

double grow_analyze_json(std::size_t scale) {
  return analyze_json(
      generated([&](std::string& t) { sopkit_gen::sop_json(sop_shape(1000 * scale), t); }));
}

// Many overlapping loops: 150 decisions per scale, every Tidak back to the start.
double grow_loops_json(std::size_t scale) {
  return analyze_json(
      generated([&](std::string& t) { sopkit_gen::loops_sop_json(150 * scale, t); }));
}

// `schedule --json` through the C ABI, on the ASN week (no holidays).
double grow_schedule_json(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::sop_json(sop_shape(1000 * scale), t); });
  sopkit_sop* sop = nullptr;
  check(sopkit_sop_load_json(&sop, text.data(), text.size()));
  sopkit_calendar* cal = nullptr;
  check(sopkit_calendar_new_asn(&cal, 2024, 2100));
  std::int64_t start = 0;
  check(sopkit_instant_parse("2024-04-01T08:00", &start));
  sopkit_schedule* plan = nullptr;
  const char* json = nullptr;
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_sop_schedule(sop, cal, start, &plan));
  check(sopkit_schedule_to_json(plan, &json));
  CALLGRIND_STOP_INSTRUMENTATION;
  const double bytes = double(std::strlen(json));
  sopkit_schedule_free(plan);
  sopkit_calendar_free(cal);
  sopkit_sop_free(sop);
  return bytes;
}

// `sopkit runs SOP LOG`: 1,000 cases of a 6-step SOP per scale, loaded and compared
// (many short runs: the run list is what grows).
template <class Write, class Parse>
double runs_job(std::size_t scale, Write write, Parse parse) {
  const sopkit_gen::SopShape shape = sop_shape(6);
  const sopkit::Sop sop(sopkit::parse_sop_json(
      generated([&](std::string& t) { sopkit_gen::sop_json(shape, t); }), "sop.json"));
  const std::string log_text = generated([&](std::string& t) { write(shape, 1000 * scale, t); });
  const sopkit::WorkCalendar cal = sopkit::WorkCalendar::indonesia(2024, 2025);
  CALLGRIND_START_INSTRUMENTATION;
  const sopkit::RunLog log = parse(log_text, sop);
  const sopkit::RunComparison c = sopkit::compare_runs(log, cal);
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(c.runs.size()) + c.steps_on_time_percent.value_or(0);
}

double grow_runs_csv(std::size_t scale) {
  return runs_job(scale, sopkit_gen::runs_csv, [](const std::string& t, const sopkit::Sop& sop) {
    return sopkit::parse_runs_csv(t, sop, "runs.csv");
  });
}

double grow_runs_json(std::size_t scale) {
  return runs_job(scale, sopkit_gen::runs_json, [](const std::string& t, const sopkit::Sop& sop) {
    return sopkit::parse_runs_json(t, sop, "runs.json");
  });
}

// The rows of the generated national set, as a binding holds them before
// calling the C constructors.
struct IndicatorRows {
  std::vector<std::string> units, codes, periods, polarities, accumulations;
  std::vector<double> weight, target, realisation;
};

IndicatorRows indicator_rows(std::size_t scale) {
  const sopkit::IndicatorSet set = sopkit::parse_indicators_csv(
      generated([&](std::string& t) { sopkit_gen::indicators_csv(indicator_shape(scale), t); }),
      "national.csv");
  IndicatorRows r;
  for (std::size_t row = 0; row < set.cell_count(); ++row) {
    const sopkit::Cell c = set.cell(row);
    const sopkit::Indicator& d = set.indicator(c.indicator);
    r.units.push_back(set.units().path(d.unit));
    r.codes.push_back(d.code);
    r.periods.push_back(c.period.to_string());
    r.polarities.push_back(sopkit::to_string(d.polarity));
    r.accumulations.push_back(sopkit::to_string(d.accumulation));
    r.weight.push_back(d.weight);
    r.target.push_back(c.target.value_or(NAN));
    r.realisation.push_back(c.realisation.value_or(NAN));
  }
  return r;
}

std::vector<const char*> pointers(const std::vector<std::string>& v) {
  std::vector<const char*> p;
  for (const std::string& s : v) p.push_back(s.c_str());
  return p;
}

std::size_t indicator_count(sopkit_indicators* set) {
  std::size_t indicators = 0;
  check(sopkit_indicators_counts(set, &indicators, nullptr, nullptr));
  sopkit_indicators_free(set);
  return indicators;
}

// sopkit_indicators_new from one array per field, a text per row.
double grow_capi_indicators_new(std::size_t scale) {
  const IndicatorRows r = indicator_rows(scale);
  std::vector<std::uint8_t> polarity;
  for (const std::string& p : r.polarities)
    polarity.push_back(static_cast<std::uint8_t>(sopkit::parse_polarity(p)));
  const std::vector<const char*> u = pointers(r.units), k = pointers(r.codes),
                                 p = pointers(r.periods);
  sopkit_indicator_rows rows{};
  rows.n = u.size();
  rows.unit = u.data();
  rows.code = k.data();
  rows.polarity = polarity.data();
  rows.period = p.data();
  rows.target = r.target.data();
  rows.realisation = r.realisation.data();
  sopkit_indicators* out = nullptr;
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_indicators_new(&out, &rows));
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(indicator_count(out));
}

// A text column dictionary-encoded as the Python constructors pass it.
struct EncodedColumn {
  std::vector<std::string> distinct;
  std::vector<const char*> values;
  std::vector<std::int32_t> index;

  explicit EncodedColumn(const std::vector<std::string>& rows) {
    std::unordered_map<std::string, std::int32_t> seen;
    for (const std::string& text : rows) {
      auto [it, fresh] = seen.emplace(text, static_cast<std::int32_t>(distinct.size()));
      if (fresh) distinct.push_back(text);
      index.push_back(it->second);
    }
    values = pointers(distinct);
  }
  sopkit_text_column column() const { return {values.size(), values.data(), index.data()}; }
};

// sopkit_indicators_from_columns, the path of IndicatorSet.from_dataframe.
double grow_capi_indicators_from_columns(std::size_t scale) {
  const IndicatorRows r = indicator_rows(scale);
  const EncodedColumn unit(r.units), code(r.codes), period(r.periods), polarity(r.polarities),
      accumulation(r.accumulations);
  sopkit_indicator_columns cols{};
  cols.version = SOPKIT_INDICATOR_COLUMNS_VERSION;
  cols.n = r.codes.size();
  cols.unit = unit.column();
  cols.code = code.column();
  cols.period = period.column();
  cols.polarity = polarity.column();
  cols.accumulation = accumulation.column();
  cols.weight = r.weight.data();
  cols.target = r.target.data();
  cols.realisation = r.realisation.data();
  sopkit_indicators* out = nullptr;
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_indicators_from_columns(&out, &cols));
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(indicator_count(out));
}

double grow_capi_sop_load_json(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::sop_json(sop_shape(2000 * scale), t); });
  sopkit_sop* sop = nullptr;
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_sop_load_json(&sop, text.data(), text.size()));
  CALLGRIND_STOP_INSTRUMENTATION;
  std::size_t steps = 0;
  check(sopkit_sop_step_count(sop, &steps));
  sopkit_sop_free(sop);
  return double(steps);
}

// A waktu text of 2,000 words per scale.
double grow_waktu(std::size_t scale) {
  const std::string text =
      generated([&](std::string& t) { sopkit_gen::waktu_text(2000 * scale, t); });
  std::string why;
  CALLGRIND_START_INSTRUMENTATION;
  const auto d = sopkit::Duration::try_parse(text, &why);
  CALLGRIND_STOP_INSTRUMENTATION;
  return d ? d->max_minutes() : double(why.size());
}

// A region's holiday file over 8 years per scale, one day off a fortnight
// (about 210 per scale), added on top of a national spec of the same years
// with a holiday each month: parse, add_regional, build, and list every day
// off as sopkit.holidays/1 JSON (`sopkit calendar holidays --holidays FILE`).
double grow_regional_calendar(std::size_t scale) {
  const int first = 2001, last = 2001 + 8 * static_cast<int>(scale) - 1;
  sopkit::CalendarSpec national;
  national.from = sopkit::make_date(first, 1, 1);
  national.to = sopkit::make_date(last, 12, 31);
  for (int y = first; y <= last; ++y)
    for (int m = 1; m <= 12; ++m)
      national.holidays.push_back(
          {sopkit::make_date(y, m, 1), "libur", sopkit::HolidayKind::holiday, {}, {}});
  std::string region = R"({"format": "sopkit.calendar/1", "coverage": {"from": ")" +
                       sopkit::format_date(*national.from) + R"(", "to": ")" +
                       sopkit::format_date(*national.to) + R"("}, "holidays": [)";
  for (sopkit::Date d = *national.from + 3; d <= *national.to; d += 14)
    region += std::string(d == *national.from + 3 ? "" : ",") + R"({"date": ")" +
              sopkit::format_date(d) + R"(", "name": "Libur daerah"})";
  region += "]}";
  CALLGRIND_START_INSTRUMENTATION;
  national.add_regional(sopkit::parse_calendar_spec(region, "region.json"));
  const sopkit::WorkCalendar cal(national);
  const std::string listed = sopkit::holidays_to_json(cal, cal.first_date(), cal.last_date() + 1);
  CALLGRIND_STOP_INSTRUMENTATION;
  return double(cal.holidays().size()) + double(listed.size());
}

// Working days of 100 000 date pairs per scale over 2023-2026, one bulk C call
// (Calendar.working_days over a Series).
double grow_working_days(std::size_t scale) {
  sopkit_calendar* cal = nullptr;
  check(sopkit_calendar_load_years(&cal, 2023, 2026));
  const std::size_t n = 100000 * scale;
  const std::int64_t first = sopkit::make_date(2023, 1, 1), span = 4 * 365;
  std::vector<std::int64_t> from(n), to(n), out(n);
  for (std::size_t i = 0; i < n; ++i) {
    from[i] = first + std::int64_t(mix(50, i) % span);
    to[i] = first + std::int64_t(mix(51, i) % span);
  }
  CALLGRIND_START_INSTRUMENTATION;
  check(sopkit_calendar_working_days_bulk(cal, from.data(), to.data(), out.data(), n));
  CALLGRIND_STOP_INSTRUMENTATION;
  sopkit_calendar_free(cal);
  double checksum = 0;
  for (std::int64_t v : out) checksum += double(v);
  return checksum;
}

struct Workload {
  const char* name;
  double (*run)();
};
const Workload kWorkloads[] = {{"seed_analysis", seed_analysis},
                               {"cpm_100k", cpm_100k},
                               {"evaluation_1m", evaluation_1m},
                               {"due_dates_100k", due_dates_100k}};

struct GrowthWorkload {
  const char* name;
  double (*run)(std::size_t scale);
};
const GrowthWorkload kGrowth[] = {
    {"grow_indicators_csv", grow_indicators_csv},
    {"grow_indicators_csv_file", grow_indicators_csv_file},
    {"grow_indicators_csv_halves", grow_indicators_csv_halves},
    {"grow_indicators_json", grow_indicators_json},
    {"grow_unit_tree", grow_unit_tree},
    {"grow_evaluation", grow_evaluation},
    {"grow_store_import", grow_store_import},
    {"grow_sop_validate", grow_sop_validate},
    {"grow_analyze_json", grow_analyze_json},
    {"grow_loops_json", grow_loops_json},
    {"grow_schedule_json", grow_schedule_json},
    {"grow_runs_csv", grow_runs_csv},
    {"grow_runs_json", grow_runs_json},
    {"grow_capi_indicators_new", grow_capi_indicators_new},
    {"grow_capi_indicators_from_columns", grow_capi_indicators_from_columns},
    {"grow_capi_sop_load_json", grow_capi_sop_load_json},
    {"grow_waktu", grow_waktu},
    {"grow_regional_calendar", grow_regional_calendar},
    {"grow_working_days", grow_working_days}};

int run_growth(const char* name, const char* scale_text) {
  char* end = nullptr;
  const unsigned long scale = std::strtoul(scale_text, &end, 10);
  if (*end != '\0' || scale == 0) {
    std::fprintf(stderr, "scale must be a positive number, not %s\n", scale_text);
    return 2;
  }
  for (const auto& w : kGrowth) {
    if (std::strcmp(name, w.name) != 0) continue;
    std::printf("%s %lu checksum %.6f\n", w.name, scale, w.run(scale));
    return 0;
  }
  std::fprintf(stderr, "unknown growth workload %s\n", name);
  return 2;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc == 3) return run_growth(argv[1], argv[2]);
  if (argc != 2) {
    std::fprintf(
        stderr,
        "usage: %s WORKLOAD | GROWTH-WORKLOAD SCALE | --list | --list-growth | --build-info\n",
        argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "--list") == 0) {
    for (const auto& w : kWorkloads) std::printf("%s\n", w.name);
    return 0;
  }
  if (std::strcmp(argv[1], "--list-growth") == 0) {
    for (const auto& w : kGrowth) std::printf("%s\n", w.name);
    return 0;
  }
  if (std::strcmp(argv[1], "--build-info") == 0) {
    std::printf("{\"compiler\": \"%s\", \"flags\": \"%s\"}\n",
#ifdef __clang__
                "clang " __clang_version__,
#else
                "gcc " __VERSION__,
#endif
                SOPKIT_WORKLOAD_FLAGS);
    return 0;
  }
  for (const auto& w : kWorkloads) {
    if (std::strcmp(argv[1], w.name) != 0) continue;
    std::printf("%s checksum %.6f\n", w.name, w.run());
    return 0;
  }
  std::fprintf(stderr, "unknown workload %s\n", argv[1]);
  return 2;
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s: %s\n", argv[1], e.what());
  return 1;
}
