// cpm.cpp — the critical path method on plain arrays.
//
// Everything is uint32 indices and contiguous arrays: a CSR of successors
// built by counting sort, Kahn's topological order fused with the forward
// pass, and a backward pass over the same CSR in reverse order. That keeps a
// million-step graph in a few tens of megabytes and the passes sequential.
#include <algorithm>
#include <cmath>
#include <string>

#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

double CpmResult::slack(std::size_t node) const noexcept {
  double s = latest_start[node] - earliest_start[node];
  return s > 0.0 ? s : 0.0;
}

std::size_t CpmResult::memory_bytes() const noexcept {
  return order.capacity() * sizeof(std::uint32_t) + earliest_start.capacity() * sizeof(double) +
         latest_start.capacity() * sizeof(double) +
         successor_begin.capacity() * sizeof(std::uint32_t) +
         successors.capacity() * sizeof(std::uint32_t);
}

CpmResult cpm(const double* duration, std::size_t n, const std::uint32_t* from,
              const std::uint32_t* to, std::size_t m) {
  CpmResult r;
  cpm(duration, n, from, to, m, r);
  return r;
}

void cpm(const double* duration, std::size_t n, const std::uint32_t* from, const std::uint32_t* to,
         std::size_t m, CpmResult& out) {
  // Offsets are uint32: refuse what would overflow them rather than wrap.
  if (n >= kNoIndex || m >= kNoIndex)
    throw Error(ErrorCode::invalid_argument, "cpm: at most 4294967294 nodes and edges");
  for (std::size_t i = 0; i < n; ++i)
    if (!(duration[i] >= 0.0) || !std::isfinite(duration[i]))
      throw Error(ErrorCode::invalid_argument, "cpm: duration of node " + std::to_string(i) +
                                                   " is " + std::to_string(duration[i]) +
                                                   "; it must be a finite number >= 0");

  // CSR by counting sort. After the scatter, begin[u] has moved to the end of
  // u's run, which is where u + 1 starts: one shift restores the offsets
  // without a second cursor array.
  auto& begin = out.successor_begin;
  auto& succ = out.successors;
  std::vector<std::uint32_t> indegree(n, 0);
  begin.assign(n + 1, 0);
  for (std::size_t e = 0; e < m; ++e) {
    std::uint32_t u = from[e], v = to[e];
    if (u >= n || v >= n)
      throw Error(ErrorCode::invalid_argument, "cpm: edge " + std::to_string(e) + " (" +
                                                   std::to_string(u) + " -> " + std::to_string(v) +
                                                   ") names a node >= n = " + std::to_string(n));
    ++begin[u + 1];
    ++indegree[v];
  }
  for (std::size_t i = 0; i < n; ++i) begin[i + 1] += begin[i];
  succ.resize(m);
  for (std::size_t e = 0; e < m; ++e) succ[begin[from[e]]++] = to[e];
  for (std::size_t i = n; i > 0; --i) begin[i] = begin[i - 1];
  if (n > 0) begin[0] = 0;

  // Kahn's algorithm with `order` as its own FIFO queue. A node is dequeued
  // only once all its predecessors are, so its earliest start is final then
  // and can be pushed to its successors in the same sweep.
  auto& order = out.order;
  auto& es = out.earliest_start;
  order.resize(n);
  es.assign(n, 0.0);
  std::size_t head = 0, tail = 0;
  for (std::size_t v = 0; v < n; ++v)
    if (indegree[v] == 0) order[tail++] = static_cast<std::uint32_t>(v);
  double project = 0.0;
  while (head < tail) {
    std::uint32_t u = order[head++];
    double finish = es[u] + duration[u];
    if (finish > project) project = finish;
    for (std::uint32_t k = begin[u], k_end = begin[u + 1]; k < k_end; ++k) {
      std::uint32_t v = succ[k];
      if (es[v] < finish) es[v] = finish;
      if (--indegree[v] == 0) order[tail++] = v;
    }
  }
  if (tail < n) {
    // The first node never dequeued lies on a cycle or after one.
    std::size_t stuck = 0;
    while (indegree[stuck] == 0) ++stuck;
    throw Error(ErrorCode::validation_failed,
                "cpm: the edges form a cycle (" + std::to_string(n - tail) +
                    " nodes lie on or after one, node " + std::to_string(stuck) +
                    " among them); the critical path method needs an acyclic graph");
  }
  out.duration = project;

  // Backward pass: a node must finish before the latest start of each successor.
  auto& ls = out.latest_start;
  ls.resize(n);
  for (std::size_t i = n; i > 0; --i) {
    std::uint32_t u = order[i - 1];
    double latest_finish = project;
    for (std::uint32_t k = begin[u], k_end = begin[u + 1]; k < k_end; ++k)
      latest_finish = std::min(latest_finish, ls[succ[k]]);
    ls[u] = latest_finish - duration[u];
  }
}

std::vector<std::uint32_t> critical_path(const CpmResult& r, const double* duration) {
  std::vector<std::uint32_t> path;
  const std::size_t n = r.order.size();
  if (n == 0) return path;
  // Sums of fractional minutes are not exact: compare within a tolerance that
  // scales with the project.
  const double eps = 1e-9 * std::max(1.0, r.duration);
  std::uint32_t u = kNoIndex;
  for (std::uint32_t v : r.order)
    if (r.earliest_start[v] <= eps && r.slack(v) <= eps) {
      u = v;
      break;
    }
  if (u == kNoIndex) return path;  // unreachable for a result of cpm()
  for (;;) {
    path.push_back(u);
    double finish = r.earliest_start[u] + duration[u];
    std::uint32_t next = kNoIndex;
    for (std::uint32_t k = r.successor_begin[u]; k < r.successor_begin[u + 1]; ++k) {
      std::uint32_t v = r.successors[k];
      if (r.slack(v) <= eps && std::fabs(r.earliest_start[v] - finish) <= eps) {
        next = v;
        break;
      }
    }
    if (next == kNoIndex) break;
    u = next;
  }
  return path;
}

}  // namespace sopkit
