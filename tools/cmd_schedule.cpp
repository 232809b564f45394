// cmd_schedule.cpp — `sopkit schedule FILE --start 2024-04-05T08:00
// [--calendar FILE|id-2024] [--json]`: planned start and end of every step of
// an SOP run and its due date, on a working calendar.
//
// Without --calendar the shipped Indonesian calendar of the start's year is
// used, joined with the next year's when it ships (runs cross New Year).
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

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
  std::optional<Schedule> plan;
  std::string not_planned;
  try {
    plan = schedule(sop, calendar, start);
  } catch (const Error& e) {
    // A document fault is a finding (exit 1, shown with the diagnostics); a
    // run past the calendar's coverage is a usage problem (exit 2, in main).
    if (e.code() != ErrorCode::validation_failed && e.code() != ErrorCode::invalid_argument) throw;
    not_planned = e.what();
  }

  if (args.flag("--json")) {
    data_output();
    ResultJsonOptions framing;
    framing.file = args.positional[0];
    framing.diagnostics = &diagnostics;
    framing.indent = 2;
    if (plan) {
      write_schedule_json(std::cout, sop, calendar, *plan, framing);
    } else {
      // The planned form's keys in its order, with no steps and why not.
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
           {"diagnostics", nlohmann::ordered_json::parse(diagnostics_to_json(diagnostics))}});
      std::cout << out.dump(2);
    }
    std::cout << '\n';
  } else {
    const SopDocument& doc = sop.document();
    std::cout << "SOP " << (doc.number.empty() ? "(no number)" : doc.number) << " — " << doc.title
              << "\nCalendar: " << calendar.id() << "   start: " << format_instant(start) << " ("
              << weekday_name(start) << ")\n\n";
    if (plan) {
      std::cout << std::left << std::setw(6) << "Step" << std::setw(20) << "Actor" << std::setw(12)
                << "Time" << std::setw(24) << "Start"
                << "End\n";
      for (const auto& p : plan->steps) {
        const Step& s = sop.step(sop.step_index(p.id));
        std::string time = s.time_text.empty() ? "-" : s.time_text;
        if (time.size() > 11) time = time.substr(0, 10) + "~";
        std::string actor = s.actor.size() > 19 ? s.actor.substr(0, 18) + "~" : s.actor;
        std::cout << std::setw(6) << p.id << std::setw(20) << actor << std::setw(12) << time
                  << std::setw(24)
                  << (format_instant(p.start) + " " + weekday_name(p.start)).substr(0, 23)
                  << format_instant(p.end) << " " << weekday_name(p.end) << "\n";
      }
      std::cout << "\nDue: " << format_instant(plan->due) << " (" << weekday_name(plan->due)
                << "), " << calendar.working_minutes_between(plan->start, plan->due)
                << " office minutes after the start\n";
      if (!plan->untimed_steps.empty()) {
        std::cout << "Steps planned without a time:";
        for (const auto& id : plan->untimed_steps) std::cout << ' ' << id;
        std::cout << "\n";
      }
    } else {
      std::cout << "Not planned: " << not_planned << "\n";
    }
    print_diagnostics(std::cout, diagnostics);
  }
  return has_errors(diagnostics) || !plan ? kExitFindings : kExitOk;
}

}  // namespace sopkit::cli
