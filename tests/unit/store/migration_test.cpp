// Schema versions: a version-1 file (made here by SQL, as sopkit 0.1 wrote it)
// migrates; a newer schema, a corrupt file and a read-only old file are refused.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <fstream>

#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/store.hpp"
#include "store_test_util.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

using test::TempStorePath;

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << msg;
}

int user_version(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
  sqlite3_step(st);
  int v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

std::string sql_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The version-1 schema, written out as it was, with one revision and one value.
void make_version_1_store(const std::string& path) {
  SopDocument seed = load_sop_file(test::seed_path()).document();
  run_sql(path, R"sql(
CREATE TABLE sop_revision (sop_number TEXT NOT NULL, revision INTEGER NOT NULL CHECK (revision > 0),
  revised_on TEXT NOT NULL, author TEXT NOT NULL, note TEXT NOT NULL, content_hash TEXT NOT NULL,
  document TEXT NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (sop_number, revision));
CREATE TABLE indicator (code TEXT PRIMARY KEY, unit_path TEXT NOT NULL, name TEXT NOT NULL,
  satuan TEXT NOT NULL, polarity TEXT NOT NULL, accumulation TEXT NOT NULL, weight REAL NOT NULL,
  negative_formula TEXT, source TEXT NOT NULL);
CREATE TABLE indicator_value (indicator TEXT NOT NULL REFERENCES indicator(code),
  period TEXT NOT NULL, field TEXT NOT NULL, value REAL,
  PRIMARY KEY (indicator, period, field)) WITHOUT ROWID;
CREATE TABLE indicator_audit (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL,
  period TEXT NOT NULL, field TEXT NOT NULL, old_value REAL, new_value REAL,
  author TEXT NOT NULL, changed_at TEXT NOT NULL, reason TEXT NOT NULL);
INSERT INTO sop_revision VALUES ()sql" +
                    sql_quoted(seed.number) +
                    ", 1, '2023-01-01', 'Budi', 'terbit', 'fnv1a64:0000000000000000', " +
                    sql_quoted(sop_to_json(seed, -1)) + R"sql(, '2023-01-02T01:00:00Z');
INSERT INTO indicator VALUES ('IKU-01', 'Dinas/Bidang SD', 'APK SD', '%', 'positive', 'last', 1,
  NULL, '');
INSERT INTO indicator_value VALUES ('IKU-01', '2024-Q1', 'target', 106), ('IKU-01', '2024-Q1',
  'realisation', 0);
INSERT INTO indicator_audit VALUES (1, 'IKU-01', '2024-Q1', 'realisation', NULL, 0, 'Siti',
  '2024-04-01T00:00:00.000Z', 'impor');
PRAGMA user_version = 1;
)sql");
}

TEST(StoreSchema, NewStoreHasTheCurrentVersion) {
  TempStorePath tmp;
  open_sqlite_store(tmp.path());
  EXPECT_EQ(user_version(tmp.path()), sqlite_store_schema_version());
  EXPECT_EQ(sqlite_store_schema_version(), 3);
}

TEST(StoreSchema, VersionOneMigratesKeepingItsRecords) {
  TempStorePath tmp;
  make_version_1_store(tmp.path());
  auto store = open_sqlite_store(tmp.path());
  EXPECT_EQ(user_version(tmp.path()), 3);
  SopDocument seed = load_sop_file(test::seed_path()).document();
  EXPECT_EQ(store->get_revision(seed.number, 1).document(), seed);
  auto audit = store->audit("IKU-01");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].id, 1);
  EXPECT_EQ(audit[0].period, "2024-Q1");
  EXPECT_EQ(audit[0].field, "realisation");
  EXPECT_EQ(audit[0].old_value, std::nullopt);
  EXPECT_EQ(audit[0].new_value, std::optional<double>(0.0));
  EXPECT_EQ(audit[0].author, "Siti");
  EXPECT_EQ(audit[0].changed_at, "2024-04-01T00:00:00.000Z");
  EXPECT_EQ(audit[0].reason, "impor");
  IndicatorSet set = store->indicators();
  ASSERT_EQ(set.cell_count(), 1u);
  EXPECT_EQ(set.cell(0).target, std::optional<double>(106.0));
  EXPECT_EQ(set.cell(0).realisation, std::optional<double>(0.0));
  EXPECT_EQ(set.indicator(0).unit, *set.units().find_path("Dinas/Bidang SD"));
  // The migrated rows take changes; the trail goes on after the old ids.
  const Period q1 = Period::parse("2024-Q1"), q2 = Period::parse("2024-Q2");
  EXPECT_EQ(store->set_value("IKU-01", q1, ValueField::realisation, 5.0, {"Andi", ""}), 1u);
  EXPECT_EQ(store->set_value("IKU-01", q2, ValueField::target, 7.0, {"Andi", ""}), 1u);
  audit = store->audit("");
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[1].id, 2);
  EXPECT_EQ(audit[1].old_value, std::optional<double>(0.0));
  EXPECT_EQ(audit[2].id, 3);
  EXPECT_EQ(audit[2].period, "2024-Q2");
  // What version 2 added works on the migrated file.
  EXPECT_GT(store->put_run({0, seed.number, 1, "c1", "", "", "{}"}), 0);
  EXPECT_GT(store->put_report({0, "csv", "a.csv", "", "", 0, "x"}), 0);
}

TEST(StoreSchema, ANewerSchemaIsRefusedWithAClearError) {
  TempStorePath tmp;
  open_sqlite_store(tmp.path());
  run_sql(tmp.path(), "PRAGMA user_version = 9");
  try {
    open_sqlite_store(tmp.path());
    FAIL() << "opened a newer schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_NE(std::string(e.what()).find("schema version 9 is newer"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(user_version(tmp.path()), 9);  // untouched
}

TEST(StoreSchema, AnOldSchemaOpenedReadOnlyIsNotMigrated) {
  TempStorePath tmp;
  make_version_1_store(tmp.path());
  StoreOptions ro;
  ro.read_only = true;
  try {
    open_sqlite_store(tmp.path(), ro);
    FAIL() << "read-only open migrated or accepted an old schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
  }
  EXPECT_EQ(user_version(tmp.path()), 1);
}

TEST(StoreSchema, ACorruptFileIsAFormatErrorNotACrash) {
  TempStorePath tmp;
  {
    std::ofstream out(tmp.path(), std::ios::binary);
    out.write("SQLite format 3", 16);  // the magic string and its NUL, then garbage
    for (int i = 0; i < 8192; ++i) out.put(static_cast<char>(0xA5));
  }
  try {
    open_sqlite_store(tmp.path());
    FAIL() << "opened a corrupt file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error) << e.what();
    EXPECT_EQ(e.where(), tmp.path());
  }
}

}  // namespace
}  // namespace sopkit
