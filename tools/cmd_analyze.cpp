// cmd_analyze.cpp — `sopkit analyze FILE [--json] [--rework-rounds K]`: happy
// path, totals, critical path, rework loops, workload and hand-offs of an SOP.
//
// The analysis runs in lenient mode: a faulty document still shows every figure
// that can be computed, next to the diagnostics that explain the rest (exit 1).
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/result_json.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/validation.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

unsigned parse_rounds(const std::string& text) {
  std::size_t used = 0;
  unsigned long k = 0;
  try {
    k = std::stoul(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || text[0] == '-' || k > 1000)
    throw UsageError{"--rework-rounds needs a whole number from 0 to 1000, not '" + text + "'"};
  return static_cast<unsigned>(k);
}

// Minutes with the day/hour form beside them: "14160 (31 hari 3 jam 30 menit)".
std::string minutes_text(double minutes, const WorkConvention& conv) {
  std::ostringstream s;
  s << minutes_to_json(minutes) << " min (" << format_working_minutes(minutes, conv) << ")";
  return s.str();
}

std::string ids_text(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " -> ") + id;
  return out.empty() ? "-" : out;
}

std::string cell(double v) {
  return minutes_to_json(v);
}

void print_human(std::ostream& out, const Sop& sop, const Analysis& a,
                 const std::vector<Diagnostic>& diagnostics) {
  const SopDocument& doc = sop.document();
  const WorkConvention& conv = a.convention;
  std::map<std::string, std::string> actor_name;
  for (const auto& act : doc.actors) actor_name.emplace(act.id, act.name);
  auto name_of = [&](const std::string& id) {
    auto it = actor_name.find(id);
    return it == actor_name.end() || it->second.empty() ? id : it->second;
  };

  out << "SOP " << (doc.number.empty() ? "(no number)" : doc.number) << " — " << doc.title
      << "\n\n";
  out << "Happy path total:  " << a.total.to_string(conv) << " = "
      << minutes_to_json(a.working_minutes) << " working minutes";
  if (a.min_working_minutes != a.working_minutes)
    out << " (best " << minutes_to_json(a.min_working_minutes) << ")";
  out << "   [1 hari = " << minutes_to_json(conv.minutes_per_day) << " min]\n";
  if (a.worst) out << "Elapsed (critical path): " << minutes_text(a.worst->duration, conv) << "\n";
  out << "Happy path:        " << ids_text(a.happy_path) << "\n\n";

  // Per-step table: CPM figures with the upper ends of the standard times.
  out << std::left << std::setw(6) << "Step" << std::setw(22) << "Actor" << std::setw(12) << "Time"
      << std::right << std::setw(8) << "Min" << std::setw(8) << "ES" << std::setw(8) << "EF"
      << std::setw(8) << "LS" << std::setw(8) << "LF" << std::setw(8) << "Slack"
      << "\n";
  const std::vector<const StepTiming*> timing_of =
      a.worst ? a.worst->by_step(sop) : std::vector<const StepTiming*>(doc.steps.size(), nullptr);
  for (std::size_t i = 0; i < doc.steps.size(); ++i) {
    const Step& s = doc.steps[i];
    const std::string actor = shorten(name_of(s.actor), 21);
    const std::string time = shorten(s.time_text.empty() ? "-" : s.time_text, 11);
    out << left_cell(s.id, 6) << left_cell(actor, 22) << left_cell(time, 12)
        << right_cell(s.time ? cell(s.time->max_minutes(conv)) : "?", 8);
    const StepTiming* t = timing_of[i];
    if (t) {
      for (double v :
           {t->earliest_start, t->earliest_finish, t->latest_start, t->latest_finish, t->slack})
        out << right_cell(cell(v), 8);
      out << (t->critical ? "  *" : "");
    } else {
      out << "  " << (a.worst ? "(not on the happy path)" : "");
    }
    out << "\n";
  }
  out << "(minutes from the start of the run; * = critical)\n\n";

  if (a.worst) out << "Critical path: " << ids_text(a.worst->critical_path) << "\n\n";

  out << "Rework loops: " << a.loops.size() << "\n";
  for (const auto& l : a.loops) {
    out << "  decision " << l.decision << " (no -> " << l.restart << "): re-does " << l.round_steps
        << " step(s) of component " << l.component + 1 << "; one round " << l.round.to_string(conv)
        << " = " << cell(l.round_working_minutes) << " min";
    if (l.no_probability)
      out << "; p(no) = " << *l.no_probability << ", expected rounds " << l.expected_rounds;
    out << "\n";
  }
  for (std::size_t c = 0; c < a.components.size(); ++c)
    out << "  component " << c + 1 << ": " << ids_text(a.components[c]) << "\n";
  out << "Worst case, " << a.rework_rounds
      << " rework round(s) of every loop: " << a.worst_case.total.to_string(conv) << " = "
      << cell(a.worst_case.working_minutes) << " min\n";
  if (a.expected) {
    out << "Expected (branch probabilities): " << minutes_text(a.expected->working_minutes, conv);
    if (!a.decisions_without_probability.empty()) {
      out << "; decisions without a probability (counted as 0):";
      for (const auto& id : a.decisions_without_probability) out << ' ' << id;
    }
    out << "\n";
  } else if (!a.near_one_probabilities.empty()) {
    out << "Expected (branch probabilities): not computed: the no_probability of decision(s) "
        << ids_text(a.near_one_probabilities)
        << " is 1 to three decimals (more than 999 rounds on average); give the estimated "
           "share sent back (0.2 = one file in five)\n";
  }
  out << "\n";

  out << "Workload per actor:\n";
  for (const auto& w : a.workload)
    out << "  " << std::left << std::setw(24) << (w.name.empty() ? w.actor : w.name) << std::right
        << std::setw(3) << w.steps << " step(s)  " << minutes_text(w.working_minutes, conv) << "\n";
  out << "\nHand-offs: " << a.handoffs.size() << "\n";
  for (const auto& h : a.handoffs)
    out << "  " << h.from_step << " (" << name_of(h.from_actor) << ") -> " << h.to_step << " ("
        << name_of(h.to_actor) << ")\n";
  if (const auto& st = a.longest_single_actor_stretch)
    out << "Longest single-actor stretch: " << name_of(st->actor) << ", steps "
        << ids_text(st->steps) << ", " << minutes_text(st->working_minutes, conv) << "\n";

  if (!a.untimed_steps.empty()) {
    out << "\nSteps without a usable time (counted as 0):";
    for (const auto& id : a.untimed_steps) out << ' ' << id;
    out << "\n";
  }
  if (!a.not_computed.empty()) {
    out << "\nNot computed:\n";
    for (const auto& why : a.not_computed) out << "  " << why << "\n";
  }

  print_diagnostics(out, diagnostics);
}

}  // namespace

int cmd_analyze(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"--json"}, {"--rework-rounds"});
  if (args.positional.size() != 1) throw UsageError{"give exactly one SOP file"};
  AnalysisOptions options;
  options.lenient = true;
  if (const std::string* k = args.option("--rework-rounds"))
    options.rework_rounds = parse_rounds(*k);

  Sop sop = load_sop_file(args.positional[0]);
  std::vector<Diagnostic> diagnostics = validate(sop);
  Analysis analysis = analyze(sop, options);

  if (args.flag("--json")) {
    ResultJsonOptions framing;
    framing.file = args.positional[0];
    framing.diagnostics = &diagnostics;
    framing.indent = 2;
    write_analysis_json(data_output(), sop, analysis, framing);
    std::cout << '\n';
  } else {
    print_human(std::cout, sop, analysis, diagnostics);
  }
  return has_errors(diagnostics) || !analysis.not_computed.empty() ? kExitFindings : kExitOk;
}

}  // namespace sopkit::cli
