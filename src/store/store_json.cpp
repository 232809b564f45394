// store_json.cpp — JSON forms of the record store's listings.
#include <nlohmann/json.hpp>

#include "io/detail/json_values.hpp"

#include "sopkit/store.hpp"

namespace sopkit {

std::string revisions_to_json(const std::vector<RevisionInfo>& revisions, int indent) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : revisions)
    out.push_back({{"sop_number", r.sop_number},
                   {"revision", r.revision},
                   {"date", r.date},
                   {"author", r.author},
                   {"note", r.note},
                   {"content_hash", r.content_hash},
                   {"recorded_at", r.recorded_at}});
  return out.dump(indent);
}

std::string audit_to_json(const std::vector<AuditEntry>& entries, int indent) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& a : entries)
    out.push_back({{"id", a.id},
                   {"indicator", a.indicator},
                   {"period", a.period},
                   {"field", a.field},
                   {"old", detail::value_or_null(a.old_value)},
                   {"new", detail::value_or_null(a.new_value)},
                   {"author", a.author},
                   {"changed_at", a.changed_at},
                   {"reason", a.reason}});
  return out.dump(indent);
}

std::string stored_runs_to_json(const std::vector<StoredRun>& runs, int indent) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : runs)
    out.push_back({{"id", r.id},
                   {"sop_number", r.sop_number},
                   {"revision", r.revision},
                   {"case_id", r.case_id},
                   {"started_at", r.started_at},
                   {"finished_at", r.finished_at},
                   {"document", nlohmann::ordered_json::parse(r.json)}});
  return out.dump(indent);
}

std::string reports_to_json(const std::vector<ReportRecord>& reports, int indent) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : reports)
    out.push_back({{"id", r.id},
                   {"kind", r.kind},
                   {"name", r.name},
                   {"created_at", r.created_at},
                   {"sop_number", r.sop_number},
                   {"revision", r.revision},
                   {"size", r.content.size()}});
  return out.dump(indent);
}

}  // namespace sopkit
