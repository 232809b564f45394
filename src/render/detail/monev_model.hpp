// monev_model.hpp — what the quarterly monev report shows, computed once from
// its inputs; the HTML writer (monev_html.cpp) and the JSON writer
// (monev_json.cpp) only read it. Private to the library.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/indicator_eval.hpp"
#include "sopkit/monitoring.hpp"
#include "sopkit/report.hpp"
#include "sopkit/schedule.hpp"

namespace sopkit::detail {

// A stage of the work, for the progress callback: its words in Indonesian and
// in English.
using MonevStage = std::function<void(const char* id, const char* en)>;

// The words and numbers of the report's language.
class ReportWords {
 public:
  explicit ReportWords(Language lang) : en_(lang == Language::en) {}
  const char* t(const char* id, const char* en) const { return en_ ? en : id; }
  bool en() const { return en_; }
  // 104.85 -> "104,9" (id) / "104.9" (en), thousands grouped; blank as a dash.
  std::string number(std::optional<double> v, int decimals = 1) const;
  // "Triwulan II 2024" / "Quarter 2, 2024"; "Tahun 2024" / "Year 2024".
  std::string period_name(const Period& p) const;

 private:
  bool en_;
};

// A step of the monev run as the schedule table shows it.
struct MonevScheduleRow {
  std::string id, activity, actor;
  Instant start = 0, end = 0;
};

// Achievement of a top unit in each quarter of the report's year.
struct MonevTrend {
  std::string unit;
  std::vector<std::optional<double>> quarters;  // Q1..Q4
};

// The SOP's actual runs against the mutu baku, and compliance as indicators.
struct MonevRuns {
  const RunLog& log;
  RunComparison comparison;
  IndicatorSet compliance_set;
  std::vector<IndicatorResult> compliance;  // the report's quarter and year
};

struct MonevModel {
  MonevModel(const Sop& s, const IndicatorSet& indicators, const WorkCalendar& c,
             const MonevOptions& o)
      : sop(s), set(indicators), calendar(c), options(o), evaluation(o.evaluation) {}

  const Sop& sop;
  const IndicatorSet& set;
  const WorkCalendar& calendar;
  const MonevOptions& options;
  EvaluationOptions evaluation;        // options.evaluation for the report's period
  Evaluation ev;                       // the period
  Evaluation all;                      // every period, for the trend
  Schedule plan;                       // the monev run on the calendar
  const RatingScale* scale = nullptr;  // in force at the period's end; null when none is
  std::string agency;
  std::string period_name;
  std::vector<MonevScheduleRow> schedule;
  std::vector<Holiday> holidays;  // on the calendar between the run's start and due date
  std::vector<MonevTrend> trend;
  std::optional<MonevRuns> runs;
  std::size_t sop_pages = 0;
};

// Every figure of the report; `stage` hears of each stage as it starts.
MonevModel compute_monev_model(const Sop& sop, const IndicatorSet& set,
                               const WorkCalendar& calendar, const MonevOptions& options,
                               const MonevStage& stage);

// The report's HTML page; `stage` hears of each section as it is written.
std::string monev_html(const MonevModel& m, const MonevStage& stage);
// report.json.
std::string monev_json(const MonevModel& m);

}  // namespace sopkit::detail
