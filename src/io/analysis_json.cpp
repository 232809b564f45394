// analysis_json.cpp — the JSON form of an Analysis (docs/analysis.md).
#include "io/detail/analysis_json.hpp"

#include <cmath>
#include <string>

namespace sopkit::detail {

using nlohmann::json;

json minutes_json(double minutes) {
  // Whole minutes print as integers so that documents diff cleanly; 2^53 keeps
  // the conversion exact.
  if (std::isfinite(minutes) && std::fabs(minutes) < 9007199254740992.0 &&
      minutes == std::floor(minutes))
    return json(static_cast<std::int64_t>(minutes));
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

json timing_json(const StepTiming* t) {
  json out;
  for (const char* key :
       {"earliest_start", "earliest_finish", "latest_start", "latest_finish", "slack", "critical"})
    out[key] = nullptr;
  if (!t) return out;
  out["earliest_start"] = minutes_json(t->earliest_start);
  out["earliest_finish"] = minutes_json(t->earliest_finish);
  out["latest_start"] = minutes_json(t->latest_start);
  out["latest_finish"] = minutes_json(t->latest_finish);
  out["slack"] = minutes_json(t->slack);
  out["critical"] = t->critical;
  return out;
}

}  // namespace

json analysis_json(const Sop& sop, const Analysis& a) {
  const WorkConvention& conv = a.convention;
  const SopDocument& doc = sop.document();
  json out;
  out["format"] = "sopkit.analysis/2";
  out["number"] = doc.number;
  out["title"] = doc.title;
  out["convention"] = {{"minutes_per_day", minutes_json(conv.minutes_per_day)},
                       {"days_per_week", minutes_json(conv.days_per_week)},
                       {"days_per_month", minutes_json(conv.days_per_month)}};
  out["total"] = total_json(a.total, a.working_minutes, a.min_working_minutes, conv);
  out["happy_path"] = ids_json(a.happy_path);
  out["untimed_steps"] = ids_json(a.untimed_steps);

  if (a.worst) {
    out["duration"] = {{"text", format_working_minutes(a.worst->duration, conv)},
                       {"working_minutes", minutes_json(a.worst->duration)},
                       {"min_working_minutes", minutes_json(a.best->duration)}};
    out["critical_path"] = ids_json(a.worst->critical_path);
  } else {
    out["duration"] = nullptr;
    out["critical_path"] = json::array();
  }

  std::vector<char> happy(sop.step_count(), 0);
  for (const auto& id : a.happy_path) happy[sop.step_index(id)] = 1;
  const std::vector<const StepTiming*> worst_of =
      a.worst ? a.worst->by_step(sop) : std::vector<const StepTiming*>(sop.step_count(), nullptr);
  const std::vector<const StepTiming*> best_of =
      a.best ? a.best->by_step(sop) : std::vector<const StepTiming*>(sop.step_count(), nullptr);
  json steps = json::array();
  for (std::size_t i = 0; i < sop.step_count(); ++i) {
    const Step& s = doc.steps[i];
    json j;
    j["id"] = s.id;
    j["actor"] = s.actor;
    j["kind"] = step_kind_name(s.kind);
    j["time"] = s.time_text;
    j["working_minutes"] = s.time ? minutes_json(s.time->max_minutes(conv)) : json(nullptr);
    j["min_working_minutes"] = s.time ? minutes_json(s.time->min_minutes(conv)) : json(nullptr);
    j["on_happy_path"] = happy[i] != 0;
    json worst = timing_json(worst_of[i]);
    for (auto it = worst.begin(); it != worst.end(); ++it) j[it.key()] = it.value();
    j["best"] = timing_json(best_of[i]);
    steps.push_back(std::move(j));
  }
  out["steps"] = std::move(steps);

  json workload = json::array();
  for (const auto& w : a.workload)
    workload.push_back({{"actor", w.actor},
                        {"name", w.name},
                        {"working_minutes", minutes_json(w.working_minutes)},
                        {"min_working_minutes", minutes_json(w.min_working_minutes)},
                        {"steps", w.steps}});
  out["workload"] = std::move(workload);

  json handoffs = json::array();
  for (const auto& h : a.handoffs)
    handoffs.push_back({{"from_step", h.from_step},
                        {"from_actor", h.from_actor},
                        {"to_step", h.to_step},
                        {"to_actor", h.to_actor}});
  out["handoffs"] = {{"count", a.handoffs.size()}, {"list", std::move(handoffs)}};

  if (const auto& st = a.longest_single_actor_stretch)
    out["longest_single_actor_stretch"] = {{"actor", st->actor},
                                           {"name", st->name},
                                           {"steps", ids_json(st->steps)},
                                           {"working_minutes", minutes_json(st->working_minutes)}};
  else
    out["longest_single_actor_stretch"] = nullptr;

  json loops = json::array();
  for (const auto& l : a.loops)
    loops.push_back(
        {{"decision", l.decision},
         {"restart", l.restart},
         {"component", l.component},
         {"round_steps", l.round_steps},
         {"round", total_json(l.round, l.round_working_minutes, l.round_min_working_minutes, conv)},
         {"no_probability", l.no_probability ? json(*l.no_probability) : json(nullptr)},
         {"expected_rounds", l.expected_rounds}});
  out["loops"] = std::move(loops);
  json components = json::array();
  for (const auto& c : a.components) components.push_back(ids_json(c));
  out["components"] = std::move(components);

  json worst_case = total_json(a.worst_case.total, a.worst_case.working_minutes,
                               a.worst_case.min_working_minutes, conv);
  worst_case["rework_rounds"] = a.rework_rounds;
  out["worst_case"] = std::move(worst_case);
  if (a.expected) {
    json e = total_json(a.expected->total, a.expected->working_minutes,
                        a.expected->min_working_minutes, conv);
    // Expected rounds are fractional ("31,44 hari" reads badly): the text is
    // the minutes in days, hours and minutes under the convention instead.
    std::string text = format_working_minutes(a.expected->working_minutes, conv);
    if (a.expected->min_working_minutes != a.expected->working_minutes)
      text = format_working_minutes(a.expected->min_working_minutes, conv) + " - " + text;
    e["text"] = text;
    e["decisions_without_probability"] = ids_json(a.decisions_without_probability);
    out["expected"] = std::move(e);
  } else {
    out["expected"] = nullptr;
  }
  out["not_computed"] = ids_json(a.not_computed);
  return out;
}

json schedule_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan) {
  static const char* const kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  json out;
  out["format"] = "sopkit.schedule/1";
  out["number"] = sop.document().number;
  out["title"] = sop.document().title;
  out["calendar"] = calendar.id();
  out["start"] = format_instant(plan.start);
  out["due"] = format_instant(plan.due);
  out["due_weekday"] = kWeekdays[static_cast<int>(weekday_of(date_of(plan.due)))];
  out["working_minutes"] = calendar.working_minutes_between(plan.start, plan.due);
  json steps = json::array();
  for (const auto& p : plan.steps) {
    const Step& s = sop.step(sop.step_index(p.id));
    steps.push_back({{"id", p.id},
                     {"actor", s.actor},
                     {"time", s.time_text},
                     {"start", format_instant(p.start)},
                     {"end", format_instant(p.end)}});
  }
  out["steps"] = std::move(steps);
  out["untimed_steps"] = ids_json(plan.untimed_steps);
  return out;
}

}  // namespace sopkit::detail
