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
#include <utility>

#include "indicators/detail/formatting_sink.hpp"
#include "indicators/detail/indicator_cells.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_eval.hpp"
#include "util/huge_pages.hpp"
#include "util/pipeline.hpp"

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

// The version of the options' scale in force at each period's end, looked up
// once per period. A period older than the scale's first version is not an
// error of the run: its results are computed but carry no band, and a note
// in the evaluation says why.
class ScaleOfPeriod {
 public:
  ScaleOfPeriod(const EvaluationOptions& opt, std::vector<std::string>& notes)
      : opt_(opt), notes_(notes) {}

  const RatingScale* operator()(const Period& p) {
    if (!has_last_ || !(p == last_period_)) {
      last_scale_ = lookup(p);
      last_period_ = p;
      has_last_ = true;
    }
    return last_scale_;
  }

 private:
  const RatingScale* lookup(const Period& p) {
    for (const auto& [period, scale] : seen_)
      if (period == p) return scale;
    const std::string date = p.end_date();
    const RatingScale* scale = opt_.scales.in_force_or_null(opt_.scale, date);
    if (!scale)
      notes_.push_back("rating scale '" + opt_.scale +
                       "': no version of the scale is in force on " + date +
                       ", so the results of " + p.to_string() +
                       " are computed but not rated (no band, no predicate)");
    seen_.emplace_back(p, scale);
    return scale;
  }

  const EvaluationOptions& opt_;
  std::vector<std::string>& notes_;
  std::vector<std::pair<Period, const RatingScale*>> seen_;
  Period last_period_;
  const RatingScale* last_scale_ = nullptr;
  bool has_last_ = false;
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

void roll_up(const IndicatorSet& set, const ScoredResults& results, ScaleOfPeriod& scale_of,
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

// What the computing stage hands the writing stage: the results of a run of
// cells, later the early warnings of a run of indicators, and their text when
// the computing stage wrote it.
struct Computed {
  std::vector<IndicatorResult> results;
  std::vector<EarlyWarning> warnings;
  std::string text;
  bool written = false;
};

// The computing stage: the results of the cells asked for, indicator by
// indicator, rated, then the early warnings, a batch at a time. Reads only
// the set; rates through `scale_of`, which only this stage uses until the
// last result is handed over. With a formatting sink, a batch is also written
// while the writing stage is busy with earlier ones.
class Computing {
 public:
  Computing(const detail::RowsByIndicator& rows, const EvaluationOptions& opt,
            ScaleOfPeriod& scale_of, const EvaluationSink& sink)
      : rows_(rows),
        opt_(opt),
        cells_(rows),
        scale_of_(scale_of),
        writer_(dynamic_cast<const detail::FormattingSink*>(&sink)),
        warnings_(sink.wants_warnings()) {}

  // A batch holds whole indicators: about kBatch results, then warnings.
  bool operator()(Computed& batch, bool writer_busy) {
    batch.results.clear();
    batch.warnings.clear();
    batch.written = false;
    if (!compute(batch)) return false;
    if (writer_ && writer_busy) {
      if (!batch.results.empty())
        writer_->format_indicators(batch.results.data(), batch.results.size(), batch.text);
      else
        writer_->format_warnings(batch.warnings.data(), batch.warnings.size(), batch.text);
      batch.written = true;
    }
    return true;
  }

 private:
  bool compute(Computed& batch) {
    constexpr std::size_t kBatch = 512;
    const EvaluationOptions& opt = opt_;
    const std::size_t n = rows_.set.indicator_count();
    // In the indicators' order, each one's cells in chronological order.
    while (evaluated_ < n && batch.results.size() < kBatch) {
      const std::size_t i = evaluated_++;
      cells_.load(i);
      for (std::size_t j = 0; j < cells_.size(); ++j) {
        if (opt.period && cells_.period(j) != *opt.period) continue;
        IndicatorResult r = detail::evaluate_cell(cells_, cells_.cell(j), opt);
        r.score = apply_cap(r.achievement.value, opt.cap);
        rate(r, r.score, scale_of_(r.period));
        batch.results.push_back(std::move(r));
      }
    }
    if (!batch.results.empty() || !warnings_) return !batch.results.empty();
    while (warned_ < n && batch.warnings.size() < kBatch)
      detail::warnings_of(warned_++, cells_, opt, batch.warnings);
    return !batch.warnings.empty();
  }

  const detail::RowsByIndicator& rows_;
  const EvaluationOptions& opt_;
  detail::IndicatorCells cells_;
  ScaleOfPeriod& scale_of_;
  const detail::FormattingSink* writer_;  // null: the sink is not one
  bool warnings_;
  std::size_t evaluated_ = 0, warned_ = 0;
};

// The writing stage: hands a batch to the sink, its text when it was written.
void hand_over(Computed& batch, EvaluationSink& sink) {
  if (batch.written) {
    // Only a formatting sink's batches are written (Computing::writer_).
    auto& writer = static_cast<detail::FormattingSink&>(sink);
    if (!batch.results.empty())
      writer.indicators_text(batch.text, batch.results.size());
    else
      writer.warnings_text(batch.text, batch.warnings.size());
    return;
  }
  for (const IndicatorResult& r : batch.results) sink.indicator(r);
  for (const EarlyWarning& w : batch.warnings) sink.warning(w);
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
  std::vector<std::string> notes;
  ScaleOfPeriod scale_of(opt, notes);
  ScoredResults scored;
  scored.reserve(opt.period ? set.indicator_count() : set.cell_count());
  bool rolled_up = false;
  // The roll-ups follow the last result and precede the first warning.
  auto roll_up_once = [&] {
    if (!rolled_up) roll_up(set, scored, scale_of, sink);
    rolled_up = true;
  };
  // The sink is called on the caller's thread only, in the order of the
  // single-threaded walk; only the computing (and a formatting sink's
  // format_ calls) may run on a second thread.
  const bool background = opt.threads > 1 && set.cell_count() >= detail::kRowsWorthAThread;
  detail::run_pipeline<Computed>(background, Computing(rows, opt, scale_of, sink),
                                 [&](Computed& batch) {
                                   for (const IndicatorResult& r : batch.results) scored.add(r);
                                   if (!batch.warnings.empty()) roll_up_once();
                                   hand_over(batch, sink);
                                 });
  roll_up_once();
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
