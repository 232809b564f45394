// indicator_entries.cpp — indicator definitions, their values per period and
// the audit trail of every change, in the SQLite store (schema version 3: one
// row of values per (indicator, period), one audit row per changed row).
#include <algorithm>
#include <array>
#include <bitset>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "sopkit/error.hpp"
#include "store/detail/row_batch.hpp"
#include "store/detail/sqlite_store.hpp"
#include "store/detail/value_fields.hpp"

namespace sopkit {

namespace store_detail {

namespace {

constexpr std::size_t kFields = std::size(kValueFields);
using Values = std::array<std::optional<double>, kFields>;
using FieldMask = unsigned;  // bit k: the k-th ValueField

FieldMask bit(ValueField f) {
  return 1u << static_cast<unsigned>(f);
}

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

// In ValueField order (the bit and column order of the schema).
static_assert(static_cast<int>(ValueField::target) == 0 &&
              static_cast<int>(ValueField::physical_realisation) == kFields - 1);
Values values_of(const Cell& cell) {
  return {cell.target,         cell.realisation,   cell.target_low,
          cell.target_high,    cell.budget,        cell.budget_realisation,
          cell.financial_plan, cell.physical_plan, cell.physical_realisation};
}

void set_values_of(Cell& cell, const Values& v) {
  for (ValueField f : kValueFields) slot(cell, f) = v[static_cast<std::size_t>(f)];
}

// The value columns in field order, each written as `pattern` with '%' the
// field's name: "%" gives "target, realisation, ...", "old_%, new_%" the
// audit's pairs.
std::string field_list(std::string_view pattern = "%") {
  std::string out;
  for (ValueField f : kValueFields) {
    if (!out.empty()) out += ", ";
    for (char ch : pattern)
      out += ch == '%' ? std::string(value_field_name(f)) : std::string(1, ch);
  }
  return out;
}

// "?4, ?5, ..." for the value columns, numbered from `first`.
std::string placeholders(int first, std::size_t count) {
  std::string out;
  for (std::size_t k = 0; k < count; ++k)
    out += (k ? ", ?" : "?") + std::to_string(first + static_cast<int>(k));
  return out;
}

// One (indicator, period) row as stored: which fields hold something (a value
// or a stored blank) and the values.
struct StoredRow {
  bool exists = false;
  FieldMask stored = 0;
  Values values;
};

// Reads and writes rows of values and records each change in the audit
// trail: one audit row per changed row, under one indicator_change that says
// who, when and why.
class EntryWriter {
 public:
  EntryWriter(Connection& c, const ChangeMeta& meta)
      : c_(c),
        meta_(meta),
        read_(c, ("SELECT stored, " + field_list() +
                  " FROM indicator_row WHERE indicator = ?1 AND period = ?2")
                     .c_str()),
        // A new row carries its own creation entry: what is stored is what
        // changed, and its first values are its values.
        insert_(c,
                "INSERT INTO indicator_row (indicator, period, stored, " + field_list() +
                    ", created_change, created_entry, created_fields, " + field_list("first_%") +
                    ") VALUES ",
                "(?1, ?2, ?3, " + placeholders(4, kFields) + ", ?13, ?14, ?3, " +
                    placeholders(4, kFields) + ")",
                14, "writing a row of values"),
        update_(c, ("UPDATE indicator_row SET stored = ?3, (" + field_list() + ") = (" +
                    placeholders(4, kFields) + ") WHERE indicator = ?1 AND period = ?2")
                       .c_str()),
        audit_(c, ("INSERT INTO indicator_audit (indicator, id, change, period, fields, " +
                   field_list("old_%, new_%") + ") VALUES (?1, ?2, ?3, ?4, ?5, " +
                   placeholders(6, 2 * kFields) + ")")
                      .c_str()) {}

  StoredRow read(std::int64_t indicator, const std::string& period) {
    insert_.flush();  // the row may be among the new rows not yet written
    StoredRow row;
    read_.bind(1, indicator).bind_lasting(2, period);
    if (read_.step("reading a row of values")) {
      row.exists = true;
      row.stored = static_cast<FieldMask>(read_.integer(0));
      for (std::size_t k = 0; k < kFields; ++k) row.values[k] = read_.real(1 + static_cast<int>(k));
    }
    read_.reset();
    return row;
  }

  // Writes `after` over `before` and audits what changed; returns the number
  // of fields that changed. A field changes when its stored value differs,
  // or when it was never stored and is now given a value, or is in `given`
  // (stored even when blank).
  std::size_t write(std::int64_t indicator, const std::string& period, const StoredRow& before,
                    const Values& after, FieldMask given) {
    FieldMask changed = 0;
    for (std::size_t k = 0; k < kFields; ++k) {
      const FieldMask b = 1u << k;
      const bool differs =
          (before.stored & b) ? before.values[k] != after[k] : after[k].has_value() || (given & b);
      if (differs) changed |= b;
    }
    if (!changed) return 0;
    if (before.exists) {
      bind_values(update_.bind(1, indicator).bind_lasting(2, period), before, after, changed);
      update_.run("writing a row of values");
      audit_changes(indicator, period, before, after, changed);
    } else {
      bind_values(insert_.bind(1, indicator).bind(2, period), before, after, changed);
      insert_.bind(13, change_id()).bind(14, next_entry()).add();
    }
    return count_entries(changed);
  }

  // Records how many entries the change made; call before committing.
  void finish() {
    insert_.flush();
    if (!change_) return;
    Statement st(c_, "UPDATE indicator_change SET entries = ?2 WHERE id = ?1");
    st.bind(1, *change_).bind(2, entries_).run("closing the audit record");
  }

 private:
  // Parameters 3 to 12 of a row of values: what is stored, and the values.
  template <typename Row>
  static void bind_values(Row& row, const StoredRow& before, const Values& after,
                          FieldMask changed) {
    row.bind(3, std::int64_t{before.stored | changed});
    for (std::size_t k = 0; k < kFields; ++k) {
      const bool now = changed & (1u << k);
      row.bind(4 + static_cast<int>(k), now ? after[k] : before.values[k]);
    }
  }

  void audit_changes(std::int64_t indicator, const std::string& period, const StoredRow& before,
                     const Values& after, FieldMask changed) {
    audit_.bind(1, indicator).bind(2, next_entry()).bind(3, change_id());
    audit_.bind_lasting(4, period).bind(5, std::int64_t{changed});
    for (std::size_t k = 0; k < kFields; ++k) {
      if (!(changed & (1u << k))) continue;
      audit_.bind(6 + 2 * static_cast<int>(k), before.values[k]);
      audit_.bind(7 + 2 * static_cast<int>(k), after[k]);
    }
    audit_.run("writing the audit trail");
  }

  std::size_t count_entries(FieldMask changed) {
    const std::size_t count = std::bitset<kFields>(changed).count();
    entries_ += static_cast<std::int64_t>(count);
    return count;
  }

  // The change row is written with the first entry, so a write that changes
  // nothing leaves no trace.
  std::int64_t change_id() {
    if (change_) return *change_;
    Statement last(c_,
                   "SELECT first_entry + entries FROM indicator_change ORDER BY id DESC LIMIT 1");
    first_entry_ = last.step("reading the audit trail") ? last.integer(0) : 1;
    Statement st(c_,
                 "INSERT INTO indicator_change (author, changed_at, reason, first_entry, entries) "
                 "VALUES (?1, ?2, ?3, ?4, 0)");
    st.bind(1, meta_.author).bind(2, utc_now(true)).bind(3, meta_.reason).bind(4, first_entry_);
    st.run("writing the audit trail");
    change_ = c_.last_insert_id();
    return *change_;
  }

  std::int64_t next_entry() {
    change_id();
    return first_entry_ + entries_;
  }

  Connection& c_;
  const ChangeMeta& meta_;
  Statement read_;
  RowBatch insert_;  // rows are new: written many to a statement
  Statement update_, audit_;
  std::optional<std::int64_t> change_;
  std::int64_t first_entry_ = 1, entries_ = 0;
};

// Records indicator definitions: inserts new codes, updates changed ones and
// leaves identical ones alone (a re-import writes nothing). Each code is given
// once (an IndicatorSet's codes are unique), so a lookup never looks for a
// code still waiting in the batch of new ones; call finish() before the rows.
class DefinitionWriter {
 public:
  explicit DefinitionWriter(Connection& c)
      : next_id_(first_free_id(c)),
        find_(c,
              "SELECT id, unit_path, name, satuan, polarity, accumulation, weight, "
              "negative_formula, source FROM indicator WHERE code = ?1"),
        insert_(c,
                "INSERT INTO indicator (unit_path, name, satuan, polarity, accumulation, weight, "
                "negative_formula, source, code, id) VALUES ",
                "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", 10, "recording indicators"),
        update_(c,
                "UPDATE indicator SET unit_path = ?1, name = ?2, satuan = ?3, polarity = ?4, "
                "accumulation = ?5, weight = ?6, negative_formula = ?7, source = ?8 "
                "WHERE code = ?9") {}

  struct Recorded {
    std::int64_t id = 0;
    bool existed = false;  // the store had the code before: its rows may hold values
  };

  Recorded record(const Indicator& ind, const std::string& unit_path) {
    const std::optional<std::string> formula =
        ind.negative_formula ? std::optional<std::string>(to_string(*ind.negative_formula))
                             : std::nullopt;
    const std::string fields[] = {unit_path, ind.name, ind.satuan, to_string(ind.polarity),
                                  to_string(ind.accumulation)};
    Recorded r;
    bool same = false;
    // A first import (a national file: 260 000 codes) looks nothing up.
    if (next_id_ > 1 && find_.bind_lasting(1, ind.code).step("looking up an indicator")) {
      r.existed = true;
      r.id = find_.integer(0);
      same = find_.real(6) == std::optional<double>(ind.weight) && find_.text(8) == ind.source &&
             (find_.is_null(7) ? !formula : formula && find_.text(7) == *formula);
      for (int k = 0; k < 5 && same; ++k) same = find_.text(1 + k) == fields[k];
    }
    find_.reset();
    if (same) return r;
    if (r.existed) {
      bind_definition(update_, ind, fields, formula);
      update_.run("recording indicator " + ind.code);
    } else {
      // New ids are numbered here, as SQLite would (the largest plus one),
      // so that the rows can name them before the batch is written.
      r.id = next_id_++;
      bind_definition(insert_, ind, fields, formula);
      insert_.bind(10, r.id).add();
    }
    return r;
  }

  // Writes the new definitions still waiting in the batch.
  void finish() { insert_.flush(); }

 private:
  static std::int64_t first_free_id(Connection& c) {
    Statement last(c, "SELECT coalesce(max(id), 0) + 1 FROM indicator");
    last.step("looking for indicators");
    return last.integer(0);
  }

  // Parameters 1 to 9 of a definition, in the order of both statements.
  template <typename Row>
  static void bind_definition(Row& st, const Indicator& ind, const std::string (&fields)[5],
                              const std::optional<std::string>& formula) {
    for (int k = 0; k < 5; ++k) st.bind(1 + k, std::string_view(fields[k]));
    st.bind(6, std::optional<double>(ind.weight))
        .bind(8, std::string_view(ind.source))
        .bind(9, std::string_view(ind.code));
    if (formula) st.bind(7, std::string_view(*formula));
  }

  std::int64_t next_id_;  // 1 when the store had no indicator: nothing to look up
  Statement find_;
  RowBatch insert_;  // new definitions: written many to a statement
  Statement update_;
};

void require_author(const ChangeMeta& meta, const std::string& path) {
  if (meta.author.empty())
    throw Error(ErrorCode::invalid_argument,
                "a change to indicator data needs an author (who entered it)", path);
}

// The row rules of IndicatorSet::add_cell (a target or a range, not both;
// low <= high), checked on a one-row set holding `values`.
void check_row(const std::string& code, const std::string& period, const Values& values,
               const std::string& path) {
  IndicatorSet one;
  Indicator ind;
  ind.code = code;
  ind.unit = one.units().add("check", std::nullopt);
  Cell cell;
  cell.indicator = one.add_indicator(std::move(ind));
  cell.period = Period::parse(period);
  set_values_of(cell, values);
  try {
    one.add_cell(cell);
  } catch (const Error& e) {
    throw Error(e.code(), e.message() + " (nothing was written)", path);
  }
}

}  // namespace

std::size_t SqliteStore::import_indicators(const IndicatorSet& set, const ChangeMeta& meta) {
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("import indicator data");
  require_author(meta, db_.path());
  // 32 MiB: the national file's code index (260 000 codes, 5.4 MiB)
  // stays in memory while it is written.
  LargerPageCache cache(db_, 32 * 1024);
  Transaction tx(db_);
  DefinitionWriter definitions(db_);
  std::vector<DefinitionWriter::Recorded> ids;
  ids.reserve(set.indicator_count());
  const std::vector<std::string> unit_paths = set.units().paths();
  for (std::size_t i = 0; i < set.indicator_count(); ++i)
    ids.push_back(definitions.record(set.indicator(i), unit_paths[set.indicator(i).unit]));
  definitions.finish();
  // target and realisation always make the row; other columns only when
  // given or stored before.
  const FieldMask core = bit(ValueField::target) | bit(ValueField::realisation);
  EntryWriter entries(db_, meta);
  std::map<Period, std::string> period_names;  // a file has few periods and many rows
  std::size_t changed = 0;
  for (std::size_t row = 0; row < set.cell_count(); ++row) {
    const Cell cell = set.cell_values(row);  // its origin is not stored
    const DefinitionWriter::Recorded& ind = ids[cell.indicator];
    auto name = period_names.try_emplace(cell.period).first;
    if (name->second.empty()) name->second = cell.period.to_string();
    const std::string& period = name->second;
    // An indicator new to the store has no rows: nothing to read.
    const StoredRow before = ind.existed ? entries.read(ind.id, period) : StoredRow{};
    changed += entries.write(ind.id, period, before, values_of(cell), core);
  }
  entries.finish();
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
  Statement known(db_, "SELECT id FROM indicator WHERE code = ?1");
  std::unordered_map<std::string, std::int64_t> ids;
  EntryWriter entries(db_, meta);
  std::size_t changed = 0;
  // Rows whose target or range changed: only those can break the row rules.
  const FieldMask target_fields =
      bit(ValueField::target) | bit(ValueField::target_low) | bit(ValueField::target_high);
  std::set<std::pair<std::string, std::string>> targets_touched;
  for (const auto& ch : changes) {
    auto id = ids.find(ch.indicator);
    if (id == ids.end()) {
      known.bind(1, ch.indicator);
      if (!known.step("looking up an indicator"))
        throw Error(ErrorCode::not_found,
                    "the store has no indicator '" + ch.indicator +
                        "': import its definition first (nothing was written)",
                    db_.path());
      id = ids.emplace(ch.indicator, known.integer(0)).first;
      known.reset();
    }
    const std::string period = ch.period.to_string();
    const StoredRow before = entries.read(id->second, period);
    Values after = before.values;
    after[static_cast<std::size_t>(ch.field)] = ch.value;
    changed += entries.write(id->second, period, before, after, bit(ch.field));
    if (bit(ch.field) & target_fields) targets_touched.insert({ch.indicator, period});
  }
  for (const auto& [code, period] : targets_touched)
    check_row(code, period, entries.read(ids.at(code), period).values, db_.path());
  entries.finish();
  tx.commit();
  return changed;
}

IndicatorSet SqliteStore::indicators() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Transaction snapshot(db_, false);
  IndicatorSet set;
  std::unordered_map<std::int64_t, std::size_t> index_of;  // store id -> set index
  Statement defs(db_,
                 "SELECT id, code, unit_path, name, satuan, polarity, accumulation, weight, "
                 "negative_formula, source FROM indicator ORDER BY id");
  while (defs.step("reading indicators")) {
    Indicator ind;
    ind.code = defs.text(1);
    ind.unit = set.units().find_or_add_path(defs.text(2));
    ind.name = defs.text(3);
    ind.satuan = defs.text(4);
    ind.polarity = parse_polarity(defs.text(5));
    ind.accumulation = parse_accumulation(defs.text(6));
    ind.weight = defs.real(7).value_or(1.0);
    if (!defs.is_null(8)) ind.negative_formula = parse_negative_formula(defs.text(8));
    ind.source = defs.text(9);
    index_of.emplace(defs.integer(0), set.add_indicator(std::move(ind)));
  }
  std::vector<Cell> cells;
  Statement rows(db_,
                 ("SELECT indicator, period, " + field_list() + " FROM indicator_row").c_str());
  while (rows.step("reading indicator values")) {
    auto ind = index_of.find(rows.integer(0));
    if (ind == index_of.end()) continue;  // foreign key: cannot happen
    Cell cell;
    cell.indicator = ind->second;
    cell.period = Period::parse(rows.text(1));
    cell.origin = db_.path() + ":" + set.indicator(ind->second).code + "@" + rows.text(1);
    for (ValueField f : kValueFields) slot(cell, f) = rows.real(2 + static_cast<int>(f));
    cells.push_back(std::move(cell));
  }
  // Indicators in store order, each one's periods chronological.
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    return a.indicator != b.indicator ? a.indicator < b.indicator : a.period < b.period;
  });
  for (const Cell& cell : cells) set.add_cell(cell);
  snapshot.commit();
  return set;
}

std::vector<AuditEntry> SqliteStore::audit(std::string_view indicator) const {
  std::lock_guard<std::mutex> lock(mutex_);
  Transaction snapshot(db_, false);
  std::optional<std::int64_t> id;
  if (!indicator.empty()) {
    Statement find(db_, "SELECT id FROM indicator WHERE code = ?1");
    find.bind(1, indicator);
    if (!find.step("looking up an indicator")) return {};
    id = find.integer(0);
  }
  // By indicator id, so that the condition reaches both halves of the view.
  std::string sql = "SELECT e.id, i.code, e.period, e.fields, c.author, c.changed_at, c.reason, " +
                    field_list("e.old_%, e.new_%") +
                    " FROM indicator_audit_entry e JOIN indicator i ON i.id = e.indicator "
                    "JOIN indicator_change c ON c.id = e.change ";
  sql += id ? "WHERE e.indicator = ?1 ORDER BY e.id" : "ORDER BY e.id";
  Statement st(db_, sql.c_str());
  if (id) st.bind(1, *id);
  std::vector<AuditEntry> out;
  while (st.step("reading the audit trail")) {
    // One audit row holds the changed fields of a row, numbered in field order.
    std::int64_t entry = st.integer(0);
    const auto fields = static_cast<FieldMask>(st.integer(3));
    for (ValueField f : kValueFields) {
      if (!(fields & bit(f))) continue;
      const int k = static_cast<int>(f);
      out.push_back({entry++, st.text(1), st.text(2), value_field_name(f), st.real(7 + 2 * k),
                     st.real(8 + 2 * k), st.text(4), st.text(5), st.text(6)});
    }
  }
  snapshot.commit();
  return out;
}

}  // namespace store_detail
}  // namespace sopkit
