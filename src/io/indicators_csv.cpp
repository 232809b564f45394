// indicators_csv.cpp — evaluation results to CSV.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "indicators/detail/formatting_sink.hpp"
#include "indicators/detail/text.hpp"
#include "io/detail/chunked_output.hpp"
#include "io/detail/csv_cells.hpp"
#include "io/detail/files.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {

namespace {

// Appends RFC 4180 rows to a text; with a sink, passes it on in pieces.
class CsvOut : public detail::ChunkedOutput {
 public:
  explicit CsvOut(std::ostream* sink) : ChunkedOutput(sink) {}

  // A cell as written: quoted (its quotes doubled) when it holds a separator,
  // a quote or a line break.
  template <class Text>
  static void append_cell(Text& out, std::string_view s) {
    // One pass over the cell (find_first_of searches the set once per byte).
    const bool plain = std::none_of(
        s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
    if (plain) {
      out += s;
      return;
    }
    out += '"';
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  // A text cell a spreadsheet would take for a formula starts with a quote
  // (OWASP's advice on CSV injection); numbers go through number().
  template <class Text>
  static void append_text_cell(Text& out, std::string_view s) {
    if (detail::spreadsheet_would_evaluate(s))
      append_cell(out, "'" + std::string(s));
    else
      append_cell(out, s);
  }
  static std::string text_cell_of(std::string_view s) {
    std::string out;
    append_text_cell(out, s);
    return out;
  }

  CsvOut& field(std::string_view s) {
    separate();
    append_cell(out_, s);
    return *this;
  }
  // A cell that needs no quoting: a number, a name of this library's, or a
  // cell made by text_cell_of.
  CsvOut& unquoted(std::string_view s) {
    separate();
    out_ += s;
    return *this;
  }
  CsvOut& text_cell(std::string_view s) {
    separate();
    append_text_cell(out_, s);
    return *this;
  }
  CsvOut& number(const std::optional<double>& v) { return v ? number(*v) : unquoted(""); }
  CsvOut& number(double v) {
    char buf[64];
    if (const std::size_t n = detail::format_short_decimal(v, buf))
      return unquoted(std::string_view(buf, n));
    return unquoted(last_number_.of(v, detail::format_long_number));
  }
  CsvOut& count(std::size_t n) {
    char buf[24];
    return unquoted(std::string_view(
        buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf)));
  }
  CsvOut& achievement(const Achievement& a) { return number(shown_value(a)); }
  CsvOut& reason(const Achievement& a) { return text_or_blank(shown_reason(a)); }
  CsvOut& predicate(std::size_t band, const std::string& predicate) {
    const std::string* shown = shown_predicate(band, predicate);
    return shown ? text_cell(*shown) : unquoted("");
  }
  CsvOut& deviation(const std::optional<double>& deviation, Light light) {
    return number(deviation).text_or_blank(shown_light(deviation, light));
  }
  // A name of this library's, or an empty cell for nullptr.
  CsvOut& text_or_blank(const char* name) { return unquoted(name ? name : ""); }
  CsvOut& blanks(int n) {
    for (int i = 0; i < n; ++i) unquoted("");
    return *this;
  }
  void end_row() {
    out_ += "\r\n";  // RFC 4180 line ending
    first_ = true;
    maybe_flush();
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  bool first_ = true;
  detail::LastNumberText last_number_;
};

const char* const kResultColumns[] = {"kind",
                                      "unit",
                                      "indicator",
                                      "name",
                                      "period",
                                      "target",
                                      "target_low",
                                      "target_high",
                                      "realisation",
                                      "target_from_parts",
                                      "realisation_from_parts",
                                      "achievement",
                                      "reason",
                                      "score",
                                      "band",
                                      "predicate",
                                      "ytd_target",
                                      "ytd_realisation",
                                      "ytd_achievement",
                                      "ytd_reason",
                                      "absorption",
                                      "efficiency",
                                      "financial_deviation",
                                      "financial_light",
                                      "physical_deviation",
                                      "physical_light",
                                      "included",
                                      "excluded"};

// `unit_cell`: the unit's path as text_cell_of writes it.
void write_result_row(CsvOut& out, const IndicatorSet& set, const std::string& unit_cell,
                      const IndicatorResult& r) {
  const Indicator& ind = set.indicator(r.indicator);
  out.unquoted("indicator").unquoted(unit_cell).text_cell(ind.code).text_cell(ind.name);
  out.unquoted(r.period.to_string()).number(r.target).number(r.target_low).number(r.target_high);
  out.number(r.realisation);
  out.unquoted(r.target_from_parts ? "true" : "false");
  out.unquoted(r.realisation_from_parts ? "true" : "false");
  out.achievement(r.achievement).reason(r.achievement).number(shown_score(r));
  out.count(r.band).predicate(r.band, r.predicate);
  if (shows_ytd(r))
    out.number(r.ytd_target)
        .number(r.ytd_realisation)
        .achievement(r.ytd_achievement)
        .reason(r.ytd_achievement);
  else
    out.blanks(4);
  out.number(r.absorption).number(r.efficiency);
  out.deviation(r.financial_deviation, r.financial_light);
  out.deviation(r.physical_deviation, r.physical_light);
  out.blanks(2);
  out.end_row();
}

void write_unit_row(CsvOut& out, const std::string& unit_cell, const UnitResult& u) {
  out.unquoted("unit").unquoted(unit_cell).blanks(2).unquoted(u.period.to_string()).blanks(6);
  out.achievement(u.achievement).reason(u.achievement).achievement(u.achievement);
  out.count(u.band).predicate(u.band, u.predicate).blanks(10);
  out.count(u.included).count(u.excluded);
  out.end_row();
}

// Each unit's path as a cell, made once: a national file writes 20 000 units'
// paths on 260 000 rows.
std::vector<std::string> unit_cells(const UnitTree& units) {
  std::vector<std::string> cells = units.paths();
  for (std::string& c : cells) c = CsvOut::text_cell_of(c);
  return cells;
}

// Writes results as they arrive: the indicators' rows, then the units'.
// Warnings and notes have no rows; the notes are kept for the caller. Runs of
// results may be written on evaluate()'s second thread.
class CsvEvaluationWriter : public detail::FormattingSink {
 public:
  CsvEvaluationWriter(CsvOut& out, const IndicatorSet& set)
      : out_(out), set_(set), unit_cells_(unit_cells(set.units())) {
    for (const char* column : kResultColumns) out_.field(column);
    out_.end_row();
  }
  void indicator(const IndicatorResult& r) override {
    write_result_row(out_, set_, unit_cells_[set_.indicator(r.indicator).unit], r);
  }
  void unit(const UnitResult& u) override { write_unit_row(out_, unit_cells_[u.unit], u); }
  void warning(const EarlyWarning&) override {}
  bool wants_warnings() const override { return false; }  // the CSV has no warning rows
  void format_indicators(const IndicatorResult* results, std::size_t n,
                         std::string& text) const override {
    CsvOut rows(nullptr);
    rows.reuse(std::move(text));
    for (std::size_t i = 0; i < n; ++i)
      write_result_row(rows, set_, unit_cells_[set_.indicator(results[i].indicator).unit],
                       results[i]);
    text = rows.take_text();
  }
  void format_warnings(const EarlyWarning*, std::size_t, std::string& text) const override {
    text.clear();
  }
  void indicators_text(std::string_view text, std::size_t) override { out_.append_piece(text); }
  void warnings_text(std::string_view, std::size_t) override {}
  void note(const std::string& n) override { notes_.push_back(n); }
  std::vector<std::string> take_notes() { return std::move(notes_); }

 private:
  CsvOut& out_;
  const IndicatorSet& set_;
  const std::vector<std::string> unit_cells_;
  std::vector<std::string> notes_;
};

void write_evaluation(CsvOut& out, const IndicatorSet& set, const Evaluation& ev,
                      unsigned threads) {
  CsvEvaluationWriter writer(out, set);
  detail::write_held(ev, 0, writer, threads);
}

}  // namespace

std::string evaluation_to_csv(const IndicatorSet& set, const Evaluation& ev, unsigned threads) {
  CsvOut out(nullptr);
  write_evaluation(out, set, ev, threads);
  return out.take_text();
}

void write_evaluation_csv(std::ostream& out, const IndicatorSet& set, const Evaluation& ev,
                          unsigned threads) {
  CsvOut csv(&out);
  write_evaluation(csv, set, ev, threads);
  csv.flush();
}

std::vector<std::string> evaluate_to_csv(std::ostream& out, const IndicatorSet& set,
                                         const EvaluationOptions& options) {
  CsvOut csv(&out);
  CsvEvaluationWriter writer(csv, set);
  evaluate(set, options, writer);
  csv.flush();
  return writer.take_notes();
}

void save_evaluation_csv(const IndicatorSet& set, const Evaluation& ev, const std::string& path) {
  detail::write_file_atomically(path, evaluation_to_csv(set, ev));
}

}  // namespace sopkit
