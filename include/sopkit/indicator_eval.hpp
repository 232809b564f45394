// indicator_eval.hpp — achievement (capaian), predicates, unit roll-ups, budget
// absorption, deviation lights and early warning for an IndicatorSet.
//
// Achievements are stored raw (uncapped). A value that cannot be computed (a
// zero or blank target, a blank realisation, ...) is never a number: it carries
// a Reason instead. Formulas follow docs/design.md §4 (Permendagri 86/2017, LKjIP
// practice under PermenPAN-RB 53/2014 and 88/2021).
//
//   sopkit::achievement(sopkit::Polarity::negative, 8.0, 6.0).value;   // (16-6)/8 = 125
//   sopkit::Evaluation ev = sopkit::evaluate(set);                     // every period
//   for (const auto& r : ev.indicators) if (!r.achievement.computable())
//     std::cout << sopkit::reason_name(r.achievement.reason);         // "target_zero"
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sopkit/indicator_set.hpp"
#include "sopkit/rating_scale.hpp"

namespace sopkit {

// Why a value is not computable. Names (reason_name) are stable API.
enum class Reason : unsigned char {
  none,                     // computable
  target_blank,             // no target (or range) for the period
  realisation_blank,        // nothing reported
  target_zero,              // T = 0 (or the relevant range bound is 0)
  target_negative,          // T < 0: the formulas assume non-negative quantities
  realisation_zero,         // T/R formula with R = 0
  realisation_negative,     // R < 0
  not_finite,               // NaN or infinite input
  unknown_polarity,         // (bulk API) a polarity code other than 0, 1, 2
  weight_zero,              // roll-up: the computable indicators weigh 0 in all
  no_computable_indicator,  // roll-up: every indicator was excluded
  too_few_quarters,         // trend: fewer than two quarters reported
  range_inverted,           // a target range with low > high
  overflow,                 // the result, or a roll-up's sum, exceeds a double
};
const char* reason_name(Reason r) noexcept;

struct AchievementPolicy {
  NegativeFormula negative_formula = NegativeFormula::difference;
  // When true, T = 0 with R = 0 counts as 100 % (some agencies' practice for
  // "zero cases, zero cases allowed"); otherwise it is target_zero.
  bool zero_over_zero_is_100 = false;
};

// A percentage or the reason there is none (value is NaN then).
struct Achievement {
  double value = std::numeric_limits<double>::quiet_NaN();
  Reason reason = Reason::none;
  bool computable() const noexcept { return reason == Reason::none; }
  static Achievement of(double v) noexcept { return {v, Reason::none}; }
  static Achievement not_computable(Reason r) noexcept {
    return {std::numeric_limits<double>::quiet_NaN(), r};
  }
};

// Achievement against a single target, in percent:
//   positive: R/T × 100; negative: (2T − R)/T × 100 or T/R × 100;
//   range polarity against a point target T: R/T below, (2T − R)/T above.
// `formula` overrides the policy's negative formula. Never throws.
Achievement achievement(Polarity polarity, std::optional<double> target,
                        std::optional<double> realisation, const AchievementPolicy& policy = {},
                        std::optional<NegativeFormula> formula = std::nullopt) noexcept;

// Achievement against a target range [low, high]: 100 inside; outside, the
// polarity's formula against the nearer bound (positive: R/low below, R/high
// above; negative: (2low − R)/low below, (2high − R)/high above; range: R/low
// below, (2high − R)/high above). low > high is range_inverted. Never throws.
Achievement achievement_in_range(Polarity polarity, std::optional<double> low,
                                 std::optional<double> high, std::optional<double> realisation,
                                 const AchievementPolicy& policy = {},
                                 std::optional<NegativeFormula> formula = std::nullopt) noexcept;

// Accumulates reported values in chronological order (blanks skipped): `sum`
// adds, `last` takes the latest reported, `average` the mean. nullopt when
// nothing was reported.
std::optional<double> accumulate(Accumulation rule,
                                 const std::vector<std::optional<double>>& values) noexcept;

// Traffic light of a deviation (realisation − plan, in percentage points).
enum class Light : unsigned char { none, green, yellow, red };
const char* to_string(Light l) noexcept;

// Red below `red_below`, green above `green_above`, yellow between. The
// boundaries themselves are yellow unless the matching *_inclusive flag moves
// them: default red d < −10, yellow −10 ≤ d ≤ −5, green d > −5.
struct DeviationLights {
  double red_below = -10.0;
  bool red_inclusive = false;  // true: d <= red_below is red
  double green_above = -5.0;
  bool green_inclusive = false;  // true: d >= green_above is green
};
// Light::none for a blank deviation.
Light deviation_light(std::optional<double> deviation, const DeviationLights& lights = {}) noexcept;

struct EarlyWarningOptions {
  bool enabled = true;
  // Warn when the projected year-end achievement is below this percentage
  // (76: below the Permendagri "Tinggi" band).
  double threshold = 76.0;
};

struct EvaluationOptions {
  AchievementPolicy policy;
  Cap cap = Cap::none;  // applies to score, band, predicate and roll-ups
  std::string scale = "permendagri-86-2017";
  RatingScales scales = RatingScales::defaults();
  DeviationLights lights;
  EarlyWarningOptions warning;
  // Only this period (results and roll-ups); early warning looks at the
  // quarters up to it. nullopt: every period of the data.
  std::optional<Period> period;
  // 2 or more: results are computed (and a writer's text written) by two
  // threads, a run of about 512 results at a time (a large set only). The
  // sink is still called on the caller's thread, in the same order, with the
  // same results.
  unsigned threads = 1;
};

// One indicator in one period.
struct IndicatorResult {
  std::size_t indicator = 0;
  Period period;
  std::optional<double> target, target_low, target_high, realisation;
  bool target_from_parts = false;       // derived from quarters (annual) or years (multi-year)
  bool realisation_from_parts = false;  // idem
  Achievement achievement;              // raw, uncapped
  double score = std::numeric_limits<double>::quiet_NaN();  // capped achievement
  std::size_t band = 0;   // in the scale in force; 0 not computable
  std::string predicate;  // the band's label; "" when not computable
  // Quarters only: Q1..this quarter accumulated by the indicator's rule.
  std::optional<double> ytd_target, ytd_realisation;
  Achievement ytd_achievement = Achievement::not_computable(Reason::target_blank);
  // Money and physical progress (blank when their inputs are).
  std::optional<double> absorption;           // budget_realisation / budget × 100
  std::optional<double> efficiency;           // achievement − absorption (points)
  std::optional<double> financial_deviation;  // absorption − financial_plan (points)
  std::optional<double> physical_deviation;   // physical_realisation − physical_plan
  Light financial_light = Light::none;
  Light physical_light = Light::none;
};

// Which figures of a result apply to it: the one rule of every form a result
// is written in (the JSON form, the capaian CSV, the C ABI's columns). A
// figure that does not apply is left out (null, an empty cell, NaN), never
// written as 0.
inline std::optional<double> shown_value(const Achievement& a) noexcept {
  return a.computable() ? std::optional<double>(a.value) : std::nullopt;
}
// Why an achievement is not computable; nullptr when it is.
inline const char* shown_reason(const Achievement& a) noexcept {
  return a.computable() ? nullptr : reason_name(a.reason);
}
// The capped achievement: none where there is no achievement to cap.
inline std::optional<double> shown_score(const IndicatorResult& r) noexcept {
  return r.achievement.computable() ? std::optional<double>(r.score) : std::nullopt;
}
// Band 0 is "not rated": it has no predicate.
inline const std::string* shown_predicate(std::size_t band, const std::string& predicate) noexcept {
  return band ? &predicate : nullptr;
}
// The year to date belongs to a quarter's row only.
inline bool shows_ytd(const IndicatorResult& r) noexcept {
  return r.period.kind == Period::Kind::quarter;
}
// A light belongs to its deviation: none without one.
inline const char* shown_light(const std::optional<double>& deviation, Light light) noexcept {
  return deviation ? to_string(light) : nullptr;
}

// Weighted mean of capped achievements of every indicator owned by the unit or
// a unit below it, for one period. Not-computable indicators are excluded and
// counted.
struct UnitResult {
  std::size_t unit = 0;
  Period period;
  Achievement achievement;  // reason weight_zero or no_computable_indicator
  std::size_t band = 0;
  std::string predicate;
  std::size_t included = 0;  // computable indicators averaged
  std::size_t excluded = 0;  // not-computable indicators left out
  double weight_sum = 0.0;
};

// Projected year-end achievement from the quarters reported so far (fewer than
// four). pace: `sum` indicators scale the year-to-date total by 4/k, `last`
// takes the latest value, `average` the mean; trend: least-squares line through
// the (cumulative for `sum`) quarter values, extrapolated to Q4.
struct EarlyWarning {
  std::size_t indicator = 0;
  int year = 0;
  int quarters_reported = 0;  // the latest quarter with a realisation
  std::optional<double> annual_target, annual_target_low, annual_target_high;
  std::optional<double> pace_realisation, trend_realisation;
  Achievement pace, trend;
  // The projection judged: the trend when computable, else the pace.
  Achievement projected;
  bool warn = false;  // projected computable and below the threshold
};

struct Evaluation {
  std::vector<IndicatorResult> indicators;  // by indicator, then period
  std::vector<UnitResult> units;            // by period, then unit index
  std::vector<EarlyWarning> warnings;       // by indicator, then year
  // Why some computed results carry no band: one note per period older than
  // the first version of the scale (the achievements are still computed).
  std::vector<std::string> notes;
};

// Evaluates every (indicator, period) row: an annual row with a blank target
// or realisation takes it from its quarters by the accumulation rule; a
// multi-year row from its years. A period before the scale's first version is
// rated by nothing (band 0, no predicate) with a note in Evaluation::notes.
// Throws Error{not_found} for a scale name no version carries,
// Error{invalid_argument} for a period filter the data does not hold.
Evaluation evaluate(const IndicatorSet& set, const EvaluationOptions& options = {});

// Receives an evaluation piece by piece, in the order of Evaluation's lists:
// every indicator result, then every unit roll-up, then every warning, then
// the notes. A reference is valid only during the call.
class EvaluationSink {
 public:
  virtual ~EvaluationSink() = default;
  virtual void indicator(const IndicatorResult& result) = 0;
  virtual void unit(const UnitResult& result) = 0;
  virtual void warning(const EarlyWarning& warning) = 0;
  virtual void note(const std::string& note) = 0;
  // False when the sink has no use for the early warnings: evaluate() then
  // neither computes them nor calls warning() (they are a third of the time
  // of a national evaluation).
  virtual bool wants_warnings() const { return true; }
};

// The same evaluation handed to `sink` as it is computed, holding only what
// the roll-ups need (about 24 bytes per result instead of about 300): for
// writers of national files. evaluate() above is this with a sink that keeps
// everything. Throws as evaluate() does, before the first call to the sink.
void evaluate(const IndicatorSet& set, const EvaluationOptions& options, EvaluationSink& sink);

}  // namespace sopkit
