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
