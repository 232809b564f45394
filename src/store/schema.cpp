// schema.cpp — the store's schema, versioned in PRAGMA user_version, and the
// ordered migrations that bring an older file up to date in one transaction.
#include <string>

#include "sopkit/error.hpp"
#include "store/detail/sqlite_store.hpp"

namespace sopkit::store_detail {

namespace {

// migrations[v] takes a schema from version v to v + 1. Append, never edit:
// files in the field were made by the old steps.
const char* const kMigrations[] = {
    // 0 -> 1: SOP revisions and indicator data with its audit trail.
    R"sql(
CREATE TABLE sop_revision (
  sop_number   TEXT    NOT NULL,
  revision     INTEGER NOT NULL CHECK (revision > 0),
  revised_on   TEXT    NOT NULL,
  author       TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  content_hash TEXT    NOT NULL,
  document     TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  PRIMARY KEY (sop_number, revision)
);
CREATE TABLE indicator (
  code             TEXT PRIMARY KEY,
  unit_path        TEXT NOT NULL,
  name             TEXT NOT NULL,
  satuan           TEXT NOT NULL,
  polarity         TEXT NOT NULL,
  accumulation     TEXT NOT NULL,
  weight           REAL NOT NULL,
  negative_formula TEXT,
  source           TEXT NOT NULL
);
CREATE TABLE indicator_value (
  indicator TEXT NOT NULL REFERENCES indicator(code),
  period    TEXT NOT NULL,
  field     TEXT NOT NULL,
  value     REAL,
  PRIMARY KEY (indicator, period, field)
) WITHOUT ROWID;
CREATE TABLE indicator_audit (
  id         INTEGER PRIMARY KEY,
  indicator  TEXT NOT NULL,
  period     TEXT NOT NULL,
  field      TEXT NOT NULL,
  old_value  REAL,
  new_value  REAL,
  author     TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  reason     TEXT NOT NULL
);
)sql",
    // 1 -> 2: execution runs and generated reports; audit looked up by indicator.
    R"sql(
CREATE INDEX indicator_audit_by_indicator ON indicator_audit (indicator, id);
CREATE TABLE run (
  id          INTEGER PRIMARY KEY,
  sop_number  TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  case_id     TEXT    NOT NULL,
  started_at  TEXT    NOT NULL,
  finished_at TEXT    NOT NULL,
  document    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  FOREIGN KEY (sop_number, revision) REFERENCES sop_revision (sop_number, revision)
);
CREATE INDEX run_by_sop ON run (sop_number, id);
CREATE TABLE report (
  id         INTEGER PRIMARY KEY,
  kind       TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  sop_number TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  content    BLOB    NOT NULL
);
)sql",
    // 2 -> 3 (national files): integer indicator ids; one row of values per
    // (indicator, period) instead of one per field. The audit entry that
    // creates a row (old values all blank) is kept in the row itself
    // (created_*, first_*), so a bulk import writes one row per value row;
    // later changes are audit rows, one per changed row. In both, `fields` is
    // a bit mask (bit k = the k-th ValueField) and the entry ids are
    // consecutive from the first, in field order; who, when and why are kept
    // once per write in indicator_change. The view indicator_audit_entry
    // shows both kinds. Every existing record and audit id is kept.
    R"sql(
ALTER TABLE indicator RENAME TO indicator_v2;
ALTER TABLE indicator_value RENAME TO indicator_value_v2;
ALTER TABLE indicator_audit RENAME TO indicator_audit_v2;
CREATE TABLE indicator (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  unit_path        TEXT NOT NULL,
  name             TEXT NOT NULL,
  satuan           TEXT NOT NULL,
  polarity         TEXT NOT NULL,
  accumulation     TEXT NOT NULL,
  weight           REAL NOT NULL,
  negative_formula TEXT,
  source           TEXT NOT NULL
);
CREATE TABLE indicator_row (  -- written only with its indicator: no key check per row
  indicator            INTEGER NOT NULL,
  period               TEXT    NOT NULL,
  stored               INTEGER NOT NULL,  -- bit mask: fields holding a value or a stored blank
  target               REAL,
  realisation          REAL,
  target_low           REAL,
  target_high          REAL,
  budget               REAL,
  budget_realisation   REAL,
  financial_plan       REAL,
  physical_plan        REAL,
  physical_realisation REAL,
  created_change       INTEGER,  -- NULL: created before version 3 (see indicator_audit)
  created_entry        INTEGER,
  created_fields       INTEGER,
  first_target               REAL,
  first_realisation          REAL,
  first_target_low           REAL,
  first_target_high          REAL,
  first_budget               REAL,
  first_budget_realisation   REAL,
  first_financial_plan       REAL,
  first_physical_plan        REAL,
  first_physical_realisation REAL,
  PRIMARY KEY (indicator, period)
) WITHOUT ROWID;
CREATE TABLE indicator_change (
  id          INTEGER PRIMARY KEY,
  author      TEXT    NOT NULL,
  changed_at  TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  first_entry INTEGER NOT NULL,
  entries     INTEGER NOT NULL
);
CREATE TABLE indicator_audit (  -- written only with its change and row: no key checks
  indicator INTEGER NOT NULL,
  id        INTEGER NOT NULL,
  change    INTEGER NOT NULL,
  period    TEXT    NOT NULL,
  fields    INTEGER NOT NULL,
  old_target REAL, new_target REAL,
  old_realisation REAL, new_realisation REAL,
  old_target_low REAL, new_target_low REAL,
  old_target_high REAL, new_target_high REAL,
  old_budget REAL, new_budget REAL,
  old_budget_realisation REAL, new_budget_realisation REAL,
  old_financial_plan REAL, new_financial_plan REAL,
  old_physical_plan REAL, new_physical_plan REAL,
  old_physical_realisation REAL, new_physical_realisation REAL,
  PRIMARY KEY (indicator, id)
) WITHOUT ROWID;
CREATE TEMP TABLE v3_field (name TEXT PRIMARY KEY, bit INTEGER NOT NULL);
INSERT INTO v3_field VALUES ('target', 1), ('realisation', 2), ('target_low', 4),
  ('target_high', 8), ('budget', 16), ('budget_realisation', 32), ('financial_plan', 64),
  ('physical_plan', 128), ('physical_realisation', 256);
INSERT INTO indicator (code, unit_path, name, satuan, polarity, accumulation, weight,
                       negative_formula, source)
  SELECT code, unit_path, name, satuan, polarity, accumulation, weight, negative_formula, source
  FROM indicator_v2 ORDER BY rowid;
INSERT INTO indicator_row (indicator, period, stored, target, realisation, target_low,
    target_high, budget, budget_realisation, financial_plan, physical_plan, physical_realisation)
  SELECT i.id, v.period, sum(f.bit),
  max(CASE f.bit WHEN 1 THEN v.value END),
  max(CASE f.bit WHEN 2 THEN v.value END),
  max(CASE f.bit WHEN 4 THEN v.value END),
  max(CASE f.bit WHEN 8 THEN v.value END),
  max(CASE f.bit WHEN 16 THEN v.value END),
  max(CASE f.bit WHEN 32 THEN v.value END),
  max(CASE f.bit WHEN 64 THEN v.value END),
  max(CASE f.bit WHEN 128 THEN v.value END),
  max(CASE f.bit WHEN 256 THEN v.value END)
  FROM indicator_value_v2 v JOIN indicator i ON i.code = v.indicator
  JOIN v3_field f ON f.name = v.field
  GROUP BY i.id, v.period;
INSERT INTO indicator_change SELECT id, author, changed_at, reason, id, 1 FROM indicator_audit_v2;
INSERT INTO indicator_audit
  SELECT i.id, a.id, a.id, a.period, f.bit,
  CASE f.bit WHEN 1 THEN a.old_value END, CASE f.bit WHEN 1 THEN a.new_value END,
  CASE f.bit WHEN 2 THEN a.old_value END, CASE f.bit WHEN 2 THEN a.new_value END,
  CASE f.bit WHEN 4 THEN a.old_value END, CASE f.bit WHEN 4 THEN a.new_value END,
  CASE f.bit WHEN 8 THEN a.old_value END, CASE f.bit WHEN 8 THEN a.new_value END,
  CASE f.bit WHEN 16 THEN a.old_value END, CASE f.bit WHEN 16 THEN a.new_value END,
  CASE f.bit WHEN 32 THEN a.old_value END, CASE f.bit WHEN 32 THEN a.new_value END,
  CASE f.bit WHEN 64 THEN a.old_value END, CASE f.bit WHEN 64 THEN a.new_value END,
  CASE f.bit WHEN 128 THEN a.old_value END, CASE f.bit WHEN 128 THEN a.new_value END,
  CASE f.bit WHEN 256 THEN a.old_value END, CASE f.bit WHEN 256 THEN a.new_value END
  FROM indicator_audit_v2 a JOIN indicator i ON i.code = a.indicator
  JOIN v3_field f ON f.name = a.field;
CREATE VIEW indicator_audit_entry AS
  SELECT indicator, created_entry AS id, created_change AS change, period,
    created_fields AS fields,
    NULL AS old_target, first_target AS new_target,
    NULL AS old_realisation, first_realisation AS new_realisation,
    NULL AS old_target_low, first_target_low AS new_target_low,
    NULL AS old_target_high, first_target_high AS new_target_high,
    NULL AS old_budget, first_budget AS new_budget,
    NULL AS old_budget_realisation, first_budget_realisation AS new_budget_realisation,
    NULL AS old_financial_plan, first_financial_plan AS new_financial_plan,
    NULL AS old_physical_plan, first_physical_plan AS new_physical_plan,
    NULL AS old_physical_realisation, first_physical_realisation AS new_physical_realisation
  FROM indicator_row WHERE created_entry IS NOT NULL
  UNION ALL
  SELECT indicator, id, change, period, fields,
    old_target, new_target,
    old_realisation, new_realisation,
    old_target_low, new_target_low,
    old_target_high, new_target_high,
    old_budget, new_budget,
    old_budget_realisation, new_budget_realisation,
    old_financial_plan, new_financial_plan,
    old_physical_plan, new_physical_plan,
    old_physical_realisation, new_physical_realisation
  FROM indicator_audit;
DROP TABLE v3_field;
DROP TABLE indicator_audit_v2;
DROP TABLE indicator_value_v2;
DROP TABLE indicator_v2;
)sql",
};
static_assert(sizeof kMigrations / sizeof kMigrations[0] == kSchemaVersion,
              "one migration per schema version");

}  // namespace

void migrate(Connection& c) {
  int version = c.user_version();
  if (version > kSchemaVersion)
    throw Error(ErrorCode::format_error,
                "the store's schema version " + std::to_string(version) +
                    " is newer than this sopkit knows (" + std::to_string(kSchemaVersion) +
                    "): open it with a newer sopkit",
                c.path());
  if (version == kSchemaVersion) return;
  if (c.read_only())
    throw Error(ErrorCode::format_error,
                "the store's schema version " + std::to_string(version) + " needs migrating to " +
                    std::to_string(kSchemaVersion) + ": open it once for writing",
                c.path());
  Transaction tx(c);
  version = c.user_version();  // another process may have migrated meanwhile
  for (; version < kSchemaVersion; ++version) {
    c.exec(kMigrations[version],
           ("migrating the schema from version " + std::to_string(version)).c_str());
  }
  c.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str(),
         "recording the schema version");
  tx.commit();
}

}  // namespace sopkit::store_detail
