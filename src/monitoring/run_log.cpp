// run_log.cpp — the RunLog model: runs, actors and step events of one SOP.
#include <algorithm>
#include <unordered_map>

#include "sopkit/error.hpp"
#include "sopkit/runs.hpp"

namespace sopkit {

namespace {

// PermenPAN-RB 35/2012, Lampiran: Formulir Evaluasi Penerapan SOP AP.
struct Criterion {
  const char* key;
  const char* text;
};
constexpr Criterion kCriteria[kEvaluationCriteria] = {
    {"mendorong_kinerja", "Mampu mendorong peningkatan kinerja"},
    {"mudah_dipahami", "Mudah dipahami"},
    {"mudah_dilaksanakan", "Mudah dilaksanakan"},
    {"peran_jelas", "Semua orang dapat menjalankan perannya masing-masing"},
    {"atasi_masalah", "Mampu mengatasi permasalahan yang berkaitan dengan proses"},
    {"kebutuhan_kinerja", "Mampu menjawab kebutuhan peningkatan kinerja organisasi"},
    {"sinergi", "Sinergi satu dengan lainnya"},
};

}  // namespace

const char* branch_name(Branch b) noexcept {
  switch (b) {
    case Branch::yes:
      return "yes";
    case Branch::no:
      return "no";
    case Branch::none:
      break;
  }
  return "";
}

const char* evaluation_criterion_key(std::size_t i) noexcept {
  return i < kEvaluationCriteria ? kCriteria[i].key : "";
}

const char* evaluation_criterion_text(std::size_t i) noexcept {
  return i < kEvaluationCriteria ? kCriteria[i].text : "";
}

struct RunLog::Index {
  std::unordered_map<std::string, std::uint32_t> runs, actors;
};

RunLog::RunLog(Sop sop) : sop_(std::move(sop)), index_(std::make_shared<Index>()) {}

const std::string& RunLog::actor_of(const StepEvent& e) const {
  if (e.actor != kNoIndex) return actors_.at(e.actor);
  return sop_.step(e.step).actor;
}

// Copies of a RunLog share the lookup index until one of them adds: then it
// takes its own copy, so that the other's index stays true to its runs.
void RunLog::own_index() {
  if (index_.use_count() > 1) index_ = std::make_shared<Index>(*index_);
}

std::uint32_t RunLog::find_or_add_run(std::string_view case_id) {
  own_index();
  auto [it, added] =
      index_->runs.emplace(std::string(case_id), static_cast<std::uint32_t>(runs_.size()));
  if (added) {
    RunRecord r;
    r.case_id = std::string(case_id);
    runs_.push_back(std::move(r));
  }
  return it->second;
}

std::uint32_t RunLog::find_or_add_actor(std::string_view name) {
  // An office has a handful of actors: a scan beats hashing a new string.
  if (actors_.size() <= 32)
    for (std::size_t i = 0; i < actors_.size(); ++i)
      if (actors_[i] == name) return static_cast<std::uint32_t>(i);
  own_index();
  auto [it, added] =
      index_->actors.emplace(std::string(name), static_cast<std::uint32_t>(actors_.size()));
  if (added) actors_.emplace_back(name);
  return it->second;
}

void RunLog::add_event(const StepEvent& e) {
  if (e.run >= runs_.size())
    throw Error(ErrorCode::invalid_argument, "event of an unknown run " + std::to_string(e.run));
  if (e.step >= sop_.step_count())
    throw Error(ErrorCode::invalid_argument, "event of an unknown step " + std::to_string(e.step));
  if (e.actor != kNoIndex && e.actor >= actors_.size())
    throw Error(ErrorCode::invalid_argument,
                "event of an unknown actor " + std::to_string(e.actor));
  const Step& s = sop_.step(e.step);
  if (e.end < e.start)
    throw Error(ErrorCode::invalid_argument,
                "step " + s.id + " of case " + runs_[e.run].case_id + " ends (" +
                    format_instant(e.end) + ") before it starts (" + format_instant(e.start) + ")");
  if (e.branch != Branch::none && s.kind != StepKind::decision)
    throw Error(ErrorCode::invalid_argument,
                "step " + s.id + " is no decision, so no branch can be taken there (case " +
                    runs_[e.run].case_id + ")");
  events_.push_back(e);
}

std::optional<std::pair<std::size_t, std::size_t>> RunLog::finish() {
  // Stable: two executions that start together keep document (then log) order.
  // Logs exported case by case are usually in order already: checked first.
  auto before = [](const StepEvent& a, const StepEvent& b) {
    if (a.run != b.run) return a.run < b.run;
    if (a.start != b.start) return a.start < b.start;
    return a.step < b.step;
  };
  if (!std::is_sorted(events_.begin(), events_.end(), before))
    std::stable_sort(events_.begin(), events_.end(), before);
  for (auto& r : runs_) r.event_count = 0;
  for (std::size_t i = 0; i < events_.size(); ++i) {
    RunRecord& r = runs_[events_[i].run];
    if (r.event_count++ == 0) r.first_event = i;
  }
  // Duplicates: identical (run, start, step) are neighbours after the sort,
  // unless another execution of the same step with a different end sits
  // between them; compare each event with the following ones of equal start.
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const StepEvent& a = events_[i];
    for (std::size_t j = i + 1; j < events_.size(); ++j) {
      const StepEvent& b = events_[j];
      if (b.run != a.run || b.start != a.start || b.step != a.step) break;
      if (b.end == a.end) return std::make_pair(i, j);
    }
  }
  return std::nullopt;
}

}  // namespace sopkit
