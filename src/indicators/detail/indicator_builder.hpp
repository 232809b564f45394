// indicator_builder.hpp — the library's short names for the one builder of
// indicator sets (sopkit/indicator_rows.hpp). Private to the library.
#pragma once

#include "sopkit/indicator_rows.hpp"

namespace sopkit::detail {

// The fields of a row, in the order of the CSV columns (IndicatorColumn).
enum Field : int {
  kUnit = IndicatorColumn::unit,
  kIndicator = IndicatorColumn::indicator,
  kName = IndicatorColumn::name,
  kSatuan = IndicatorColumn::satuan,
  kPolarity = IndicatorColumn::polarity,
  kAccumulation = IndicatorColumn::accumulation,
  kWeight = IndicatorColumn::weight,
  kPeriod = IndicatorColumn::period,
  kTarget = IndicatorColumn::target,
  kRealisation = IndicatorColumn::realisation,
  kTargetLow = IndicatorColumn::target_low,
  kTargetHigh = IndicatorColumn::target_high,
  kBudget = IndicatorColumn::budget,
  kBudgetRealisation = IndicatorColumn::budget_realisation,
  kFinancialPlan = IndicatorColumn::financial_plan,
  kPhysicalPlan = IndicatorColumn::physical_plan,
  kPhysicalRealisation = IndicatorColumn::physical_realisation,
  kNegativeFormula = IndicatorColumn::negative_formula,
  kSource = IndicatorColumn::source,
  kFieldCount = IndicatorColumn::count
};

inline const char* field_name(int field) noexcept {
  return indicator_column_name(field);
}

using IndicatorBuilder = IndicatorSetBuilder;
using IndicatorRow = sopkit::IndicatorRow;
using RowPlace = IndicatorRowPlace;

}  // namespace sopkit::detail
