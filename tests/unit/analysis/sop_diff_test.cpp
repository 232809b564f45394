// Structural diff of SOP revisions: hand-made revisions of the seed document.
#include "sopkit/sop_diff.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sopkit/sop_json.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

SopDocument seed() {
  return load_sop_file(test::seed_path()).document();
}

Step& step(SopDocument& doc, const std::string& id) {
  for (auto& s : doc.steps)
    if (s.id == id) return s;
  throw std::runtime_error("no step " + id);
}

TEST(SopDiff, IdenticalRevisionsHaveNoChanges) {
  EXPECT_TRUE(diff_sops(seed(), seed()).empty());
  EXPECT_EQ(sop_diff_to_text(diff_sops(seed(), seed())), "no changes\n");
}

TEST(SopDiff, ChangedWaktuShowsOldAndNewText) {
  SopDocument b = seed();
  step(b, "4").time_text = "3 hari";  // seed step 4: "2 hari"
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0], (SopChange{ChangeKind::time_changed, "4", "time", "2 hari", "3 hari"}));
}

TEST(SopDiff, ChangedActorActivityAndOutputAreSeparateChanges) {
  SopDocument b = seed();
  step(b, "6").actor = "kabid";  // seed: kasi
  step(b, "6").activity += " (revisi)";
  step(b, "6").output = "Laporan";
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 3u);
  EXPECT_EQ(d.changes[0].kind, ChangeKind::activity_changed);
  EXPECT_EQ(d.changes[1], (SopChange{ChangeKind::actor_changed, "6", "actor", "kasi", "kabid"}));
  EXPECT_EQ(d.changes[2].kind, ChangeKind::output_changed);
  EXPECT_EQ(d.changes[2].after, "Laporan");
}

TEST(SopDiff, AddedAndRemovedStepsAreNamedWithTheirActivity) {
  SopDocument b = seed();
  Step added = step(b, "12");
  added.id = "12a";
  added.activity = "Mengunggah laporan ke SAKIP";
  b.steps.insert(b.steps.end() - 1, added);
  std::string removed_activity = step(b, "7").activity;
  b.steps.erase(b.steps.begin() + 6);  // step "7"
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 2u);
  EXPECT_EQ(d.changes[0],
            (SopChange{ChangeKind::step_removed, "7", "activity", removed_activity, ""}));
  EXPECT_EQ(d.changes[1], (SopChange{ChangeKind::step_added, "12a", "activity", "",
                                     "Mengunggah laporan ke SAKIP"}));
}

TEST(SopDiff, SwappedStepsAreOneMoveNotEveryStepAfterThem) {
  SopDocument b = seed();
  std::swap(b.steps[4], b.steps[5]);  // steps "5" and "6": positions 5 and 6
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0].kind, ChangeKind::step_moved);
  EXPECT_EQ(d.changes[0].before.size() + d.changes[0].after.size(), 2u);  // "5"/"6" or "6"/"5"
}

TEST(SopDiff, FlowsOfADecisionChange) {
  SopDocument b = seed();
  Step& s11 = step(b, "11");  // decision
  std::string old_no = s11.no;
  s11.no = "9";
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0], (SopChange{ChangeKind::flows_changed, "11", "no", old_no, "9"}));
}

TEST(SopDiff, ActorsAddedRemovedRenamed) {
  SopDocument b = seed();
  b.actors.push_back({"operator", "Operator SAKIP", ""});
  b.actors[1].name = "Kabid Pembinaan SD";  // kabid
  std::string kadis = b.actors[4].name;
  b.actors.erase(b.actors.begin() + 4);  // kadis, still used by step 11: diff does not judge
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 3u);
  EXPECT_EQ(d.changes[0], (SopChange{ChangeKind::actor_removed, "kadis", "name", kadis, ""}));
  EXPECT_EQ(d.changes[1].kind, ChangeKind::actor_renamed);
  EXPECT_EQ(d.changes[1].after, "Kabid Pembinaan SD");
  EXPECT_EQ(d.changes[2],
            (SopChange{ChangeKind::actor_added, "operator", "name", "", "Operator SAKIP"}));
}

TEST(SopDiff, IdentityFieldsAndRevisionDates) {
  SopDocument b = seed();
  b.title = "Monev Capaian Kinerja (revisi)";
  b.dates.revised.push_back({"2024-03-01", "waktu step 4"});
  b.warnings.push_back("Laporan terlambat");
  auto d = diff_sops(seed(), b);
  ASSERT_EQ(d.changes.size(), 3u);
  EXPECT_EQ(d.changes[0].field, "title");
  EXPECT_EQ(d.changes[1].field, "dates.revised");
  EXPECT_NE(d.changes[1].after.find("2024-03-01"), std::string::npos);
  EXPECT_EQ(d.changes[2].field, "warnings");
  EXPECT_NE(d.changes[2].after.find("Laporan terlambat"), std::string::npos);
}

TEST(SopDiff, JsonFormCountsEachKind) {
  SopDocument b = seed();
  step(b, "4").time_text = "3 hari";
  step(b, "5").time_text = "5 Hari";
  auto j = nlohmann::json::parse(sop_diff_to_json(diff_sops(seed(), b)));
  EXPECT_EQ(j["format"], "sopkit.sopdiff/1");
  ASSERT_EQ(j["changes"].size(), 2u);
  EXPECT_EQ(j["changes"][1]["subject"], "5");
  EXPECT_EQ(j["changes"][1]["before"], "7 Hari");
  EXPECT_EQ(j["summary"]["time_changed"], 2);
  EXPECT_EQ(sop_diff_to_text(diff_sops(seed(), b)).substr(0, 32),
            "step 4: time_changed time 2 hari");
}

}  // namespace
}  // namespace sopkit
