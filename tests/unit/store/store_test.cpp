// The SQLite record store: SOP revisions and their diff, indicator data with
// its audit trail, runs, reports, and the errors a clerk can run into.
#include "sopkit/store.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <tuple>

#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/sop_json.hpp"
#include "store_test_util.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

using test::TempStorePath;

SopDocument seed() {
  return load_sop_file(test::seed_path()).document();
}

IndicatorSet example_indicators() {
  return load_indicators_file(test::source_path("examples/indicators-disdikbud-2024.csv"));
}

template <typename F>
ErrorCode code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::internal;  // "no error" never matches what a test expects
}

TEST(StoreRevisions, FirstRevisionIsOneAndRoundTripsTheDocument) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  RevisionInfo info = store->put_revision(seed(), {"Budi", "2023-01-01", "terbit", 0, false});
  EXPECT_EQ(info.revision, 1);
  EXPECT_EQ(info.sop_number, seed().number);
  EXPECT_EQ(info.content_hash.substr(0, 8), "fnv1a64:");
  EXPECT_EQ(info.content_hash.size(), 8u + 16u);
  EXPECT_EQ(store->get_revision(seed().number, 1).document(), seed());
  EXPECT_EQ(store->get_revision(seed().number).document(), seed());  // 0 = latest
}

TEST(StoreRevisions, NumbersCountUpAndTheDiffNamesTheChange) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  SopDocument v1 = seed(), v2 = seed();
  v2.steps[3].time_text = "3 hari";  // step 4, seed "2 hari"
  store->put_revision(v1, {"Budi", "2023-01-01", "terbit", 0, false});
  RevisionInfo r2 = store->put_revision(v2, {"Siti", "2024-03-01", "waktu step 4", 0, false});
  EXPECT_EQ(r2.revision, 2);
  auto list = store->revisions(v1.number);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].author, "Budi");
  EXPECT_EQ(list[1].date, "2024-03-01");
  EXPECT_EQ(list[1].note, "waktu step 4");
  EXPECT_NE(list[0].content_hash, list[1].content_hash);
  SopDiff d = store->diff(v1.number, 1, 2);
  ASSERT_EQ(d.changes.size(), 1u);
  EXPECT_EQ(d.changes[0], (SopChange{ChangeKind::time_changed, "4", "time", "2 hari", "3 hari"}));
  EXPECT_TRUE(store->diff(v1.number, 2, 0).empty());
}

TEST(StoreRevisions, DateDefaultsToTheDocumentsLastRevisedDate) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  SopDocument doc = seed();
  doc.dates.revised = {{"2023-06-01", "a"}, {"2024-02-15", "b"}};
  EXPECT_EQ(store->put_revision(doc, {"Budi", "", "", 0, false}).date, "2024-02-15");
}

TEST(StoreRevisions, IdenticalToLatestIsRefusedUnlessAllowed) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  EXPECT_EQ(code_of([&] {
              store->put_revision(seed(), {"Budi", "2023-02-01", "", 0, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(store->revisions(seed().number).size(), 1u);
  EXPECT_EQ(store->put_revision(seed(), {"Budi", "2023-02-01", "terbit ulang", 0, true}).revision,
            2);
}

TEST(StoreRevisions, ExplicitNumberMustBeAboveTheLatest) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  SopDocument doc = seed();
  EXPECT_EQ(store->put_revision(doc, {"Budi", "2023-01-01", "", 3, false}).revision, 3);
  doc.title += " (revisi)";
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"Budi", "2024-01-01", "", 3, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"Budi", "2024-01-01", "", 2, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(store->put_revision(doc, {"Budi", "2024-01-01", "", 0, false}).revision, 4);
}

TEST(StoreRevisions, BadInputIsRefusedAndNothingIsWritten) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  SopDocument doc = seed();
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"", "2023-01-01", "", 0, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"Budi", "2023-02-30", "", 0, false});
            }),
            ErrorCode::invalid_argument);
  doc.number.clear();
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"Budi", "2023-01-01", "", 0, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_TRUE(store->revisions("").empty());
}

TEST(StoreRevisions, UnknownSopOrRevisionIsNotFound) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  EXPECT_EQ(code_of([&] { store->get_revision("999/SOP/X/2024"); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { store->get_revision(seed().number, 2); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { store->diff(seed().number, 1, 7); }), ErrorCode::not_found);
  EXPECT_TRUE(store->revisions("999/SOP/X/2024").empty());
}

TEST(StoreIndicators, CsvImportRoundTripsBlankDistinctFromZero) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  IndicatorSet set = example_indicators();
  std::size_t changed = store->import_indicators(set, {"Siti", "impor TW1-TW4"});
  EXPECT_GT(changed, 0u);
  EXPECT_EQ(test::lines(store->indicators()), test::lines(set));
  // The export feeds the existing JSON loader unchanged.
  IndicatorSet again = parse_indicators_json(indicators_to_json(store->indicators()));
  EXPECT_EQ(test::lines(again), test::lines(set));
  // A reported zero stays zero; a blank stays blank.
  store->set_value("IKU-01", Period::parse("2024-Q1"), ValueField::realisation, 0.0,
                   {"Siti", "koreksi"});
  store->set_value("IKU-01", Period::parse("2024-Q2"), ValueField::realisation, std::nullopt,
                   {"Siti", "belum dilaporkan"});
  IndicatorSet out = store->indicators();
  auto iku = *out.find_indicator("IKU-01");
  EXPECT_EQ(out.cell(*out.find_cell(iku, Period::parse("2024-Q1"))).realisation,
            std::optional<double>(0.0));
  EXPECT_EQ(out.cell(*out.find_cell(iku, Period::parse("2024-Q2"))).realisation, std::nullopt);
}

TEST(StoreIndicators, ReimportingTheSameDataChangesNothing) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->import_indicators(example_indicators(), {"Siti", ""});
  std::size_t audit_rows = store->audit("").size();
  EXPECT_EQ(store->import_indicators(example_indicators(), {"Siti", ""}), 0u);
  EXPECT_EQ(store->audit("").size(), audit_rows);
}

TEST(StoreIndicators, EveryChangeLeavesWhoWhenOldAndNewValue) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->import_indicators(example_indicators(), {"Siti", "impor"});
  const Period q1 = Period::parse("2024-Q1");
  auto before = store->audit("IKU-01");
  // 104.1 -> 104.3, then -> blank: two rows, in order, with the old values.
  EXPECT_EQ(store->set_value("IKU-01", q1, ValueField::realisation, 104.3, {"Andi", "salah ketik"}),
            1u);
  EXPECT_EQ(store->set_value("IKU-01", q1, ValueField::realisation, 104.3, {"Andi", "lagi"}), 0u);
  store->set_value("IKU-01", q1, ValueField::realisation, std::nullopt, {"Rina", "ditarik"});
  auto after = store->audit("IKU-01");
  ASSERT_EQ(after.size(), before.size() + 2);
  const AuditEntry& a = after[after.size() - 2];
  const AuditEntry& b = after.back();
  EXPECT_EQ(a.indicator, "IKU-01");
  EXPECT_EQ(a.period, "2024-Q1");
  EXPECT_EQ(a.field, "realisation");
  EXPECT_EQ(a.old_value, std::optional<double>(104.1));
  EXPECT_EQ(a.new_value, std::optional<double>(104.3));
  EXPECT_EQ(a.author, "Andi");
  EXPECT_EQ(a.reason, "salah ketik");
  EXPECT_EQ(a.changed_at.size(), 24u);  // 2026-12-02T02:30:00.123Z
  EXPECT_EQ(a.changed_at.back(), 'Z');
  EXPECT_LT(a.id, b.id);
  EXPECT_EQ(b.old_value, std::optional<double>(104.3));
  EXPECT_EQ(b.new_value, std::nullopt);
  EXPECT_EQ(b.author, "Rina");
  // The import's own rows: the first value of IKU-01 2024-Q1 came from blank.
  EXPECT_EQ(before.front().old_value, std::nullopt);
  EXPECT_EQ(before.front().author, "Siti");
}

TEST(StoreIndicators, ABadChangeInABatchWritesNothing) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->import_indicators(example_indicators(), {"Siti", ""});
  auto lines = test::lines(store->indicators());
  auto audit = store->audit("").size();
  const Period q3 = Period::parse("2024-Q3");
  std::vector<ValueChange> batch{{"IKU-01", q3, ValueField::realisation, 1.0},
                                 {"NOPE-99", q3, ValueField::realisation, 2.0}};
  EXPECT_EQ(code_of([&] { store->set_values(batch, {"Andi", ""}); }), ErrorCode::not_found);
  batch[1] = {"IKU-01", q3, ValueField::target_low, 5.0};  // a range beside a target
  EXPECT_EQ(code_of([&] { store->set_values(batch, {"Andi", ""}); }), ErrorCode::invalid_argument);
  batch[1] = {"IKU-01", q3, ValueField::target, -1.0};
  EXPECT_EQ(code_of([&] { store->set_values(batch, {"Andi", ""}); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { store->set_values({batch[0]}, {"", ""}); }), ErrorCode::invalid_argument);
  EXPECT_EQ(test::lines(store->indicators()), lines);
  EXPECT_EQ(store->audit("").size(), audit);
}

// A one-indicator set: code IKU-01 with the given (period, target,
// realisation) rows.
IndicatorSet one_indicator(
    const std::vector<std::tuple<std::string, double, std::optional<double>>>& rows) {
  IndicatorSet set;
  Indicator ind;
  ind.code = "IKU-01";
  ind.unit = set.units().find_or_add_path("Dinas/Bidang");
  const std::size_t i = set.add_indicator(std::move(ind));
  for (const auto& [period, target, realisation] : rows) {
    Cell c;
    c.indicator = i;
    c.period = Period::parse(period);
    c.target = target;
    c.realisation = realisation;
    set.add_cell(c);
  }
  return set;
}

std::string entry_text(const AuditEntry& a) {
  auto v = [](const std::optional<double>& x) { return x ? std::to_string(*x) : std::string("-"); };
  return std::to_string(a.id) + " " + a.indicator + " " + a.period + " " + a.field + " " +
         v(a.old_value) + ">" + v(a.new_value) + " " + a.author + " " + a.reason;
}

std::vector<std::string> entries_text(const std::vector<AuditEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& a : entries) out.push_back(entry_text(a));
  return out;
}

// Rows created by an import keep their first entry with them, later changes
// are audit rows: the trail interleaves both by id, per field, with old and
// new values, and a re-import that changes one value writes one entry.
TEST(StoreIndicators, TheTrailListsCreatedRowsAndLaterChangesInOrder) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  EXPECT_EQ(store->import_indicators(one_indicator({{"2024-Q1", 10, 9}}), {"Siti", "TW1"}), 2u);
  EXPECT_EQ(store->set_value("IKU-01", Period::parse("2024-Q1"), ValueField::realisation, 9.5,
                             {"Andi", "koreksi"}),
            1u);
  // Q1 unchanged, Q1 realisation back to 9 (one entry), Q2 new (two entries).
  EXPECT_EQ(store->import_indicators(one_indicator({{"2024-Q1", 10, 9}, {"2024-Q2", 10, {}}}),
                                     {"Rina", "TW2"}),
            3u);
  const std::vector<std::string> expected{
      "1 IKU-01 2024-Q1 target ->10.000000 Siti TW1",
      "2 IKU-01 2024-Q1 realisation ->9.000000 Siti TW1",
      "3 IKU-01 2024-Q1 realisation 9.000000>9.500000 Andi koreksi",
      "4 IKU-01 2024-Q1 realisation 9.500000>9.000000 Rina TW2",
      "5 IKU-01 2024-Q2 target ->10.000000 Rina TW2",
      "6 IKU-01 2024-Q2 realisation ->- Rina TW2",
  };
  EXPECT_EQ(entries_text(store->audit("IKU-01")), expected);
  EXPECT_EQ(entries_text(store->audit("")), expected);
  EXPECT_TRUE(store->audit("IKU-99").empty());
  // Nothing changed: nothing written, the ids go on from where they were.
  EXPECT_EQ(store->import_indicators(one_indicator({{"2024-Q1", 10, 9}, {"2024-Q2", 10, {}}}),
                                     {"Rina", "TW2"}),
            0u);
  EXPECT_EQ(store->set_value("IKU-01", Period::parse("2024-Q2"), ValueField::budget, 5.0,
                             {"Andi", "pagu"}),
            1u);
  EXPECT_EQ(entry_text(store->audit("IKU-01").back()),
            "7 IKU-01 2024-Q2 budget ->5.000000 Andi pagu");
  IndicatorSet out = store->indicators();
  ASSERT_EQ(out.cell_count(), 2u);
  EXPECT_EQ(out.cell(0).realisation, std::optional<double>(9.0));
  EXPECT_EQ(out.cell(1).budget, std::optional<double>(5.0));
  EXPECT_EQ(out.cell(1).realisation, std::nullopt);
}

// Definitions: an unchanged one is not rewritten, a changed one is replaced,
// and a new one joins after the others.
TEST(StoreIndicators, ReimportReplacesChangedDefinitionsOnly) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  IndicatorSet set = example_indicators();
  store->import_indicators(set, {"Siti", ""});
  IndicatorSet renamed = example_indicators();
  Indicator ind = renamed.indicator(0);
  ind.name = "APK SD (baru)";
  ind.weight = 3;
  IndicatorSet changed;
  ind.unit = changed.units().find_or_add_path(set.units().path(ind.unit));
  changed.add_indicator(ind);
  Indicator extra;
  extra.code = "IKU-NEW";
  extra.unit = ind.unit;
  extra.negative_formula = NegativeFormula::ratio;
  changed.add_indicator(extra);
  EXPECT_EQ(store->import_indicators(changed, {"Siti", ""}), 0u);  // no values
  IndicatorSet out = store->indicators();
  ASSERT_EQ(out.indicator_count(), set.indicator_count() + 1);
  EXPECT_EQ(out.indicator(0).name, "APK SD (baru)");
  EXPECT_EQ(out.indicator(0).weight, 3.0);
  EXPECT_EQ(out.indicator(1).name, set.indicator(1).name);
  EXPECT_EQ(out.indicator(out.indicator_count() - 1).code, "IKU-NEW");
  EXPECT_EQ(out.indicator(out.indicator_count() - 1).negative_formula, NegativeFormula::ratio);
  EXPECT_EQ(out.cell_count(), set.cell_count());
}

// Indicators "L<first>" .. "L<last>" in three units, each with an annual and
// four quarterly rows; `bump` is added to every realisation. Some rows have a
// blank realisation, some a budget, some a target range instead of a target.
IndicatorSet numbered_indicators(int first, int last, double bump) {
  IndicatorSet set;
  for (int i = first; i <= last; ++i) {
    Indicator ind;
    ind.code = "L" + std::to_string(i);
    ind.name = "indikator " + std::to_string(i);
    ind.unit = set.units().find_or_add_path("Dinas/Bidang " + std::to_string(i % 3));
    ind.polarity = i % 4 == 0 ? Polarity::negative : Polarity::positive;
    const std::size_t id = set.add_indicator(std::move(ind));
    for (int q = 0; q <= 4; ++q) {
      Cell c;
      c.indicator = id;
      c.period = q ? Period::of_quarter(2024, q) : Period::of_year(2024);
      if ((i + q) % 5 == 0) {
        c.target_low = i;
        c.target_high = i + 10.0;
      } else {
        c.target = i + q;
      }
      if ((i + q) % 7 != 0) c.realisation = i * 0.5 + q + bump;
      if (i % 6 == q) c.budget = 1000.0 * i;
      set.add_cell(c);
    }
  }
  return set;
}

// A national import writes its rows and definitions many to a statement:
// sets larger than one batch, and a re-import that mixes known indicators
// (read, then updated) with new ones, keep every value and number every
// entry of the trail in order.
TEST(StoreIndicators, LargeImportsKeepEveryRowAndNumberEveryEntry) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  const IndicatorSet first = numbered_indicators(0, 149, 0);  // 750 rows
  const std::size_t created = store->import_indicators(first, {"Siti", "impor"});
  EXPECT_EQ(test::lines(store->indicators()), test::lines(first));
  std::vector<AuditEntry> trail = store->audit("");
  ASSERT_EQ(trail.size(), created);
  for (std::size_t k = 0; k < trail.size(); ++k) ASSERT_EQ(trail[k].id, std::int64_t(k + 1));

  // L100..L149 are known (every realisation moves), L150..L249 are new.
  const IndicatorSet second = numbered_indicators(100, 249, 1);
  const std::size_t changed = store->import_indicators(second, {"Andi", "impor ulang"});
  std::set<std::string> expected = test::lines(numbered_indicators(0, 99, 0));
  for (const std::string& line : test::lines(second)) expected.insert(line);
  EXPECT_EQ(test::lines(store->indicators()), expected);
  trail = store->audit("");
  ASSERT_EQ(trail.size(), created + changed);
  for (std::size_t k = 0; k < trail.size(); ++k) ASSERT_EQ(trail[k].id, std::int64_t(k + 1));
  EXPECT_EQ(trail.back().author, "Andi");
  EXPECT_EQ(store->audit("L100").back().field, "realisation");
  EXPECT_EQ(store->indicators().indicator(150).code, "L150");  // new ones join after the others
}

// Two changes to one row the store does not hold yet, in one call: the
// second finds the row the first made.
TEST(StoreIndicators, TwoChangesToANewRowInOneCallMakeOneRow) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->import_indicators(example_indicators(), {"Siti", ""});
  const Period q = Period::parse("2026-Q1");
  EXPECT_EQ(store->set_values({{"IKU-01", q, ValueField::budget, 500.0},
                               {"IKU-01", q, ValueField::budget_realisation, 400.0}},
                              {"Andi", "pagu"}),
            2u);
  IndicatorSet out = store->indicators();
  const Cell row = out.cell(*out.find_cell(*out.find_indicator("IKU-01"), q));
  EXPECT_EQ(row.budget, std::optional<double>(500.0));
  EXPECT_EQ(row.budget_realisation, std::optional<double>(400.0));
}

TEST(StoreRuns, RunsAreJsonObjectsOfAKnownSop) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  StoredRun run{0, seed().number, 0, "MONEV-2024-Q1", "2024-04-01T07:30", "", R"({"steps": []})"};
  std::int64_t id = store->put_run(run);
  auto runs = store->runs(seed().number);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, id);
  EXPECT_EQ(runs[0].revision, 1);  // 0 = the latest at put time
  EXPECT_EQ(runs[0].case_id, "MONEV-2024-Q1");
  EXPECT_EQ(runs[0].json, R"({"steps":[]})");
  run.json = "{\"steps\": [";
  EXPECT_EQ(code_of([&] { store->put_run(run); }), ErrorCode::parse_error);
  run.json = "[1, 2]";
  EXPECT_EQ(code_of([&] { store->put_run(run); }), ErrorCode::format_error);
  run.json = "{}";
  run.sop_number = "999/SOP/X/2024";
  EXPECT_EQ(code_of([&] { store->put_run(run); }), ErrorCode::not_found);
  run.sop_number = seed().number;
  run.revision = 5;
  EXPECT_EQ(code_of([&] { store->put_run(run); }), ErrorCode::not_found);
  EXPECT_EQ(store->runs("").size(), 1u);
}

TEST(StoreReports, ReportsKeepTheirBytesAndSource) {
  TempStorePath tmp;
  auto store = open_sqlite_store(tmp.path());
  store->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  std::string bytes("<svg>\0binary\xff</svg>", 19);
  std::int64_t id = store->put_report({0, "sop-svg", "sop.svg", "", seed().number, 1, bytes});
  auto list = store->reports();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "sop.svg");
  EXPECT_TRUE(list[0].content.empty());
  ReportRecord r = store->get_report(id);
  EXPECT_EQ(r.content, bytes);
  EXPECT_EQ(r.revision, 1);
  EXPECT_EQ(code_of([&] { store->get_report(id + 1); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] {
              store->put_report({0, "", "x", "", "", 0, ""});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] {
              store->put_report({0, "k", "x", "", seed().number, 9, ""});
            }),
            ErrorCode::not_found);
}

TEST(StoreOpen, ANonSqliteFileIsAFormatErrorNamingTheFile) {
  TempStorePath tmp;
  std::ofstream(tmp.path()) << "unit,indicator\nthis is a CSV, not a database\n";
  try {
    open_sqlite_store(tmp.path());
    FAIL() << "opened a CSV as a store";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_EQ(e.where(), tmp.path());
    EXPECT_NE(std::string(e.what()).find("not a sopkit store"), std::string::npos);
  }
}

TEST(StoreOpen, AMissingFolderIsAnIoError) {
  EXPECT_EQ(code_of([] { open_sqlite_store("/nonexistent-dir/x/records.db"); }),
            ErrorCode::io_error);
  TempStorePath tmp;
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_EQ(code_of([&] { open_sqlite_store(tmp.path(), ro); }), ErrorCode::io_error);
}

TEST(StoreOpen, ReadOnlyReadsButRefusesWrites) {
  TempStorePath tmp;
  open_sqlite_store(tmp.path())->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  StoreOptions ro;
  ro.read_only = true;
  auto store = open_sqlite_store(tmp.path(), ro);
  EXPECT_EQ(store->revisions("").size(), 1u);
  SopDocument doc = seed();
  doc.title = "lain";
  EXPECT_EQ(code_of([&] {
              store->put_revision(doc, {"Budi", "2024-01-01", "", 0, false});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] {
              store->import_indicators(example_indicators(), {"Siti", ""});
            }),
            ErrorCode::invalid_argument);
}

// The status of opening `path` read-only from a process that cannot write its
// folder: 0 when its one revision reads back, else 100 + the error code.
int read_only_status(const std::string& path) {
  return test::in_unprivileged_child([&] {
    StoreOptions ro;
    ro.read_only = true;
    try {
      return open_sqlite_store(path, ro)->revisions("").size() == 1 ? 0 : 1;
    } catch (const Error& e) {
      return 100 + static_cast<int>(e.code());
    }
  });
}

bool exists(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0;
}

TEST(StoreOpen, ReadOnlyOpensAStoreInAFolderItCannotWrite) {
  TempStorePath tmp;
  open_sqlite_store(tmp.path())->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  chmod(tmp.path().c_str(), 0444);
  chmod(tmp.dir().c_str(), 0555);
  EXPECT_EQ(read_only_status(tmp.path()), 0);
  EXPECT_FALSE(exists(tmp.path() + "-shm"));
  EXPECT_FALSE(exists(tmp.path() + "-wal"));
  chmod(tmp.dir().c_str(), 0700);
}

TEST(StoreOpen, ReadOnlyRefusesAPendingLogItCannotUseAsAnIoError) {
  TempStorePath live, copy;
  auto writer = open_sqlite_store(live.path());
  writer->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  // While the writer is open, its commit is still in the -wal only.
  for (const char* suffix : {"", "-wal"})
    std::filesystem::copy_file(live.path() + suffix, copy.path() + suffix);
  chmod(copy.dir().c_str(), 0555);
  EXPECT_EQ(read_only_status(copy.path()), 100 + static_cast<int>(ErrorCode::io_error));
  chmod(copy.dir().c_str(), 0700);
}

TEST(StoreOpen, SideFilesTakeTheModeOfTheStore) {
  TempStorePath tmp;
  open_sqlite_store(tmp.path());
  chmod(tmp.path().c_str(), 0600);
  auto store = open_sqlite_store(tmp.path());
  store->put_revision(seed(), {"Budi", "2023-01-01", "", 0, false});
  for (const char* suffix : {"-wal", "-shm"}) {
    struct stat st {};
    ASSERT_EQ(stat((tmp.path() + suffix).c_str(), &st), 0) << suffix;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << suffix;
  }
}

TEST(StoreOpen, ValueFieldNamesRoundTrip) {
  EXPECT_EQ(parse_value_field("budget_realisation"), ValueField::budget_realisation);
  EXPECT_EQ(code_of([] { parse_value_field("realisasi"); }), ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace sopkit
