// evaluate.cpp — achievement formulas, period accumulation, unit roll-ups,
// money/physical progress and early warning.
//
// Every formula here returns a Reason instead of a number when its inputs do
// not allow one: a report that says 0 % or 100 % for an indicator nobody
// measured is worse than a report that says "not computable: target_blank".
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "indicators/detail/formatting_sink.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"
#include "util/huge_pages.hpp"
#include "util/pipeline.hpp"

namespace sopkit {

const char* reason_name(Reason r) noexcept {
  switch (r) {
    case Reason::none:
      return "none";
    case Reason::target_blank:
      return "target_blank";
    case Reason::realisation_blank:
      return "realisation_blank";
    case Reason::target_zero:
      return "target_zero";
    case Reason::target_negative:
      return "target_negative";
    case Reason::realisation_zero:
      return "realisation_zero";
    case Reason::realisation_negative:
      return "realisation_negative";
    case Reason::not_finite:
      return "not_finite";
    case Reason::unknown_polarity:
      return "unknown_polarity";
    case Reason::weight_zero:
      return "weight_zero";
    case Reason::no_computable_indicator:
      return "no_computable_indicator";
    case Reason::too_few_quarters:
      return "too_few_quarters";
    case Reason::range_inverted:
      return "range_inverted";
    case Reason::overflow:
      return "overflow";
  }
  return "?";
}

const char* to_string(Light l) noexcept {
  switch (l) {
    case Light::none:
      return "none";
    case Light::green:
      return "green";
    case Light::yellow:
      return "yellow";
    case Light::red:
      return "red";
  }
  return "?";
}

namespace {

// Common checks of a target-like value and the realisation.
Reason check_inputs(std::optional<double> t, std::optional<double> r) noexcept {
  if (!t) return Reason::target_blank;
  if (!r) return Reason::realisation_blank;
  if (!std::isfinite(*t) || !std::isfinite(*r)) return Reason::not_finite;
  if (*t < 0) return Reason::target_negative;
  if (*r < 0) return Reason::realisation_negative;
  return Reason::none;
}

constexpr double kHalfMax = std::numeric_limits<double>::max() / 2;

// A percentage, or not computable when it does not fit a double (a target of
// 1e-308 gives 1e310 %): an output never says inf. The bulk kernels apply the
// same rule.
Achievement percentage(double ratio) noexcept {
  const double v = ratio * 100.0;
  return std::isfinite(v) ? Achievement::of(v) : Achievement::not_computable(Reason::overflow);
}

// (2T − R)/T as a percentage. 2T is not a double above DBL_MAX/2: that is an
// overflow whatever R is (the rule does not depend on whether the compiler
// fuses 2T − R into one operation, which the bulk kernels must match).
Achievement difference_percentage(double t, double r) noexcept {
  if (t > kHalfMax) return Achievement::not_computable(Reason::overflow);
  return percentage((2.0 * t - r) / t);
}

// The polarity's formula against one bound `t` (> 0 unless zero-over-zero).
// `below` says on which side of a range R lies (for a point target: R <= T).
Achievement formula(Polarity p, double t, double r, bool below, NegativeFormula nf,
                    const AchievementPolicy& policy) noexcept {
  if (t == 0) {
    if (policy.zero_over_zero_is_100 && r == 0) return Achievement::of(100.0);
    return Achievement::not_computable(Reason::target_zero);
  }
  switch (p) {
    case Polarity::positive:
      return percentage(r / t);
    case Polarity::negative:
      if (nf == NegativeFormula::ratio) {
        if (r == 0) return Achievement::not_computable(Reason::realisation_zero);
        return percentage(t / r);
      }
      return difference_percentage(t, r);
    case Polarity::range:
      return below ? percentage(r / t) : difference_percentage(t, r);
  }
  return Achievement::not_computable(Reason::unknown_polarity);
}

}  // namespace

Achievement achievement(Polarity polarity, std::optional<double> target,
                        std::optional<double> realisation, const AchievementPolicy& policy,
                        std::optional<NegativeFormula> nf) noexcept {
  if (Reason why = check_inputs(target, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  return formula(polarity, *target, *realisation, *realisation <= *target,
                 nf ? *nf : policy.negative_formula, policy);
}

Achievement achievement_in_range(Polarity polarity, std::optional<double> low,
                                 std::optional<double> high, std::optional<double> realisation,
                                 const AchievementPolicy& policy,
                                 std::optional<NegativeFormula> nf) noexcept {
  if (low.has_value() != high.has_value()) return Achievement::not_computable(Reason::target_blank);
  if (Reason why = check_inputs(low, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  if (Reason why = check_inputs(high, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  if (*low > *high) return Achievement::not_computable(Reason::range_inverted);
  const double r = *realisation;
  const NegativeFormula f = nf ? *nf : policy.negative_formula;
  if (r < *low) return formula(polarity, *low, r, true, f, policy);
  if (r > *high) return formula(polarity, *high, r, false, f, policy);
  return Achievement::of(100.0);
}

namespace {

// At most four values (a year's quarters) on the stack, so that evaluating an
// indicator allocates nothing.
template <class T>
class Few {
 public:
  void push_back(T v) {
    if (n_ == v_.size()) throw std::logic_error("a year has at most four quarters");
    v_[n_++] = std::move(v);
  }
  std::size_t size() const { return n_; }
  const T& operator[](std::size_t i) const { return v_[i]; }
  void set(std::size_t i, T v) { v_[i] = std::move(v); }
  const T& back() const { return v_[n_ - 1]; }
  const T* begin() const { return v_.data(); }
  const T* end() const { return v_.data() + n_; }

 private:
  std::array<T, 4> v_{};
  std::size_t n_ = 0;
};

template <class Values>
std::optional<double> accumulate_values(Accumulation rule, const Values& values) noexcept {
  double sum = 0.0;
  std::size_t count = 0;
  std::optional<double> last;
  for (const auto& v : values) {
    if (!v) continue;
    sum += *v;
    ++count;
    last = v;
  }
  if (count == 0) return std::nullopt;
  switch (rule) {
    case Accumulation::sum:
      return sum;
    case Accumulation::last:
      return last;
    case Accumulation::average:
      return sum / static_cast<double>(count);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> accumulate(Accumulation rule,
                                 const std::vector<std::optional<double>>& values) noexcept {
  return accumulate_values(rule, values);
}

Light deviation_light(std::optional<double> d, const DeviationLights& l) noexcept {
  if (!d || std::isnan(*d)) return Light::none;
  const bool red = l.red_inclusive ? *d <= l.red_below : *d < l.red_below;
  if (red) return Light::red;
  const bool green = l.green_inclusive ? *d >= l.green_above : *d > l.green_above;
  return green ? Light::green : Light::yellow;
}

namespace {

// A period's target side: a point target or a range.
struct Target {
  std::optional<double> point, low, high;
  bool is_range() const { return low.has_value(); }
  bool blank() const { return !point && !low; }
};

Achievement achieve(const Indicator& ind, const Target& t, std::optional<double> r,
                    const AchievementPolicy& policy) {
  if (t.is_range())
    return achievement_in_range(ind.polarity, t.low, t.high, r, policy, ind.negative_formula);
  return achievement(ind.polarity, t.point, r, policy, ind.negative_formula);
}

// The rows of the set grouped by indicator. A file lists an indicator's rows
// together (its year and quarters), so the rows are usually grouped already
// and only where each indicator's rows start is recorded; otherwise `order`
// lists the rows grouped.
struct Context {
  const IndicatorSet& set;
  const EvaluationOptions& opt;
  std::vector<std::uint32_t> start;  // indicator i's rows are row(start[i] .. start[i + 1])
  std::vector<std::uint32_t> order;  // empty: row(k) is k; 4 bytes a row (< 2^32 rows)

  Context(const IndicatorSet& s, const EvaluationOptions& o) : set(s), opt(o) {
    const std::size_t n = s.cell_count();
    start.reserve(s.indicator_count() + 1);
    detail::advise_huge_pages(start);
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
    detail::advise_huge_pages(order);
    order.resize(n);
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t row = 0; row < n; ++row)
      order[next[s.cell_indicator(row)]++] = static_cast<std::uint32_t>(row);
  }

  std::size_t row(std::size_t k) const { return order.empty() ? k : order[k]; }
};

using Quarters = Few<const Cell*>;  // quarters 1..n of a year, null where absent

// The values of one column of the quarters (nullopt where absent).
Few<std::optional<double>> column(const Quarters& qs, std::optional<double> Cell::*member) {
  Few<std::optional<double>> v;
  for (const Cell* c : qs) v.push_back(c ? c->*member : std::nullopt);
  return v;
}

// One indicator's cells in chronological order, each decoded from the set
// when first read. Evaluating an indicator looks up its year and quarters
// several times: here a lookup is a search of a few periods already in
// cache. One period's evaluation reads only the cells it needs (Q1 and Q2
// for 2024-Q2, not the year or Q3 and Q4).
class IndicatorCells {
 public:
  explicit IndicatorCells(const Context& cx) : cx_(cx) {}

  // Reads indicator i's periods and sorts its rows chronologically (a few,
  // nearly in order: an insertion sort; a long series: std::sort).
  void load(std::size_t ind) {
    ind_ = ind;
    rows_.clear();
    for (std::size_t k = cx_.start[ind]; k < cx_.start[ind + 1]; ++k) {
      const std::size_t row = cx_.row(k);
      rows_.emplace_back(cx_.set.cell_period(row), row);
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

  std::size_t index() const { return ind_; }
  const Indicator& indicator() const { return cx_.set.indicator(ind_); }
  std::size_t size() const { return rows_.size(); }
  const Period& period(std::size_t j) const { return rows_[j].first; }
  const Cell& cell(std::size_t j) const {
    if (!decoded_[j]) cx_.set.cell_values(rows_[j].second, cells_[j]);
    decoded_[j] = 1;
    return cells_[j];
  }

  // The cell of period p, or null.
  const Cell* find(const Period& p) const {
    const std::size_t j = first_not_before(p);
    return j < size() && period(j) == p ? &cell(j) : nullptr;
  }

  // Quarters 1..upto of a year. They sit together in chronological order.
  Quarters quarters(int year, int upto) const {
    Quarters out;
    for (int q = 1; q <= upto; ++q) out.push_back(nullptr);
    for (std::size_t j = first_not_before(Period::of_quarter(year, 1));
         j < size() && period(j).kind == Period::Kind::quarter && period(j).year == year; ++j)
      if (period(j).quarter <= upto) out.set(period(j).quarter - 1, &cell(j));
    return out;
  }

  // The years with quarterly rows, in order.
  std::vector<int> quarter_years() const {
    std::vector<int> years;
    for (const auto& [p, row] : rows_)
      if (p.kind == Period::Kind::quarter && (years.empty() || years.back() != p.year))
        years.push_back(p.year);
    return years;
  }

  // An annual target from the quarters: all four quarter targets for `sum` and
  // `average`, the Q4 target for `last` (a Q2 target is not the year's).
  Target derive_annual_target(int year) const {
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

  // The year's target: the annual row's, else derived from the quarters.
  Target annual_target(int year) const {
    if (const Cell* a = find(Period::of_year(year)); a && (a->target || a->target_low))
      return Target{a->target, a->target_low, a->target_high};
    return derive_annual_target(year);
  }

  // The realisation of a year: the annual row's, else its quarters' by the rule.
  std::optional<double> annual_realisation(int year, bool* derived) const {
    if (const Cell* c = find(Period::of_year(year)); c && c->realisation) return c->realisation;
    const auto v =
        accumulate_values(indicator().accumulation, column(quarters(year, 4), &Cell::realisation));
    if (v && derived) *derived = true;
    return v;
  }

 private:
  std::size_t first_not_before(const Period& p) const {
    const auto it = std::lower_bound(
        rows_.begin(), rows_.end(), p,
        [](const std::pair<Period, std::size_t>& r, const Period& q) { return r.first < q; });
    return static_cast<std::size_t>(it - rows_.begin());
  }

  const Context& cx_;
  std::size_t ind_ = 0;
  std::vector<std::pair<Period, std::size_t>> rows_;  // (period, row), chronological
  mutable std::vector<char> decoded_;  // not vector<bool>: a byte is read faster than a bit
  mutable std::vector<Cell> cells_;
};

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

// A straight line y = intercept + slope * x.
struct Line {
  double intercept, slope;
  double at(double x) const { return intercept + slope * x; }
};

// The least-squares line through (x, y). Needs >= 2 points at two x or more
// (quarters are distinct). The normal equations in deviations from the
// means: well conditioned for x in 1..4, and a tenth of the time of a QR
// factorisation (a national evaluation fits a line for each indicator).
Line fit_line(const Few<double>& x, const Few<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
  }
  const double mx = sx / n, my = sy / n;
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const double slope = sxy / sxx;
  return Line{my - slope * mx, slope};
}

// The reported quarters as points (quarter, value): cumulative for `sum`,
// the level otherwise; `levels` gets the plain values.
struct QuarterPoints {
  Few<double> xs, ys, levels;
  double cumulative = 0.0;
};

QuarterPoints quarter_points(const Quarters& qs, int reported, Accumulation rule) {
  QuarterPoints pts;
  for (int q = 1; q <= reported; ++q) {
    const Cell* c = qs[static_cast<std::size_t>(q - 1)];
    if (!c || !c->realisation) continue;
    pts.cumulative += *c->realisation;
    pts.xs.push_back(q);
    pts.levels.push_back(*c->realisation);
    pts.ys.push_back(rule == Accumulation::sum ? pts.cumulative : *c->realisation);
  }
  return pts;
}

double mean(const Few<double>& values) {
  double s = 0;
  for (double v : values) s += v;
  return s / static_cast<double>(values.size());
}

// Year-end realisation at the pace so far: `sum` scales the total by 4/k.
double pace_realisation(const QuarterPoints& pts, int reported, Accumulation rule) {
  switch (rule) {
    case Accumulation::sum:
      return pts.cumulative * 4.0 / reported;
    case Accumulation::last:
      return pts.levels.back();
    case Accumulation::average:
      break;
  }
  return mean(pts.levels);
}

// Year-end realisation on the least-squares line (two points or more).
double trend_realisation(const QuarterPoints& pts, int reported, Accumulation rule) {
  double at_year_end = 0.0;
  if (rule == Accumulation::average) {
    // The year's mean: reported quarters plus the line's later quarters.
    double s = 0;
    for (double v : pts.levels) s += v;
    const Line line = fit_line(pts.xs, pts.ys);
    for (int q = reported + 1; q <= 4; ++q) s += line.at(q);
    at_year_end =
        s / static_cast<double>(pts.levels.size() + static_cast<std::size_t>(4 - reported));
  } else {
    at_year_end = fit_line(pts.xs, pts.ys).at(4.0);
  }
  // A falling line may cross zero; a negative quantity is no realisation.
  return at_year_end < 0 ? 0.0 : at_year_end;
}

EarlyWarning project_year(const IndicatorCells& cells, int year, int reported, const Quarters& qs,
                          const EvaluationOptions& opt) {
  const Indicator& ind = cells.indicator();
  EarlyWarning w;
  w.indicator = cells.index();
  w.year = year;
  w.quarters_reported = reported;
  const Target t = cells.annual_target(year);
  w.annual_target = t.point;
  w.annual_target_low = t.low;
  w.annual_target_high = t.high;
  const QuarterPoints pts = quarter_points(qs, reported, ind.accumulation);
  w.pace_realisation = pace_realisation(pts, reported, ind.accumulation);
  w.pace = achieve(ind, t, w.pace_realisation, opt.policy);
  if (pts.xs.size() >= 2) {
    w.trend_realisation = trend_realisation(pts, reported, ind.accumulation);
    w.trend = achieve(ind, t, w.trend_realisation, opt.policy);
  } else {
    w.trend = Achievement::not_computable(Reason::too_few_quarters);
  }
  w.projected = w.trend.computable() ? w.trend : w.pace;
  w.warn =
      opt.warning.enabled && w.projected.computable() && w.projected.value < opt.warning.threshold;
  return w;
}

// Appends indicator i's early warnings, a year at a time; `cells` is the
// buffer its cells are read into.
void warnings_of(std::size_t i, IndicatorCells& cells, const EvaluationOptions& opt,
                 std::vector<EarlyWarning>& out) {
  cells.load(i);
  for (int year : cells.quarter_years()) {
    int upto = 4;
    if (opt.period) {
      if (year < opt.period->year || year > opt.period->end_year) continue;
      if (opt.period->kind == Period::Kind::quarter) upto = opt.period->quarter;
    }
    const Quarters qs = cells.quarters(year, upto);
    int reported = 0;
    for (int q = 1; q <= upto; ++q)
      if (qs[static_cast<std::size_t>(q - 1)] && qs[static_cast<std::size_t>(q - 1)]->realisation)
        reported = q;
    // Nothing to project from, or nothing left to project.
    if (reported == 0 || reported == 4) continue;
    out.push_back(project_year(cells, year, reported, qs, opt));
  }
}

}  // namespace

namespace {

// Per period, per unit, the weighted mean of capped achievement of every
// indicator in the unit's subtree: each result is added to its unit and the
// unit's ancestors, in the order of the results.
// swc / weight_sum, or the scaled sums' quotient when the plain ones overflow
// (the plain quotient is kept otherwise: it is the one the bulk kernel gives).
Achievement weighted_mean(double swc, double weight_sum, double scaled_swc,
                          double scaled_weight_sum) noexcept {
  const double plain = swc / weight_sum;
  if (std::isfinite(swc) && std::isfinite(weight_sum)) return Achievement::of(plain);
  const double scaled = scaled_swc / scaled_weight_sum;
  return std::isfinite(scaled) ? Achievement::of(scaled)
                               : Achievement::not_computable(Reason::overflow);
}

// The version of the options' scale in force at each period's end, looked up
// once per period. A period older than the scale's first version is not an
// error of the run: its results are computed but carry no band, and a note
// in the evaluation says why.
class ScaleOfPeriod {
 public:
  ScaleOfPeriod(const EvaluationOptions& opt, std::vector<std::string>& notes)
      : opt_(opt), notes_(notes) {}

  const RatingScale* operator()(const Period& p) {
    if (!has_last_ || !(p == last_period_)) {
      last_scale_ = lookup(p);
      last_period_ = p;
      has_last_ = true;
    }
    return last_scale_;
  }

 private:
  const RatingScale* lookup(const Period& p) {
    for (const auto& [period, scale] : seen_)
      if (period == p) return scale;
    const std::string date = p.end_date();
    const RatingScale* scale = opt_.scales.in_force_or_null(opt_.scale, date);
    if (!scale)
      notes_.push_back("rating scale '" + opt_.scale +
                       "': no version of the scale is in force on " + date +
                       ", so the results of " + p.to_string() +
                       " are computed but not rated (no band, no predicate)");
    seen_.emplace_back(p, scale);
    return scale;
  }

  const EvaluationOptions& opt_;
  std::vector<std::string>& notes_;
  std::vector<std::pair<Period, const RatingScale*>> seen_;
  Period last_period_;
  const RatingScale* last_scale_ = nullptr;
  bool has_last_ = false;
};

// Band and predicate of a score under `scale`; none when no scale is in force.
template <class Result>
void rate(Result& r, double score, const RatingScale* scale) {
  if (!scale) return;
  r.band = scale->band(score);
  r.predicate = scale->label(r.band);
}

// What a roll-up needs of one result: 24 bytes instead of the result's ~300.
struct Scored {
  std::uint32_t period_slot = 0;  // index into the periods met, in order of meeting
  std::uint32_t indicator = 0;
  double score = 0.0;
  bool computable = false;
};

// The periods of the results in order of meeting, and each result's slot.
class ScoredResults {
 public:
  void reserve(std::size_t results) {
    scored_.reserve(results);
    detail::advise_huge_pages(scored_);
  }
  void add(const IndicatorResult& r) {
    if (periods_.empty() || !(periods_[last_slot_] == r.period)) last_slot_ = slot_of(r.period);
    scored_.push_back(Scored{static_cast<std::uint32_t>(last_slot_),
                             static_cast<std::uint32_t>(r.indicator), r.score,
                             r.achievement.computable()});
  }
  const std::vector<Period>& periods() const { return periods_; }
  // The results of each slot, each slot's in the order they were added.
  std::vector<std::vector<Scored>> by_slot() const {
    std::vector<std::vector<Scored>> slots(periods_.size());
    std::vector<std::size_t> counts(periods_.size());
    for (const Scored& s : scored_) ++counts[s.period_slot];
    for (std::size_t k = 0; k < slots.size(); ++k) {
      slots[k].reserve(counts[k]);
      detail::advise_huge_pages(slots[k]);
    }
    for (const Scored& s : scored_) slots[s.period_slot].push_back(s);
    return slots;
  }

 private:
  std::size_t slot_of(const Period& p) {
    const auto [it, added] = slots_.emplace(p, periods_.size());
    if (added) periods_.push_back(p);
    return it->second;
  }
  std::map<Period, std::size_t> slots_;
  std::vector<Period> periods_;
  std::size_t last_slot_ = 0;
  std::vector<Scored> scored_;
};

struct UnitSum {
  double swc = 0.0, weight_sum = 0.0;
  double scaled_swc = 0.0, scaled_weight_sum = 0.0;
  std::size_t included = 0, excluded = 0;
  bool any = false;
};

UnitResult unit_result(std::size_t u, const Period& p, const UnitSum& s, const RatingScale* scale) {
  UnitResult ur;
  ur.unit = u;
  ur.period = p;
  ur.included = s.included;
  ur.excluded = s.excluded;
  ur.weight_sum = s.weight_sum;
  if (ur.included == 0)
    ur.achievement = Achievement::not_computable(Reason::no_computable_indicator);
  else if (ur.weight_sum == 0)
    ur.achievement = Achievement::not_computable(Reason::weight_zero);
  else
    ur.achievement = weighted_mean(s.swc, s.weight_sum, s.scaled_swc, s.scaled_weight_sum);
  rate(ur, ur.achievement.value, scale);
  return ur;
}

void roll_up(const IndicatorSet& set, const ScoredResults& results, ScaleOfPeriod& scale_of,
             EvaluationSink& sink) {
  std::vector<std::size_t> slots_in_order(results.periods().size());
  for (std::size_t i = 0; i < slots_in_order.size(); ++i) slots_in_order[i] = i;
  const auto& periods = results.periods();
  std::sort(slots_in_order.begin(), slots_in_order.end(),
            [&](std::size_t a, std::size_t b) { return periods[a] < periods[b]; });
  const std::vector<std::vector<Scored>> by_slot = results.by_slot();
  const UnitTree& units = set.units();
  // Weights near DBL_MAX overflow w·score and the weight sum; the same sums
  // over weights divided by the largest weight do not, and give the same mean.
  double max_weight = 0.0;
  for (std::size_t i = 0; i < set.indicator_count(); ++i)
    max_weight = std::max(max_weight, set.indicator(i).weight);
  std::vector<UnitSum> sums;
  for (std::size_t slot : slots_in_order) {
    sums.assign(units.size(), UnitSum{});
    for (const Scored& r : by_slot[slot]) {
      const Indicator& ind = set.indicator(r.indicator);
      for (std::optional<std::size_t> u = ind.unit; u; u = units.parent(*u)) {
        UnitSum& s = sums[*u];
        s.any = true;
        if (!r.computable) {
          ++s.excluded;
          continue;
        }
        ++s.included;
        s.weight_sum += ind.weight;
        s.swc += ind.weight * r.score;
        s.scaled_weight_sum += ind.weight / max_weight;
        s.scaled_swc += ind.weight / max_weight * r.score;
      }
    }
    const RatingScale* scale = scale_of(periods[slot]);
    for (std::size_t u = 0; u < units.size(); ++u)
      if (sums[u].any) sink.unit(unit_result(u, periods[slot], sums[u], scale));
  }
}

// Keeps every piece: evaluate() returning an Evaluation.
class HoldingSink : public EvaluationSink {
 public:
  explicit HoldingSink(Evaluation& ev) : ev_(ev) {}
  void indicator(const IndicatorResult& r) override { ev_.indicators.push_back(r); }
  void unit(const UnitResult& u) override { ev_.units.push_back(u); }
  void warning(const EarlyWarning& w) override { ev_.warnings.push_back(w); }
  void note(const std::string& n) override { ev_.notes.push_back(n); }

 private:
  Evaluation& ev_;
};

// What the computing stage hands the writing stage: the results of a run of
// cells, later the early warnings of a run of indicators, and their text when
// the computing stage wrote it.
struct Computed {
  std::vector<IndicatorResult> results;
  std::vector<EarlyWarning> warnings;
  std::string text;
  bool written = false;
};

// The computing stage: the results of the cells asked for, indicator by
// indicator, rated, then the early warnings, a batch at a time. Reads only
// the set; rates through `scale_of`, which only this stage uses until the
// last result is handed over. With a formatting sink, a batch is also written
// while the writing stage is busy with earlier ones.
class Computing {
 public:
  Computing(const Context& cx, ScaleOfPeriod& scale_of, const EvaluationSink& sink)
      : cx_(cx),
        cells_(cx),
        scale_of_(scale_of),
        writer_(dynamic_cast<const detail::FormattingSink*>(&sink)),
        warnings_(sink.wants_warnings()) {}

  // A batch holds whole indicators: about kBatch results, then warnings.
  bool operator()(Computed& batch, bool writer_busy) {
    batch.results.clear();
    batch.warnings.clear();
    batch.written = false;
    if (!compute(batch)) return false;
    if (writer_ && writer_busy) {
      if (!batch.results.empty())
        writer_->format_indicators(batch.results.data(), batch.results.size(), batch.text);
      else
        writer_->format_warnings(batch.warnings.data(), batch.warnings.size(), batch.text);
      batch.written = true;
    }
    return true;
  }

 private:
  bool compute(Computed& batch) {
    constexpr std::size_t kBatch = 512;
    const EvaluationOptions& opt = cx_.opt;
    const std::size_t n = cx_.set.indicator_count();
    // In the indicators' order, each one's cells in chronological order.
    while (evaluated_ < n && batch.results.size() < kBatch) {
      const std::size_t i = evaluated_++;
      cells_.load(i);
      for (std::size_t j = 0; j < cells_.size(); ++j) {
        if (opt.period && cells_.period(j) != *opt.period) continue;
        IndicatorResult r = evaluate_cell(cells_, cells_.cell(j), opt);
        r.score = apply_cap(r.achievement.value, opt.cap);
        rate(r, r.score, scale_of_(r.period));
        batch.results.push_back(std::move(r));
      }
    }
    if (!batch.results.empty() || !warnings_) return !batch.results.empty();
    while (warned_ < n && batch.warnings.size() < kBatch)
      warnings_of(warned_++, cells_, opt, batch.warnings);
    return !batch.warnings.empty();
  }

  const Context& cx_;
  IndicatorCells cells_;
  ScaleOfPeriod& scale_of_;
  const detail::FormattingSink* writer_;  // null: the sink is not one
  bool warnings_;
  std::size_t evaluated_ = 0, warned_ = 0;
};

// The writing stage: hands a batch to the sink, its text when it was written.
void hand_over(Computed& batch, EvaluationSink& sink) {
  auto* writer = static_cast<detail::FormattingSink*>(&sink);  // only when written
  if (!batch.results.empty()) {
    if (batch.written)
      writer->indicators_text(batch.text, batch.results.size());
    else
      for (const IndicatorResult& r : batch.results) sink.indicator(r);
    return;
  }
  if (batch.written)
    writer->warnings_text(batch.text, batch.warnings.size());
  else
    for (const EarlyWarning& w : batch.warnings) sink.warning(w);
}

// Below this many rows a second thread costs more than it saves.
constexpr std::size_t kRowsWorthAThread = 8192;

}  // namespace

void evaluate(const IndicatorSet& set, const EvaluationOptions& opt, EvaluationSink& sink) {
  if (opt.period) {
    const std::vector<Period> held = set.periods();
    if (!std::binary_search(held.begin(), held.end(), *opt.period))
      throw Error(ErrorCode::invalid_argument,
                  "the data hold no row for period " + opt.period->to_string());
  }
  const Context cx(set, opt);
  std::vector<std::string> notes;
  ScaleOfPeriod scale_of(opt, notes);
  ScoredResults scored;
  scored.reserve(opt.period ? set.indicator_count() : set.cell_count());
  bool rolled_up = false;
  // The roll-ups follow the last result and precede the first warning.
  auto roll_up_once = [&] {
    if (!rolled_up) roll_up(set, scored, scale_of, sink);
    rolled_up = true;
  };
  // The sink is called on the caller's thread only, in the order of the
  // single-threaded walk; only the computing (and a formatting sink's
  // format_ calls) may run on a second thread.
  const bool background = opt.threads > 1 && set.cell_count() >= kRowsWorthAThread;
  detail::run_pipeline<Computed>(background, Computing(cx, scale_of, sink), [&](Computed& batch) {
    for (const IndicatorResult& r : batch.results) scored.add(r);
    if (!batch.warnings.empty()) roll_up_once();
    hand_over(batch, sink);
  });
  roll_up_once();
  for (const std::string& note : notes) sink.note(note);
}

Evaluation evaluate(const IndicatorSet& set, const EvaluationOptions& opt) {
  Evaluation ev;
  // At most a result per cell (per indicator for one period) and a warning
  // per indicator and year: a national evaluation holds ~100 MB, reserved
  // once on huge pages instead of doubling onto 4 KiB pages.
  ev.indicators.reserve(opt.period ? set.indicator_count() : set.cell_count());
  detail::advise_huge_pages(ev.indicators);
  ev.warnings.reserve(set.indicator_count());
  detail::advise_huge_pages(ev.warnings);
  HoldingSink holder(ev);
  evaluate(set, opt, holder);
  return ev;
}

}  // namespace sopkit
