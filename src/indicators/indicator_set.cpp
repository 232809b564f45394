// indicator_set.cpp — periods, the unit tree and the columnar IndicatorSet.
//
// Values are kept in Eigen arrays, one per column, with NaN as the blank
// marker. That is safe only because add_cell refuses NaN input: inside the set
// NaN can mean nothing but "not reported".
#include "sopkit/indicator_set.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"

namespace sopkit {

// ---- enums ----------------------------------------------------------------

const char* to_string(Polarity p) noexcept {
  switch (p) {
    case Polarity::positive:
      return "positive";
    case Polarity::negative:
      return "negative";
    case Polarity::range:
      return "range";
  }
  return "?";
}

const char* to_string(Accumulation a) noexcept {
  switch (a) {
    case Accumulation::sum:
      return "sum";
    case Accumulation::last:
      return "last";
    case Accumulation::average:
      return "average";
  }
  return "?";
}

const char* to_string(NegativeFormula f) noexcept {
  return f == NegativeFormula::difference ? "difference" : "ratio";
}

Polarity parse_polarity(std::string_view text) {
  const std::string t = detail::lower_ascii(detail::trim(text));
  if (t == "positive" || t == "positif") return Polarity::positive;
  if (t == "negative" || t == "negatif") return Polarity::negative;
  if (t == "range") return Polarity::range;
  throw Error(ErrorCode::invalid_argument,
              "polarity '" + std::string(text) + "' is not positive, negative or range");
}

Accumulation parse_accumulation(std::string_view text) {
  const std::string t = detail::lower_ascii(detail::trim(text));
  if (t == "sum") return Accumulation::sum;
  if (t == "last") return Accumulation::last;
  if (t == "average") return Accumulation::average;
  throw Error(ErrorCode::invalid_argument,
              "accumulation '" + std::string(text) + "' is not sum, last or average");
}

NegativeFormula parse_negative_formula(std::string_view text) {
  const std::string t = detail::lower_ascii(detail::trim(text));
  if (t == "difference") return NegativeFormula::difference;
  if (t == "ratio") return NegativeFormula::ratio;
  throw Error(ErrorCode::invalid_argument, "negative_formula '" + std::string(text) +
                                               "' is not difference ((2T-R)/T) or ratio (T/R)");
}

// ---- Period ---------------------------------------------------------------

namespace {

constexpr int kMinYear = 1900, kMaxYear = 2999;

bool plausible_year(int y) {
  return y >= kMinYear && y <= kMaxYear;
}

std::optional<int> parse_year(std::string_view s) {
  if (s.size() != 4) return std::nullopt;
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    y = y * 10 + (c - '0');
  }
  return y;
}

}  // namespace

Period Period::of_quarter(int year, int quarter) {
  if (!plausible_year(year) || quarter < 1 || quarter > 4)
    throw Error(ErrorCode::invalid_argument,
                "no quarter " + std::to_string(quarter) + " of year " + std::to_string(year));
  return {Kind::quarter, year, quarter, year};
}

Period Period::of_year(int year) {
  if (!plausible_year(year))
    throw Error(ErrorCode::invalid_argument, "year " + std::to_string(year) + " is implausible");
  return {Kind::year, year, 0, year};
}

Period Period::of_span(int first_year, int last_year) {
  if (!plausible_year(first_year) || !plausible_year(last_year) || last_year <= first_year)
    throw Error(ErrorCode::invalid_argument,
                "a multi-year period runs from an earlier to a later "
                "year, not " +
                    std::to_string(first_year) + "-" + std::to_string(last_year));
  return {Kind::multi_year, first_year, 0, last_year};
}

Period Period::parse(std::string_view text) {
  const std::string t = detail::lower_ascii(detail::trim(text));
  auto fail = [&]() -> Period {
    throw Error(ErrorCode::invalid_argument,
                "period '" + std::string(text) +
                    "' is not a year (2024), a quarter (2024-Q1..2024-Q4, 2024-TW1..2024-TW4) "
                    "or a Renstra span (2021-2026)");
  };
  const std::string_view v(t);
  if (auto y = parse_year(v)) {
    if (!plausible_year(*y)) fail();
    return of_year(*y);
  }
  if (v.size() < 6 || v[4] != '-') return fail();
  auto y = parse_year(v.substr(0, 4));
  if (!y || !plausible_year(*y)) return fail();
  std::string_view rest = v.substr(5);
  if (auto y2 = parse_year(rest)) {
    if (!plausible_year(*y2) || *y2 <= *y) return fail();
    return of_span(*y, *y2);
  }
  if (rest.size() == 2 && rest[0] == 'q')
    rest.remove_prefix(1);
  else if (rest.size() == 3 && rest[0] == 't' && rest[1] == 'w')
    rest.remove_prefix(2);
  else
    return fail();
  if (rest[0] < '1' || rest[0] > '4') return fail();
  return of_quarter(*y, rest[0] - '0');
}

std::string Period::to_string() const {
  switch (kind) {
    case Kind::quarter:
      return std::to_string(year) + "-Q" + std::to_string(quarter);
    case Kind::year:
      return std::to_string(year);
    case Kind::multi_year:
      return std::to_string(year) + "-" + std::to_string(end_year);
  }
  return "?";
}

std::string Period::end_date() const {
  static const char* kQuarterEnd[] = {"", "-03-31", "-06-30", "-09-30", "-12-31"};
  if (kind == Kind::quarter) return std::to_string(year) + kQuarterEnd[quarter];
  return std::to_string(end_year) + "-12-31";
}

bool Period::operator<(const Period& o) const noexcept {
  // Sort key: (end year, rank) where a quarter ranks 1..4, the year 5 and a
  // span 6, then by first year.
  auto rank = [](const Period& p) {
    return p.kind == Kind::quarter ? p.quarter : p.kind == Kind::year ? 5 : 6;
  };
  return std::make_tuple(end_year, rank(*this), year) <
         std::make_tuple(o.end_year, rank(o), o.year);
}

// ---- UnitTree -------------------------------------------------------------

namespace {

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

std::size_t hash_text(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

std::size_t hash_child(std::size_t parent, std::string_view name) {
  return hash_text(name) ^ (parent * 0x9E3779B97F4A7C15ull);
}

// The first unit of `index` under hash `h` that `same` accepts.
template <typename Same>
std::optional<std::size_t> find_hashed(
    const std::unordered_multimap<std::size_t, std::size_t>& index, std::size_t h, Same&& same) {
  const auto range = index.equal_range(h);
  for (auto it = range.first; it != range.second; ++it)
    if (same(it->second)) return it->second;
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> UnitTree::find_child(std::size_t parent, std::string_view name) const {
  return find_hashed(by_name_, hash_child(parent, name),
                     [&](std::size_t i) { return parents_[i] == parent && names_[i] == name; });
}

std::size_t UnitTree::add(std::string name, std::optional<std::size_t> parent, std::string id) {
  const std::string trimmed(detail::trim(name));
  if (trimmed.empty()) throw Error(ErrorCode::invalid_argument, "a unit needs a name");
  if (parent && *parent >= names_.size())
    throw Error(ErrorCode::invalid_argument, "unknown parent unit for '" + trimmed + "'");
  const std::size_t p = parent ? *parent : kNoParent;
  if (auto twin = find_child(p, trimmed))
    throw Error(ErrorCode::invalid_argument, "unit '" + path(*twin) + "' is given twice");
  if (!id.empty() && find_id(id))
    throw Error(ErrorCode::invalid_argument, "unit id '" + id + "' is given twice");
  const std::size_t unit = names_.size();
  by_name_.emplace(hash_child(p, trimmed), unit);
  if (!id.empty()) by_id_.emplace(hash_text(id), unit);
  names_.push_back(trimmed);
  ids_.push_back(std::move(id));
  parents_.push_back(p);
  children_.emplace_back();
  if (p != kNoParent) children_[p].push_back(unit);
  return unit;
}

std::optional<std::size_t> UnitTree::find_path(std::string_view path_text) const {
  std::size_t cur = kNoParent;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path_text.find('/', start);
    const std::string_view seg = detail::trim(path_text.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    const auto found = find_child(cur, seg);
    if (!found) return std::nullopt;
    cur = *found;
    if (slash == std::string_view::npos) return cur;
    start = slash + 1;
  }
}

std::size_t UnitTree::find_or_add_path(std::string_view path_text) {
  std::optional<std::size_t> cur;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path_text.find('/', start);
    const std::string_view seg = detail::trim(path_text.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (seg.empty())
      throw Error(ErrorCode::invalid_argument,
                  "unit path '" + std::string(path_text) + "' has an empty level");
    const auto found = find_child(cur ? *cur : kNoParent, seg);
    cur = found ? *found : add(std::string(seg), cur);
    if (slash == std::string_view::npos) return *cur;
    start = slash + 1;
  }
}

std::optional<std::size_t> UnitTree::find_id(std::string_view id) const {
  if (id.empty()) return std::nullopt;
  return find_hashed(by_id_, hash_text(id), [&](std::size_t i) { return ids_[i] == id; });
}

std::optional<std::size_t> UnitTree::parent(std::size_t unit) const {
  const std::size_t p = parents_.at(unit);
  if (p == kNoParent) return std::nullopt;
  return p;
}

std::vector<std::size_t> UnitTree::children(std::size_t unit) const {
  return children_.at(unit);
}

std::string UnitTree::path(std::size_t unit) const {
  std::string out = names_.at(unit);
  for (std::size_t p = parents_[unit]; p != kNoParent; p = parents_[p]) out = names_[p] + "/" + out;
  return out;
}

std::size_t UnitTree::depth(std::size_t unit) const {
  std::size_t d = 0;
  for (std::size_t p = parents_.at(unit); p != kNoParent; p = parents_[p]) ++d;
  return d;
}

bool UnitTree::within(std::size_t unit, std::size_t ancestor) const {
  for (std::size_t u = unit; u != kNoParent; u = parents_.at(u))
    if (u == ancestor) return true;
  return false;
}

// ---- IndicatorSet ---------------------------------------------------------

// One Eigen array per value column, grown geometrically. NaN = blank.
struct IndicatorSet::Columns {
  static constexpr int kValueColumns = 9;
  std::size_t size = 0;
  Eigen::ArrayXXd values;  // kValueColumns x capacity, column-major: one cell's values together
  std::vector<std::size_t> indicator;
  std::vector<Period> period;
  std::vector<std::string> origin;
  std::map<std::tuple<std::size_t, int, int, int, int>, std::size_t> index;

  static auto key(std::size_t ind, const Period& p) {
    return std::make_tuple(ind, static_cast<int>(p.kind), p.year, p.quarter, p.end_year);
  }
};

IndicatorSet::IndicatorSet() : cols_(std::make_unique<Columns>()) {}
IndicatorSet::~IndicatorSet() = default;
IndicatorSet::IndicatorSet(const IndicatorSet& o)
    : source(o.source),
      units_(o.units_),
      indicators_(o.indicators_),
      by_code_(o.by_code_),
      cols_(std::make_unique<Columns>(*o.cols_)) {}
IndicatorSet& IndicatorSet::operator=(const IndicatorSet& o) {
  if (this != &o) *this = IndicatorSet(o);
  return *this;
}
IndicatorSet::IndicatorSet(IndicatorSet&&) noexcept = default;
IndicatorSet& IndicatorSet::operator=(IndicatorSet&&) noexcept = default;

std::size_t IndicatorSet::add_indicator(Indicator ind) {
  const std::string where = "indicator '" + ind.code + "'";
  if (detail::trim(ind.code).empty())
    throw Error(ErrorCode::invalid_argument, "an indicator needs a code");
  if (find_indicator(ind.code))
    throw Error(ErrorCode::invalid_argument, "the code is given to two indicators", where);
  if (ind.unit >= units_.size())
    throw Error(ErrorCode::invalid_argument, "the owner unit does not exist", where);
  if (!std::isfinite(ind.weight) || ind.weight < 0)
    throw Error(ErrorCode::invalid_argument,
                "weight " + detail::format_number(ind.weight) + " must be a number >= 0", where);
  by_code_.emplace(hash_text(ind.code), indicators_.size());
  indicators_.push_back(std::move(ind));
  return indicators_.size() - 1;
}

std::optional<std::size_t> IndicatorSet::find_indicator(std::string_view code) const {
  return find_hashed(by_code_, hash_text(code),
                     [&](std::size_t i) { return indicators_[i].code == code; });
}

namespace {

constexpr double kBlank = std::numeric_limits<double>::quiet_NaN();

double or_blank(const std::optional<double>& v) {
  return v ? *v : kBlank;
}
std::optional<double> from_column(double v) {
  if (std::isnan(v)) return std::nullopt;
  return v;
}

}  // namespace

void IndicatorSet::add_cell(const Cell& c) {
  if (c.indicator >= indicators_.size())
    throw Error(ErrorCode::invalid_argument, "unknown indicator for a row", c.origin);
  const std::string what =
      "indicator '" + indicators_[c.indicator].code + "' period " + c.period.to_string();
  auto fail = [&](const std::string& msg) {
    throw Error(ErrorCode::invalid_argument, what + ": " + msg, c.origin);
  };
  struct Named {
    const char* name;
    const std::optional<double>* v;
  };
  const Named values[] = {{"target", &c.target},
                          {"realisation", &c.realisation},
                          {"target_low", &c.target_low},
                          {"target_high", &c.target_high},
                          {"budget", &c.budget},
                          {"budget_realisation", &c.budget_realisation},
                          {"financial_plan", &c.financial_plan},
                          {"physical_plan", &c.physical_plan},
                          {"physical_realisation", &c.physical_realisation}};
  for (const auto& nv : values) {
    if (!*nv.v) continue;
    const double v = **nv.v;
    if (!std::isfinite(v))
      fail(std::string(nv.name) + " must be a finite number, not " + detail::format_number(v));
    // Achievement, absorption and progress formulas assume non-negative
    // quantities; a negative one gives a number with no meaning.
    if (v < 0) fail(std::string(nv.name) + " " + detail::format_number(v) + " is negative");
  }
  if (c.target_low.has_value() != c.target_high.has_value())
    fail("a target range needs both target_low and target_high");
  if (c.target_low && *c.target_low > *c.target_high)
    fail("target_low " + detail::format_number(*c.target_low) + " is above target_high " +
         detail::format_number(*c.target_high));
  if (c.target_low && c.target)
    fail("give either a target or a range (target_low, target_high), not both");
  auto key = Columns::key(c.indicator, c.period);
  if (auto it = cols_->index.find(key); it != cols_->index.end()) {
    const std::string& prev = cols_->origin[it->second];
    fail("the (indicator, period) pair already has a row" +
         (prev.empty() ? std::string() : " at " + prev));
  }
  Columns& k = *cols_;
  if (k.size == static_cast<std::size_t>(k.values.cols()))
    k.values.conservativeResize(Columns::kValueColumns,
                                static_cast<Eigen::Index>(std::max<std::size_t>(16, 2 * k.size)));
  const auto col = static_cast<Eigen::Index>(k.size);
  for (int r = 0; r < Columns::kValueColumns; ++r) k.values(r, col) = or_blank(*values[r].v);
  k.indicator.push_back(c.indicator);
  k.period.push_back(c.period);
  k.origin.push_back(c.origin);
  k.index.emplace(key, k.size);
  ++k.size;
}

std::size_t IndicatorSet::cell_count() const noexcept {
  return cols_->size;
}

Cell IndicatorSet::cell(std::size_t row) const {
  const Columns& k = *cols_;
  if (row >= k.size)
    throw Error(ErrorCode::out_of_range, "row " + std::to_string(row) + " is beyond the set");
  const auto col = static_cast<Eigen::Index>(row);
  Cell c;
  c.indicator = k.indicator[row];
  c.period = k.period[row];
  std::optional<double>* dst[] = {&c.target,         &c.realisation,   &c.target_low,
                                  &c.target_high,    &c.budget,        &c.budget_realisation,
                                  &c.financial_plan, &c.physical_plan, &c.physical_realisation};
  for (int r = 0; r < Columns::kValueColumns; ++r) *dst[r] = from_column(k.values(r, col));
  c.origin = k.origin[row];
  return c;
}

std::optional<std::size_t> IndicatorSet::find_cell(std::size_t indicator,
                                                   const Period& period) const {
  auto it = cols_->index.find(Columns::key(indicator, period));
  if (it == cols_->index.end()) return std::nullopt;
  return it->second;
}

std::vector<Period> IndicatorSet::periods() const {
  std::vector<Period> out(cols_->period);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sopkit
