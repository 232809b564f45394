// analysis.cpp — C ABI for SOP analysis and schedules.
#include <memory>

#include "guard.hpp"
#include "handles.hpp"
#include "sopkit/result_json.hpp"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::invalid;
using sopkit::capi::ok;

namespace {

int past_end(const char* what, std::size_t index, std::size_t count) {
  return fail(SOPKIT_EINVAL, std::string(what) + " index " + std::to_string(index) +
                                 " is past the last (" + std::to_string(count) + ")");
}

}  // namespace

extern "C" {

int sopkit_analysis_options_init(sopkit_analysis_options* opts) {
  SOPKIT_REQUIRE(opts);
  sopkit::WorkConvention conv;
  opts->version = SOPKIT_ANALYSIS_OPTIONS_VERSION;
  opts->rework_rounds = 1;
  opts->minutes_per_day = conv.minutes_per_day;
  opts->days_per_week = conv.days_per_week;
  opts->days_per_month = conv.days_per_month;
  opts->lenient = 0;
  return ok();
}

int sopkit_sop_analyze(const sopkit_sop* sop, const sopkit_analysis_options* opts,
                       sopkit_analysis** out) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out);
  sopkit::AnalysisOptions options;
  if (opts) {
    if (opts->version != SOPKIT_ANALYSIS_OPTIONS_VERSION)
      return invalid(
          "opts->version is not SOPKIT_ANALYSIS_OPTIONS_VERSION: call "
          "sopkit_analysis_options_init first");
    options.rework_rounds = opts->rework_rounds;
    options.convention.minutes_per_day = opts->minutes_per_day;
    options.convention.days_per_week = opts->days_per_week;
    options.convention.days_per_month = opts->days_per_month;
    options.lenient = opts->lenient != 0;
  }
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_analysis>();
    handle->sop = sop->sop;
    handle->analysis = sopkit::analyze(sop->sop, options);
    handle->total_text = handle->analysis.total.to_string(options.convention);
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_analysis_total_minutes(const sopkit_analysis* a, double* out_min, double* out_max) {
  SOPKIT_REQUIRE(a);
  if (out_min) *out_min = a->analysis.min_working_minutes;
  if (out_max) *out_max = a->analysis.working_minutes;
  return ok();
}

int sopkit_analysis_total_text(const sopkit_analysis* a, const char** out_text) {
  SOPKIT_REQUIRE(a);
  SOPKIT_REQUIRE(out_text);
  *out_text = a->total_text.c_str();
  return ok();
}

int sopkit_analysis_path_length(const sopkit_analysis* a, size_t* out_count) {
  SOPKIT_REQUIRE(a);
  SOPKIT_REQUIRE(out_count);
  *out_count = a->analysis.happy_path.size();
  return ok();
}

int sopkit_analysis_path_step(const sopkit_analysis* a, size_t index, const char** out_id) {
  SOPKIT_REQUIRE(a);
  SOPKIT_REQUIRE(out_id);
  const auto& path = a->analysis.happy_path;
  if (index >= path.size()) return past_end("happy-path step", index, path.size());
  *out_id = path[index].c_str();
  return ok();
}

int sopkit_analysis_step_timing(const sopkit_analysis* a, size_t index, sopkit_step_timing* out) {
  SOPKIT_REQUIRE(a);
  SOPKIT_REQUIRE(out);
  if (!a->analysis.worst)
    return fail(SOPKIT_ENOTCOMPUTABLE,
                "the critical path could not be computed for this "
                "document; see the analysis JSON's not_computed");
  const auto& steps = a->analysis.worst->steps;
  if (index >= steps.size()) return past_end("step timing", index, steps.size());
  const sopkit::StepTiming& t = steps[index];
  out->id = t.id.c_str();
  out->earliest_start = t.earliest_start;
  out->earliest_finish = t.earliest_finish;
  out->latest_start = t.latest_start;
  out->latest_finish = t.latest_finish;
  out->slack = t.slack;
  out->critical = t.critical ? 1 : 0;
  return ok();
}

int sopkit_analysis_to_json(const sopkit_analysis* a, const char** out_json) {
  SOPKIT_REQUIRE(a);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_analysis*>(a);
    std::call_once(self->json.once, [&] {
      const std::vector<sopkit::Diagnostic> diagnostics = sopkit::validate(a->sop);
      sopkit::ResultJsonOptions framing;
      framing.diagnostics = &diagnostics;
      self->json.text = sopkit::analysis_to_json(a->sop, a->analysis, framing);
    });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

void sopkit_analysis_free(sopkit_analysis* a) {
  sopkit::capi::free_handle(a);
}

int sopkit_sop_schedule(const sopkit_sop* sop, const sopkit_calendar* cal, int64_t start,
                        sopkit_schedule** out) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(cal);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_schedule>(
        sop->sop, cal->calendar, sopkit::schedule(sop->sop, cal->calendar, start));
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_schedule_due(const sopkit_schedule* s, int64_t* out_due) {
  SOPKIT_REQUIRE(s);
  SOPKIT_REQUIRE(out_due);
  *out_due = s->plan.due;
  return ok();
}

int sopkit_schedule_step_count(const sopkit_schedule* s, size_t* out_count) {
  SOPKIT_REQUIRE(s);
  SOPKIT_REQUIRE(out_count);
  *out_count = s->plan.steps.size();
  return ok();
}

int sopkit_schedule_step(const sopkit_schedule* s, size_t index, const char** out_id,
                         int64_t* out_start, int64_t* out_end) {
  SOPKIT_REQUIRE(s);
  if (index >= s->plan.steps.size()) return past_end("planned step", index, s->plan.steps.size());
  const sopkit::PlannedStep& p = s->plan.steps[index];
  if (out_id) *out_id = p.id.c_str();
  if (out_start) *out_start = p.start;
  if (out_end) *out_end = p.end;
  return ok();
}

int sopkit_schedule_to_json(const sopkit_schedule* s, const char** out_json) {
  SOPKIT_REQUIRE(s);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_schedule*>(s);
    std::call_once(self->json.once, [&] {
      self->json.text = sopkit::schedule_to_json(s->sop, s->calendar, s->plan);
    });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

void sopkit_schedule_free(sopkit_schedule* s) {
  sopkit::capi::free_handle(s);
}

}  // extern "C"
