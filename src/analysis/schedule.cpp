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

Schedule schedule(const Sop& sop, const WorkCalendar& calendar, Instant start,
                  const ScheduleOptions& options) {
  // analyze() gives the happy path in a topological order and rejects what
  // cannot be scheduled (no start step, a cycle that 'yes' never leaves).
  AnalysisOptions analysis_options;
  analysis_options.convention = calendar.convention();
  const Analysis analysis = analyze(sop, analysis_options);

  const std::size_t n = sop.step_count();
  std::vector<char> happy(n, 0);
  for (const auto& id : analysis.happy_path) happy[sop.step_index(id)] = 1;
  // ready[i]: the latest end among the finished predecessors of step i.
  std::vector<Instant> ready(n, start);

  Schedule plan;
  plan.start = start;
  plan.due = start;
  for (const auto& id : analysis.happy_path) {
    const std::uint32_t i = sop.step_index(id);
    const Step& s = sop.step(i);
    PlannedStep p;
    p.id = s.id;
    // No work starts while the office is closed: a step that becomes ready at
    // 16:00 starts at the next opening.
    p.start = calendar.next_working_instant(ready[i]);
    if (s.time) {
      p.end = calendar.add(p.start, *s.time, options.end);
    } else {
      p.end = p.start;
      plan.untimed_steps.push_back(s.id);
    }
    auto [b, e] = sop.out_flows(i);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop.flows()[k];
      if (f.kind == FlowKind::no || !happy[f.to]) continue;
      ready[f.to] = std::max(ready[f.to], p.end);
    }
    plan.due = std::max(plan.due, p.end);
    plan.steps.push_back(std::move(p));
  }
  return plan;
}

}  // namespace sopkit
