// monev_model.cpp — every figure of the monev report, computed once
// (render/detail/monev_model.hpp).
#include "render/detail/monev_model.hpp"

#include <cmath>
#include <cstdio>

#include "sopkit/render.hpp"

namespace sopkit::detail {

std::string ReportWords::number(std::optional<double> v, int decimals) const {
  if (!v || !std::isfinite(*v)) return "–";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  std::string s(buf);
  // Thousands separators for large amounts (rupiah).
  std::size_t dot = s.find('.');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::size_t first = s[0] == '-' ? 1 : 0;
  std::string grouped;
  for (std::size_t i = first; i < int_end; ++i) {
    grouped += s[i];
    std::size_t left = int_end - i - 1;
    if (left > 0 && left % 3 == 0) grouped += en_ ? ',' : '.';
  }
  std::string out = (first ? "-" : "") + grouped;
  if (dot != std::string::npos) out += (en_ ? "." : ",") + s.substr(dot + 1);
  return out;
}

std::string ReportWords::period_name(const Period& p) const {
  static const char* const kRoman[] = {"I", "II", "III", "IV"};
  if (p.kind == Period::Kind::quarter)
    return en_ ? "Quarter " + std::to_string(p.quarter) + ", " + std::to_string(p.year)
               : "Triwulan " + std::string(kRoman[p.quarter - 1]) + " " + std::to_string(p.year);
  return (en_ ? "Year " : "Tahun ") + p.to_string();
}

namespace {

std::vector<MonevScheduleRow> schedule_rows(const Sop& sop, const Schedule& plan) {
  const SopDocument& doc = sop.document();
  std::vector<MonevScheduleRow> rows;
  for (const auto& p : plan.steps) {
    const std::uint32_t si = sop.step_index(p.id);
    const Step& s = doc.steps[si];
    const std::uint32_t ai = sop.step_actor(si);
    rows.push_back(
        {p.id, s.activity, ai == kNoIndex ? s.actor : doc.actors[ai].name, p.start, p.end});
  }
  return rows;
}

std::vector<Holiday> holidays_in_run(const WorkCalendar& calendar, const Schedule& plan) {
  std::vector<Holiday> out;
  for (const auto& hd : calendar.holidays())
    if (hd.date >= date_of(plan.start) && hd.date <= date_of(plan.due)) out.push_back(hd);
  return out;
}

// The top units (depth 0 and 1) in each quarter of the report's year.
std::vector<MonevTrend> trend_of(const IndicatorSet& set, const Evaluation& all, int year) {
  std::vector<MonevTrend> out;
  for (std::size_t u = 0; u < set.units().size(); ++u) {
    if (set.units().depth(u) > 1) continue;
    MonevTrend t{set.units().name(u), std::vector<std::optional<double>>(4)};
    for (const auto& r : all.units)
      if (r.unit == u && r.period.kind == Period::Kind::quarter && r.period.year == year &&
          r.achievement.computable())
        t.quarters[static_cast<std::size_t>(r.period.quarter - 1)] = r.achievement.value;
    out.push_back(std::move(t));
  }
  return out;
}

// The runs against the calendar, and compliance as indicators in the
// report's quarter and year.
MonevRuns runs_of(const RunLog& log, const WorkCalendar& calendar, const Period& period) {
  MonevRuns r{log, compare_runs(log, calendar), {}, {}};
  r.compliance_set = compliance_indicators({&r.comparison});
  const Period year = Period::of_year(period.year);
  for (auto& result : evaluate(r.compliance_set).indicators)
    if (result.period == period || result.period == year) r.compliance.push_back(std::move(result));
  return r;
}

}  // namespace

MonevModel compute_monev_model(const Sop& sop, const IndicatorSet& set,
                               const WorkCalendar& calendar, const MonevOptions& options,
                               const MonevStage& stage) {
  const ReportWords w(options.lang);
  MonevModel m(sop, set, calendar, options);
  m.evaluation.period = options.period;
  stage("evaluasi capaian", "evaluating achievement");
  m.ev = evaluate(set, m.evaluation);
  m.scale = m.evaluation.scales.in_force_or_null(m.evaluation.scale, options.period.end_date());
  stage("tren antar triwulan", "trend across quarters");
  EvaluationOptions all_periods = options.evaluation;
  all_periods.period.reset();
  all_periods.warning.enabled = false;
  m.all = evaluate(set, all_periods);
  m.trend = trend_of(set, m.all, options.period.year);
  stage("jadwal monev", "monev schedule");
  m.plan = schedule(sop, calendar, options.start);
  m.schedule = schedule_rows(sop, m.plan);
  m.holidays = holidays_in_run(calendar, m.plan);
  m.agency = sop.document().organization.agency.value_or(
      set.units().size() ? set.units().name(0) : std::string(w.t("Perangkat Daerah", "Agency")));
  m.period_name = w.period_name(options.period);
  if (options.runs) m.runs.emplace(runs_of(*options.runs, calendar, options.period));
  RenderOptions ro;
  ro.lang = options.lang;
  ro.id_prefix = "sop-";
  m.sop_pages = layout_sop_table(sop, ro).pages.size();
  return m;
}

}  // namespace sopkit::detail
