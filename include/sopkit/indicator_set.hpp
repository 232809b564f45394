// indicator_set.hpp — performance indicators (IKU/IKK) with their targets and
// realisations per period, owned by units of a Dinas → Bidang → Seksi tree.
//
// The values are stored columnar, one row per (indicator, period); a blank
// (not reported) value is distinct from a reported zero. An IndicatorSet is
// built by adding units, indicators and cells; every add checks its input, so
// a loader that builds a local set and returns it only at the end is
// all-or-nothing.
//
//   sopkit::IndicatorSet set;
//   auto sd = set.units().find_or_add_path("Dinas Pendidikan/Bidang Pembinaan SD");
//   auto apk = set.add_indicator({"IKU-01", "APK SD", "%", sd});
//   sopkit::Cell c{apk, sopkit::Period::parse("2024-Q1")};
//   c.target = 100.0;  c.realisation = 97.5;
//   set.add_cell(c);
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sopkit {

// Higher is better, lower is better, or closer to a target range is better.
enum class Polarity : unsigned char { positive = 0, negative = 1, range = 2 };
// How quarter values add up to year-to-date and annual values: `sum` for flows
// (documents produced), `last` for stocks and rates (APK, a percentage),
// `average` for a mean level.
enum class Accumulation : unsigned char { sum, last, average };
// Achievement of a negative-polarity indicator: (2T − R)/T × 100 (`difference`,
// the default) or T/R × 100 (`ratio`).
enum class NegativeFormula : unsigned char { difference, ratio };

const char* to_string(Polarity p) noexcept;
const char* to_string(Accumulation a) noexcept;
const char* to_string(NegativeFormula f) noexcept;
// Parse the lower-case names above (ASCII case-insensitive; "negatif",
// "positif" also accepted for polarity). Throw Error{invalid_argument} naming
// the text and the accepted values.
Polarity parse_polarity(std::string_view text);
Accumulation parse_accumulation(std::string_view text);
NegativeFormula parse_negative_formula(std::string_view text);

// A reporting period: a quarter (triwulan), a year, or a multi-year Renstra
// span whose target is the end-of-plan target.
struct Period {
  enum class Kind : unsigned char { quarter, year, multi_year };
  Kind kind = Kind::year;
  int year = 0;      // the year; for multi_year the first year
  int quarter = 0;   // 1..4 for a quarter, else 0
  int end_year = 0;  // the last year (== year unless multi_year)

  static Period of_quarter(int year, int quarter);
  static Period of_year(int year);
  static Period of_span(int first_year, int last_year);
  // "2024", "2024-Q1".."2024-Q4", "2024-TW1".."2024-TW4" (case-insensitive),
  // "2021-2026" (multi-year). Throws Error{invalid_argument} naming the text.
  static Period parse(std::string_view text);
  // "2024", "2024-Q2", "2021-2026".
  std::string to_string() const;
  // The last day of the period, "YYYY-MM-DD" (which rating scale is in force).
  std::string end_date() const;

  bool operator==(const Period& o) const noexcept {
    return kind == o.kind && year == o.year && quarter == o.quarter && end_year == o.end_year;
  }
  bool operator!=(const Period& o) const noexcept { return !(*this == o); }
  // Chronological: quarters of a year, then the year, then spans by end year.
  // Inline: sorting a national file's rows compares periods millions of times.
  bool operator<(const Period& o) const noexcept {
    // A quarter ranks 1..4, the year 5 and a span 6.
    const auto rank = [](const Period& p) {
      return p.kind == Kind::quarter ? p.quarter : p.kind == Kind::year ? 5 : 6;
    };
    if (end_year != o.end_year) return end_year < o.end_year;
    if (rank(*this) != rank(o)) return rank(*this) < rank(o);
    return year < o.year;
  }
};

// An indicator's description. Its values live in cells.
struct Indicator {
  std::string code;      // "IKU-01", unique in a set
  std::string name;      // "Angka Partisipasi Kasar (APK) SD"
  std::string satuan;    // unit of measure: "%", "dokumen", "sekolah"
  std::size_t unit = 0;  // owner unit, an index into IndicatorSet::units()
  double weight = 1.0;   // >= 0; weights are relative within a roll-up
  Polarity polarity = Polarity::positive;
  Accumulation accumulation = Accumulation::last;
  std::optional<NegativeFormula> negative_formula;  // nullopt: the policy's
  std::string source;  // where the figures come from ("ilustratif, bukan data resmi")
};

// One (indicator, period) row. nullopt = blank (not reported); 0 is a value.
struct Cell {
  std::size_t indicator = 0;
  Period period;
  std::optional<double> target;
  std::optional<double> realisation;
  std::optional<double> target_low;  // a target range [low, high] instead of `target`
  std::optional<double> target_high;
  std::optional<double> budget;              // pagu, in rupiah
  std::optional<double> budget_realisation;  // realised spending, in rupiah
  std::optional<double> financial_plan;      // planned absorption, % of pagu
  std::optional<double> physical_plan;       // planned physical progress, %
  std::optional<double> physical_realisation;
  std::string origin;  // where the row came from ("data.csv:12"), for messages
};

namespace detail {

// Item numbers by the hash of their text (indicator codes, unit names and
// ids), the items' own texts telling collisions apart: one array of slots,
// each the hash's upper half beside item + 1, probed linearly, so that a
// lookup reads one cache line where a node-based multimap reads several.
class HashIndex {
 public:
  // The first item under hash `h` that `same(item)` accepts.
  template <typename Same>
  std::optional<std::size_t> find(std::uint64_t h, Same&& same) const {
    if (slots_.empty()) return std::nullopt;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = h & mask; slots_[s] != 0; s = (s + 1) & mask)
      if (slots_[s] >> 32 == h >> 32 && same(item_of(slots_[s]))) return item_of(slots_[s]);
    return std::nullopt;
  }
  // Adds `item` (below 2^32 - 1) under hash `h`.
  void insert(std::uint64_t h, std::size_t item);
  // Starts loading the memory find(h) and insert(h) read first: a caller of
  // many look-ups that knows the next hashes waits for one miss, not each.
  void prefetch(std::uint64_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  // Room for `items` entries in all.
  void reserve(std::size_t items);

 private:
  static std::size_t item_of(std::uint64_t slot) { return (slot & 0xffffffffu) - 1; }
  void put(std::uint64_t h, std::size_t item);
  void rehash(std::size_t at_least);  // slots: a power of two >= at_least, refilled

  std::vector<std::uint64_t> slots_;  // size a power of two, at most half full; 0 = empty
  std::vector<std::pair<std::uint64_t, std::size_t>> entries_;  // (hash, item), to grow
};

}  // namespace detail

// The organisation tree (Dinas → Bidang → Seksi, any depth). Names are unique
// among siblings; a path joins names with '/'. A name may contain '/' when it
// is added directly (JSON data does); path lookups then cannot reach it.
class UnitTree {
 public:
  // Adds a unit under `parent` (nullopt: a root). `id` is optional and unique
  // when given. Throws Error{invalid_argument} for an empty name, an unknown
  // parent, a duplicate sibling name or id.
  std::size_t add(std::string name, std::optional<std::size_t> parent, std::string id = {});
  // Finds "Dinas/Bidang/Seksi" (segments trimmed), adding what is missing.
  // Throws Error{invalid_argument} for an empty segment.
  std::size_t find_or_add_path(std::string_view path);
  std::optional<std::size_t> find_path(std::string_view path) const;
  std::optional<std::size_t> find_id(std::string_view id) const;

  std::size_t size() const noexcept { return names_.size(); }
  const std::string& name(std::size_t unit) const { return names_.at(unit); }
  const std::string& id(std::size_t unit) const { return ids_.at(unit); }
  std::optional<std::size_t> parent(std::size_t unit) const;
  std::vector<std::size_t> children(std::size_t unit) const;
  std::string path(std::size_t unit) const;
  std::vector<std::string> paths() const;     // every unit's path, by index
  std::size_t depth(std::size_t unit) const;  // 0 for a root
  // True when `unit` is `ancestor` or lies below it.
  bool within(std::size_t unit, std::size_t ancestor) const;

 private:
  std::optional<std::size_t> find_child(std::size_t parent, std::string_view name) const;

  std::vector<std::string> names_;
  std::vector<std::string> ids_;
  std::vector<std::size_t> parents_;  // size_t(-1) for a root
  // Units by (parent, name) and by id, in constant time.
  detail::HashIndex by_name_;
  detail::HashIndex by_id_;
};

// Indicators, their units and their cells, stored column by column.
class IndicatorSet {
 public:
  IndicatorSet();
  ~IndicatorSet();
  IndicatorSet(const IndicatorSet& o);
  IndicatorSet& operator=(const IndicatorSet& o);
  IndicatorSet(IndicatorSet&&) noexcept;
  IndicatorSet& operator=(IndicatorSet&&) noexcept;

  UnitTree& units() noexcept { return units_; }
  const UnitTree& units() const noexcept { return units_; }

  // Adds an indicator; returns its index. Throws Error{invalid_argument} for an
  // empty or duplicate code, an unknown unit, or a weight that is negative or
  // not finite.
  std::size_t add_indicator(Indicator indicator);
  std::size_t indicator_count() const noexcept { return indicators_.size(); }
  const Indicator& indicator(std::size_t i) const { return indicators_.at(i); }
  std::optional<std::size_t> find_indicator(std::string_view code) const;

  // Adds a row. Throws Error{invalid_argument} (message naming the indicator,
  // the period and, for a duplicate, the earlier row's origin) when: the
  // indicator is unknown; (indicator, period) already has a row; a value is NaN
  // or infinite; a target, range bound, budget, plan or realisation is negative;
  // target_low > target_high; only one range bound is given; both a target and
  // a range are given.
  void add_cell(const Cell& cell);
  // As add_cell, with the origin origin_prefix + number ("data.csv:" + 12):
  // a loader of many rows stores a number, not a text, per row.
  void add_cell(const Cell& cell, std::size_t origin_number);
  // As add_cell(cell, origin_number), except that a row whose (indicator,
  // period) already has one is not added: the earlier row's index is returned
  // instead, for a loader to name both rows in its own words; nullopt when
  // added. One hash probe a row, where find_cell then add_cell take two.
  std::optional<std::size_t> add_cell_unless_present(const Cell& cell, std::size_t origin_number) {
    const std::size_t earlier = add_cell_or_find(cell, origin_number);
    if (earlier == kAdded) return std::nullopt;
    return earlier;
  }
  void set_origin_prefix(std::string prefix);
  // Origins of rows numbered within their indicator (a JSON file's value
  // rows): prefix + the indicator's index + infix + number, as in
  // "data.json:/indicators/" 4 "/values/" 2. Replaces set_origin_prefix's form.
  void set_origin_prefix(std::string prefix, std::string indicator_infix);
  std::size_t cell_count() const noexcept;
  // The numbers the rows give (blank cells hold none).
  std::size_t value_count() const noexcept;
  // Room for this many indicators, rows and given numbers in all, so that a
  // loader that can estimate them (from its input's size) does not copy
  // growing storage. Only an optimisation: more can always be added.
  void reserve(std::size_t indicators, std::size_t rows, std::size_t values);
  // The indicators, rows and values so far are about `fraction` (0..1] of
  // all, as a loader estimates from its input: room for a little more than
  // the rest is reserved at once. Only an optimisation: an estimate the
  // machine cannot reserve leaves the storage to grow. Returns the estimated
  // number of indicators (0 for a fraction outside (0, 1]).
  std::size_t reserve_rest(double fraction) noexcept;
  Cell cell(std::size_t row) const;
  // As cell(row) without the origin (no text is built), and its parts.
  Cell cell_values(std::size_t row) const;
  // As cell_values(row), into `into` (its origin is left as it is): a caller
  // reading many rows reuses one cell instead of building one a row.
  void cell_values(std::size_t row, Cell& into) const;
  std::size_t cell_indicator(std::size_t row) const;
  Period cell_period(std::size_t row) const;
  std::optional<std::size_t> find_cell(std::size_t indicator, const Period& period) const;
  // Distinct periods of the cells, chronological.
  std::vector<Period> periods() const;

  // A label for the whole data set ("Ilustratif — bukan data resmi").
  std::string source;

 private:
  friend class IndicatorSetBuilder;  // absorb(): another builder's set, merged in bulk
  struct Columns;                    // the cells, compactly (see indicator_set.cpp)
  // The earlier row of the cell's (indicator, period), or kAdded. Not an
  // optional: one returned from a call goes through memory, a stall on every
  // row of a load (the inline add_cell_unless_present tests it in a register).
  static constexpr std::size_t kAdded = static_cast<std::size_t>(-1);
  std::size_t add_cell_or_find(const Cell& cell, std::size_t origin_number);
  std::size_t add_checked_cell(const Cell& cell, std::size_t origin_number,
                               bool duplicate_is_error);
  // For the builder: a row whose numbers it has checked as add_cell checks
  // them, `mask` bit c set when value column c (target, realisation, ...,
  // physical_realisation) is given and `given` those `count` numbers in
  // column order. The earlier row of its (indicator, period), or kAdded. No
  // Cell is made.
  std::size_t add_checked_row(std::size_t indicator, const Period& period, std::uint16_t mask,
                              const double* given, std::size_t count, std::size_t origin_number);
  // Appends the rows of `later` (already checked by its own add_cell), their
  // indicators renumbered by `indicator_of` and their origin numbers shifted
  // by `origin_shift`; empties `later`'s rows. The caller has made sure no
  // (indicator, period) pair is given twice.
  void append_rows(IndicatorSet& later, const std::vector<std::size_t>& indicator_of,
                   std::size_t origin_shift);
  // For absorb(): codes by their hashes (code_hash), so that the slots of the
  // next codes can be fetched ahead (by_code_.prefetch).
  static std::uint64_t code_hash(std::string_view code);
  std::optional<std::size_t> find_indicator(std::string_view code, std::uint64_t hash) const;
  // As add_indicator, given its code's hash.
  std::size_t add_new_indicator(Indicator&& indicator, std::uint64_t hash);
  // Adds an indicator known to be valid, its code absent.
  std::size_t add_absent_indicator(Indicator&& indicator, std::uint64_t hash);
  UnitTree units_;
  std::vector<Indicator> indicators_;
  detail::HashIndex by_code_;  // indicators by code
  std::unique_ptr<Columns> cols_;
};

}  // namespace sopkit
