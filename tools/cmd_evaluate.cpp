// cmd_evaluate.cpp — `sopkit evaluate DATA.csv|DATA.json [--period 2024-Q2] [--json]`:
// achievement per indicator and period, unit roll-ups and early warnings.
#include <charconv>
#include <iostream>
#include <string>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

namespace {

// What printf's "%.*f" writes (the standard defines to_chars so), without
// printf's cost on a national report's million numbers.
std::string fixed(double v, int decimals = 2) {
  char buf[400];  // the longest double, 309 digits, with its decimals
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, r.ptr);
}

std::string opt(const std::optional<double>& v) {
  return v ? fixed(*v) : "-";
}

std::string describe(const Achievement& a, const std::string& predicate) {
  if (!a.computable()) return std::string("not computable: ") + reason_name(a.reason);
  return fixed(a.value) + " %  " + predicate;
}

void print_result(const IndicatorSet& set, const IndicatorResult& r, std::ostream& out) {
  const Indicator& d = set.indicator(r.indicator);
  std::string target =
      r.target_low ? fixed(*r.target_low) + "-" + fixed(*r.target_high) : opt(r.target);
  if (r.target_from_parts) target += "*";
  std::string real = opt(r.realisation);
  if (r.realisation_from_parts) real += "*";
  out << left_cell(d.code, 10) << left_cell(r.period.to_string(), 11) << left_cell(target, 16)
      << left_cell(real, 13) << describe(r.achievement, r.predicate);
  if (r.period.kind == Period::Kind::quarter && r.ytd_achievement.computable() &&
      d.accumulation != Accumulation::last)
    out << "  (YTD " << fixed(r.ytd_achievement.value) << " %)";
  if (r.absorption) out << "  serapan " << fixed(*r.absorption) << " %";
  if (r.physical_deviation)
    out << "  fisik " << fixed(*r.physical_deviation) << " pp " << to_string(r.physical_light);
  out << '\n';
}

void print_warning(const IndicatorSet& set, const EarlyWarning& w, std::ostream& out) {
  out << left_cell(set.indicator(w.indicator).code, 10) << w.year << " after Q"
      << w.quarters_reported << ": "
      << (w.projected.computable()
              ? fixed(w.projected.value) + " %"
              : std::string("not computable: ") + reason_name(w.projected.reason))
      << (w.warn ? "  WARNING" : "") << '\n';
}

// The table printed as the results arrive; each section's heading is printed
// by its first row (or, for the roll-ups, by finish()), so nothing is printed
// when evaluate() refuses the request.
class TablePrinter : public EvaluationSink {
 public:
  TablePrinter(const IndicatorSet& set, std::ostream& out) : set_(set), out_(out) {}
  void indicator(const IndicatorResult& r) override {
    enter(Section::indicators);
    print_result(set_, r, out_);
  }
  void unit(const UnitResult& u) override {
    enter(Section::units);
    std::string name(2 * set_.units().depth(u.unit), ' ');
    name += set_.units().name(u.unit);
    out_ << left_cell(u.period.to_string(), 11) << left_cell(name, 60)
         << describe(u.achievement, u.predicate) << "  [" << u.included << " in, " << u.excluded
         << " excluded]\n";
  }
  void warning(const EarlyWarning& w) override {
    enter(Section::warnings);
    print_warning(set_, w, out_);
  }
  void note(const std::string& n) override { notes_.push_back(n); }
  void finish() { enter(Section::units); }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  enum class Section { none, indicators, units, warnings };

  void enter(Section s) {
    if (section_ < Section::indicators && s >= Section::indicators) {
      if (!set_.source.empty()) out_ << "Data: " << set_.source << "\n\n";
      out_ << left_cell("indicator", 10) << left_cell("period", 11) << left_cell("target", 16)
           << left_cell("realisation", 13) << "achievement\n";
    }
    if (section_ < Section::units && s >= Section::units)
      out_ << "(* taken from the quarters or years)\n\nUnit roll-ups (weighted mean of capped "
              "achievement)\n";
    if (section_ < Section::warnings && s >= Section::warnings)
      out_ << "\nEarly warning (projected year-end achievement)\n";
    if (s > section_) section_ = s;
  }

  const IndicatorSet& set_;
  std::ostream& out_;
  Section section_ = Section::none;
  std::vector<std::string> notes_;
};

std::vector<std::string> print_table(const IndicatorSet& set, const EvaluationOptions& options,
                                     std::ostream& out) {
  TablePrinter printer(set, out);
  evaluate(set, options, printer);
  printer.finish();
  return printer.notes();
}

}  // namespace

int cmd_evaluate(const std::vector<std::string>& argv) {
  const Args a = parse_args(argv, {"--json", "--csv", "--zero-over-zero-is-100"},
                            {"--period", "--cap", "--scale", "--scales", "--negative-formula",
                             "--warn-below", "--decimal-mark", "--threads"});
  if (a.positional.size() != 1) throw UsageError{"give exactly one data file"};
  refuse_together(a, {"--json", "--csv"});
  EvaluationOptions opt;
  try {
    if (auto p = a.option("--period")) opt.period = Period::parse(*p);
    if (auto c = a.option("--cap")) opt.cap = parse_cap(*c);
    if (auto s = a.option("--scale")) opt.scale = *s;
    if (auto f = a.option("--negative-formula"))
      opt.policy.negative_formula = parse_negative_formula(*f);
    if (auto w = a.option("--warn-below"))
      opt.warning.threshold = finite_number_option("--warn-below", *w);
  } catch (const Error& e) {
    throw UsageError{e.message()};
  } catch (const std::exception&) {
    throw UsageError{"--warn-below needs a number"};
  }
  if (auto f = a.option("--scales")) {
    // Named, not iterated as a temporary: a range-for over a member of a
    // temporary would read the scales after they are destroyed.
    const RatingScales loaded = load_rating_scales_file(*f);
    for (const auto& s : loaded.all()) opt.scales.add(s);
  }
  opt.policy.zero_over_zero_is_100 = a.flag("--zero-over-zero-is-100");
  opt.threads = thread_count(a);

  const IndicatorSet set = load_indicators_file(a.positional[0], csv_options(a));
  // Written as evaluated: a national file's results are never all held.
  std::vector<std::string> notes;
  if (a.flag("--json")) {
    notes = evaluate_to_json(data_output(), set, opt);
    std::cout << '\n';
  } else if (a.flag("--csv")) {
    notes = evaluate_to_csv(data_output(), set, opt);
  } else {
    notes = print_table(set, opt, std::cout);
  }
  for (const auto& note : notes) std::cerr << "sopkit evaluate: warning: " << note << '\n';
  return kExitOk;
}

}  // namespace sopkit::cli
