// cpm_bench.cpp — the critical path method on a million-step graph.
//
// Builds the layered graph of bench/baselines/inputs.py bit-identically
// (same splitmix64 counters, same edge order) and times:
//   BM_Cpm             sopkit::cpm() from the edge list: CSR, order, both passes
//                      and one critical path (a full analysis)
//   BM_CpmReuse        cpm() into a result whose arrays are already allocated
//   BM_CpmShuffled     cpm() on the same graph with nodes renumbered at random,
//                      so that the index order is not topological: Kahn's path
//   BM_LowerBound      the forward and backward passes alone, as flat loops over
//                      edge pairs prebuilt in topological order
//   BM_LowerBoundFromEdges  the same job from the same edge list, plainly: the
//                      counting sort and the flat passes, without checks,
//                      order or critical path, into allocated arrays
//   BM_LowerBoundFromEdgesFresh  the same into freshly allocated arrays
//   BM_LowerBoundNodeLoops  the same passes as node loops over prebuilt CSRs
//                      (the floor before the flat passes; slower)
// bench/compare_cpm.py runs it beside networkx and prints the ratios.
//
//   bench_cpm --n=1000000 --w=50 --benchmark_min_time=0.05
//   bench_cpm --n=1000000 --memory    # peak RSS of one cpm() + critical path, as JSON
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "huge_pages.hpp"
#include "sopkit/analysis.hpp"

namespace {

std::size_t g_n = 1000000;  // --n
std::size_t g_w = 50;       // --w (nodes per layer)

// splitmix64 finaliser of key = (stream << 40) + idx + 1: the counter-based hash
// bench/baselines/splitmix.py uses, so both sides draw the same numbers without data files.
std::uint64_t splitmix(std::uint64_t stream, std::uint64_t idx) {
  std::uint64_t z = ((stream << 40) + idx + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Graph {
  std::vector<double> duration;
  std::vector<std::uint32_t> from, to;
};

// gen_graph(n, w): main-flow edges (one from the previous layer) for every node
// of layer >= 1 first, then the skip edges (from two or three layers back) of
// about half the nodes of layer >= 2, each group in node order.
Graph make_graph(std::size_t n, std::size_t w) {
  Graph g;
  g.duration.resize(n);
  for (std::size_t v = 0; v < n; ++v) g.duration[v] = double(1 + splitmix(24, v) % 480);
  g.from.reserve(n + n / 2 + 1);
  g.to.reserve(n + n / 2 + 1);
  for (std::size_t v = 0; v < n; ++v) {
    std::size_t layer = v / w;
    if (layer < 1) continue;
    g.from.push_back(std::uint32_t((layer - 1) * w + splitmix(20, v) % w));
    g.to.push_back(std::uint32_t(v));
  }
  for (std::size_t v = 0; v < n; ++v) {
    std::size_t layer = v / w;
    if (layer < 2 || (splitmix(21, v) & 1) != 1) continue;
    std::size_t back = layer >= 3 ? 2 + splitmix(22, v) % 2 : 2;
    g.from.push_back(std::uint32_t((layer - back) * w + splitmix(23, v) % w));
    g.to.push_back(std::uint32_t(v));
  }
  return g;
}

const Graph& graph() {
  static const Graph g = make_graph(g_n, g_w);
  return g;
}

// The same graph with node v renamed perm[v] (Fisher-Yates on splitmix stream 99).
const Graph& shuffled_graph() {
  static const Graph g = [] {
    const Graph& base = graph();
    const std::size_t n = base.duration.size();
    std::vector<std::uint32_t> perm(n);
    for (std::size_t v = 0; v < n; ++v) perm[v] = std::uint32_t(v);
    for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[splitmix(99, i) % i]);
    Graph s;
    s.duration.resize(n);
    for (std::size_t v = 0; v < n; ++v) s.duration[perm[v]] = base.duration[v];
    for (std::size_t e = 0; e < base.from.size(); ++e) {
      s.from.push_back(perm[base.from[e]]);
      s.to.push_back(perm[base.to[e]]);
    }
    return s;
  }();
  return g;
}

// Figures that compare_cpm.py checks against networkx and reports.
void set_counters(benchmark::State& state, const sopkit::CpmResult& r) {
  const Graph& g = graph();
  const double items = double(g.duration.size() + g.from.size());
  std::size_t critical = 0;
  for (std::size_t v = 0; v < r.order.size(); ++v) critical += r.slack(v) == 0.0;
  state.counters["nodes"] = double(g.duration.size());
  state.counters["edges"] = double(g.from.size());
  state.counters["project_duration"] = r.duration;
  state.counters["critical_nodes"] = double(critical);
  state.counters["critical_path_nodes"] = double(r.critical_path.size());
  // Peak memory of cpm() (its result is all it allocates), per step and flow;
  // and the same with the caller's input arrays.
  double own = double(r.memory_bytes());
  double input =
      double(g.duration.size() * sizeof(double) + g.from.size() * 2 * sizeof(std::uint32_t));
  state.counters["bytes_per_item"] = own / items;
  state.counters["bytes_per_item_with_input"] = (own + input) / items;
  state.SetItemsProcessed(std::int64_t(state.iterations() * items));
}

void BM_Cpm(benchmark::State& state) {
  const Graph& g = graph();
  sopkit::CpmResult last;
  for (auto _ : state) {
    sopkit::CpmResult r = sopkit::cpm(g.duration.data(), g.duration.size(), g.from.data(),
                                      g.to.data(), g.from.size());
    benchmark::DoNotOptimize(r.latest_start.data());
    state.PauseTiming();  // free the previous result outside the timed region
    last = std::move(r);
    state.ResumeTiming();
  }
  set_counters(state, last);
}
BENCHMARK(BM_Cpm)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CpmReuse(benchmark::State& state) {
  const Graph& g = graph();
  sopkit::CpmResult r;
  for (auto _ : state) {
    sopkit::cpm(g.duration.data(), g.duration.size(), g.from.data(), g.to.data(), g.from.size(), r);
    benchmark::DoNotOptimize(r.latest_start.data());
  }
  set_counters(state, r);
}
BENCHMARK(BM_CpmReuse)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CpmShuffled(benchmark::State& state) {
  const Graph& g = shuffled_graph();
  sopkit::CpmResult last;
  for (auto _ : state) {
    sopkit::CpmResult r = sopkit::cpm(g.duration.data(), g.duration.size(), g.from.data(),
                                      g.to.data(), g.from.size());
    benchmark::DoNotOptimize(r.latest_start.data());
    state.PauseTiming();
    last = std::move(r);
    state.ResumeTiming();
  }
  set_counters(state, last);
}
BENCHMARK(BM_CpmShuffled)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: what any CPM must do at least, with every preparation done
// beforehand: nodes renumbered in topological order, the edges listed as
// (source, successor) pairs grouped by source, durations permuted. Both passes
// walk the pairs as one flat list (forwards pushing earliest finishes,
// backwards keeping each source's running minimum in a register), which reads
// each edge once per pass and never branches on the data; per node only the
// project's end and the latest starts of nodes without successors are set.
// sopkit's cpm() does the same passes plus what the floor is given for free:
// the CSR and its order (counting sort), the durations' check and the
// critical path.
struct Prepared {
  std::vector<double> d;
  std::vector<std::uint32_t> sb, pb, pred, succ, source;  // CSRs and flat sources
};

const Prepared& prepared() {
  static const Prepared p = [] {
    const Graph& g = graph();
    const std::size_t n = g.duration.size(), m = g.from.size();
    // Prepared with sopkit's own order; not timed.
    sopkit::CpmResult ref = sopkit::cpm(g.duration.data(), n, g.from.data(), g.to.data(), m);
    std::vector<std::uint32_t> rank(n);
    for (std::size_t k = 0; k < n; ++k) rank[ref.order[k]] = std::uint32_t(k);
    Prepared q;
    q.d.resize(n);
    for (std::size_t v = 0; v < n; ++v) q.d[rank[v]] = g.duration[v];
    q.pb.assign(n + 1, 0);
    q.sb.assign(n + 1, 0);
    q.pred.resize(m);
    q.succ.resize(m);
    q.source.resize(m);
    for (std::size_t e = 0; e < m; ++e) ++q.pb[rank[g.to[e]] + 1], ++q.sb[rank[g.from[e]] + 1];
    for (std::size_t i = 0; i < n; ++i) q.pb[i + 1] += q.pb[i], q.sb[i + 1] += q.sb[i];
    std::vector<std::uint32_t> pc(q.pb.begin(), q.pb.end() - 1), sc(q.sb.begin(), q.sb.end() - 1);
    for (std::size_t e = 0; e < m; ++e) {
      std::uint32_t u = rank[g.from[e]], v = rank[g.to[e]];
      q.pred[pc[v]++] = u;
      q.succ[sc[u]++] = v;
    }
    for (std::size_t v = 0; v < n; ++v) {  // sorted runs read memory in order
      std::sort(q.pred.begin() + q.pb[v], q.pred.begin() + q.pb[v + 1]);
      std::sort(q.succ.begin() + q.sb[v], q.succ.begin() + q.sb[v + 1]);
      for (std::uint32_t k = q.sb[v]; k < q.sb[v + 1]; ++k) q.source[k] = std::uint32_t(v);
    }
    return q;
  }();
  return p;
}

void report_floor(benchmark::State& state, const std::vector<double>& es,
                  const std::vector<double>& ls, double project) {
  std::size_t critical = 0;
  for (std::size_t v = 0; v < es.size(); ++v) critical += ls[v] == es[v];
  state.counters["project_duration"] = project;
  state.counters["critical_nodes"] = double(critical);
  state.SetItemsProcessed(std::int64_t(state.iterations() * (es.size() + graph().from.size())));
}

// The two passes over (source, successor) pairs grouped by source in an order
// that is topological, as cpm() runs them on a graph numbered in order:
// earliest starts forwards, the project's end, latest starts backwards (a
// running minimum per source, restarted by a table lookup). Returns the end.
inline double flat_passes(const double* d, const std::uint32_t* source, const std::uint32_t* succ,
                          std::size_t n, std::size_t m, std::vector<double>& es,
                          std::vector<double>& ls) {
  static constexpr double kRestart[2] = {std::numeric_limits<double>::infinity(),
                                         -std::numeric_limits<double>::infinity()};
  es.assign(n, 0.0);
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint32_t u = source[k], v = succ[k];
    es[v] = std::max(es[v], es[u] + d[u]);
  }
  double finish[4] = {0, 0, 0, 0};
  for (std::size_t v = 0; v < n; ++v) finish[v % 4] = std::max(finish[v % 4], es[v] + d[v]);
  const double project = std::max(std::max(finish[0], finish[1]), std::max(finish[2], finish[3]));
  ls.resize(n);
  for (std::size_t v = 0; v < n; ++v) ls[v] = project - d[v];
  double best = kRestart[0];
  std::uint32_t current = sopkit::kNoIndex;
  for (std::size_t k = m; k-- > 0;) {
    const std::uint32_t u = source[k], v = succ[k];
    best = std::max(best, kRestart[u == current]);
    best = std::min(best, ls[v]);
    ls[u] = best - d[u];
    current = u;
  }
  return project;
}

void BM_LowerBound(benchmark::State& state) {
  const Prepared& p = prepared();
  const std::size_t n = p.d.size(), m = p.succ.size();
  const double* d = p.d.data();
  const std::uint32_t *source = p.source.data(), *succ = p.succ.data();
  std::vector<double> es(n), ls(n);
  double project = 0;
  for (auto _ : state) {
    project = flat_passes(d, source, succ, n, m, es, ls);
    benchmark::DoNotOptimize(ls.data());
  }
  report_floor(state, es, ls, project);
}
BENCHMARK(BM_LowerBound)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same job as cpm() from the same input, written as plainly as it goes:
// the edge list as given (not renumbered, not grouped), a counting sort into
// the CSR of successors with each edge's source beside it, then the flat
// passes of BM_LowerBound. What it leaves out is what a library adds: the
// checks (indices, durations, whether the index order is topological, with
// Kahn's order as the fallback) and the order and critical path of the
// result. BM_LowerBound is the stricter floor, given the sort for free; this
// one is the floor of the whole job, to which the sort belongs.
struct PlainJob {
  std::vector<std::uint32_t> begin, succ, source;
  std::vector<double> es, ls;
  double project = 0;

  // Room as cpm() makes it for its result: reserved with the huge-page advice
  // its reserve_large() gives large arrays (a fresh million-step result
  // faults its pages in either way; the advice makes it 512 times fewer) and
  // written first by run(), which sizes and fills the arrays as cpm() does.
  PlainJob(std::size_t n, std::size_t m) {
    constexpr std::size_t kHugeMin = std::size_t(2) << 20;
    bench::reserve_huge(begin, n + 2, kHugeMin);
    bench::reserve_huge(succ, m, kHugeMin);
    bench::reserve_huge(source, m, kHugeMin);
    bench::reserve_huge(es, n, kHugeMin);
    bench::reserve_huge(ls, n, kHugeMin);
  }

  void run(const Graph& g) {
    const std::size_t n = g.duration.size(), m = g.from.size();
    const double* d = g.duration.data();
    const std::uint32_t *from = g.from.data(), *to = g.to.data();
    begin.assign(n + 2, 0);
    for (std::size_t e = 0; e < m; ++e) ++begin[from[e] + 2];
    for (std::uint32_t i = 0, sum = 0; i < n; ++i) begin[i + 2] = sum += begin[i + 2];
    succ.resize(m);
    source.resize(m);
    for (std::size_t e = 0; e < m; ++e) {
      const std::uint32_t u = from[e], k = begin[u + 1]++;
      succ[k] = to[e];
      source[k] = u;
    }
    project = flat_passes(d, source.data(), succ.data(), n, m, es, ls);
    benchmark::DoNotOptimize(ls.data());
    benchmark::DoNotOptimize(succ.data());
  }
};

// Beside BM_CpmReuse: the arrays allocated once, outside the timed loop.
void BM_LowerBoundFromEdges(benchmark::State& state) {
  const Graph& g = graph();
  PlainJob job(g.duration.size(), g.from.size());
  for (auto _ : state) job.run(g);
  report_floor(state, job.es, job.ls, job.project);
}
BENCHMARK(BM_LowerBoundFromEdges)->Unit(benchmark::kMillisecond)->UseRealTime();

// Beside BM_Cpm: a fresh result every run, the previous one freed outside the
// timed region, as there.
void BM_LowerBoundFromEdgesFresh(benchmark::State& state) {
  const Graph& g = graph();
  PlainJob last(0, 0);
  for (auto _ : state) {
    PlainJob job(g.duration.size(), g.from.size());
    job.run(g);
    state.PauseTiming();
    last = std::move(job);
    state.ResumeTiming();
  }
  report_floor(state, last.es, last.ls, last.project);
}
BENCHMARK(BM_LowerBoundFromEdgesFresh)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor as it was written before the flat passes: a loop over the nodes
// with an inner loop over each node's predecessors (forwards) or successors
// (backwards), on both CSRs prebuilt. It pays a mispredicted inner-loop exit
// per node; kept to show what the flat passes changed.
void BM_LowerBoundNodeLoops(benchmark::State& state) {
  const Prepared& p = prepared();
  const std::size_t n = p.d.size();
  const std::vector<double>& d = p.d;
  const std::vector<std::uint32_t>&pb = p.pb, &sb = p.sb, &pred = p.pred, &succ = p.succ;
  std::vector<double> es(n), ls(n);
  double project = 0;
  for (auto _ : state) {
    project = 0;
    for (std::size_t v = 0; v < n; ++v) {
      double e = 0;
      for (std::uint32_t k = pb[v]; k < pb[v + 1]; ++k) e = std::max(e, es[pred[k]] + d[pred[k]]);
      es[v] = e;
      project = std::max(project, e + d[v]);
    }
    for (std::size_t v = n; v-- > 0;) {
      double lf = project;
      for (std::uint32_t k = sb[v]; k < sb[v + 1]; ++k) lf = std::min(lf, ls[succ[k]]);
      ls[v] = lf - d[v];
    }
    benchmark::DoNotOptimize(ls.data());
  }
  report_floor(state, es, ls, project);
}
BENCHMARK(BM_LowerBoundNodeLoops)->Unit(benchmark::kMillisecond)->UseRealTime();

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // KiB on Linux
}

// The process's own account of memory: peak resident set before and after one
// full analysis (cpm() and a critical path) of the generated graph. The growth
// is what the analysis itself needs; it checks the capacity count of the
// benchmark counters against what the kernel saw.
int measure_memory() {
  const long start = max_rss_kib();
  const Graph& g = graph();
  const long before = max_rss_kib();
  sopkit::CpmResult r =
      sopkit::cpm(g.duration.data(), g.duration.size(), g.from.data(), g.to.data(), g.from.size());
  const long after = max_rss_kib();
  const double items = double(g.duration.size() + g.from.size());
  std::printf(
      "{\"nodes\": %zu, \"edges\": %zu, \"rss_start_kib\": %ld, \"rss_before_kib\": %ld, "
      "\"rss_after_kib\": %ld, \"rss_growth_bytes_per_item\": %.2f, "
      "\"result_bytes_per_item\": %.2f, \"input_and_analysis_bytes_per_item\": %.2f, "
      "\"critical_path_nodes\": %zu}\n",
      g.duration.size(), g.from.size(), start, before, after,
      double(after - before) * 1024.0 / items, double(r.memory_bytes()) / items,
      double(after - start) * 1024.0 / items, r.critical_path.size());
  return 0;
}

}  // namespace

// Takes --n=N and --w=W (graph size, nodes per layer) and --memory before
// handing the rest of the command line to Google Benchmark.
int main(int argc, char** argv) {
  std::vector<char*> rest;
  bool memory = false;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strncmp(argv[i], "--n=", 4) == 0) {
      g_n = std::strtoull(argv[i] + 4, nullptr, 10);
    } else if (i > 0 && std::strncmp(argv[i], "--w=", 4) == 0) {
      g_w = std::strtoull(argv[i] + 4, nullptr, 10);
    } else if (i > 0 && std::strcmp(argv[i], "--memory") == 0) {
      memory = true;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (g_w == 0) g_w = 1;
  if (memory) return measure_memory();
  int rest_argc = int(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
