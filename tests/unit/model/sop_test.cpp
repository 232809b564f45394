// The indexed, immutable Sop over a document.
#include "sopkit/sop.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "sopkit/error.hpp"

namespace sopkit {
namespace {

SopDocument small_document() {
  SopDocument doc;
  doc.actors = {{"a", "Sekretaris", {}}, {"b", "Kepala Dinas", {}}};
  Step s1;
  s1.id = "1";
  s1.actor = "a";
  s1.kind = StepKind::start;
  s1.next = {"2"};
  Step s2;
  s2.id = "2";
  s2.actor = "b";
  s2.kind = StepKind::decision;
  s2.yes = "3";
  s2.no = "1";
  Step s3;
  s3.id = "3";
  s3.actor = "a";
  s3.kind = StepKind::end;
  doc.steps = {s1, s2, s3};
  return doc;
}

TEST(Sop, IndexesStepsActorsAndFlows) {
  Sop sop(small_document());
  EXPECT_EQ(sop.step_count(), 3u);
  EXPECT_EQ(sop.step_index("2"), 1u);
  EXPECT_EQ(sop.step_index("9"), kNoIndex);
  EXPECT_EQ(sop.actor_index("b"), 1u);
  EXPECT_EQ(sop.step_actor(1), 1u);
  EXPECT_EQ(sop.start_index(), 0u);
  ASSERT_EQ(sop.flows().size(), 3u);
  auto [b, e] = sop.out_flows(1);
  ASSERT_EQ(e - b, 2u);
  EXPECT_EQ(sop.flows()[b].kind, FlowKind::yes);
  EXPECT_EQ(sop.flows()[b].to, 2u);
  EXPECT_EQ(sop.flows()[b + 1].kind, FlowKind::no);
  EXPECT_EQ(sop.flows()[b + 1].to, 0u);
}

TEST(Sop, DanglingFlowsAreLeftForValidation) {
  SopDocument doc = small_document();
  doc.steps[0].next = {"404"};
  Sop sop(std::move(doc));
  auto [b, e] = sop.out_flows(0);
  EXPECT_EQ(b, e);
  EXPECT_EQ(sop.document().steps[0].next[0], "404");  // the document is not changed
}

TEST(Sop, CopiesShareOneBody) {
  Sop a(small_document());
  Sop b = a;
  EXPECT_EQ(&a.document(), &b.document());
}

TEST(Sop, StepPastTheEndThrowsOutOfRange) {
  Sop sop(small_document());
  try {
    sop.step(3);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::out_of_range);
  }
}

TEST(Sop, ConcurrentReadersSeeTheSameIndex) {
  Sop sop(small_document());
  std::vector<std::thread> threads;
  std::vector<std::uint32_t> seen(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::uint32_t acc = 0;
      for (int i = 0; i < 1000; ++i) acc += sop.step_index("3") + sop.actor_index("b");
      seen[t] = acc;
    });
  for (auto& th : threads) th.join();
  for (auto v : seen) EXPECT_EQ(v, 3000u);  // (2 + 1) × 1000
}

TEST(StepKindName, RoundTrips) {
  for (StepKind k : {StepKind::start, StepKind::end, StepKind::process, StepKind::decision})
    EXPECT_EQ(step_kind_from_name(step_kind_name(k)), k);
  EXPECT_FALSE(step_kind_from_name("gateway").has_value());
}

}  // namespace
}  // namespace sopkit
