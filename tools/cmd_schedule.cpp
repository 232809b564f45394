// cmd_schedule.cpp — `sopkit schedule FILE --start 2024-04-05T08:00
// [--calendar FILE|id-2024] [--json]`: planned start and end of every step of
// an SOP run and its due date, on a working calendar.
//
// Without --calendar the shipped Indonesian calendar of the start's year is
// used, joined with the next year's when it ships (runs cross New Year).
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/result_json.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/validation.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

const char* weekday_name(Instant t) {
  static const char* const kNames[] = {"Senin", "Selasa", "Rabu",  "Kamis",
                                       "Jumat", "Sabtu",  "Minggu"};
  return kNames[static_cast<int>(weekday_of(date_of(t)))];
}

// The plan, or why there is none: a document fault is a finding (exit 1,
// shown with the diagnostics); a run past the calendar's coverage is a usage
// problem (exit 2, in main).
std::optional<Schedule> plan_of(const Sop& sop, const WorkCalendar& calendar, Instant start,
                                std::string& not_planned) {
  try {
    return schedule(sop, calendar, start);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation_failed && e.code() != ErrorCode::invalid_argument) throw;
    not_planned = e.what();
    return std::nullopt;
  }
}

// The planned form's keys in its order, with no steps and why not.
void write_not_planned_json(const Sop& sop, const WorkCalendar& calendar, Instant start,
                            const std::string& not_planned, const ResultJsonOptions& framing) {
  nlohmann::ordered_json out = {{"format", "sopkit.schedule/1"}};
  out["file"] = framing.file;
  out.update(
      {{"number", sop.document().number},
       {"title", sop.document().title},
       {"calendar", calendar.id()},
       {"start", format_instant(start)},
       {"due", nullptr},
       {"steps", nlohmann::ordered_json::array()},
       {"not_planned", not_planned},
       {"diagnostics", nlohmann::ordered_json::parse(diagnostics_to_json(*framing.diagnostics))}});
  std::cout << out.dump(2);
}

std::string instant_and_day(Instant t) {
  return format_instant(t) + " " + weekday_name(t);
}

void print_plan(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan) {
  std::cout << left_cell("Step", 6) << left_cell("Actor", 20) << left_cell("Time", 12)
            << left_cell("Start", 24) << "End\n";
  const SopDocument& doc = sop.document();
  for (const auto& p : plan.steps) {
    const std::uint32_t i = sop.step_index(p.id);
    const Step& s = doc.steps[i];
    const std::uint32_t actor = sop.step_actor(i);  // the actor's name, as analyze shows it
    const std::string& name = actor == kNoIndex ? s.actor : doc.actors[actor].name;
    std::cout << left_cell(p.id, 6) << left_cell(shorten(name, 19), 20)
              << left_cell(shorten(s.time_text.empty() ? "-" : s.time_text, 11), 12)
              << left_cell(instant_and_day(p.start), 24) << instant_and_day(p.end) << "\n";
  }
  std::cout << "\nDue: " << format_instant(plan.due) << " (" << weekday_name(plan.due) << "), "
            << calendar.working_minutes_between(plan.start, plan.due)
            << " office minutes after the start\n";
  if (!plan.untimed_steps.empty()) {
    std::cout << "Steps planned without a time:";
    for (const auto& id : plan.untimed_steps) std::cout << ' ' << id;
    std::cout << "\n";
  }
}

}  // namespace

int cmd_schedule(const std::vector<std::string>& argv) {
  Args args =
      parse_args(argv, {"--json", kNoRamadanHoursFlag}, {"--start", "--calendar", kHolidaysOption});
  if (args.positional.size() != 1) throw UsageError{"give exactly one SOP file"};
  const std::string* start_text = args.option("--start");
  if (!start_text) throw UsageError{"--start is required, e.g. --start 2024-04-05T08:00"};
  const Instant start = parse_instant(*start_text);
  WorkCalendar calendar = choose_calendar(args, start);

  Sop sop = load_sop_file(args.positional[0]);
  std::vector<Diagnostic> diagnostics = validate(sop);
  std::string not_planned;
  const std::optional<Schedule> plan = plan_of(sop, calendar, start, not_planned);

  if (args.flag("--json")) {
    data_output();
    ResultJsonOptions framing;
    framing.file = args.positional[0];
    framing.diagnostics = &diagnostics;
    framing.indent = 2;
    if (plan)
      write_schedule_json(std::cout, sop, calendar, *plan, framing);
    else
      write_not_planned_json(sop, calendar, start, not_planned, framing);
    std::cout << '\n';
  } else {
    const SopDocument& doc = sop.document();
    std::cout << "SOP " << (doc.number.empty() ? "(no number)" : doc.number) << " — " << doc.title
              << "\nCalendar: " << calendar.id() << "   start: " << format_instant(start) << " ("
              << weekday_name(start) << ")\n\n";
    if (plan)
      print_plan(sop, calendar, *plan);
    else
      std::cout << "Not planned: " << not_planned << "\n";
    print_diagnostics(std::cout, diagnostics);
  }
  return has_errors(diagnostics) || !plan ? kExitFindings : kExitOk;
}

}  // namespace sopkit::cli
