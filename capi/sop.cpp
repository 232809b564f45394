// sop.cpp — C ABI for SOP documents, standard times and validation.
#include <memory>

#include "guard.hpp"
#include "handles.hpp"
#include "sopkit/result_json.hpp"
#include "sopkit/sop_diff.hpp"
#include "sopkit/sop_json.hpp"

using sopkit::capi::guard;
using sopkit::capi::invalid;

namespace {

const sopkit::Step* step_at(const sopkit_sop* sop, std::size_t index) {
  if (index >= sop->sop.step_count()) return nullptr;
  return &sop->sop.document().steps[index];
}

int bad_index(std::size_t index, const sopkit_sop* sop) {
  return sopkit::capi::fail(SOPKIT_EINVAL, "step index " + std::to_string(index) +
                                               " is past the last step (" +
                                               std::to_string(sop->sop.step_count()) + " steps)");
}

}  // namespace

extern "C" {

int sopkit_sop_load_file(sopkit_sop** out, const char* path) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_sop>();
    handle->sop = sopkit::load_sop_file(path);
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_sop_load_json(sopkit_sop** out, const char* json, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(json);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_sop>();
    handle->sop = sopkit::Sop(sopkit::parse_sop_json(std::string_view(json, len), "<json>"));
    *out = handle.release();
    return SOPKIT_OK;
  });
}

void sopkit_sop_free(sopkit_sop* sop) {
  sopkit::capi::free_handle(sop);
}

int sopkit_sop_save_file(const sopkit_sop* sop, const char* path) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(path);
  return guard([&]() -> int {
    sopkit::save_sop_file(sop->sop.document(), path);
    return SOPKIT_OK;
  });
}

int sopkit_sop_to_json(const sopkit_sop* sop, const char** out_json) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_sop*>(sop);
    std::call_once(self->json.once,
                   [&] { self->json.text = sopkit::sop_to_json(sop->sop.document()); });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

int sopkit_sop_diff_json(const sopkit_sop* before, const sopkit_sop* after, char** out_json) {
  SOPKIT_REQUIRE(before);
  SOPKIT_REQUIRE(after);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    *out_json = sopkit::capi::copy_text(
        sopkit::sop_diff_to_json(sopkit::diff_sops(before->sop.document(), after->sop.document())));
    return SOPKIT_OK;
  });
}

int sopkit_sop_step_count(const sopkit_sop* sop, size_t* out_count) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out_count);
  *out_count = sop->sop.step_count();
  return sopkit::capi::ok();
}

int sopkit_sop_actor_count(const sopkit_sop* sop, size_t* out_count) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out_count);
  *out_count = sop->sop.document().actors.size();
  return sopkit::capi::ok();
}

int sopkit_sop_step_text(const sopkit_sop* sop, size_t index, sopkit_step_field field,
                         const char** out) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out);
  const sopkit::Step* s = step_at(sop, index);
  if (!s) return bad_index(index, sop);
  const std::string* text = nullptr;
  switch (field) {
    case SOPKIT_STEP_ID:
      text = &s->id;
      break;
    case SOPKIT_STEP_ACTIVITY:
      text = &s->activity;
      break;
    case SOPKIT_STEP_ACTOR:
      text = &s->actor;
      break;
    case SOPKIT_STEP_TIME:
      text = &s->time_text;
      break;
    case SOPKIT_STEP_OUTPUT:
      text = &s->output;
      break;
    case SOPKIT_STEP_NOTE:
      text = &s->note;
      break;
    default:
      return invalid("unknown sopkit_step_field value");
  }
  *out = text->c_str();
  return sopkit::capi::ok();
}

int sopkit_sop_step_kind(const sopkit_sop* sop, size_t index, sopkit_step_kind* out) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out);
  const sopkit::Step* s = step_at(sop, index);
  if (!s) return bad_index(index, sop);
  switch (s->kind) {
    case sopkit::StepKind::start:
      *out = SOPKIT_STEP_START;
      break;
    case sopkit::StepKind::end:
      *out = SOPKIT_STEP_END;
      break;
    case sopkit::StepKind::process:
      *out = SOPKIT_STEP_PROCESS;
      break;
    case sopkit::StepKind::decision:
      *out = SOPKIT_STEP_DECISION;
      break;
  }
  return sopkit::capi::ok();
}

int sopkit_sop_step_minutes(const sopkit_sop* sop, size_t index, double* out_min, double* out_max) {
  SOPKIT_REQUIRE(sop);
  const sopkit::Step* s = step_at(sop, index);
  if (!s) return bad_index(index, sop);
  return guard([&]() -> int {
    if (!s->time) {
      std::string why;
      if (s->time_text.empty()) {
        why = "has no standard time";
      } else {
        sopkit::Duration::try_parse(s->time_text, &why);
      }
      return sopkit::capi::fail(SOPKIT_ENOTCOMPUTABLE, "step " + s->id + ": " + why);
    }
    if (out_min) *out_min = s->time->min_minutes();
    if (out_max) *out_max = s->time->max_minutes();
    return SOPKIT_OK;
  });
}

int sopkit_duration_parse(const char* text, double* out_min_minutes, double* out_max_minutes) {
  SOPKIT_REQUIRE(text);
  return guard([&]() -> int {
    sopkit::Duration d = sopkit::Duration::parse(text);
    if (out_min_minutes) *out_min_minutes = d.min_minutes();
    if (out_max_minutes) *out_max_minutes = d.max_minutes();
    return SOPKIT_OK;
  });
}

int sopkit_sop_validate(const sopkit_sop* sop, sopkit_diagnostics** out) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_diagnostics>();
    handle->items = sopkit::validate(sop->sop);
    for (const auto& d : handle->items)
      if (d.severity == sopkit::Severity::error) ++handle->errors;
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_diagnostics_count(const sopkit_diagnostics* d, size_t* out_count, size_t* out_errors) {
  SOPKIT_REQUIRE(d);
  if (!out_count && !out_errors) return invalid("out_count and out_errors are both NULL");
  if (out_count) *out_count = d->items.size();
  if (out_errors) *out_errors = d->errors;
  return sopkit::capi::ok();
}

int sopkit_diagnostics_get(const sopkit_diagnostics* d, size_t index, sopkit_diagnostic* out) {
  SOPKIT_REQUIRE(d);
  SOPKIT_REQUIRE(out);
  if (index >= d->items.size())
    return sopkit::capi::fail(SOPKIT_EINVAL, "diagnostic index " + std::to_string(index) +
                                                 " is past the last (" +
                                                 std::to_string(d->items.size()) + ")");
  const sopkit::Diagnostic& x = d->items[index];
  out->severity =
      x.severity == sopkit::Severity::error ? SOPKIT_SEVERITY_ERROR : SOPKIT_SEVERITY_WARNING;
  out->code = x.code.c_str();
  out->step = x.step.c_str();
  out->pointer = x.pointer.c_str();
  out->message = x.message.c_str();
  return sopkit::capi::ok();
}

int sopkit_diagnostics_to_json(const sopkit_diagnostics* d, const char** out_json) {
  SOPKIT_REQUIRE(d);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_diagnostics*>(d);
    std::call_once(self->json.once,
                   [&] { self->json.text = sopkit::diagnostics_to_json(d->items); });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

void sopkit_diagnostics_free(sopkit_diagnostics* d) {
  sopkit::capi::free_handle(d);
}

}  // extern "C"
