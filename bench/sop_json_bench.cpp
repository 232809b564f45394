// sop_json_bench.cpp — the JSON loaders alone, text in memory to the model, in
// bytes of JSON per second: the SOP loader (sopkit::parse_sop_json) beside a
// bare simdjson DOM parse of the same text (the floor the loaders build on)
// and nlohmann::json::parse (what a C++ user would otherwise read the file
// with); the indicator JSON form (parse_indicators_json) and run logs
// (parse_runs_json).
//
//   bench_sop_json --benchmark_min_time=0.05
//
// Input, made in memory once per size by bench/gen: sop_json at 1k, 100k and
// 1M steps (6 actors, a decision every 10 steps, distinct outputs); the
// national indicator data of 50 and 200 kabupaten in the JSON form (13 and
// 54 MB); runs_json of 2 000 and 10 000 cases of a 60-step SOP (12 and 61 MB).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "gen/gen.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/runs.hpp"
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

void BM_IndicatorsJsonLoader(benchmark::State& state) {
  static std::map<std::size_t, std::string> made;
  std::string& text = made[static_cast<std::size_t>(state.range(0))];
  if (text.empty()) {
    sopkit_gen::IndicatorShape shape;
    shape.kabupaten = static_cast<std::size_t>(state.range(0));
    sopkit_gen::indicators_json(shape, text);
  }
  for (auto _ : state) {
    sopkit::IndicatorSet set = sopkit::parse_indicators_json(text);
    benchmark::DoNotOptimize(set);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_RunsJsonLoader(benchmark::State& state) {
  sopkit_gen::SopShape shape;
  shape.steps = 60;
  std::string sop_text;
  sopkit_gen::sop_json(shape, sop_text);
  const sopkit::Sop sop(sopkit::parse_sop_json(sop_text));
  static std::map<std::size_t, std::string> made;
  std::string& text = made[static_cast<std::size_t>(state.range(0))];
  if (text.empty()) sopkit_gen::runs_json(shape, static_cast<std::size_t>(state.range(0)), text);
  for (auto _ : state) {
    sopkit::RunLog log = sopkit::parse_runs_json(text, sop);
    benchmark::DoNotOptimize(log);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK(BM_IndicatorsJsonLoader)
    ->Arg(50)
    ->Arg(200)
    ->ArgName("kabupaten")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RunsJsonLoader)
    ->Arg(2000)
    ->Arg(10000)
    ->ArgName("cases")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
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
