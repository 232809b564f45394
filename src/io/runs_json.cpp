// runs_json.cpp — run logs as JSON ("sopkit.runs/1"), the comparison as JSON
// ("sopkit.runs-comparison/1"), and load_runs_file.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/detail/comparison_json.hpp"
#include "io/detail/files.hpp"
#include "io/detail/json_stream.hpp"
#include "io/detail/json_text.hpp"
#include "io/detail/runs_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"

namespace sopkit {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kRunsFormat = "sopkit.runs/1";

[[noreturn]] void fail_at(const std::string& source, const std::string& pointer,
                          const std::string& message) {
  throw Error(ErrorCode::format_error, message, source + ":" + (pointer.empty() ? "/" : pointer));
}

const json& member(const json& o, const char* key) {
  static const json kNull;
  auto it = o.find(key);
  return it == o.end() ? kNull : *it;
}

// A text member ("" when absent or null).
std::string_view text_member(const json& o, const char* key, const std::string& source,
                             const std::string& pointer) {
  const json& v = member(o, key);
  if (v.is_null()) return {};
  if (!v.is_string()) fail_at(source, pointer + "/" + key, std::string(key) + " must be text");
  return v.get_ref<const std::string&>();
}

std::optional<bool> yes_no(const json& v, const std::string& source, const std::string& pointer,
                           const char* what) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_boolean())
    fail_at(source, pointer,
            std::string(what) + " must be true (Ya), false (Tidak) or null (not answered)");
  return v.get<bool>();
}

void read_forms(const json& r, RunRecord& record, const Sop& sop, const std::string& source,
                const std::string& p) {
  record.observer = std::string(text_member(r, "observer", source, p));
  const json& mon = member(r, "monitoring");
  if (!mon.is_null()) {
    if (!mon.is_array())
      fail_at(source, p + "/monitoring", "monitoring must be a list of rows {\"step\", \"good\"}");
    for (std::size_t k = 0; k < mon.size(); ++k) {
      const std::string mp = p + "/monitoring/" + std::to_string(k);
      if (!mon[k].is_object()) fail_at(source, mp, "a monitoring row must be an object");
      Observation o;
      o.step = std::string(text_member(mon[k], "step", source, mp));
      if (sop.step_index(o.step) == kNoIndex)
        fail_at(source, mp + "/step", "unknown step '" + detail::excerpt(o.step) + "'");
      o.good = yes_no(member(mon[k], "good"), source, mp + "/good", "good");
      o.action = std::string(text_member(mon[k], "action", source, mp));
      o.note = std::string(text_member(mon[k], "note", source, mp));
      record.observations.push_back(std::move(o));
    }
  }
  const json& ev = member(r, "evaluation");
  if (ev.is_null()) return;
  if (!ev.is_object())
    fail_at(source, p + "/evaluation", "evaluation must be an object of the 7 criteria");
  for (auto it = ev.begin(); it != ev.end(); ++it) {
    std::size_t c = kEvaluationCriteria;
    for (std::size_t i = 0; i < kEvaluationCriteria; ++i)
      if (it.key() == evaluation_criterion_key(i)) c = i;
    if (c == kEvaluationCriteria) {
      std::string keys;
      for (std::size_t i = 0; i < kEvaluationCriteria; ++i)
        keys += std::string(i ? ", " : "") + evaluation_criterion_key(i);
      fail_at(source, p + "/evaluation/" + it.key(),
              "unknown criterion '" + detail::excerpt(it.key()) + "'; the criteria are " + keys);
    }
    record.evaluation[c] =
        yes_no(it.value(), source, p + "/evaluation/" + it.key(), it.key().c_str());
  }
}

}  // namespace

RunLog parse_runs_json(std::string_view text, const Sop& sop, const std::string& source) {
  const json doc = detail::parse_json_text(text, source);
  if (!doc.is_object()) fail_at(source, "", "a runs document must be a JSON object");
  const json& format = member(doc, "format");
  if (!format.is_string() || format.get<std::string>() != kRunsFormat)
    fail_at(source, "/format", std::string("format must be \"") + kRunsFormat + "\"");
  const json& runs = member(doc, "runs");
  if (!runs.is_array() || runs.empty())
    fail_at(source, "/runs", "runs must be a non-empty list of runs");
  RunLog log(sop);
  detail::EventReader reader(log);
  std::vector<std::string> run_pointer;  // per run index, for duplicate messages
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string p = "/runs/" + std::to_string(i);
    const json& r = runs[i];
    if (!r.is_object()) fail_at(source, p, "a run must be an object {\"case\", \"events\"}");
    const std::string case_id(text_member(r, "case", source, p));
    if (case_id.empty()) fail_at(source, p + "/case", "the case is empty; give the run's case id");
    const std::size_t before = log.runs().size();
    const std::uint32_t run = log.find_or_add_run(case_id);
    if (log.runs().size() == before)
      fail_at(source, p + "/case", "case '" + detail::excerpt(case_id) + "' appears twice");
    run_pointer.push_back(p);
    const json& events = member(r, "events");
    if (!events.is_array() || events.empty())
      fail_at(source, p + "/events", "events must be a non-empty list of step executions");
    for (std::size_t k = 0; k < events.size(); ++k) {
      const std::string ep = p + "/events/" + std::to_string(k);
      const json& e = events[k];
      if (!e.is_object())
        fail_at(source, ep, "an event must be an object {\"step\", \"start\", \"end\"}");
      static const char* const kKeys[] = {"case", "step", "start", "end", "actor", "branch"};
      detail::EventText t{case_id,
                          text_member(e, "step", source, ep),
                          text_member(e, "start", source, ep),
                          text_member(e, "end", source, ep),
                          text_member(e, "actor", source, ep),
                          text_member(e, "branch", source, ep)};
      reader.add(t, static_cast<std::uint32_t>(k),
                 [&](int field) { return source + ":" + ep + "/" + kKeys[field]; });
    }
    read_forms(r, log.run(run), sop, source, p);
  }
  reader.finish([&](const StepEvent& e) {
    return source + ":" + run_pointer[e.run] + "/events/" + std::to_string(e.origin);
  });
  return log;
}

RunLog load_runs_file(const std::string& path, const Sop& sop) {
  const std::string text = detail::read_text_file(path);
  const bool is_json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  return is_json ? parse_runs_json(text, sop, path) : parse_runs_csv(text, sop, path);
}

std::string runs_to_json(const RunLog& log, int indent) {
  ojson runs = ojson::array();
  for (const RunRecord& r : log.runs()) {
    ojson events = ojson::array();
    for (std::size_t k = r.first_event; k < r.first_event + r.event_count; ++k) {
      const StepEvent& e = log.events()[k];
      ojson j{{"step", log.sop().step(e.step).id},
              {"start", format_instant(e.start)},
              {"end", format_instant(e.end)}};
      if (e.actor != kNoIndex) j["actor"] = log.actors()[e.actor];
      if (e.branch != Branch::none) j["branch"] = branch_name(e.branch);
      events.push_back(std::move(j));
    }
    ojson run{{"case", r.case_id}};
    if (!r.observer.empty()) run["observer"] = r.observer;
    run["events"] = std::move(events);
    if (!r.observations.empty()) {
      ojson rows = ojson::array();
      for (const Observation& o : r.observations)
        rows.push_back({{"step", o.step},
                        {"good", o.good ? ojson(*o.good) : ojson(nullptr)},
                        {"action", o.action},
                        {"note", o.note}});
      run["monitoring"] = std::move(rows);
    }
    bool any = false;
    ojson ev = ojson::object();
    for (std::size_t i = 0; i < kEvaluationCriteria; ++i) {
      any = any || r.evaluation[i].has_value();
      ev[evaluation_criterion_key(i)] = r.evaluation[i] ? ojson(*r.evaluation[i]) : ojson(nullptr);
    }
    if (any) run["evaluation"] = std::move(ev);
    runs.push_back(std::move(run));
  }
  ojson out{{"format", kRunsFormat}, {"sop", log.sop().document().number}, {"runs", runs}};
  return out.dump(indent) + (indent >= 0 ? "\n" : "");
}

namespace {

void write_monitoring(detail::JsonStream& w, const std::vector<MonitoringRow>& rows) {
  w.objects(rows, [&w](const MonitoringRow& m) {
    w.key("step").value(m.step);
    w.key("good").value(m.good);
    w.key("source").value(m.recorded ? "recorded" : "derived");
    w.key("derived_reason").value(derived_reason(m));
    w.key("action").value(m.action);
    w.key("note").value(m.note);
  });
}

void instant_or_null(detail::JsonStream& w, bool known, Instant t) {
  known ? w.value(format_instant(t)) : w.null();
}

void optional_bool(detail::JsonStream& w, const std::optional<bool>& v) {
  v ? w.value(*v) : w.null();
}

// One execution of a step in a run, against its mutu baku.
void write_execution(detail::JsonStream& w, const RunLog& log, const StepEvent& e,
                     const ExecutionResult& x) {
  const Step& s = log.sop().step(e.step);
  w.begin_object();
  w.key("step").value(s.id);
  w.key("actor").value(log.actor_of(e));
  w.key("branch");
  e.branch == Branch::none ? w.null() : w.value(branch_name(e.branch));
  w.key("start").value(format_instant(e.start));
  w.key("end").value(format_instant(e.end));
  w.key("time").value(s.time_text);
  w.key("allowed_end");
  instant_or_null(w, x.verdict != Verdict::untimed, x.allowed_end);
  w.key("working_minutes").integer(x.working_minutes);
  w.key("delay_minutes").integer(x.delay_minutes);
  w.key("verdict").value(verdict_name(x.verdict));
  w.key("round").integer(x.round);
  w.key("out_of_order").value(x.out_of_order);
  w.end_object();
}

void write_order_violations(detail::JsonStream& w, const std::vector<OrderViolation>& order) {
  w.objects(order, [&w](const OrderViolation& v) {
    w.key("step").value(v.step);
    w.key("predecessor").value(v.predecessor);
    w.key("step_start").value(format_instant(v.step_start));
    w.key("predecessor_end").value(format_instant(v.predecessor_end));
  });
}

void write_run_evaluation(detail::JsonStream& w, const RunRecord& rec, const EvaluationScore& e) {
  w.begin_object();
  w.key("answers").begin_object();
  for (std::size_t k = 0; k < kEvaluationCriteria; ++k) {
    w.key(evaluation_criterion_key(k));
    optional_bool(w, rec.evaluation[k]);
  }
  w.end_object();
  w.key("answered").value(e.answered);
  w.key("yes").value(e.yes);
  w.key("percent").value_or_null(e.percent);
  w.end_object();
}

// One run of the comparison, with its steps, written as it goes: a document
// per run cost more in allocations than the whole comparison.
void write_run_result(detail::JsonStream& w, const RunLog& log, const RunComparison& c,
                      std::size_t i) {
  const RunResult& r = c.runs[i];
  const bool timed = r.event_count > 0;
  w.begin_object();
  w.key("case").value(r.case_id);
  w.key("start");
  instant_or_null(w, timed, r.start);
  w.key("end");
  instant_or_null(w, timed, r.end);
  w.key("due");
  instant_or_null(w, timed, r.due);
  w.key("period");
  timed ? w.value(r.period.to_string()) : w.null();
  w.key("complete").value(r.complete);
  w.key("on_time");
  r.complete ? w.value(r.on_time) : w.null();
  w.key("working_minutes").integer(r.working_minutes);
  w.key("delay_minutes").integer(r.delay_minutes);
  w.key("rework_rounds").integer(r.rework_rounds);
  w.key("no_branches").integer(r.no_branches);
  w.key("steps_judged").value(r.steps_judged);
  w.key("steps_on_time").value(r.steps_on_time);
  w.key("skipped").begin_array();
  for (const std::string& id : r.skipped) w.value(id);
  w.end_array();
  w.key("out_of_order");
  write_order_violations(w, r.out_of_order);
  w.key("steps").begin_array();
  for (std::size_t k = r.first_event; k < r.first_event + r.event_count; ++k)
    write_execution(w, log, log.events()[k], c.executions[k]);
  w.end_array();
  w.key("monitoring");
  write_monitoring(w, r.monitoring);
  w.key("evaluation");
  write_run_evaluation(w, log.runs()[i], r.evaluation);
  w.end_object();
}

void write_step_summaries(detail::JsonStream& w, const RunComparison& c) {
  w.objects(c.steps, [&w](const StepSummary& s) {
    w.key("step").value(s.id);
    w.key("actor").value(s.actor);
    w.key("time").value(s.time_text);
    w.key("executions").value(s.executions);
    w.key("judged").value(s.judged);
    w.key("on_time").value(s.on_time);
    w.key("late").value(s.late);
    w.key("working_minutes").integer(s.working_minutes);
    w.key("delay_minutes").integer(s.delay_minutes);
    w.key("share_of_delay").value(s.share_of_delay);
  });
}

void write_bottlenecks(detail::JsonStream& w, const RunComparison& c) {
  w.objects(c.bottlenecks, [&](std::size_t b) {
    w.key("step").value(c.steps[b].id);
    w.key("delay_minutes").integer(c.steps[b].delay_minutes);
    w.key("share_of_delay").value(c.steps[b].share_of_delay);
  });
}

void write_actor_summaries(detail::JsonStream& w, const RunComparison& c) {
  w.objects(c.actors, [&w](const ActorSummary& a) {
    w.key("actor").value(a.actor);
    w.key("judged").value(a.judged);
    w.key("on_time").value(a.on_time);
    w.key("on_time_percent").value_or_null(a.on_time_percent);
  });
}

// Everything but the runs: summary, bottlenecks, actors, steps, monitoring,
// as members of the object the caller opened.
void write_overview_members(detail::JsonStream& w, const RunComparison& c) {
  w.key("format").value("sopkit.runs-comparison/1");
  w.key("sop").begin_object();
  w.key("number").value(c.sop_number);
  w.key("title").value(c.sop_title);
  w.key("unit").value(c.unit);
  w.end_object();
  w.key("calendar").value(c.calendar);
  w.key("summary").begin_object();
  w.key("runs").value(c.runs.size());
  w.key("runs_complete").value(c.runs_complete);
  w.key("runs_on_time").value(c.runs_on_time);
  w.key("runs_on_time_percent").value_or_null(c.runs_on_time_percent);
  w.key("steps_judged").value(c.steps_judged);
  w.key("steps_on_time").value(c.steps_on_time);
  w.key("steps_on_time_percent").value_or_null(c.steps_on_time_percent);
  w.end_object();
  w.key("bottlenecks");
  write_bottlenecks(w, c);
  w.key("actors");
  write_actor_summaries(w, c);
  w.key("steps");
  write_step_summaries(w, c);
  w.key("monitoring");
  write_monitoring(w, c.monitoring);
}

}  // namespace

namespace {

// The overview (small, built as a document) and then the runs one at a time,
// byte for byte as dump(indent) would write the whole.
void write_comparison(detail::JsonStream& w, const RunLog& log, const RunComparison& c) {
  w.begin_object();
  write_overview_members(w, c);
  w.key("runs").begin_array();
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    write_run_result(w, log, c, i);
    w.maybe_flush();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string comparison_to_json(const RunLog& log, const RunComparison& c, int indent) {
  detail::JsonStream w(indent);
  write_comparison(w, log, c);
  if (indent >= 0) w.text() += '\n';
  return std::move(w.text());
}

void write_comparison_json(std::ostream& out, const RunLog& log, const RunComparison& c,
                           int indent) {
  detail::JsonStream w(indent, &out);
  write_comparison(w, log, c);
  if (indent >= 0) w.text() += '\n';
  w.flush();
}

std::string detail::comparison_overview_to_json(const RunComparison& c) {
  detail::JsonStream w(-1);
  w.begin_object();
  write_overview_members(w, c);
  w.end_object();
  return std::move(w.text());
}

}  // namespace sopkit
