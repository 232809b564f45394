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

// What printf's "%.2f" writes (the standard defines to_chars so), without
// printf's cost on a national report's million numbers.
void append_fixed(std::string& line, double v) {
  char buf[400];  // the longest double, 309 digits, with its decimals
  line.append(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2).ptr);
}

std::string fixed(double v) {
  std::string text;
  append_fixed(text, v);
  return text;
}

std::string opt(const std::optional<double>& v) {
  return v ? fixed(*v) : "-";
}

void append_description(std::string& line, const Achievement& a, const std::string& predicate) {
  if (!a.computable()) {
    line += "not computable: ";
    line += reason_name(a.reason);
    return;
  }
  append_fixed(line, a.value);
  line += " %  ";
  line += predicate;
}

void append_result(const IndicatorSet& set, const IndicatorResult& r, std::string& line) {
  const Indicator& d = set.indicator(r.indicator);
  std::string target =
      r.target_low ? fixed(*r.target_low) + "-" + fixed(*r.target_high) : opt(r.target);
  if (r.target_from_parts) target += "*";
  std::string real = opt(r.realisation);
  if (r.realisation_from_parts) real += "*";
  append_left_cell(line, d.code, 10);
  append_left_cell(line, r.period.to_string(), 11);
  append_left_cell(line, target, 16);
  append_left_cell(line, real, 13);
  append_description(line, r.achievement, r.predicate);
  if (r.period.kind == Period::Kind::quarter && r.ytd_achievement.computable() &&
      d.accumulation != Accumulation::last) {
    line += "  (YTD ";
    append_fixed(line, r.ytd_achievement.value);
    line += " %)";
  }
  if (r.absorption) {
    line += "  serapan ";
    append_fixed(line, *r.absorption);
    line += " %";
  }
  if (r.physical_deviation) {
    line += "  fisik ";
    append_fixed(line, *r.physical_deviation);
    line += " pp ";
    line += to_string(r.physical_light);
  }
  line += '\n';
}

void append_warning(const IndicatorSet& set, const EarlyWarning& w, std::string& line) {
  append_left_cell(line, set.indicator(w.indicator).code, 10);
  line += std::to_string(w.year);
  line += " after Q";
  line += std::to_string(w.quarters_reported);
  line += ": ";
  if (w.projected.computable()) {
    append_fixed(line, w.projected.value);
    line += " %";
  } else {
    line += "not computable: ";
    line += reason_name(w.projected.reason);
  }
  if (w.warn) line += "  WARNING";
  line += '\n';
}

// The table printed as the results arrive, its rows gathered in pieces of
// about 64 KiB (a national table has 280 000 rows: a stream call per cell
// cost more than the evaluation). Each section's heading is printed by its
// first row (or, for the roll-ups, by finish()), so nothing is printed when
// evaluate() refuses the request.
class TablePrinter : public EvaluationSink {
 public:
  TablePrinter(const IndicatorSet& set, std::ostream& out) : set_(set), out_(out) {}
  void indicator(const IndicatorResult& r) override {
    enter(Section::indicators);
    append_result(set_, r, text_);
    flush_piece();
  }
  void unit(const UnitResult& u) override {
    enter(Section::units);
    append_left_cell(text_, u.period.to_string(), 11);
    std::string name(2 * set_.units().depth(u.unit), ' ');
    name += set_.units().name(u.unit);
    append_left_cell(text_, name, 60);
    append_description(text_, u.achievement, u.predicate);
    text_ +=
        "  [" + std::to_string(u.included) + " in, " + std::to_string(u.excluded) + " excluded]\n";
    flush_piece();
  }
  void warning(const EarlyWarning& w) override {
    enter(Section::warnings);
    append_warning(set_, w, text_);
    flush_piece();
  }
  void note(const std::string& n) override { notes_.push_back(n); }
  void finish() {
    enter(Section::units);
    out_ << text_;
    text_.clear();
  }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  enum class Section { none, indicators, units, warnings };
  static constexpr std::size_t kPiece = std::size_t{1} << 16;

  void flush_piece() {
    if (text_.size() < kPiece) return;
    out_ << text_;
    text_.clear();
  }
  void enter(Section s) {
    if (section_ < Section::indicators && s >= Section::indicators) {
      if (!set_.source.empty()) text_ += "Data: " + set_.source + "\n\n";
      append_left_cell(text_, "indicator", 10);
      append_left_cell(text_, "period", 11);
      append_left_cell(text_, "target", 16);
      append_left_cell(text_, "realisation", 13);
      text_ += "achievement\n";
    }
    if (section_ < Section::units && s >= Section::units)
      text_ +=
          "(* taken from the quarters or years)\n\nUnit roll-ups (weighted mean of capped "
          "achievement)\n";
    if (section_ < Section::warnings && s >= Section::warnings)
      text_ += "\nEarly warning (projected year-end achievement)\n";
    if (s > section_) section_ = s;
  }

  const IndicatorSet& set_;
  std::ostream& out_;
  Section section_ = Section::none;
  std::string text_;  // rows not yet printed
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
