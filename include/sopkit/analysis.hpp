// analysis.hpp — what an SOP costs: happy path, totals, critical path (CPM),
// rework loops, workload per actor and hand-offs between actors.
//
// analyze() works on the indexed Sop; the critical path method underneath is
// also offered on plain arrays (cpm()), for graphs of millions of steps.
//
//   sopkit::Sop sop = sopkit::load_sop_file("examples/sop-monev-capaian-kinerja.json");
//   sopkit::Analysis a = sopkit::analyze(sop);
//   a.total.to_string();        // "31 hari 3 jam 30 menit"
//   a.working_minutes;          // 14160 (1 hari = 450 minutes)
//   a.worst->critical_path;     // {"1", "2", ..., "13"}
//
// Definitions (docs/analysis.md has the long form):
//  - The happy path is every step reached from the start step when each
//    decision answers *yes*: `next` flows (all branches of a parallel split) and
//    `yes` flows are followed, `no` flows are not. It is listed in document
//    order when that is topological, else in the order of Kahn's algorithm.
//  - A single figure in minutes is the upper end of the standard times (the
//    time the SOP promises); the lower end of ranges such as "1-3 Hari" sits
//    beside it as min_*.
//  - Steps whose time is missing or unparseable count as 0 and are listed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sopkit/duration.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

// ---------------------------------------------------------------------------
// Critical path method on plain arrays
// ---------------------------------------------------------------------------

// CPM of an activity-on-node graph: node i lasts duration[i]; an edge u -> v
// means v starts when u has finished. Arrays are indexed by node; the graph is
// kept as CSR (successors of u are successors[successor_begin[u] ..
// successor_begin[u + 1]]) so that callers can walk it without rebuilding it.
struct CpmResult {
  // A topological order: the index order when every edge goes from a lower to
  // a higher index, else Kahn's (first in, first out; sources by index).
  std::vector<std::uint32_t> order;
  std::vector<double> earliest_start;          // ES
  std::vector<double> latest_start;            // LS
  std::vector<std::uint32_t> successor_begin;  // n + 1 offsets into successors
  std::vector<std::uint32_t> successors;       // m node indices, grouped by source
  // One critical path: a chain of zero-slack nodes from one that starts at 0
  // to one that ends at the project duration, each the successor that sets
  // the previous one's latest finish, so each starts exactly when the previous
  // finishes (the first such successor in edge order when there are several).
  // Empty when n == 0.
  std::vector<std::uint32_t> critical_path;
  double duration = 0.0;  // project duration: max of ES + d

  // Total float LS - ES, clamped at 0 against rounding.
  double slack(std::size_t node) const noexcept;
  // Bytes held by the arrays (capacities): the result's memory footprint.
  std::size_t memory_bytes() const noexcept;
};

// Runs CPM on n nodes and m edges (from[e] -> to[e]). Parallel edges are fine.
// Throws Error{invalid_argument} for an index >= n or a duration that is
// negative or not finite, Error{validation_failed} when the edges form a cycle.
// O(n + m) time; memory: the result, 32 bytes per node, 4 per edge and 4 per
// critical-path node, and while it runs 4 more per edge (each edge's source,
// for the flat passes) and, in Kahn's order, 4 more per node.
CpmResult cpm(const double* duration, std::size_t n, const std::uint32_t* from,
              const std::uint32_t* to, std::size_t m);

// As above, reusing the capacity of `out` (for repeated runs).
void cpm(const double* duration, std::size_t n, const std::uint32_t* from, const std::uint32_t* to,
         std::size_t m, CpmResult& out);

// ---------------------------------------------------------------------------
// SOP analysis
// ---------------------------------------------------------------------------

struct AnalysisOptions {
  WorkConvention convention{};  // 1 hari = 450 working minutes by default
  unsigned rework_rounds = 1;   // k of the worst case: every loop re-done k times
  // false: a document fault that makes a part impossible throws (see analyze()).
  // true: never throws for document faults; what cannot be computed is left
  // empty and explained in Analysis::not_computed (the CLI prints what it can).
  bool lenient = false;
};

// Work of one actor on the happy path.
struct ActorWorkload {
  std::string actor;  // Actor::id (a step's actor id even when it is not declared)
  std::string name;   // Actor::name, "" when the actor is not declared
  double working_minutes = 0.0;
  double min_working_minutes = 0.0;
  std::size_t steps = 0;
};

// A flow of the happy path from a step of one actor to a step of another.
struct Handoff {
  std::string from_step, from_actor;
  std::string to_step, to_actor;
};

// The longest chain of happy-path flows kept by one actor (most working
// minutes; more steps, then document order, break ties).
struct ActorStretch {
  std::string actor;
  std::string name;
  std::vector<std::string> steps;
  double working_minutes = 0.0;
};

// CPM figures of one step, in working minutes from the start of the run.
struct StepTiming {
  std::string id;
  double earliest_start = 0.0, earliest_finish = 0.0;
  double latest_start = 0.0, latest_finish = 0.0;
  double slack = 0.0;
  bool critical = false;
};

// CPM over the happy-path flows, with one end of the standard times.
struct CriticalPathAnalysis {
  double duration = 0.0;                   // elapsed working minutes of a run
  std::vector<StepTiming> steps;           // happy-path steps, in happy_path order
  std::vector<std::string> critical_path;  // one chain of zero-slack steps
  // The timing of one step, nullptr off the happy path. A linear search: to
  // look up every step, use by_step().
  const StepTiming* find(const std::string& step_id) const noexcept;
  // The timing of each step of `sop` (the analysed SOP) by document index,
  // nullptr off the happy path: one pass for writers that walk every step.
  std::vector<const StepTiming*> by_step(const Sop& sop) const;
};

// A rework loop: a decision whose *no* branch goes back into a strongly
// connected component of the flow graph. Loops of one component share it: the
// component is listed once in Analysis::components and named here by index, so
// that many overlapping loops cost their number, not their number times the
// component's size.
struct ReworkLoop {
  std::string decision;         // the step whose *no* branch closes the loop
  std::string restart;          // the *no* target: where rework starts again
  std::size_t component = 0;    // index into Analysis::components
  std::size_t round_steps = 0;  // steps re-done in one round (rework_round() lists them)
  DurationSum round;            // standard time of one round
  double round_working_minutes = 0.0;
  double round_min_working_minutes = 0.0;
  std::optional<double> no_probability;  // from the decision step
  double expected_rounds = 0.0;          // p / (1 - p); 0 when no probability is given
};

// The happy-path total plus rework rounds.
struct ReworkTotal {
  DurationSum total;  // units kept apart; fractional for expected rounds ("31,44 hari")
  double working_minutes = 0.0;
  double min_working_minutes = 0.0;
};

struct Analysis {
  WorkConvention convention;
  std::vector<std::string> happy_path;     // step ids
  DurationSum total;                       // sum of standard times on the happy path
  double working_minutes = 0.0;            // total, upper end
  double min_working_minutes = 0.0;        // total, lower end
  std::vector<std::string> untimed_steps;  // every step whose time is missing/unparseable
  std::vector<ActorWorkload> workload;     // declared actors in order, then undeclared ones
  std::vector<Handoff> handoffs;           // in happy_path order of their source
  std::optional<ActorStretch> longest_single_actor_stretch;
  // CPM with the upper (worst) and lower (best) ends of the standard times.
  std::optional<CriticalPathAnalysis> worst, best;
  std::vector<ReworkLoop> loops;  // in document order of their decisions
  // The strongly connected components that hold a loop, each once, in the
  // order of their first loop; the step ids of each in document order.
  std::vector<std::vector<std::string>> components;
  unsigned rework_rounds = 1;
  ReworkTotal worst_case;  // total + rework_rounds x every loop's round
  // total + expected rounds x every loop's round; loops whose decision gives no
  // probability count 0 rounds and are listed in decisions_without_probability.
  std::optional<ReworkTotal> expected;
  std::vector<std::string> decisions_without_probability;
  // Decisions whose no_probability rounds to 1 (no_probability_rounds_to_one):
  // when any exists, `expected` is left out rather than give thousands of
  // rounds nobody meant; validate() warns about each.
  std::vector<std::string> near_one_probabilities;
  std::vector<std::string> not_computed;  // lenient mode: what is missing and why
};

// True when a no_probability reads as 1 at three decimals (above 0.999): more
// than 999 expected rework rounds, an expected total of years.
bool no_probability_rounds_to_one(double p) noexcept;

// Analyses the SOP. Needs a start step; every reference to an unknown step or
// actor is ignored (validate() reports them). Throws (unless options.lenient):
//  - Error{validation_failed} when there is no start step, or when the
//    happy-path flows form a cycle (a cycle with no decision, or one closed by
//    a *yes* branch), naming the steps of the cycle;
//  - Error{invalid_argument} when a decision's no_probability is outside [0, 1),
//    naming the step.
Analysis analyze(const Sop& sop, const AnalysisOptions& options = {});

// The steps re-done in one round of analysis.loops[loop], in document order:
// those on a path from the restart to the decision along happy-path flows
// inside the loop's component; when only other *no* branches lead back, along
// any flows inside the component that do not leave through the decision.
// `analysis` must come from analyze(sop). O(steps + flows) per call: analyze()
// only counts them (ReworkLoop::round_steps), since listing them for every loop
// grows with the square of the loops when many return to one step.
// Throws Error{invalid_argument} when `loop` is past the end.
std::vector<std::string> rework_round(const Sop& sop, const Analysis& analysis, std::size_t loop);

}  // namespace sopkit
