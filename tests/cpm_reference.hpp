// cpm_reference.hpp — the critical path method written the slow, obvious way,
// for the unit tests and fuzz_cpm to hold cpm() against: O(n * m) scans of the
// edge list in a given topological order, no CSR, no notes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sopkit/sop.hpp"  // kNoIndex

namespace sopkit::reference {

struct CpmDefinitions {
  std::vector<double> es, ls;  // earliest and latest start per node
  double end = 0.0;            // the project's end: the latest finish
};

// ES is the latest finish of the predecessors, the end the latest finish of
// all, LS the earliest latest start of the successors (the end for none)
// minus the duration, evaluated in `order`.
inline CpmDefinitions cpm_by_definition(const std::vector<double>& d,
                                        const std::vector<std::uint32_t>& from,
                                        const std::vector<std::uint32_t>& to,
                                        const std::vector<std::uint32_t>& order) {
  const std::size_t n = d.size();
  CpmDefinitions r;
  r.es.assign(n, 0.0);
  r.ls.assign(n, 0.0);
  for (std::uint32_t v : order)
    for (std::size_t e = 0; e < from.size(); ++e)
      if (to[e] == v) r.es[v] = std::max(r.es[v], r.es[from[e]] + d[from[e]]);
  for (std::size_t v = 0; v < n; ++v) r.end = std::max(r.end, r.es[v] + d[v]);
  for (std::size_t i = n; i-- > 0;) {
    const std::uint32_t u = order[i];
    double lf = r.end;
    for (std::size_t e = 0; e < from.size(); ++e)
      if (from[e] == u) lf = std::min(lf, r.ls[to[e]]);
    r.ls[u] = lf - d[u];
  }
  return r;
}

// The critical path by the rule analysis.hpp states: from the first node in
// `order` that starts at 0 with no slack (within 1e-9 of the end), each time
// the successor with the least latest start, the first of equals in edge
// order. Stops after n nodes, so that a wrong input cannot loop.
inline std::vector<std::uint32_t> critical_path_by_rule(const CpmDefinitions& ref,
                                                        const std::vector<std::uint32_t>& from,
                                                        const std::vector<std::uint32_t>& to,
                                                        const std::vector<std::uint32_t>& order) {
  const double eps = 1e-9 * std::max(1.0, ref.end);
  std::vector<std::uint32_t> path;
  std::uint32_t u = kNoIndex;
  for (std::uint32_t v : order)
    if (ref.es[v] <= eps && ref.ls[v] - ref.es[v] <= eps) {
      u = v;
      break;
    }
  while (u != kNoIndex && path.size() <= order.size()) {
    path.push_back(u);
    std::uint32_t next = kNoIndex;
    for (std::size_t e = 0; e < from.size(); ++e)
      if (from[e] == u && (next == kNoIndex || ref.ls[to[e]] < ref.ls[next])) next = to[e];
    u = next;
  }
  return path;
}

}  // namespace sopkit::reference
