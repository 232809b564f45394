// cmd_runs.cpp — `sopkit runs SOP.json LOG.csv|RUNS.json [--calendar
// FILE|id-2024] [--json]`: actual runs of an SOP measured against its mutu
// baku on the working calendar — late steps, runs past their due date,
// bottlenecks, per-actor on-time rates, conformance and the PermenPAN-RB
// 35/2012 monitoring table.
//
// Exit codes: 0 every judged step within its standard, every finished run by
// its due date and in order; 1 findings (something late, out of order or
// skipped, or an SOP that cannot be planned); 2 usage, I/O or unreadable input.
// Without --calendar the shipped calendar of the first event's year is used,
// joined with the next year's when it ships.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/sop_json.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

std::string percent_text(const std::optional<double>& p) {
  if (!p) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << *p << " %";
  return s.str();
}

void print_table(const RunLog& log, const RunComparison& c, const WorkConvention& conv) {
  std::cout << "SOP " << (c.sop_number.empty() ? "(no number)" : c.sop_number) << " — "
            << c.sop_title << "\nCalendar: " << c.calendar << "   runs: " << c.runs.size() << " ("
            << c.runs_complete << " finished)\n\n"
            << "Steps within mutu baku:        " << c.steps_on_time << " of " << c.steps_judged
            << " (" << percent_text(c.steps_on_time_percent) << ")\n"
            << "Runs finished by the due date: " << c.runs_on_time << " of " << c.runs_complete
            << " (" << percent_text(c.runs_on_time_percent) << ")\n\n";

  std::cout << std::left << std::setw(24) << "Case" << std::setw(18) << "Start" << std::setw(18)
            << "End" << std::setw(18) << "Due" << std::setw(10) << "Status" << std::setw(22)
            << "Delay" << std::setw(8) << "Rework"
            << "Late steps / conformance\n";
  for (const RunResult& r : c.runs) {
    const std::string status = !r.complete ? "running" : r.on_time ? "on time" : "LATE";
    std::string notes = std::to_string(r.steps_judged - r.steps_on_time) + " late";
    for (const auto& v : r.out_of_order)
      notes += "; " + v.step + " started before " + v.predecessor + " ended";
    if (!r.skipped.empty()) {
      notes += "; skipped";
      for (const auto& s : r.skipped) notes += " " + s;
    }
    std::cout << left_cell(r.case_id, 24) << left_cell(format_instant(r.start), 18)
              << left_cell(format_instant(r.end), 18) << left_cell(format_instant(r.due), 18)
              << left_cell(status, 10)
              << left_cell(
                     r.delay_minutes ? format_working_minutes(double(r.delay_minutes), conv) : "-",
                     22)
              << left_cell(std::to_string(r.rework_rounds), 8) << notes << "\n";
  }

  std::cout << "\nBottlenecks (share of all delay)\n";
  if (c.bottlenecks.empty()) std::cout << "  none: no step ran past its standard\n";
  for (const std::size_t b : c.bottlenecks) {
    const StepSummary& s = c.steps[b];
    std::cout << "  step " << left_cell(s.id, 5) << left_cell(shorten(s.actor, 19), 20)
              << left_cell(s.time_text.empty() ? "-" : s.time_text, 10) << s.late << " of "
              << s.judged << " late, " << format_working_minutes(double(s.delay_minutes), conv)
              << " (" << std::fixed << std::setprecision(1) << 100.0 * s.share_of_delay << " %)\n";
  }

  std::cout << "\nOn-time rate per actor\n";
  for (const ActorSummary& a : c.actors)
    std::cout << "  " << left_cell(shorten(a.actor, 29), 30) << a.on_time << " of " << a.judged
              << " (" << percent_text(a.on_time_percent) << ")\n";

  std::cout << "\nMonitoring pelaksanaan SOP (PermenPAN-RB 35/2012)\n";
  for (const MonitoringRow& m : c.monitoring) {
    std::cout << "  step " << left_cell(m.step, 5)
              << left_cell(m.good ? "berjalan dengan baik" : "tidak berjalan dengan baik", 28)
              << (m.recorded ? "(dicatat petugas) " : "(dari pengukuran) ") << derived_reason(m);
    if (!m.action.empty()) std::cout << "; tindakan: " << m.action;
    if (!m.note.empty()) std::cout << "; catatan: " << m.note;
    std::cout << "\n";
  }
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    const EvaluationScore& e = c.runs[i].evaluation;
    if (e.answered == 0) continue;
    std::cout << "Evaluasi penerapan SOP, " << log.runs()[i].case_id << ": " << e.yes << " Ya of "
              << e.answered << " answered";
    if (e.percent) std::cout << " (" << percent_text(e.percent) << ")";
    std::cout << "\n";
  }
}

}  // namespace

int cmd_runs(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"--json", kNoRamadanHoursFlag}, {"--calendar", kHolidaysOption});
  if (args.positional.size() != 2)
    throw UsageError{"give the SOP file and the run log (CSV or JSON)"};
  const Sop sop = load_sop_file(args.positional[0]);
  const RunLog log = load_runs_file(args.positional[1], sop);
  Instant first = log.events().front().start;
  for (const auto& e : log.events()) first = std::min(first, e.start);
  const WorkCalendar calendar = choose_calendar(args, first);

  RunComparison c;
  try {
    c = compare_runs(log, calendar);
  } catch (const Error& e) {
    // An SOP that cannot be planned is a finding about the document (exit 1);
    // an instant past the calendar's coverage is a usage problem (exit 2, in main).
    if (e.code() != ErrorCode::validation_failed) throw;
    std::cerr << "sopkit runs: not compared: " << e.what() << "\n";
    return kExitFindings;
  }
  if (args.flag("--json"))
    write_comparison_json(data_output(), log, c);
  else
    print_table(log, c, calendar.convention());

  bool findings = c.steps_on_time != c.steps_judged || c.runs_on_time != c.runs_complete;
  for (const RunResult& r : c.runs)
    findings = findings || !r.out_of_order.empty() || !r.skipped.empty();
  return findings ? kExitFindings : kExitOk;
}

}  // namespace sopkit::cli
