// batch_data.hpp — the numbered batches the durability tests write: batch b
// holds `size` indicators "B<b>-<i>", each with one 2024 row (target b,
// realisation i), so a reader can tell a whole batch from part of one.
#pragma once

#include <map>
#include <string>

#include "sopkit/indicator_set.hpp"

namespace sopkit::test {

inline IndicatorSet make_batch(int batch, int size) {
  IndicatorSet set;
  std::size_t unit = set.units().find_or_add_path("Dinas/Bidang Uji");
  for (int i = 0; i < size; ++i) {
    Indicator ind;
    ind.code = "B" + std::to_string(batch) + "-" + std::to_string(i);
    ind.name = "batch " + std::to_string(batch);
    ind.unit = unit;
    Cell c;
    c.indicator = set.add_indicator(std::move(ind));
    c.period = Period::of_year(2024);
    c.target = batch;
    c.realisation = i;
    set.add_cell(c);
  }
  return set;
}

// Rows per batch number, from the codes "B<b>-<i>".
inline std::map<int, int> rows_per_batch(const IndicatorSet& set) {
  std::map<int, int> out;
  for (std::size_t r = 0; r < set.cell_count(); ++r) {
    const std::string& code = set.indicator(set.cell(r).indicator).code;
    out[std::stoi(code.substr(1, code.find('-') - 1))]++;
  }
  return out;
}

}  // namespace sopkit::test
