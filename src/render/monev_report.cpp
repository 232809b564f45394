// monev_report.cpp — the quarterly monev report: its figures computed once
// (monev_model.cpp), then written as HTML (monev_html.cpp), report.json
// (monev_json.cpp) and capaian.csv.
#include <string>

#include "io/detail/files.hpp"
#include "render/detail/monev_model.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/report.hpp"

namespace sopkit {

Instant default_monev_start(const Period& period) {
  Date next = parse_date(period.end_date()) + 1;
  return start_of(next) + 7 * 60 + 30;
}

WorkCalendar calendar_for_run(Instant start, const CalendarOptions& options) {
  const int year = std::stoi(format_instant(start).substr(0, 4));
  try {
    return WorkCalendar::indonesia(year, year + 1, options);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::not_found) throw;
    return WorkCalendar::indonesia(year, year, options);
  }
}

MonevReport build_monev_report(const Sop& sop, const IndicatorSet& set,
                               const WorkCalendar& calendar, const MonevOptions& options,
                               const MonevProgress& progress) {
  // Three stages compute the figures, six or seven write the page's sections.
  const std::size_t stages = options.runs ? 10 : 9;
  std::size_t done = 0;
  const detail::MonevStage stage = [&](const char* id, const char* en) {
    if (progress) progress(options.lang == Language::en ? en : id, ++done, stages);
  };
  const detail::MonevModel model = detail::compute_monev_model(sop, set, calendar, options, stage);
  MonevReport report;
  report.html = detail::monev_html(model, stage);
  report.json = detail::monev_json(model);
  report.csv = evaluation_to_csv(set, model.ev);
  return report;
}

void write_monev_report(const MonevReport& report, const std::string& dir) {
  detail::write_folder_atomically(
      dir,
      {{"capaian.csv", &report.csv}, {"report.json", &report.json}, {"report.html", &report.html}});
}

}  // namespace sopkit
