// The critical path method on plain arrays (cpm() and its critical path).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "cpm_reference.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"

namespace sopkit {
namespace {

// 0 -> {1, 2} -> 3 -> 4, durations 10, 60, 120, 30, 5.
//   ES: 0:0  1:10  2:10  3:max(70,130)=130  4:160        duration 165
//   LS: 4:160  3:130  2:130-120=10  1:130-60=70  0:min(70,10)-10=0
//   slack: node 1 has 70 - 10 = 60, every other node 0.
struct Diamond {
  std::vector<double> d{10, 60, 120, 30, 5};
  std::vector<std::uint32_t> from{0, 0, 1, 2, 3};
  std::vector<std::uint32_t> to{1, 2, 3, 3, 4};
  CpmResult run() const { return cpm(d.data(), d.size(), from.data(), to.data(), from.size()); }
};

TEST(Cpm, EarliestStartIsTheLatestFinishOfThePredecessors) {
  CpmResult r = Diamond{}.run();
  EXPECT_EQ(r.earliest_start, (std::vector<double>{0, 10, 10, 130, 160}));
  EXPECT_DOUBLE_EQ(r.duration, 165);
}

TEST(Cpm, LatestStartIsTheEarliestLatestStartOfTheSuccessorsMinusTheDuration) {
  CpmResult r = Diamond{}.run();
  EXPECT_EQ(r.latest_start, (std::vector<double>{0, 70, 10, 130, 160}));
  EXPECT_DOUBLE_EQ(r.slack(1), 60);
  EXPECT_DOUBLE_EQ(r.slack(2), 0);
}

TEST(Cpm, OrderIsTheIndexOrderWhenEveryEdgeGoesForward) {
  CpmResult r = Diamond{}.run();
  EXPECT_EQ(r.order, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

TEST(Cpm, KeepsTheSuccessorsAsCsr) {
  CpmResult r = Diamond{}.run();
  EXPECT_EQ(r.successor_begin, (std::vector<std::uint32_t>{0, 2, 3, 4, 5, 5}));
  EXPECT_EQ(r.successors, (std::vector<std::uint32_t>{1, 2, 3, 3, 4}));
}

TEST(Cpm, CriticalPathFollowsZeroSlackNodesThatStartWhenThePreviousFinishes) {
  Diamond g;
  CpmResult r = g.run();
  EXPECT_EQ(r.critical_path, (std::vector<std::uint32_t>{0, 2, 3, 4}));
}

TEST(Cpm, CriticalPathTakesTheFirstOfEqualSuccessorsInEdgeOrder) {
  // 0 -> {2, 1} -> 3: both branches take 5 minutes, the edge to 2 comes first.
  std::vector<double> d{1, 5, 5, 1};
  std::vector<std::uint32_t> from{0, 0, 1, 2}, to{2, 1, 3, 3};
  CpmResult r = cpm(d.data(), 4, from.data(), to.data(), 4);
  EXPECT_EQ(r.critical_path, (std::vector<std::uint32_t>{0, 2, 3}));
  // The same with the edges listed the other way round.
  std::swap(to[0], to[1]);
  cpm(d.data(), 4, from.data(), to.data(), 4, r);
  EXPECT_EQ(r.critical_path, (std::vector<std::uint32_t>{0, 1, 3}));
}

TEST(Cpm, CriticalPathEndsWithAZeroDurationFinalStep) {
  // The end capsule takes no time: it still finishes the project and is on
  // the path, though its latest start equals the project duration.
  std::vector<double> d{30, 0};
  std::vector<std::uint32_t> from{0}, to{1};
  CpmResult r = cpm(d.data(), 2, from.data(), to.data(), 1);
  EXPECT_EQ(r.critical_path, (std::vector<std::uint32_t>{0, 1}));
}

TEST(Cpm, EdgesNeedNotBeSortedNorNodesNumberedInOrder) {
  // 3 -> 1 -> 0 and 2 -> 0 with durations 1, 2, 7, 4 (node 0..3):
  //   ES 3:0, 1:4, 2:0, 0:max(4+2, 0+7) = 7; duration 8.
  std::vector<double> d{1, 2, 7, 4};
  std::vector<std::uint32_t> from{1, 2, 3}, to{0, 0, 1};
  CpmResult r = cpm(d.data(), 4, from.data(), to.data(), 3);
  EXPECT_EQ(r.earliest_start, (std::vector<double>{7, 4, 0, 0}));
  EXPECT_DOUBLE_EQ(r.duration, 8);
  // Chains 3-1-0 take 4+2+1 = 7 < 8, so 3 and 1 have one minute of slack.
  EXPECT_DOUBLE_EQ(r.slack(3), 1);
  EXPECT_EQ(r.critical_path, (std::vector<std::uint32_t>{2, 0}));
  // Kahn, first in first out: sources 2, 3; then 1 (freed by 3), then 0.
  EXPECT_EQ(r.order, (std::vector<std::uint32_t>{2, 3, 1, 0}));
}

TEST(Cpm, ParallelEdgesCountOnce) {
  std::vector<double> d{5, 5};
  std::vector<std::uint32_t> from{0, 0}, to{1, 1};
  CpmResult r = cpm(d.data(), 2, from.data(), to.data(), 2);
  EXPECT_DOUBLE_EQ(r.duration, 10);
  EXPECT_EQ(r.order, (std::vector<std::uint32_t>{0, 1}));
}

TEST(Cpm, EmptyGraphHasZeroDuration) {
  CpmResult r = cpm(nullptr, 0, nullptr, nullptr, 0);
  EXPECT_DOUBLE_EQ(r.duration, 0);
  EXPECT_TRUE(r.critical_path.empty());
}

TEST(Cpm, CycleIsAValidationFailure) {
  std::vector<double> d{1, 1, 1};
  std::vector<std::uint32_t> from{0, 1, 2}, to{1, 2, 1};
  try {
    cpm(d.data(), 3, from.data(), to.data(), 3);
    FAIL() << "a cycle must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos);
  }
}

TEST(Cpm, SelfLoopIsACycle) {
  std::vector<double> d{1};
  std::vector<std::uint32_t> from{0}, to{0};
  EXPECT_THROW(cpm(d.data(), 1, from.data(), to.data(), 1), Error);
}

TEST(Cpm, EdgeToAMissingNodeIsAnInvalidArgument) {
  std::vector<double> d{1, 1};
  std::vector<std::uint32_t> from{0}, to{2};
  try {
    cpm(d.data(), 2, from.data(), to.data(), 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
}

TEST(Cpm, NegativeOrNanDurationIsAnInvalidArgument) {
  std::vector<double> d{1, -1};
  EXPECT_THROW(cpm(d.data(), 2, nullptr, nullptr, 0), Error);
  d[1] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(cpm(d.data(), 2, nullptr, nullptr, 0), Error);
}

TEST(Cpm, BadDurationIsCaughtOnBothOrderPaths) {
  // 1 -> 0 goes backwards in index order, so Kahn's path runs.
  std::vector<double> d{1, -1};
  std::vector<std::uint32_t> from{1}, to{0};
  try {
    cpm(d.data(), 2, from.data(), to.data(), 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_NE(std::string(e.what()).find("node 1"), std::string::npos) << e.what();
  }
  // 0 -> 1 is in index order.
  std::swap(from, to);
  EXPECT_THROW(cpm(d.data(), 2, from.data(), to.data(), 1), Error);
}

TEST(Cpm, ReusedResultGivesTheSameFigures) {
  Diamond g;
  CpmResult r;
  std::vector<double> big(100, 1.0);
  cpm(big.data(), big.size(), nullptr, nullptr, 0, r);  // a larger graph first
  cpm(g.d.data(), g.d.size(), g.from.data(), g.to.data(), g.from.size(), r);
  EXPECT_EQ(r.earliest_start, Diamond{}.run().earliest_start);
  EXPECT_EQ(r.latest_start, Diamond{}.run().latest_start);
  EXPECT_EQ(r.order.size(), 5u);
}

TEST(Cpm, MemoryIsCountedFromTheArrays) {
  CpmResult r = Diamond{}.run();
  // At least 5 order + 6 offsets + 5 successors uint32 and 2 x 5 doubles.
  EXPECT_GE(r.memory_bytes(), (5 + 6 + 5) * 4u + 10 * 8u);
}

// The critical path of `r` is a chain of edges from a start at 0 to the end
// of the project, every node on it without slack and starting when the
// previous one finishes.
void expect_critical_chain(const CpmResult& r, const std::vector<double>& d,
                           const std::vector<std::uint32_t>& from,
                           const std::vector<std::uint32_t>& to) {
  const auto& path = r.critical_path;
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(r.earliest_start[path.front()], 0.0);
  EXPECT_EQ(r.earliest_start[path.back()] + d[path.back()], r.duration);
  for (std::size_t i = 0; i < path.size(); ++i) {
    EXPECT_EQ(r.slack(path[i]), 0.0) << "node " << path[i];
    if (i == 0) continue;
    const std::uint32_t u = path[i - 1], v = path[i];
    bool edge = false;
    for (std::size_t e = 0; e < from.size(); ++e) edge |= from[e] == u && to[e] == v;
    EXPECT_TRUE(edge) << u << " -> " << v;
    EXPECT_EQ(r.earliest_start[v], r.earliest_start[u] + d[u]) << u << " -> " << v;
  }
}

// A graph given as arrays, and the same graph with node v renamed perm[v].
struct Arrays {
  std::vector<double> d;
  std::vector<std::uint32_t> from, to;
};

Arrays renumbered(const std::vector<double>& d, const std::vector<std::uint32_t>& from,
                  const std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& perm) {
  Arrays g{std::vector<double>(d.size()), std::vector<std::uint32_t>(from.size()),
           std::vector<std::uint32_t>(to.size())};
  for (std::size_t v = 0; v < d.size(); ++v) g.d[perm[v]] = d[v];
  for (std::size_t e = 0; e < from.size(); ++e) g.from[e] = perm[from[e]], g.to[e] = perm[to[e]];
  return g;
}

// A layered graph like the benchmark's (edges from the previous layer and a
// skip edge from two layers back), checked against the definitions written
// the obvious way (cpm_reference.hpp) in index order, which is topological.
TEST(Cpm, MatchesAReferenceOnALayeredGraph) {
  const std::uint32_t n = 3000, w = 7;
  std::uint64_t state = 42;
  auto rnd = [&state](std::uint32_t k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state >> 33) % k);
  };
  std::vector<double> d(n);
  std::vector<std::uint32_t> from, to;
  for (std::uint32_t v = 0; v < n; ++v) {
    d[v] = 1 + rnd(480);
    std::uint32_t layer = v / w;
    if (layer >= 1) from.push_back((layer - 1) * w + rnd(w)), to.push_back(v);
    if (layer >= 2 && rnd(2)) from.push_back((layer - 2) * w + rnd(w)), to.push_back(v);
  }
  // Shuffle the edge list: the input order must not matter.
  for (std::size_t i = from.size(); i > 1; --i) {
    std::size_t j = rnd(static_cast<std::uint32_t>(i));
    std::swap(from[i - 1], from[j]);
    std::swap(to[i - 1], to[j]);
  }
  std::vector<std::uint32_t> identity(n);
  for (std::uint32_t v = 0; v < n; ++v) identity[v] = v;
  const reference::CpmDefinitions ref = reference::cpm_by_definition(d, from, to, identity);
  const std::vector<double>&es = ref.es, &ls = ref.ls;
  const double end = ref.end;
  CpmResult r = cpm(d.data(), n, from.data(), to.data(), from.size());
  EXPECT_DOUBLE_EQ(r.duration, end);
  EXPECT_EQ(r.earliest_start, es);
  EXPECT_EQ(r.latest_start, ls);
  expect_critical_chain(r, d, from, to);

  // The same graph with its nodes renumbered at random: Kahn's order, the
  // same figures per node and again a critical chain.
  std::vector<std::uint32_t> perm(n);
  for (std::uint32_t v = 0; v < n; ++v) perm[v] = v;
  for (std::uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[rnd(i)]);
  Arrays p = renumbered(d, from, to, perm);
  cpm(p.d.data(), n, p.from.data(), p.to.data(), p.from.size(), r);
  EXPECT_DOUBLE_EQ(r.duration, end);
  for (std::uint32_t v = 0; v < n; ++v) {
    EXPECT_EQ(r.earliest_start[perm[v]], es[v]) << v;
    EXPECT_EQ(r.latest_start[perm[v]], ls[v]) << v;
  }
  expect_critical_chain(r, p.d, p.from, p.to);
}

// cpm() against the definitions written the slow, obvious way, on many small
// random graphs made to tie: durations from {0, 0.1, 0.2, 1, 2} (zeros and
// sums of tenths, which are not exact in binary), parallel edges, several
// sources and sinks. Per node ES and LS must be the reference's to the bit,
// and the critical path must follow the stated rule: it starts at the first
// node in the result's order that starts at 0 with no slack, and each next
// node is the successor with the least latest start, the first of equals in
// edge order. Each graph runs numbered in order (the flat passes) and
// renumbered at random (Kahn's algorithm).
TEST(Cpm, BothOrderPathsMatchTheDefinitionsOnRandomGraphsWithTies) {
  std::uint64_t state = 7;
  auto rnd = [&state](std::uint32_t k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state >> 33) % k);
  };
  const double kDurations[] = {0.0, 0.1, 0.2, 1.0, 2.0};
  CpmResult r;
  for (int graph = 0; graph < 300; ++graph) {
    // Every tenth graph is larger, its edges short (up to 150 nodes ahead),
    // so that critical paths are long and run through many of the blocks in
    // which the index-order sweep walks them.
    const bool large = graph % 10 == 9;
    const std::uint32_t n = large ? 300 + rnd(1200) : 1 + rnd(40);
    std::vector<double> d(n);
    for (double& x : d) x = kDurations[rnd(5)];
    std::vector<std::uint32_t> from, to;
    const std::uint32_t m = n > 1 ? rnd(3 * n) : 0;
    for (std::uint32_t e = 0; e < m; ++e) {
      std::uint32_t a = rnd(n), b = large ? a + 1 + rnd(150) : rnd(n);
      if (a == b || b >= n) continue;
      from.push_back(std::min(a, b));
      to.push_back(std::max(a, b));
      if (rnd(8) == 0) from.push_back(from.back()), to.push_back(to.back());  // parallel
    }
    SCOPED_TRACE("graph " + std::to_string(graph) + ", n = " + std::to_string(n));

    cpm(d.data(), n, from.data(), to.data(), from.size(), r);
    std::vector<std::uint32_t> identity(n);
    for (std::uint32_t v = 0; v < n; ++v) identity[v] = v;
    ASSERT_EQ(r.order, identity);
    reference::CpmDefinitions ref = reference::cpm_by_definition(d, from, to, identity);
    EXPECT_EQ(r.duration, ref.end);
    EXPECT_EQ(r.earliest_start, ref.es);
    EXPECT_EQ(r.latest_start, ref.ls);
    EXPECT_EQ(r.critical_path, reference::critical_path_by_rule(ref, from, to, identity));

    std::vector<std::uint32_t> perm(identity);
    for (std::uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[rnd(i)]);
    Arrays p = renumbered(d, from, to, perm);
    cpm(p.d.data(), n, p.from.data(), p.to.data(), p.from.size(), r);
    reference::CpmDefinitions pref = reference::cpm_by_definition(p.d, p.from, p.to, r.order);
    EXPECT_EQ(r.duration, pref.end);
    EXPECT_EQ(r.earliest_start, pref.es);
    EXPECT_EQ(r.latest_start, pref.ls);
    EXPECT_EQ(r.critical_path, reference::critical_path_by_rule(pref, p.from, p.to, r.order));
  }
}

}  // namespace
}  // namespace sopkit
