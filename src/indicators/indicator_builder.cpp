// indicator_builder.cpp — the rules of indicator rows (sopkit/indicator_rows.hpp).
#include "indicators/detail/indicator_builder.hpp"

#include "indicators/detail/number_cell.hpp"

#include <cmath>
#include <future>
#include <limits>
#include <new>
#include <stdexcept>
#include <utility>

#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"
#include "util/text.hpp"

namespace sopkit::detail {

namespace {

const char* const kFieldNames[kFieldCount] = {"unit",
                                              "indicator",
                                              "name",
                                              "satuan",
                                              "polarity",
                                              "accumulation",
                                              "weight",
                                              "period",
                                              "target",
                                              "realisation",
                                              "target_low",
                                              "target_high",
                                              "budget",
                                              "budget_realisation",
                                              "financial_plan",
                                              "physical_plan",
                                              "physical_realisation",
                                              "negative_formula",
                                              "source"};

[[noreturn]] void fail(const IndicatorRowPlace& place, int field, const std::string& message) {
  throw Error(ErrorCode::format_error, message, place.where(field));
}

// Runs `fn`; an Error{invalid_argument} of the model (a bad polarity name, an
// empty path level) gets the field's location.
template <typename Fn>
auto located(const IndicatorRowPlace& place, int field, Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    if (!e.where().empty() && e.code() != ErrorCode::invalid_argument) throw;
    fail(place, field, e.message());
  }
}

// A row's number by the rules (a cell's text read by `text_convention`, or
// the value when that is null), or Error{format_error} saying what is wrong.
// Out of line: the common cells never come here.
[[gnu::noinline]] double checked_number(const NumberConvention* text_convention,
                                        const IndicatorRow& row, int field,
                                        const IndicatorRowPlace& place) {
  const std::string_view text = trim(row.text[field]);
  double v = row.value[field];
  if (text_convention) {
    NumberCell cell = read_number_cell(text, *text_convention);
    if (!cell.value)
      fail(place, field,
           std::string(kFieldNames[field]) + " '" + excerpt(text) + "' " + cell.problem);
    v = *cell.value;
  }
  auto shown = [&] { return text_convention ? excerpt(text) : format_number(v); };
  if (!std::isfinite(v))
    fail(place, field, std::string(kFieldNames[field]) + " '" + shown() + "' is out of range");
  if (v < 0)
    fail(place, field,
         std::string(kFieldNames[field]) + " " + shown() +
             " is negative; achievement, budget and progress figures are quantities >= 0");
  return v;
}

bool given(double number) {
  return !std::isnan(number);
}

}  // namespace

}  // namespace sopkit::detail

namespace sopkit {

using namespace detail;

const char* indicator_column_name(int column) noexcept {
  return column >= 0 && column < kFieldCount ? kFieldNames[column] : "?";
}

IndicatorRow::IndicatorRow() {
  for (double& v : value) v = std::numeric_limits<double>::quiet_NaN();
}

IndicatorSetBuilder::IndicatorSetBuilder(Style style) : style_(std::move(style)) {
  set_.source = style_.source;
  set_.set_origin_prefix(style_.origin_prefix);
}

double IndicatorSetBuilder::number(const IndicatorRow& row, int field,
                                   const IndicatorRowPlace& place) const {
  constexpr double kBlank = std::numeric_limits<double>::quiet_NaN();
  if (style_.numbers_as_text) {
    const std::string_view text = trim(row.text[field]);
    if (text.empty()) return kBlank;  // blank, not zero
    // Most cells of a decimal-dot file are plain numbers >= 0 ("113.6"): read
    // in place; anything else takes the way that explains a refusal.
    if (!style_.decimal_comma) {
      double v;
      if (read_short_decimal(text, v)) return v;
      if (const auto plain = parse_plain_number(text);
          plain && *plain >= 0 && std::isfinite(*plain))
        return *plain;
    }
  } else if (std::isnan(row.value[field])) {
    return kBlank;
  }
  const NumberConvention convention{style_.decimal_comma, style_.decimal_mark_declared};
  return checked_number(style_.numbers_as_text ? &convention : nullptr, row, field, place);
}

// Most cells of a file's optional columns are empty: answered here, inlined
// into add(), without the call.
inline double IndicatorSetBuilder::cell_number(const IndicatorRow& row, int field,
                                               const IndicatorRowPlace& place) const {
  if (style_.numbers_as_text ? row.text[field].empty() : std::isnan(row.value[field]))
    return std::numeric_limits<double>::quiet_NaN();
  return number(row, field, place);
}

std::size_t IndicatorSetBuilder::unit_of(const IndicatorRow& row, const IndicatorRowPlace& place) {
  const std::string_view text = trim(row.text[kUnit]);
  if (text.empty()) fail(place, kUnit, "the unit is empty; give a path such as Dinas/Bidang/Seksi");
  if (last_unit_ != static_cast<std::size_t>(-1) && text == last_unit_text_) return last_unit_;
  last_unit_ = located(place, kUnit, [&] { return set_.units().find_or_add_path(text); });
  last_unit_text_.assign(text);
  return last_unit_;
}

std::size_t IndicatorSetBuilder::define(const IndicatorRow& row, std::size_t unit,
                                        std::size_t number_of_row, const IndicatorRowPlace& place,
                                        std::uint64_t code_hash) {
  auto text = [&](int f) { return trim(row.text[f]); };
  Indicator d;
  d.code = std::string(text(kIndicator));
  d.name = std::string(text(kName));
  d.satuan = std::string(text(kSatuan));
  d.unit = unit;
  if (text(kPolarity).empty())
    fail(place, kPolarity, "the indicator's first row must give its polarity");
  d.polarity = located(place, kPolarity, [&] { return parse_polarity(text(kPolarity)); });
  if (text(kAccumulation).empty())
    fail(place, kAccumulation, "the indicator's first row must give its accumulation");
  d.accumulation =
      located(place, kAccumulation, [&] { return parse_accumulation(text(kAccumulation)); });
  if (const double w = cell_number(row, kWeight, place); given(w)) d.weight = w;
  if (!text(kNegativeFormula).empty())
    d.negative_formula = located(place, kNegativeFormula,
                                 [&] { return parse_negative_formula(text(kNegativeFormula)); });
  d.source = std::string(text(kSource));
  if (set_.source.empty()) set_.source = d.source;
  const std::size_t ind =
      located(place, kIndicator, [&] { return set_.add_new_indicator(std::move(d), code_hash); });
  first_row_.push_back(number_of_row);
  return ind;
}

void IndicatorSetBuilder::check_agrees(const IndicatorRow& row, std::size_t ind, std::size_t unit,
                                       const IndicatorRowPlace& place) const {
  auto text = [&](int f) { return trim(row.text[f]); };
  const Indicator& d = set_.indicator(ind);
  auto differs = [&](int f) {
    fail(place, f,
         std::string(kFieldNames[f]) + " of " + d.code + " differs from " + style_.row_word + " " +
             std::to_string(first_row_[ind]));
  };
  auto same_text = [&](int f, const std::string& v) {
    if (!text(f).empty() && text(f) != v) differs(f);
  };
  same_text(kName, d.name);
  same_text(kSatuan, d.satuan);
  same_text(kSource, d.source);
  if (unit != d.unit) differs(kUnit);
  if (!text(kPolarity).empty() &&
      located(place, kPolarity, [&] { return parse_polarity(text(kPolarity)); }) != d.polarity)
    differs(kPolarity);
  if (!text(kAccumulation).empty() && located(place, kAccumulation, [&] {
                                        return parse_accumulation(text(kAccumulation));
                                      }) != d.accumulation)
    differs(kAccumulation);
  if (const double w = cell_number(row, kWeight, place); given(w) && w != d.weight)
    differs(kWeight);
  if (!text(kNegativeFormula).empty() && located(place, kNegativeFormula, [&] {
                                           return parse_negative_formula(text(kNegativeFormula));
                                         }) != d.negative_formula)
    differs(kNegativeFormula);
}

Period IndicatorSetBuilder::period_of(std::string_view text, const IndicatorRowPlace& place) {
  // An indicator's rows follow the same order of periods (the year, then its
  // quarters): the period after the last row's is tried first.
  const std::size_t n = known_periods_.size();
  for (std::size_t k = 0, i = next_period_; k < n; ++k, i = i + 1 == n ? 0 : i + 1)
    if (known_periods_[i].first == text) {
      next_period_ = i + 1 == n ? 0 : i + 1;
      return known_periods_[i].second;
    }
  const Period period = located(place, kPeriod, [&] { return Period::parse(text); });
  if (n < kKnownPeriods) known_periods_.emplace_back(text, period);
  return period;
}

bool IndicatorSetBuilder::same_as_last_row(std::string_view code) const {
  return last_indicator_ && set_.indicator(*last_indicator_).code == code;
}

void IndicatorSetBuilder::add(const IndicatorRow& row, std::size_t number_of_row,
                              const IndicatorRowPlace& place) {
  const std::string_view code = trim(row.text[kIndicator]);
  if (code.empty()) fail(place, kIndicator, "the indicator code is empty");
  const std::size_t unit = unit_of(row, place);
  const Period period = period_of(trim(row.text[kPeriod]), place);

  std::size_t ind;
  if (same_as_last_row(code)) {
    ind = *last_indicator_;
    check_agrees(row, ind, unit, place);
  } else if (const std::uint64_t hash = IndicatorSet::code_hash(code);
             const auto found = set_.find_indicator(code, hash)) {
    ind = *found;
    check_agrees(row, ind, unit, place);
  } else {
    ind = define(row, unit, number_of_row, place, hash);
  }
  last_indicator_ = ind;

  // The numbers in the set's column order (target, realisation, ...,
  // physical_realisation: the fields from kTarget on), the given ones packed.
  constexpr int kNumbers = kPhysicalRealisation - kTarget + 1;
  double number[kNumbers];
  double packed[kNumbers];
  std::uint16_t mask = 0;
  std::size_t n = 0;
  for (int k = 0; k < kNumbers; ++k) {
    number[k] = cell_number(row, kTarget + k, place);
    if (!given(number[k])) continue;
    packed[n++] = number[k];
    mask = static_cast<std::uint16_t>(mask | 1u << k);
  }
  const double target = number[0], low = number[kTargetLow - kTarget],
               high = number[kTargetHigh - kTarget];
  if (given(low) != given(high))
    fail(place, given(low) ? kTargetHigh : kTargetLow,
         "a target range needs both target_low and target_high");
  if (given(low) && low > high) fail(place, kTargetLow, "target_low is above target_high");
  if (given(low) && given(target))
    fail(place, kTarget, "give either target or target_low/target_high, not both");
  const std::size_t prev = located(place, kPeriod, [&] {
    return set_.add_checked_row(ind, period, mask, packed, n, number_of_row);
  });
  if (prev != IndicatorSet::kAdded)
    fail(place, kPeriod,
         "indicator " + std::string(code) + " has a second row for period " + period.to_string() +
             " (the first is at " + set_.cell(prev).origin + ")");
}

void IndicatorSetBuilder::expect_rest(double fraction) {
  try {
    first_row_.reserve(set_.reserve_rest(fraction));
  } catch (const std::bad_alloc&) {  // only an optimisation, as the set's
  } catch (const std::length_error&) {
  }
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
// Each code's slot is a cache miss in a national set's table: the slots of
// the codes kAhead further on are fetched while one is looked up.
constexpr std::size_t kAhead = 16;

}  // namespace

bool IndicatorSetBuilder::same_definition(const Indicator& ours, const Indicator& theirs,
                                          std::optional<std::size_t> their_unit) {
  // `theirs` was made from its first row there, a later row here: what that
  // row leaves blank it may leave blank, what it gives must agree, and the
  // rows after it were checked against `theirs`. A blank weight there reads
  // 1 (it would have let a later row's 1 pass): the weights must be equal.
  const auto blank_or = [](const std::string& t, const std::string& o) {
    return t.empty() || t == o;
  };
  return their_unit == ours.unit && theirs.polarity == ours.polarity &&
         theirs.accumulation == ours.accumulation && theirs.weight == ours.weight &&
         (!theirs.negative_formula || theirs.negative_formula == ours.negative_formula) &&
         blank_or(theirs.name, ours.name) && blank_or(theirs.satuan, ours.satuan) &&
         blank_or(theirs.source, ours.source);
}

bool IndicatorSetBuilder::shares_a_period(const IndicatorSet& later,
                                          const std::vector<std::size_t>& ours_of) const {
  for (std::size_t r = 0; r < later.cell_count(); ++r)
    if (const std::size_t ours = ours_of[later.cell_indicator(r)];
        ours != kNone && set_.find_cell(ours, later.cell_period(r)))
      return true;
  return false;
}

bool IndicatorSetBuilder::match_indicators(const IndicatorSet& later,
                                           const std::vector<std::uint64_t>& hash,
                                           const std::vector<std::optional<std::size_t>>& unit_here,
                                           std::vector<std::size_t>& ours_of) const {
  bool shared = false;
  ours_of.assign(hash.size(), kNone);
  for (std::size_t i = 0; i < hash.size(); ++i) {
    if (i + kAhead < hash.size()) set_.by_code_.prefetch(hash[i + kAhead]);
    const Indicator& d = later.indicators_[i];
    if (const auto ours = set_.find_indicator(d.code, hash[i])) {
      if (!same_definition(set_.indicators_[*ours], d, unit_here[d.unit])) return false;
      ours_of[i] = *ours;
      shared = true;
    }
  }
  return !shared || !shares_a_period(later, ours_of);
}

bool IndicatorSetBuilder::absorb(IndicatorSetBuilder&& later, std::size_t number_shift,
                                 unsigned threads) {
  IndicatorSet& theirs = later.set_;
  const std::vector<std::string> paths = theirs.units().paths();
  std::vector<std::optional<std::size_t>> unit_here(paths.size());
  for (std::size_t u = 0; u < paths.size(); ++u) unit_here[u] = set_.units().find_path(paths[u]);
  const std::size_t n = theirs.indicator_count();
  std::vector<std::uint64_t> hash(n);
  for (std::size_t i = 0; i < n; ++i) hash[i] = IndicatorSet::code_hash(theirs.indicators_[i].code);
  // First every check, then every change.
  std::vector<std::size_t> ours_of;
  if (!match_indicators(theirs, hash, unit_here, ours_of)) return false;

  std::vector<std::size_t> unit_of(paths.size());
  for (std::size_t u = 0; u < paths.size(); ++u)
    unit_of[u] = unit_here[u] ? *unit_here[u] : set_.units().find_or_add_path(paths[u]);
  if (set_.source.empty()) set_.source = theirs.source;
  // The new indicators go after ours, in their order: their numbers are known
  // before they are taken, so with two threads the rows (the columns alone)
  // are appended on the second while the indicators (the indicators and the
  // code index alone) are taken over here. Both write memory touched for the
  // first time.
  const std::size_t first_new = set_.indicator_count();  // ours_of[i] >= it: taken over
  for (std::size_t i = 0, next = first_new; i < n; ++i)
    if (ours_of[i] == kNone) ours_of[i] = next++;
  auto append_rows = [&] { set_.append_rows(theirs, ours_of, number_shift); };
  std::future<void> rows;
  if (threads > 1) rows = std::async(std::launch::async, append_rows);
  // What is taken from `later` is freed as it goes (see append_rows).
  theirs.by_code_ = {};
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) set_.by_code_.prefetch(hash[i + kAhead]);
    if (ours_of[i] < first_new) continue;  // held here already
    Indicator& d = theirs.indicators_[i];  // moved once, straight into ours
    d.unit = unit_of[d.unit];
    set_.add_absent_indicator(std::move(d), hash[i]);
    first_row_.push_back(later.first_row_[i] + number_shift);
  }
  std::vector<Indicator>().swap(theirs.indicators_);
  if (rows.valid())
    rows.get();  // (an exception of the rows' thread is thrown here)
  else
    append_rows();
  return true;
}

IndicatorSet IndicatorSetBuilder::finish() && {
  return std::move(set_);
}

}  // namespace sopkit
