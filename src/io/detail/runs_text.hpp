// runs_text.hpp — one event of a run log as text, checked and added to a
// RunLog; shared by the CSV and JSON readers so that both refuse the same
// things with the same words. Private.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/detail/json_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/runs.hpp"

namespace sopkit::detail {

// The texts of one event, numbered as EventField.
struct EventText {
  std::string_view case_id, step, start, end, actor, branch;
};
enum EventField { kEventCase, kEventStep, kEventStart, kEventEnd, kEventActor, kEventBranch };

class EventReader {
 public:
  explicit EventReader(RunLog& log) : log_(log) {}

  // Checks and appends one event. `where(field)` gives the location of a field
  // for messages. Throws Error{format_error} there.
  template <typename Where>
  std::uint32_t add(const EventText& t, std::uint32_t origin, Where&& where) {
    const Sop& sop = log_.sop();
    auto fail = [&](int field, const std::string& message) {
      throw Error(ErrorCode::format_error, message, where(field));
    };
    if (t.case_id.empty()) fail(kEventCase, "the case is empty; give the run's case id");
    StepEvent e;
    if (!has_last_run_ || t.case_id != last_case_) {
      last_run_ = log_.find_or_add_run(t.case_id);
      last_case_.assign(t.case_id);
      has_last_run_ = true;
    }
    e.run = last_run_;
    e.step = sop.step_index(t.step);
    if (e.step == kNoIndex) fail(kEventStep, unknown_step(t.step));
    e.start = instant(t.start, "start", kEventStart, fail);
    e.end = instant(t.end, "end", kEventEnd, fail);
    if (e.end < e.start)
      fail(kEventEnd, "end " + format_instant(e.end) + " is before start " +
                          format_instant(e.start) + " (step " + std::string(t.step) + ")");
    if (!t.actor.empty()) {
      if (!has_last_actor_ || t.actor != last_actor_) {
        last_actor_index_ = log_.find_or_add_actor(t.actor);
        last_actor_.assign(t.actor);
        has_last_actor_ = true;
      }
      e.actor = last_actor_index_;
    }
    if (!t.branch.empty()) {
      const std::string b = lower(t.branch);
      if (b == "yes" || b == "ya" || b == "y")
        e.branch = Branch::yes;
      else if (b == "no" || b == "tidak" || b == "t")
        e.branch = Branch::no;
      else
        fail(kEventBranch, "branch '" + excerpt(t.branch) +
                               "' is neither yes (ya) nor no (tidak); leave it empty when the "
                               "step is no decision");
      if (sop.step(e.step).kind != StepKind::decision)
        fail(kEventBranch, "step " + std::string(t.step) +
                               " is no decision, so no branch can be taken there; leave the "
                               "branch empty");
    }
    e.origin = origin;
    log_.add_event(e);
    return e.run;
  }

  // Sorts the log; a duplicated event throws Error{format_error} at
  // describe(the repeat), naming describe(the first).
  template <typename Describe>
  void finish(Describe&& describe) {
    auto dup = log_.finish();
    if (!dup) return;
    const StepEvent& a = log_.events()[dup->first];
    const StepEvent& b = log_.events()[dup->second];
    const StepEvent& first = a.origin <= b.origin ? a : b;
    const StepEvent& again = a.origin <= b.origin ? b : a;
    throw Error(ErrorCode::format_error,
                "duplicated event: case " + log_.runs()[again.run].case_id + ", step " +
                    log_.sop().step(again.step).id + ", " + format_instant(again.start) + ".." +
                    format_instant(again.end) + " was already given at " + describe(first) +
                    "; remove one of them",
                describe(again));
  }

 private:
  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }

  template <typename Fail>
  static Instant instant(std::string_view text, const char* what, int field, Fail& fail) {
    if (text.empty()) fail(field, std::string("the ") + what + " is empty; write YYYY-MM-DDTHH:MM");
    try {
      return parse_instant(text);
    } catch (const Error& e) {
      fail(field, std::string(what) + ": " + e.message() +
                      " (an instant is written YYYY-MM-DDTHH:MM, e.g. 2024-07-01T08:00)");
    }
    return 0;
  }

  std::string unknown_step(std::string_view id) const {
    const Sop& sop = log_.sop();
    std::string ids;
    for (std::size_t i = 0; i < sop.step_count() && i < 30; ++i)
      ids += (i ? ", " : "") + sop.step(i).id;
    if (sop.step_count() > 30) ids += ", …";
    return "unknown step '" + excerpt(id) + "'; the SOP " + sop.document().number + " has steps " +
           ids;
  }

  RunLog& log_;
  bool has_last_run_ = false, has_last_actor_ = false;
  std::string last_case_, last_actor_;
  std::uint32_t last_run_ = 0, last_actor_index_ = 0;
};

}  // namespace sopkit::detail
