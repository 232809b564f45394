// indicator_builder.hpp — the rules of indicator rows in one place, whatever
// the rows come from: the CSV file, the C arrays of sopkit_indicators_new or
// the dictionary-encoded columns of sopkit_indicators_from_columns. Private to
// the library.
//
// The first row of an indicator defines it (unit, name, satuan, polarity,
// accumulation, weight, negative_formula, source); later rows may leave those
// cells blank, and what they give must agree ("differs from line 3"). Each
// (indicator, period) pair has one row. Numbers are blank (not reported) or
// finite quantities >= 0; a target is a point or a range, not both.
#pragma once

#include "indicators/detail/number_cell.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sopkit/indicator_set.hpp"

namespace sopkit::detail {

// The fields of a row, in the order of the CSV columns of docs/indicators.md.
enum Field : int {
  kUnit,
  kIndicator,
  kName,
  kSatuan,
  kPolarity,
  kAccumulation,
  kWeight,
  kPeriod,
  kTarget,
  kRealisation,
  kTargetLow,
  kTargetHigh,
  kBudget,
  kBudgetRealisation,
  kFinancialPlan,
  kPhysicalPlan,
  kPhysicalRealisation,
  kNegativeFormula,
  kSource,
  kFieldCount
};

// The CSV column name of a field ("indicator", "target_low").
const char* field_name(int field) noexcept;

// One row. Blank text is "not given". Number fields come either as text (the
// CSV's cells, parsed here so that the messages quote them) or as values
// (NaN = blank), as the builder's Style says.
struct IndicatorRow {
  std::string_view text[kFieldCount];
  double value[kFieldCount];
  IndicatorRow();
};

// Names the place of a row's field in messages ("data.csv:14:9", "row 3 (code)").
class RowPlace {
 public:
  virtual std::string where(int field) const = 0;

 protected:
  ~RowPlace() = default;
};

class IndicatorBuilder {
 public:
  struct Style {
    std::string origin_prefix;   // a cell's origin is prefix + row number: "data.csv:", "row "
    const char* row_word;        // "line" or "row", as in "differs from line 12"
    bool numbers_as_text;        // true: parse text[]; false: take value[]
    std::string source;          // the set's label; "" takes the first indicator's source
    NumberConvention numbers{};  // how text[] writes numbers
  };
  explicit IndicatorBuilder(Style style);

  // Adds a row numbered `number` (its line or index); throws
  // Error{format_error} located by `place`.
  void add(const IndicatorRow& row, std::size_t number, const RowPlace& place);
  IndicatorSet finish() &&;

 private:
  bool same_as_last_row(std::string_view code) const;
  std::size_t unit_of(const IndicatorRow& row, const RowPlace& place);
  std::size_t define(const IndicatorRow& row, std::size_t unit, std::size_t number,
                     const RowPlace& place);
  void check_agrees(const IndicatorRow& row, std::size_t ind, std::size_t unit,
                    const RowPlace& place) const;
  std::optional<double> number(const IndicatorRow& row, int field, const RowPlace& place) const;

  Style style_;
  IndicatorSet set_;
  std::vector<std::size_t> first_row_;  // per indicator: the number of its defining row
  std::string last_unit_text_;          // rows come grouped by unit: skip the path lookup
  std::size_t last_unit_ = static_cast<std::size_t>(-1);
  // Rows come grouped by indicator too: the last row's indicator is tried
  // before the code index.
  std::optional<std::size_t> last_indicator_;
};

}  // namespace sopkit::detail
