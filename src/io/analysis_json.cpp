// analysis_json.cpp — the JSON form of an Analysis (docs/analysis.md).
#include "io/detail/analysis_json.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace sopkit::detail {

using nlohmann::json;

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

// Writes JSON text in the layout and key order of nlohmann's dump(indent)
// (indent < 0: compact) without building a document: a million per-step
// objects cost more to build than the analysis that fills them. Objects list
// their keys in byte order, as nlohmann's std::map does; the writer does not
// sort, the callers write the keys in that order.
class JsonOut {
 public:
  // With a sink, the text goes there in pieces of about 64 KiB as it is
  // written (finish() sends the rest); without one it stays in `out`.
  JsonOut(std::string& out, int indent, std::ostream* sink = nullptr)
      : out_(out), indent_(indent), sink_(sink) {}

  void finish() {
    if (sink_) sink_->write(out_.data(), static_cast<std::streamsize>(out_.size())), out_.clear();
  }

  void open(char bracket) {
    out_ += bracket;
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) newline();
    out_ += bracket;
  }
  // Starts the next element of the open array.
  void item() {
    if (sink_ && out_.size() >= kPiece) finish();
    if (!first_.back()) out_ += ',';
    first_.back() = false;
    newline();
  }
  // Starts the value of `name` in the open object.
  void key(const char* name) {
    item();
    out_ += '"';
    out_ += name;
    out_ += indent_ < 0 ? "\":" : "\": ";
  }

  void string(const std::string& s) {
    // Plain ASCII needs no escaping; anything else goes through nlohmann, so
    // escapes and UTF-8 checks are its own.
    for (unsigned char c : s)
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return value(json(s));
    out_ += '"';
    out_ += s;
    out_ += '"';
  }
  void minutes(double m) {
    if (prints_as_integer(m)) return integer(static_cast<std::int64_t>(m));
    value(json(m));
  }
  void integer(std::int64_t v) { out_ += std::to_string(v); }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void null() { out_ += "null"; }
  // A small value built as a document, indented to where it stands.
  void value(const json& j) {
    const std::string text = j.dump(indent_);
    if (indent_ < 0 || text.find('\n') == std::string::npos) {
      out_ += text;
      return;
    }
    const std::string pad(static_cast<std::size_t>(indent_) * first_.size(), ' ');
    for (char c : text) {
      out_ += c;
      if (c == '\n') out_ += pad;
    }
  }
  void ids(const std::vector<std::string>& list) {
    open('[');
    for (const auto& id : list) item(), string(id);
    close(']');
  }

 private:
  void newline() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * first_.size(), ' ');
  }

  static constexpr std::size_t kPiece = 64 * 1024;
  std::string& out_;
  int indent_;
  std::ostream* sink_;
  std::vector<bool> first_;  // per open bracket: nothing written in it yet
};

// A CPM figure of a step, null off the happy path.
void timing_field(JsonOut& w, const StepTiming* t, double StepTiming::*field) {
  t ? w.minutes(t->*field) : w.null();
}

void critical_field(JsonOut& w, const StepTiming* t) {
  t ? w.boolean(t->critical) : w.null();
}

void timing_json(JsonOut& w, const StepTiming* t) {
  w.open('{');
  w.key("critical"), critical_field(w, t);
  w.key("earliest_finish"), timing_field(w, t, &StepTiming::earliest_finish);
  w.key("earliest_start"), timing_field(w, t, &StepTiming::earliest_start);
  w.key("latest_finish"), timing_field(w, t, &StepTiming::latest_finish);
  w.key("latest_start"), timing_field(w, t, &StepTiming::latest_start);
  w.key("slack"), timing_field(w, t, &StepTiming::slack);
  w.close('}');
}

// One step with the CPM figures of the upper ends among its own keys and
// those of the lower ends under "best".
void step_json(JsonOut& w, const Step& s, const WorkConvention& conv, bool on_happy_path,
               const StepTiming* worst, const StepTiming* best) {
  w.open('{');
  w.key("actor"), w.string(s.actor);
  w.key("best"), timing_json(w, best);
  w.key("critical"), critical_field(w, worst);
  w.key("earliest_finish"), timing_field(w, worst, &StepTiming::earliest_finish);
  w.key("earliest_start"), timing_field(w, worst, &StepTiming::earliest_start);
  w.key("id"), w.string(s.id);
  w.key("kind"), w.string(step_kind_name(s.kind));
  w.key("latest_finish"), timing_field(w, worst, &StepTiming::latest_finish);
  w.key("latest_start"), timing_field(w, worst, &StepTiming::latest_start);
  w.key("min_working_minutes"), s.time ? w.minutes(s.time->min_minutes(conv)) : w.null();
  w.key("on_happy_path"), w.boolean(on_happy_path);
  w.key("slack"), timing_field(w, worst, &StepTiming::slack);
  w.key("time"), w.string(s.time_text);
  w.key("working_minutes"), s.time ? w.minutes(s.time->max_minutes(conv)) : w.null();
  w.close('}');
}

void steps_json(JsonOut& w, const Sop& sop, const Analysis& a) {
  const std::size_t n = sop.step_count();
  const std::vector<const StepTiming*> none(n, nullptr);
  const std::vector<const StepTiming*> worst = a.worst ? a.worst->by_step(sop) : none;
  const std::vector<const StepTiming*> best = a.best ? a.best->by_step(sop) : none;
  std::vector<char> happy(n, 0);
  for (const auto& id : a.happy_path) happy[sop.step_index(id)] = 1;
  w.open('[');
  for (std::size_t i = 0; i < n; ++i) {
    w.item();
    step_json(w, sop.step(i), a.convention, happy[i] != 0, worst[i], best[i]);
  }
  w.close(']');
}

void handoffs_json(JsonOut& w, const std::vector<Handoff>& handoffs) {
  w.open('{');
  w.key("count"), w.integer(static_cast<std::int64_t>(handoffs.size()));
  w.key("list"), w.open('[');
  for (const auto& h : handoffs) {
    w.item(), w.open('{');
    w.key("from_actor"), w.string(h.from_actor);
    w.key("from_step"), w.string(h.from_step);
    w.key("to_actor"), w.string(h.to_actor);
    w.key("to_step"), w.string(h.to_step);
    w.close('}');
  }
  w.close(']');
  w.close('}');
}

void loops_json(JsonOut& w, const Analysis& a) {
  w.open('[');
  for (const auto& l : a.loops) {
    w.item(), w.open('{');
    w.key("component"), w.integer(static_cast<std::int64_t>(l.component));
    w.key("decision"), w.string(l.decision);
    w.key("expected_rounds"), w.value(json(l.expected_rounds));
    w.key("no_probability"), l.no_probability ? w.value(json(*l.no_probability)) : w.null();
    w.key("restart"), w.string(l.restart);
    w.key("round"), w.value(total_json(l.round, l.round_working_minutes,
                                       l.round_min_working_minutes, a.convention));
    w.key("round_steps"), w.integer(static_cast<std::int64_t>(l.round_steps));
    w.close('}');
  }
  w.close(']');
}

void components_json(JsonOut& w, const Analysis& a) {
  w.open('[');
  for (const auto& c : a.components) w.item(), w.ids(c);
  w.close(']');
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
  json out = total_json(a.worst_case.total, a.worst_case.working_minutes,
                        a.worst_case.min_working_minutes, a.convention);
  out["rework_rounds"] = a.rework_rounds;
  return out;
}

// Writers of the values of a top-level object, by key: the map keeps the
// keys in byte order, as a document's would be.
using Part = std::function<void(JsonOut&)>;
using Parts = std::map<std::string, Part>;

Part doc_value(json j) {
  return [j = std::move(j)](JsonOut& w) { w.value(j); };
}

Part id_list(const std::vector<std::string>& ids) {
  return [&ids](JsonOut& w) { w.ids(ids); };
}

// The object of `parts` and the keys of `extra` (which win).
void write_object(JsonOut& out, Parts parts, const json& extra) {
  for (auto it = extra.begin(); it != extra.end(); ++it) parts[it.key()] = doc_value(it.value());
  out.open('{');
  for (const auto& [name, write] : parts) {
    out.key(name.c_str());
    write(out);
  }
  out.close('}');
}

void write_analysis(JsonOut& out, const Sop& sop, const Analysis& a, const json& extra) {
  const WorkConvention& conv = a.convention;
  const SopDocument& doc = sop.document();
  Parts parts{
      {"components", [&](JsonOut& w) { components_json(w, a); }},
      {"convention", doc_value({{"minutes_per_day", minutes_json(conv.minutes_per_day)},
                                {"days_per_week", minutes_json(conv.days_per_week)},
                                {"days_per_month", minutes_json(conv.days_per_month)}})},
      {"critical_path", a.worst ? id_list(a.worst->critical_path) : doc_value(json::array())},
      {"duration", doc_value(duration_json(a))},
      {"expected", doc_value(expected_json(a))},
      {"format", doc_value("sopkit.analysis/2")},
      {"handoffs", [&](JsonOut& w) { handoffs_json(w, a.handoffs); }},
      {"happy_path", id_list(a.happy_path)},
      {"longest_single_actor_stretch", doc_value(stretch_json(a))},
      {"loops", [&](JsonOut& w) { loops_json(w, a); }},
      {"not_computed", id_list(a.not_computed)},
      {"number", doc_value(doc.number)},
      {"steps", [&](JsonOut& w) { steps_json(w, sop, a); }},
      {"title", doc_value(doc.title)},
      {"total", doc_value(total_json(a.total, a.working_minutes, a.min_working_minutes, conv))},
      {"untimed_steps", id_list(a.untimed_steps)},
      {"workload", doc_value(workload_json(a))},
      {"worst_case", doc_value(worst_case_json(a))},
  };
  write_object(out, std::move(parts), extra);
}

void planned_steps_json(JsonOut& w, const Sop& sop, const Schedule& plan) {
  w.open('[');
  for (const auto& p : plan.steps) {
    const Step& s = sop.step(sop.step_index(p.id));
    w.item(), w.open('{');
    w.key("actor"), w.string(s.actor);
    w.key("end"), w.string(format_instant(p.end));
    w.key("id"), w.string(p.id);
    w.key("start"), w.string(format_instant(p.start));
    w.key("time"), w.string(s.time_text);
    w.close('}');
  }
  w.close(']');
}

void write_schedule(JsonOut& out, const Sop& sop, const WorkCalendar& calendar,
                    const Schedule& plan, const json& extra) {
  static const char* const kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  Parts parts{
      {"calendar", doc_value(calendar.id())},
      {"due", doc_value(format_instant(plan.due))},
      {"due_weekday", doc_value(kWeekdays[static_cast<int>(weekday_of(date_of(plan.due)))])},
      {"format", doc_value("sopkit.schedule/1")},
      {"number", doc_value(sop.document().number)},
      {"start", doc_value(format_instant(plan.start))},
      {"steps", [&](JsonOut& w) { planned_steps_json(w, sop, plan); }},
      {"title", doc_value(sop.document().title)},
      {"untimed_steps", id_list(plan.untimed_steps)},
      {"working_minutes", doc_value(calendar.working_minutes_between(plan.start, plan.due))},
  };
  write_object(out, std::move(parts), extra);
}

}  // namespace

std::string analysis_json_text(const Sop& sop, const Analysis& a, const json& extra, int indent) {
  std::string out;
  JsonOut w(out, indent);
  write_analysis(w, sop, a, extra);
  return out;
}

void write_analysis_json(std::ostream& sink, const Sop& sop, const Analysis& a, const json& extra,
                         int indent) {
  std::string buffer;
  JsonOut w(buffer, indent, &sink);
  write_analysis(w, sop, a, extra);
  w.finish();
}

json analysis_json(const Sop& sop, const Analysis& a) {
  return json::parse(analysis_json_text(sop, a, json::object(), -1));
}

std::string schedule_json_text(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan,
                               const json& extra, int indent) {
  std::string out;
  JsonOut w(out, indent);
  write_schedule(w, sop, calendar, plan, extra);
  return out;
}

void write_schedule_json(std::ostream& sink, const Sop& sop, const WorkCalendar& calendar,
                         const Schedule& plan, const json& extra, int indent) {
  std::string buffer;
  JsonOut w(buffer, indent, &sink);
  write_schedule(w, sop, calendar, plan, extra);
  w.finish();
}

json schedule_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan) {
  return json::parse(schedule_json_text(sop, calendar, plan, json::object(), -1));
}

}  // namespace sopkit::detail
