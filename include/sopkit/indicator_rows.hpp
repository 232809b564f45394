// indicator_rows.hpp — an indicator set built from rows, by the rules of the
// CSV file, whatever the rows come from: the CSV loader
// (load_indicators_file), the C arrays of sopkit_indicators_new, the columns
// of sopkit_indicators_from_columns and a program's own rows all build sets
// through IndicatorSetBuilder, so that the same rows get the same verdict.
//
// The rules: the first row of an indicator defines it (unit path, name,
// satuan, polarity, accumulation, weight, negative_formula, source); later
// rows may leave those cells blank, and what they give must agree ("name of
// IKU-1 differs from row 0"). Each (indicator, period) pair has one row.
// Numbers are blank (not reported) or finite quantities >= 0; a target is a
// point or a range, not both. docs/indicators.md lists the columns.
//
//   sopkit::IndicatorSetBuilder builder({"row ", "row", true, "Dinas Pendidikan"});
//   sopkit::IndicatorRow row;
//   using C = sopkit::IndicatorColumn;
//   row.text[C::unit] = "Dinas/Bidang SD";
//   row.text[C::indicator] = "IKU-1";
//   row.text[C::polarity] = "positive";
//   row.text[C::accumulation] = "last";
//   row.text[C::period] = "2024-Q2";
//   row.text[C::target] = "90";
//   builder.add(row, 0, place);  // place: an IndicatorRowPlace naming "row 0 (target)"
//   sopkit::IndicatorSet set = std::move(builder).finish();
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sopkit/indicator_set.hpp"

namespace sopkit {

// The columns of a row, in the order of the CSV columns.
struct IndicatorColumn {
  enum : int {
    unit,
    indicator,
    name,
    satuan,
    polarity,
    accumulation,
    weight,
    period,
    target,
    realisation,
    target_low,
    target_high,
    budget,
    budget_realisation,
    financial_plan,
    physical_plan,
    physical_realisation,
    negative_formula,
    source,
    count
  };
};

// The CSV column's name of an IndicatorColumn ("indicator", "target_low"); "?"
// out of range.
const char* indicator_column_name(int column) noexcept;

// One row. Blank text is "not given". Numbers come either as text (parsed by
// the builder, so that messages quote the cell) or as values (NaN = blank), as
// the builder's Style says.
struct IndicatorRow {
  std::string_view text[IndicatorColumn::count];
  double value[IndicatorColumn::count];
  IndicatorRow();  // every text blank, every value NaN
};

// Names the place of a row's column in messages: "data.csv:14:9", "row 3 (code)".
class IndicatorRowPlace {
 public:
  virtual std::string where(int column) const = 0;

 protected:
  ~IndicatorRowPlace() = default;
};

class IndicatorSetBuilder {
 public:
  struct Style {
    std::string origin_prefix;   // a row's origin is prefix + its number: "data.csv:", "row "
    const char* row_word;        // "line" or "row", as in "differs from line 12"
    bool numbers_as_text;        // true: parse text[]; false: take value[]
    std::string source;          // the set's label; "" takes the first indicator's source
    bool decimal_comma = false;  // numbers as text write "1.234,5"
    bool decimal_mark_declared = false;  // said by the caller, not guessed
  };
  explicit IndicatorSetBuilder(Style style);

  // Adds a row numbered `number` (its line or index); throws
  // Error{format_error} located by `place` when the row breaks a rule.
  void add(const IndicatorRow& row, std::size_t number, const IndicatorRowPlace& place);
  // The rows added so far are about `fraction` (0..1] of all, as a loader
  // estimates from its input's size: room for the rest is reserved at once.
  void expect_rest(double fraction);
  // Takes the rows `later` was given as if they had been added here after
  // this builder's own, each row's number shifted by `number_shift`: a large
  // file's second half is built on another thread, then absorbed. Returns
  // false, changing nothing, when the verdict needs the rows one by one: an
  // indicator both builders were given whose definitions may disagree, or an
  // (indicator, period) pair both were given. The caller then adds those rows
  // here, which accepts them or throws the error a one-thread load throws.
  // With `threads` > 1 the rows are appended on a second thread while the
  // indicators are taken over (the same set).
  bool absorb(IndicatorSetBuilder&& later, std::size_t number_shift, unsigned threads = 1);
  IndicatorSet finish() &&;

 private:
  // The indicator `later` defined as `theirs` (its unit `their_unit` here)
  // takes the rows this builder's `ours` takes, and no other.
  static bool same_definition(const Indicator& ours, const Indicator& theirs,
                              std::optional<std::size_t> their_unit);
  bool shares_a_period(const IndicatorSet& later, const std::vector<std::size_t>& ours_of) const;
  // Each of `later`'s indicators (codes hashed, units found here) as held
  // here (`ours_of`: its index, or -1 for a new one); false when one of them
  // cannot be absorbed.
  bool match_indicators(const IndicatorSet& later, const std::vector<std::uint64_t>& hash,
                        const std::vector<std::optional<std::size_t>>& unit_here,
                        std::vector<std::size_t>& ours_of) const;
  bool same_as_last_row(std::string_view code) const;
  Period period_of(std::string_view text, const IndicatorRowPlace& place);
  std::size_t unit_of(const IndicatorRow& row, const IndicatorRowPlace& place);
  // A new indicator from its first row; `code_hash` its code's
  // (IndicatorSet::code_hash), found absent.
  std::size_t define(const IndicatorRow& row, std::size_t unit, std::size_t number,
                     const IndicatorRowPlace& place, std::uint64_t code_hash);
  void check_agrees(const IndicatorRow& row, std::size_t ind, std::size_t unit,
                    const IndicatorRowPlace& place) const;
  // NaN for a blank cell (a returned optional goes through memory on the
  // hottest path of a load). cell_number answers an empty cell in the
  // caller; number reads the rest.
  double cell_number(const IndicatorRow& row, int field, const IndicatorRowPlace& place) const;
  double number(const IndicatorRow& row, int field, const IndicatorRowPlace& place) const;

  Style style_;
  IndicatorSet set_;
  std::vector<std::size_t> first_row_;  // per indicator: the number of its defining row
  std::string last_unit_text_;          // rows come grouped by unit: skip the path lookup
  std::size_t last_unit_ = static_cast<std::size_t>(-1);
  // Rows come grouped by indicator too: the last row's indicator is tried
  // before the code index.
  std::optional<std::size_t> last_indicator_;
  // A file holds a few periods, row after row: their texts are parsed once.
  static constexpr std::size_t kKnownPeriods = 8;
  std::vector<std::pair<std::string, Period>> known_periods_;
  std::size_t next_period_ = 0;  // the known period after the last row's
};

}  // namespace sopkit
