// sqlite_store.hpp — the SQLite implementation of sopkit::Store. Each topic
// lives in its own file: schema.cpp (migrations), documents.cpp (SOP
// revisions), indicator_entries.cpp (values + audit), runs_reports.cpp.
#pragma once

#include <mutex>

#include "sopkit/store.hpp"
#include "store/detail/sqlite.hpp"

namespace sopkit::store_detail {

// Brings the schema to the current version (schema.cpp). Throws
// Error{format_error} for a newer schema.
void migrate(Connection& c);
inline constexpr int kSchemaVersion = 3;

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const StoreOptions& options);

  RevisionInfo put_revision(const SopDocument& doc, const RevisionMeta& meta) override;
  std::vector<RevisionInfo> revisions(std::string_view sop_number) const override;
  Sop get_revision(std::string_view sop_number, int revision) const override;

  std::size_t import_indicators(const IndicatorSet& set, const ChangeMeta& meta) override;
  std::size_t set_values(const std::vector<ValueChange>& changes, const ChangeMeta& meta) override;
  IndicatorSet indicators() const override;
  std::vector<AuditEntry> audit(std::string_view indicator) const override;

  std::int64_t put_run(const StoredRun& run) override;
  std::vector<StoredRun> runs(std::string_view sop_number) const override;
  std::int64_t put_report(const ReportRecord& report) override;
  std::vector<ReportRecord> reports() const override;
  ReportRecord get_report(std::int64_t id) const override;

 private:
  void require_writable(const char* doing) const;
  // The revision number `revision` (0 = latest) of an SOP, or 0 when none.
  int resolve_revision(std::string_view sop_number, int revision) const;

  mutable std::mutex mutex_;  // one call at a time on the connection
  mutable Connection db_;
};

}  // namespace sopkit::store_detail
