// evaluate.cpp — achievement formulas, period accumulation, unit roll-ups,
// money/physical progress and early warning.
//
// Every formula here returns a Reason instead of a number when its inputs do
// not allow one: a report that says 0 % or 100 % for an indicator nobody
// measured is worse than a report that says "not computable: target_blank".
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "indicators/detail/formatting_sink.hpp"
#include "indicators/detail/indicator_cells.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"
#include "util/huge_pages.hpp"
#include "util/ordered_runs.hpp"

namespace sopkit {

const char* reason_name(Reason r) noexcept {
  switch (r) {
    case Reason::none:
      return "none";
    case Reason::target_blank:
      return "target_blank";
    case Reason::realisation_blank:
      return "realisation_blank";
    case Reason::target_zero:
      return "target_zero";
    case Reason::target_negative:
      return "target_negative";
    case Reason::realisation_zero:
      return "realisation_zero";
    case Reason::realisation_negative:
      return "realisation_negative";
    case Reason::not_finite:
      return "not_finite";
    case Reason::unknown_polarity:
      return "unknown_polarity";
    case Reason::weight_zero:
      return "weight_zero";
    case Reason::no_computable_indicator:
      return "no_computable_indicator";
    case Reason::too_few_quarters:
      return "too_few_quarters";
    case Reason::range_inverted:
      return "range_inverted";
    case Reason::overflow:
      return "overflow";
  }
  return "?";
}

const char* to_string(Light l) noexcept {
  switch (l) {
    case Light::none:
      return "none";
    case Light::green:
      return "green";
    case Light::yellow:
      return "yellow";
    case Light::red:
      return "red";
  }
  return "?";
}

namespace {

// Common checks of a target-like value and the realisation.
Reason check_inputs(std::optional<double> t, std::optional<double> r) noexcept {
  if (!t) return Reason::target_blank;
  if (!r) return Reason::realisation_blank;
  if (!std::isfinite(*t) || !std::isfinite(*r)) return Reason::not_finite;
  if (*t < 0) return Reason::target_negative;
  if (*r < 0) return Reason::realisation_negative;
  return Reason::none;
}

constexpr double kHalfMax = std::numeric_limits<double>::max() / 2;

// A percentage, or not computable when it does not fit a double (a target of
// 1e-308 gives 1e310 %): an output never says inf. The bulk kernels apply the
// same rule.
Achievement percentage(double ratio) noexcept {
  const double v = ratio * 100.0;
  return std::isfinite(v) ? Achievement::of(v) : Achievement::not_computable(Reason::overflow);
}

// (2T − R)/T as a percentage. 2T is not a double above DBL_MAX/2: that is an
// overflow whatever R is (the rule does not depend on whether the compiler
// fuses 2T − R into one operation, which the bulk kernels must match).
Achievement difference_percentage(double t, double r) noexcept {
  if (t > kHalfMax) return Achievement::not_computable(Reason::overflow);
  return percentage((2.0 * t - r) / t);
}

// The polarity's formula against one bound `t` (> 0 unless zero-over-zero).
// `below` says on which side of a range R lies (for a point target: R <= T).
Achievement formula(Polarity p, double t, double r, bool below, NegativeFormula nf,
                    const AchievementPolicy& policy) noexcept {
  if (t == 0) {
    if (policy.zero_over_zero_is_100 && r == 0) return Achievement::of(100.0);
    return Achievement::not_computable(Reason::target_zero);
  }
  switch (p) {
    case Polarity::positive:
      return percentage(r / t);
    case Polarity::negative:
      if (nf == NegativeFormula::ratio) {
        if (r == 0) return Achievement::not_computable(Reason::realisation_zero);
        return percentage(t / r);
      }
      return difference_percentage(t, r);
    case Polarity::range:
      return below ? percentage(r / t) : difference_percentage(t, r);
  }
  return Achievement::not_computable(Reason::unknown_polarity);
}

}  // namespace

Achievement achievement(Polarity polarity, std::optional<double> target,
                        std::optional<double> realisation, const AchievementPolicy& policy,
                        std::optional<NegativeFormula> nf) noexcept {
  if (Reason why = check_inputs(target, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  return formula(polarity, *target, *realisation, *realisation <= *target,
                 nf ? *nf : policy.negative_formula, policy);
}

Achievement achievement_in_range(Polarity polarity, std::optional<double> low,
                                 std::optional<double> high, std::optional<double> realisation,
                                 const AchievementPolicy& policy,
                                 std::optional<NegativeFormula> nf) noexcept {
  if (low.has_value() != high.has_value()) return Achievement::not_computable(Reason::target_blank);
  if (Reason why = check_inputs(low, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  if (Reason why = check_inputs(high, realisation); why != Reason::none)
    return Achievement::not_computable(why);
  if (*low > *high) return Achievement::not_computable(Reason::range_inverted);
  const double r = *realisation;
  const NegativeFormula f = nf ? *nf : policy.negative_formula;
  if (r < *low) return formula(polarity, *low, r, true, f, policy);
  if (r > *high) return formula(polarity, *high, r, false, f, policy);
  return Achievement::of(100.0);
}

std::optional<double> accumulate(Accumulation rule,
                                 const std::vector<std::optional<double>>& values) noexcept {
  return detail::accumulate_values(rule, values);
}

Light deviation_light(std::optional<double> d, const DeviationLights& l) noexcept {
  if (!d || std::isnan(*d)) return Light::none;
  const bool red = l.red_inclusive ? *d <= l.red_below : *d < l.red_below;
  if (red) return Light::red;
  const bool green = l.green_inclusive ? *d >= l.green_above : *d > l.green_above;
  return green ? Light::green : Light::yellow;
}

namespace {

// Per period, per unit, the weighted mean of capped achievement of every
// indicator in the unit's subtree: each result is added to its unit and the
// unit's ancestors, in the order of the results.
// swc / weight_sum, or the scaled sums' quotient when the plain ones overflow
// (the plain quotient is kept otherwise: it is the one the bulk kernel gives).
Achievement weighted_mean(double swc, double weight_sum, double scaled_swc,
                          double scaled_weight_sum) noexcept {
  const double plain = swc / weight_sum;
  if (std::isfinite(swc) && std::isfinite(weight_sum)) return Achievement::of(plain);
  const double scaled = scaled_swc / scaled_weight_sum;
  return std::isfinite(scaled) ? Achievement::of(scaled)
                               : Achievement::not_computable(Reason::overflow);
}

// The version of the options' scale in force at the end of each period the
// results can have, looked up before any result is computed: the threads
// computing results read it without a lock. A period older than the scale's
// first version is not an error: its results go unrated, and a note says so.
class PeriodScales {
 public:
  PeriodScales(const IndicatorSet& set, const EvaluationOptions& opt) : opt_(opt) {
    // Without cells there is nothing to rate, and no scale name to check.
    if (set.cell_count() == 0) return;
    const std::vector<Period> periods =
        opt.period ? std::vector<Period>{*opt.period} : set.periods();  // sorted
    for (const Period& p : periods)
      scales_.emplace_back(p, opt.scales.in_force_or_null(opt.scale, p.end_date()));
  }

  const RatingScale* operator()(const Period& p) const {
    const auto it =
        std::lower_bound(scales_.begin(), scales_.end(), p,
                         [](const auto& entry, const Period& q) { return entry.first < q; });
    return it != scales_.end() && it->first == p ? it->second : nullptr;
  }

  // The notes of the periods met (in order of meeting) that no version rates.
  void note_unrated(const std::vector<Period>& met, std::vector<std::string>& notes) const {
    for (const Period& p : met)
      if (!(*this)(p))
        notes.push_back("rating scale '" + opt_.scale +
                        "': no version of the scale is in force on " + p.end_date() +
                        ", so the results of " + p.to_string() +
                        " are computed but not rated (no band, no predicate)");
  }

 private:
  const EvaluationOptions& opt_;
  std::vector<std::pair<Period, const RatingScale*>> scales_;  // by period
};

// Band and predicate of a score under `scale`; none when no scale is in force.
template <class Result>
void rate(Result& r, double score, const RatingScale* scale) {
  if (!scale) return;
  r.band = scale->band(score);
  r.predicate = scale->label(r.band);
}

// What a roll-up needs of one result: 24 bytes instead of the result's ~300.
struct Scored {
  std::uint32_t period_slot = 0;  // index into the periods met, in order of meeting
  std::uint32_t indicator = 0;
  double score = 0.0;
  bool computable = false;
};

// The periods of the results in order of meeting, and each result's slot.
class ScoredResults {
 public:
  void reserve(std::size_t results) {
    scored_.reserve(results);
    detail::advise_huge_pages(scored_);
  }
  void add(const IndicatorResult& r) {
    if (periods_.empty() || !(periods_[last_slot_] == r.period)) last_slot_ = slot_of(r.period);
    scored_.push_back(Scored{static_cast<std::uint32_t>(last_slot_),
                             static_cast<std::uint32_t>(r.indicator), r.score,
                             r.achievement.computable()});
  }
  const std::vector<Period>& periods() const { return periods_; }
  // The results of each slot, each slot's in the order they were added.
  std::vector<std::vector<Scored>> by_slot() const {
    std::vector<std::vector<Scored>> slots(periods_.size());
    std::vector<std::size_t> counts(periods_.size());
    for (const Scored& s : scored_) ++counts[s.period_slot];
    for (std::size_t k = 0; k < slots.size(); ++k) {
      slots[k].reserve(counts[k]);
      detail::advise_huge_pages(slots[k]);
    }
    for (const Scored& s : scored_) slots[s.period_slot].push_back(s);
    return slots;
  }

 private:
  std::size_t slot_of(const Period& p) {
    const auto [it, added] = slots_.emplace(p, periods_.size());
    if (added) periods_.push_back(p);
    return it->second;
  }
  std::map<Period, std::size_t> slots_;
  std::vector<Period> periods_;
  std::size_t last_slot_ = 0;
  std::vector<Scored> scored_;
};

struct UnitSum {
  double swc = 0.0, weight_sum = 0.0;
  double scaled_swc = 0.0, scaled_weight_sum = 0.0;
  std::size_t included = 0, excluded = 0;
  bool any = false;
};

UnitResult unit_result(std::size_t u, const Period& p, const UnitSum& s, const RatingScale* scale) {
  UnitResult ur;
  ur.unit = u;
  ur.period = p;
  ur.included = s.included;
  ur.excluded = s.excluded;
  ur.weight_sum = s.weight_sum;
  if (ur.included == 0)
    ur.achievement = Achievement::not_computable(Reason::no_computable_indicator);
  else if (ur.weight_sum == 0)
    ur.achievement = Achievement::not_computable(Reason::weight_zero);
  else
    ur.achievement = weighted_mean(s.swc, s.weight_sum, s.scaled_swc, s.scaled_weight_sum);
  rate(ur, ur.achievement.value, scale);
  return ur;
}

void roll_up(const IndicatorSet& set, const ScoredResults& results, const PeriodScales& scale_of,
             EvaluationSink& sink) {
  std::vector<std::size_t> slots_in_order(results.periods().size());
  for (std::size_t i = 0; i < slots_in_order.size(); ++i) slots_in_order[i] = i;
  const auto& periods = results.periods();
  std::sort(slots_in_order.begin(), slots_in_order.end(),
            [&](std::size_t a, std::size_t b) { return periods[a] < periods[b]; });
  const std::vector<std::vector<Scored>> by_slot = results.by_slot();
  const UnitTree& units = set.units();
  // Weights near DBL_MAX overflow w·score and the weight sum; the same sums
  // over weights divided by the largest weight do not, and give the same mean.
  double max_weight = 0.0;
  for (std::size_t i = 0; i < set.indicator_count(); ++i)
    max_weight = std::max(max_weight, set.indicator(i).weight);
  std::vector<UnitSum> sums;
  for (std::size_t slot : slots_in_order) {
    sums.assign(units.size(), UnitSum{});
    for (const Scored& r : by_slot[slot]) {
      const Indicator& ind = set.indicator(r.indicator);
      for (std::optional<std::size_t> u = ind.unit; u; u = units.parent(*u)) {
        UnitSum& s = sums[*u];
        s.any = true;
        if (!r.computable) {
          ++s.excluded;
          continue;
        }
        ++s.included;
        s.weight_sum += ind.weight;
        s.swc += ind.weight * r.score;
        s.scaled_weight_sum += ind.weight / max_weight;
        s.scaled_swc += ind.weight / max_weight * r.score;
      }
    }
    const RatingScale* scale = scale_of(periods[slot]);
    for (std::size_t u = 0; u < units.size(); ++u)
      if (sums[u].any) sink.unit(unit_result(u, periods[slot], sums[u], scale));
  }
}

// Keeps every piece: evaluate() returning an Evaluation.
class HoldingSink : public EvaluationSink {
 public:
  explicit HoldingSink(Evaluation& ev) : ev_(ev) {}
  void indicator(const IndicatorResult& r) override { ev_.indicators.push_back(r); }
  void unit(const UnitResult& u) override { ev_.units.push_back(u); }
  void warning(const EarlyWarning& w) override { ev_.warnings.push_back(w); }
  void note(const std::string& n) override { ev_.notes.push_back(n); }

 private:
  Evaluation& ev_;
};

// A run's results or early warnings, and their text when a formatting sink
// wrote it aside.
struct Computed {
  std::vector<IndicatorResult> results;
  std::vector<EarlyWarning> warnings;
  std::string text;
  bool written = false;
};

// An evaluation cut into runs: runs of indicators whose results make about
// kRun results, then (when the sink wants them) runs of kRun indicators'
// early warnings. Runs are fixed before any is computed, so that either
// thread can compute any of them.
class EvaluationRuns {
 public:
  static constexpr std::size_t kRun = 512;

  EvaluationRuns(const IndicatorSet& set, const EvaluationOptions& opt, bool warnings)
      : indicators_(set.indicator_count()),
        // One period: at most a result per indicator; else one per cell.
        per_result_run_(opt.period || set.cell_count() <= indicators_
                            ? kRun
                            : std::max<std::size_t>(1, kRun * indicators_ / set.cell_count())),
        result_runs_(runs_of(per_result_run_)),
        warning_runs_(warnings ? runs_of(kRun) : 0) {}

  std::size_t count() const noexcept { return result_runs_ + warning_runs_; }
  bool of_warnings(std::size_t run) const noexcept { return run >= result_runs_; }
  // The indicators [first, last) of a run.
  std::pair<std::size_t, std::size_t> indicators(std::size_t run) const noexcept {
    const std::size_t per = of_warnings(run) ? kRun : per_result_run_;
    const std::size_t first = (of_warnings(run) ? run - result_runs_ : run) * per;
    return {first, std::min(indicators_, first + per)};
  }

 private:
  std::size_t runs_of(std::size_t per) const { return (indicators_ + per - 1) / per; }

  std::size_t indicators_, per_result_run_, result_runs_, warning_runs_;
};

// Computes runs: the results of the cells asked for, indicator by indicator,
// rated, or the early warnings. Reads only the set and the scales: one per
// thread, each with its own buffer of an indicator's cells.
class Computing {
 public:
  Computing(const detail::RowsByIndicator& rows, const EvaluationOptions& opt,
            const PeriodScales& scales)
      : opt_(opt), cells_(rows), scales_(scales) {}

  void run(const EvaluationRuns& runs, std::size_t run, Computed& out) {
    out.results.clear();
    out.warnings.clear();
    out.written = false;
    const auto [first, last] = runs.indicators(run);
    if (runs.of_warnings(run)) {
      for (std::size_t i = first; i < last; ++i) detail::warnings_of(i, cells_, opt_, out.warnings);
      return;
    }
    // In the indicators' order, each one's cells in chronological order.
    for (std::size_t i = first; i < last; ++i) {
      cells_.load(i);
      for (std::size_t j = 0; j < cells_.size(); ++j) {
        if (opt_.period && cells_.period(j) != *opt_.period) continue;
        IndicatorResult r = detail::evaluate_cell(cells_, cells_.cell(j), opt_);
        r.score = apply_cap(r.achievement.value, opt_.cap);
        rate(r, r.score, scale_of(r.period));
        out.results.push_back(std::move(r));
      }
    }
  }

 private:
  const RatingScale* scale_of(const Period& p) {
    if (!has_last_ || !(p == last_period_)) {
      last_scale_ = scales_(p);
      last_period_ = p;
      has_last_ = true;
    }
    return last_scale_;
  }

  const EvaluationOptions& opt_;
  detail::IndicatorCells cells_;
  const PeriodScales& scales_;
  Period last_period_;
  const RatingScale* last_scale_ = nullptr;
  bool has_last_ = false;
};

// Hands a run to the sink, its text when it was written aside.
void hand_over(const Computed& run, EvaluationSink& sink) {
  if (run.written) {
    // Only a formatting sink's runs are written aside.
    auto& writer = static_cast<detail::FormattingSink&>(sink);
    if (!run.results.empty())
      writer.indicators_text(run.text, run.results.size());
    else if (!run.warnings.empty())
      writer.warnings_text(run.text, run.warnings.size());
    return;
  }
  for (const IndicatorResult& r : run.results) sink.indicator(r);
  for (const EarlyWarning& w : run.warnings) sink.warning(w);
}

}  // namespace

void evaluate(const IndicatorSet& set, const EvaluationOptions& opt, EvaluationSink& sink) {
  if (opt.period) {
    const std::vector<Period> held = set.periods();
    if (!std::binary_search(held.begin(), held.end(), *opt.period))
      throw Error(ErrorCode::invalid_argument,
                  "the data hold no row for period " + opt.period->to_string());
  }
  const detail::RowsByIndicator rows(set);
  const PeriodScales scales(set, opt);
  const EvaluationRuns runs(set, opt, sink.wants_warnings());
  const auto* writer = dynamic_cast<const detail::FormattingSink*>(&sink);
  ScoredResults scored;
  scored.reserve(opt.period ? set.indicator_count() : set.cell_count());
  bool rolled_up = false;
  // The roll-ups follow the last result and precede the first warning.
  auto roll_up_once = [&] {
    if (!rolled_up) roll_up(set, scored, scales, sink);
    rolled_up = true;
  };
  auto take = [&](std::size_t run, const Computed& computed) {
    for (const IndicatorResult& r : computed.results) scored.add(r);
    if (runs.of_warnings(run)) roll_up_once();
    hand_over(computed, sink);
  };
  // The sink is called on the caller's thread only, in the order of the
  // single-threaded walk. Either thread computes the next run nobody took
  // (and writes its text when the sink formats); the caller hands them over
  // in order.
  Computing on_caller(rows, opt, scales), on_second(rows, opt, scales);
  const std::thread::id caller = std::this_thread::get_id();
  Computed in_place;
  detail::run_in_order<Computed>(
      runs.count(), opt.threads > 1 && set.cell_count() >= detail::kRowsWorthAThread,
      [&](std::size_t run, Computed& computed) {
        Computing& computing = std::this_thread::get_id() == caller ? on_caller : on_second;
        computing.run(runs, run, computed);
        if (!writer) return;
        if (!computed.results.empty())
          writer->format_indicators(computed.results.data(), computed.results.size(),
                                    computed.text);
        else if (!computed.warnings.empty())
          writer->format_warnings(computed.warnings.data(), computed.warnings.size(),
                                  computed.text);
        computed.written = true;
      },
      [&](std::size_t run) {
        on_caller.run(runs, run, in_place);
        take(run, in_place);
      },
      [&](std::size_t run, const Computed& computed) { take(run, computed); });
  roll_up_once();
  std::vector<std::string> notes;
  scales.note_unrated(scored.periods(), notes);
  for (const std::string& note : notes) sink.note(note);
}

Evaluation evaluate(const IndicatorSet& set, const EvaluationOptions& opt) {
  Evaluation ev;
  // At most a result per cell (per indicator for one period) and a warning
  // per indicator and year: a national evaluation holds ~100 MB, reserved
  // once on huge pages instead of doubling onto 4 KiB pages.
  ev.indicators.reserve(opt.period ? set.indicator_count() : set.cell_count());
  detail::advise_huge_pages(ev.indicators);
  ev.warnings.reserve(set.indicator_count());
  detail::advise_huge_pages(ev.warnings);
  HoldingSink holder(ev);
  evaluate(set, opt, holder);
  return ev;
}

}  // namespace sopkit
