// conformance.hpp — the pieces of compare_runs() that live in their own files:
// conformance (order, skips, rework) and the monitoring form. Private.
#pragma once

#include <cstdint>
#include <vector>

#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"

namespace sopkit::detail {

// The happy path of an SOP as a graph: which steps are on it, their
// predecessors along happy-path flows (next and yes; no flows are rework).
struct HappyGraph {
  std::vector<std::uint32_t> order;                      // happy-path steps in planning order
  std::vector<char> on_path;                             // per step
  std::vector<std::vector<std::uint32_t>> predecessors;  // per step
};
HappyGraph happy_graph(const Sop& sop, const std::vector<std::uint32_t>& happy_path);

// Per-step counters of one run, reused from run to run.
struct RunScratch {
  std::vector<std::uint32_t> executions;  // per step
  std::vector<Instant> first_end;         // per step, valid when executions > 0
  std::vector<std::uint32_t> touched;     // steps with executions > 0
};

// Fills result.complete, skipped, out_of_order, rework_rounds, no_branches and
// each execution's round and out_of_order flag (exec points at the run's
// first execution).
void check_conformance(const RunLog& log, const HappyGraph& graph, RunResult& result,
                       ExecutionResult* exec, RunScratch& scratch);

// The monitoring rows of one run (derived from its executions, overridden by
// what the officer recorded) and its evaluation score.
void fill_monitoring_form(const RunLog& log, const HappyGraph& graph, const RunRecord& record,
                          const ExecutionResult* exec, RunResult& result);
// The rows over every run: derived from all executions; the last run that
// recorded an observation of a step overrides the derived row.
std::vector<MonitoringRow> overall_monitoring(const RunLog& log, const HappyGraph& graph,
                                              const std::vector<ExecutionResult>& exec);

}  // namespace sopkit::detail
