// Rating scales as data: band edges, effective dates, JSON, caps.
#include "sopkit/rating_scale.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sopkit/error.hpp"

namespace sopkit {
namespace {

TEST(Permendagri86, EdgesAreInclusiveLowerBounds) {
  const RatingScale s = RatingScale::permendagri_86_2017();
  EXPECT_EQ(s.label_of(91.0), "Sangat Tinggi");  // exactly 91: >= 91
  EXPECT_EQ(s.label_of(90.999), "Tinggi");       // just below 91
  EXPECT_EQ(s.label_of(76.0), "Tinggi");
  EXPECT_EQ(s.label_of(75.999), "Sedang");
  EXPECT_EQ(s.label_of(66.0), "Sedang");
  EXPECT_EQ(s.label_of(65.999), "Rendah");
  EXPECT_EQ(s.label_of(51.0), "Rendah");
  EXPECT_EQ(s.label_of(50.999), "Sangat Rendah");
  EXPECT_EQ(s.label_of(0.0), "Sangat Rendah");
  EXPECT_EQ(s.label_of(-40.0), "Sangat Rendah");
}

TEST(Permendagri86, PrintedIntegerGapsAreClosedUpward) {
  // The decree prints 76–90 and 91–100: 90.5 falls in the gap and goes to Tinggi.
  EXPECT_EQ(RatingScale::permendagri_86_2017().label_of(90.5), "Tinggi");
  EXPECT_EQ(RatingScale::permendagri_86_2017().label_of(65.5), "Rendah");
}

TEST(Permendagri86, HundredAndAboveAreSangatTinggi) {
  const RatingScale s = RatingScale::permendagri_86_2017();
  EXPECT_EQ(s.label_of(100.0), "Sangat Tinggi");
  EXPECT_EQ(s.label_of(135.0), "Sangat Tinggi");
}

TEST(Permendagri86, BandNumbersRunFromOneLowestToFiveHighestAndZeroForNaN) {
  const RatingScale s = RatingScale::permendagri_86_2017();
  EXPECT_EQ(s.band(95), 5u);
  EXPECT_EQ(s.band(80), 4u);
  EXPECT_EQ(s.band(70), 3u);
  EXPECT_EQ(s.band(60), 2u);
  EXPECT_EQ(s.band(10), 1u);
  EXPECT_EQ(s.band(std::nan("")), 0u);
  EXPECT_EQ(s.label(0), "");
  EXPECT_THROW(s.label(6), Error);
}

TEST(Sakip88, EdgesAreExclusive) {
  const RatingScale s = RatingScale::sakip_88_2021();
  EXPECT_EQ(s.label_of(90.0), "A");  // > 90 needed for AA
  EXPECT_EQ(s.label_of(90.001), "AA");
  EXPECT_EQ(s.label_of(80.0), "BB");
  EXPECT_EQ(s.label_of(80.5), "A");
  EXPECT_EQ(s.label_of(70.0), "B");
  EXPECT_EQ(s.label_of(60.0), "CC");
  EXPECT_EQ(s.label_of(50.0), "C");
  EXPECT_EQ(s.label_of(30.0), "D");
  EXPECT_EQ(s.label_of(30.5), "C");
}

TEST(TrafficLight, GreenFromNinetyOneYellowFromSixtySix) {
  const RatingScale s = RatingScale::traffic_light();
  EXPECT_EQ(s.label_of(91), "Hijau");
  EXPECT_EQ(s.label_of(90.999), "Kuning");
  EXPECT_EQ(s.label_of(66), "Kuning");
  EXPECT_EQ(s.label_of(65.9), "Merah");
}

TEST(RatingScales, TheScaleInForceIsTheLatestValidFromOnOrBeforeTheDate) {
  RatingScales all = RatingScales::defaults();
  all.add(RatingScale("permendagri-86-2017", "2024-07-01",
                      {{95, true, "Baru Tinggi"}, {-INFINITY, true, "Baru Rendah"}}));
  EXPECT_EQ(all.in_force("permendagri-86-2017", "2024-06-30").label_of(93), "Sangat Tinggi");
  EXPECT_EQ(all.in_force("permendagri-86-2017", "2024-07-01").label_of(93), "Baru Rendah");
  EXPECT_EQ(all.in_force("permendagri-86-2017", "2024-12-31").label_of(96), "Baru Tinggi");
}

TEST(RatingScales, NoScaleBeforeItsValidFromOrOfUnknownNameIsNotFound) {
  const RatingScales all = RatingScales::defaults();
  try {
    all.in_force("sakip-88-2021", "2020-12-31");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
  EXPECT_THROW(all.in_force("no-such-scale", "2024-01-01"), Error);
}

TEST(RatingScale, RejectsScalesWithoutCatchAllOrWithSharedEdges) {
  EXPECT_THROW(RatingScale("x", "2024-01-01", {{50, true, "A"}}), Error);
  try {
    RatingScale("x", "2024-01-01", {{50, true, "A"}, {50, true, "B"}, {-INFINITY, true, "C"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "two bands share the edge 50 (both inclusive): 'A' and 'B'");
  }
  EXPECT_THROW(
      RatingScale("x", "2024-01-01", {{50, false, "A"}, {50, false, "B"}, {-INFINITY, true, "C"}}),
      Error);
  EXPECT_THROW(RatingScale("x", "2024-13-01", {{-INFINITY, true, "C"}}), Error);
  EXPECT_THROW(RatingScale("x", "2024-01-01", {}), Error);
}

TEST(RatingScale, AnInclusiveAndAnExclusiveBandMayShareAnEdge) {
  // A published legend: "Melebihi target > 100 %", "Tercapai 100 %", below.
  const RatingScale s("legend", "2024-01-01",
                      {{100, true, "Tercapai"},
                       {100, false, "Melebihi target"},
                       {-INFINITY, true, "Belum tercapai"}});
  EXPECT_EQ(s.label_of(100.0), "Tercapai");
  EXPECT_EQ(s.label_of(100.000001), "Melebihi target");
  EXPECT_EQ(s.label_of(99.999), "Belum tercapai");
  EXPECT_EQ(s.band(100.0), 2u);
  EXPECT_EQ(s.band(150.0), 3u);
}

TEST(Permendagri54, TheDefaultScaleRatesPeriodsFrom2010WithItsLegalBasis) {
  const RatingScales all = RatingScales::defaults();
  const RatingScale& s2016 = all.in_force("permendagri-86-2017", "2016-12-31");
  EXPECT_EQ(s2016.legal_basis(), "Permendagri 54/2010, evaluasi hasil RKPD/Renstra SKPD");
  EXPECT_EQ(s2016.label_of(91.0), "Sangat Tinggi");
  EXPECT_EQ(s2016.label_of(50.999), "Sangat Rendah");
  EXPECT_EQ(all.in_force("permendagri-86-2017", "2017-12-31").legal_basis(),
            "Permendagri 86/2017, evaluasi hasil RKPD/Renja");
  EXPECT_THROW(all.in_force("permendagri-86-2017", "2009-12-31"), Error);
}

TEST(RatingScaleJson, LoadsScalesWithEffectiveDates) {
  const RatingScales s = parse_rating_scales_json(R"({"scales": [
    {"name": "dinas", "valid_from": "2023-01-01",
     "bands": [{"min": 100, "label": "Tercapai"}, {"min": null, "label": "Belum"}]},
    {"name": "dinas", "valid_from": "2024-01-01",
     "bands": [{"min": 90, "inclusive": false, "label": "Tercapai"}, {"label": "Belum"}]}]})");
  EXPECT_EQ(s.in_force("dinas", "2023-06-30").label_of(95), "Belum");
  EXPECT_EQ(s.in_force("dinas", "2024-06-30").label_of(95), "Tercapai");
  EXPECT_EQ(s.in_force("dinas", "2024-06-30").label_of(90), "Belum");  // exclusive edge
}

TEST(RatingScale, ValidFromMustBeARealDateByTheOneDateRule) {
  // 2024-02-31 was taken for a date by a laxer check than the SOP reader's.
  const std::vector<RatingBand> bands = {{-INFINITY, true, "Semua"}};
  EXPECT_THROW(RatingScale("x", "2024-02-31", bands), Error);
  EXPECT_THROW(RatingScale("x", "2023-02-29", bands), Error);
  EXPECT_NO_THROW(RatingScale("x", "2024-02-29", bands));
}

TEST(RatingScaleJson, ErrorsNameThePointer) {
  try {
    parse_rating_scales_json(R"({"name": "x", "valid_from": "2024-01-01",
      "bands": [{"min": "tinggi", "label": "A"}]})",
                             "scale.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_EQ(e.where(), "scale.json:/bands/0/min");
  }
  try {
    parse_rating_scales_json("{\n  \"name\": ,\n}", "scale.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_EQ(e.where(), "scale.json:2:11");
  }
}

std::string scale_error_at(const std::string& text) {
  try {
    parse_rating_scales_json(text, "scale.json");
  } catch (const Error& e) {
    return e.where();
  }
  return "";
}

TEST(RatingScaleJson, RootListItemsAndRepeatedKeysAreNamedByTheirPointer) {
  // The root is written "/" as every JSON loader writes it.
  EXPECT_EQ(scale_error_at("[]"), "scale.json:/");
  EXPECT_EQ(scale_error_at(R"({"scales": [{"name": "x", "valid_from": "2024-01-01",
      "bands": [{"label": "A"}, {"min": 1}]}]})"),
            "scale.json:/scales/0/bands/1");
  EXPECT_EQ(scale_error_at(R"({"name": "x", "name": "y", "valid_from": "2024-01-01",
      "bands": [{"label": "A"}]})"),
            "scale.json:/name");
}

TEST(Cap, CapsBoundTheScoreAndLeaveNaN) {
  EXPECT_EQ(apply_cap(135.0, Cap::none), 135.0);
  EXPECT_EQ(apply_cap(135.0, Cap::at_100), 100.0);
  EXPECT_EQ(apply_cap(135.0, Cap::at_110), 110.0);
  EXPECT_EQ(apply_cap(135.0, Cap::at_120), 120.0);
  EXPECT_EQ(apply_cap(95.0, Cap::at_100), 95.0);
  EXPECT_TRUE(std::isnan(apply_cap(std::nan(""), Cap::at_100)));
  EXPECT_EQ(parse_cap("110"), Cap::at_110);
  EXPECT_THROW(parse_cap("105"), Error);
}

}  // namespace
}  // namespace sopkit
