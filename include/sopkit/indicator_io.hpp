// indicator_io.hpp — indicator data from CSV and JSON, results to CSV and JSON.
//
// CSV: one row per indicator and period, RFC 4180 quoting, UTF-8 with or
// without BOM, LF or CRLF. Header (any order):
//   unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation
// optional: target_low,target_high,budget,budget_realisation,financial_plan,
//   physical_plan,physical_realisation,negative_formula,source
// `unit` is a path "Dinas/Bidang Pembinaan SD/Seksi Kurikulum" that builds the
// tree. An empty cell is blank, not zero. Errors are Error{parse_error |
// format_error} whose where() is "file:line:column" (column = field number, as
// in a spreadsheet). Loading is all-or-nothing. See docs/indicators.md.
//
//   sopkit::IndicatorSet set =
//   sopkit::load_indicators_file("examples/indicators-disdikbud-2024.csv"); sopkit::Evaluation ev =
//   sopkit::evaluate(set); std::string csv = sopkit::evaluation_to_csv(set, ev);
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_set.hpp"

namespace sopkit {

// How a CSV file writes its numbers (docs/indicators.md, "Numbers").
enum class DecimalMark {
  detect,  // a file separated by ';' (Indonesian spreadsheets) writes 1.234,5; others 1234.5
  dot,     // 1234.5: a decimal dot, no thousands separator
  comma,   // 1.234,5: '.' between thousands, a decimal comma
};

struct CsvOptions {
  DecimalMark decimal_mark = DecimalMark::detect;
  // 2 or more: a file of 4 MB or more is read in two halves at once (the
  // set, and any error, the same as on one thread).
  unsigned threads = 1;
};

// Parses indicator CSV; `source` names the text in error locations. With
// DecimalMark::detect a ';' file reads "97,5" and "1.234.567" and refuses
// "1.200", which it cannot tell from 1.2, naming both readings.
IndicatorSet parse_indicators_csv(std::string_view text, const std::string& source = "<text>",
                                  const CsvOptions& options = {});

// Parses the JSON form "sopkit.indicators/1": {"format", "source"?, "units":
// [{"id", "name", "parent"}], "indicators": [{"code", "name", "satuan", "unit"
// (a unit id), "weight"?, "polarity", "accumulation", "negative_formula"?,
// "source"?, "values": [{"period", "target", "realisation", ...}]}]}. null or
// an absent key is blank. Throws Error{parse_error} with line:column, or
// Error{format_error} with the JSON pointer (a unit cycle names the units).
IndicatorSet parse_indicators_json(std::string_view text, const std::string& source = "<text>");

// The set `text` holds when it is JSON whose "format" is "sopkit.indicators/1"
// (with the errors and locations of parse_indicators_json); nothing when it is
// another document or not valid JSON, for a caller that holds a JSON file of
// either kind (an SOP or indicator data, as `sopkit store record` does) to try
// this loader first and leave the other's errors to the other loader.
std::optional<IndicatorSet> parse_indicators_json_if_format(std::string_view text,
                                                            const std::string& source = "<text>");

// Reads a file and parses it as JSON when its name ends in ".json", else as CSV.
// Throws Error{io_error} when it cannot be read.
IndicatorSet load_indicators_file(const std::string& path, const CsvOptions& options = {});

// The JSON form of a set (round-trips through parse_indicators_json).
std::string indicators_to_json(const IndicatorSet& set, int indent = 2);

// Results: one CSV row per indicator result (unit path, indicator, period,
// target, realisation, achievement, reason, score, predicate, ytd, money and
// physical progress), then one row per unit roll-up (indicator column empty).
// With `threads` > 1 a large evaluation (8 192 results or more) is written by
// a second thread too: the same text, in about half the time on two cores.
std::string evaluation_to_csv(const IndicatorSet& set, const Evaluation& ev, unsigned threads = 1);
// {"format": "sopkit.evaluation/1", "indicators": [...], "units": [...],
// "warnings": [...]}; a not-computable achievement is null with "reason".
std::string evaluation_to_json(const IndicatorSet& set, const Evaluation& ev, int indent = 2,
                               unsigned threads = 1);
// The same texts written to `out` as they are made (no copy of the whole
// text); `out` is written on the caller's thread only.
void write_evaluation_json(std::ostream& out, const IndicatorSet& set, const Evaluation& ev,
                           int indent = 2, unsigned threads = 1);
void write_evaluation_csv(std::ostream& out, const IndicatorSet& set, const Evaluation& ev,
                          unsigned threads = 1);

// Evaluate and write in one go, holding no results (evaluate() with a sink):
// the same text as the writers above given evaluate(set, options), in a
// fraction of the memory. Return the evaluation's notes. Throw as evaluate()
// does, before writing anything.
std::vector<std::string> evaluate_to_json(std::ostream& out, const IndicatorSet& set,
                                          const EvaluationOptions& options, int indent = 2);
std::vector<std::string> evaluate_to_csv(std::ostream& out, const IndicatorSet& set,
                                         const EvaluationOptions& options);

// Write atomically (temporary file + rename). Throw Error{io_error}.
void save_evaluation_csv(const IndicatorSet& set, const Evaluation& ev, const std::string& path);
void save_evaluation_json(const IndicatorSet& set, const Evaluation& ev, const std::string& path);

}  // namespace sopkit
