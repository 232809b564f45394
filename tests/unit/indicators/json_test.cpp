// The JSON form "sopkit.indicators/1": unit tree, cycles, round trip, results.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

const char* kDoc = R"({
  "format": "sopkit.indicators/1",
  "source": "Ilustratif",
  "units": [
    {"id": "seksi-kur", "name": "Seksi Kurikulum/Muatan Lokal", "parent": "bid-sd"},
    {"id": "dinas", "name": "Dinas", "parent": null},
    {"id": "bid-sd", "name": "Bidang Pembinaan SD", "parent": "dinas"}
  ],
  "indicators": [
    {"code": "IKU-01", "name": "APK SD", "satuan": "%", "unit": "seksi-kur", "weight": 2,
     "polarity": "positive", "accumulation": "last",
     "values": [{"period": "2024-Q1", "target": 100, "realisation": null},
                {"period": "2024-Q2", "target": 100, "realisation": 0}]},
    {"code": "IKU-02", "name": "APS", "unit": "bid-sd", "polarity": "negative",
     "accumulation": "last", "negative_formula": "ratio",
     "values": [{"period": "2024", "target_low": 7, "target_high": 8, "realisation": 9}]}
  ]
})";

std::string error_at(const std::string& text) {
  try {
    parse_indicators_json(text, "d.json");
  } catch (const Error& e) {
    return e.where();
  }
  return "";
}

TEST(IndicatorsJson, LoadsTheUnitTreeInAnyOrderWithSlashesInNames) {
  const auto s = parse_indicators_json(kDoc, "d.json");
  EXPECT_EQ(s.source, "Ilustratif");
  const Indicator& d = s.indicator(*s.find_indicator("IKU-01"));
  EXPECT_EQ(s.units().name(d.unit), "Seksi Kurikulum/Muatan Lokal");
  EXPECT_EQ(s.units().depth(d.unit), 2u);
  EXPECT_EQ(s.units().id(*s.units().parent(d.unit)), "bid-sd");
  EXPECT_EQ(d.weight, 2.0);
  EXPECT_FALSE(s.cell(0).realisation.has_value());  // null = blank
  EXPECT_EQ(*s.cell(1).realisation, 0.0);
  EXPECT_EQ(s.indicator(1).negative_formula, NegativeFormula::ratio);
}

TEST(IndicatorsJson, EachValueRowsOriginIsItsJsonPointer) {
  const auto s = parse_indicators_json(kDoc, "d.json");
  EXPECT_EQ(s.cell(0).origin, "d.json:/indicators/0/values/0");
  EXPECT_EQ(s.cell(1).origin, "d.json:/indicators/0/values/1");
  EXPECT_EQ(s.cell(2).origin, "d.json:/indicators/1/values/0");
  // And in the message of a repeated period.
  const std::string doc = std::string(kDoc).replace(std::string(kDoc).find("\"2024\""), 6,
                                                    "\"2024\"}, {\"period\": \"2024\"");
  try {
    parse_indicators_json(doc, "d.json");
    ADD_FAILURE() << "a repeated period was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "d.json:/indicators/1/values/1");
    EXPECT_NE(e.message().find("already has a row at d.json:/indicators/1/values/0"),
              std::string::npos)
        << e.message();
  }
}

TEST(IndicatorsJson, RangeWithRatioFormulaEvaluates) {
  // negative, ratio, range 7–8, R = 9 (above): 8/9 × 100 = 88.89
  const auto s = parse_indicators_json(kDoc, "d.json");
  const auto ev = evaluate(s);
  for (const auto& r : ev.indicators)
    if (r.indicator == 1) {
      EXPECT_NEAR(r.achievement.value, 800.0 / 9.0, 1e-9);
    }
}

TEST(IndicatorsJson, RoundTripsThroughItsOwnOutput) {
  const auto a = parse_indicators_json(kDoc, "d.json");
  const auto b = parse_indicators_json(indicators_to_json(a), "again.json");
  ASSERT_EQ(a.cell_count(), b.cell_count());
  EXPECT_EQ(indicators_to_json(a), indicators_to_json(b));
  EXPECT_EQ(b.units().path(b.indicator(0).unit),
            "Dinas/Bidang Pembinaan SD/Seksi Kurikulum/Muatan Lokal");
}

TEST(IndicatorsJson, CsvDataRoundTripsToJson) {
  const auto a = parse_indicators_csv(
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas/Bidang,K1,x,%,positive,sum,1,2024-Q1,5,\n");
  const auto b = parse_indicators_json(indicators_to_json(a));
  EXPECT_EQ(b.units().path(b.indicator(0).unit), "Dinas/Bidang");
  EXPECT_FALSE(b.cell(0).realisation.has_value());
  EXPECT_EQ(b.indicator(0).accumulation, Accumulation::sum);
}

TEST(IndicatorsJsonErrors, UnitCycleIsAnErrorNamingTheUnits) {
  try {
    parse_indicators_json(R"({"format": "sopkit.indicators/1", "units": [
      {"id": "a", "name": "A", "parent": "c"}, {"id": "b", "name": "B", "parent": "a"},
      {"id": "c", "name": "C", "parent": "b"}], "indicators": []})",
                          "d.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_NE(e.message().find("cycle"), std::string::npos);
    EXPECT_NE(e.message().find("'a'"), std::string::npos) << e.what();
    EXPECT_NE(e.message().find("'c'"), std::string::npos) << e.what();
  }
  // A unit that is its own parent.
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": [
      {"id": "a", "name": "A", "parent": "a"}], "indicators": []})"),
            "d.json:/units/0/parent");
}

TEST(IndicatorsJsonErrors, UnknownParentOrUnit) {
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": [
      {"id": "a", "name": "A", "parent": "zz"}], "indicators": []})"),
            "d.json:/units/0/parent");
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": [{"id": "a", "name": "A"}],
      "indicators": [{"code": "K", "unit": "b", "polarity": "positive", "accumulation": "sum"}]})"),
            "d.json:/indicators/0/unit");
}

TEST(IndicatorsJsonErrors, ValuesOfTheWrongTypeOrSign) {
  const std::string head = R"({"format": "sopkit.indicators/1", "units": [{"id": "a", "name": "A"}],
      "indicators": [{"code": "K", "unit": "a", "polarity": "positive", "accumulation": "sum",
      "values": [)";
  EXPECT_EQ(error_at(head + R"({"period": "2024", "target": "90"}]}]})"),
            "d.json:/indicators/0/values/0/target");
  EXPECT_EQ(error_at(head + R"({"period": "2024", "target": -1}]}]})"),
            "d.json:/indicators/0/values/0/target");
  EXPECT_EQ(error_at(head + R"({"period": "2024-Q9", "target": 1}]}]})"),
            "d.json:/indicators/0/values/0/period");
  EXPECT_EQ(error_at(head + R"({"period": "2024", "target": 1}, {"period": "2024"}]}]})"),
            "d.json:/indicators/0/values/1");
  // A number beyond double range fails while parsing: no pointer is known yet.
  EXPECT_EQ(error_at(head + R"({"period": "2024", "target": 1e999}]}]})"), "d.json");
}

TEST(IndicatorsJsonErrors, TheRootAndMissingListsAreNamedByTheirPointer) {
  // The root's pointer is written "/" as every JSON loader writes it.
  EXPECT_EQ(error_at("[]"), "d.json:/");
  EXPECT_EQ(error_at(R"({"units": []})"), "d.json:/");
  // A missing member is named in the message, at the object that lacks it.
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": []})"), "d.json:/");
}

TEST(IndicatorsJsonErrors, EscapedKeysAndRepeatedKeysAreReadAsTheirText) {
  // A key spelled with a JSON escape is the same key: it counts as given.
  const auto s = parse_indicators_json(R"({"format": "sopkit.indicators/1",
      "units": [{"id": "a", "name": "A"}], "indic\u0061tors": [{"code": "K", "unit": "a",
      "polarity": "positive", "accumulation": "sum"}]})",
                                       "d.json");
  EXPECT_EQ(s.indicator_count(), 1u);
  // ... and so repeats the plain spelling.
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": [{"id": "a", "name": "A",
      "n\u0061me": "B"}], "indicators": []})"),
            "d.json:/units/0/name");
}

TEST(IndicatorsJsonErrors, UnknownPolarityAndMalformedJsonWithLineColumn) {
  EXPECT_EQ(error_at(R"({"format": "sopkit.indicators/1", "units": [{"id": "a", "name": "A"}],
      "indicators": [{"code": "K", "unit": "a", "polarity": "up", "accumulation": "sum"}]})"),
            "d.json:/indicators/0/polarity");
  EXPECT_EQ(error_at("{\n  \"format\": \"sopkit.indicators/1\",\n  \"units\": [,]\n}"),
            "d.json:3:13");
  EXPECT_EQ(error_at(R"({"format": "sopkit.sop/1"})"), "d.json:/format");
}

TEST(EvaluationJson, NotComputableIsNullWithReason) {
  const auto s = parse_indicators_json(kDoc, "d.json");
  const auto j = nlohmann::json::parse(evaluation_to_json(s, evaluate(s)));
  EXPECT_EQ(j["format"], "sopkit.evaluation/1");
  const auto& first = j["indicators"][0];  // IKU-01 2024-Q1, realisation blank
  EXPECT_EQ(first["period"], "2024-Q1");
  EXPECT_TRUE(first["achievement"].is_null());
  EXPECT_EQ(first["reason"], "realisation_blank");
  EXPECT_TRUE(first["predicate"].is_null());
  const auto& second = j["indicators"][1];  // 0/100 = 0 %: a number, Sangat Rendah
  EXPECT_EQ(second["achievement"], 0.0);
  EXPECT_EQ(second["predicate"], "Sangat Rendah");
  EXPECT_FALSE(j["units"].empty());
}

// The streaming writer writes what nlohmann's dump writes, pretty and compact,
// including escapes, warnings and empty arrays.
TEST(EvaluationJson, StreamedTextIsWhatTheDomWouldDump) {
  std::string doc = kDoc;
  doc.replace(doc.find("APK SD"), 6, R"(APK \"SD\"\\ \t\u0001 Ş)");  // JSON escapes
  const auto s = parse_indicators_json(doc, "d.json");
  for (const Evaluation& ev : {evaluate(s), Evaluation{}}) {
    const std::string pretty = evaluation_to_json(s, ev);
    const auto dom = nlohmann::ordered_json::parse(pretty);
    EXPECT_EQ(pretty, dom.dump(2));
    EXPECT_EQ(evaluation_to_json(s, ev, -1), dom.dump(-1));
    EXPECT_EQ(evaluation_to_json(s, ev, 4), dom.dump(4));
    std::ostringstream streamed;
    write_evaluation_json(streamed, s, ev);
    EXPECT_EQ(streamed.str(), pretty);
  }
  const Evaluation ev = evaluate(s);
  EXPECT_NE(evaluation_to_json(s, ev).find(R"("APK \"SD\"\\ \t\u0001 Ş")"), std::string::npos);
}

// An indicator file of `indicators` indicators with two quarters each; past
// the first `short_names`, the names run to 900 characters.
std::string quarters_csv(int indicators, int short_names) {
  std::string csv =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";
  for (int i = 0; i < indicators; ++i) {
    const std::string name =
        "Indikator " + std::to_string(i) + std::string(i < short_names ? 0 : 900, 'x');
    const std::string row = "Dinas/Bidang " + std::to_string(i % 7) + ",K" + std::to_string(i) +
                            "," + name + ",%,positive,last,1,";
    csv += row + "2024-Q1,100," + std::to_string(50 + i % 60) + "\n";
    csv += row + "2024-Q2,100," + std::to_string(40 + i % 70) + ".5\n";
  }
  return csv;
}

// A text held in memory past a megabyte makes room ahead (once from its first
// results' size, then by doubling when later results are longer than those
// were) and keeps every byte: it is what the streamed writer writes.
TEST(EvaluationJson, ALargeTextHeldInMemoryIsWhatIsStreamed) {
  // Past the first thousand results the names grow: the first estimate falls
  // short and the text has to grow on.
  const auto s = parse_indicators_csv(quarters_csv(4000, 1000), "large.csv");
  const Evaluation ev = evaluate(s);
  const std::string held = evaluation_to_json(s, ev);
  EXPECT_GT(held.size(), std::size_t{8} << 20);
  std::ostringstream streamed;
  write_evaluation_json(streamed, s, ev);
  EXPECT_TRUE(held == streamed.str());  // not EXPECT_EQ: a mismatch would print megabytes
}

// A text below a megabyte is given no room for a large one: a Seksi's
// evaluation held by a C handle keeps what it needs.
TEST(EvaluationJson, ASmallTextHeldInMemoryHoldsNoRoomForALargeOne) {
  const auto s = parse_indicators_csv(quarters_csv(300, 300), "small.csv");
  const std::string held = evaluation_to_json(s, evaluate(s));
  EXPECT_GT(held.size(), std::size_t{100000});  // past the 256 results an estimate is made from
  EXPECT_LT(held.capacity(), std::size_t{1} << 20);
}

}  // namespace
}  // namespace sopkit
