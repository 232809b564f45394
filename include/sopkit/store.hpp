// store.hpp — the durable record store: SOP revisions, indicator data with an
// audit trail, execution runs and generated reports (docs/store.md).
//
// `Store` is an interface so that a host app may keep its own database and
// implement it there; sopkit ships one implementation over an embedded SQLite
// file (WAL, every write in one transaction, schema versioned with
// migrations). The library works without a store: nothing else depends on it.
//
//   auto store = sopkit::open_sqlite_store("records.db");
//   auto rev = store->put_revision(sop.document(), {"Budi", "2024-03-01", "waktu step 4"});
//   sopkit::SopDiff d = store->diff(rev.sop_number, 1, rev.revision);
//   store->set_value("IKU-01", sopkit::Period::parse("2024-Q1"),
//                    sopkit::ValueField::realisation, 97.5, {"Siti", "laporan TW1"});
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/indicator_set.hpp"
#include "sopkit/sop.hpp"
#include "sopkit/sop_diff.hpp"

namespace sopkit {

// Who makes a revision and what it is (Tanggal Revisi and its note).
struct RevisionMeta {
  std::string author;  // required, non-empty
  std::string date;    // tanggal revisi, YYYY-MM-DD; "" = the document's last revised date,
                       // else its created date, else today (UTC)
  std::string note;    // what changed, in words; may be empty
  // 0: the next number (latest + 1, or 1). Otherwise must be above the latest.
  int number = 0;
  // A document identical to the latest revision is refused unless this is set
  // (a re-issue with a new date, for instance).
  bool allow_identical = false;
};

struct RevisionInfo {
  std::string sop_number;
  int revision = 0;
  std::string date;  // tanggal revisi
  std::string author;
  std::string note;
  std::string content_hash;  // "fnv1a64:<16 hex>" of the canonical JSON
  std::string recorded_at;   // UTC instant the store recorded it, "2024-03-01T08:00:00Z"
};

// Who changes indicator data and why; recorded in the audit trail.
struct ChangeMeta {
  std::string author;  // required, non-empty
  std::string reason;  // may be empty
};

// The value columns of an (indicator, period) row that the store tracks.
enum class ValueField : unsigned char {
  target,
  realisation,
  target_low,
  target_high,
  budget,
  budget_realisation,
  financial_plan,
  physical_plan,
  physical_realisation,
};
const char* value_field_name(ValueField f) noexcept;  // "realisation"
// Throws Error{invalid_argument} naming the text and the accepted names.
ValueField parse_value_field(std::string_view name);

// One change to one value: nullopt is blank (not reported), 0 is a value.
struct ValueChange {
  std::string indicator;  // code
  Period period;
  ValueField field = ValueField::realisation;
  std::optional<double> value;
};

// One row of the audit trail.
struct AuditEntry {
  std::int64_t id = 0;  // increasing in the order the changes were made
  std::string indicator;
  std::string period;               // "2024-Q1"
  std::string field;                // "realisation"
  std::optional<double> old_value;  // nullopt: blank or the row did not exist
  std::optional<double> new_value;
  std::string author;
  std::string changed_at;  // UTC instant
  std::string reason;
};

// An execution run of an SOP, as an opaque JSON document (docs/store.md).
struct StoredRun {
  std::int64_t id = 0;  // given by the store
  std::string sop_number;
  int revision = 0;         // the revision it ran under; 0 = the latest at put time
  std::string case_id;      // the host's case / file number; may be empty
  std::string started_at;   // instants as the run document writes them; may be empty
  std::string finished_at;  // empty while running
  std::string json;         // the run document: a JSON object
};

// A generated report (SVG, HTML, CSV, ...), kept as bytes.
struct ReportRecord {
  std::int64_t id = 0;     // given by the store
  std::string kind;        // "monev-html", "sop-svg", ...
  std::string name;        // file name to offer: "monev-2024-Q2.html"
  std::string created_at;  // given by the store (UTC instant)
  std::string sop_number;  // source SOP; may be empty
  int revision = 0;        // source revision; 0 = none
  std::string content;     // the bytes
};

class Store {
 public:
  virtual ~Store();

  // Records `doc` as a new revision of SOP `doc.number`; returns what was
  // stored. Throws Error{invalid_argument} for an empty number or author, a bad
  // date, a number not above the latest, or a document identical to the latest
  // (unless meta.allow_identical).
  virtual RevisionInfo put_revision(const SopDocument& doc, const RevisionMeta& meta) = 0;
  // Revisions of one SOP, oldest first ("" = every SOP, by number then
  // revision). An unknown number gives an empty list.
  virtual std::vector<RevisionInfo> revisions(std::string_view sop_number) const = 0;
  // A stored revision (0 = the latest). Throws Error{not_found} naming the SOP
  // number and revision.
  virtual Sop get_revision(std::string_view sop_number, int revision = 0) const = 0;
  // What changed from revision `from` to revision `to` (either may be 0: the
  // latest). Throws Error{not_found}.
  SopDiff diff(std::string_view sop_number, int from, int to) const;

  // Records the indicators and every value of `set` in one transaction: new
  // indicators are added, definitions replaced, and every value that differs
  // from the stored one gets an audit row. Returns the number of values that
  // changed. Throws Error{invalid_argument} for an empty author.
  virtual std::size_t import_indicators(const IndicatorSet& set, const ChangeMeta& meta) = 0;
  // Sets values, all in one transaction, each with an audit row when the value
  // changes. Throws Error{not_found} for an indicator the store does not have
  // (nothing is written), Error{invalid_argument} for a NaN, infinite or
  // negative value or an empty author.
  virtual std::size_t set_values(const std::vector<ValueChange>& changes,
                                 const ChangeMeta& meta) = 0;
  std::size_t set_value(std::string_view indicator, const Period& period, ValueField field,
                        std::optional<double> value, const ChangeMeta& meta);
  // Every stored indicator and its latest values, as a set that round-trips
  // through the CSV and JSON loaders (blank stays blank).
  virtual IndicatorSet indicators() const = 0;
  // The audit trail of one indicator ("" = all), oldest first.
  virtual std::vector<AuditEntry> audit(std::string_view indicator) const = 0;

  // Stores a run; returns its id. Throws Error{parse_error} when json is not
  // JSON, Error{format_error} when it is not an object, Error{not_found} for an
  // SOP number or revision the store does not have.
  virtual std::int64_t put_run(const StoredRun& run) = 0;
  // Runs of one SOP ("" = all), oldest first.
  virtual std::vector<StoredRun> runs(std::string_view sop_number) const = 0;

  // Stores a report; returns its id. Throws Error{invalid_argument} for an
  // empty kind or name, Error{not_found} for an unknown source revision.
  virtual std::int64_t put_report(const ReportRecord& report) = 0;
  // Reports without their content (content is ""), oldest first.
  virtual std::vector<ReportRecord> reports() const = 0;
  // One report with its content. Throws Error{not_found}.
  virtual ReportRecord get_report(std::int64_t id) const = 0;
};

struct StoreOptions {
  bool read_only = false;      // no writes: every write throws Error{invalid_argument}
  bool create = true;          // make the file when missing (never with read_only)
  int busy_timeout_ms = 5000;  // how long a write waits for another writer
};

// JSON forms for hosts and the C ABI (docs/store.md): arrays of objects with
// the struct's fields; a blank value is null. Runs carry their document as a
// parsed object under "document".
std::string revisions_to_json(const std::vector<RevisionInfo>& revisions, int indent = 2);
std::string audit_to_json(const std::vector<AuditEntry>& entries, int indent = 2);
std::string stored_runs_to_json(const std::vector<StoredRun>& runs, int indent = 2);
std::string reports_to_json(const std::vector<ReportRecord>& reports, int indent = 2);

// The schema version this sopkit writes (PRAGMA user_version).
int sqlite_store_schema_version() noexcept;

// Opens (or creates) an SQLite store, migrating an older schema in one
// transaction. Safe to share between threads (calls are serialised); several
// processes may open one file (one writer at a time, readers never blocked).
// Throws Error{io_error} when the file cannot be opened or created,
// Error{format_error} when it is not an SQLite database or its schema is newer
// than this sopkit knows, Error{unsupported} when sopkit was built without
// SQLite (SOPKIT_WITH_STORE=OFF).
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options = {});

}  // namespace sopkit
