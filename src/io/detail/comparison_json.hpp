// comparison_json.hpp — the run comparison's JSON form without its per-run
// part, for reports that show only the summary (the monev report's
// report.json): building and re-reading every run there made the report
// grow faster than the log. Private.
#pragma once

#include <string>

#include "sopkit/monitoring.hpp"

namespace sopkit::detail {

// The members of comparison_to_json but "runs", as one-line JSON text.
std::string comparison_overview_to_json(const RunComparison& c);

}  // namespace sopkit::detail
