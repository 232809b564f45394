// analysis_json.cpp — the JSON form of an Analysis (docs/analysis.md).
#include "io/detail/analysis_json.hpp"

#include "io/detail/json_stream.hpp"

#include <cmath>
#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace sopkit::detail {

using json = nlohmann::ordered_json;

namespace {

// Whole minutes print as integers so that documents diff cleanly; 2^53 keeps
// the conversion exact.
bool prints_as_integer(double minutes) {
  return std::isfinite(minutes) && std::fabs(minutes) < 9007199254740992.0 &&
         minutes == std::floor(minutes);
}

}  // namespace

json minutes_json(double minutes) {
  if (prints_as_integer(minutes)) return json(static_cast<std::int64_t>(minutes));
  return json(minutes);
}

namespace {

json ids_json(const std::vector<std::string>& ids) {
  json out = json::array();
  for (const auto& id : ids) out.push_back(id);
  return out;
}

json total_json(const DurationSum& total, double max_minutes, double min_minutes,
                const WorkConvention& conv) {
  return json{{"text", total.to_string(conv)},
              {"working_minutes", minutes_json(max_minutes)},
              {"min_working_minutes", minutes_json(min_minutes)}};
}

// The writers below list each object's keys in document order, the order
// docs/analysis.md shows.

void minutes(JsonStream& w, double m) {
  if (prints_as_integer(m)) return w.integer(static_cast<std::int64_t>(m));
  w.value(m);
}

void ids(JsonStream& w, const std::vector<std::string>& list) {
  w.begin_array();
  for (const auto& id : list) w.value(id);
  w.end_array();
}

// A CPM figure of a step, null off the happy path.
void timing_field(JsonStream& w, const StepTiming* t, double StepTiming::*field) {
  t ? minutes(w, t->*field) : w.null();
}

void critical_field(JsonStream& w, const StepTiming* t) {
  t ? w.value(t->critical) : w.null();
}

// The CPM figures of a step as keys of the object being written.
void timing_fields(JsonStream& w, const StepTiming* t) {
  w.key("earliest_start"), timing_field(w, t, &StepTiming::earliest_start);
  w.key("earliest_finish"), timing_field(w, t, &StepTiming::earliest_finish);
  w.key("latest_start"), timing_field(w, t, &StepTiming::latest_start);
  w.key("latest_finish"), timing_field(w, t, &StepTiming::latest_finish);
  w.key("slack"), timing_field(w, t, &StepTiming::slack);
  w.key("critical"), critical_field(w, t);
}

// One step with the CPM figures of the upper ends among its own keys and
// those of the lower ends under "best".
void step_json(JsonStream& w, const Step& s, const WorkConvention& conv, bool on_happy_path,
               const StepTiming* worst, const StepTiming* best) {
  w.begin_object();
  w.key("id"), w.value(s.id);
  w.key("actor"), w.value(s.actor);
  w.key("kind"), w.value(step_kind_name(s.kind));
  w.key("time"), w.value(s.time_text);
  w.key("working_minutes"), s.time ? minutes(w, s.time->max_minutes(conv)) : w.null();
  w.key("min_working_minutes"), s.time ? minutes(w, s.time->min_minutes(conv)) : w.null();
  w.key("on_happy_path"), w.value(on_happy_path);
  timing_fields(w, worst);
  w.key("best"), w.begin_object();
  timing_fields(w, best);
  w.end_object();
  w.end_object();
}

void steps_json(JsonStream& w, const Sop& sop, const Analysis& a) {
  const std::size_t n = sop.step_count();
  const std::vector<const StepTiming*> none(n, nullptr);
  const std::vector<const StepTiming*> worst = a.worst ? a.worst->by_step(sop) : none;
  const std::vector<const StepTiming*> best = a.best ? a.best->by_step(sop) : none;
  std::vector<char> happy(n, 0);
  for (const auto& id : a.happy_path) happy[sop.step_index(id)] = 1;
  w.begin_array();
  for (std::size_t i = 0; i < n; ++i) {
    step_json(w, sop.step(i), a.convention, happy[i] != 0, worst[i], best[i]);
    w.maybe_flush();
  }
  w.end_array();
}

void handoffs_json(JsonStream& w, const std::vector<Handoff>& handoffs) {
  w.begin_object();
  w.key("count"), w.integer(static_cast<std::int64_t>(handoffs.size()));
  w.key("list"), w.begin_array();
  for (const auto& h : handoffs) {
    w.begin_object();
    w.key("from_step"), w.value(h.from_step);
    w.key("from_actor"), w.value(h.from_actor);
    w.key("to_step"), w.value(h.to_step);
    w.key("to_actor"), w.value(h.to_actor);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void loops_json(JsonStream& w, const Analysis& a) {
  w.begin_array();
  for (const auto& l : a.loops) {
    w.begin_object();
    w.key("decision"), w.value(l.decision);
    w.key("restart"), w.value(l.restart);
    w.key("component"), w.integer(static_cast<std::int64_t>(l.component));
    w.key("round_steps"), w.integer(static_cast<std::int64_t>(l.round_steps));
    w.key("round"), w.nested(total_json(l.round, l.round_working_minutes,
                                        l.round_min_working_minutes, a.convention));
    w.key("no_probability"), l.no_probability ? w.value(*l.no_probability) : w.null();
    w.key("expected_rounds"), w.value(l.expected_rounds);
    w.end_object();
  }
  w.end_array();
}

void components_json(JsonStream& w, const Analysis& a) {
  w.begin_array();
  for (const auto& c : a.components) ids(w, c);
  w.end_array();
}

json duration_json(const Analysis& a) {
  if (!a.worst) return nullptr;
  return {{"text", format_working_minutes(a.worst->duration, a.convention)},
          {"working_minutes", minutes_json(a.worst->duration)},
          {"min_working_minutes", minutes_json(a.best->duration)}};
}

json expected_json(const Analysis& a) {
  if (!a.expected) return nullptr;
  const WorkConvention& conv = a.convention;
  json e = total_json(a.expected->total, a.expected->working_minutes,
                      a.expected->min_working_minutes, conv);
  // Expected rounds are fractional ("31,44 hari" reads badly): the text is
  // the minutes in days, hours and minutes under the convention instead.
  std::string text = format_working_minutes(a.expected->working_minutes, conv);
  if (a.expected->min_working_minutes != a.expected->working_minutes)
    text = format_working_minutes(a.expected->min_working_minutes, conv) + " - " + text;
  e["text"] = text;
  e["decisions_without_probability"] = ids_json(a.decisions_without_probability);
  return e;
}

json workload_json(const Analysis& a) {
  json workload = json::array();
  for (const auto& w : a.workload)
    workload.push_back({{"actor", w.actor},
                        {"name", w.name},
                        {"working_minutes", minutes_json(w.working_minutes)},
                        {"min_working_minutes", minutes_json(w.min_working_minutes)},
                        {"steps", w.steps}});
  return workload;
}

json stretch_json(const Analysis& a) {
  const auto& st = a.longest_single_actor_stretch;
  if (!st) return nullptr;
  return {{"actor", st->actor},
          {"name", st->name},
          {"steps", ids_json(st->steps)},
          {"working_minutes", minutes_json(st->working_minutes)}};
}

json worst_case_json(const Analysis& a) {
  json out{{"rework_rounds", a.rework_rounds}};
  out.update(total_json(a.worst_case.total, a.worst_case.working_minutes,
                        a.worst_case.min_working_minutes, a.convention));
  return out;
}

// Writers of the values of a top-level object, by key, in document order.
using Part = std::function<void(JsonStream&)>;
using Parts = std::vector<std::pair<std::string, Part>>;

Part doc_value(json j) {
  return [j = std::move(j)](JsonStream& w) { w.nested(j); };
}

Part id_list(const std::vector<std::string>& list) {
  return [&list](JsonStream& w) { ids(w, list); };
}

// The object of its format, then extra's "file" (the file the caller read),
// `parts`, and extra's other keys (the diagnostics) at the end.
void write_object(JsonStream& out, const char* format, const Parts& parts, const json& extra) {
  out.begin_object();
  out.key("format"), out.value(format);
  if (auto file = extra.find("file"); file != extra.end()) out.key("file"), out.nested(*file);
  for (const auto& [name, write] : parts) {
    out.key(name);
    write(out);
  }
  for (auto it = extra.begin(); it != extra.end(); ++it)
    if (it.key() != "file") out.key(it.key()), out.nested(it.value());
  out.end_object();
}

void write_analysis(JsonStream& out, const Sop& sop, const Analysis& a, const json& extra) {
  const WorkConvention& conv = a.convention;
  const SopDocument& doc = sop.document();
  const Parts parts{
      {"number", doc_value(doc.number)},
      {"title", doc_value(doc.title)},
      {"convention", doc_value({{"minutes_per_day", minutes_json(conv.minutes_per_day)},
                                {"days_per_week", minutes_json(conv.days_per_week)},
                                {"days_per_month", minutes_json(conv.days_per_month)}})},
      {"total", doc_value(total_json(a.total, a.working_minutes, a.min_working_minutes, conv))},
      {"happy_path", id_list(a.happy_path)},
      {"untimed_steps", id_list(a.untimed_steps)},
      {"duration", doc_value(duration_json(a))},
      {"critical_path", a.worst ? id_list(a.worst->critical_path) : doc_value(json::array())},
      {"steps", [&](JsonStream& w) { steps_json(w, sop, a); }},
      {"workload", doc_value(workload_json(a))},
      {"handoffs", [&](JsonStream& w) { handoffs_json(w, a.handoffs); }},
      {"longest_single_actor_stretch", doc_value(stretch_json(a))},
      {"loops", [&](JsonStream& w) { loops_json(w, a); }},
      {"components", [&](JsonStream& w) { components_json(w, a); }},
      {"worst_case", doc_value(worst_case_json(a))},
      {"expected", doc_value(expected_json(a))},
      {"near_one_probabilities", id_list(a.near_one_probabilities)},
      {"not_computed", id_list(a.not_computed)},
  };
  write_object(out, "sopkit.analysis/2", parts, extra);
}

void planned_steps_json(JsonStream& w, const Sop& sop, const Schedule& plan) {
  w.begin_array();
  for (const auto& p : plan.steps) {
    const Step& s = sop.step(sop.step_index(p.id));
    w.begin_object();
    w.key("id"), w.value(p.id);
    w.key("actor"), w.value(s.actor);
    w.key("time"), w.value(s.time_text);
    w.key("start"), w.value(format_instant(p.start));
    w.key("end"), w.value(format_instant(p.end));
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();
}

void write_schedule(JsonStream& out, const Sop& sop, const WorkCalendar& calendar,
                    const Schedule& plan, const json& extra) {
  static const char* const kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  const Parts parts{
      {"number", doc_value(sop.document().number)},
      {"title", doc_value(sop.document().title)},
      {"calendar", doc_value(calendar.id())},
      {"start", doc_value(format_instant(plan.start))},
      {"due", doc_value(format_instant(plan.due))},
      {"due_weekday", doc_value(kWeekdays[static_cast<int>(weekday_of(date_of(plan.due)))])},
      {"working_minutes", doc_value(calendar.working_minutes_between(plan.start, plan.due))},
      {"steps", [&](JsonStream& w) { planned_steps_json(w, sop, plan); }},
      {"untimed_steps", id_list(plan.untimed_steps)},
  };
  write_object(out, "sopkit.schedule/1", parts, extra);
}

}  // namespace

std::string analysis_json_text(const Sop& sop, const Analysis& a, const json& extra, int indent) {
  JsonStream w(indent);
  write_analysis(w, sop, a, extra);
  return w.take_text();
}

void write_analysis_json(std::ostream& sink, const Sop& sop, const Analysis& a, const json& extra,
                         int indent) {
  JsonStream w(indent, &sink);
  write_analysis(w, sop, a, extra);
  w.flush();
}

nlohmann::json analysis_json(const Sop& sop, const Analysis& a) {
  return nlohmann::json::parse(analysis_json_text(sop, a, json::object(), -1));
}

std::string schedule_json_text(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan,
                               const json& extra, int indent) {
  JsonStream w(indent);
  write_schedule(w, sop, calendar, plan, extra);
  return w.take_text();
}

void write_schedule_json(std::ostream& sink, const Sop& sop, const WorkCalendar& calendar,
                         const Schedule& plan, const json& extra, int indent) {
  JsonStream w(indent, &sink);
  write_schedule(w, sop, calendar, plan, extra);
  w.flush();
}

nlohmann::json schedule_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan) {
  return nlohmann::json::parse(schedule_json_text(sop, calendar, plan, json::object(), -1));
}

}  // namespace sopkit::detail
