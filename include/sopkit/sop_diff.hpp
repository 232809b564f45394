// sop_diff.hpp — what changed between two revisions of an SOP document.
//
// A structural diff, not a text diff: steps are matched by their id, actors by
// theirs, so a renumbered layout or re-indented JSON shows no change while a
// new waktu shows as "time 15 Menit → 30 Menit" on that step.
//
//   sopkit::SopDiff d = sopkit::diff_sops(rev1.document(), rev2.document());
//   for (const auto& c : d.changes) std::cout << sopkit::change_kind_name(c.kind) << ' ' <<
//   c.subject; std::string json = sopkit::sop_diff_to_json(d);
#pragma once

#include <string>
#include <vector>

#include "sopkit/sop.hpp"

namespace sopkit {

enum class ChangeKind : unsigned char {
  identity_changed,      // a document field: number, title, dates, approval, the six cells
  actor_added,           // subject = actor id; after = its name
  actor_removed,         // subject = actor id; before = its name
  actor_renamed,         // subject = actor id; before/after = names
  step_added,            // subject = step id; after = activity
  step_removed,          // subject = step id; before = activity
  step_moved,            // subject = step id; before/after = position (1-based) in the table
  activity_changed,      // uraian
  time_changed,          // waktu as written ("15 Menit" → "30 Menit")
  actor_changed,         // the step's pelaksana (actor ids)
  kind_changed,          // start / end / process / decision
  flows_changed,         // next, yes or no targets (field says which)
  requirements_changed,  // kelengkapan (JSON array text)
  output_changed,
  note_changed,
  other_changed,  // labels, probabilities, fields sopkit does not know
};

// "step_added", ...
const char* change_kind_name(ChangeKind kind) noexcept;

struct SopChange {
  ChangeKind kind;
  std::string subject;  // step id, actor id, or "" for identity fields
  std::string field;    // the field's format-v1 name ("time", "approval.name", "yes")
  std::string before;   // "" when the thing did not exist; lists as JSON array text
  std::string after;
  bool operator==(const SopChange& o) const {
    return kind == o.kind && subject == o.subject && field == o.field && before == o.before &&
           after == o.after;
  }
};

struct SopDiff {
  std::vector<SopChange> changes;  // identity, then actors, then steps in the new order
  bool empty() const noexcept { return changes.empty(); }
};

// The changes that turn `before` into `after`. Never throws for a document
// that breaks validation rules (duplicate ids: the first of a kind is used).
SopDiff diff_sops(const SopDocument& before, const SopDocument& after);

// {"format": "sopkit.sopdiff/1", "changes": [{"kind", "subject", "field",
// "before", "after"}], "summary": {"step_added": 1, ...}}.
std::string sop_diff_to_json(const SopDiff& diff, int indent = 2);

// One line per change, for people: "step 4: time 15 Menit → 30 Menit".
std::string sop_diff_to_text(const SopDiff& diff);

}  // namespace sopkit
