// conformance.cpp — was the procedure followed: steps started before their
// predecessors had ended (out of order), happy-path steps never executed
// (skipped), and rework rounds (no branches taken, steps repeated).
#include <algorithm>

#include "monitoring/detail/conformance.hpp"

namespace sopkit::detail {

HappyGraph happy_graph(const Sop& sop, const std::vector<std::uint32_t>& happy_path) {
  HappyGraph g;
  g.order = happy_path;
  g.on_path.assign(sop.step_count(), 0);
  g.predecessors.resize(sop.step_count());
  for (const std::uint32_t i : happy_path) g.on_path[i] = 1;
  for (const Flow& f : sop.flows())
    if (f.kind != FlowKind::no && g.on_path[f.from] && g.on_path[f.to])
      g.predecessors[f.to].push_back(f.from);
  return g;
}

void check_conformance(const RunLog& log, const HappyGraph& graph, RunResult& result,
                       ExecutionResult* exec, RunScratch& scratch) {
  const Sop& sop = log.sop();
  const StepEvent* ev = log.events().data() + result.first_event;
  const std::size_t n = result.event_count;
  if (scratch.executions.size() != sop.step_count()) {
    scratch.executions.assign(sop.step_count(), 0);
    scratch.first_end.assign(sop.step_count(), 0);
  }
  for (const std::uint32_t s : scratch.touched) scratch.executions[s] = 0;
  scratch.touched.clear();

  // Rounds (in start order) and each step's earliest end.
  std::uint32_t most = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t s = ev[k].step;
    if (scratch.executions[s] == 0) {
      scratch.touched.push_back(s);
      scratch.first_end[s] = ev[k].end;
    } else {
      scratch.first_end[s] = std::min(scratch.first_end[s], ev[k].end);
    }
    exec[k].round = scratch.executions[s]++;
    most = std::max(most, scratch.executions[s]);
    if (ev[k].branch == Branch::no) ++result.no_branches;
    if (sop.step(s).kind == StepKind::end) result.complete = true;
  }
  result.rework_rounds = std::max(result.no_branches, most > 0 ? most - 1 : 0);

  // Out of order: an execution that started before every execution of a
  // happy-path predecessor (that ran in this run) had ended. A predecessor
  // that never ran is a skip, reported below, not an order fault.
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t s = ev[k].step;
    for (const std::uint32_t p : graph.predecessors[s]) {
      if (scratch.executions[p] == 0 || scratch.first_end[p] <= ev[k].start) continue;
      exec[k].out_of_order = true;
      result.out_of_order.push_back(
          OrderViolation{sop.step(s).id, sop.step(p).id, ev[k].start, scratch.first_end[p]});
    }
  }
  if (result.complete)
    for (const std::uint32_t s : graph.order)
      if (scratch.executions[s] == 0) result.skipped.push_back(sop.step(s).id);
}

}  // namespace sopkit::detail
