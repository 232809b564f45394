// compliance.cpp — SOP compliance as ordinary indicators, so that it flows
// through evaluate(), predikat and roll-ups beside the IKU.
//
// Rates are pooled counts (steps on time / steps judged), per quarter of the
// runs' ends and per year, never means of quarter rates: a quarter with two
// runs does not weigh as much as one with twenty.
#include <map>

#include "sopkit/monitoring.hpp"

namespace sopkit {

namespace {

struct Counts {
  std::size_t steps_judged = 0, steps_on_time = 0, runs_complete = 0, runs_on_time = 0;
  void add(const RunResult& r) {
    steps_judged += r.steps_judged;
    steps_on_time += r.steps_on_time;
    if (r.complete) {
      ++runs_complete;
      if (r.on_time) ++runs_on_time;
    }
  }
};

std::optional<double> rate(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;  // blank, never 0 %
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

using ByPeriod = std::map<std::string, std::pair<Period, Counts>>;

void add_run(ByPeriod& m, const RunResult& r) {
  if (r.event_count == 0) return;
  const Period q = r.period;
  const Period y = Period::of_year(q.year);
  for (const Period& p : {q, y}) {
    auto& slot = m[p.to_string()];
    slot.first = p;
    slot.second.add(r);
  }
}

void add_pair(IndicatorSet& set, std::size_t unit, const std::string& prefix,
              const std::string& what, double weight, const ByPeriod& periods,
              double target_percent) {
  Indicator steps;
  steps.code = prefix + " WAKTU";
  steps.name = "Persentase langkah " + what + " yang selesai dalam mutu baku waktu";
  steps.satuan = "%";
  steps.unit = unit;
  steps.weight = weight;
  steps.polarity = Polarity::positive;
  steps.accumulation = Accumulation::last;
  steps.source = "sopkit runs: pelaksanaan SOP tercatat";
  Indicator runs = steps;
  runs.code = prefix + " SELESAI";
  runs.name = "Persentase pelaksanaan " + what + " yang selesai sebelum batas waktu";
  const std::size_t si = set.add_indicator(steps);
  const std::size_t ri = set.add_indicator(runs);
  for (const auto& [key, slot] : periods) {
    Cell a;
    a.indicator = si;
    a.period = slot.first;
    a.target = target_percent;
    a.realisation = rate(slot.second.steps_on_time, slot.second.steps_judged);
    a.origin = "runs " + key;
    set.add_cell(a);
    Cell b;
    b.indicator = ri;
    b.period = slot.first;
    b.target = target_percent;
    b.realisation = rate(slot.second.runs_on_time, slot.second.runs_complete);
    b.origin = a.origin;
    set.add_cell(b);
  }
}

}  // namespace

IndicatorSet compliance_indicators(const std::vector<const RunComparison*>& comparisons,
                                   double target_percent) {
  IndicatorSet set;
  set.source = "Kepatuhan pelaksanaan SOP (sopkit runs)";
  std::map<std::string, ByPeriod> per_unit;
  std::map<std::string, std::size_t> units;
  for (const RunComparison* c : comparisons) {
    if (!c) continue;
    const std::size_t unit = set.units().find_or_add_path(c->unit);
    units[c->unit] = unit;
    ByPeriod periods;
    for (const RunResult& r : c->runs) {
      add_run(periods, r);
      add_run(per_unit[c->unit], r);
    }
    const std::string number = c->sop_number.empty() ? c->sop_title : c->sop_number;
    add_pair(set, unit, "KEPATUHAN-SOP " + number, "SOP " + number, 1.0, periods, target_percent);
  }
  for (const auto& [path, periods] : per_unit)
    add_pair(set, units[path], "KEPATUHAN-UNIT " + path, "SOP unit " + path, 0.0, periods,
             target_percent);
  return set;
}

}  // namespace sopkit
