// The illustrative Disdikbud Balangan 2024 data set in examples/.
#include <gtest/gtest.h>

#include <cmath>

#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

const IndicatorSet& example() {
  static const IndicatorSet s = load_indicators_file(std::string(SOPKIT_SOURCE_DIR) +
                                                     "/examples/indicators-disdikbud-2024.csv");
  return s;
}

const IndicatorResult& find(const Evaluation& ev, const char* code, const char* period) {
  const auto ind = *example().find_indicator(code);
  for (const auto& r : ev.indicators)
    if (r.indicator == ind && r.period == Period::parse(period)) return r;
  throw std::runtime_error("missing result");
}

TEST(ExampleData, IsLabelledIllustrative) {
  EXPECT_NE(example().source.find("Ilustratif"), std::string::npos);
  for (std::size_t i = 0; i < example().indicator_count(); ++i)
    EXPECT_NE(example().indicator(i).source.find("bukan data resmi"), std::string::npos);
}

TEST(ExampleData, UnitTreeIsDinasBidangSeksi) {
  const UnitTree& t = example().units();
  const auto dinas = t.find_path("Dinas Pendidikan dan Kebudayaan Kabupaten Balangan");
  ASSERT_TRUE(dinas);
  for (const char* bidang :
       {"Bidang Pembinaan SD", "Bidang Pembinaan SMP", "Bidang Kebudayaan", "Sekretariat"}) {
    const auto b =
        t.find_path("Dinas Pendidikan dan Kebudayaan Kabupaten Balangan/" + std::string(bidang));
    ASSERT_TRUE(b) << bidang;
    EXPECT_FALSE(t.children(*b).empty()) << bidang;
  }
}

TEST(ExampleData, HandComputedAchievements) {
  const Evaluation ev = evaluate(example());
  // APK SD Q1: 104.1 / 106 × 100 = 98.2075…
  EXPECT_NEAR(find(ev, "IKU-01", "2024-Q1").achievement.value, 104.1 / 106 * 100, 1e-9);
  // APK SD 2024, realisation from Q4 (last): 106.2 / 106 = 100.19 %
  EXPECT_EQ(*find(ev, "IKU-01", "2024").realisation, 106.2);
  // Renstra 2021–2026 end target 107, latest year 106.2 → 99.25 %
  EXPECT_NEAR(find(ev, "IKU-01", "2021-2026").achievement.value, 106.2 / 107 * 100, 1e-9);
  // Dropout SD (negative) Q1: (0.4 − 0.25)/0.2 = 75 % → Sedang
  EXPECT_NEAR(find(ev, "IKU-05", "2024-Q1").achievement.value, 75.0, 1e-9);
  EXPECT_EQ(find(ev, "IKU-05", "2024-Q1").predicate, "Sedang");
  // Pupil-teacher ratio, range 15–20, R = 22: (40 − 22)/20 = 90 % → Tinggi
  EXPECT_NEAR(find(ev, "IKK-09", "2024-Q1").achievement.value, 90.0, 1e-9);
  // Cagar budaya (sum): annual target from quarters 5+10+10+5 = 30, R 31 → 103.33 %
  EXPECT_NEAR(find(ev, "IKK-11", "2024").achievement.value, 3100.0 / 30.0, 1e-9);
  // Bullying cases target 0 → not computable
  EXPECT_EQ(find(ev, "IKK-15", "2024-Q1").achievement.reason, Reason::target_zero);
  // Accreditation SD Q2: absorption 148.5M / 450M = 33 %; physical 41 − 50 = −9 → yellow
  EXPECT_NEAR(*find(ev, "IKK-07", "2024-Q2").absorption, 33.0, 1e-9);
  EXPECT_EQ(find(ev, "IKK-07", "2024-Q2").physical_light, Light::yellow);
}

TEST(ExampleData, SomeIndicatorsOnlyHaveTheFirstHalfAndWarnEarly) {
  EvaluationOptions o;
  o.period = Period::parse("2024-Q2");
  const Evaluation ev = evaluate(example(), o);
  bool warned_k10 = false;
  for (const auto& w : ev.warnings)
    if (example().indicator(w.indicator).code == "IKK-10") warned_k10 = w.warn;
  EXPECT_TRUE(warned_k10);  // 0 then 1 of 4 documents: trend 3 → 75 %
}

TEST(ExampleData, JsonFormCarriesTheSameDataAsTheCsv) {
  const IndicatorSet json = load_indicators_file(std::string(SOPKIT_SOURCE_DIR) +
                                                 "/examples/indicators-disdikbud-2024.json");
  EXPECT_EQ(json.source, example().source);
  EXPECT_EQ(evaluation_to_csv(json, evaluate(json)),
            evaluation_to_csv(example(), evaluate(example())));
}

}  // namespace
}  // namespace sopkit
