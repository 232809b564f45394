// sop_diff.cpp — structural diff of two SOP revisions (steps by id, actors by id).
#include "sopkit/sop_diff.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

namespace sopkit {

const char* change_kind_name(ChangeKind kind) noexcept {
  switch (kind) {
    case ChangeKind::identity_changed:
      return "identity_changed";
    case ChangeKind::actor_added:
      return "actor_added";
    case ChangeKind::actor_removed:
      return "actor_removed";
    case ChangeKind::actor_renamed:
      return "actor_renamed";
    case ChangeKind::step_added:
      return "step_added";
    case ChangeKind::step_removed:
      return "step_removed";
    case ChangeKind::step_moved:
      return "step_moved";
    case ChangeKind::activity_changed:
      return "activity_changed";
    case ChangeKind::time_changed:
      return "time_changed";
    case ChangeKind::actor_changed:
      return "actor_changed";
    case ChangeKind::kind_changed:
      return "kind_changed";
    case ChangeKind::flows_changed:
      return "flows_changed";
    case ChangeKind::requirements_changed:
      return "requirements_changed";
    case ChangeKind::output_changed:
      return "output_changed";
    case ChangeKind::note_changed:
      return "note_changed";
    case ChangeKind::other_changed:
      return "other_changed";
  }
  return "unknown";
}

namespace {

const std::string& text_of(const std::string& s) {
  return s;
}

std::string text_of(const std::optional<std::string>& s) {
  return s ? *s : std::string();
}

std::string text_of(const std::vector<std::string>& list) {
  return list.empty() ? std::string() : nlohmann::json(list).dump();
}

std::string text_of(const std::vector<Revision>& revisions) {
  if (revisions.empty()) return {};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : revisions) out.push_back({{"date", r.date}, {"description", r.description}});
  return out.dump();
}

std::string text_of(const std::optional<double>& p) {
  return p ? nlohmann::json(*p).dump() : std::string();
}

class Differ {
 public:
  explicit Differ(SopDiff& out) : out_(out) {}

  template <typename T>
  void field(ChangeKind kind, const std::string& subject, const char* name, const T& a,
             const T& b) {
    if (a == b) return;
    out_.changes.push_back({kind, subject, name, text_of(a), text_of(b)});
  }

  void identity(const SopDocument& a, const SopDocument& b) {
    const auto k = ChangeKind::identity_changed;
    field(k, "", "format", a.format, b.format);
    field(k, "", "number", a.number, b.number);
    field(k, "", "title", a.title, b.title);
    field(k, "", "organization.government", a.organization.government, b.organization.government);
    field(k, "", "organization.agency", a.organization.agency, b.organization.agency);
    field(k, "", "organization.unit", a.organization.unit, b.organization.unit);
    field(k, "", "organization.extra", a.organization.extra, b.organization.extra);
    field(k, "", "dates.created", a.dates.created, b.dates.created);
    field(k, "", "dates.revised", a.dates.revised, b.dates.revised);
    field(k, "", "dates.effective", a.dates.effective, b.dates.effective);
    field(k, "", "dates.extra", a.dates.extra, b.dates.extra);
    field(k, "", "approval.position", a.approval.position, b.approval.position);
    field(k, "", "approval.name", a.approval.name, b.approval.name);
    field(k, "", "approval.nip", a.approval.nip, b.approval.nip);
    field(k, "", "approval.extra", a.approval.extra, b.approval.extra);
    field(k, "", "legal_basis", a.legal_basis, b.legal_basis);
    field(k, "", "qualifications", a.qualifications, b.qualifications);
    field(k, "", "related_sops", a.related_sops, b.related_sops);
    field(k, "", "equipment", a.equipment, b.equipment);
    field(k, "", "warnings", a.warnings, b.warnings);
    field(k, "", "records", a.records, b.records);
    field(k, "", "extra", a.extra, b.extra);
  }

  void actors(const std::vector<Actor>& a, const std::vector<Actor>& b) {
    std::unordered_map<std::string, const Actor*> old_by_id, new_by_id;
    for (const auto& x : a) old_by_id.emplace(x.id, &x);
    for (const auto& x : b) new_by_id.emplace(x.id, &x);
    for (const auto& x : a)
      if (!new_by_id.count(x.id) && old_by_id.at(x.id) == &x)
        out_.changes.push_back({ChangeKind::actor_removed, x.id, "name", x.name, ""});
    for (const auto& x : b) {
      if (new_by_id.at(x.id) != &x) continue;  // a duplicate id: the first counts
      auto it = old_by_id.find(x.id);
      if (it == old_by_id.end()) {
        out_.changes.push_back({ChangeKind::actor_added, x.id, "name", "", x.name});
        continue;
      }
      field(ChangeKind::actor_renamed, x.id, "name", it->second->name, x.name);
      field(ChangeKind::other_changed, x.id, "actor.extra", it->second->extra, x.extra);
    }
  }

  void steps(const std::vector<Step>& a, const std::vector<Step>& b) {
    std::unordered_map<std::string, std::size_t> old_at, new_at;
    for (std::size_t i = 0; i < a.size(); ++i) old_at.emplace(a[i].id, i);
    for (std::size_t i = 0; i < b.size(); ++i) new_at.emplace(b[i].id, i);
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!new_at.count(a[i].id) && old_at.at(a[i].id) == i)
        out_.changes.push_back({ChangeKind::step_removed, a[i].id, "activity", a[i].activity, ""});
    const auto moved = moved_steps(a, b, old_at, new_at);
    for (std::size_t j = 0; j < b.size(); ++j) {
      const Step& s = b[j];
      if (new_at.at(s.id) != j) continue;
      auto it = old_at.find(s.id);
      if (it == old_at.end()) {
        out_.changes.push_back({ChangeKind::step_added, s.id, "activity", "", s.activity});
        continue;
      }
      const Step& o = a[it->second];
      if (moved.count(s.id))
        out_.changes.push_back({ChangeKind::step_moved, s.id, "position",
                                std::to_string(it->second + 1), std::to_string(j + 1)});
      step(o, s);
    }
  }

 private:
  void step(const Step& o, const Step& s) {
    const std::string& id = s.id;
    field(ChangeKind::activity_changed, id, "activity", o.activity, s.activity);
    field(ChangeKind::time_changed, id, "time", o.time_text, s.time_text);
    field(ChangeKind::actor_changed, id, "actor", o.actor, s.actor);
    field(ChangeKind::kind_changed, id, "kind", std::string(step_kind_name(o.kind)),
          std::string(step_kind_name(s.kind)));
    field(ChangeKind::flows_changed, id, "next", o.next, s.next);
    field(ChangeKind::flows_changed, id, "yes", o.yes, s.yes);
    field(ChangeKind::flows_changed, id, "no", o.no, s.no);
    field(ChangeKind::requirements_changed, id, "requirements", o.requirements, s.requirements);
    field(ChangeKind::output_changed, id, "output", o.output, s.output);
    field(ChangeKind::note_changed, id, "note", o.note, s.note);
    field(ChangeKind::other_changed, id, "yes_label", o.yes_label, s.yes_label);
    field(ChangeKind::other_changed, id, "no_label", o.no_label, s.no_label);
    field(ChangeKind::other_changed, id, "no_probability", o.no_probability, s.no_probability);
    field(ChangeKind::other_changed, id, "extra", o.extra, s.extra);
  }

  // Steps kept in both revisions whose relative order changed: those outside a
  // longest common subsequence of the kept ids (the fewest moves that explain
  // the new order).
  static std::map<std::string, bool> moved_steps(
      const std::vector<Step>& a, const std::vector<Step>& b,
      const std::unordered_map<std::string, std::size_t>& old_at,
      const std::unordered_map<std::string, std::size_t>& new_at) {
    std::vector<std::string> x, y;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (new_at.count(a[i].id) && old_at.at(a[i].id) == i) x.push_back(a[i].id);
    for (std::size_t j = 0; j < b.size(); ++j)
      if (old_at.count(b[j].id) && new_at.at(b[j].id) == j) y.push_back(b[j].id);
    const std::size_t n = x.size(), m = y.size();
    std::vector<std::vector<std::uint32_t>> len(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        len[i][j] = x[i] == y[j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    std::map<std::string, bool> in_lcs;
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
      if (x[i] == y[j]) {
        in_lcs[x[i]] = true;
        ++i, ++j;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
    std::map<std::string, bool> moved;
    for (const auto& id : y)
      if (!in_lcs.count(id)) moved[id] = true;
    return moved;
  }

  SopDiff& out_;
};

}  // namespace

SopDiff diff_sops(const SopDocument& before, const SopDocument& after) {
  SopDiff out;
  Differ d(out);
  d.identity(before, after);
  d.actors(before.actors, after.actors);
  d.steps(before.steps, after.steps);
  return out;
}

}  // namespace sopkit
