// fuzz_runs.cpp — the run-log loaders (event-log CSV, "sopkit.runs/1" JSON) and
// the comparison with the mutu baku on what loads.
//
// The first input byte picks the loader (even: CSV, odd: JSON); the rest is
// the text, read against a small SOP with a rework loop (1 → 2 → 3?, no → 2,
// yes → 4) on the ASN week of 2023-2026. Promises checked: loading throws only
// parse_error or format_error (runs.hpp); a loaded log's JSON form loads again
// with the same runs and events; compare_runs throws only sopkit::Error, and
// what it returns is consistent (one result per event and per run, on-time
// counts within the judged ones, percentages within 0..100).
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/sop_json.hpp"

namespace {

const sopkit::Sop& sop() {
  static const sopkit::Sop s = sopkit::Sop(sopkit::parse_sop_json(R"({
    "format": "sopkit.sop/1", "number": "F-1", "title": "fuzz",
    "organization": {"government": "G", "agency": "Dinas", "unit": "Seksi"},
    "actors": [{"id": "staf", "name": "Staf"}, {"id": "kasi", "name": "Kasi"}],
    "steps": [
      {"id": "1", "kind": "start", "actor": "staf", "activity": "mulai", "time": "15 Menit", "next": "2"},
      {"id": "2", "kind": "process", "actor": "staf", "activity": "susun", "time": "1-3 Hari", "next": "3"},
      {"id": "3", "kind": "decision", "actor": "kasi", "activity": "periksa", "time": "2 Jam",
       "yes": "4", "no": "2"},
      {"id": "4", "kind": "end", "actor": "kasi", "activity": "selesai", "time": "30 Menit"}
    ]})",
                                                                  "fuzz-sop.json"));
  return s;
}

const sopkit::WorkCalendar& calendar() {
  static const sopkit::WorkCalendar c = [] {
    sopkit::CalendarSpec spec;
    spec.id = "asn-2023-2026";
    spec.from = sopkit::make_date(2023, 1, 1);
    spec.to = sopkit::make_date(2026, 12, 31);
    return sopkit::WorkCalendar(spec);
  }();
  return c;
}

bool percent_ok(const std::optional<double>& p) {
  return !p || (*p >= 0.0 && *p <= 100.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool json = data[0] & 1;
  const std::string_view text = sopkit::fuzz::as_text(data + 1, size - 1);
  std::optional<sopkit::RunLog> log;
  try {
    log.emplace(json ? sopkit::parse_runs_json(text, sop(), "fuzz.json")
                     : sopkit::parse_runs_csv(text, sop(), "fuzz.csv"));
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::parse_error ||
               e.code() == sopkit::ErrorCode::format_error);
    return 0;
  }

  const std::string again_text = sopkit::runs_to_json(*log);
  try {
    const sopkit::RunLog again = sopkit::parse_runs_json(again_text, sop(), "round-trip.json");
    FUZZ_CHECK(again.runs().size() == log->runs().size());
    FUZZ_CHECK(again.events().size() == log->events().size());
  } catch (const sopkit::Error& e) {
    std::fprintf(stderr, "round trip refused its own output: %s\n%s\n", e.what(),
                 again_text.c_str());
    FUZZ_CHECK(!"runs_to_json output must load again");
  }

  try {
    const sopkit::RunComparison c = sopkit::compare_runs(*log, calendar());
    FUZZ_CHECK(c.executions.size() == log->events().size());
    FUZZ_CHECK(c.runs.size() == log->runs().size());
    FUZZ_CHECK(c.steps_on_time <= c.steps_judged);
    FUZZ_CHECK(c.runs_on_time <= c.runs_complete);
    FUZZ_CHECK(percent_ok(c.steps_on_time_percent) && percent_ok(c.runs_on_time_percent));
    for (const auto& a : c.actors)
      FUZZ_CHECK(a.on_time <= a.judged && percent_ok(a.on_time_percent));
    (void)sopkit::comparison_to_json(*log, c);
    (void)sopkit::compliance_indicators({&c});
  } catch (const sopkit::Error&) {
  }
  return 0;
}
