// schedule.cpp — CPM earliest starts run through a working calendar.
//
// Calendar time is not additive (a 2-day step that starts on a Thursday ends
// on a Monday, one that starts before Lebaran ends a week later), so the
// minute figures of analyze() cannot simply be offset from the start: the
// forward pass is redone with WorkCalendar::add on instants.
#include "sopkit/schedule.hpp"

#include <algorithm>

#include "sopkit/analysis.hpp"

namespace sopkit {

RunPlanner::RunPlanner(const Sop& sop, const WorkCalendar& calendar, const ScheduleOptions& options)
    : sop_(sop), calendar_(calendar), options_(options) {
  // analyze() gives the happy path in a topological order and rejects what
  // cannot be scheduled (no start step, a cycle that 'yes' never leaves).
  AnalysisOptions analysis_options;
  analysis_options.convention = calendar.convention();
  const Analysis analysis = analyze(sop, analysis_options);
  happy_.assign(sop.step_count(), 0);
  for (const auto& id : analysis.happy_path) {
    order_.push_back(sop.step_index(id));
    happy_[order_.back()] = 1;
  }
}

Schedule RunPlanner::plan(Instant start) const {
  // ready[i]: the latest end among the finished predecessors of step i.
  std::vector<Instant> ready(sop_.step_count(), start);
  Schedule plan;
  plan.start = start;
  plan.due = start;
  plan.steps.reserve(order_.size());
  for (const std::uint32_t i : order_) {
    const Step& s = sop_.step(i);
    PlannedStep p;
    p.id = s.id;
    // No work starts while the office is closed: a step that becomes ready at
    // 16:00 starts at the next opening.
    p.start = calendar_.next_working_instant(ready[i]);
    if (s.time) {
      p.end = calendar_.add(p.start, *s.time, options_.end);
    } else {
      p.end = p.start;
      plan.untimed_steps.push_back(s.id);
    }
    auto [b, e] = sop_.out_flows(i);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop_.flows()[k];
      if (f.kind == FlowKind::no || !happy_[f.to]) continue;
      ready[f.to] = std::max(ready[f.to], p.end);
    }
    plan.due = std::max(plan.due, p.end);
    plan.steps.push_back(std::move(p));
  }
  return plan;
}

Schedule schedule(const Sop& sop, const WorkCalendar& calendar, Instant start,
                  const ScheduleOptions& options) {
  return RunPlanner(sop, calendar, options).plan(start);
}

}  // namespace sopkit
