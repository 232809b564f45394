// handles.hpp — what the opaque C handles hold.
//
// Handles are immutable to callers. Texts a function lends out (JSON forms)
// are made once, on first request, under std::call_once, so that concurrent
// readers of one handle stay safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "handle_tag.hpp"
#include "sopkit/sop.hpp"
#include "sopkit/validation.hpp"

// A lazily made text owned by a handle.
struct sopkit_lazy_text {
  std::once_flag once;
  std::string text;
};

struct sopkit_sop {
  SOPKIT_HANDLE("sk-sop__", "sopkit_sop");
  sopkit::Sop sop;
  sopkit_lazy_text json;
};

struct sopkit_diagnostics {
  SOPKIT_HANDLE("sk-diagn", "sopkit_diagnostics");
  std::vector<sopkit::Diagnostic> items;
  std::size_t errors = 0;
  sopkit_lazy_text json;
};

#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/schedule.hpp"

struct sopkit_analysis {
  SOPKIT_HANDLE("sk-analy", "sopkit_analysis");
  sopkit::Sop sop;  // shares the document's body: cheap
  sopkit::Analysis analysis;
  std::string total_text;
  sopkit_lazy_text json;
};

struct sopkit_calendar {
  SOPKIT_HANDLE("sk-calen", "sopkit_calendar");
  explicit sopkit_calendar(sopkit::WorkCalendar c) : calendar(std::move(c)) {}
  sopkit::WorkCalendar calendar;
};

struct sopkit_schedule {
  SOPKIT_HANDLE("sk-sched", "sopkit_schedule");
  sopkit_schedule(sopkit::Sop s, sopkit::WorkCalendar c, sopkit::Schedule p)
      : sop(std::move(s)), calendar(std::move(c)), plan(std::move(p)) {}
  sopkit::Sop sop;
  sopkit::WorkCalendar calendar;
  sopkit::Schedule plan;
  sopkit_lazy_text json;
};

#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_set.hpp"

struct sopkit_indicators {
  SOPKIT_HANDLE("sk-indic", "sopkit_indicators");
  explicit sopkit_indicators(sopkit::IndicatorSet s)
      : set(std::make_shared<const sopkit::IndicatorSet>(std::move(s))) {}
  // Shared with the evaluations made from it, not copied: a national set is
  // a hundred megabytes.
  std::shared_ptr<const sopkit::IndicatorSet> set;
};

struct sopkit_evaluation {
  SOPKIT_HANDLE("sk-evalu", "sopkit_evaluation");
  std::shared_ptr<const sopkit::IndicatorSet> set;  // the rows refer to its indicators and units
  sopkit::Evaluation evaluation;
  sopkit::EvaluationOptions options;  // what it was evaluated with (its scale colours the HTML)
  // Texts lent out by row_get: each unit's path and each period held.
  std::vector<std::string> unit_paths, period_texts;
  std::vector<sopkit::Period> periods;  // sorted; period_texts[i] is periods[i]'s
  // Where a row's period stands in `periods` (every row's period is there).
  std::size_t period_index(const sopkit::Period& p) const {
    return static_cast<std::size_t>(std::lower_bound(periods.begin(), periods.end(), p) -
                                    periods.begin());
  }
  sopkit_lazy_text json, csv;
  // The text columns asked for (sopkit_evaluation_texts), made once each.
  struct TextColumn {
    std::vector<int32_t> codes;       // per row; -1 where the row has no text
    std::vector<const char*> labels;  // lent out; each lives as long as the handle
  };
  std::mutex columns_mutex;
  std::map<std::string, TextColumn, std::less<>> text_columns;
};

#include "sopkit/monitoring.hpp"
#include "sopkit/runs.hpp"

struct sopkit_runs {
  SOPKIT_HANDLE("sk-runs_", "sopkit_runs");
  explicit sopkit_runs(sopkit::RunLog l)
      : log(std::make_shared<const sopkit::RunLog>(std::move(l))) {}
  std::shared_ptr<const sopkit::RunLog> log;  // shared with the comparisons made from it
  sopkit_lazy_text json;
};

struct sopkit_runs_comparison {
  SOPKIT_HANDLE("sk-compa", "sopkit_runs_comparison");
  sopkit_runs_comparison(std::shared_ptr<const sopkit::RunLog> l, sopkit::RunComparison c)
      : log(std::move(l)), comparison(std::move(c)) {}
  std::shared_ptr<const sopkit::RunLog> log;
  sopkit::RunComparison comparison;
  std::size_t out_of_order_total = 0;
  sopkit_lazy_text json;
};
