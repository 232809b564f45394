// indicator_set.cpp — periods, the unit tree and the columnar IndicatorSet.
//
// A cell stores only the values given (a bit mask says which), so a blank is
// distinct from a reported zero without a marker value.
#include "sopkit/indicator_set.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <new>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"
#include "util/huge_pages.hpp"

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

// Read once per indicator of a national file: compared in place, no string
// made.
Polarity parse_polarity(std::string_view text) {
  const std::string_view t = detail::trim(text);
  const auto is = [&](std::string_view word) { return detail::equals_lower_ascii(t, word); };
  if (is("positive") || is("positif")) return Polarity::positive;
  if (is("negative") || is("negatif")) return Polarity::negative;
  if (is("range")) return Polarity::range;
  throw Error(ErrorCode::invalid_argument,
              "polarity '" + std::string(text) + "' is not positive, negative or range");
}

Accumulation parse_accumulation(std::string_view text) {
  const std::string_view t = detail::trim(text);
  const auto is = [&](std::string_view word) { return detail::equals_lower_ascii(t, word); };
  if (is("sum")) return Accumulation::sum;
  if (is("last")) return Accumulation::last;
  if (is("average")) return Accumulation::average;
  throw Error(ErrorCode::invalid_argument,
              "accumulation '" + std::string(text) + "' is not sum, last or average");
}

NegativeFormula parse_negative_formula(std::string_view text) {
  const std::string_view t = detail::trim(text);
  if (detail::equals_lower_ascii(t, "difference")) return NegativeFormula::difference;
  if (detail::equals_lower_ascii(t, "ratio")) return NegativeFormula::ratio;
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
  const std::string_view trimmed = detail::trim(text);
  // The longest period, a Renstra span "2021-2026", has 9 characters:
  // lowered in place, without a string per row.
  char lowered[9];
  const std::size_t size = std::min(trimmed.size(), sizeof lowered);
  for (std::size_t i = 0; i < size; ++i)
    lowered[i] = trimmed[i] >= 'A' && trimmed[i] <= 'Z' ? static_cast<char>(trimmed[i] - 'A' + 'a')
                                                        : trimmed[i];  // ASCII, whatever the locale
  auto fail = [&]() -> Period {
    throw Error(ErrorCode::invalid_argument,
                "period '" + std::string(text) +
                    "' is not a year (2024), a quarter (2024-Q1..2024-Q4, 2024-TW1..2024-TW4, "
                    "2024Q1..2024Q4) "
                    "or a Renstra span (2021-2026)");
  };
  if (trimmed.size() > sizeof lowered) return fail();
  const std::string_view v(lowered, size);
  if (auto y = parse_year(v)) {
    if (!plausible_year(*y)) fail();
    return of_year(*y);
  }
  // "2024Q2" is how pandas writes a quarterly Period.
  const bool pandas_quarter = v.size() == 6 && v[4] == 'q';
  if (v.size() < 6 || (v[4] != '-' && !pandas_quarter)) return fail();
  auto y = parse_year(v.substr(0, 4));
  if (!y || !plausible_year(*y)) return fail();
  std::string_view rest = v.substr(pandas_quarter ? 4 : 5);
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
  // Written into one buffer, not joined from pieces: the writers of a
  // national evaluation ask for a period's text once per result.
  char text[48];  // the year in the first half, then "-Q" or '-' and an int
  char* const end = text + sizeof text;
  char* p = std::to_chars(text, text + sizeof text / 2, year).ptr;
  switch (kind) {
    case Kind::quarter:
      *p++ = '-';
      *p++ = 'Q';
      p = std::to_chars(p, end, quarter).ptr;
      break;
    case Kind::year:
      break;
    case Kind::multi_year:
      *p++ = '-';
      p = std::to_chars(p, end, end_year).ptr;
      break;
  }
  return std::string(text, p);
}

std::string Period::end_date() const {
  static const char* kQuarterEnd[] = {"", "-03-31", "-06-30", "-09-30", "-12-31"};
  if (kind == Kind::quarter) return std::to_string(year) + kQuarterEnd[quarter];
  return std::to_string(end_year) + "-12-31";
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

}  // namespace

void detail::HashIndex::insert(std::uint64_t h, std::size_t item) {
  if (item >= 0xffffffffu)
    throw Error(ErrorCode::out_of_range, "more than 2^32 - 2 items in one index");
  entries_.emplace_back(h, item);
  if (2 * entries_.size() <= slots_.size()) return put(h, item);
  rehash(4 * entries_.size());
}

// The slots too, at most half full once `items` are in: a national file's
// 260 000 codes would otherwise be put again at each growth, at random places
// of a table of megabytes.
void detail::HashIndex::reserve(std::size_t items) {
  entries_.reserve(items);
  if (2 * items > slots_.size()) rehash(2 * items);
}

void detail::HashIndex::rehash(std::size_t at_least) {
  std::size_t capacity = 64;
  while (capacity < at_least) capacity *= 2;
  // Probes land anywhere: the slots go on huge pages (fewer TLB misses),
  // advised before their first write (advice after it finds 4 KiB pages).
  std::vector<std::uint64_t> fresh;
  fresh.reserve(capacity);
  advise_huge_pages(fresh);
  fresh.resize(capacity, 0);
  slots_ = std::move(fresh);
  for (const auto& [eh, ei] : entries_) put(eh, ei);
}

void detail::HashIndex::put(std::uint64_t h, std::size_t item) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t s = h & mask;
  while (slots_[s] != 0) s = (s + 1) & mask;
  slots_[s] = (h >> 32 << 32) | (item + 1);
}

std::optional<std::size_t> UnitTree::find_child(std::size_t parent, std::string_view name) const {
  return by_name_.find(hash_child(parent, name),
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
  names_.push_back(trimmed);
  ids_.push_back(id);
  parents_.push_back(p);
  by_name_.insert(hash_child(p, trimmed), unit);
  if (!id.empty()) by_id_.insert(hash_text(id), unit);
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
  return by_id_.find(hash_text(id), [&](std::size_t i) { return ids_[i] == id; });
}

std::optional<std::size_t> UnitTree::parent(std::size_t unit) const {
  const std::size_t p = parents_.at(unit);
  if (p == kNoParent) return std::nullopt;
  return p;
}

std::vector<std::size_t> UnitTree::children(std::size_t unit) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < parents_.size(); ++i)
    if (parents_[i] == unit) out.push_back(i);
  return out;
}

std::string UnitTree::path(std::size_t unit) const {
  std::string out = names_.at(unit);
  for (std::size_t p = parents_[unit]; p != kNoParent; p = parents_[p]) out = names_[p] + "/" + out;
  return out;
}

std::vector<std::string> UnitTree::paths() const {
  std::vector<std::string> out;
  out.reserve(names_.size());
  for (std::size_t u = 0; u < names_.size(); ++u) out.push_back(path(u));
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

// ---- IndicatorSet ----------------------------------------------------------

namespace {

constexpr int kValueColumns = 9;
constexpr std::uint32_t kNoOrigin = static_cast<std::uint32_t>(-1);

// A period packed into 32 bits: kind, quarter, first and last year.
std::uint32_t pack(const Period& p) {
  return static_cast<std::uint32_t>(p.kind) << 30 | static_cast<std::uint32_t>(p.quarter) << 27 |
         static_cast<std::uint32_t>(p.year - 1024) << 14 |
         static_cast<std::uint32_t>(p.end_year - 1024);
}

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

}  // namespace

// The cells, row by row, in as little memory as a national file needs: per row
// the indicator, a period number, a bit mask of the value columns given and
// where its given values start in one pool; the origin as a number after a
// per-set prefix (or a text for the few rows added with another origin).
//
// A row is found by (indicator, period) along its indicator's chain of rows,
// newest first: an indicator has a handful (an annual row and four quarters),
// which sit together in memory, so the walk costs no cache miss where a hash
// probe of a national file costs one or two. An indicator with more rows than
// kChainLimit is also indexed in an open-addressing table, so that a file of
// one indicator with thousands of periods stays linear.
struct IndicatorSet::Columns {
  // The per-row columns and the values: each on 2 MiB pages (HugeVector).
  detail::HugeVector<std::uint32_t> indicator;
  detail::HugeVector<std::uint32_t> period;  // index into periods
  detail::HugeVector<std::uint16_t> mask;    // bit c: value column c is given
  detail::HugeVector<std::uint64_t> offset;  // first given value in `values`
  detail::HugeVector<double> values;
  std::vector<Period> periods;                                  // distinct, in order of first use
  std::unordered_map<std::uint32_t, std::uint32_t> period_ids;  // pack(period) -> index
  static constexpr std::size_t kScannedPeriods = 16;
  std::vector<std::uint32_t> packed_periods;        // pack() of the first kScannedPeriods periods
  detail::HugeVector<std::uint32_t> origin_number;  // kNoOrigin: see origin_text
  std::unordered_map<std::size_t, std::string> origin_text;
  std::string origin_prefix;
  std::optional<std::string> origin_infix;  // numbers count within each indicator
  static constexpr std::uint32_t kChainLimit = 16;
  // Per row: its indicator's previous row + 1, 0 none.
  detail::HugeVector<std::uint32_t> previous_row;
  detail::HugeVector<std::uint32_t> newest_row;  // per indicator: its newest row + 1, 0 none
  detail::HugeVector<std::uint32_t> row_count;   // per indicator
  std::vector<std::uint32_t> long_chains;        // indicators with more than kChainLimit rows
  std::vector<std::uint32_t> slots;  // their rows: row + 1, 0 = empty; size a power of two
  std::size_t indexed = 0;           // rows in `slots`

  std::size_t size() const { return indicator.size(); }

  void reserve(std::size_t indicators, std::size_t rows, std::size_t given) {
    for (auto* column : {&indicator, &period, &origin_number, &previous_row}) column->reserve(rows);
    mask.reserve(rows);
    offset.reserve(rows);
    values.reserve(given);
    newest_row.reserve(indicators);
    row_count.reserve(indicators);
  }

  std::uint32_t period_id(const Period& p) {
    if (const auto known = find_period_id(p)) return *known;
    const auto id = static_cast<std::uint32_t>(periods.size());
    period_ids.emplace(pack(p), id);
    periods.push_back(p);
    if (packed_periods.size() < kScannedPeriods) packed_periods.push_back(pack(p));
    return id;
  }
  std::optional<std::uint32_t> find_period_id(const Period& p) const {
    // A file holds a few periods (a year and its quarters, a Renstra span):
    // the first ones are found by a scan, the rest by the hash.
    const std::uint32_t packed = pack(p);
    for (std::size_t i = 0; i < packed_periods.size(); ++i)
      if (packed_periods[i] == packed) return static_cast<std::uint32_t>(i);
    if (periods.size() <= kScannedPeriods) return std::nullopt;
    auto it = period_ids.find(packed);
    if (it == period_ids.end()) return std::nullopt;
    return it->second;
  }
  static std::uint64_t key(std::size_t ind, std::uint32_t period_id) {
    return static_cast<std::uint64_t>(ind) << 32 | period_id;
  }
  std::uint64_t key_of(std::size_t row) const { return key(indicator[row], period[row]); }

  // The slot of `k`: its row's, or the empty one where it would go.
  std::size_t probe(std::uint64_t k) const {
    const std::size_t m = slots.size() - 1;
    for (std::size_t s = mix(k) & m;; s = (s + 1) & m)
      if (slots[s] == 0 || key_of(slots[s] - 1) == k) return s;
  }
  std::optional<std::size_t> find(std::size_t ind, std::uint32_t period_id) const {
    if (ind >= row_count.size()) return std::nullopt;
    if (row_count[ind] <= kChainLimit) {
      for (std::uint32_t r = newest_row[ind]; r != 0; r = previous_row[r - 1])
        if (period[r - 1] == period_id) return r - 1;
      return std::nullopt;
    }
    const std::size_t s = probe(key(ind, period_id));
    if (slots[s] == 0) return std::nullopt;
    return slots[s] - 1;
  }
  // Appends a row: `given` holds its `count` numbers of the columns
  // `given_mask` names, in column order.
  void push_row(std::uint32_t ind, std::uint32_t period_id, std::uint16_t given_mask,
                const double* given, std::size_t count, std::uint32_t origin) {
    offset.push_back(values.size());
    values.insert(values.end(), given, given + count);
    mask.push_back(given_mask);
    indicator.push_back(ind);
    period.push_back(period_id);
    origin_number.push_back(origin);
    index_last_row();
  }
  // Chains the newest row to its indicator, and indexes it (or, when the
  // chain has just grown past the limit, the whole chain).
  void index_last_row() { index_row(static_cast<std::uint32_t>(size() - 1)); }
  // As index_last_row, for the rows after the last one indexed, in order.
  void index_row(std::uint32_t row) {
    const std::uint32_t ind = indicator[row];
    if (ind >= row_count.size()) {
      row_count.resize(ind + 1, 0);
      newest_row.resize(ind + 1, 0);
    }
    previous_row.push_back(newest_row[ind]);
    newest_row[ind] = row + 1;
    const std::uint32_t count = ++row_count[ind];
    if (count <= kChainLimit) return;
    if (count == kChainLimit + 1) long_chains.push_back(ind);
    indexed += count == kChainLimit + 1 ? count : 1;
    if (2 * indexed > slots.size()) return rebuild_table();
    if (count == kChainLimit + 1) return put_chain(ind);
    slots[probe(key_of(row))] = row + 1;
  }
  void put_chain(std::uint32_t ind) {
    for (std::uint32_t r = newest_row[ind]; r != 0; r = previous_row[r - 1])
      slots[probe(key_of(r - 1))] = r;
  }
  void rebuild_table() {
    std::size_t capacity = 64;
    while (capacity < 4 * indexed) capacity *= 2;
    slots.assign(capacity, 0);
    for (std::uint32_t ind : long_chains) put_chain(ind);
  }

  std::optional<double> value(std::size_t row, int column) const {
    const unsigned bit = 1u << column;
    if (!(mask[row] & bit)) return std::nullopt;
    return values[offset[row] +
                  static_cast<std::size_t>(__builtin_popcount(mask[row] & (bit - 1)))];
  }
  std::string numbered_origin(std::size_t ind, std::size_t number) const {
    if (!origin_infix) return origin_prefix + std::to_string(number);
    return origin_prefix + std::to_string(ind) + *origin_infix + std::to_string(number);
  }
  std::string origin(std::size_t row) const {
    if (origin_number[row] != kNoOrigin) return numbered_origin(indicator[row], origin_number[row]);
    auto it = origin_text.find(row);
    return it == origin_text.end() ? std::string() : it->second;
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
  const std::uint64_t hash = code_hash(ind.code);
  return add_new_indicator(std::move(ind), hash);
}

std::size_t IndicatorSet::add_new_indicator(Indicator&& ind, std::uint64_t hash) {
  // Made only for a message: a national file adds 260 000 indicators.
  const auto where = [&] { return "indicator '" + ind.code + "'"; };
  if (detail::trim(ind.code).empty())
    throw Error(ErrorCode::invalid_argument, "an indicator needs a code");
  if (find_indicator(ind.code, hash))
    throw Error(ErrorCode::invalid_argument, "the code is given to two indicators", where());
  if (ind.unit >= units_.size())
    throw Error(ErrorCode::invalid_argument, "the owner unit does not exist", where());
  if (!std::isfinite(ind.weight) || ind.weight < 0)
    throw Error(ErrorCode::invalid_argument,
                "weight " + detail::format_number(ind.weight) + " must be a number >= 0", where());
  return add_absent_indicator(std::move(ind), hash);
}

std::optional<std::size_t> IndicatorSet::find_indicator(std::string_view code) const {
  return find_indicator(code, code_hash(code));
}

std::uint64_t IndicatorSet::code_hash(std::string_view code) {
  return hash_text(code);
}

std::optional<std::size_t> IndicatorSet::find_indicator(std::string_view code,
                                                        std::uint64_t hash) const {
  return by_code_.find(hash, [&](std::size_t i) { return indicators_[i].code == code; });
}

std::size_t IndicatorSet::add_absent_indicator(Indicator&& ind, std::uint64_t hash) {
  by_code_.insert(hash, indicators_.size());
  indicators_.push_back(std::move(ind));
  return indicators_.size() - 1;
}

void IndicatorSet::add_cell(const Cell& c) {
  add_checked_cell(c, kNoOrigin, true);
}

void IndicatorSet::add_cell(const Cell& c, std::size_t origin_number) {
  if (origin_number >= kNoOrigin)
    throw Error(ErrorCode::out_of_range,
                "origin number " + std::to_string(origin_number) + " is too large");
  add_checked_cell(c, origin_number, true);
}

std::size_t IndicatorSet::add_cell_or_find(const Cell& c, std::size_t origin_number) {
  if (origin_number >= kNoOrigin)
    throw Error(ErrorCode::out_of_range,
                "origin number " + std::to_string(origin_number) + " is too large");
  return add_checked_cell(c, origin_number, false);
}

void IndicatorSet::set_origin_prefix(std::string prefix) {
  cols_->origin_prefix = std::move(prefix);
  cols_->origin_infix.reset();
}

void IndicatorSet::set_origin_prefix(std::string prefix, std::string indicator_infix) {
  cols_->origin_prefix = std::move(prefix);
  cols_->origin_infix = std::move(indicator_infix);
}

std::size_t IndicatorSet::add_checked_cell(const Cell& c, std::size_t origin_number,
                                           bool duplicate_is_error) {
  const bool numbered = origin_number != kNoOrigin;
  if (c.indicator >= indicators_.size())
    throw Error(ErrorCode::invalid_argument, "unknown indicator for a row",
                numbered ? cols_->numbered_origin(c.indicator, origin_number) : c.origin);
  auto fail = [&](const std::string& msg) {
    const std::string what =
        "indicator '" + indicators_[c.indicator].code + "' period " + c.period.to_string();
    throw Error(ErrorCode::invalid_argument, what + ": " + msg,
                numbered ? cols_->numbered_origin(c.indicator, origin_number) : c.origin);
  };
  Columns& k = *cols_;
  if (k.size() >= kNoOrigin - 1) throw Error(ErrorCode::out_of_range, "too many rows in one set");
  if (const auto pid = k.find_period_id(c.period))
    if (const auto prev = k.find(c.indicator, *pid)) {
      if (!duplicate_is_error) return *prev;
      const std::string earlier = k.origin(*prev);
      fail("the (indicator, period) pair already has a row" +
           (earlier.empty() ? std::string() : " at " + earlier));
    }
  // The value columns in their bit order; their names for messages only.
  static const char* const kNames[kValueColumns] = {
      "target",         "realisation",   "target_low",
      "target_high",    "budget",        "budget_realisation",
      "financial_plan", "physical_plan", "physical_realisation"};
  const std::optional<double>* const values[kValueColumns] = {
      &c.target,         &c.realisation,   &c.target_low,
      &c.target_high,    &c.budget,        &c.budget_realisation,
      &c.financial_plan, &c.physical_plan, &c.physical_realisation};
  std::uint16_t mask = 0;
  for (int r = 0; r < kValueColumns; ++r) {
    if (!*values[r]) continue;
    const double v = **values[r];
    // Achievement, absorption and progress formulas assume non-negative
    // quantities; a negative one gives a number with no meaning.
    if (!std::isfinite(v) || v < 0)
      fail(std::string(kNames[r]) +
           (std::isfinite(v) ? " " + detail::format_number(v) + " is negative"
                             : " must be a finite number, not " + detail::format_number(v)));
    mask = static_cast<std::uint16_t>(mask | 1u << r);
  }
  if (c.target_low.has_value() != c.target_high.has_value())
    fail("a target range needs both target_low and target_high");
  if (c.target_low && *c.target_low > *c.target_high)
    fail("target_low " + detail::format_number(*c.target_low) + " is above target_high " +
         detail::format_number(*c.target_high));
  if (c.target_low && c.target)
    fail("give either a target or a range (target_low, target_high), not both");
  double given[kValueColumns];
  std::size_t n = 0;
  for (int r = 0; r < kValueColumns; ++r)
    if (mask & 1u << r) given[n++] = **values[r];
  k.push_row(static_cast<std::uint32_t>(c.indicator), k.period_id(c.period), mask, given, n,
             static_cast<std::uint32_t>(origin_number));
  if (!numbered && !c.origin.empty()) k.origin_text.emplace(k.size() - 1, c.origin);
  return kAdded;
}

std::size_t IndicatorSet::add_checked_row(std::size_t indicator, const Period& period,
                                          std::uint16_t mask, const double* given,
                                          std::size_t count, std::size_t origin_number) {
  if (indicator >= indicators_.size() || origin_number >= kNoOrigin)
    throw Error(ErrorCode::out_of_range, "a row's indicator or origin number is out of range");
  Columns& k = *cols_;
  if (k.size() >= kNoOrigin - 1) throw Error(ErrorCode::out_of_range, "too many rows in one set");
  // A new period has no row yet: numbering it first costs no duplicate.
  const std::uint32_t period_id = k.period_id(period);
  if (const auto earlier = k.find(indicator, period_id)) return *earlier;
  k.push_row(static_cast<std::uint32_t>(indicator), period_id, mask, given, count,
             static_cast<std::uint32_t>(origin_number));
  return kAdded;
}

namespace {

// Frees a column's memory (clear() keeps it).
template <class Column>
void release(Column& column) {
  Column().swap(column);
}

}  // namespace

void IndicatorSet::append_rows(IndicatorSet& later, const std::vector<std::size_t>& indicator_of,
                               std::size_t origin_shift) {
  Columns& k = *cols_;
  Columns& o = *later.cols_;
  const std::size_t first = k.size(), n = o.size();
  if (first + n >= kNoOrigin - 1) throw Error(ErrorCode::out_of_range, "too many rows in one set");
  // Column by column, each of `later`'s freed once copied: the two sets
  // together hold little more than the merged one.
  const std::uint64_t value_base = k.values.size();
  k.values.insert(k.values.end(), o.values.begin(), o.values.end());
  release(o.values);
  for (const std::uint64_t offset : o.offset) k.offset.push_back(offset + value_base);
  release(o.offset);
  k.mask.insert(k.mask.end(), o.mask.begin(), o.mask.end());
  release(o.mask);
  for (std::size_t r = 0; r < n; ++r) {
    std::uint32_t origin = o.origin_number[r];
    if (origin != kNoOrigin) {
      if (origin + std::uint64_t{origin_shift} >= kNoOrigin)
        throw Error(ErrorCode::out_of_range,
                    "origin number " + std::to_string(origin + origin_shift) + " is too large");
      origin += static_cast<std::uint32_t>(origin_shift);
    } else if (auto text = o.origin_text.find(r); text != o.origin_text.end()) {
      k.origin_text.emplace(first + r, std::move(text->second));
    }
    k.origin_number.push_back(origin);
  }
  release(o.origin_number);
  std::vector<std::uint32_t> period_of(o.periods.size());
  for (std::size_t p = 0; p < o.periods.size(); ++p) period_of[p] = k.period_id(o.periods[p]);
  for (std::size_t r = 0; r < n; ++r) {
    k.indicator.push_back(static_cast<std::uint32_t>(indicator_of[o.indicator[r]]));
    k.period.push_back(period_of[o.period[r]]);
  }
  *later.cols_ = Columns();
  for (std::size_t r = first; r < first + n; ++r) k.index_row(static_cast<std::uint32_t>(r));
}

std::size_t IndicatorSet::cell_count() const noexcept {
  return cols_->size();
}

std::size_t IndicatorSet::value_count() const noexcept {
  return cols_->values.size();
}

void IndicatorSet::reserve(std::size_t indicators, std::size_t rows, std::size_t values) {
  indicators_.reserve(indicators);
  detail::advise_huge_pages(indicators_);
  by_code_.reserve(indicators);
  cols_->reserve(indicators, rows, values);
}

std::size_t IndicatorSet::reserve_rest(double fraction) noexcept {
  if (!(fraction > 0 && fraction <= 1)) return 0;
  // A little more than the estimate: a few rows past it would double storage.
  const auto scaled = [&](std::size_t n) {
    return static_cast<std::size_t>(static_cast<double>(n) / fraction * 1.05) + 16;
  };
  const std::size_t indicators = scaled(indicator_count());
  try {
    reserve(indicators, scaled(cell_count()), scaled(value_count()));
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
  return indicators;
}

Cell IndicatorSet::cell_values(std::size_t row) const {
  Cell c;
  cell_values(row, c);
  return c;
}

void IndicatorSet::cell_values(std::size_t row, Cell& into) const {
  const Columns& k = *cols_;
  if (row >= k.size())
    throw Error(ErrorCode::out_of_range, "row " + std::to_string(row) + " is beyond the set");
  into.indicator = k.indicator[row];
  into.period = k.periods[k.period[row]];
  std::optional<double>* dst[] = {
      &into.target,         &into.realisation,   &into.target_low,
      &into.target_high,    &into.budget,        &into.budget_realisation,
      &into.financial_plan, &into.physical_plan, &into.physical_realisation};
  // The given values follow each other in the pool, in column order.
  const unsigned mask = k.mask[row];
  const double* given = k.values.data() + k.offset[row];
  for (int r = 0; r < kValueColumns; ++r) {
    if (mask >> r & 1u)
      *dst[r] = *given++;
    else
      dst[r]->reset();
  }
}

Cell IndicatorSet::cell(std::size_t row) const {
  Cell c = cell_values(row);
  c.origin = cols_->origin(row);
  return c;
}

std::size_t IndicatorSet::cell_indicator(std::size_t row) const {
  return cols_->indicator.at(row);
}

Period IndicatorSet::cell_period(std::size_t row) const {
  return cols_->periods[cols_->period.at(row)];
}

std::optional<std::size_t> IndicatorSet::find_cell(std::size_t indicator,
                                                   const Period& period) const {
  const auto pid = cols_->find_period_id(period);
  if (!pid) return std::nullopt;
  return cols_->find(indicator, *pid);
}

std::vector<Period> IndicatorSet::periods() const {
  std::vector<Period> out(cols_->periods);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sopkit
