// runs.hpp — actual runs of an SOP: when each step really started and ended,
// who did it, which decision branch was taken, and the PermenPAN-RB 35/2012
// monitoring and evaluation forms recorded with the run.
//
// A RunLog belongs to one Sop: every event names one of its steps. Loaders
// (event-log CSV `case,step,start,end[,actor,branch]` or the JSON form
// "sopkit.runs/1") are all-or-nothing; docs/monitoring.md has the formats.
//
//   sopkit::Sop sop = sopkit::load_sop_file("examples/sop-monev-capaian-kinerja.json");
//   sopkit::RunLog log = sopkit::load_runs_file("examples/runs-monev-capaian-kinerja.csv", sop);
//   log.runs().size();     // cases in the log
//   log.events()[0].start; // events sorted by run, then start
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/sop.hpp"

namespace sopkit {

// The decision branch an execution took; none for a step that is no decision
// or when the log does not say.
enum class Branch : unsigned char { none, yes, no };
const char* branch_name(Branch b) noexcept;  // "", "yes", "no"

// One execution of one step in one run.
struct StepEvent {
  std::uint32_t run = 0;           // index into RunLog::runs()
  std::uint32_t step = 0;          // index into the Sop's steps
  std::uint32_t actor = kNoIndex;  // index into RunLog::actors(); kNoIndex: the step's actor
  Branch branch = Branch::none;
  Instant start = 0;
  Instant end = 0;
  std::uint32_t origin = 0;  // CSV line, or the event's index in its JSON run
};

// The 7 criteria of the "Formulir Evaluasi Penerapan SOP AP" (PermenPAN-RB
// 35/2012), each answered Ya/Tidak.
inline constexpr std::size_t kEvaluationCriteria = 7;
// The criterion's key in the JSON form ("mendorong_kinerja") and its text.
const char* evaluation_criterion_key(std::size_t i) noexcept;
const char* evaluation_criterion_text(std::size_t i) noexcept;

// One row of the "Formulir Monitoring Pelaksanaan SOP AP" as the officer
// wrote it: for one procedure (step), whether it ran well, what must be done
// (tindakan) and the officer's note (catatan).
struct Observation {
  std::string step;          // Step::id
  std::optional<bool> good;  // berjalan dengan baik (true) / tidak (false); nullopt: not judged
  std::string action;        // yang harus dilakukan / tindakan
  std::string note;          // catatan petugas
};

// One case (one run of the SOP) and what was recorded with it.
struct RunRecord {
  std::string case_id;
  std::string observer;                   // petugas monitoring, may be empty
  std::vector<Observation> observations;  // recorded monitoring rows
  std::array<std::optional<bool>, kEvaluationCriteria> evaluation{};  // Ya/Tidak, nullopt: blank
  std::size_t first_event = 0;  // its events: [first_event, first_event + event_count)
  std::size_t event_count = 0;
};

// The executions of one SOP. Events are sorted by run, then start, then
// document order of the step; each run's events are contiguous.
class RunLog {
 public:
  explicit RunLog(Sop sop);

  const Sop& sop() const noexcept { return sop_; }
  const std::vector<RunRecord>& runs() const noexcept { return runs_; }
  const std::vector<StepEvent>& events() const noexcept { return events_; }
  // Actor names as the log gives them (a Sop actor id or a person's name).
  const std::vector<std::string>& actors() const noexcept { return actors_; }
  // The actor name of an event: the logged one, else the step's actor id.
  const std::string& actor_of(const StepEvent& e) const;

  // ---- Building (the loaders use these) -----------------------------------
  // The run with that case id, added when new.
  std::uint32_t find_or_add_run(std::string_view case_id);
  RunRecord& run(std::uint32_t index) { return runs_.at(index); }
  std::uint32_t find_or_add_actor(std::string_view name);
  // Room for n events (a loader that knows how many rows are coming).
  void reserve_events(std::size_t n) { events_.reserve(n); }
  // Appends an event. Throws Error{invalid_argument} for an unknown run or
  // step index, an end before the start, or a branch on a non-decision step.
  void add_event(const StepEvent& e);
  // Sorts the events and sets each run's range. Returns the positions (in
  // events()) of two identical events (same run, step, start and end) when
  // there are any, so that a loader can name both of their origins.
  std::optional<std::pair<std::size_t, std::size_t>> finish();

 private:
  Sop sop_;
  std::vector<RunRecord> runs_;
  std::vector<StepEvent> events_;
  std::vector<std::string> actors_;
  struct Index;
  std::shared_ptr<Index> index_;  // case id and actor lookups while building
  void own_index();               // copy-on-write of index_
};

// Parses an event log: header `case,step,start,end` plus optional `actor`,
// `branch` (any order, RFC 4180 quoting, UTF-8 with or without BOM, ',' or
// ';'). Instants are "YYYY-MM-DDTHH:MM" (or with a space). Throws
// Error{parse_error | format_error} at "source:line:column" for: an empty file
// or missing column, a cell that is not UTF-8, an unknown step, a bad instant,
// an end before the start, a branch other than yes/no (ya/tidak) or one on a
// step that is no decision, and a duplicated row (naming both lines).
RunLog parse_runs_csv(std::string_view text, const Sop& sop, const std::string& source = "<text>");
// Parses "sopkit.runs/1": {"format", "runs": [{"case", "observer"?, "events":
// [{"step","start","end","actor"?,"branch"?}], "monitoring"?: [{"step",
// "good"?, "action"?, "note"?}], "evaluation"?: {"<criterion key>": true|false|null}}]}.
// Errors as above, located by JSON pointer.
RunLog parse_runs_json(std::string_view text, const Sop& sop, const std::string& source = "<text>");
// Reads a file: JSON when its name ends in ".json", else CSV. Error{io_error}.
RunLog load_runs_file(const std::string& path, const Sop& sop);
// The JSON form of a log (round-trips through parse_runs_json).
std::string runs_to_json(const RunLog& log, int indent = 2);

}  // namespace sopkit
