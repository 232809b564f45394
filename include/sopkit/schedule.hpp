// schedule.hpp — a run of an SOP on a working calendar: planned start and end
// of every step and the due date of the whole run.
//
// The critical path method with calendar time instead of minutes: a step
// starts when every step before it on the happy path has finished (at the next
// working instant), and ends its standard time later by WorkCalendar::add —
// days keep the clock time and skip holidays and cuti bersama, hours and
// minutes consume office time.
//
//   auto cal = sopkit::WorkCalendar::indonesia("id-2024");
//   auto plan = sopkit::schedule(sop, cal, sopkit::parse_instant("2024-04-05T08:00"));
//   sopkit::format_instant(plan.due);   // "2024-06-04T11:30" for the seed SOP
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

struct ScheduleOptions {
  DurationEnd end = DurationEnd::max;  // which end of a ranged time ("1-3 Hari") to plan with
};

// One step of the planned run.
struct PlannedStep {
  std::string id;
  Instant start = 0;  // the first working instant after every predecessor has ended
  Instant end = 0;    // start + the standard time on the calendar (= start when untimed)
};

struct Schedule {
  Instant start = 0;                       // the instant asked for
  Instant due = 0;                         // when the last step ends
  std::vector<PlannedStep> steps;          // happy-path steps, in happy-path order
  std::vector<std::string> untimed_steps;  // happy-path steps planned with no time
};

// Plans a run from `start`. The steps are those of analyze()'s happy path, the
// order of their flows the happy-path flows (rework loops are not planned).
// Throws what analyze() throws for a document without a start step or with a
// cycle among the happy-path flows (Error{validation_failed}), and what the
// calendar throws — Error{out_of_range} when the run leaves its coverage.
Schedule schedule(const Sop& sop, const WorkCalendar& calendar, Instant start,
                  const ScheduleOptions& options = {});

// Plans many runs of one SOP (monitoring computes a due date per case): the
// analysis is done once, each plan() is one calendar pass. plan(t) equals
// schedule(sop, calendar, t, options). Construction throws what schedule()
// throws for the document; plan() what the calendar throws.
class RunPlanner {
 public:
  RunPlanner(const Sop& sop, const WorkCalendar& calendar, const ScheduleOptions& options = {});
  Schedule plan(Instant start) const;
  // plan(start).due without building the plan.
  Instant due(Instant start) const;
  // Happy-path step indices in planning order.
  const std::vector<std::uint32_t>& happy_path() const noexcept { return order_; }

 private:
  Sop sop_;
  WorkCalendar calendar_;
  ScheduleOptions options_;
  std::vector<std::uint32_t> order_;
  std::vector<char> happy_;
  template <typename OnStep>
  Instant forward(Instant start, OnStep&& on_step) const;
};

}  // namespace sopkit
