// monev_html.cpp — the monev report's HTML page, written from the model
// (render/detail/monev_model.hpp): cover, the run's schedule on the calendar
// (Gantt), achievement per unit, roll-ups, charts, early warnings, efficiency
// and deviations, the SOP's runs, the SOP table.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "render/detail/monev_model.hpp"
#include "render/detail/svg_canvas.hpp"
#include "sopkit/error.hpp"
#include "sopkit/render.hpp"
#include "sopkit/report.hpp"

namespace sopkit {

namespace {

using detail::MonevModel;
using detail::MonevTrend;
using detail::num;
using detail::SvgCanvas;
using Writer = detail::ReportWords;

// Band colours from the lowest band (red) to the highest (green); grey when
// not computable. Scales with other band counts pick by position.
std::string band_colour(std::size_t band, std::size_t bands) {
  static const char* const kPalette[] = {"#c62828", "#ef6c00", "#f9a825", "#7cb342", "#2e7d32"};
  if (band == 0 || bands == 0) return "#9e9e9e";
  if (bands == 1) return kPalette[4];
  double t = static_cast<double>(band - 1) / static_cast<double>(bands - 1);
  return kPalette[static_cast<int>(std::lround(t * 4))];
}

const char* light_colour(Light l) {
  switch (l) {
    case Light::green:
      return "#2e7d32";
    case Light::yellow:
      return "#f9a825";
    case Light::red:
      return "#c62828";
    case Light::none:
      break;
  }
  return "#9e9e9e";
}

std::string esc(std::string_view s) {
  return xml_escape(s);
}

// What the section writers read: the model and the words of its language.
struct Context {
  const MonevModel& m;
  const Writer w;
};

// ---- Gantt chart of the monev run -------------------------------------------

std::string gantt_svg(const Sop& sop, const Schedule& plan, const WorkCalendar& calendar,
                      const Writer& w) {
  const SopDocument& doc = sop.document();
  const Date first = date_of(plan.start);
  const Date last = date_of(plan.due);
  const double days = static_cast<double>(last - first + 1);
  const double label_w = 300, chart_w = 760, row_h = 18, top = 34;
  const double day_w = chart_w / days;
  const double height = top + row_h * static_cast<double>(plan.steps.size()) + 30;
  SvgCanvas g;
  g.out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"gantt\" class=\"chart\" viewBox=\"0 0 " +
          num(label_w + chart_w + 10) + " " + num(height) +
          "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  auto x_of = [&](Instant t) {
    return label_w + static_cast<double>(t - start_of(first)) / 1440.0 * day_w;
  };
  // Weekends light grey, holidays and cuti bersama red, each with its name.
  for (Date d = first; d <= last; ++d) {
    Weekday wd = weekday_of(d);
    if (wd == Weekday::saturday || wd == Weekday::sunday)
      g.rect(label_w + static_cast<double>(d - first) * day_w, top - 4, day_w, height - top - 22,
             "fill:#eeeeee;stroke:none", "class=\"weekend\"");
  }
  for (const auto& h : calendar.holidays()) {
    if (h.date < first || h.date > last) continue;
    g.out += "<g class=\"holiday\" data-date=\"" + format_date(h.date) + "\"><title>" +
             esc(format_date(h.date) + " " + h.name) + "</title>";
    g.rect(label_w + static_cast<double>(h.date - first) * day_w, top - 4, day_w, height - top - 22,
           "fill:#ffcdd2;stroke:none");
    g.out += "</g>\n";
  }
  // Month ticks: the first of each month and the first day.
  for (Date d = first; d <= last; ++d) {
    std::string iso = format_date(d);
    if (d == first || iso.substr(8) == "01") {
      double x = label_w + static_cast<double>(d - first) * day_w;
      g.line(x, top - 8, x, height - 26, "stroke:#999;stroke-dasharray:2,2");
      g.text(x + 2, top - 12, iso, 9);
    }
  }
  double y = top;
  for (const auto& p : plan.steps) {
    std::uint32_t si = sop.step_index(p.id);
    const Step& s = doc.steps[si];
    std::string label = p.id + ". " + s.activity;
    auto lines = wrap_text(label, label_w - 10, 9);
    std::string shown = lines.empty() ? "" : lines[0];
    if (lines.size() > 1) shown += "…";
    g.text(4, y + 12, shown, 9);
    double x0 = x_of(p.start), x1 = std::max(x_of(p.end), x0 + 2);
    g.out += "<g class=\"task\" data-step=\"" + esc(p.id) + "\"><title>" +
             esc(label + ": " + format_instant(p.start) + " – " + format_instant(p.end)) +
             "</title>";
    g.rect(x0, y + 3, x1 - x0, row_h - 6, "fill:#1565c0;stroke:none");
    g.out += "</g>\n";
    y += row_h;
  }
  g.line(x_of(plan.due), top - 4, x_of(plan.due), y, "stroke:#c62828;stroke-width:1.5");
  // Right-aligned at the due line so that it never runs off the chart.
  g.text(x_of(plan.due), y + 16,
         std::string(w.t("Batas waktu ", "Due ")) + format_instant(plan.due), 10, "end", true,
         "#c62828");
  g.rect(label_w, height - 14, 10, 10, "fill:#ffcdd2");
  g.text(label_w + 14, height - 5, w.t("Libur / cuti bersama", "Holiday / collective leave"), 9);
  g.rect(label_w + 190, height - 14, 10, 10, "fill:#eeeeee");
  g.text(label_w + 204, height - 5, w.t("Sabtu/Minggu", "Weekend"), 9);
  g.out += "</svg>\n";
  return g.out;
}

// ---- Charts -------------------------------------------------------------------

std::string bar_chart_svg(const Context& c) {
  const double label_w = 90, chart_w = 600, row_h = 14, top = 20;
  const double max_pct = 150;
  const double height = top + row_h * static_cast<double>(c.m.ev.indicators.size()) + 24;
  SvgCanvas g;
  g.out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"bar-chart\" class=\"chart\" viewBox=\"0 0 " +
      num(label_w + chart_w + 60) + " " + num(height) +
      "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  for (double pct : {0.0, 50.0, 100.0, 150.0}) {
    double x = label_w + pct / max_pct * chart_w;
    g.line(x, top - 4, x, height - 20,
           pct == 100 ? "stroke:#333;stroke-width:1.2" : "stroke:#ccc;stroke-dasharray:2,2");
    g.text(x, top - 8, c.w.number(pct, 0) + " %", 9, "middle");
  }
  double y = top;
  for (const auto& r : c.m.ev.indicators) {
    const Indicator& ind = c.m.set.indicator(r.indicator);
    g.text(label_w - 4, y + 10, ind.code, 9, "end");
    if (r.achievement.computable()) {
      double v = std::clamp(r.achievement.value, 0.0, max_pct);
      g.out += "<g class=\"bar\" data-indicator=\"" + esc(ind.code) + "\"><title>" +
               esc(ind.name + ": " + c.w.number(r.achievement.value) + " % " + r.predicate) +
               "</title>";
      g.rect(label_w, y + 2, v / max_pct * chart_w, row_h - 4,
             "fill:" + band_colour(r.band, c.m.scale ? c.m.scale->band_count() : 5));
      g.out += "</g>";
      g.text(label_w + v / max_pct * chart_w + 3, y + 10, c.w.number(r.achievement.value) + " %",
             8);
    } else {
      g.text(label_w + 3, y + 10,
             std::string(c.w.t("tidak dapat dihitung: ", "not computable: ")) +
                 reason_name(r.achievement.reason),
             8, "start", false, "#777");
    }
    y += row_h;
  }
  g.out += "</svg>\n";
  return g.out;
}

std::string trend_svg(const Context& c, const std::vector<MonevTrend>& series) {
  static const char* const kColours[] = {"#1565c0", "#c62828", "#2e7d32", "#6a1b9a",
                                         "#ef6c00", "#00838f", "#5d4037", "#ad1457"};
  const double left = 50, top = 16, w = 520, h = 220;
  double hi = 120;
  for (const auto& s : series)
    for (const auto& v : s.quarters)
      if (v) hi = std::max(hi, std::ceil(*v / 20) * 20);
  const double legend_h = 16 * static_cast<double>(series.size());
  SvgCanvas g;
  g.out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"trend-chart\" class=\"chart small\" "
      "viewBox=\"0 0 " +
      num(left + w + 20) + " " + num(top + h + 40 + legend_h) +
      "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  auto y_of = [&](double v) { return top + h - v / hi * h; };
  auto x_of = [&](std::size_t q) { return left + (static_cast<double>(q) + 0.5) * w / 4; };
  for (double v = 0; v <= hi + 1e-9; v += 20) {
    g.line(left, y_of(v), left + w, y_of(v), v == 100 ? "stroke:#333" : "stroke:#e0e0e0");
    g.text(left - 4, y_of(v) + 3, c.w.number(v, 0), 9, "end");
  }
  for (std::size_t q = 0; q < 4; ++q)
    g.text(x_of(q), top + h + 14, (c.w.en() ? "Q" : "TW") + std::to_string(q + 1), 9, "middle");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const char* colour = kColours[i % 8];
    std::vector<Point> pts;
    for (std::size_t q = 0; q < 4; ++q) {
      if (!series[i].quarters[q]) continue;
      pts.push_back({x_of(q), y_of(*series[i].quarters[q])});
    }
    if (pts.size() > 1)
      g.polyline(pts, std::string("fill:none;stroke-width:2;stroke:") + colour,
                 "class=\"trend-line\"");
    for (const auto& p : pts)
      g.out += "<circle cx=\"" + num(p.x) + "\" cy=\"" + num(p.y) + "\" r=\"3\" fill=\"" + colour +
               "\"/>";
    double ly = top + h + 30 + 16 * static_cast<double>(i);
    g.rect(left, ly - 8, 10, 10, std::string("fill:") + colour);
    g.text(left + 16, ly, series[i].unit, 9);
  }
  g.out += "</svg>\n";
  return g.out;
}

// ---- HTML ---------------------------------------------------------------------

const char* kCss = R"(
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 12px; color: #222;
       margin: 0 auto; padding: 16px; max-width: 1120px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 8px; } h2 { font-size: 17px; border-bottom: 2px solid #1565c0;
     padding-bottom: 3px; margin-top: 28px; } h3 { font-size: 14px; margin: 16px 0 6px; }
section { break-inside: auto; }
.cover { border: 2px solid #1565c0; padding: 28px; margin-bottom: 24px; }
.cover .agency { font-size: 18px; font-weight: bold; }
.cover table td { padding: 2px 12px 2px 0; vertical-align: top; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 6px 0 12px; }
table.data th, table.data td { border: 1px solid #999; padding: 3px 5px; vertical-align: top;
     overflow-wrap: anywhere; word-wrap: break-word; }
table.data th { background: #e3ebf6; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
td.band { color: #fff; font-weight: bold; }
td.nc { color: #777; font-style: italic; }
.light { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 4px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
svg.chart.small { max-width: 640px; }
svg.sop-table { display: block; width: 100%; height: auto; max-width: 100%; }
@media print { svg.sop-table { width: auto; height: 180mm; margin: 0 auto; } }
section.sop-page { break-before: page; margin-bottom: 12px; }
.summary { margin: 4px 0 8px; }
.legend span { display: inline-block; padding: 1px 6px; margin-right: 4px; color: #fff; }
)";

std::string band_cell(const IndicatorResult& r, std::size_t bands) {
  if (!r.achievement.computable()) return "<td class=\"nc\">–</td>";
  return "<td class=\"band\" style=\"background:" + band_colour(r.band, bands) + "\">" +
         esc(r.predicate) + "</td>";
}

std::string light_cell(const Context& c, std::optional<double> v, Light l) {
  if (!v) return "<td class=\"num\">–</td>";
  return std::string("<td class=\"num\"><span class=\"light\" style=\"background:") +
         light_colour(l) + "\"></span>" + c.w.number(v) + "</td>";
}

// The colour of each band of a scale, highest first, with its label.
std::string scale_legend(const RatingScale& scale) {
  std::string h;
  for (std::size_t b = scale.band_count(); b >= 1; --b)
    h += "<span style=\"background:" + band_colour(b, scale.band_count()) + "\">" +
         esc(scale.label(b)) + "</span>";
  return h;
}

// Bands of the scale in force at the end of `period`; 0 when no version is
// (a period before the scale's first version: computed, not rated, grey).
std::size_t bands_in_force(const EvaluationOptions& eo, const Period& period) {
  const RatingScale* scale = eo.scales.in_force_or_null(eo.scale, period.end_date());
  return scale ? scale->band_count() : 0;
}

bool spans_periods(const std::vector<IndicatorResult>& rows) {
  return std::any_of(rows.begin(), rows.end(), [&](const IndicatorResult& r) {
    return r.period.to_string() != rows.front().period.to_string();
  });
}

// The achievement tables: one per unit (per period and unit when `rows` hold
// several periods), predikat cells in the colour of their band in the scale
// in force for the row's period.
std::string achievement_tables(const IndicatorSet& set, const std::vector<IndicatorResult>& results,
                               const EvaluationOptions& eo, const Writer& w) {
  const bool by_period = spans_periods(results);
  std::map<std::pair<std::string, std::string>, std::vector<const IndicatorResult*>> groups;
  for (const auto& r : results)
    groups[{by_period ? r.period.to_string() : std::string(),
            set.units().path(set.indicator(r.indicator).unit)}]
        .push_back(&r);
  std::string h;
  for (const auto& [key, rows] : groups) {
    h += "<h3>" + esc(key.second) + (by_period ? " — " + esc(w.period_name(rows[0]->period)) : "") +
         "</h3>\n<table class=\"data achievement\"><colgroup><col "
         "style=\"width:9%\"><col style=\"width:39%\"><col style=\"width:7%\"><col "
         "style=\"width:10%\"><col style=\"width:10%\"><col style=\"width:10%\"><col "
         "style=\"width:15%\"></colgroup><tr><th>" +
         w.t("Kode", "Code") + "</th><th>" + w.t("Indikator", "Indicator") + "</th><th>" +
         w.t("Satuan", "Unit") + "</th><th>Target</th><th>" + w.t("Realisasi", "Actual") +
         "</th><th>" + w.t("Capaian (%)", "Achievement (%)") + "</th><th>" +
         w.t("Predikat", "Rating") + "</th></tr>\n";
    for (const IndicatorResult* r : rows) {
      const Indicator& ind = set.indicator(r->indicator);
      std::string target =
          r->target
              ? w.number(r->target, 2)
              : (r->target_low ? w.number(r->target_low, 2) + "–" + w.number(r->target_high, 2)
                               : "–");
      h += "<tr><td>" + esc(ind.code) + "</td><td>" + esc(ind.name) + "</td><td>" +
           esc(ind.satuan) + "</td><td class=\"num\">" + target + "</td><td class=\"num\">" +
           w.number(r->realisation, 2) + "</td>";
      if (r->achievement.computable())
        h += "<td class=\"num\">" + w.number(r->achievement.value) + "</td>";
      else
        h += "<td class=\"nc\">" + esc(reason_name(r->achievement.reason)) + "</td>";
      h += band_cell(*r, bands_in_force(eo, r->period)) + "</tr>\n";
    }
    h += "</table>\n";
  }
  return h;
}

// The style of the achievement tables outside the report (a notebook), scoped
// to their wrapper so that it leaves the host page alone.
const char* kEvaluationCss = R"(
.sopkit-evaluation table.data { border-collapse: collapse; margin: 6px 0 12px; }
.sopkit-evaluation table.data th, .sopkit-evaluation table.data td { border: 1px solid #999;
     padding: 3px 5px; vertical-align: top; }
.sopkit-evaluation table.data th { background: #e3ebf6; text-align: left; }
.sopkit-evaluation td.num { text-align: right; white-space: nowrap; }
.sopkit-evaluation td.band { color: #fff; font-weight: bold; }
.sopkit-evaluation td.nc { color: #777; font-style: italic; }
.sopkit-evaluation .legend span { display: inline-block; padding: 1px 6px; margin-right: 4px;
     color: #fff; }
)";

// ---- Pelaksanaan SOP: actual runs against the mutu baku ----------------------

std::string status_text(const Writer& w, const RunResult& r) {
  if (!r.complete) return w.t("berjalan", "running");
  return r.on_time ? w.t("tepat waktu", "on time") : w.t("terlambat", "late");
}

std::string minutes_text(const Writer& w, std::int64_t minutes) {
  if (minutes == 0) return "–";
  return format_working_minutes(static_cast<double>(minutes), WorkConvention{},
                                w.en() ? Language::en : Language::id);
}

// The section numbered `number` ("8. "): compliance figures (also as indicators, evaluated like the
// IKU), runs, late steps, bottlenecks and the monitoring form.
std::string runs_summary(const Writer& w, const RunComparison& k, const std::string& number) {
  return "<section id=\"sop-execution\"><h2>" + number + w.t("Pelaksanaan SOP", "SOP execution") +
         "</h2>\n<p class=\"summary\">" + std::to_string(k.runs.size()) +
         w.t(" pelaksanaan; ", " runs; ") + std::to_string(k.steps_on_time) +
         w.t(" dari ", " of ") + std::to_string(k.steps_judged) +
         w.t(" langkah dalam mutu baku waktu (", " steps within their standard time (") +
         w.number(k.steps_on_time_percent) + " %); " + std::to_string(k.runs_on_time) +
         w.t(" dari ", " of ") + std::to_string(k.runs_complete) +
         w.t(" pelaksanaan selesai sebelum batas waktu (", " finished runs by their due date (") +
         w.number(k.runs_on_time_percent) + " %).</p>\n";
}

// Compliance as indicators, in the report's period and its year.
std::string compliance_table(const Context& c) {
  const Writer& w = c.w;
  std::string irows;
  for (const auto& r : c.m.runs->compliance) {
    const Indicator& ind = c.m.runs->compliance_set.indicator(r.indicator);
    const std::optional<double> a =
        r.achievement.computable() ? std::optional<double>(r.achievement.value) : std::nullopt;
    irows += "<tr><td>" + esc(ind.code) + "</td><td>" + esc(ind.name) + "</td><td>" +
             r.period.to_string() + "</td><td class=\"num\">" + w.number(r.realisation) +
             "</td><td class=\"num\">" + w.number(a) + "</td><td>" + esc(r.predicate) +
             "</td></tr>\n";
  }
  if (irows.empty()) return {};
  return "<h3>" + std::string(w.t("Indikator kepatuhan SOP", "SOP compliance indicators")) +
         "</h3><table class=\"data\"><tr><th>" + w.t("Kode", "Code") + "</th><th>" +
         w.t("Indikator", "Indicator") + "</th><th>" + w.t("Periode", "Period") + "</th><th>" +
         w.t("Realisasi (%)", "Realisation (%)") + "</th><th>" +
         w.t("Capaian (%)", "Achievement (%)") + "</th><th>" + w.t("Predikat", "Predicate") +
         "</th></tr>\n" + irows + "</table>\n";
}

std::string runs_table(const Writer& w, const RunComparison& k) {
  std::string h = "<h3>" + std::string(w.t("Pelaksanaan", "Runs")) +
                  "</h3><table class=\"data\"><tr><th>" + w.t("Kasus", "Case") + "</th><th>" +
                  w.t("Mulai", "Start") + "</th><th>" + w.t("Selesai", "End") + "</th><th>" +
                  w.t("Batas waktu", "Due") + "</th><th>" + w.t("Status", "Status") + "</th><th>" +
                  w.t("Keterlambatan", "Delay") + "</th><th>" +
                  w.t("Putaran ulang", "Rework rounds") + "</th><th>" +
                  w.t("Kesesuaian", "Conformance") + "</th></tr>\n";
  for (const RunResult& r : k.runs) {
    std::string conf;
    for (const auto& v : r.out_of_order)
      conf += (conf.empty() ? "" : "; ") + v.step + w.t(" dimulai sebelum ", " started before ") +
              v.predecessor + w.t(" selesai", " ended");
    for (const auto& s : r.skipped)
      conf += (conf.empty() ? "" : "; ") + std::string(w.t("dilewati ", "skipped ")) + s;
    h += "<tr><td>" + esc(r.case_id) + "</td><td>" + format_instant(r.start) + "</td><td>" +
         format_instant(r.end) + "</td><td>" + format_instant(r.due) + "</td><td>" +
         status_text(w, r) + "</td><td>" + minutes_text(w, r.delay_minutes) +
         "</td><td class=\"num\">" + std::to_string(r.rework_rounds) + "</td><td>" +
         esc(conf.empty() ? "–" : conf) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

std::string late_steps_table(const Writer& w, const RunLog& log, const RunComparison& k) {
  std::string late;
  for (std::size_t i = 0; i < k.executions.size(); ++i) {
    if (k.executions[i].verdict != Verdict::late) continue;
    const StepEvent& e = log.events()[i];
    const Step& s = log.sop().step(e.step);
    late += "<tr><td>" + esc(log.runs()[e.run].case_id) + "</td><td>" + esc(s.id) + "</td><td>" +
            esc(log.actor_of(e)) + "</td><td>" + esc(s.time_text) + "</td><td>" +
            format_instant(e.start) + "</td><td>" + format_instant(e.end) + "</td><td>" +
            minutes_text(w, k.executions[i].delay_minutes) + "</td></tr>\n";
  }
  if (late.empty()) return {};
  return "<h3>" + std::string(w.t("Langkah terlambat", "Late steps")) +
         "</h3><table class=\"data\"><tr><th>" + w.t("Kasus", "Case") + "</th><th>" +
         w.t("Langkah", "Step") + "</th><th>" + w.t("Pelaksana", "Actor") + "</th><th>" +
         w.t("Waktu baku", "Standard time") + "</th><th>" + w.t("Mulai", "Start") + "</th><th>" +
         w.t("Selesai", "End") + "</th><th>" + w.t("Keterlambatan", "Delay") + "</th></tr>\n" +
         late + "</table>\n";
}

std::string bottlenecks_table(const Writer& w, const Sop& sop, const RunComparison& k) {
  if (k.bottlenecks.empty()) return {};
  std::string h =
      "<h3>" + std::string(w.t("Hambatan (porsi keterlambatan)", "Bottlenecks (share of delay)")) +
      "</h3><table class=\"data\"><tr><th>" + w.t("Langkah", "Step") + "</th><th>" +
      w.t("Kegiatan", "Activity") + "</th><th>" + w.t("Terlambat", "Late") + "</th><th>" +
      w.t("Keterlambatan", "Delay") + "</th><th>" + w.t("Porsi (%)", "Share (%)") + "</th></tr>\n";
  for (const std::size_t b : k.bottlenecks) {
    const StepSummary& s = k.steps[b];
    h += "<tr><td>" + esc(s.id) + "</td><td>" + esc(sop.step(b).activity) +
         "</td><td class=\"num\">" + std::to_string(s.late) + "/" + std::to_string(s.judged) +
         "</td><td>" + minutes_text(w, s.delay_minutes) + "</td><td class=\"num\">" +
         w.number(100.0 * s.share_of_delay) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

// The PermenPAN-RB 35/2012 monitoring form, one row per happy-path step.
std::string monitoring_form(const Writer& w, const Sop& sop, const RunComparison& k) {
  std::string h = "<h3>" +
                  std::string(w.t("Formulir monitoring pelaksanaan SOP (PermenPAN-RB 35/2012)",
                                  "SOP implementation monitoring form (PermenPAN-RB 35/2012)")) +
                  "</h3><table class=\"data\"><tr><th>No</th><th>" + w.t("Prosedur", "Procedure") +
                  "</th><th>" + w.t("Penilaian observasi", "Observation") + "</th><th>" +
                  w.t("Dasar penilaian", "Basis") + "</th><th>" +
                  w.t("Yang harus dilakukan", "Action needed") + "</th><th>" +
                  w.t("Catatan petugas", "Officer's note") + "</th></tr>\n";
  for (const MonitoringRow& m : k.monitoring) {
    const Step& s = sop.step(sop.step_index(m.step));
    const char* judged = m.good ? w.t("Berjalan dengan baik", "Running well")
                                : w.t("Tidak berjalan dengan baik", "Not running well");
    const std::string basis =
        m.recorded ? std::string(w.t("dicatat petugas; ", "recorded; ")) + derived_reason(m)
                   : derived_reason(m);
    h += "<tr><td>" + esc(m.step) + "</td><td>" + esc(s.activity) + "</td><td>" + judged +
         "</td><td>" + esc(basis) + "</td><td>" + esc(m.action) + "</td><td>" + esc(m.note) +
         "</td></tr>\n";
  }
  return h + "</table>\n";
}

std::string runs_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  const detail::MonevRuns& r = *c.m.runs;
  const RunComparison& k = r.comparison;
  return runs_summary(w, k, number) + compliance_table(c) + runs_table(w, k) +
         late_steps_table(w, r.log, k) + bottlenecks_table(w, r.log.sop(), k) +
         monitoring_form(w, r.log.sop(), k) + "</section>\n";
}

// ---- The page, section by section --------------------------------------------

// Each section heading takes the next number: "1. ", "2. ", ...
class Numbering {
 public:
  std::string next() { return std::to_string(++last_) + ". "; }

 private:
  int last_ = 0;
};

std::string page_head(const Context& c) {
  const Writer& w = c.w;
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(w.en() ? "en" : "id") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         esc(std::string(w.t("Laporan Monev Capaian Kinerja", "Performance monev report")) + " — " +
             c.m.period_name) +
         "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
}

std::string cover_section(const Context& c) {
  const Writer& w = c.w;
  const MonevModel& m = c.m;
  const SopDocument& doc = m.sop.document();
  std::string h = "<section class=\"cover\" id=\"cover\">\n";
  if (doc.organization.government) h += "<div>" + esc(*doc.organization.government) + "</div>\n";
  h += "<div class=\"agency\">" + esc(m.agency) + "</div>\n<h1>" +
       esc(w.t("Laporan Monitoring dan Evaluasi Capaian Kinerja",
               "Performance Monitoring and Evaluation Report")) +
       "</h1>\n<div class=\"period\" style=\"font-size:18px\">" + esc(m.period_name) + "</div>\n";
  return h + "<table><tr><td>" + w.t("Dasar pelaksanaan", "Procedure") + "</td><td>SOP " +
         esc(doc.number) + " — " + esc(doc.title) + "</td></tr>\n<tr><td>" +
         w.t("Kalender kerja", "Working calendar") + "</td><td>" + esc(m.calendar.id()) +
         "</td></tr>\n<tr><td>" + w.t("Mulai monev", "Monev starts") + "</td><td>" +
         format_instant(m.plan.start) + "</td></tr>\n<tr><td>" + w.t("Batas waktu", "Due") +
         "</td><td>" + format_instant(m.plan.due) + "</td></tr>\n<tr><td>" +
         w.t("Jumlah indikator", "Indicators") + "</td><td>" +
         std::to_string(m.set.indicator_count()) + "</td></tr>\n<tr><td>" +
         w.t("Skala predikat", "Rating scale") + "</td><td>" + esc(m.evaluation.scale) +
         (m.scale ? "" : w.t(" (tidak ada versi yang berlaku)", " (no version in force)")) +
         "</td></tr></table>\n</section>\n";
}

std::string schedule_table(const Context& c) {
  const Writer& w = c.w;
  std::string h =
      "<table class=\"data\" id=\"schedule-table\"><colgroup><col style=\"width:5%\"><col "
      "style=\"width:45%\"><col style=\"width:20%\"><col style=\"width:15%\"><col "
      "style=\"width:15%\"></colgroup><tr><th>No</th><th>" +
      std::string(w.t("Kegiatan", "Activity")) + "</th><th>" + w.t("Pelaksana", "Actor") +
      "</th><th>" + w.t("Mulai", "Start") + "</th><th>" + w.t("Selesai", "End") + "</th></tr>\n";
  for (const auto& s : c.m.schedule)
    h += "<tr><td>" + esc(s.id) + "</td><td>" + esc(s.activity) + "</td><td>" + esc(s.actor) +
         "</td><td>" + format_instant(s.start) + "</td><td>" + format_instant(s.end) +
         "</td></tr>\n";
  return h + "</table>\n";
}

std::string holidays_table(const Context& c) {
  if (c.m.holidays.empty()) return {};
  std::string h = "<h3>" + std::string(c.w.t("Hari libur dalam periode", "Holidays in the run")) +
                  "</h3><table class=\"data\"><colgroup><col style=\"width:20%\"><col></colgroup>";
  for (const auto& hd : c.m.holidays)
    h += "<tr><td>" + format_date(hd.date) + "</td><td>" + esc(hd.name) + "</td></tr>\n";
  return h + "</table>\n";
}

std::string schedule_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  const MonevModel& m = c.m;
  const double working =
      static_cast<double>(m.calendar.working_minutes_between(m.plan.start, m.plan.due));
  return "<section id=\"schedule\"><h2>" + number +
         w.t("Jadwal pelaksanaan monev", "Monev schedule") + "</h2>\n<p class=\"summary\">" +
         esc(std::string(w.t("Mulai ", "Starts ")) + format_instant(m.plan.start) +
             w.t(", batas waktu ", ", due ") + format_instant(m.plan.due) + " (" +
             format_working_minutes(working, WorkConvention{}, m.options.lang) +
             w.t(" waktu kerja).", " of working time).")) +
         "</p>\n" + gantt_svg(m.sop, m.plan, m.calendar, w) + schedule_table(c) +
         holidays_table(c) + "</section>\n";
}

std::string achievement_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  return "<section id=\"achievement\"><h2>" + number +
         w.t("Capaian kinerja per unit kerja", "Achievement by unit") + " — " +
         esc(c.m.period_name) + "</h2>\n<div class=\"legend\">" +
         (c.m.scale ? scale_legend(*c.m.scale) : std::string()) + "</div>\n" +
         achievement_tables(c.m.set, c.m.ev.indicators, c.m.evaluation, w) + "</section>\n";
}

std::string rollup_row(const Context& c, const UnitResult& u) {
  const Writer& w = c.w;
  const UnitTree& units = c.m.set.units();
  std::string h = "<tr><td>" + std::string(units.depth(u.unit) ? "&#160;&#160;&#160;&#160;" : "") +
                  esc(units.name(u.unit)) + "</td>";
  if (u.achievement.computable())
    h += "<td class=\"num\">" + w.number(u.achievement.value) +
         "</td><td class=\"band\" style=\"background:" +
         band_colour(u.band, c.m.scale ? c.m.scale->band_count() : 0) + "\">" + esc(u.predicate) +
         "</td>";
  else
    h += "<td class=\"nc\">" + esc(reason_name(u.achievement.reason)) + "</td><td>–</td>";
  return h + "<td class=\"num\">" + std::to_string(u.included) + "</td><td class=\"num\">" +
         std::to_string(u.excluded) + "</td></tr>\n";
}

// Roll-ups per Dinas and Bidang (the top two levels of the unit tree).
std::string rollup_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  std::string h = "<section id=\"rollup\"><h2>" + number +
                  w.t("Capaian per Dinas dan Bidang", "Roll-up by agency and division") +
                  "</h2>\n<table class=\"data\"><colgroup><col style=\"width:46%\"><col "
                  "style=\"width:14%\"><col style=\"width:16%\"><col style=\"width:12%\"><col "
                  "style=\"width:12%\"></colgroup><tr><th>" +
                  w.t("Unit kerja", "Unit") + "</th><th>" + w.t("Capaian (%)", "Achievement (%)") +
                  "</th><th>" + w.t("Predikat", "Rating") + "</th><th>" +
                  w.t("Indikator dihitung", "Indicators counted") + "</th><th>" +
                  w.t("Tidak dapat dihitung", "Not computable") + "</th></tr>\n";
  for (const auto& u : c.m.ev.units)
    if (c.m.set.units().depth(u.unit) <= 1) h += rollup_row(c, u);
  return h + "</table>\n</section>\n";
}

std::string charts_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  return "<section id=\"charts\"><h2>" + number +
         w.t("Grafik capaian per indikator", "Achievement by indicator") + "</h2>\n" +
         bar_chart_svg(c) + "<h3>" + w.t("Tren capaian antar triwulan", "Trend across quarters") +
         " " + std::to_string(c.m.options.period.year) + "</h3>\n" + trend_svg(c, c.m.trend) +
         "</section>\n";
}

std::optional<double> value_if_computable(const Achievement& r) {
  return r.computable() ? std::optional<double>(r.value) : std::nullopt;
}

std::string warnings_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  std::size_t warned = 0;
  std::string rows;
  for (const auto& ew : c.m.ev.warnings) {
    if (!ew.warn) continue;
    ++warned;
    const Indicator& ind = c.m.set.indicator(ew.indicator);
    rows += "<tr><td>" + esc(ind.code) + "</td><td>" + esc(ind.name) + "</td><td class=\"num\">" +
            std::to_string(ew.quarters_reported) + "</td><td class=\"num\">" +
            w.number(value_if_computable(ew.pace)) + "</td><td class=\"num\">" +
            w.number(value_if_computable(ew.trend)) +
            "</td><td class=\"num\" style=\"color:#c62828;font-weight:bold\">" +
            w.number(ew.projected.value) + "</td></tr>\n";
  }
  std::string h = "<section id=\"warnings\"><h2>" + number +
                  w.t("Peringatan dini", "Early warnings") + "</h2>\n<p class=\"summary\">" +
                  std::to_string(warned) + " " +
                  w.t("indikator diproyeksikan di bawah ambang ", "indicators projected below ") +
                  w.number(c.m.options.evaluation.warning.threshold, 0) +
                  w.t(" % pada akhir tahun.", " % at year end.") + "</p>\n";
  if (warned)
    h += "<table class=\"data\"><colgroup><col style=\"width:10%\"><col style=\"width:46%\"><col "
         "style=\"width:10%\"><col style=\"width:11%\"><col style=\"width:11%\"><col "
         "style=\"width:12%\"></colgroup><tr><th>" +
         std::string(w.t("Kode", "Code")) + "</th><th>" + w.t("Indikator", "Indicator") +
         "</th><th>" + w.t("TW dilaporkan", "Quarters") + "</th><th>" +
         w.t("Proyeksi laju (%)", "Pace (%)") + "</th><th>" +
         w.t("Proyeksi tren (%)", "Trend (%)") + "</th><th>" +
         w.t("Proyeksi (%)", "Projected (%)") + "</th></tr>\n" + rows + "</table>\n";
  return h + "</section>\n";
}

std::string efficiency_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  std::string rows;
  for (const auto& r : c.m.ev.indicators) {
    if (!r.absorption) continue;
    const Indicator& ind = c.m.set.indicator(r.indicator);
    rows += "<tr><td>" + esc(ind.code) + "</td><td>" + esc(ind.name) + "</td><td class=\"num\">" +
            w.number(value_if_computable(r.achievement)) + "</td><td class=\"num\">" +
            w.number(r.absorption) + "</td><td class=\"num\">" + w.number(r.efficiency) +
            "</td></tr>\n";
  }
  std::string h = "<section id=\"efficiency\"><h2>" + number +
                  w.t("Efisiensi anggaran", "Budget efficiency") + "</h2>\n";
  if (rows.empty())
    h += "<p>" + std::string(w.t("Data anggaran tidak tersedia.", "No budget data.")) + "</p>\n";
  else
    h += "<table class=\"data\"><colgroup><col style=\"width:10%\"><col style=\"width:51%\"><col "
         "style=\"width:13%\"><col style=\"width:13%\"><col "
         "style=\"width:13%\"></colgroup><tr><th>" +
         std::string(w.t("Kode", "Code")) + "</th><th>" + w.t("Indikator", "Indicator") +
         "</th><th>" + w.t("Capaian (%)", "Achievement (%)") + "</th><th>" +
         w.t("Serapan (%)", "Absorption (%)") + "</th><th>" +
         w.t("Efisiensi (poin)", "Efficiency (points)") + "</th></tr>\n" + rows + "</table>\n";
  return h + "</section>\n";
}

std::string deviation_section(const Context& c, const std::string& number) {
  const Writer& w = c.w;
  std::string rows;
  for (const auto& r : c.m.ev.indicators) {
    if (!r.physical_deviation && !r.financial_deviation) continue;
    const Indicator& ind = c.m.set.indicator(r.indicator);
    rows += "<tr><td>" + esc(ind.code) + "</td><td>" + esc(ind.name) + "</td>" +
            light_cell(c, r.physical_deviation, r.physical_light) +
            light_cell(c, r.financial_deviation, r.financial_light) + "</tr>\n";
  }
  std::string h = "<section id=\"deviation\"><h2>" + number +
                  w.t("Deviasi realisasi fisik dan keuangan", "Physical and financial deviation") +
                  "</h2>\n";
  if (rows.empty())
    h += "<p>" + std::string(w.t("Data fisik/keuangan tidak tersedia.", "No progress data.")) +
         "</p>\n";
  else
    h += "<table class=\"data\"><colgroup><col style=\"width:10%\"><col style=\"width:54%\"><col "
         "style=\"width:18%\"><col style=\"width:18%\"></colgroup><tr><th>" +
         std::string(w.t("Kode", "Code")) + "</th><th>" + w.t("Indikator", "Indicator") +
         "</th><th>" + w.t("Deviasi fisik (poin)", "Physical deviation (points)") + "</th><th>" +
         w.t("Deviasi keuangan (poin)", "Financial deviation (points)") + "</th></tr>\n" + rows +
         "</table>\n";
  return h + "</section>\n";
}

std::string sop_section(const Context& c, const std::string& number) {
  RenderOptions ro;
  ro.lang = c.m.options.lang;
  ro.id_prefix = "sop-";
  return "<section id=\"sop\"><h2>" + number +
         c.w.t("Standar Operasional Prosedur", "Standard operating procedure") + "</h2>\n" +
         render_sop_svg_pages(c.m.sop, ro) + "</section>\n";
}

}  // namespace

namespace detail {

std::string monev_html(const MonevModel& m, const MonevStage& stage) {
  const Context c{m, Writer(m.options.lang)};
  Numbering n;
  std::string h = page_head(c) + cover_section(c);
  stage("jadwal (Gantt)", "schedule (Gantt)");
  h += schedule_section(c, n.next());
  stage("tabel capaian", "achievement tables");
  h += achievement_section(c, n.next());
  h += rollup_section(c, n.next());
  stage("grafik", "charts");
  h += charts_section(c, n.next());
  stage("peringatan dini", "early warnings");
  h += warnings_section(c, n.next());
  stage("efisiensi dan deviasi", "efficiency and deviations");
  h += efficiency_section(c, n.next());
  h += deviation_section(c, n.next());
  if (m.runs) {
    stage("pelaksanaan SOP", "SOP execution");
    h += runs_section(c, n.next());
  }
  stage("tabel SOP", "SOP table");
  return h + sop_section(c, n.next()) + "</body>\n</html>\n";
}

}  // namespace detail

std::string render_schedule_svg(const Sop& sop, const Schedule& plan, const WorkCalendar& calendar,
                                Language lang) {
  return gantt_svg(sop, plan, calendar, Writer(lang));
}

std::string render_evaluation_html(const IndicatorSet& set, const Evaluation& ev,
                                   const EvaluationOptions& options, Language lang) {
  std::string h =
      "<div class=\"sopkit-evaluation\">\n<style>" + std::string(kEvaluationCss) + "</style>\n";
  const RatingScale* scale =
      ev.indicators.empty()
          ? nullptr
          : options.scales.in_force_or_null(options.scale, ev.indicators.back().period.end_date());
  if (scale) h += "<div class=\"legend\">" + scale_legend(*scale) + "</div>\n";
  return h + achievement_tables(set, ev.indicators, options, Writer(lang)) + "</div>\n";
}

}  // namespace sopkit
