// result_json.cpp — the public JSON forms of results (sopkit/result_json.hpp),
// written by the streaming writers of analysis_json.cpp.
#include "sopkit/result_json.hpp"

#include "io/detail/analysis_json.hpp"
#include "io/detail/json_values.hpp"

namespace sopkit {
namespace {

// The top-level keys the caller adds: "file" (placed after "format") and the
// diagnostics (placed at the end).
nlohmann::ordered_json framing(const ResultJsonOptions& options) {
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();
  if (!options.file.empty()) extra["file"] = options.file;
  if (options.diagnostics) extra["diagnostics"] = detail::diagnostics_json(*options.diagnostics);
  return extra;
}

}  // namespace

std::string analysis_to_json(const Sop& sop, const Analysis& analysis,
                             const ResultJsonOptions& options) {
  return detail::analysis_json_text(sop, analysis, framing(options), options.indent);
}

void write_analysis_json(std::ostream& sink, const Sop& sop, const Analysis& analysis,
                         const ResultJsonOptions& options) {
  detail::write_analysis_json(sink, sop, analysis, framing(options), options.indent);
}

std::string schedule_to_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan,
                             const ResultJsonOptions& options) {
  return detail::schedule_json_text(sop, calendar, plan, framing(options), options.indent);
}

void write_schedule_json(std::ostream& sink, const Sop& sop, const WorkCalendar& calendar,
                         const Schedule& plan, const ResultJsonOptions& options) {
  detail::write_schedule_json(sink, sop, calendar, plan, framing(options), options.indent);
}

std::string diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, int indent) {
  return detail::diagnostics_json(diagnostics).dump(indent);
}

std::string minutes_to_json(double minutes) {
  return detail::minutes_json(minutes).dump();
}

}  // namespace sopkit
