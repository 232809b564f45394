// validation.cpp — the rule checks of an SOP document.
//
// Each rule is one function appending findings; none stops at the first
// problem, so a clerk sees the whole list at once.
#include "sopkit/validation.hpp"

#include "sopkit/analysis.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <cctype>
#include <cmath>
#include <deque>
#include <iomanip>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "sopkit/error.hpp"

namespace sopkit {

const char* severity_name(Severity s) noexcept {
  return s == Severity::error ? "error" : "warning";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void require_valid(const std::vector<Diagnostic>& diagnostics) {
  std::size_t errors = 0;
  const Diagnostic* first = nullptr;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error && errors++ == 0) first = &d;
  if (!first) return;
  std::string msg = first->message;
  if (errors > 1) msg += " (and " + std::to_string(errors - 1) + " more errors; run validate)";
  throw Error(ErrorCode::validation_failed, msg, first->step.empty() ? "" : "step " + first->step);
}

namespace {

// 0.9999999 as written, not std::to_string's "1.000000".
std::string probability_text(double value) {
  std::ostringstream out;
  out << std::setprecision(9) << value;
  return out.str();
}

class Checker {
 public:
  explicit Checker(const Sop& sop) : sop_(sop), doc_(sop.document()) {}

  std::vector<Diagnostic> run() {
    duplicate_ids();
    terminators();
    actors();
    flows();
    reachability();
    cycles_without_decision();
    times_and_outputs();
    probabilities();
    output_chain();
    std::stable_sort(out_.begin(), out_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.severity == Severity::error && b.severity == Severity::warning;
    });
    return std::move(out_);
  }

 private:
  void add(Severity sev, const char* code, std::size_t step, std::string pointer,
           std::string message) {
    std::string id = step == kNoStep ? "" : doc_.steps[step].id;
    if (step != kNoStep && pointer.empty()) pointer = step_pointer(step);
    out_.push_back({sev, code, id, std::move(pointer), std::move(message)});
  }
  void error(const char* code, std::size_t step, const std::string& ptr, const std::string& msg) {
    add(Severity::error, code, step, ptr, msg);
  }
  void warning(const char* code, std::size_t step, const std::string& ptr, const std::string& msg) {
    add(Severity::warning, code, step, ptr, msg);
  }
  static std::string step_pointer(std::size_t i, const char* field = nullptr) {
    std::string p = "/steps/" + std::to_string(i);
    if (field) p += std::string("/") + field;
    return p;
  }
  std::string label(std::size_t i) const { return "step " + doc_.steps[i].id; }

  void duplicate_ids() {
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      auto [it, fresh] = seen.emplace(doc_.steps[i].id, i);
      if (!fresh)
        error("duplicate_step_id", i, step_pointer(i, "id"),
              "step id '" + doc_.steps[i].id + "' is used again (first at position " +
                  std::to_string(it->second + 1) + "); every step needs its own number");
    }
    std::unordered_set<std::string> actors;
    for (std::size_t i = 0; i < doc_.actors.size(); ++i)
      if (!actors.insert(doc_.actors[i].id).second)
        error("duplicate_actor_id", kNoStep, "/actors/" + std::to_string(i) + "/id",
              "actor id '" + doc_.actors[i].id +
                  "' is used twice; every pelaksana column "
                  "needs its own id");
  }

  void terminators() {
    std::size_t starts = 0, ends = 0;
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      if (s.kind == StepKind::start && ++starts > 1)
        error("multiple_starts", i, step_pointer(i, "kind"),
              label(i) + " is a second start (Mulai); an SOP has exactly one, at step " +
                  doc_.steps[sop_.start_index()].id);
      if (s.kind == StepKind::end) ++ends;
    }
    if (starts == 0)
      error("no_start", kNoStep, "/steps",
            "no step is the start (Mulai): give the first step \"kind\": \"start\"");
    if (ends == 0)
      error("no_end", kNoStep, "/steps",
            "no step is an end (Selesai): give the last step \"kind\": \"end\"");
  }

  void actors() {
    std::vector<std::size_t> work(doc_.actors.size(), 0);
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      std::uint32_t a = sop_.step_actor(i);
      if (a != kNoIndex) {
        ++work[a];
      } else if (s.actor.empty()) {
        error("unknown_actor", i, step_pointer(i, "actor"),
              label(i) + " has no actor: name the pelaksana column its symbol sits in");
      } else {
        error("unknown_actor", i, step_pointer(i, "actor"),
              label(i) + " names actor '" + s.actor + "', which is not in the actors list");
      }
    }
    for (std::size_t a = 0; a < work.size(); ++a)
      if (work[a] == 0)
        warning("idle_actor", kNoStep, "/actors/" + std::to_string(a),
                "actor '" + doc_.actors[a].name +
                    "' does no step; remove the column or assign "
                    "it a step");
  }

  void check_target(std::size_t i, const std::string& target, const std::string& ptr) {
    if (sop_.step_index(target) == kNoIndex)
      error("unknown_flow_target", i, ptr,
            label(i) + " goes to step '" + target + "', which does not exist");
  }

  void flows() {
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      for (std::size_t k = 0; k < s.next.size(); ++k)
        check_target(i, s.next[k],
                     s.next.size() == 1 ? step_pointer(i, "next")
                                        : step_pointer(i, "next") + "/" + std::to_string(k));
      if (!s.yes.empty()) check_target(i, s.yes, step_pointer(i, "yes"));
      if (!s.no.empty()) check_target(i, s.no, step_pointer(i, "no"));
      switch (s.kind) {
        case StepKind::decision:
          if (s.yes.empty() || s.no.empty() || !s.next.empty())
            error("decision_branches", i, "",
                  label(i) +
                      " is a decision: it needs exactly two branches, \"yes\" and \"no\" "
                      "(Ya/Tidak), and no \"next\"");
          else if (s.yes == s.no)
            error("decision_branches", i, step_pointer(i, "no"),
                  label(i) + " is a decision whose \"yes\" and \"no\" both lead to '" + s.yes +
                      "': the question decides nothing; point one branch elsewhere or make "
                      "it a process step with \"next\"");
          break;
        case StepKind::end:
          if (!s.next.empty() || !s.yes.empty() || !s.no.empty())
            error("flow_from_end", i, "", label(i) + " is an end (Selesai) but has a next step");
          break;
        case StepKind::start:
        case StepKind::process:
          if (!s.yes.empty() || !s.no.empty())
            error("decision_branches", i, "",
                  label(i) +
                      " has yes/no branches but is not a decision: make it "
                      "\"kind\": \"decision\" or use \"next\"");
          else if (s.next.empty())
            error("missing_flow", i, step_pointer(i, "next"),
                  label(i) + " does not say which step comes next (\"next\")");
          break;
      }
    }
  }

  std::vector<bool> walk(const std::vector<std::size_t>& from, bool forward) const {
    const std::size_t n = doc_.steps.size();
    std::vector<std::vector<std::uint32_t>> reverse;
    if (!forward) {
      reverse.resize(n);
      for (const Flow& f : sop_.flows()) reverse[f.to].push_back(f.from);
    }
    std::vector<bool> seen(n, false);
    std::deque<std::size_t> queue;
    for (std::size_t s : from) {
      seen[s] = true;
      queue.push_back(s);
    }
    while (!queue.empty()) {
      std::size_t u = queue.front();
      queue.pop_front();
      auto visit = [&](std::size_t v) {
        if (!seen[v]) {
          seen[v] = true;
          queue.push_back(v);
        }
      };
      if (forward) {
        auto [b, e] = sop_.out_flows(u);
        for (std::size_t k = b; k < e; ++k) visit(sop_.flows()[k].to);
      } else {
        for (std::uint32_t v : reverse[u]) visit(v);
      }
    }
    return seen;
  }

  void reachability() {
    const std::size_t n = doc_.steps.size();
    if (sop_.start_index() != kNoIndex) {
      auto reached = walk({sop_.start_index()}, true);
      for (std::size_t i = 0; i < n; ++i)
        if (!reached[i])
          error("unreachable_step", i, "",
                label(i) + " cannot be reached from the start: no flow leads to it");
    }
    std::vector<std::size_t> ends;
    for (std::size_t i = 0; i < n; ++i)
      if (doc_.steps[i].kind == StepKind::end) ends.push_back(i);
    if (ends.empty()) return;  // no_end already says it
    auto finishing = walk(ends, false);
    for (std::size_t i = 0; i < n; ++i) {
      const Step& s = doc_.steps[i];
      bool dead_end_reported = s.kind != StepKind::decision && s.kind != StepKind::end &&
                               s.next.empty() && s.yes.empty() && s.no.empty();
      if (!finishing[i] && !dead_end_reported)
        error("cannot_reach_end", i, "",
              label(i) + " can never reach an end (Selesai): every path from it loops or stops");
    }
  }

  // Strongly connected components of the flows `keep` accepts; calls
  // report(members) for each that holds a cycle.
  template <typename Keep, typename Report>
  void cycles(Keep&& keep, Report&& report) const {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const std::size_t n = doc_.steps.size();
    Graph g(n);
    std::vector<bool> self_loop(n, false);
    for (const Flow& f : sop_.flows()) {
      if (!keep(f)) continue;
      if (f.from == f.to) self_loop[f.from] = true;
      boost::add_edge(f.from, f.to, g);
    }
    std::vector<std::size_t> component(n);
    std::size_t count = n ? boost::strong_components(g, component.data()) : 0;
    std::vector<std::vector<std::size_t>> members(count);
    for (std::size_t i = 0; i < n; ++i) members[component[i]].push_back(i);
    for (const auto& m : members)
      if (m.size() > 1 || (m.size() == 1 && self_loop[m[0]])) report(m);
  }

  std::string ids_of(const std::vector<std::size_t>& steps) const {
    std::string ids;
    for (std::size_t i : steps) ids += (ids.empty() ? "" : ", ") + doc_.steps[i].id;
    return ids;
  }

  bool is_decision(std::size_t i) const { return doc_.steps[i].kind == StepKind::decision; }

  // A cycle that passes through no decision would run forever: look for cycles
  // among the non-decision steps alone. A cycle that a decision closes with its
  // *yes* branch runs forever too when every answer is yes (the happy path).
  void cycles_without_decision() {
    cycles([&](const Flow& f) { return !is_decision(f.from) && !is_decision(f.to); },
           [&](const std::vector<std::size_t>& m) {
             error("cycle_without_decision", m.front(), "",
                   "steps " + ids_of(m) +
                       " form a loop with no decision in it: the procedure "
                       "would never leave it; loop back only from a decision's \"no\" branch");
           });
    cycles([&](const Flow& f) { return f.kind != FlowKind::no; },
           [&](const std::vector<std::size_t>& m) {
             if (std::none_of(m.begin(), m.end(), [&](std::size_t i) { return is_decision(i); }))
               return;  // reported above
             error("cycle_through_yes", m.front(), "",
                   "steps " + ids_of(m) +
                       " form a loop closed by a decision's \"yes\" branch: "
                       "when every answer is yes the procedure never ends; loop back only from "
                       "\"no\"");
           });
  }

  void times_and_outputs() {
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      if (s.time_text.empty() && !s.time) {
        warning("missing_time", i, step_pointer(i, "time"),
                label(i) + " has no standard time (waktu); totals count it as 0");
      } else if (!s.time) {
        std::string why;
        Duration::try_parse(s.time_text, &why);
        error("invalid_time", i, step_pointer(i, "time"), label(i) + ": " + why);
      }
      if (!s.output.empty() && Duration::try_parse(s.output))
        warning("duration_in_output", i, step_pointer(i, "output"),
                label(i) + " gives '" + s.output +
                    "' as its output, which is a time, not a "
                    "product; the output column should name what the step produces (e.g. a "
                    "document) and the time belongs in waktu");
    }
  }

  void probabilities() {
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      if (!s.no_probability) continue;
      double p = *s.no_probability;
      if (!(p >= 0.0 && p < 1.0))
        error("invalid_probability", i, step_pointer(i, "no_probability"),
              label(i) + ": no_probability must be at least 0 and below 1 (got " +
                  std::to_string(p) + "); at 1 the loop would never end");
      else if (s.kind != StepKind::decision)
        warning("invalid_probability", i, step_pointer(i, "no_probability"),
                label(i) + " gives a no_probability but is not a decision; it is ignored");
      else if (no_probability_rounds_to_one(p))
        warning("invalid_probability", i, step_pointer(i, "no_probability"),
                label(i) + ": no_probability " + probability_text(p) +
                    " is 1 to three decimals: a file would go round " +
                    std::to_string(std::llround(std::min(p / (1.0 - p), 1e18))) +
                    " times on average before a yes, and the expected total is that many "
                    "rounds; give the estimated share sent back (0.2 = one file in five)");
    }
  }

  static std::string normalise(const std::string& text) {
    std::string out;
    bool space = false;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c >= 0x80) {
        if (space && !out.empty()) out.push_back(' ');
        out.push_back(static_cast<char>(std::tolower(c)));
        space = false;
      } else {
        space = true;
      }
    }
    return out;
  }

  // The output of a step should feed a later step's requirements. A warning:
  // real documents often name the same paper in two ways. Work is grouped by
  // distinct output text: one search over the flows per text, not per step.
  void output_chain() {
    index_requirements();
    std::vector<bool> unused(doc_.steps.size(), false);
    for (const auto& entry : outputs_to_check()) {
      const std::string& out = entry.first;  // named: C++17 lambdas cannot capture a binding
      // The usual case, a direct successor requiring the output, is settled
      // without looking at every requirement of the document.
      std::vector<std::size_t> undecided;
      for (std::size_t i : entry.second)
        if (!any_successor(i, [&](std::size_t to) { return requires_output(to, out); }))
          undecided.push_back(i);
      if (!undecided.empty()) mark_unused(steps_requiring(out), undecided, unused);
    }
    for (std::size_t i = 0; i < unused.size(); ++i)
      if (unused[i])
        warning("output_not_used", i, step_pointer(i, "output"),
                label(i) + " produces '" + doc_.steps[i].output +
                    "', but no later step lists it in its "
                    "requirements (kelengkapan)");
  }

  // Normalised output text -> the steps with a successor that produce it.
  std::unordered_map<std::string, std::vector<std::size_t>> outputs_to_check() const {
    std::unordered_map<std::string, std::vector<std::size_t>> producers;
    for (std::size_t i = 0; i < doc_.steps.size(); ++i) {
      const Step& s = doc_.steps[i];
      // A time in the output column is reported as duration_in_output already.
      if (s.kind == StepKind::end || s.output.empty() || Duration::try_parse(s.output)) continue;
      std::string out = normalise(s.output);
      auto [b, e] = sop_.out_flows(i);
      if (!out.empty() && b != e) producers[std::move(out)].push_back(i);
    }
    return producers;
  }

  static bool matches(const std::string& requirement, const std::string& out) {
    return requirement.find(out) != std::string::npos || out.find(requirement) != std::string::npos;
  }

  // Whether a requirement of `step` contains `out` or is contained in it.
  bool requires_output(std::size_t step, const std::string& out) const {
    for (const std::string& r : step_requirements_[step])
      if (matches(r, out)) return true;
    return false;
  }

  // Steps listing a requirement that contains `out` or is contained in it.
  std::vector<std::size_t> steps_requiring(const std::string& out) const {
    std::vector<std::size_t> steps;
    for (const auto& [r, listed_by] : requirers_)
      if (matches(r, out)) steps.insert(steps.end(), listed_by.begin(), listed_by.end());
    return steps;
  }

  void index_requirements() {
    step_requirements_.resize(doc_.steps.size());
    for (std::size_t i = 0; i < doc_.steps.size(); ++i)
      for (const auto& r : doc_.steps[i].requirements) {
        std::string key = normalise(r);
        if (key.empty()) continue;
        step_requirements_[i].push_back(key);
        requirers_[std::move(key)].push_back(i);
      }
  }

  // Producers whose direct successors do not require their output: used when
  // a later step requires it, found by one backward search from the
  // requiring steps.
  void mark_unused(const std::vector<std::size_t>& requiring,
                   const std::vector<std::size_t>& undecided, std::vector<bool>& unused) const {
    std::vector<bool> leads_to_use;
    if (!requiring.empty()) leads_to_use = walk(requiring, false);
    for (std::size_t i : undecided)
      if (requiring.empty() || !any_successor(i, [&](std::size_t to) { return leads_to_use[to]; }))
        unused[i] = true;
  }

  template <typename Pred>
  bool any_successor(std::size_t i, Pred pred) const {
    auto [b, e] = sop_.out_flows(i);
    for (std::size_t k = b; k < e; ++k)
      if (pred(sop_.flows()[k].to)) return true;
    return false;
  }

  static constexpr std::size_t kNoStep = static_cast<std::size_t>(-1);
  const Sop& sop_;
  const SopDocument& doc_;
  std::vector<Diagnostic> out_;
  // Normalised requirement text -> the steps listing it, and each step's
  // normalised requirements (built by output_chain).
  std::unordered_map<std::string, std::vector<std::size_t>> requirers_;
  std::vector<std::vector<std::string>> step_requirements_;
};

}  // namespace

std::vector<Diagnostic> validate(const Sop& sop) {
  return Checker(sop).run();
}

}  // namespace sopkit
