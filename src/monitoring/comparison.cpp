// comparison.cpp — every execution against its standard time on the working
// calendar, every run against its due date; summaries per step and actor and
// the bottlenecks (steps ranked by their share of the total delay).
#include <algorithm>
#include <unordered_map>

#include "monitoring/detail/conformance.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/schedule.hpp"

namespace sopkit {

namespace {

Period quarter_of(Instant t) {
  // The year by make_date (exact), then the quarter by its first days.
  const Date d = date_of(t);
  // d / 365 rounded down, minus one, is at or below the real year's offset.
  int year = 1970 + static_cast<int>(d >= 0 ? d / 365 : -((-d + 364) / 365)) - 1;
  while (make_date(year + 1, 1, 1) <= d) ++year;
  int quarter = 1;
  while (quarter < 4 && make_date(year, 3 * quarter + 1, 1) <= d) ++quarter;
  return Period::of_quarter(year, quarter);
}

std::optional<double> percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string unit_path(const SopDocument& doc) {
  const Organization& o = doc.organization;
  std::string root = o.agency ? *o.agency : o.government ? *o.government : "Instansi";
  return o.unit ? root + "/" + *o.unit : root;
}

// One execution against its standard time.
void measure(const WorkCalendar& cal, const Step& step, const StepEvent& e, DurationEnd end,
             ExecutionResult& x) {
  x.working_minutes = cal.working_minutes_between(e.start, e.end);
  if (!step.time) {
    x.allowed_end = e.end;
    x.verdict = Verdict::untimed;
    return;
  }
  x.allowed_end = cal.add(e.start, *step.time, end);
  // Delay is office time: ending at 16:30 when 16:00 was allowed and the
  // office closed at 16:00 costs the office nothing.
  x.delay_minutes = e.end > x.allowed_end ? cal.working_minutes_between(x.allowed_end, e.end) : 0;
  x.verdict = x.delay_minutes > 0 ? Verdict::late : Verdict::on_time;
}

}  // namespace

const char* verdict_name(Verdict v) noexcept {
  switch (v) {
    case Verdict::on_time:
      return "on_time";
    case Verdict::late:
      return "late";
    case Verdict::untimed:
      break;
  }
  return "untimed";
}

RunComparison compare_runs(const RunLog& log, const WorkCalendar& calendar,
                           const CompareOptions& options) {
  const Sop& sop = log.sop();
  ScheduleOptions schedule_options;
  schedule_options.end = options.standard_end;
  const RunPlanner planner(sop, calendar, schedule_options);
  const detail::HappyGraph graph = detail::happy_graph(sop, planner.happy_path());

  RunComparison c;
  c.sop_number = sop.document().number;
  c.sop_title = sop.document().title;
  c.unit = unit_path(sop.document());
  c.calendar = calendar.id();
  const auto& events = log.events();
  c.executions.resize(events.size());
  c.steps.resize(sop.step_count());
  for (std::size_t s = 0; s < sop.step_count(); ++s) {
    c.steps[s].id = sop.step(s).id;
    c.steps[s].actor = sop.step(s).actor;
    c.steps[s].time_text = sop.step(s).time_text;
  }
  // Actors keyed by the logged actor index, or past them by the step's actor.
  const std::size_t logged = log.actors().size();
  std::vector<std::size_t> judged(logged + sop.step_count(), 0), on_time(judged.size(), 0);
  std::vector<std::size_t> first_seen(judged.size(), events.size());

  detail::RunScratch scratch;
  c.runs.reserve(log.runs().size());
  for (const RunRecord& record : log.runs()) {
    RunResult r;
    r.case_id = record.case_id;
    r.first_event = record.first_event;
    r.event_count = record.event_count;
    ExecutionResult* x = c.executions.data() + r.first_event;
    const StepEvent* ev = events.data() + r.first_event;
    if (r.event_count == 0) {
      c.runs.push_back(std::move(r));
      continue;
    }
    try {
      r.start = ev[0].start;
      r.end = ev[0].end;
      for (std::size_t k = 0; k < r.event_count; ++k) {
        const StepEvent& e = ev[k];
        measure(calendar, sop.step(e.step), e, options.standard_end, x[k]);
        r.end = std::max(r.end, e.end);
        StepSummary& st = c.steps[e.step];
        ++st.executions;
        st.working_minutes += x[k].working_minutes;
        if (x[k].verdict == Verdict::untimed) continue;
        ++st.judged;
        ++r.steps_judged;
        const std::size_t a = e.actor != kNoIndex ? e.actor : logged + e.step;
        ++judged[a];
        first_seen[a] = std::min(first_seen[a], r.first_event + k);
        if (x[k].verdict == Verdict::on_time) {
          ++st.on_time;
          ++r.steps_on_time;
          ++on_time[a];
        } else {
          ++st.late;
          st.delay_minutes += x[k].delay_minutes;
        }
      }
      r.due = planner.due(r.start);
      r.working_minutes = calendar.working_minutes_between(r.start, r.end);
    } catch (const Error& e) {
      throw Error(e.code(), e.message(), "case " + r.case_id);
    }
    detail::check_conformance(log, graph, r, x, scratch);
    if (r.complete) {
      r.delay_minutes = r.end > r.due ? calendar.working_minutes_between(r.due, r.end) : 0;
      r.on_time = r.delay_minutes == 0;
      ++c.runs_complete;
      if (r.on_time) ++c.runs_on_time;
    }
    r.period = quarter_of(r.end);
    detail::fill_monitoring_form(log, graph, record, x, r);
    c.steps_judged += r.steps_judged;
    c.steps_on_time += r.steps_on_time;
    c.runs.push_back(std::move(r));
  }
  c.steps_on_time_percent = percent(c.steps_on_time, c.steps_judged);
  c.runs_on_time_percent = percent(c.runs_on_time, c.runs_complete);

  // Bottlenecks.
  std::int64_t total_delay = 0;
  for (const auto& st : c.steps) total_delay += st.delay_minutes;
  for (std::size_t s = 0; s < c.steps.size(); ++s) {
    if (c.steps[s].delay_minutes == 0) continue;
    c.steps[s].share_of_delay =
        static_cast<double>(c.steps[s].delay_minutes) / static_cast<double>(total_delay);
    c.bottlenecks.push_back(s);
  }
  std::stable_sort(c.bottlenecks.begin(), c.bottlenecks.end(), [&](std::size_t a, std::size_t b) {
    return c.steps[a].delay_minutes > c.steps[b].delay_minutes;
  });

  // Actors, by name, in order of first appearance in the log.
  std::vector<std::size_t> keys;
  for (std::size_t a = 0; a < judged.size(); ++a)
    if (judged[a] > 0) keys.push_back(a);
  std::stable_sort(keys.begin(), keys.end(),
                   [&](std::size_t a, std::size_t b) { return first_seen[a] < first_seen[b]; });
  std::unordered_map<std::string, std::size_t> by_name;
  for (const std::size_t a : keys) {
    const std::string& name = a < logged ? log.actors()[a] : sop.step(a - logged).actor;
    auto [it, added] = by_name.emplace(name, c.actors.size());
    if (added) c.actors.push_back(ActorSummary{name, 0, 0, std::nullopt});
    c.actors[it->second].judged += judged[a];
    c.actors[it->second].on_time += on_time[a];
  }
  for (auto& a : c.actors) a.on_time_percent = percent(a.on_time, a.judged);

  c.monitoring = detail::overall_monitoring(log, graph, c.executions);
  return c;
}

}  // namespace sopkit
