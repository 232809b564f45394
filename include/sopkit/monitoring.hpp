// monitoring.hpp — execution measured against the mutu baku: per-step working
// time vs the standard time (waktu) on the working calendar, late steps,
// rework rounds, bottlenecks, per-actor on-time rates, each run against its
// due date, conformance (out of order, skipped), the PermenPAN-RB 35/2012
// monitoring and evaluation forms, and compliance as ordinary indicators.
//
//   auto cal = sopkit::WorkCalendar::indonesia(2024, 2025);
//   sopkit::RunComparison c = sopkit::compare_runs(log, cal);
//   c.steps_on_time_percent;                    // % steps within mutu baku
//   sopkit::IndicatorSet k = sopkit::compliance_indicators({&c});
//   sopkit::evaluate(k);                        // same engine as the IKU
//
// Definitions (docs/monitoring.md has the long form):
//  - A step execution is within its standard when it ends no later than
//    calendar.add(start, waktu, upper end of a range): "2 hari" from Monday
//    10:00 allows until Wednesday 10:00; "1-3 Hari" is late only past 3 days.
//    Its delay is the office minutes between that instant and the actual end.
//  - The due date of a run is schedule() of the SOP from the run's first start.
//  - Steps without a parseable waktu are executed but not judged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/indicator_set.hpp"
#include "sopkit/runs.hpp"

namespace sopkit {

enum class Verdict : unsigned char { on_time, late, untimed };
const char* verdict_name(Verdict v) noexcept;  // "on_time", "late", "untimed"

// The measurement of one StepEvent (same position as in RunLog::events()).
struct ExecutionResult {
  std::int64_t working_minutes = 0;  // office minutes between start and end
  std::int64_t delay_minutes = 0;    // office minutes past the allowed end (0 when on time)
  Instant allowed_end = 0;           // start + waktu on the calendar (= end when untimed)
  Verdict verdict = Verdict::untimed;
  bool out_of_order = false;  // started before a happy-path predecessor had ended
  std::uint32_t round = 0;    // 0 the first execution of the step in its run, 1.. rework
};

// A step started before its predecessor had ended (or before it ran at all,
// when the predecessor ran later).
struct OrderViolation {
  std::string step;
  std::string predecessor;
  Instant step_start = 0;
  Instant predecessor_end = 0;  // the predecessor's first end
};

// A row of the monitoring form: recorded when the officer judged the step,
// else derived from the measurements (good = every execution within its
// standard and in order).
struct MonitoringRow {
  std::string step;
  bool good = true;
  bool recorded = false;  // true: the officer's judgement; false: derived
  // What the measurements say (kept beside a recorded judgement).
  std::size_t executions = 0, late = 0, out_of_order = 0;
  std::string action, note;
};

// The measurements of a row in the form's words: "sesuai mutu baku (4x)",
// "1 dari 4 pelaksanaan terlambat, 1 tidak berurutan", "tidak dilaksanakan".
std::string derived_reason(const MonitoringRow& row);

// The evaluation form scored: Ya answers / 7 x 100, only when all 7 are answered.
struct EvaluationScore {
  std::size_t answered = 0, yes = 0;
  std::optional<double> percent;
};

struct RunResult {
  std::string case_id;
  std::size_t first_event = 0, event_count = 0;  // into RunLog::events() / executions
  Instant start = 0, end = 0;                    // first start, last end
  Instant due = 0;                               // schedule() from start
  bool complete = false;                         // an end step was executed
  bool on_time = false;                          // complete and end <= due
  std::int64_t working_minutes = 0;              // start..end in office minutes
  std::int64_t delay_minutes = 0;                // office minutes past due (0 when on time)
  unsigned rework_rounds = 0;                    // max(no branches taken, most repeats of a step)
  unsigned no_branches = 0;
  std::size_t steps_judged = 0, steps_on_time = 0;
  std::vector<std::string> skipped;  // happy-path steps never executed (complete runs)
  std::vector<OrderViolation> out_of_order;
  std::vector<MonitoringRow> monitoring;  // one row per happy-path step
  EvaluationScore evaluation;
  Period period;  // quarter of `end`
};

struct StepSummary {
  std::string id, actor, time_text;
  std::size_t executions = 0, judged = 0, on_time = 0, late = 0;
  std::int64_t working_minutes = 0;  // summed
  std::int64_t delay_minutes = 0;    // summed
  double share_of_delay = 0.0;       // delay_minutes / every step's delay (0..1)
};

struct ActorSummary {
  std::string actor;
  std::size_t judged = 0, on_time = 0;
  std::optional<double> on_time_percent;  // nullopt when nothing was judged
};

struct RunComparison {
  std::string sop_number, sop_title, unit;  // unit: "Agency/Unit" of the SOP
  std::string calendar;                     // the calendar's id
  std::vector<ExecutionResult> executions;  // parallel to RunLog::events()
  std::vector<RunResult> runs;              // parallel to RunLog::runs()
  std::vector<StepSummary> steps;           // document order
  std::vector<std::size_t> bottlenecks;     // into steps, by delay, largest first (delay > 0)
  std::vector<ActorSummary> actors;         // first appearance order
  std::size_t steps_judged = 0, steps_on_time = 0;
  std::optional<double> steps_on_time_percent;
  std::size_t runs_complete = 0, runs_on_time = 0;
  std::optional<double> runs_on_time_percent;
  std::vector<MonitoringRow> monitoring;  // over all runs: per happy-path step
};

struct CompareOptions {
  DurationEnd standard_end = DurationEnd::max;  // which end of "1-3 Hari" is the standard
};

// Measures every run of the log on the calendar. Throws what schedule()
// throws (Error{validation_failed} for an SOP that cannot be planned), and
// Error{out_of_range} naming the case when an instant lies outside the
// calendar's coverage.
RunComparison compare_runs(const RunLog& log, const WorkCalendar& calendar,
                           const CompareOptions& options = {});

// Compliance as ordinary indicators (satuan "%", polarity positive,
// accumulation last, target `target_percent`):
//  KEPATUHAN-SOP <number> WAKTU    % steps within mutu baku, per SOP
//  KEPATUHAN-SOP <number> SELESAI  % runs finished by the due date, per SOP
//  KEPATUHAN-UNIT <unit> WAKTU / SELESAI  the same pooled over the unit's SOPs (weight 0, so
//  that roll-ups count each SOP once)
// one cell per quarter of the runs' ends and one per year. Owned by the SOP's
// unit (agency/unit). Indicators whose rate has no denominator get a blank
// realisation, never 0.
IndicatorSet compliance_indicators(const std::vector<const RunComparison*>& comparisons,
                                   double target_percent = 100.0);

// The comparison as JSON "sopkit.runs-comparison/1" (docs/monitoring.md).
std::string comparison_to_json(const RunLog& log, const RunComparison& c, int indent = 2);
// The same text written to `out` in pieces as it is made, never held whole.
void write_comparison_json(std::ostream& out, const RunLog& log, const RunComparison& c,
                           int indent = 2);

}  // namespace sopkit
