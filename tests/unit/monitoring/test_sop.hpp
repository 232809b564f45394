// test_sop.hpp — a four-step SOP whose runs can be computed by hand on id-2024.
//
//   1 start     15 Menit  actor a   -> 2
//   2 process   2 hari    actor b   -> 3
//   3 decision  1 Jam     actor c   yes -> 4, no -> 2 (rework)
//   4 end       1-3 Hari  actor a
//
// Week of Mon 2024-07-01 (no holidays): Mon-Thu 07:30-16:00, break
// 12:00-13:00 (450 office minutes); Fri 07:30-16:30, break 11:30-13:00.
#pragma once

#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/sop.hpp"

namespace sopkit::test {

inline const WorkCalendar& cal2024() {
  static const WorkCalendar cal = WorkCalendar::indonesia("id-2024");
  return cal;
}

inline Step make_step(std::string id, StepKind kind, std::string actor, std::string time) {
  Step s;
  s.id = std::move(id);
  s.kind = kind;
  s.actor = std::move(actor);
  s.time_text = time;
  if (!time.empty()) s.time = Duration::parse(time);
  return s;
}

inline Sop small_sop(std::string time_of_4 = "1-3 Hari") {
  SopDocument doc;
  doc.number = "T/01";
  doc.title = "Uji";
  doc.organization.agency = "Dinas Uji";
  doc.organization.unit = "Bidang A";
  doc.actors = {{"a", "A", {}}, {"b", "B", {}}, {"c", "C", {}}};
  Step s1 = make_step("1", StepKind::start, "a", "15 Menit");
  s1.next = {"2"};
  Step s2 = make_step("2", StepKind::process, "b", "2 hari");
  s2.next = {"3"};
  Step s3 = make_step("3", StepKind::decision, "c", "1 Jam");
  s3.yes = "4";
  s3.no = "2";
  Step s4 = make_step("4", StepKind::end, "a", time_of_4);
  doc.steps = {s1, s2, s3, s4};
  return Sop(std::move(doc));
}

// One CSV row.
struct Row {
  std::string case_id, step, start, end, actor, branch;
};

inline RunLog log_of(const Sop& sop, const std::vector<Row>& rows) {
  std::string csv = "case,step,start,end,actor,branch\n";
  for (const Row& r : rows)
    csv += r.case_id + "," + r.step + "," + r.start + "," + r.end + "," + r.actor + "," + r.branch +
           "\n";
  return parse_runs_csv(csv, sop, "test.csv");
}

// The on-time run of the header: every step ends at its standard end or before.
inline std::vector<Row> on_time_run(const std::string& case_id = "K1") {
  return {{case_id, "1", "2024-07-01T08:00", "2024-07-01T08:15", "", ""},
          {case_id, "2", "2024-07-01T08:15", "2024-07-03T08:15", "", ""},
          {case_id, "3", "2024-07-03T08:15", "2024-07-03T09:15", "", "yes"},
          {case_id, "4", "2024-07-03T09:15", "2024-07-05T09:15", "", ""}};
}

// Step 2 ends Thu 10:15 instead of Wed 08:15; step 4 uses its full 3 days.
inline std::vector<Row> late_run(const std::string& case_id = "K2") {
  return {{case_id, "1", "2024-07-01T08:00", "2024-07-01T08:15", "", ""},
          {case_id, "2", "2024-07-01T08:15", "2024-07-04T10:15", "", ""},
          {case_id, "3", "2024-07-04T10:15", "2024-07-04T11:15", "", "yes"},
          {case_id, "4", "2024-07-04T11:15", "2024-07-09T11:15", "", ""}};
}

}  // namespace sopkit::test
