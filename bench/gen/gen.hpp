// gen.hpp — deterministic inputs at national size for the end-to-end
// benchmarks (bench/compare_national.py) and the growth gate
// (bench/callgrind/workloads.cpp).
//
// Every function appends to `out` and depends only on its arguments: the same
// shape and seed give the same bytes on every machine (no std::random
// distributions, whose output the standard leaves to the library). Generated
// data is never committed; sopkit-gen writes it into build/ or /tmp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sopkit_gen {

// The national indicator file: kabupaten x opd units ("Provinsi NN/Kabupaten
// NNN/OPD NN"), each owning `indicators` indicators with an annual row that
// carries the definition and 4 quarterly rows (2024-Q1..Q4) with the
// definition cells blank. Default: 500 x 40 x 13 = 1.3M rows.
struct IndicatorShape {
  std::size_t kabupaten = 500;
  std::size_t opd = 40;
  std::size_t indicators = 13;  // per OPD
  std::uint64_t seed = 16;

  std::size_t indicator_count() const { return kabupaten * opd * indicators; }
  std::size_t row_count() const { return indicator_count() * 5; }
};

// The CSV form (docs/indicators.md section 1).
void indicators_csv(const IndicatorShape& shape, std::string& out);
// The same data in the JSON form sopkit.indicators/1 (section 2).
void indicators_json(const IndicatorShape& shape, std::string& out);

// An SOP (docs/format.md) of `steps` steps: a start, a chain of process steps
// over `actors` actors with a decision every `decision_every` steps whose
// Tidak branch loops back three steps, and an end.
struct SopShape {
  std::size_t steps = 1000;
  std::size_t actors = 6;
  std::size_t decision_every = 10;
  std::uint64_t seed = 16;
  // Each step's output "Berkas <id>", required by the step after it (as real
  // documents do); otherwise every step produces and requires "Berkas".
  bool distinct_outputs = false;
};
void sop_json(const SopShape& shape, std::string& out);

// Many overlapping loops: a start, `decisions` decisions in a row whose Tidak
// branches all return to the start, and an end.
void loops_sop_json(std::size_t decisions, std::string& out);

// Run logs of `cases` executions of the SOP sop_json(shape) writes, each
// walking its happy path (Ya at every decision), one event per step.
// CSV: case,step,start,end,actor,branch; JSON: sopkit.runs/1.
void runs_csv(const SopShape& shape, std::size_t cases, std::string& out);
void runs_json(const SopShape& shape, std::size_t cases, std::string& out);

// A waktu text of `repeats` words: "setengah setengah ... hari".
void waktu_text(std::size_t repeats, std::string& out);

// The SOP number sop_json(shape) writes (runs logs name it).
std::string sop_number(const SopShape& shape);

}  // namespace sopkit_gen
