// indicator_entries.cpp — indicator definitions, their values per period and
// the audit trail of every change, in the SQLite store.
#include <cmath>
#include <map>
#include <set>
#include <unordered_set>

#include "sopkit/error.hpp"
#include "store/detail/sqlite_store.hpp"
#include "store/detail/value_fields.hpp"

namespace sopkit {

namespace store_detail {

namespace {

std::optional<double>& slot(Cell& c, ValueField f) {
  switch (f) {
    case ValueField::target:
      return c.target;
    case ValueField::realisation:
      return c.realisation;
    case ValueField::target_low:
      return c.target_low;
    case ValueField::target_high:
      return c.target_high;
    case ValueField::budget:
      return c.budget;
    case ValueField::budget_realisation:
      return c.budget_realisation;
    case ValueField::financial_plan:
      return c.financial_plan;
    case ValueField::physical_plan:
      return c.physical_plan;
    case ValueField::physical_realisation:
      return c.physical_realisation;
  }
  return c.target;
}

// Writes one value and, when it differs from the stored one, its audit row.
class ValueWriter {
 public:
  ValueWriter(Connection& c, const ChangeMeta& meta)
      : read_(c,
              "SELECT value FROM indicator_value WHERE indicator = ?1 AND period = ?2 AND "
              "field = ?3"),
        write_(c,
               "INSERT INTO indicator_value (indicator, period, field, value) "
               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET value = excluded.value"),
        audit_(c,
               "INSERT INTO indicator_audit (indicator, period, field, old_value, new_value, "
               "author, changed_at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        meta_(meta),
        at_(utc_now(true)) {}

  // `only_if_stored_or_given`: a blank that was never stored stays absent.
  bool write(const std::string& code, const std::string& period, ValueField field,
             std::optional<double> value, bool only_if_stored_or_given) {
    const char* name = value_field_name(field);
    read_.bind(1, code).bind(2, period).bind(3, name);
    bool stored = read_.step("reading a value");
    std::optional<double> old = stored ? read_.real(0) : std::nullopt;
    read_.reset();
    if (stored && old == value) return false;
    if (!stored && !value && only_if_stored_or_given) return false;
    write_.bind(1, code).bind(2, period).bind(3, name).bind(4, value);
    write_.run("writing a value");
    audit_.bind(1, code).bind(2, period).bind(3, name).bind(4, old).bind(5, value);
    audit_.bind(6, meta_.author).bind(7, at_).bind(8, meta_.reason);
    audit_.run("writing the audit trail");
    return true;
  }

 private:
  Statement read_, write_, audit_;
  const ChangeMeta& meta_;
  std::string at_;
};

void require_author(const ChangeMeta& meta, const std::string& path) {
  if (meta.author.empty())
    throw Error(ErrorCode::invalid_argument,
                "a change to indicator data needs an author (who entered it)", path);
}

}  // namespace

std::size_t SqliteStore::import_indicators(const IndicatorSet& set, const ChangeMeta& meta) {
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("import indicator data");
  require_author(meta, db_.path());
  Transaction tx(db_);
  Statement def(db_,
                "INSERT INTO indicator (code, unit_path, name, satuan, polarity, accumulation, "
                "weight, negative_formula, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                "ON CONFLICT (code) DO UPDATE SET unit_path = ?2, name = ?3, satuan = ?4, "
                "polarity = ?5, accumulation = ?6, weight = ?7, negative_formula = ?8, "
                "source = ?9");
  for (std::size_t i = 0; i < set.indicator_count(); ++i) {
    const Indicator& ind = set.indicator(i);
    def.bind(1, ind.code).bind(2, set.units().path(ind.unit)).bind(3, ind.name);
    def.bind(4, ind.satuan).bind(5, to_string(ind.polarity)).bind(6, to_string(ind.accumulation));
    def.bind(7, std::optional<double>(ind.weight)).bind(9, ind.source);
    if (ind.negative_formula) def.bind(8, std::string_view(to_string(*ind.negative_formula)));
    def.run("recording indicator " + ind.code);
  }
  ValueWriter writer(db_, meta);
  std::size_t changed = 0;
  for (std::size_t row = 0; row < set.cell_count(); ++row) {
    Cell cell = set.cell(row);
    const std::string& code = set.indicator(cell.indicator).code;
    const std::string period = cell.period.to_string();
    for (ValueField f : kValueFields) {
      // target and realisation always make the row; other columns only when
      // given or stored before.
      bool core = f == ValueField::target || f == ValueField::realisation;
      changed += writer.write(code, period, f, slot(cell, f), !core);
    }
  }
  tx.commit();
  return changed;
}

std::size_t SqliteStore::set_values(const std::vector<ValueChange>& changes,
                                    const ChangeMeta& meta) {
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("change indicator data");
  require_author(meta, db_.path());
  for (const auto& ch : changes)
    if (ch.value && (!std::isfinite(*ch.value) || *ch.value < 0))
      throw Error(ErrorCode::invalid_argument,
                  "value " + std::to_string(*ch.value) + " for " + ch.indicator + " " +
                      ch.period.to_string() + " " + value_field_name(ch.field) +
                      " must be a finite number >= 0",
                  db_.path());
  Transaction tx(db_);
  Statement known(db_, "SELECT 1 FROM indicator WHERE code = ?1");
  std::unordered_set<std::string> known_codes;
  ValueWriter writer(db_, meta);
  std::size_t changed = 0;
  // Rows whose target or range changed: only those can break the row rules.
  std::set<std::pair<std::string, std::string>> targets_touched;
  for (const auto& ch : changes) {
    if (!known_codes.count(ch.indicator)) {
      known.bind(1, ch.indicator);
      bool exists = known.step("looking up an indicator");
      known.reset();
      if (!exists)
        throw Error(ErrorCode::not_found,
                    "the store has no indicator '" + ch.indicator +
                        "': import its definition first (nothing was written)",
                    db_.path());
      known_codes.insert(ch.indicator);
    }
    const std::string period = ch.period.to_string();
    changed += writer.write(ch.indicator, period, ch.field, ch.value, false);
    if (ch.field == ValueField::target || ch.field == ValueField::target_low ||
        ch.field == ValueField::target_high)
      targets_touched.insert({ch.indicator, period});
  }
  // Those rows must still be valid (a target or a range, not both; low <=
  // high): the checks of IndicatorSet::add_cell, on a one-row set.
  Statement cells(db_,
                  "SELECT field, value FROM indicator_value WHERE indicator = ?1 AND period = ?2");
  for (const auto& [code, period] : targets_touched) {
    IndicatorSet one;
    Indicator ind;
    ind.code = code;
    ind.unit = one.units().add("check", std::nullopt);
    Cell cell;
    cell.indicator = one.add_indicator(std::move(ind));
    cell.period = Period::parse(period);
    cells.bind(1, code).bind(2, period);
    while (cells.step("reading a row"))
      slot(cell, parse_value_field(cells.text(0))) = cells.real(1);
    cells.reset();
    try {
      one.add_cell(cell);
    } catch (const Error& e) {
      throw Error(e.code(), e.message() + " (nothing was written)", db_.path());
    }
  }
  tx.commit();
  return changed;
}

IndicatorSet SqliteStore::indicators() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Transaction snapshot(db_, false);
  IndicatorSet set;
  Statement defs(db_,
                 "SELECT code, unit_path, name, satuan, polarity, accumulation, weight, "
                 "negative_formula, source FROM indicator ORDER BY rowid");
  while (defs.step("reading indicators")) {
    Indicator ind;
    ind.code = defs.text(0);
    ind.unit = set.units().find_or_add_path(defs.text(1));
    ind.name = defs.text(2);
    ind.satuan = defs.text(3);
    ind.polarity = parse_polarity(defs.text(4));
    ind.accumulation = parse_accumulation(defs.text(5));
    ind.weight = defs.real(6).value_or(1.0);
    if (!defs.is_null(7)) ind.negative_formula = parse_negative_formula(defs.text(7));
    ind.source = defs.text(8);
    set.add_indicator(std::move(ind));
  }
  std::map<std::pair<std::size_t, Period>, Cell> cells;
  Statement values(db_, "SELECT indicator, period, field, value FROM indicator_value");
  while (values.step("reading indicator values")) {
    auto ind = set.find_indicator(values.text(0));
    if (!ind) continue;  // foreign key: cannot happen
    Period period = Period::parse(values.text(1));
    Cell& cell = cells[{*ind, period}];
    cell.indicator = *ind;
    cell.period = period;
    cell.origin = db_.path() + ":" + values.text(0) + "@" + values.text(1);
    slot(cell, parse_value_field(values.text(2))) = values.real(3);
  }
  for (const auto& [key, cell] : cells) set.add_cell(cell);
  snapshot.commit();
  return set;
}

std::vector<AuditEntry> SqliteStore::audit(std::string_view indicator) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string sql =
      "SELECT id, indicator, period, field, old_value, new_value, author, changed_at, reason "
      "FROM indicator_audit ";
  sql += indicator.empty() ? "ORDER BY id" : "WHERE indicator = ?1 ORDER BY id";
  Statement st(db_, sql.c_str());
  if (!indicator.empty()) st.bind(1, indicator);
  std::vector<AuditEntry> out;
  while (st.step("reading the audit trail"))
    out.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.real(4), st.real(5),
                   st.text(6), st.text(7), st.text(8)});
  return out;
}

}  // namespace store_detail
}  // namespace sopkit
