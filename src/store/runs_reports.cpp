// runs_reports.cpp — execution runs (opaque JSON documents with metadata) and
// generated reports (bytes) in the SQLite store.
#include <nlohmann/json.hpp>

#include "sopkit/error.hpp"
#include "store/detail/sqlite_store.hpp"

namespace sopkit::store_detail {

std::int64_t SqliteStore::put_run(const StoredRun& run) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(run.json);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorCode::parse_error, "the run document is not JSON: " + std::string(e.what()),
                "run");
  }
  if (!doc.is_object())
    throw Error(ErrorCode::format_error, "the run document must be a JSON object", "run");
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("record a run");
  Transaction tx(db_);
  int revision = resolve_revision(run.sop_number, run.revision);
  if (revision == 0)
    throw Error(ErrorCode::not_found,
                "the store has no SOP " + run.sop_number +
                    (run.revision > 0 ? " revision " + std::to_string(run.revision) : "") +
                    ": record the SOP before its runs",
                db_.path());
  Statement st(db_,
               "INSERT INTO run (sop_number, revision, case_id, started_at, finished_at, "
               "document, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.bind(1, run.sop_number).bind(2, revision).bind(3, run.case_id).bind(4, run.started_at);
  st.bind(5, run.finished_at).bind(6, doc.dump()).bind(7, utc_now());
  st.run("recording a run of SOP " + run.sop_number);
  std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::vector<StoredRun> SqliteStore::runs(std::string_view sop_number) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string sql =
      "SELECT id, sop_number, revision, case_id, started_at, finished_at, document FROM run ";
  sql += sop_number.empty() ? "ORDER BY id" : "WHERE sop_number = ?1 ORDER BY id";
  Statement st(db_, sql.c_str());
  if (!sop_number.empty()) st.bind(1, sop_number);
  std::vector<StoredRun> out;
  while (st.step("listing runs"))
    out.push_back({st.integer(0), st.text(1), static_cast<int>(st.integer(2)), st.text(3),
                   st.text(4), st.text(5), st.text(6)});
  return out;
}

std::int64_t SqliteStore::put_report(const ReportRecord& report) {
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("record a report");
  if (report.kind.empty() || report.name.empty())
    throw Error(ErrorCode::invalid_argument, "a report needs a kind and a name", db_.path());
  Transaction tx(db_);
  int revision = 0;
  if (!report.sop_number.empty()) {
    revision = resolve_revision(report.sop_number, report.revision);
    if (revision == 0)
      throw Error(ErrorCode::not_found,
                  "the report's source SOP " + report.sop_number + " revision " +
                      std::to_string(report.revision) + " is not in the store",
                  db_.path());
  } else if (report.revision != 0) {
    throw Error(ErrorCode::invalid_argument, "a source revision needs its SOP number", db_.path());
  }
  Statement st(db_,
               "INSERT INTO report (kind, name, created_at, sop_number, revision, content) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.bind(1, report.kind).bind(2, report.name).bind(3, utc_now()).bind(4, report.sop_number);
  st.bind(5, revision).bind_blob(6, report.content);
  st.run("recording report " + report.name);
  std::int64_t id = db_.last_insert_id();
  tx.commit();
  return id;
}

std::vector<ReportRecord> SqliteStore::reports() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_,
               "SELECT id, kind, name, created_at, sop_number, revision FROM report ORDER BY id");
  std::vector<ReportRecord> out;
  while (st.step("listing reports"))
    out.push_back({st.integer(0),
                   st.text(1),
                   st.text(2),
                   st.text(3),
                   st.text(4),
                   static_cast<int>(st.integer(5)),
                   {}});
  return out;
}

ReportRecord SqliteStore::get_report(std::int64_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(db_,
               "SELECT id, kind, name, created_at, sop_number, revision, content FROM report "
               "WHERE id = ?1");
  st.bind(1, id);
  if (!st.step("reading a report"))
    throw Error(ErrorCode::not_found, "the store has no report " + std::to_string(id), db_.path());
  return {st.integer(0), st.text(1), st.text(2),
          st.text(3),    st.text(4), static_cast<int>(st.integer(5)),
          st.text(6)};
}

}  // namespace sopkit::store_detail
