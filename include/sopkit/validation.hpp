// validation.hpp — rule checks on an SOP, reported as diagnostics.
//
// validate() never throws for a faulty document: it returns every problem it
// finds, each with a stable code, a severity, the step it concerns, the JSON
// pointer of the offending field and a message a clerk can act on.
//
//   for (const auto& d : sopkit::validate(sop))
//     std::cout << d.code << " step " << d.step << ": " << d.message << '\n';
#pragma once

#include <string>
#include <vector>

#include "sopkit/duration.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

enum class Severity : unsigned char { error, warning };

const char* severity_name(Severity s) noexcept;  // "error" / "warning"

// Stable diagnostic codes (strings in JSON, never renamed):
//   no_start, multiple_starts, no_end, unknown_actor, duplicate_step_id,
//   duplicate_actor_id, unknown_flow_target, decision_branches, flow_from_end,
//   missing_flow, unreachable_step, cannot_reach_end, cycle_without_decision,
//   cycle_through_yes,
//   missing_time, invalid_time, duration_in_output, idle_actor,
//   output_not_used, invalid_probability
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  std::string step;     // step id, "" for document-level findings
  std::string pointer;  // JSON pointer of the field ("/steps/2/output"), "" when none
  std::string message;
  bool operator==(const Diagnostic& o) const {
    return severity == o.severity && code == o.code && step == o.step && pointer == o.pointer &&
           message == o.message;
  }
};

// Every finding, errors first then warnings, each group in document order.
std::vector<Diagnostic> validate(const Sop& sop);

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept;

// Throws Error{validation_failed} with the first error's message (and the count
// of others) when `diagnostics` hold an error; operations that need a sound
// graph (CPM, schedules) call it first.
void require_valid(const std::vector<Diagnostic>& diagnostics);

}  // namespace sopkit
