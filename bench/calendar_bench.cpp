// calendar_bench.cpp — bulk due dates on the working calendar, against the same
// inputs as bench/baselines/calendar_numpy.py (numpy busday_offset, pandas
// CustomBusinessHour), built with the same splitmix64 streams (bench/baselines/inputs.py).
//
//   bench_calendar --benchmark_min_time=0.05 [--n=10000000] [--cbh_n=20000]
//
// Data (as the baseline): 25 distinct pseudo-random weekday holidays a year for
// 2015..2025; N start dates over 2015-01-01..2024-12-31 plus 0..30 working days;
// N start minutes over the same ten years plus 0..40 office hours. Office hours
// 07:30-16:00 Mon-Fri without breaks, as the baseline's CustomBusinessHour.
// Counters carry checksums the comparison script checks against the baseline:
//   days: sum of result dates (days since 1970) == numpy's checksum;
//   minutes: sum over the first cbh_n results with a non-zero offset, rolled to
//   the next opening as pandas does (pandas ends an addition that fills a day
//   at the next opening, sopkit at the closing minute), == pandas' sum over the
//   same items. Zero offsets are left out: pandas' 0 * CustomBusinessHour moves
//   a time inside office hours to the next day but leaves 06:28 unmoved.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "sopkit/calendar.hpp"

namespace {

using sopkit::Instant;

// splitmix64 finaliser of key = (stream << 40) + idx + 1, as common.py / sm.hpp.
std::uint64_t sm(std::uint64_t stream, std::uint64_t idx) {
  std::uint64_t z = ((stream << 40) + idx + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

const sopkit::Date kD0 = sopkit::make_date(2015, 1, 1);
const std::int64_t kNDays = sopkit::make_date(2025, 1, 1) - kD0;  // 3653

bool is_weekday(sopkit::Date d) {
  return static_cast<int>(sopkit::weekday_of(d)) < 5;
}

sopkit::WorkCalendar make_calendar() {
  sopkit::CalendarSpec spec;
  spec.id = "bench-2015..2025";
  spec.from = kD0;
  spec.to = sopkit::make_date(2025, 12, 31);
  sopkit::WeekSchedule week;
  for (std::size_t d = 0; d < 5; ++d) week.days[d] = sopkit::OfficeHours::from("07:30", "16:00");
  spec.week = week;
  for (int year = 2015; year <= 2025; ++year) {
    const sopkit::Date jan1 = sopkit::make_date(year, 1, 1);
    std::set<sopkit::Date> chosen;
    for (std::uint64_t k = 0; chosen.size() < 25; ++k) {
      const sopkit::Date d = jan1 + static_cast<sopkit::Date>(
                                        sm(1, static_cast<std::uint64_t>(year) * 1000 + k) % 365);
      if (is_weekday(d)) chosen.insert(d);
    }
    for (sopkit::Date d : chosen)
      spec.holidays.push_back({d, "synthetic", sopkit::HolidayKind::holiday, "bench", ""});
  }
  return sopkit::WorkCalendar(spec);
}

std::size_t g_n = 10'000'000;
std::size_t g_cbh_n = 20'000;

struct Data {
  sopkit::WorkCalendar cal = make_calendar();
  std::vector<Instant> day_start, minute_start, out;
  std::vector<std::int64_t> day_offset, minute_offset;
  // Lower bound tables: rank of the first working day >= d, and the day of rank r.
  std::vector<std::int32_t> first_rank;
  std::vector<std::int32_t> working_day;

  Data() {
    day_start.resize(g_n);
    day_offset.resize(g_n);
    minute_start.resize(g_n);
    minute_offset.resize(g_n);
    out.resize(g_n);
    for (std::size_t i = 0; i < g_n; ++i) {
      day_start[i] = sopkit::start_of(kD0 + static_cast<std::int64_t>(sm(2, i) % kNDays));
      day_offset[i] = static_cast<std::int64_t>(sm(3, i) % 31);
      minute_start[i] =
          sopkit::start_of(kD0) + static_cast<std::int64_t>(sm(4, i) % (kNDays * 1440));
      minute_offset[i] = static_cast<std::int64_t>(sm(5, i) % 41) * 60;
    }
    const std::int64_t ndays = cal.last_date() - cal.first_date() + 1;
    first_rank.resize(static_cast<std::size_t>(ndays));
    for (std::int64_t d = 0; d < ndays; ++d)
      if (cal.is_working_day(cal.first_date() + d))
        working_day.push_back(static_cast<std::int32_t>(d));
    std::size_t r = 0;
    for (std::int64_t d = 0; d < ndays; ++d) {
      while (r < working_day.size() && working_day[r] < d) ++r;
      first_rank[static_cast<std::size_t>(d)] = static_cast<std::int32_t>(r);
    }
  }
};

Data& data() {
  static Data d;
  return d;
}

void BM_BulkAddWorkingDays(benchmark::State& state) {
  Data& d = data();
  for (auto _ : state) {
    d.cal.add_working_days(d.day_start.data(), d.day_offset.data(), d.out.data(), g_n);
    benchmark::DoNotOptimize(d.out.data());
    benchmark::ClobberMemory();
  }
  double checksum = 0;
  for (std::size_t i = 0; i < g_n; ++i) checksum += static_cast<double>(sopkit::date_of(d.out[i]));
  state.counters["checksum"] = checksum;
  state.counters["n"] = static_cast<double>(g_n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}

void BM_ScalarAddWorkingDays(benchmark::State& state) {
  Data& d = data();
  const std::size_t n = std::min<std::size_t>(g_n, 1'000'000);
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i)
      d.out[i] = d.cal.add_working_days(d.day_start[i], d.day_offset[i]);
    benchmark::DoNotOptimize(d.out.data());
    benchmark::ClobberMemory();
  }
  state.counters["n"] = static_cast<double>(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// The floor for day offsets: two array reads per element, no roll, no clock,
// no range checks.
void BM_DayTableLowerBound(benchmark::State& state) {
  Data& d = data();
  const Instant base = d.cal.coverage_begin();
  const std::int32_t* first_rank = d.first_rank.data();
  const std::int32_t* working_day = d.working_day.data();
  for (auto _ : state) {
    const Instant* s = d.day_start.data();
    const std::int64_t* k = d.day_offset.data();
    Instant* o = d.out.data();
    for (std::size_t i = 0; i < g_n; ++i) {
      const std::int64_t day = (s[i] - base) / 1440;
      o[i] = base + static_cast<Instant>(working_day[first_rank[day] + k[i]]) * 1440;
    }
    benchmark::DoNotOptimize(d.out.data());
    benchmark::ClobberMemory();
  }
  double checksum = 0;
  for (std::size_t i = 0; i < g_n; ++i) checksum += static_cast<double>(sopkit::date_of(d.out[i]));
  state.counters["checksum"] = checksum;
  state.counters["n"] = static_cast<double>(g_n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}

void BM_BulkAddWorkingMinutes(benchmark::State& state) {
  Data& d = data();
  for (auto _ : state) {
    d.cal.add_working_minutes(d.minute_start.data(), d.minute_offset.data(), d.out.data(), g_n);
    benchmark::DoNotOptimize(d.out.data());
    benchmark::ClobberMemory();
  }
  double checksum = 0;
  const std::size_t m = std::min(g_cbh_n, g_n);
  double checked = 0;
  for (std::size_t i = 0; i < m; ++i) {
    if (d.minute_offset[i] == 0) continue;  // pandas' 0 * CustomBusinessHour is erratic
    checksum += static_cast<double>(d.cal.next_working_instant(d.out[i]));
    ++checked;
  }
  state.counters["cbh_checksum"] = checksum;
  state.counters["cbh_checked"] = checked;
  state.counters["cbh_n"] = static_cast<double>(m);
  state.counters["n"] = static_cast<double>(g_n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * g_n));
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first (--n=, --cbh_n=); the rest goes to Google Benchmark.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--n=", 4) == 0) {
      g_n = std::strtoull(argv[i] + 4, nullptr, 10);
    } else if (std::strncmp(argv[i], "--cbh_n=", 8) == 0) {
      g_cbh_n = std::strtoull(argv[i] + 8, nullptr, 10);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  benchmark::RegisterBenchmark("calendar/bulk_add_working_days", BM_BulkAddWorkingDays)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("calendar/day_table_lower_bound", BM_DayTableLowerBound)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("calendar/scalar_add_working_days", BM_ScalarAddWorkingDays)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("calendar/bulk_add_working_minutes", BM_BulkAddWorkingMinutes)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
