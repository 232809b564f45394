// The monev report's figures are computed once (compute_monev_model); the
// HTML and JSON writers only read them, so both show the same numbers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/detail/monev_model.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/sop_json.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

struct Stages {
  std::vector<std::string> seen;
  detail::MonevStage hear() {
    return [this](const char* id, const char*) { seen.emplace_back(id); };
  }
};

TEST(MonevModel, FiguresAreComputedOnceAndBothWritersShowThem) {
  const Sop sop = load_sop_file(test::seed_path());
  const IndicatorSet set =
      load_indicators_file(test::source_path("examples/indicators-disdikbud-2024.csv"));
  MonevOptions options;
  options.period = Period::parse("2024-Q2");
  options.start = default_monev_start(options.period);
  const WorkCalendar calendar = calendar_for_run(options.start, {});

  Stages computing, writing;
  const detail::MonevModel m =
      detail::compute_monev_model(sop, set, calendar, options, computing.hear());
  EXPECT_EQ(computing.seen,
            (std::vector<std::string>{"evaluasi capaian", "tren antar triwulan", "jadwal monev"}));
  const std::string html = detail::monev_html(m, writing.hear());
  EXPECT_EQ(writing.seen.size(), 6u);  // sections only: nothing is evaluated again
  const nlohmann::json j = nlohmann::json::parse(detail::monev_json(m));

  ASSERT_EQ(j["schedule"]["steps"].size(), m.schedule.size());
  EXPECT_NE(html.find(format_instant(m.plan.due)), std::string::npos);
  std::size_t top_units = 0;
  for (const auto& u : m.ev.units) {
    if (set.units().depth(u.unit) > 1) continue;
    const auto& row = j["rollups"][top_units++];
    EXPECT_EQ(row["unit"], set.units().path(u.unit));
    ASSERT_TRUE(u.achievement.computable());
    EXPECT_EQ(row["achievement"].get<double>(), u.achievement.value);
    const std::string shown = detail::ReportWords(Language::id).number(u.achievement.value);
    EXPECT_NE(html.find("<td class=\"num\">" + shown + "</td>"), std::string::npos) << shown;
  }
  EXPECT_EQ(j["rollups"].size(), top_units);
  EXPECT_EQ(j["sop"]["pages"], m.sop_pages);
  EXPECT_FALSE(j.contains("sop_execution"));  // no run log given
}

}  // namespace
}  // namespace sopkit
