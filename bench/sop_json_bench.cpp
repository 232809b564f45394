// sop_json_bench.cpp — the SOP loader alone (sopkit::parse_sop_json: text in
// memory to SopDocument), in bytes of JSON per second, beside a bare simdjson
// DOM parse of the same text (the floor the loader builds on) and
// nlohmann::json::parse (what a C++ user would otherwise read the file with).
//
//   bench_sop_json --benchmark_min_time=0.05
//
// Input: bench/gen's sop_json at 1k, 100k and 1M steps (6 actors, a decision
// every 10 steps, distinct outputs), made in memory once per size.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "gen/gen.hpp"
#include "sopkit/sop_json.hpp"

namespace {

const std::string& sop_text(std::size_t steps) {
  static std::map<std::size_t, std::string> made;
  std::string& text = made[steps];
  if (text.empty()) {
    sopkit_gen::SopShape shape;
    shape.steps = steps;
    shape.distinct_outputs = true;
    sopkit_gen::sop_json(shape, text);
  }
  return text;
}

void BM_SopLoader(benchmark::State& state) {
  const std::string& text = sop_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    sopkit::SopDocument doc = sopkit::parse_sop_json(text);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_SimdjsonDomParse(benchmark::State& state) {
  const std::string& text = sop_text(static_cast<std::size_t>(state.range(0)));
  simdjson::dom::parser parser;
  // The parser's buffers are sized by a first parse, as a reused parser's are.
  simdjson::dom::element warm;
  if (parser.parse(text).get(warm)) state.SkipWithError("simdjson refused the SOP");
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(text).get(root)) state.SkipWithError("simdjson refused the SOP");
    benchmark::DoNotOptimize(root);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_NlohmannParse(benchmark::State& state) {
  const std::string& text = sop_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    nlohmann::json doc = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK(BM_SopLoader)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SimdjsonDomParse)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_NlohmannParse)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
