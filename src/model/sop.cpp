// sop.cpp — document equality and the indexed, immutable Sop.
#include "sopkit/sop.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "sopkit/error.hpp"

namespace sopkit {

bool Organization::operator==(const Organization& o) const {
  return government == o.government && agency == o.agency && unit == o.unit && extra == o.extra;
}

bool DocumentDates::operator==(const DocumentDates& o) const {
  return created == o.created && revised == o.revised && effective == o.effective &&
         extra == o.extra;
}

bool Approval::operator==(const Approval& o) const {
  return position == o.position && name == o.name && nip == o.nip && extra == o.extra;
}

bool Step::operator==(const Step& o) const {
  return id == o.id && activity == o.activity && actor == o.actor && kind == o.kind &&
         requirements == o.requirements && time_text == o.time_text && time == o.time &&
         output == o.output && note == o.note && next == o.next && yes == o.yes && no == o.no &&
         yes_label == o.yes_label && no_label == o.no_label && no_probability == o.no_probability &&
         extra == o.extra;
}

bool SopDocument::operator==(const SopDocument& o) const {
  return format == o.format && number == o.number && title == o.title &&
         organization == o.organization && dates == o.dates && approval == o.approval &&
         legal_basis == o.legal_basis && qualifications == o.qualifications &&
         related_sops == o.related_sops && equipment == o.equipment && warnings == o.warnings &&
         records == o.records && actors == o.actors && steps == o.steps && extra == o.extra;
}

const char* step_kind_name(StepKind kind) noexcept {
  switch (kind) {
    case StepKind::start:
      return "start";
    case StepKind::end:
      return "end";
    case StepKind::process:
      return "process";
    case StepKind::decision:
      return "decision";
  }
  return "process";
}

std::optional<StepKind> step_kind_from_name(std::string_view name) noexcept {
  if (name == "start") return StepKind::start;
  if (name == "end") return StepKind::end;
  if (name == "process") return StepKind::process;
  if (name == "decision") return StepKind::decision;
  return std::nullopt;
}

struct Sop::Body {
  SopDocument doc;
  std::unordered_map<std::string_view, std::uint32_t> step_by_id;  // views into doc
  std::unordered_map<std::string_view, std::uint32_t> actor_by_id;
  std::vector<std::uint32_t> step_actor;
  std::vector<Flow> flows;
  std::vector<std::size_t> flow_begin;  // step_count + 1 offsets into flows
  std::uint32_t start = kNoIndex;
};

Sop::Sop() : Sop(SopDocument{}) {}

Sop::Sop(SopDocument document) {
  auto body = std::make_shared<Body>();
  body->doc = std::move(document);
  const auto& steps = body->doc.steps;
  const auto& actors = body->doc.actors;
  body->step_by_id.reserve(steps.size());
  for (std::uint32_t i = 0; i < steps.size(); ++i) body->step_by_id.emplace(steps[i].id, i);
  for (std::uint32_t i = 0; i < actors.size(); ++i) body->actor_by_id.emplace(actors[i].id, i);

  auto lookup = [](const auto& map, std::string_view id) {
    auto it = map.find(id);
    return it == map.end() ? kNoIndex : it->second;
  };
  body->step_actor.reserve(steps.size());
  body->flow_begin.reserve(steps.size() + 1);
  for (std::uint32_t i = 0; i < steps.size(); ++i) {
    const Step& s = steps[i];
    body->step_actor.push_back(lookup(body->actor_by_id, s.actor));
    if (s.kind == StepKind::start && body->start == kNoIndex) body->start = i;
    body->flow_begin.push_back(body->flows.size());
    auto add = [&](const std::string& target, FlowKind kind) {
      if (target.empty()) return;
      std::uint32_t to = lookup(body->step_by_id, target);
      if (to != kNoIndex) body->flows.push_back(Flow{i, to, kind});
    };
    if (s.kind == StepKind::decision) {
      add(s.yes, FlowKind::yes);
      add(s.no, FlowKind::no);
    }
    // Flows are kept whatever the kind: a decision written with `next`, or an
    // end step with a successor, is for validate() to report, not to hide.
    for (const auto& n : s.next) add(n, FlowKind::next);
    if (s.kind != StepKind::decision) {
      add(s.yes, FlowKind::yes);
      add(s.no, FlowKind::no);
    }
  }
  body->flow_begin.push_back(body->flows.size());
  body_ = std::move(body);
}

const SopDocument& Sop::document() const noexcept {
  return body_->doc;
}
std::size_t Sop::step_count() const noexcept {
  return body_->doc.steps.size();
}

const Step& Sop::step(std::size_t index) const {
  if (index >= body_->doc.steps.size())
    throw Error(ErrorCode::out_of_range, "step index " + std::to_string(index) +
                                             " is past the last step (" +
                                             std::to_string(body_->doc.steps.size()) + " steps)");
  return body_->doc.steps[index];
}

std::uint32_t Sop::step_index(std::string_view id) const noexcept {
  auto it = body_->step_by_id.find(id);
  return it == body_->step_by_id.end() ? kNoIndex : it->second;
}

std::uint32_t Sop::actor_index(std::string_view id) const noexcept {
  auto it = body_->actor_by_id.find(id);
  return it == body_->actor_by_id.end() ? kNoIndex : it->second;
}

std::uint32_t Sop::step_actor(std::size_t step_index) const noexcept {
  return step_index < body_->step_actor.size() ? body_->step_actor[step_index] : kNoIndex;
}

const std::vector<Flow>& Sop::flows() const noexcept {
  return body_->flows;
}

std::pair<std::size_t, std::size_t> Sop::out_flows(std::size_t index) const noexcept {
  if (index >= body_->doc.steps.size()) return {0, 0};
  return {body_->flow_begin[index], body_->flow_begin[index + 1]};
}

std::uint32_t Sop::start_index() const noexcept {
  return body_->start;
}

}  // namespace sopkit
