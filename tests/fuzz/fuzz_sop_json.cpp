// fuzz_sop_json.cpp — the SOP loader and everything that runs on what it loads.
//
// Promises checked beyond "no crash, no sanitizer report":
//  - loading throws only sopkit::Error (parse_error or format_error);
//  - a loaded document round-trips: sop_to_json then parse_sop_json gives an
//    equal document (sop_json.hpp);
//  - validate() never throws; a lenient analyze() never throws for a document
//    fault (analysis.hpp); a strict one throws only sopkit::Error;
//  - CPM timings hold together: 0 <= ES <= LS, slack >= 0, finishes within
//    the run's duration;
//  - a schedule on a fixed calendar throws only sopkit::Error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz_check.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/schedule.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/validation.hpp"

namespace {

const sopkit::WorkCalendar& calendar() {
  // The ASN week over two years, built in code: no data files in a fuzz run.
  static const sopkit::WorkCalendar cal = [] {
    sopkit::CalendarSpec spec;
    spec.id = "fuzz";
    spec.from = sopkit::make_date(2024, 1, 1);
    spec.to = sopkit::make_date(2025, 12, 31);
    return sopkit::WorkCalendar(spec);
  }();
  return cal;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sopkit::SopDocument doc;
  try {
    doc = sopkit::parse_sop_json(sopkit::fuzz::as_text(data, size), "fuzz.json");
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::parse_error ||
               e.code() == sopkit::ErrorCode::format_error);
    return 0;
  }

  const std::string text = sopkit::sop_to_json(doc);
  try {
    FUZZ_CHECK(sopkit::parse_sop_json(text, "round-trip.json") == doc);
  } catch (const sopkit::Error& e) {
    std::fprintf(stderr, "round trip refused its own output: %s\n%s\n", e.what(), text.c_str());
    FUZZ_CHECK(!"sop_to_json output must load again");
  }

  const sopkit::Sop sop(std::move(doc));
  const auto diagnostics = sopkit::validate(sop);
  (void)sopkit::has_errors(diagnostics);

  sopkit::AnalysisOptions lenient;
  lenient.lenient = true;
  lenient.rework_rounds = 2;
  try {
    (void)sopkit::analyze(sop, lenient);
  } catch (const sopkit::Error& e) {
    std::fprintf(stderr, "lenient analyze threw: %s\n", e.what());
    FUZZ_CHECK(!"lenient analyze must not throw for a document fault");
  }
  try {
    const sopkit::Analysis a = sopkit::analyze(sop);
    (void)a.total.to_string();
    if (a.worst) FUZZ_CHECK(a.worst->steps.size() == a.happy_path.size());
    // CPM: every step starts no later than it may and finishes within the
    // run (a tolerance for sums of fractional minutes, as critical_path's).
    for (const auto* cpm : {a.worst ? &*a.worst : nullptr, a.best ? &*a.best : nullptr}) {
      if (!cpm) continue;
      const double eps = 1e-9 * std::max(1.0, cpm->duration);
      for (const auto& t : cpm->steps)
        FUZZ_CHECK(t.earliest_start >= 0 && t.earliest_start <= t.latest_start + eps &&
                   t.slack >= 0 && t.earliest_finish <= cpm->duration + eps &&
                   t.latest_finish <= cpm->duration + eps);
    }
  } catch (const sopkit::Error&) {
  }
  try {
    const auto plan = sopkit::schedule(sop, calendar(), sopkit::make_instant(2024, 4, 5, 8, 0));
    for (const auto& s : plan.steps) FUZZ_CHECK(s.start <= s.end && s.end <= plan.due);
  } catch (const sopkit::Error&) {
  }
  return 0;
}
