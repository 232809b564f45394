// monitoring.cpp — C ABI for execution monitoring: run logs, their comparison
// with the mutu baku, and compliance as an indicator set.
#include <cmath>
#include <limits>
#include <memory>

#include "guard.hpp"
#include "handles.hpp"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::invalid;
using sopkit::capi::ok;

namespace {

template <typename Load>
int make_runs(sopkit_runs** out, Load&& load) {
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_runs>(load());
    *out = handle.release();
    return SOPKIT_OK;
  });
}

double nan_if_blank(const std::optional<double>& v) {
  return v ? *v : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

extern "C" {

int sopkit_runs_load_file(sopkit_runs** out, const sopkit_sop* sop, const char* path) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(path);
  return make_runs(out, [&] { return sopkit::load_runs_file(path, sop->sop); });
}

int sopkit_runs_load_csv(sopkit_runs** out, const sopkit_sop* sop, const char* text, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(text);
  return make_runs(
      out, [&] { return sopkit::parse_runs_csv(std::string_view(text, len), sop->sop, "<csv>"); });
}

int sopkit_runs_load_json(sopkit_runs** out, const sopkit_sop* sop, const char* text, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(text);
  return make_runs(out, [&] {
    return sopkit::parse_runs_json(std::string_view(text, len), sop->sop, "<json>");
  });
}

int sopkit_runs_counts(const sopkit_runs* runs, size_t* out_runs, size_t* out_events) {
  SOPKIT_REQUIRE(runs);
  if (out_runs) *out_runs = runs->log->runs().size();
  if (out_events) *out_events = runs->log->events().size();
  return ok();
}

int sopkit_runs_to_json(const sopkit_runs* runs, const char** out_json) {
  SOPKIT_REQUIRE(runs);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_runs*>(runs);
    std::call_once(self->json.once, [&] { self->json.text = sopkit::runs_to_json(*runs->log); });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

void sopkit_runs_free(sopkit_runs* runs) {
  sopkit::capi::free_handle(runs);
}

int sopkit_runs_compare(const sopkit_runs* runs, const sopkit_calendar* cal,
                        sopkit_runs_comparison** out) {
  SOPKIT_REQUIRE(runs);
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_runs_comparison>(
        runs->log, sopkit::compare_runs(*runs->log, cal->calendar));
    for (const auto& r : handle->comparison.runs)
      handle->out_of_order_total += r.out_of_order.size();
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_runs_comparison_summary(const sopkit_runs_comparison* c, sopkit_runs_summary* out) {
  SOPKIT_REQUIRE(c);
  SOPKIT_REQUIRE(out);
  const sopkit::RunComparison& k = c->comparison;
  sopkit_runs_summary s;
  s.runs = k.runs.size();
  s.runs_complete = k.runs_complete;
  s.runs_on_time = k.runs_on_time;
  s.steps_judged = k.steps_judged;
  s.steps_on_time = k.steps_on_time;
  s.runs_on_time_percent = nan_if_blank(k.runs_on_time_percent);
  s.steps_on_time_percent = nan_if_blank(k.steps_on_time_percent);
  s.bottleneck_count = k.bottlenecks.size();
  *out = s;
  return ok();
}

int sopkit_runs_comparison_run(const sopkit_runs_comparison* c, size_t index,
                               sopkit_run_result* out) {
  SOPKIT_REQUIRE(c);
  SOPKIT_REQUIRE(out);
  const auto& runs = c->comparison.runs;
  if (index >= runs.size())
    return fail(SOPKIT_EINVAL, "run index " + std::to_string(index) + " is past the last (" +
                                   std::to_string(runs.size()) + ")");
  const sopkit::RunResult& r = runs[index];
  sopkit_run_result v;
  v.case_id = r.case_id.c_str();
  v.start = r.start;
  v.end = r.end;
  v.due = r.due;
  v.complete = r.complete ? 1 : 0;
  v.on_time = r.on_time ? 1 : 0;
  v.working_minutes = r.working_minutes;
  v.delay_minutes = r.delay_minutes;
  v.rework_rounds = r.rework_rounds;
  v.steps_judged = r.steps_judged;
  v.steps_on_time = r.steps_on_time;
  v.out_of_order = r.out_of_order.size();
  v.skipped = r.skipped.size();
  v.evaluation_percent = nan_if_blank(r.evaluation.percent);
  *out = v;
  return ok();
}

int sopkit_runs_comparison_executions(const sopkit_runs_comparison* c, int64_t* out_working_minutes,
                                      int64_t* out_delay_minutes, uint8_t* out_verdict, size_t n) {
  SOPKIT_REQUIRE(c);
  const auto& x = c->comparison.executions;
  if (n > x.size())
    return fail(SOPKIT_EINVAL, "n = " + std::to_string(n) + " is larger than the " +
                                   std::to_string(x.size()) + " executions");
  for (std::size_t i = 0; i < n; ++i) {
    if (out_working_minutes) out_working_minutes[i] = x[i].working_minutes;
    if (out_delay_minutes) out_delay_minutes[i] = x[i].delay_minutes;
    if (out_verdict) out_verdict[i] = static_cast<uint8_t>(x[i].verdict);
  }
  return ok();
}

int sopkit_runs_comparison_to_json(const sopkit_runs_comparison* c, const char** out_json) {
  SOPKIT_REQUIRE(c);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_runs_comparison*>(c);
    std::call_once(self->json.once,
                   [&] { self->json.text = sopkit::comparison_to_json(*c->log, c->comparison); });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

int sopkit_runs_compliance(const sopkit_runs_comparison* const* comparisons, size_t n,
                           double target_percent, sopkit_indicators** out) {
  SOPKIT_REQUIRE(out);
  if (n > 0 && !comparisons) return invalid("comparisons is NULL with n > 0");
  if (!std::isfinite(target_percent) || target_percent < 0)
    return invalid("target_percent must be a finite number >= 0");
  std::vector<const sopkit::RunComparison*> list;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = "comparisons[" + std::to_string(i) + "]";
    if (const int status = sopkit::capi::check_arg(comparisons[i], name.c_str());
        status != SOPKIT_OK)
      return status;
    list.push_back(&comparisons[i]->comparison);
  }
  return guard([&]() -> int {
    auto handle =
        std::make_unique<sopkit_indicators>(sopkit::compliance_indicators(list, target_percent));
    *out = handle.release();
    return SOPKIT_OK;
  });
}

void sopkit_runs_comparison_free(sopkit_runs_comparison* c) {
  sopkit::capi::free_handle(c);
}

}  // extern "C"
