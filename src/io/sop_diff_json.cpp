// sop_diff_json.cpp — the JSON and text forms of an SOP diff.
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sopkit/sop_diff.hpp"

namespace sopkit {

std::string sop_diff_to_json(const SopDiff& diff, int indent) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  std::map<std::string, int> summary;
  for (const auto& c : diff.changes) {
    changes.push_back({{"kind", change_kind_name(c.kind)},
                       {"subject", c.subject},
                       {"field", c.field},
                       {"before", c.before},
                       {"after", c.after}});
    ++summary[change_kind_name(c.kind)];
  }
  nlohmann::ordered_json out{
      {"format", "sopkit.sopdiff/1"}, {"changes", std::move(changes)}, {"summary", summary}};
  return out.dump(indent);
}

std::string sop_diff_to_text(const SopDiff& diff) {
  std::ostringstream out;
  for (const auto& c : diff.changes) {
    switch (c.kind) {
      case ChangeKind::identity_changed:
        out << "identity";
        break;
      case ChangeKind::actor_added:
      case ChangeKind::actor_removed:
      case ChangeKind::actor_renamed:
        out << "actor " << c.subject;
        break;
      default:
        out << "step " << c.subject;
        break;
    }
    out << ": " << change_kind_name(c.kind) << ' ' << c.field << ' '
        << (c.before.empty() ? "(none)" : c.before) << " \xE2\x86\x92 "
        << (c.after.empty() ? "(none)" : c.after) << '\n';
  }
  if (diff.changes.empty()) out << "no changes\n";
  return out.str();
}

}  // namespace sopkit
