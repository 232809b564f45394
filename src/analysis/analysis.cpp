// analysis.cpp — analyze(): happy path, totals, workload, hand-offs, CPM and
// rework loops of one SOP.
//
// Every part is linear in steps and flows (SOPs of a million steps are
// analysed), except one round of each rework loop, which costs the round's
// steps. The CPM itself is the array version in cpm.cpp: one implementation,
// tested at both scales.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

const StepTiming* CriticalPathAnalysis::find(const std::string& step_id) const noexcept {
  for (const auto& s : steps)
    if (s.id == step_id) return &s;
  return nullptr;
}

std::vector<const StepTiming*> CriticalPathAnalysis::by_step(const Sop& sop) const {
  std::vector<const StepTiming*> out(sop.step_count(), nullptr);
  for (const auto& s : steps) {
    const std::uint32_t i = sop.step_index(s.id);
    if (i < out.size()) out[i] = &s;
  }
  return out;
}

namespace {

using Index = std::uint32_t;

// Flows that a run takes when every decision answers yes.
bool on_happy_flow(const Flow& f) {
  return f.kind != FlowKind::no;
}

std::string join_ids(const Sop& sop, const std::vector<Index>& steps, const char* sep) {
  std::string out;
  for (Index i : steps) {
    if (!out.empty()) out += sep;
    out += sop.step(i).id;
  }
  return out;
}

// Reports a document fault: thrown in strict mode, noted in lenient mode.
struct FaultSink {
  bool lenient;
  std::vector<std::string>* notes;
  void operator()(ErrorCode code, const std::string& message, const std::string& where) const {
    if (!lenient) throw Error(code, message, where);
    notes->push_back(where.empty() ? message : where + ": " + message);
  }
};

// Strongly connected components of `sop`'s flows that pass `keep`, by Boost.
template <typename Keep>
std::vector<int> components(const Sop& sop, Keep keep) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(sop.step_count());
  for (const Flow& f : sop.flows())
    if (keep(f)) boost::add_edge(f.from, f.to, g);
  std::vector<int> comp(sop.step_count(), 0);
  if (!comp.empty()) boost::strong_components(g, comp.data());
  return comp;
}

// Steps of one cycle among the happy-path steps, for the message that explains
// why CPM is impossible: the first non-trivial strongly connected component of
// the happy-path flows.
std::vector<Index> find_happy_cycle(const Sop& sop, const std::vector<char>& happy) {
  std::vector<int> comp =
      components(sop, [&](const Flow& f) { return on_happy_flow(f) && happy[f.from]; });
  std::map<int, std::vector<Index>> by_comp;
  for (Index i = 0; i < comp.size(); ++i)
    if (happy[i]) by_comp[comp[i]].push_back(i);
  for (Index i = 0; i < comp.size(); ++i) {
    if (!happy[i]) continue;
    const auto& members = by_comp[comp[i]];
    bool self_loop = false;
    auto [b, e] = sop.out_flows(i);
    for (std::size_t k = b; k < e; ++k)
      if (on_happy_flow(sop.flows()[k]) && sop.flows()[k].to == i) self_loop = true;
    if (members.size() > 1 || self_loop) return members;
  }
  return {};
}

void add_minutes(const Step& s, const WorkConvention& conv, double& max_minutes,
                 double& min_minutes) {
  if (!s.time) return;
  max_minutes += s.time->max_minutes(conv);
  min_minutes += s.time->min_minutes(conv);
}

// Happy-path flows inside one component.
struct HappyInside {
  const std::vector<int>* comp;
  int c;
  bool operator()(const Flow& g) const {
    return on_happy_flow(g) && (*comp)[g.from] == c && (*comp)[g.to] == c;
  }
};

// What one round of a loop costs.
struct RoundCost {
  std::size_t steps = 0;
  DurationSum time;
  double max_minutes = 0.0, min_minutes = 0.0;
  void add(const Step& s, const WorkConvention& conv) {
    ++steps;
    if (s.time) time += *s.time;
    add_minutes(s, conv, max_minutes, min_minutes);
  }
};

// Finds the steps re-done in one round of a loop: those on some path
// restart ~> decision through the flows of its component that a round takes.
// The reach from a restart is kept for the next loop with the same restart, and
// the walk back from the decision stays inside that reach, so a loop costs its
// round, not the component, when many loops return to one step. When that
// reach is a tree (every reached step entered by one flow, as in a chain of
// checks that all send files back to the start), a round is the tree path to
// its decision and costs nothing more than a look-up of the path's sums.
class RoundFinder {
 public:
  // comp: each step's component; members of one component share the value.
  RoundFinder(const Sop& sop, const std::vector<int>& comp)
      : sop_(sop),
        comp_(comp),
        in_begin_(sop.step_count() + 1, 0),
        ahead_(sop.step_count(), 0),
        behind_(sop.step_count(), 0),
        parent_(sop.step_count(), kNoIndex) {
    const auto& flows = sop.flows();
    for (const Flow& f : flows) ++in_begin_[f.to + 1];
    for (std::size_t i = 1; i < in_begin_.size(); ++i) in_begin_[i] += in_begin_[i - 1];
    in_flows_.resize(flows.size());
    std::vector<std::size_t> fill(in_begin_.begin(), in_begin_.end() - 1);
    for (std::size_t k = 0; k < flows.size(); ++k) in_flows_[fill[flows[k].to]++] = k;
  }

  // The round of the loop decision -> restart, in document order: along
  // happy-path flows; when they do not lead back, along any flow that does not
  // leave through the decision.
  std::vector<Index> round(Index restart, Index decision) {
    std::vector<Index> out = walk_back(decision, happy_reach(restart, decision));
    if (!out.empty()) return out;
    return any_round(restart, decision);
  }

  // The cost of that round, from the path sums when the happy reach is a tree.
  RoundCost cost(Index restart, Index decision, const WorkConvention& conv) {
    happy_reach(restart, decision);  // stamps the reach the tree test reads
    if (tree_ && ahead_[decision] == ahead_stamp_) return path_cost(decision, conv);
    RoundCost out;
    for (Index i : round(restart, decision)) out.add(sop_.step(i), conv);
    return out;
  }

 private:
  // Happy-path flows inside the decision's component; their reach from the
  // restart is computed unless it is the one held.
  HappyInside happy_reach(Index restart, Index decision) {
    const HappyInside happy{&comp_, comp_[decision]};
    if (restart != happy_reach_of_) {
      reach(restart, happy);
      happy_reach_of_ = restart;
    }
    return happy;
  }

  // Any flow inside the component that does not leave through the decision.
  std::vector<Index> any_round(Index restart, Index decision) {
    const int c = comp_[decision];
    auto keep = [&](const Flow& g) {
      return g.from != decision && comp_[g.from] == c && comp_[g.to] == c;
    };
    happy_reach_of_ = kNoIndex;
    reach(restart, keep);
    return walk_back(decision, keep);
  }

  // Marks the steps reached from `from` through flows that pass `keep`, each
  // with the step it was entered from; tree_ tells whether none is entered twice.
  template <typename Keep>
  void reach(Index from, Keep keep) {
    ++ahead_stamp_;
    tree_ = true;
    std::vector<Index> stack{from};
    ahead_[from] = ahead_stamp_;
    parent_[from] = kNoIndex;
    while (!stack.empty()) {
      const Index u = stack.back();
      stack.pop_back();
      auto [b, e] = sop_.out_flows(u);
      for (std::size_t k = b; k < e; ++k) {
        const Flow& f = sop_.flows()[k];
        if (!keep(f)) continue;
        if (ahead_[f.to] == ahead_stamp_) {
          tree_ = false;
          continue;
        }
        ahead_[f.to] = ahead_stamp_;
        parent_[f.to] = u;
        stack.push_back(f.to);
      }
    }
    path_cost_.clear();
  }

  // The sums along the tree path restart ~> step, memoised per reach: each
  // step's is its parent's plus its own.
  RoundCost path_cost(Index step, const WorkConvention& conv) {
    std::vector<Index> pending;
    for (Index v = step; v != kNoIndex && !path_cost_.count(v); v = parent_[v])
      pending.push_back(v);
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      const Index p = parent_[*it];
      RoundCost c = p == kNoIndex ? RoundCost{} : path_cost_.at(p);
      c.add(sop_.step(*it), conv);
      path_cost_.emplace(*it, std::move(c));
    }
    return path_cost_.at(step);
  }

  // The reached steps from which `to` is reached through flows that pass
  // `keep`: every step on such a path is itself reached, so the walk never
  // leaves the reach.
  template <typename Keep>
  std::vector<Index> walk_back(Index to, Keep keep) {
    std::vector<Index> out;
    if (ahead_[to] != ahead_stamp_) return out;
    ++behind_stamp_;
    behind_[to] = behind_stamp_;
    out.push_back(to);
    for (std::size_t head = 0; head < out.size(); ++head) {
      const Index v = out[head];
      for (std::size_t k = in_begin_[v]; k < in_begin_[v + 1]; ++k) {
        const Flow& g = sop_.flows()[in_flows_[k]];
        if (!keep(g) || ahead_[g.from] != ahead_stamp_ || behind_[g.from] == behind_stamp_)
          continue;
        behind_[g.from] = behind_stamp_;
        out.push_back(g.from);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  const Sop& sop_;
  const std::vector<int>& comp_;
  std::vector<std::size_t>
      in_begin_;  // flows into step v: in_flows_[in_begin_[v] .. in_begin_[v + 1]]
  std::vector<std::size_t> in_flows_;
  std::vector<std::uint32_t> ahead_, behind_;  // stamps: marked when equal to the current one
  std::uint32_t ahead_stamp_ = 0, behind_stamp_ = 0;
  Index happy_reach_of_ = kNoIndex;  // the restart whose happy reach ahead_ holds
  std::vector<Index> parent_;        // in the reach: the step each was entered from
  bool tree_ = false;                // no reached step was entered twice
  std::unordered_map<Index, RoundCost> path_cost_;
};

// Each rework loop, in document order of its decision: a decision's no-branch
// into its own strongly connected component of the whole flow graph.
struct LoopEnds {
  Index decision, restart;
};
std::vector<LoopEnds> find_loops(const Sop& sop, const std::vector<int>& comp) {
  std::vector<LoopEnds> out;
  const auto& steps = sop.document().steps;
  for (Index d = 0; d < steps.size(); ++d) {
    if (steps[d].kind != StepKind::decision) continue;
    auto [b, e] = sop.out_flows(d);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop.flows()[k];
      if (f.kind == FlowKind::no && comp[f.to] == comp[d]) out.push_back(LoopEnds{d, f.to});
    }
  }
  return out;
}

// The components that hold a loop, each once in the order of its first loop,
// as step ids in document order; slot[c] is the index of component c.
struct LoopComponents {
  std::vector<std::vector<std::string>> ids;
  std::vector<std::size_t> slot;
};
LoopComponents loop_components(const Sop& sop, const std::vector<int>& comp,
                               const std::vector<LoopEnds>& ends) {
  constexpr std::size_t kUnlisted = static_cast<std::size_t>(-1);
  LoopComponents out;
  out.slot.assign(comp.size(), kUnlisted);  // Boost numbers components 0 .. n - 1
  for (const LoopEnds& l : ends) {
    std::size_t& slot = out.slot[comp[l.decision]];
    if (slot == kUnlisted) slot = out.ids.size(), out.ids.emplace_back();
  }
  for (Index i = 0; i < comp.size(); ++i)
    if (out.slot[comp[i]] != kUnlisted) out.ids[out.slot[comp[i]]].push_back(sop.step(i).id);
  return out;
}

// Loop positions ordered by restart (document order among equals), so that
// loops returning to one step follow each other and share its reach.
std::vector<std::size_t> grouped_by_restart(const std::vector<LoopEnds>& ends) {
  std::vector<std::size_t> order(ends.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return ends[x].restart < ends[y].restart; });
  return order;
}

// Per step, the upper and lower ends of its standard time in minutes (0 when
// untimed; those steps are listed in a.untimed_steps).
struct StepMinutes {
  std::vector<double> max, min;
};

StepMinutes step_minutes(const Sop& sop, const WorkConvention& conv, Analysis& a) {
  const auto& steps = sop.document().steps;
  StepMinutes m{std::vector<double>(steps.size(), 0.0), std::vector<double>(steps.size(), 0.0)};
  for (Index i = 0; i < steps.size(); ++i) {
    if (steps[i].time) {
      m.max[i] = steps[i].time->max_minutes(conv);
      m.min[i] = steps[i].time->min_minutes(conv);
    } else {
      a.untimed_steps.push_back(steps[i].id);
    }
  }
  return m;
}

// False when a decision's no_probability is outside [0, 1), each reported.
bool probabilities_valid(const Sop& sop, const FaultSink& fault) {
  bool valid = true;
  for (const Step& s : sop.document().steps) {
    if (!s.no_probability) continue;
    const double p = *s.no_probability;
    if (p >= 0.0 && p < 1.0) continue;
    valid = false;
    std::ostringstream msg;
    msg << "the probability of the 'no' branch is " << p
        << "; it must be at least 0 and below 1 (0.2 means one file in five is sent back)";
    fault(ErrorCode::invalid_argument, msg.str(), "step " + s.id);
  }
  return valid;
}

// The happy path: the steps reached from the start over next/yes flows, and
// its flows as a DAG in compact indices for cpm().
struct HappyGraph {
  std::vector<char> happy;     // per step
  std::vector<Index> reached;  // global indices, ascending
  std::vector<Index> from, to;
  std::vector<double> dmax, dmin;
};

HappyGraph happy_graph(const Sop& sop, const StepMinutes& minutes, const FaultSink& fault) {
  const std::size_t n = sop.step_count();
  const auto& flows = sop.flows();
  HappyGraph g;
  g.happy.assign(n, 0);
  const Index start = sop.start_index();
  if (start == kNoIndex) {
    fault(ErrorCode::validation_failed,
          "the SOP has no start step, so there is no path to analyse; give the first step "
          "the kind \"start\"",
          "");
  } else {
    g.happy[start] = 1;
    g.reached.push_back(start);
    for (std::size_t head = 0; head < g.reached.size(); ++head) {  // breadth first
      auto [b, e] = sop.out_flows(g.reached[head]);
      for (std::size_t k = b; k < e; ++k) {
        const Flow& f = flows[k];
        if (on_happy_flow(f) && !g.happy[f.to]) g.happy[f.to] = 1, g.reached.push_back(f.to);
      }
    }
  }
  std::sort(g.reached.begin(), g.reached.end());
  std::vector<Index> local(n, kNoIndex);
  for (Index k = 0; k < g.reached.size(); ++k) local[g.reached[k]] = k;
  for (Index i : g.reached) {
    g.dmax.push_back(minutes.max[i]);
    g.dmin.push_back(minutes.min[i]);
    auto [b, e] = sop.out_flows(i);
    for (std::size_t k = b; k < e; ++k)
      if (on_happy_flow(flows[k])) g.from.push_back(local[i]), g.to.push_back(local[flows[k].to]);
  }
  return g;
}

// CPM over the happy graph with the upper and the lower standard times; none
// (reported) when the happy flows form a cycle.
struct HappyCpm {
  std::optional<CpmResult> worst, best;
};

HappyCpm happy_cpm(const Sop& sop, const HappyGraph& g, const FaultSink& fault) {
  HappyCpm r;
  try {
    r.worst = cpm(g.dmax.data(), g.dmax.size(), g.from.data(), g.to.data(), g.from.size());
    r.best = cpm(g.dmin.data(), g.dmin.size(), g.from.data(), g.to.data(), g.from.size());
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation_failed) throw;
    r.worst.reset();
    std::vector<Index> cycle = find_happy_cycle(sop, g.happy);
    std::string where = cycle.empty() ? "" : "step " + sop.step(cycle.front()).id;
    fault(ErrorCode::validation_failed,
          "steps " + join_ids(sop, cycle, ", ") +
              " form a cycle that a run with every decision answering 'yes' never leaves; a "
              "loop must be closed by the 'no' branch of a decision, so the critical path "
              "cannot be computed",
          where);
  }
  return r;
}

// Declared actors in their order, then undeclared ids as met on the path.
std::vector<ActorWorkload> workload(const Sop& sop, const std::vector<Index>& order,
                                    const WorkConvention& conv) {
  const auto& steps = sop.document().steps;
  std::vector<ActorWorkload> out;
  std::map<std::string, std::size_t> slot;
  for (const Actor& act : sop.document().actors) {
    if (slot.count(act.id)) continue;
    slot[act.id] = out.size();
    out.push_back(ActorWorkload{act.id, act.name, 0.0, 0.0, 0});
  }
  for (Index i : order) {
    const Step& s = steps[i];
    auto it = slot.find(s.actor);
    if (it == slot.end()) {
      it = slot.emplace(s.actor, out.size()).first;
      out.push_back(ActorWorkload{s.actor, "", 0.0, 0.0, 0});
    }
    ActorWorkload& w = out[it->second];
    add_minutes(s, conv, w.working_minutes, w.min_working_minutes);
    ++w.steps;
  }
  return out;
}

// Happy-path flows whose ends have different actors.
std::vector<Handoff> handoffs(const Sop& sop, const std::vector<Index>& order) {
  const auto& steps = sop.document().steps;
  std::vector<Handoff> out;
  for (Index i : order) {
    auto [b, e] = sop.out_flows(i);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop.flows()[k];
      if (!on_happy_flow(f) || steps[f.to].actor == steps[i].actor) continue;
      out.push_back(Handoff{steps[i].id, steps[i].actor, steps[f.to].id, steps[f.to].actor});
    }
  }
  return out;
}

// The longest path over same-actor happy flows, by dynamic programming in
// topological order: when a step is reached the best same-actor chain ending
// just before it is known; (minutes, steps) is compared lexicographically and
// the first of equals is kept.
ActorStretch longest_single_actor_stretch(const Sop& sop, const std::vector<Index>& order,
                                          const std::vector<double>& max_minutes) {
  const auto& steps = sop.document().steps;
  const std::size_t n = sop.step_count();
  std::vector<double> best_minutes(n, 0.0);
  std::vector<std::size_t> best_len(n, 0);
  std::vector<Index> prev(n, kNoIndex);
  for (Index i : order) {
    best_minutes[i] += max_minutes[i];
    best_len[i] += 1;
    auto [b, e] = sop.out_flows(i);
    for (std::size_t k = b; k < e; ++k) {
      const Flow& f = sop.flows()[k];
      if (!on_happy_flow(f) || steps[f.to].actor != steps[i].actor) continue;
      bool better = prev[f.to] == kNoIndex || best_minutes[i] > best_minutes[f.to] ||
                    (best_minutes[i] == best_minutes[f.to] && best_len[i] > best_len[f.to]);
      if (!better) continue;
      best_minutes[f.to] = best_minutes[i];
      best_len[f.to] = best_len[i];
      prev[f.to] = i;
    }
  }
  Index end = kNoIndex;
  for (Index i : order) {
    if (end == kNoIndex || best_minutes[i] > best_minutes[end] ||
        (best_minutes[i] == best_minutes[end] &&
         (best_len[i] > best_len[end] || (best_len[i] == best_len[end] && i < end))))
      end = i;
  }
  ActorStretch st;
  st.actor = steps[end].actor;
  Index ai = sop.step_actor(end);
  if (ai != kNoIndex) st.name = sop.document().actors[ai].name;
  st.working_minutes = best_minutes[end];
  std::vector<Index> chain;
  for (Index i = end; i != kNoIndex; i = prev[i]) chain.push_back(i);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) st.steps.push_back(steps[*it].id);
  return st;
}

// CPM figures per step of one CPM run (`d`: the durations it ran with).
CriticalPathAnalysis timings(const Sop& sop, const HappyGraph& g, const CpmResult& r,
                             const std::vector<double>& d) {
  CriticalPathAnalysis c;
  c.duration = r.duration;
  const double eps = 1e-9 * std::max(1.0, r.duration);
  for (Index k : r.order) {
    StepTiming t;
    t.id = sop.step(g.reached[k]).id;
    t.earliest_start = r.earliest_start[k];
    t.earliest_finish = r.earliest_start[k] + d[k];
    t.latest_start = r.latest_start[k];
    t.latest_finish = r.latest_start[k] + d[k];
    t.slack = r.slack(k);
    t.critical = t.slack <= eps;
    c.steps.push_back(std::move(t));
  }
  for (Index k : r.critical_path) c.critical_path.push_back(sop.step(g.reached[k]).id);
  return c;
}

// The rework loops, their components and one round of each; expected rounds
// from the decisions' probabilities when those are valid.
void rework_loops(const Sop& sop, const WorkConvention& conv, bool probabilities_valid,
                  Analysis& a) {
  const auto& steps = sop.document().steps;
  const std::vector<int> comp = components(sop, [](const Flow&) { return true; });
  const std::vector<LoopEnds> ends = find_loops(sop, comp);
  LoopComponents listed = loop_components(sop, comp, ends);
  a.components = std::move(listed.ids);
  a.loops.resize(ends.size());
  RoundFinder rounds(sop, comp);
  for (std::size_t li : grouped_by_restart(ends)) {
    ReworkLoop& loop = a.loops[li];
    loop.decision = steps[ends[li].decision].id;
    loop.restart = steps[ends[li].restart].id;
    RoundCost round = rounds.cost(ends[li].restart, ends[li].decision, conv);
    loop.round_steps = round.steps;
    loop.round = round.time;
    loop.round_working_minutes = round.max_minutes;
    loop.round_min_working_minutes = round.min_minutes;
  }
  for (std::size_t li = 0; li < ends.size(); ++li) {
    ReworkLoop& loop = a.loops[li];
    loop.component = listed.slot[comp[ends[li].decision]];
    loop.no_probability = steps[ends[li].decision].no_probability;
    if (loop.no_probability && probabilities_valid) {
      double p = *loop.no_probability;
      loop.expected_rounds = p / (1.0 - p);  // geometric: mean failures before a yes
      if (no_probability_rounds_to_one(p)) a.near_one_probabilities.push_back(loop.decision);
    } else if (!loop.no_probability) {
      a.decisions_without_probability.push_back(loop.decision);
    }
  }
}

// Worst case with k rounds of every loop; expected with the probabilities.
void rework_totals(const AnalysisOptions& options, bool probabilities_valid, Analysis& a) {
  a.worst_case.total = a.total;
  a.worst_case.working_minutes = a.working_minutes;
  a.worst_case.min_working_minutes = a.min_working_minutes;
  ReworkTotal expected = a.worst_case;
  for (const ReworkLoop& loop : a.loops) {
    const double k = options.rework_rounds;
    a.worst_case.working_minutes += k * loop.round_working_minutes;
    a.worst_case.min_working_minutes += k * loop.round_min_working_minutes;
    a.worst_case.total.add(loop.round, k);
    expected.working_minutes += loop.expected_rounds * loop.round_working_minutes;
    expected.min_working_minutes += loop.expected_rounds * loop.round_min_working_minutes;
    expected.total.add(loop.round, loop.expected_rounds);
  }
  if (probabilities_valid && a.near_one_probabilities.empty()) a.expected = std::move(expected);
}

}  // namespace

Analysis analyze(const Sop& sop, const AnalysisOptions& options) {
  options.convention.check();
  Analysis a;
  a.convention = options.convention;
  a.rework_rounds = options.rework_rounds;
  const WorkConvention& conv = options.convention;
  const FaultSink fault{options.lenient, &a.not_computed};
  const auto& steps = sop.document().steps;

  const StepMinutes minutes = step_minutes(sop, conv, a);
  // Probabilities are checked first: a wrong one is an input error whatever
  // else the document holds.
  const bool valid_probabilities = probabilities_valid(sop, fault);
  const HappyGraph graph = happy_graph(sop, minutes, fault);
  const HappyCpm cpms = happy_cpm(sop, graph, fault);

  std::vector<Index> order;  // happy path, global indices, topological when possible
  if (cpms.worst) {
    for (Index k : cpms.worst->order) order.push_back(graph.reached[k]);
  } else {
    order = graph.reached;
  }
  for (Index i : order) {
    a.happy_path.push_back(steps[i].id);
    if (steps[i].time) a.total += *steps[i].time;
    add_minutes(steps[i], conv, a.working_minutes, a.min_working_minutes);
  }
  a.workload = workload(sop, order, conv);
  a.handoffs = handoffs(sop, order);
  if (cpms.worst && !order.empty())
    a.longest_single_actor_stretch = longest_single_actor_stretch(sop, order, minutes.max);
  if (cpms.worst) {
    a.worst = timings(sop, graph, *cpms.worst, graph.dmax);
    a.best = timings(sop, graph, *cpms.best, graph.dmin);
  }
  rework_loops(sop, conv, valid_probabilities, a);
  rework_totals(options, valid_probabilities, a);
  return a;
}

bool no_probability_rounds_to_one(double p) noexcept {
  return p > 0.999;
}

std::vector<std::string> rework_round(const Sop& sop, const Analysis& analysis, std::size_t loop) {
  if (loop >= analysis.loops.size())
    throw Error(ErrorCode::invalid_argument, "there is no loop " + std::to_string(loop) +
                                                 "; the analysis has " +
                                                 std::to_string(analysis.loops.size()));
  const ReworkLoop& l = analysis.loops[loop];
  // Members of the loop's component are 1, every other step 0: the finder
  // only compares components.
  std::vector<int> comp(sop.step_count(), 0);
  for (const std::string& id : analysis.components.at(l.component)) comp[sop.step_index(id)] = 1;
  RoundFinder rounds(sop, comp);
  std::vector<std::string> out;
  for (Index i : rounds.round(sop.step_index(l.restart), sop.step_index(l.decision)))
    out.push_back(sop.step(i).id);
  return out;
}

}  // namespace sopkit
