// early_warning.cpp — the projected year-end achievement of an indicator
// from its reported quarters: at the pace so far and on the least-squares
// line through them.
#include <cstddef>
#include <vector>

#include "indicators/detail/indicator_cells.hpp"

namespace sopkit::detail {

namespace {

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

}  // namespace

void warnings_of(std::size_t i, IndicatorCells& cells, const EvaluationOptions& opt,
                 std::vector<EarlyWarning>& out) {
  cells.load(i);
  // Each year with quarterly rows once, in order (the cells are
  // chronological), without a list of them made per indicator.
  bool any_quarter = false;
  int last_year = 0;
  for (std::size_t j = 0; j < cells.size(); ++j) {
    const Period& p = cells.period(j);
    if (p.kind != Period::Kind::quarter || (any_quarter && p.year == last_year)) continue;
    any_quarter = true;
    last_year = p.year;
    const int year = p.year;
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

}  // namespace sopkit::detail
