// analysis_json.hpp — nlohmann::json forms of an Analysis ("sopkit.analysis/2")
// and a Schedule ("sopkit.schedule/1"), shared by the CLI and the C ABI. Private: nlohmann stays
// out of public headers. The shape is documented in docs/analysis.md.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "sopkit/analysis.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop.hpp"

namespace sopkit::detail {

// Minutes as JSON numbers: integers when whole (14160, not 14160.0).
nlohmann::ordered_json minutes_json(double minutes);

// The analysis of `sop` (the Sop it was computed from) as JSON text, laid out
// as nlohmann's dump(indent) would (indent < 0: compact), keys in document
// order (docs/analysis.md), with the top-level keys of `extra` added (the
// CLI's "file" after "format", the diagnostics at the end). Every key is
// always present; what could not be computed is null (objects) or [] (lists).
// Written as it goes: a document of a million steps costs more to build than
// the analysis itself.
std::string analysis_json_text(
    const Sop& sop, const Analysis& analysis,
    const nlohmann::ordered_json& extra = nlohmann::ordered_json::object(), int indent = -1);

// The same text written to `sink` as it goes (a million steps make 750 MB).
void write_analysis_json(std::ostream& sink, const Sop& sop, const Analysis& analysis,
                         const nlohmann::ordered_json& extra, int indent);

// The same as a document (for callers that read it back).
nlohmann::json analysis_json(const Sop& sop, const Analysis& analysis);

// A planned run ("sopkit.schedule/1"): instants as "2024-04-05T08:00", the
// calendar's id, and per step its actor, standard time, start and end.
// Written as the analysis is: text, to a stream, or read back as a document.
std::string schedule_json_text(
    const Sop& sop, const WorkCalendar& calendar, const Schedule& plan,
    const nlohmann::ordered_json& extra = nlohmann::ordered_json::object(), int indent = -1);
void write_schedule_json(std::ostream& sink, const Sop& sop, const WorkCalendar& calendar,
                         const Schedule& plan, const nlohmann::ordered_json& extra, int indent);
nlohmann::json schedule_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan);

}  // namespace sopkit::detail
