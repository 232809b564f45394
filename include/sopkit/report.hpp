// report.hpp — the quarterly monev report (monitoring dan evaluasi capaian
// kinerja): one self-contained HTML page, its JSON and the capaian CSV.
//
// The report joins the three parts of sopkit: the SOP that governs the monev
// run, scheduled on the working calendar; the indicators evaluated for the
// period (achievement, predikat, roll-ups, trend, early warning, efficiency,
// deviations); and the SOP table itself.
//
//   sopkit::MonevOptions o;
//   o.period = sopkit::Period::parse("2024-Q2");
//   o.start = sopkit::default_monev_start(o.period);             // 2024-07-01T07:30
//   auto r = sopkit::build_monev_report(sop, set, calendar, o);
//   sopkit::write_monev_report(r, "out/");   // report.html, report.json, capaian.csv
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "sopkit/calendar.hpp"
#include "sopkit/duration.hpp"
#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_set.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

struct MonevOptions {
  Period period;                 // the quarter (or year) reported on
  Instant start = 0;             // when this monev run starts
  Language lang = Language::id;  // labels; predikat labels stay as the scale has them
  EvaluationOptions evaluation;  // its `period` is set to `period`
  // Optional: actual runs of the SOP. When given, the report gains the section
  // "Pelaksanaan SOP" (compliance, late steps, bottlenecks, the PermenPAN-RB
  // 35/2012 monitoring table), measured on the report's calendar. Not owned.
  const RunLog* runs = nullptr;
};

struct MonevReport {
  std::string html;  // report.html: inline SVG and CSS, no network resource
  std::string json;  // report.json: "sopkit.monev/1", the same content
  std::string csv;   // capaian.csv: evaluation_to_csv of the period
};

// Called between stages: ("evaluasi", 1, 8) ... so a CLI can show progress.
using MonevProgress =
    std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

// The first working-day morning after the period: its last day + 1 at 07:30.
Instant default_monev_start(const Period& period);

// The shipped Indonesian calendar for a run that starts at `start`: that
// year's joined with the next year's when it ships (a run may cross New Year).
// What `sopkit monev`, `schedule` and `runs` use without --calendar, and the
// C ABI's monev report without a calendar. Throws Error{not_found} when the
// start's year does not ship.
WorkCalendar calendar_for_run(Instant start, const CalendarOptions& options = {});

// Builds the report. Throws what evaluate() throws (Error{invalid_argument} for
// a period the data does not hold), and what schedule() throws for an SOP that
// cannot be planned (Error{validation_failed}) or a run past the calendar's
// coverage (Error{out_of_range}), and what compare_runs() throws for the runs.
MonevReport build_monev_report(const Sop& sop, const IndicatorSet& indicators,
                               const WorkCalendar& calendar, const MonevOptions& options,
                               const MonevProgress& progress = {});

// The report's Gantt chart of a planned run, as one <svg> element: a bar per
// step (class "task", data-step = its id) from its planned start to its end,
// weekends grey, holidays and cuti bersama red with their names, the due date
// in red. For a notebook or a host page.
std::string render_schedule_svg(const Sop& sop, const Schedule& plan, const WorkCalendar& calendar,
                                Language lang = Language::id);

// The report's achievement tables as an HTML fragment (a <div> with its own
// scoped style): the scale's legend, then one table per unit (per period and
// unit when the evaluation holds several periods) with target, realisation,
// capaian and the predikat coloured by band as the report colours it (red to
// green from the lowest band to the highest; a value that cannot be computed
// shows its reason). `options` are those `ev` was evaluated with (their scale).
std::string render_evaluation_html(const IndicatorSet& set, const Evaluation& ev,
                                   const EvaluationOptions& options, Language lang = Language::id);

// Writes report.html, report.json and capaian.csv as the folder `dir`, all or
// nothing: the files go into a fresh folder beside it, flushed to disk, which
// is then renamed into place (an existing report folder is exchanged
// atomically with it). A `dir` holding other files is refused before anything
// is written. Throws Error{io_error} naming the folder or the file that could
// not be written.
void write_monev_report(const MonevReport& report, const std::string& dir);

}  // namespace sopkit
