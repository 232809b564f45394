// documents.cpp — SOP documents and their revisions in the SQLite store.
#include <cstdio>

#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"
#include "store/detail/sqlite_store.hpp"
#include "util/dates.hpp"

namespace sopkit::store_detail {

namespace {

// FNV-1a, 64 bits: a change detector shown to people, not a security hash
// (identity is decided by comparing the canonical text itself).
std::string content_hash(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string revision_date(const SopDocument& doc, const RevisionMeta& meta) {
  if (!meta.date.empty()) return meta.date;
  if (!doc.dates.revised.empty()) return doc.dates.revised.back().date;
  if (doc.dates.created) return *doc.dates.created;
  return utc_now().substr(0, 10);
}

constexpr const char* kRevisionColumns =
    "SELECT sop_number, revision, revised_on, author, note, content_hash, recorded_at "
    "FROM sop_revision ";

RevisionInfo revision_row(const Statement& st) {
  return {
      st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3), st.text(4), st.text(5),
      st.text(6)};
}

}  // namespace

int SqliteStore::resolve_revision(std::string_view sop_number, int revision) const {
  Statement st(db_, revision > 0 ? "SELECT revision FROM sop_revision WHERE sop_number = ?1 AND "
                                   "revision = ?2"
                                 : "SELECT max(revision) FROM sop_revision WHERE sop_number = ?1");
  st.bind(1, sop_number);
  if (revision > 0) st.bind(2, revision);
  if (!st.step("looking up a revision") || st.is_null(0)) return 0;
  return static_cast<int>(st.integer(0));
}

RevisionInfo SqliteStore::put_revision(const SopDocument& doc, const RevisionMeta& meta) {
  std::lock_guard<std::mutex> lock(mutex_);
  require_writable("record a revision");
  if (doc.number.empty())
    throw Error(ErrorCode::invalid_argument,
                "the SOP has no number: the store keeps revisions by SOP number", db_.path());
  if (meta.author.empty())
    throw Error(ErrorCode::invalid_argument, "a revision needs an author (who made it)",
                db_.path());
  const std::string date = revision_date(doc, meta);
  if (!detail::is_iso_date(date))
    throw Error(ErrorCode::invalid_argument,
                "revision date '" + date + "' is not a date written YYYY-MM-DD", db_.path());
  if (meta.number < 0)
    throw Error(ErrorCode::invalid_argument, "a revision number cannot be negative", db_.path());
  const std::string text = sop_to_json(doc, -1);

  Transaction tx(db_);
  int latest = resolve_revision(doc.number, 0);
  if (meta.number != 0 && meta.number <= latest)
    throw Error(ErrorCode::invalid_argument,
                "SOP " + doc.number + " already has revision " + std::to_string(latest) +
                    ": a new revision number must be above it, not " + std::to_string(meta.number),
                db_.path());
  if (latest > 0 && !meta.allow_identical) {
    Statement st(db_, "SELECT document FROM sop_revision WHERE sop_number = ?1 AND revision = ?2");
    st.bind(1, doc.number).bind(2, latest);
    if (st.step("reading the latest revision") && st.text(0) == text)
      throw Error(ErrorCode::invalid_argument,
                  "the document is identical to revision " + std::to_string(latest) + " of SOP " +
                      doc.number + ": nothing to record",
                  db_.path());
  }
  RevisionInfo info{doc.number, meta.number ? meta.number : latest + 1,
                    date,       meta.author,
                    meta.note,  content_hash(text),
                    utc_now()};
  Statement ins(db_,
                "INSERT INTO sop_revision (sop_number, revision, revised_on, author, note, "
                "content_hash, document, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  ins.bind(1, info.sop_number).bind(2, info.revision).bind(3, info.date).bind(4, info.author);
  ins.bind(5, info.note).bind(6, info.content_hash).bind(7, text).bind(8, info.recorded_at);
  ins.run("recording revision " + std::to_string(info.revision) + " of SOP " + doc.number);
  tx.commit();
  return info;
}

std::vector<RevisionInfo> SqliteStore::revisions(std::string_view sop_number) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string sql = kRevisionColumns;
  sql += sop_number.empty() ? "ORDER BY sop_number, revision"
                            : "WHERE sop_number = ?1 ORDER BY revision";
  Statement st(db_, sql.c_str());
  if (!sop_number.empty()) st.bind(1, sop_number);
  std::vector<RevisionInfo> out;
  while (st.step("listing revisions")) out.push_back(revision_row(st));
  return out;
}

Sop SqliteStore::get_revision(std::string_view sop_number, int revision) const {
  std::lock_guard<std::mutex> lock(mutex_);
  int found = resolve_revision(sop_number, revision);
  if (found == 0)
    throw Error(ErrorCode::not_found,
                revision > 0 ? "SOP " + std::string(sop_number) + " has no revision " +
                                   std::to_string(revision)
                             : "the store has no SOP numbered " + std::string(sop_number),
                db_.path());
  Statement st(db_, "SELECT document FROM sop_revision WHERE sop_number = ?1 AND revision = ?2");
  st.bind(1, sop_number).bind(2, found);
  st.step("reading a revision");
  const std::string where =
      db_.path() + ":" + std::string(sop_number) + "@" + std::to_string(found);
  return Sop(parse_sop_json(st.text(0), where));
}

}  // namespace sopkit::store_detail
