// fuzz_cpm.cpp — cpm() on plain arrays against its definitions.
//
// The input is a small graph: a node count, durations drawn from values that
// tie (0, tenths, whole minutes) or taken as raw double bit patterns, and
// edges that go forwards (the flat passes), anywhere (Kahn's algorithm,
// cycles) or out of range. Promises checked: an edge naming a missing node, a
// duration that is negative or not finite, and a cycle each throw their own
// Error code, in that order of precedence, and nothing else throws; otherwise
// the order is topological (the identity when every edge goes forwards), the
// CSR lists the edges grouped by source in input order, ES and LS are
// bit-for-bit those of the definitions evaluated in that order, and the
// critical path is the one the stated rule gives. The same graph renumbered
// must give the same figures per node. Results are written into one reused
// CpmResult, so capacities left by earlier, larger inputs are exercised too.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "cpm_reference.hpp"
#include "fuzz_check.hpp"
#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"

namespace {

using sopkit::CpmResult;

struct Graph {
  std::vector<double> d;
  std::vector<std::uint32_t> from, to;
};

bool valid_duration(double x) {
  return x >= 0.0 && x <= std::numeric_limits<double>::max();
}

bool acyclic(const Graph& g) {
  const std::size_t n = g.d.size();
  std::vector<std::size_t> indegree(n, 0);
  for (std::uint32_t v : g.to) ++indegree[v];
  std::vector<std::uint32_t> ready;
  for (std::uint32_t v = 0; v < n; ++v)
    if (indegree[v] == 0) ready.push_back(v);
  std::size_t done = 0;
  while (!ready.empty()) {
    const std::uint32_t u = ready.back();
    ready.pop_back();
    ++done;
    for (std::size_t e = 0; e < g.from.size(); ++e)
      if (g.from[e] == u && --indegree[g.to[e]] == 0) ready.push_back(g.to[e]);
  }
  return done == n;
}

// The order is topological, the CSR groups the edges by source in input
// order, and ES, LS, the end and the critical path are the definitions'
// (cpm_reference.hpp), evaluated in the result's order.
void check_against_definitions(const Graph& g, const CpmResult& r) {
  const std::size_t n = g.d.size(), m = g.from.size();
  FUZZ_CHECK(r.order.size() == n && r.earliest_start.size() == n && r.latest_start.size() == n);
  std::vector<std::size_t> rank(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(r.order[i] < n && rank[r.order[i]] == n);
    rank[r.order[i]] = i;
  }
  for (std::size_t e = 0; e < m; ++e) FUZZ_CHECK(rank[g.from[e]] < rank[g.to[e]]);

  // The CSR: each source's successors in input order.
  FUZZ_CHECK(r.successor_begin.size() == n + 1 && r.successors.size() == m);
  for (std::uint32_t u = 0; u < n; ++u) {
    std::uint32_t k = r.successor_begin[u];
    for (std::size_t e = 0; e < m; ++e)
      if (g.from[e] == u) FUZZ_CHECK(k < r.successor_begin[u + 1] && r.successors[k++] == g.to[e]);
    FUZZ_CHECK(k == r.successor_begin[u + 1]);
  }

  const sopkit::reference::CpmDefinitions ref =
      sopkit::reference::cpm_by_definition(g.d, g.from, g.to, r.order);
  FUZZ_CHECK(r.duration == ref.end);
  for (std::size_t v = 0; v < n; ++v) {
    FUZZ_CHECK(r.earliest_start[v] == ref.es[v]);
    FUZZ_CHECK(r.latest_start[v] == ref.ls[v]);
  }
  FUZZ_CHECK(r.critical_path ==
             sopkit::reference::critical_path_by_rule(ref, g.from, g.to, r.order));
}

// Runs cpm() and checks the outcome; returns whether it succeeded.
bool run(const Graph& g, CpmResult& r) {
  const std::size_t n = g.d.size();
  const bool in_range =
      std::all_of(g.from.begin(), g.from.end(), [&](std::uint32_t x) { return x < n; }) &&
      std::all_of(g.to.begin(), g.to.end(), [&](std::uint32_t x) { return x < n; });
  const bool durations = std::all_of(g.d.begin(), g.d.end(), valid_duration);
  sopkit::ErrorCode expected = sopkit::ErrorCode::invalid_argument;
  const bool ok = in_range && durations && acyclic(g);
  if (in_range && durations && !ok) expected = sopkit::ErrorCode::validation_failed;
  try {
    sopkit::cpm(g.d.data(), n, g.from.data(), g.to.data(), g.from.size(), r);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(!ok && e.code() == expected);
    return false;
  }
  FUZZ_CHECK(ok);
  check_against_definitions(g, r);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static CpmResult reused;  // capacities from earlier inputs
  if (size < 2) return 0;
  const std::size_t n = 1 + data[0] % 48;
  const std::uint8_t options = data[1];
  const bool forwards_only = (options & 1) == 0;
  const bool raw_durations = (options & 2) != 0;
  const bool out_of_range = (options & 4) != 0;
  data += 2;
  size -= 2;

  static const double kTies[] = {0.0, 0.1, 0.2, 0.3, 1.0, 2.0, 480.0};
  Graph g;
  std::size_t at = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const std::uint8_t code = at < size ? data[at++] : 0;
    double x = kTies[code % 7];
    if (raw_durations && code >= 224 && at + 8 <= size) {
      std::memcpy(&x, data + at, 8);
      at += 8;
    }
    g.d.push_back(x);
  }
  for (; at + 2 <= size && g.from.size() < 4 * n; at += 2) {
    std::uint32_t a = data[at], b = data[at + 1];
    if (out_of_range) {
      a %= n + 2;
      b %= n + 2;
    } else {
      a %= n;
      b %= n;
    }
    if (forwards_only) {
      if (a == b) continue;
      if (a > b) std::swap(a, b);
    }
    g.from.push_back(a);
    g.to.push_back(b);
  }

  if (!run(g, reused)) return 0;
  const bool forwards = std::equal(g.from.begin(), g.from.end(), g.to.begin(),
                                   [](std::uint32_t a, std::uint32_t b) { return a < b; });
  if (forwards) {
    for (std::uint32_t i = 0; i < n; ++i) FUZZ_CHECK(reused.order[i] == i);
  }

  // Renumbered in reverse: the order path changes (Kahn's for a forward graph,
  // often the flat passes for a backward one), the figures per node must not.
  Graph h{std::vector<double>(n), g.from, g.to};
  const auto rename = [n](std::uint32_t v) { return static_cast<std::uint32_t>(n - 1 - v); };
  for (std::uint32_t v = 0; v < n; ++v) h.d[rename(v)] = g.d[v];
  for (std::size_t e = 0; e < g.from.size(); ++e)
    h.from[e] = rename(g.from[e]), h.to[e] = rename(g.to[e]);
  const std::vector<double> es = reused.earliest_start, ls = reused.latest_start;
  const double end = reused.duration;
  CpmResult fresh;
  FUZZ_CHECK(run(h, fresh));
  FUZZ_CHECK(fresh.duration == end);
  for (std::uint32_t v = 0; v < n; ++v) {
    FUZZ_CHECK(fresh.earliest_start[rename(v)] == es[v]);
    FUZZ_CHECK(fresh.latest_start[rename(v)] == ls[v]);
  }
  return 0;
}
