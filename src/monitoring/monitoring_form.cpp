// monitoring_form.cpp — the PermenPAN-RB 35/2012 forms: "Formulir Monitoring
// Pelaksanaan SOP AP" (per procedure: berjalan dengan baik / tidak, tindakan,
// catatan) and "Formulir Evaluasi Penerapan SOP AP" (7 criteria, Ya/Tidak).
//
// A row is derived from the measurements unless the officer recorded one:
// the recorded judgement wins and is marked as recorded, so nothing the
// officer wrote is silently changed and nothing measured is hidden (the
// derived reason stays beside it).
#include <string>

#include "monitoring/detail/conformance.hpp"

namespace sopkit {

std::string derived_reason(const MonitoringRow& row) {
  if (row.executions == 0) return "tidak dilaksanakan";
  if (row.late == 0 && row.out_of_order == 0)
    return "sesuai mutu baku (" + std::to_string(row.executions) + "x)";
  std::string s = std::to_string(row.late) + " dari " + std::to_string(row.executions) +
                  " pelaksanaan terlambat";
  if (row.out_of_order > 0) s += ", " + std::to_string(row.out_of_order) + " tidak berurutan";
  return s;
}

}  // namespace sopkit

namespace sopkit::detail {

namespace {

struct Tally {
  std::size_t executions = 0, late = 0, out_of_order = 0;
};

MonitoringRow derived_row(const std::string& step, const Tally& t) {
  MonitoringRow row;
  row.step = step;
  row.good = t.executions > 0 && t.late == 0 && t.out_of_order == 0;
  row.executions = t.executions;
  row.late = t.late;
  row.out_of_order = t.out_of_order;
  return row;
}

void apply(MonitoringRow& row, const Observation& o) {
  row.action = o.action;
  row.note = o.note;
  if (o.good) {
    row.good = *o.good;
    row.recorded = true;
  }
}

std::vector<MonitoringRow> rows_of(const Sop& sop, const HappyGraph& graph,
                                   const std::vector<Tally>& tally) {
  std::vector<MonitoringRow> rows;
  rows.reserve(graph.order.size());
  for (const std::uint32_t s : graph.order) rows.push_back(derived_row(sop.step(s).id, tally[s]));
  return rows;
}

void apply_all(std::vector<MonitoringRow>& rows, const RunRecord& record) {
  for (const Observation& o : record.observations)
    for (MonitoringRow& row : rows)
      if (row.step == o.step) apply(row, o);
}

void count(Tally& t, const ExecutionResult& x) {
  ++t.executions;
  if (x.verdict == Verdict::late) ++t.late;
  if (x.out_of_order) ++t.out_of_order;
}

}  // namespace

void fill_monitoring_form(const RunLog& log, const HappyGraph& graph, const RunRecord& record,
                          const ExecutionResult* exec, RunResult& result) {
  const Sop& sop = log.sop();
  std::vector<Tally> tally(sop.step_count());
  const StepEvent* ev = log.events().data() + result.first_event;
  for (std::size_t k = 0; k < result.event_count; ++k) count(tally[ev[k].step], exec[k]);
  result.monitoring = rows_of(sop, graph, tally);
  apply_all(result.monitoring, record);

  EvaluationScore& score = result.evaluation;
  for (const auto& answer : record.evaluation) {
    if (!answer) continue;
    ++score.answered;
    if (*answer) ++score.yes;
  }
  if (score.answered == kEvaluationCriteria)
    score.percent = 100.0 * static_cast<double>(score.yes) / kEvaluationCriteria;
}

std::vector<MonitoringRow> overall_monitoring(const RunLog& log, const HappyGraph& graph,
                                              const std::vector<ExecutionResult>& exec) {
  const Sop& sop = log.sop();
  std::vector<Tally> tally(sop.step_count());
  for (std::size_t i = 0; i < exec.size(); ++i) count(tally[log.events()[i].step], exec[i]);
  std::vector<MonitoringRow> rows = rows_of(sop, graph, tally);
  for (const RunRecord& r : log.runs()) apply_all(rows, r);  // later runs override earlier
  return rows;
}

}  // namespace sopkit::detail
