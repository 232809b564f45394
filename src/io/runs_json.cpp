// runs_json.cpp — run logs as JSON ("sopkit.runs/1"), the comparison as JSON
// ("sopkit.runs-comparison/1"), and load_runs_file.
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "io/detail/comparison_json.hpp"
#include "io/detail/files.hpp"
#include "io/detail/json_cursor.hpp"
#include "io/detail/json_stream.hpp"
#include "io/detail/json_values.hpp"
#include "io/detail/runs_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"

namespace sopkit {

namespace {

using ojson = nlohmann::ordered_json;
using detail::value_or_null;

constexpr const char* kRunsFormat = "sopkit.runs/1";

using detail::JsonCursor;
using detail::JsonKind;
using Field = std::optional<JsonCursor>;

bool absent(const Field& f) {
  return !f || f->is_null();
}

// A text member ("" when absent or null), viewing the document's text.
std::string_view text_member(const Field& f) {
  return absent(f) ? std::string_view() : f->as_text();
}

// true (Ya), false (Tidak) or null (not answered).
std::optional<bool> yes_no(const JsonCursor& v) {
  if (v.expect(JsonKind::boolean, true).is_null()) return std::nullopt;
  return v.boolean();
}

Observation read_observation(const JsonCursor& row, const Sop& sop) {
  const auto f = row.expect(JsonKind::object).members<4>({"step", "good", "action", "note"});
  Observation o;
  o.step = std::string(text_member(f[0]));
  if (sop.step_index(o.step) == kNoIndex)
    row.fail_member("step", "unknown step '" + detail::excerpt(o.step) + "'");
  if (f[1]) o.good = yes_no(*f[1]);
  o.action = std::string(text_member(f[2]));
  o.note = std::string(text_member(f[3]));
  return o;
}

// The index of criterion `key`, which read_evaluation has checked is one.
std::size_t criterion_of(std::string_view key) {
  std::size_t i = 0;
  while (key != evaluation_criterion_key(i)) ++i;
  return i;
}

void read_evaluation(const JsonCursor& evaluation, RunRecord& record) {
  std::array<std::string_view, kEvaluationCriteria> keys;
  for (std::size_t i = 0; i < kEvaluationCriteria; ++i) keys[i] = evaluation_criterion_key(i);
  evaluation.expect(JsonKind::object).refuse_unknown_members(keys);
  evaluation.for_each_member([&](std::string_view key, const JsonCursor& value) {
    record.evaluation[criterion_of(key)] = yes_no(value);
  });
}

// The observer, the monitoring rows and the evaluation criteria of one run.
void read_forms(const std::array<Field, 3>& f, RunRecord& record, const Sop& sop) {
  record.observer = std::string(text_member(f[0]));
  if (!absent(f[1]))
    f[1]->expect(JsonKind::list).for_each_item([&](const JsonCursor& row) {
      record.observations.push_back(read_observation(row, sop));
    });
  if (!absent(f[2])) read_evaluation(*f[2], record);
}

void read_events(const JsonCursor& events, const std::string& case_id,
                 detail::EventReader& reader) {
  if (events.expect(JsonKind::list).size() == 0) events.fail_empty();
  std::uint32_t k = 0;
  events.for_each_item([&](const JsonCursor& e) {
    static constexpr std::array<std::string_view, 5> kKeys = {"step", "start", "end", "actor",
                                                              "branch"};
    const auto f = e.expect(JsonKind::object).members(kKeys);
    detail::EventText t{case_id,           text_member(f[0]), text_member(f[1]),
                        text_member(f[2]), text_member(f[3]), text_member(f[4])};
    static const char* const kFields[] = {"case", "step", "start", "end", "actor", "branch"};
    reader.add(t, k++, [&](int field) { return e.location_of(kFields[field]); });
  });
}

}  // namespace

RunLog parse_runs_json(std::string_view text, const Sop& sop, const std::string& source) {
  const detail::JsonDocument doc(text, source);
  const JsonCursor root(doc);
  root.expect_format(kRunsFormat);
  const std::optional<JsonCursor> runs = root.find("runs");
  if (!runs) root.fail_missing("runs");
  if (runs->expect(JsonKind::list).size() == 0) runs->fail_empty();
  RunLog log(sop);
  detail::EventReader reader(log);
  std::vector<std::string> run_pointer;  // per run index, for duplicate messages
  runs->for_each_item([&](const JsonCursor& r) {
    const auto f = r.expect(JsonKind::object)
                       .members<5>({"case", "events", "observer", "monitoring", "evaluation"});
    if (absent(f[0])) r.fail_missing("case");
    const std::string case_id(text_member(f[0]));
    if (case_id.empty()) f[0]->fail_empty();
    const std::size_t before = log.runs().size();
    const std::uint32_t run = log.find_or_add_run(case_id);
    if (log.runs().size() == before)
      r.fail_member("case", "case '" + detail::excerpt(case_id) + "' appears twice");
    run_pointer.push_back(r.pointer());
    if (!f[1]) r.fail_missing("events");
    read_events(*f[1], case_id, reader);
    read_forms({f[2], f[3], f[4]}, log.run(run), sop);
  });
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
                        {"good", value_or_null(o.good)},
                        {"action", o.action},
                        {"note", o.note}});
      run["monitoring"] = std::move(rows);
    }
    bool any = false;
    ojson ev = ojson::object();
    for (std::size_t i = 0; i < kEvaluationCriteria; ++i) {
      any = any || r.evaluation[i].has_value();
      ev[evaluation_criterion_key(i)] = value_or_null(r.evaluation[i]);
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
  if (indent >= 0) w.append("\n");
  return w.take_text();
}

void write_comparison_json(std::ostream& out, const RunLog& log, const RunComparison& c,
                           int indent) {
  detail::JsonStream w(indent, &out);
  write_comparison(w, log, c);
  if (indent >= 0) w.append("\n");
  w.flush();
}

std::string detail::comparison_overview_to_json(const RunComparison& c) {
  detail::JsonStream w(-1);
  w.begin_object();
  write_overview_members(w, c);
  w.end_object();
  return w.take_text();
}

}  // namespace sopkit
