// indicator_cells.hpp — an indicator's rows as evaluate() reads them: the
// set's rows grouped by indicator, one indicator's cells decoded when first
// read, the result of a cell and the early warnings of an indicator. Private
// to the library.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sopkit/indicator_eval.hpp"
#include "sopkit/indicator_set.hpp"

namespace sopkit::detail {

// At most four values (a year's quarters) on the stack, so that evaluating an
// indicator allocates nothing.
template <class T>
class Few {
 public:
  void push_back(T v) {
    if (n_ == v_.size()) throw std::logic_error("a year has at most four quarters");
    v_[n_++] = std::move(v);
  }
  std::size_t size() const { return n_; }
  const T& operator[](std::size_t i) const { return v_[i]; }
  void set(std::size_t i, T v) { v_[i] = std::move(v); }
  const T& back() const { return v_[n_ - 1]; }
  const T* begin() const { return v_.data(); }
  const T* end() const { return v_.data() + n_; }

 private:
  std::array<T, 4> v_{};
  std::size_t n_ = 0;
};

template <class Values>
std::optional<double> accumulate_values(Accumulation rule, const Values& values) noexcept {
  double sum = 0.0;
  std::size_t count = 0;
  std::optional<double> last;
  for (const auto& v : values) {
    if (!v) continue;
    sum += *v;
    ++count;
    last = v;
  }
  if (count == 0) return std::nullopt;
  switch (rule) {
    case Accumulation::sum:
      return sum;
    case Accumulation::last:
      return last;
    case Accumulation::average:
      return sum / static_cast<double>(count);
  }
  return std::nullopt;
}

// A period's target side: a point target or a range.
struct Target {
  std::optional<double> point, low, high;
  bool is_range() const { return low.has_value(); }
  bool blank() const { return !point && !low; }
};

// The achievement of realisation r against t, by the indicator's polarity
// and formula. Inline: it is called a few times for every indicator.
inline Achievement achieve(const Indicator& ind, const Target& t, std::optional<double> r,
                           const AchievementPolicy& policy) {
  if (t.is_range())
    return achievement_in_range(ind.polarity, t.low, t.high, r, policy, ind.negative_formula);
  return achievement(ind.polarity, t.point, r, policy, ind.negative_formula);
}

// The rows of the set grouped by indicator. A file lists an indicator's rows
// together (its year and quarters), so the rows are usually grouped already
// and only where each indicator's rows start is recorded; otherwise `order`
// lists the rows grouped.
struct RowsByIndicator {
  const IndicatorSet& set;
  std::vector<std::uint32_t> start;  // indicator i's rows are row(start[i] .. start[i + 1])
  std::vector<std::uint32_t> order;  // empty: row(k) is k; 4 bytes a row (< 2^32 rows)

  explicit RowsByIndicator(const IndicatorSet& s);

  std::size_t row(std::size_t k) const { return order.empty() ? k : order[k]; }
};

using Quarters = Few<const Cell*>;  // quarters 1..n of a year, null where absent

// The values of one column of the quarters (nullopt where absent).
Few<std::optional<double>> column(const Quarters& qs, std::optional<double> Cell::*member);

// One indicator's cells in chronological order, each decoded from the set
// when first read. Evaluating an indicator looks up its year and quarters
// several times: here a lookup is a search of a few periods already in
// cache. One period's evaluation reads only the cells it needs (Q1 and Q2
// for 2024-Q2, not the year or Q3 and Q4).
class IndicatorCells {
 public:
  explicit IndicatorCells(const RowsByIndicator& grouped) : grouped_(grouped) {}

  // Reads indicator i's periods and sorts its rows chronologically (a few,
  // nearly in order: an insertion sort; a long series: std::sort).
  void load(std::size_t ind);

  std::size_t index() const { return ind_; }
  const Indicator& indicator() const { return grouped_.set.indicator(ind_); }
  std::size_t size() const { return rows_.size(); }
  const Period& period(std::size_t j) const { return rows_[j].first; }
  const Cell& cell(std::size_t j) const {
    if (!decoded_[j]) grouped_.set.cell_values(rows_[j].second, cells_[j]);
    decoded_[j] = 1;
    return cells_[j];
  }

  // The cell of period p, or null.
  const Cell* find(const Period& p) const {
    const std::size_t j = first_not_before(p);
    return j < size() && period(j) == p ? &cell(j) : nullptr;
  }

  // Quarters 1..upto of a year. They sit together in chronological order.
  Quarters quarters(int year, int upto) const;

  // An annual target from the quarters: all four quarter targets for `sum` and
  // `average`, the Q4 target for `last` (a Q2 target is not the year's).
  Target derive_annual_target(int year) const;

  // The year's target: the annual row's, else derived from the quarters.
  Target annual_target(int year) const;

  // The realisation of a year: the annual row's, else its quarters' by the rule.
  std::optional<double> annual_realisation(int year, bool* derived) const;

 private:
  std::size_t first_not_before(const Period& p) const;

  const RowsByIndicator& grouped_;
  std::size_t ind_ = 0;
  std::vector<std::pair<Period, std::size_t>> rows_;  // (period, row), chronological
  mutable std::vector<char> decoded_;  // not vector<bool>: a byte is read faster than a bit
  mutable std::vector<Cell> cells_;
};

// The result of cell c of the indicator `cells` holds (its score uncapped and
// unrated: the caller caps and rates it).
IndicatorResult evaluate_cell(const IndicatorCells& cells, const Cell& c,
                              const EvaluationOptions& opt);

// Appends indicator i's early warnings, a year at a time; `cells` is the
// buffer its cells are read into.
void warnings_of(std::size_t i, IndicatorCells& cells, const EvaluationOptions& opt,
                 std::vector<EarlyWarning>& out);

}  // namespace sopkit::detail
