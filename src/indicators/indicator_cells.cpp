// indicator_cells.cpp — see indicators/detail/indicator_cells.hpp.
#include "indicators/detail/indicator_cells.hpp"

#include <algorithm>

#include "util/huge_pages.hpp"

namespace sopkit::detail {

RowsByIndicator::RowsByIndicator(const IndicatorSet& s) : set(s) {
  const std::size_t n = s.cell_count();
  start.reserve(s.indicator_count() + 1);
  advise_huge_pages(start);
  start.assign(s.indicator_count() + 1, 0);
  // Indicators are numbered in the order they are first met: grouped rows
  // have indicator numbers that never go down.
  bool grouped = true;
  std::size_t last = 0;
  for (std::size_t row = 0; row < n; ++row) {
    const std::size_t i = s.cell_indicator(row);
    ++start[i + 1];
    grouped = grouped && i >= last;
    last = i;
  }
  for (std::size_t i = 0; i < s.indicator_count(); ++i) start[i + 1] += start[i];
  if (grouped) return;
  order.reserve(n);
  advise_huge_pages(order);
  order.resize(n);
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t row = 0; row < n; ++row)
    order[next[s.cell_indicator(row)]++] = static_cast<std::uint32_t>(row);
}

// The values of one column of the quarters (nullopt where absent).
Few<std::optional<double>> column(const Quarters& qs, std::optional<double> Cell::*member) {
  Few<std::optional<double>> v;
  for (const Cell* c : qs) v.push_back(c ? c->*member : std::nullopt);
  return v;
}

void IndicatorCells::load(std::size_t ind) {
  ind_ = ind;
  rows_.clear();
  for (std::size_t k = grouped_.start[ind]; k < grouped_.start[ind + 1]; ++k) {
    const std::size_t row = grouped_.row(k);
    rows_.emplace_back(grouped_.set.cell_period(row), row);
  }
  if (rows_.size() > 8)
    std::sort(rows_.begin(), rows_.end());
  else
    for (std::size_t i = 1; i < rows_.size(); ++i)
      for (std::size_t j = i; j > 0 && rows_[j].first < rows_[j - 1].first; --j)
        std::swap(rows_[j], rows_[j - 1]);
  decoded_.assign(rows_.size(), 0);
  cells_.resize(rows_.size());  // the buffers keep their room: no allocation a load
}

Quarters IndicatorCells::quarters(int year, int upto) const {
  Quarters out;
  for (int q = 1; q <= upto; ++q) out.push_back(nullptr);
  for (std::size_t j = first_not_before(Period::of_quarter(year, 1));
       j < size() && period(j).kind == Period::Kind::quarter && period(j).year == year; ++j)
    if (period(j).quarter <= upto) out.set(period(j).quarter - 1, &cell(j));
  return out;
}

Target IndicatorCells::derive_annual_target(int year) const {
  const Accumulation rule = indicator().accumulation;
  const Quarters qs = quarters(year, 4);
  Target t;
  auto one = [&](std::optional<double> Cell::*member) -> std::optional<double> {
    const auto v = column(qs, member);
    if (rule == Accumulation::last) return v[3];
    for (const auto& x : v)
      if (!x) return std::nullopt;
    return accumulate_values(rule, v);
  };
  t.point = one(&Cell::target);
  t.low = one(&Cell::target_low);
  t.high = one(&Cell::target_high);
  if (!t.low || !t.high) t.low = t.high = std::nullopt;
  if (t.low) t.point = std::nullopt;
  return t;
}

Target IndicatorCells::annual_target(int year) const {
  if (const Cell* a = find(Period::of_year(year)); a && (a->target || a->target_low))
    return Target{a->target, a->target_low, a->target_high};
  return derive_annual_target(year);
}

std::optional<double> IndicatorCells::annual_realisation(int year, bool* derived) const {
  if (const Cell* c = find(Period::of_year(year)); c && c->realisation) return c->realisation;
  const auto v =
      accumulate_values(indicator().accumulation, column(quarters(year, 4), &Cell::realisation));
  if (v && derived) *derived = true;
  return v;
}

std::size_t IndicatorCells::first_not_before(const Period& p) const {
  const auto it = std::lower_bound(
      rows_.begin(), rows_.end(), p,
      [](const std::pair<Period, std::size_t>& r, const Period& q) { return r.first < q; });
  return static_cast<std::size_t>(it - rows_.begin());
}

IndicatorResult evaluate_cell(const IndicatorCells& cells, const Cell& c,
                              const EvaluationOptions& opt) {
  const Indicator& ind = cells.indicator();
  const AchievementPolicy& policy = opt.policy;
  IndicatorResult r;
  r.indicator = c.indicator;
  r.period = c.period;
  Target t{c.target, c.target_low, c.target_high};
  std::optional<double> real = c.realisation;

  if (c.period.kind == Period::Kind::year) {
    if (t.blank()) {
      t = cells.derive_annual_target(c.period.year);
      r.target_from_parts = !t.blank();
    }
    if (!real) real = cells.annual_realisation(c.period.year, &r.realisation_from_parts);
  } else if (c.period.kind == Period::Kind::multi_year && !real) {
    // Renstra: the years of the span by the rule (`last` = the latest year,
    // never a sum of rates).
    std::vector<std::optional<double>> years;
    bool derived = false;
    for (int y = c.period.year; y <= c.period.end_year; ++y)
      years.push_back(cells.annual_realisation(y, &derived));
    real = accumulate(ind.accumulation, years);
    r.realisation_from_parts = real.has_value();
  }
  r.target = t.point;
  r.target_low = t.low;
  r.target_high = t.high;
  r.realisation = real;
  r.achievement = achieve(ind, t, real, policy);

  if (c.period.kind == Period::Kind::quarter) {
    const Quarters qs = cells.quarters(c.period.year, c.period.quarter);
    Target yt;
    yt.point = accumulate_values(ind.accumulation, column(qs, &Cell::target));
    yt.low = accumulate_values(ind.accumulation, column(qs, &Cell::target_low));
    yt.high = accumulate_values(ind.accumulation, column(qs, &Cell::target_high));
    if (!yt.low || !yt.high) yt.low = yt.high = std::nullopt;
    if (yt.low) yt.point = std::nullopt;
    r.ytd_target = yt.low ? std::nullopt : yt.point;
    r.ytd_realisation = accumulate_values(ind.accumulation, column(qs, &Cell::realisation));
    r.ytd_achievement = achieve(ind, yt, r.ytd_realisation, policy);
  }

  if (c.budget && c.budget_realisation && *c.budget > 0)
    r.absorption = *c.budget_realisation / *c.budget * 100.0;
  if (r.absorption && r.achievement.computable())
    r.efficiency = r.achievement.value - *r.absorption;
  if (r.absorption && c.financial_plan) r.financial_deviation = *r.absorption - *c.financial_plan;
  if (c.physical_plan && c.physical_realisation)
    r.physical_deviation = *c.physical_realisation - *c.physical_plan;
  r.financial_light = deviation_light(r.financial_deviation, opt.lights);
  r.physical_light = deviation_light(r.physical_deviation, opt.lights);
  return r;
}

}  // namespace sopkit::detail
