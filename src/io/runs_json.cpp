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

ojson optional_number(const std::optional<double>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

ojson monitoring_json(const std::vector<MonitoringRow>& rows) {
  ojson out = ojson::array();
  for (const MonitoringRow& m : rows)
    out.push_back({{"step", m.step},
                   {"good", m.good},
                   {"source", m.recorded ? "recorded" : "derived"},
                   {"derived_reason", derived_reason(m)},
                   {"action", m.action},
                   {"note", m.note}});
  return out;
}

// One run of the comparison, with its steps.
ojson run_result_json(const RunLog& log, const RunComparison& c, std::size_t i) {
  const RunResult& r = c.runs[i];
  const RunRecord& rec = log.runs()[i];
  ojson steps = ojson::array();
  for (std::size_t k = r.first_event; k < r.first_event + r.event_count; ++k) {
    const StepEvent& e = log.events()[k];
    const ExecutionResult& x = c.executions[k];
    const Step& s = log.sop().step(e.step);
    steps.push_back(
        {{"step", s.id},
         {"actor", log.actor_of(e)},
         {"branch", e.branch == Branch::none ? ojson(nullptr) : ojson(branch_name(e.branch))},
         {"start", format_instant(e.start)},
         {"end", format_instant(e.end)},
         {"time", s.time_text},
         {"allowed_end",
          x.verdict == Verdict::untimed ? ojson(nullptr) : ojson(format_instant(x.allowed_end))},
         {"working_minutes", x.working_minutes},
         {"delay_minutes", x.delay_minutes},
         {"verdict", verdict_name(x.verdict)},
         {"round", x.round},
         {"out_of_order", x.out_of_order}});
  }
  ojson order = ojson::array();
  for (const OrderViolation& v : r.out_of_order)
    order.push_back({{"step", v.step},
                     {"predecessor", v.predecessor},
                     {"step_start", format_instant(v.step_start)},
                     {"predecessor_end", format_instant(v.predecessor_end)}});
  ojson evaluation = ojson::object();
  for (std::size_t k = 0; k < kEvaluationCriteria; ++k)
    evaluation[evaluation_criterion_key(k)] =
        rec.evaluation[k] ? ojson(*rec.evaluation[k]) : ojson(nullptr);
  const bool timed = r.event_count > 0;
  return {{"case", r.case_id},
          {"start", timed ? ojson(format_instant(r.start)) : ojson(nullptr)},
          {"end", timed ? ojson(format_instant(r.end)) : ojson(nullptr)},
          {"due", timed ? ojson(format_instant(r.due)) : ojson(nullptr)},
          {"period", timed ? ojson(r.period.to_string()) : ojson(nullptr)},
          {"complete", r.complete},
          {"on_time", r.complete ? ojson(r.on_time) : ojson(nullptr)},
          {"working_minutes", r.working_minutes},
          {"delay_minutes", r.delay_minutes},
          {"rework_rounds", r.rework_rounds},
          {"no_branches", r.no_branches},
          {"steps_judged", r.steps_judged},
          {"steps_on_time", r.steps_on_time},
          {"skipped", r.skipped},
          {"out_of_order", order},
          {"steps", steps},
          {"monitoring", monitoring_json(r.monitoring)},
          {"evaluation",
           {{"answers", evaluation},
            {"answered", r.evaluation.answered},
            {"yes", r.evaluation.yes},
            {"percent", optional_number(r.evaluation.percent)}}}};
}

// Everything but the runs: summary, bottlenecks, actors, steps, monitoring.
ojson comparison_overview_json(const RunComparison& c) {
  ojson steps = ojson::array();
  for (const StepSummary& s : c.steps)
    steps.push_back({{"step", s.id},
                     {"actor", s.actor},
                     {"time", s.time_text},
                     {"executions", s.executions},
                     {"judged", s.judged},
                     {"on_time", s.on_time},
                     {"late", s.late},
                     {"working_minutes", s.working_minutes},
                     {"delay_minutes", s.delay_minutes},
                     {"share_of_delay", s.share_of_delay}});
  ojson bottlenecks = ojson::array();
  for (const std::size_t b : c.bottlenecks)
    bottlenecks.push_back({{"step", c.steps[b].id},
                           {"delay_minutes", c.steps[b].delay_minutes},
                           {"share_of_delay", c.steps[b].share_of_delay}});
  ojson actors = ojson::array();
  for (const ActorSummary& a : c.actors)
    actors.push_back({{"actor", a.actor},
                      {"judged", a.judged},
                      {"on_time", a.on_time},
                      {"on_time_percent", optional_number(a.on_time_percent)}});
  ojson out{{"format", "sopkit.runs-comparison/1"},
            {"sop", {{"number", c.sop_number}, {"title", c.sop_title}, {"unit", c.unit}}},
            {"calendar", c.calendar},
            {"summary",
             {{"runs", c.runs.size()},
              {"runs_complete", c.runs_complete},
              {"runs_on_time", c.runs_on_time},
              {"runs_on_time_percent", optional_number(c.runs_on_time_percent)},
              {"steps_judged", c.steps_judged},
              {"steps_on_time", c.steps_on_time},
              {"steps_on_time_percent", optional_number(c.steps_on_time_percent)}}},
            {"bottlenecks", bottlenecks},
            {"actors", actors},
            {"steps", steps},
            {"monitoring", monitoring_json(c.monitoring)}};
  return out;
}

}  // namespace

// The runs are written one at a time into the text dump(indent) would give:
// a document holding every run's steps at once took several times the
// output's size in memory.
std::string comparison_to_json(const RunLog& log, const RunComparison& c, int indent) {
  const ojson overview = comparison_overview_json(c);
  detail::JsonStream w(indent);
  w.begin_object();
  for (auto it = overview.begin(); it != overview.end(); ++it) w.key(it.key()).nested(it.value());
  w.key("runs").begin_array();
  for (std::size_t i = 0; i < c.runs.size(); ++i) w.nested(run_result_json(log, c, i));
  w.end_array();
  w.end_object();
  if (indent >= 0) w.text() += '\n';
  return std::move(w.text());
}

std::string detail::comparison_overview_to_json(const RunComparison& c) {
  return comparison_overview_json(c).dump();
}

}  // namespace sopkit
