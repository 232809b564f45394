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
#include <valgrind/callgrind.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/indicator_bulk.hpp"
#include "sopkit/sop_json.hpp"
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

struct Workload {
  const char* name;
  double (*run)();
};
const Workload kWorkloads[] = {{"seed_analysis", seed_analysis},
                               {"cpm_100k", cpm_100k},
                               {"evaluation_1m", evaluation_1m},
                               {"due_dates_100k", due_dates_100k}};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s WORKLOAD | --list | --build-info\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "--list") == 0) {
    for (const auto& w : kWorkloads) std::printf("%s\n", w.name);
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
}
