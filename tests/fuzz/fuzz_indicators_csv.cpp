// fuzz_indicators_csv.cpp — the indicator CSV loader and evaluate() on what loads.
//
// Promises checked: loading throws only parse_error or format_error
// (indicator_io.hpp); evaluate() and the result writers throw only
// sopkit::Error; a loaded set's JSON form loads again with the same
// indicators and cells (indicators_to_json "round-trips"); computable
// achievements are finite numbers, not-computable ones are NaN with a reason;
// the file read in small pieces, and in two halves on two threads, loads as
// the whole text does.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_check.hpp"
#include "io/detail/files.hpp"
#include "io/detail/indicators_csv.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace {

// The set as JSON with its rows' origins, or the error as "where: message".
template <class Load>
std::string outcome(Load load) {
  try {
    const sopkit::IndicatorSet set = load();
    std::string text = sopkit::indicators_to_json(set);
    for (std::size_t r = 0; r < set.cell_count(); ++r) text += "\n" + set.cell(r).origin;
    return text;
  } catch (const sopkit::Error& e) {
    return "error " + e.where() + ": " + e.message();
  }
}

// The same bytes read from a file in small pieces (1 to 16 bytes, chosen by
// the input) give what the whole file read and parsed gives.
void check_pieces_read_as_whole(std::string_view text) {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("fuzz-indicators-" + std::to_string(::getpid()) + ".csv"))
                                      .string();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(text.data(), static_cast<std::streamsize>(text.size()));
  const std::size_t piece = 1 + (text.empty() ? 0 : static_cast<unsigned char>(text[0]) % 16);
  // What reading the whole file and parsing it gives (a UTF-16 file refused first).
  const std::string whole = outcome([&] {
    sopkit::detail::refuse_utf16(text, path, "file");
    return sopkit::parse_indicators_csv(text, path);
  });
  const std::string pieces =
      outcome([&] { return sopkit::detail::load_indicators_csv_file(path, {}, piece); });
  if (whole != pieces)
    std::fprintf(stderr, "in pieces of %zu:\n%s\nwhole:\n%s\n", piece, pieces.c_str(),
                 whole.c_str());
  FUZZ_CHECK(whole == pieces);
  // Read in two halves on two threads, the second from a line near the middle.
  sopkit::CsvOptions two;
  two.threads = 2;
  const std::string halves =
      outcome([&] { return sopkit::detail::load_indicators_csv_file(path, two, piece, 0); });
  if (whole != halves)
    std::fprintf(stderr, "in halves:\n%s\nwhole:\n%s\n", halves.c_str(), whole.c_str());
  FUZZ_CHECK(whole == halves);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_pieces_read_as_whole(sopkit::fuzz::as_text(data, size));
  sopkit::IndicatorSet set;
  try {
    set = sopkit::parse_indicators_csv(sopkit::fuzz::as_text(data, size), "fuzz.csv");
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::parse_error ||
               e.code() == sopkit::ErrorCode::format_error);
    return 0;
  }

  const std::string json = sopkit::indicators_to_json(set);
  try {
    const sopkit::IndicatorSet again = sopkit::parse_indicators_json(json, "round-trip.json");
    FUZZ_CHECK(again.indicator_count() == set.indicator_count());
    FUZZ_CHECK(again.cell_count() == set.cell_count());
    FUZZ_CHECK(again.units().size() == set.units().size());
  } catch (const sopkit::Error& e) {
    std::fprintf(stderr, "round trip refused its own output: %s\n%s\n", e.what(), json.c_str());
    FUZZ_CHECK(!"indicators_to_json output must load again");
  }

  try {
    const sopkit::EvaluationOptions defaults;
    const sopkit::Evaluation ev = sopkit::evaluate(set, defaults);
    for (const auto& r : ev.indicators) {
      FUZZ_CHECK(r.achievement.computable() == std::isfinite(r.achievement.value));
      // Rated when computable and a version of the scale is in force (a
      // period before the first version is computed but not rated).
      const bool rated =
          defaults.scales.in_force_or_null(defaults.scale, r.period.end_date()) != nullptr;
      FUZZ_CHECK((r.achievement.computable() && rated) == (r.band != 0));
      FUZZ_CHECK(rated || !ev.notes.empty());
    }
    (void)sopkit::evaluation_to_csv(set, ev);
    (void)sopkit::evaluation_to_json(set, ev);
  } catch (const sopkit::Error&) {
  }
  // A capped evaluation of one period takes other paths (filters, caps).
  if (set.cell_count() > 0) {
    sopkit::EvaluationOptions opts;
    opts.cap = sopkit::Cap::at_110;
    opts.period = set.cell(set.cell_count() - 1).period;
    try {
      (void)sopkit::evaluate(set, opts);
    } catch (const sopkit::Error&) {
    }
  }
  return 0;
}
