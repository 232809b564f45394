// result_json.hpp — JSON forms of results: an analysis ("sopkit.analysis/2"),
// a planned run ("sopkit.schedule/1") and validation diagnostics. The shapes
// are documented in docs/analysis.md; keys come in document order.
//
// A document of a million steps is 750 MB of text: the writers to a stream
// write as they go instead of building the text first.
//
//   sopkit::Sop sop = sopkit::load_sop_file("examples/sop-monev-capaian-kinerja.json");
//   std::vector<sopkit::Diagnostic> found = sopkit::validate(sop);
//   sopkit::ResultJsonOptions options;
//   options.file = "examples/sop-monev-capaian-kinerja.json";
//   options.diagnostics = &found;
//   options.indent = 2;
//   sopkit::write_analysis_json(std::cout, sop, sopkit::analyze(sop), options);
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sopkit/analysis.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop.hpp"
#include "sopkit/validation.hpp"

namespace sopkit {

// What a caller adds around a result document, and how it is laid out.
struct ResultJsonOptions {
  // Non-empty: a "file" key right after "format" (the file the result came from).
  std::string file;
  // Not null: a "diagnostics" key at the end, as diagnostics_to_json writes them.
  const std::vector<Diagnostic>* diagnostics = nullptr;
  // Spaces per level, as nlohmann's dump(indent) would lay it out; < 0: one line.
  int indent = -1;
};

// The analysis of `sop` (the Sop it was computed from). Every key is always
// present; what could not be computed is null (objects) or [] (lists).
std::string analysis_to_json(const Sop& sop, const Analysis& analysis,
                             const ResultJsonOptions& options = {});
void write_analysis_json(std::ostream& sink, const Sop& sop, const Analysis& analysis,
                         const ResultJsonOptions& options = {});

// A planned run: instants as "2024-04-05T08:00", the calendar's id, and per
// step its actor, standard time, start and end.
std::string schedule_to_json(const Sop& sop, const WorkCalendar& calendar, const Schedule& plan,
                             const ResultJsonOptions& options = {});
void write_schedule_json(std::ostream& sink, const Sop& sop, const WorkCalendar& calendar,
                         const Schedule& plan, const ResultJsonOptions& options = {});

// [{"severity","code","step","pointer","message"}...]; "step" is null for a
// fault of the whole document. `indent` as in ResultJsonOptions.
std::string diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, int indent = -1);

// Minutes as a JSON number: an integer when whole ("14160", not "14160.0").
std::string minutes_to_json(double minutes);

}  // namespace sopkit
