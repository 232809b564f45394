// cpm.cpp — the critical path method on plain arrays.
//
// Everything is uint32 indices and contiguous arrays: a CSR of successors
// built by counting sort, Kahn's topological order fused with the forward
// pass, and a backward pass over the same CSR in reverse order. That keeps a
// million-step graph in a few tens of megabytes and the passes sequential.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "sopkit/analysis.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

namespace {

// Gives `v` room for `count` elements without touching it, and asks Linux to
// back large arrays with transparent huge pages. On a fresh million-node run
// the first touch of 4 KiB pages (one fault each) costs more than the whole
// computation on a virtual machine; 2 MiB pages cut the faults 512-fold. Only
// a hint: where it is refused or unsupported nothing changes.
template <typename T>
void reserve_large(std::vector<T>& v, std::size_t count) {
  if (v.capacity() >= count) return;
  std::vector<T>().swap(v);  // drop the old block first: no copy, lower peak
  v.reserve(count);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // The advice covers the whole pages the array lies in, not just its 2 MiB
  // aligned inside: a large block is its own mapping, and the allocator's
  // header puts the data a few bytes past the start, so advising from the
  // first aligned address on could leave the first 2 MiB to 512 small-page
  // faults. The kernel uses huge pages where a whole aligned 2 MiB lies in the
  // advised range; the rest keeps small pages.
  constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20, kPage = 4096;
  if (count * sizeof(T) < kHuge) return;
  auto first = reinterpret_cast<std::uintptr_t>(v.data()) & ~(kPage - 1);
  auto last = (reinterpret_cast<std::uintptr_t>(v.data() + count) + kPage - 1) & ~(kPage - 1);
  madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A duration cpm() accepts: finite and >= 0 (false for NaN too).
inline bool valid_duration(double d) noexcept {
  return d >= 0.0 && d <= std::numeric_limits<double>::max();
}

[[noreturn]] void throw_bad_duration(const double* duration, std::size_t n) {
  std::size_t i = 0;
  while (i + 1 < n && valid_duration(duration[i])) ++i;
  throw Error(ErrorCode::invalid_argument, "cpm: duration of node " + std::to_string(i) + " is " +
                                               std::to_string(duration[i]) +
                                               "; it must be a finite number >= 0");
}

}  // namespace

double CpmResult::slack(std::size_t node) const noexcept {
  double s = latest_start[node] - earliest_start[node];
  return s > 0.0 ? s : 0.0;
}

std::size_t CpmResult::memory_bytes() const noexcept {
  return order.capacity() * sizeof(std::uint32_t) + earliest_start.capacity() * sizeof(double) +
         latest_start.capacity() * sizeof(double) +
         successor_begin.capacity() * sizeof(std::uint32_t) +
         successors.capacity() * sizeof(std::uint32_t) +
         critical_path.capacity() * sizeof(std::uint32_t);
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

  // CSR by counting sort. Out-degrees are counted two slots ahead, so that
  // after the prefix sum begin[u + 1] is where u's run starts; the scatter
  // advances it to where u's run ends, which is where u + 1 starts: the
  // offsets come out in place, with no cursor array and no shift pass. The
  // counting pass reads only the sources; the scatter, which reads the targets
  // anyway, checks them and notes whether every edge goes from a lower to a
  // higher index, as in documents numbered in order and in most generated
  // graphs: then the index order is topological already. Beside each
  // successor the scatter notes its source (`source`, scratch): the passes
  // over an index-ordered graph walk the edges as one flat list of pairs.
  // Kahn's path does not need them, but is known only after the scatter.
  auto& begin = out.successor_begin;
  auto& succ = out.successors;
  auto& order = out.order;
  auto& es = out.earliest_start;
  auto& ls = out.latest_start;
  std::vector<std::uint32_t> source;
  reserve_large(begin, n + 2);
  reserve_large(succ, m);
  reserve_large(source, m);
  reserve_large(order, n);
  reserve_large(es, n);
  reserve_large(ls, n);
  begin.assign(n + 2, 0);
  auto bad_edge = [&](std::size_t e) {
    return Error(ErrorCode::invalid_argument,
                 "cpm: edge " + std::to_string(e) + " (" + std::to_string(from[e]) + " -> " +
                     std::to_string(to[e]) + ") names a node >= n = " + std::to_string(n));
  };
  for (std::size_t e = 0; e < m; ++e) {
    std::uint32_t u = from[e];
    if (u >= n) throw bad_edge(e);
    ++begin[u + 2];
  }
  // The running sum stays in a register: adding in place would make each step
  // wait for the store of the one before.
  for (std::uint32_t i = 0, sum = 0; i < n; ++i) begin[i + 2] = sum += begin[i + 2];
  succ.resize(m);
  source.resize(m);
  bool index_order = true;
  for (std::size_t e = 0; e < m; ++e) {
    std::uint32_t u = from[e], v = to[e];
    if (v >= n) throw bad_edge(e);
    index_order &= u < v;
    std::uint32_t k = begin[u + 1]++;
    succ[k] = v;
    source[k] = u;
  }
  begin.pop_back();  // n + 1 offsets: begin[n] == m

  order.resize(n);
  es.assign(n, 0.0);
  double project = 0.0;
  auto& path = out.critical_path;
  path.clear();

  if (index_order) {
    // Every edge goes from a lower to a higher index and the CSR lists them by
    // source, so walking it as one flat list of (source, successor) pairs
    // meets each edge after every edge into its source: forwards, a source's
    // earliest start is final when its edges are met; backwards, so is a
    // successor's latest start. Loops over nodes with an inner loop over their
    // successors pay a mispredicted loop exit per node, since out-degrees vary
    // at random; over the flat list nothing branches, which made both passes
    // 2-3 times faster on the million-step benchmark graph.
    for (std::size_t k = 0; k < m; ++k) {
      const std::uint32_t u = source[k], v = succ[k];
      es[v] = std::max(es[v], es[u] + duration[u]);
    }
    // The project's end, with the durations checked on the way (a bad one is
    // reported before anything is returned). Four running maxima: with one,
    // the loop waited on its own chain of dependent max operations (3 ms on
    // the benchmark graph, as long as the forward pass).
    double finish[4] = {0.0, 0.0, 0.0, 0.0};
    bool durations_ok = true;
    for (std::size_t u = 0; u < n; ++u) {
      durations_ok &= valid_duration(duration[u]);
      finish[u % 4] = std::max(finish[u % 4], es[u] + duration[u]);
    }
    if (!durations_ok) throw_bad_duration(duration, n);
    project = std::max(std::max(finish[0], finish[1]), std::max(finish[2], finish[3]));

    // Backward pass: a node must finish before the latest start of each
    // successor; one without successors, before the project's end. Each
    // source's edges are consecutive in the list: going backwards, a running
    // minimum kept in a register, restarted from +infinity at each new source
    // by a table lookup (GCC turned the plain conditional into a branch, which
    // mispredicts at random here), and stored after each edge.
    ls.resize(n);
    for (std::size_t u = 0; u < n; ++u) ls[u] = project - duration[u];
    static constexpr double kRestart[2] = {kInfinity, -kInfinity};  // [same source]
    double best = kInfinity;
    std::uint32_t current = kNoIndex;
    for (std::size_t j = m; j > 0; --j) {
      const std::uint32_t u = source[j - 1], v = succ[j - 1];
      best = std::max(best, kRestart[u == current]);
      best = std::min(best, ls[v]);
      ls[u] = best - duration[u];
      current = u;
    }

    // The critical path starts at the first node that starts at 0 with no
    // slack (sums of fractional minutes are not exact: judged within a
    // tolerance that scales with the project); from each of its nodes it goes
    // on to the successor that set the node's latest finish, the first of
    // equals in edge order, and ends at a node without successors. Its nodes
    // ascend, so it is walked inside the sweep that writes the identity order.
    // The sweep prefetches the latest starts, offsets and successors a few
    // blocks ahead, so the path's steps, each of which depends on the one
    // before, find their data in cache: walked on its own, each step waited on
    // three or four misses in a row (7 ms for the 18 000 steps of the
    // benchmark graph). Noting the winning successor in the backward pass
    // instead cost two more stores per edge (2 ms).
    const double eps = 1e-9 * std::max(1.0, project);
    std::size_t first = 0;
    while (first < n && !(es[first] <= eps && ls[first] - es[first] <= eps)) ++first;
    std::uint32_t u = first < n ? static_cast<std::uint32_t>(first) : kNoIndex;
    const std::uint32_t *offset = begin.data(), *successor = succ.data();
    const double* latest = ls.data();
    constexpr std::size_t kBlock = 64, kAhead = 4 * kBlock;
    for (std::size_t i0 = 0; i0 < n; i0 += kBlock) {
      const std::size_t i1 = std::min(i0 + kBlock, n);
      if (i0 + kAhead < n) {
        const std::size_t p0 = i0 + kAhead, p1 = std::min(p0 + kBlock, n);
        for (std::size_t q = p0; q < p1; q += 64 / sizeof(double)) __builtin_prefetch(latest + q);
        for (std::size_t q = p0; q <= p1; q += 64 / sizeof(std::uint32_t))
          __builtin_prefetch(offset + q);
        for (std::size_t q = offset[p0]; q < offset[p1]; q += 64 / sizeof(std::uint32_t))
          __builtin_prefetch(successor + q);
      }
      for (std::size_t i = i0; i < i1; ++i) order[i] = static_cast<std::uint32_t>(i);
      while (u < i1) {
        path.push_back(u);
        double latest_finish = kInfinity;
        // Strict < from +infinity: the first of equals in edge order, and any
        // successor at all (a latest start never exceeds the project's end,
        // so one that ties with it, a final step of no duration, is taken).
        // With no successors `by` stays kNoIndex and the path ends.
        std::uint32_t by = kNoIndex;
        for (std::uint32_t k = offset[u], k_end = offset[u + 1]; k < k_end; ++k) {
          const double l = latest[successor[k]];
          if (l < latest_finish) {
            latest_finish = l;
            by = successor[k];
          }
        }
        u = by;
      }
    }
    out.duration = project;
    return;
  }

  // Kahn's algorithm with `order` as its own FIFO queue. A node is dequeued
  // only once all its predecessors are, so its earliest start is final then
  // and can be pushed to its successors in the same sweep. The in-degree
  // counters live in latest_start, not needed before the backward pass: no
  // scratch array. Counts are whole numbers far below 2^53, exact as doubles.
  for (std::size_t i = 0; i < n; ++i)
    if (!valid_duration(duration[i])) throw_bad_duration(duration, n);
  auto& indegree = ls;
  indegree.assign(n, 0.0);
  for (std::size_t e = 0; e < m; ++e) indegree[to[e]] += 1.0;
  std::size_t head = 0, tail = 0;
  for (std::size_t v = 0; v < n; ++v)
    if (indegree[v] == 0.0) order[tail++] = static_cast<std::uint32_t>(v);
  while (head < tail) {
    std::uint32_t u = order[head++];
    double finish = es[u] + duration[u];
    project = std::max(project, finish);
    // Branch-free: whether a successor moves or becomes ready is
    // data-dependent and mispredicts half the time; a max and a conditional
    // increment do not. order[tail] stays in bounds: tail reaches n only
    // with the last in-edge, and no edge is left to process after it.
    for (std::uint32_t k = begin[u], k_end = begin[u + 1]; k < k_end; ++k) {
      std::uint32_t v = succ[k];
      es[v] = std::max(es[v], finish);
      order[tail] = v;
      tail += (indegree[v] -= 1.0) == 0.0;
    }
  }
  if (tail < n) {
    // The first node never dequeued lies on a cycle or after one.
    std::size_t stuck = 0;
    while (indegree[stuck] == 0.0) ++stuck;
    throw Error(ErrorCode::validation_failed,
                "cpm: the edges form a cycle (" + std::to_string(n - tail) +
                    " nodes lie on or after one, node " + std::to_string(stuck) +
                    " among them); the critical path method needs an acyclic graph");
  }
  out.duration = project;

  // Backward pass in reverse Kahn order, over each node's successors. It notes
  // per node the successor that set its latest finish, by the rule of the
  // index-order path (strict < from +infinity takes the first of equals in
  // edge order, and a successor that ties with the end): the critical path
  // follows the notes, since in Kahn's order its nodes need not ascend and
  // the index-order sweep does not apply.
  std::vector<std::uint32_t> next(n);
  for (std::size_t i = n; i > 0; --i) {
    const std::uint32_t u = order[i - 1];
    double latest_finish = kInfinity;
    std::uint32_t by = kNoIndex;
    // Branch-free: which successor wins is data-dependent.
    for (std::uint32_t k = begin[u], k_end = begin[u + 1]; k < k_end; ++k) {
      const std::uint32_t v = succ[k];
      const double l = ls[v];
      const bool take = l < latest_finish;
      by = take ? v : by;
      latest_finish = take ? l : latest_finish;
    }
    ls[u] = (by == kNoIndex ? project : latest_finish) - duration[u];
    next[u] = by;
  }
  const double eps = 1e-9 * std::max(1.0, project);
  std::uint32_t u = kNoIndex;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t v = order[i];
    if (es[v] <= eps && ls[v] - es[v] <= eps) {
      u = v;
      break;
    }
  }
  for (; u != kNoIndex; u = next[u]) path.push_back(u);
}

}  // namespace sopkit
