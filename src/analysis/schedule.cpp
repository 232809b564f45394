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

template <typename OnStep>
Instant RunPlanner::forward(Instant start, OnStep&& on_step) const {
  // ready[i]: the latest end among the finished predecessors of step i.
  std::vector<Instant> ready(sop_.step_count(), start);
  Instant due = start;
  for (const std::uint32_t i : order_) {
    const Step& s = sop_.step(i);
    // No work starts while the office is closed: a step that becomes ready at
    // 16:00 starts at the next opening.
    const Instant begin = calendar_.next_working_instant(ready[i]);
    const Instant end = s.time ? calendar_.add(begin, *s.time, options_.end) : begin;
    on_step(s, begin, end);
    auto [b, e] = sop_.out_flows(i);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop_.flows()[k];
      if (f.kind == FlowKind::no || !happy_[f.to]) continue;
      ready[f.to] = std::max(ready[f.to], end);
    }
    due = std::max(due, end);
  }
  return due;
}

Schedule RunPlanner::plan(Instant start) const {
  Schedule plan;
  plan.start = start;
  plan.steps.reserve(order_.size());
  plan.due = forward(start, [&](const Step& s, Instant begin, Instant end) {
    plan.steps.push_back(PlannedStep{s.id, begin, end});
    if (!s.time) plan.untimed_steps.push_back(s.id);
  });
  return plan;
}

Instant RunPlanner::due(Instant start) const {
  return forward(start, [](const Step&, Instant, Instant) {});
}

Schedule schedule(const Sop& sop, const WorkCalendar& calendar, Instant start,
                  const ScheduleOptions& options) {
  return RunPlanner(sop, calendar, options).plan(start);
}

}  // namespace sopkit
