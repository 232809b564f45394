// indicators_csv.cpp — indicator data from CSV; evaluation results to CSV.
//
// A hand-written RFC 4180 reader rather than a library: the clerk who exported
// the sheet needs "data.csv:14:9: target '1.234,5' is not a number", which
// needs the line of each record (quoted fields may span lines) and the field
// number of each value.
#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "indicators/detail/indicator_builder.hpp"
#include "indicators/detail/text.hpp"
#include "io/detail/chunked_output.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {

namespace {

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Reads RFC 4180 text one record at a time, its fields as views into the text
// (a quoted field with a doubled quote is unescaped into the record's own
// scratch). Accepts LF and CRLF, a UTF-8 BOM, and ';' as the delimiter when the
// header line has ';' but no ',' (spreadsheets in the Indonesian locale export
// that way). Blank lines are skipped.
class CsvRecords {
 public:
  CsvRecords(std::string_view text, const std::string& source) : text_(text), source_(source) {
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    const std::string_view head = text_.substr(0, text_.find('\n'));
    delim_ = head.find(',') == std::string_view::npos && head.find(';') != std::string_view::npos
                 ? ';'
                 : ',';
  }

  // The next non-blank record into `fields`; false at the end.
  bool next(std::vector<std::string_view>& fields) {
    while (i_ < text_.size()) {
      read_record(fields);
      const bool blank = fields.size() == 1 && detail::trim(fields[0]).empty();
      if (!blank) return true;
    }
    return false;
  }
  std::size_t line() const { return record_line_; }  // where the last record starts

 private:
  void read_record(std::vector<std::string_view>& fields) {
    fields.clear();
    scratch_.clear();
    record_line_ = line_;
    const std::size_t n = text_.size();
    while (true) {
      const std::size_t column = fields.size() + 1;
      fields.push_back(i_ < n && text_[i_] == '"' ? quoted(column) : plain(column));
      if (!detail::is_valid_utf8(fields.back()))
        throw Error(ErrorCode::parse_error,
                    "this cell is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a "
                    "spreadsheet)",
                    at(source_, line_, column));
      if (i_ >= n) return;
      if (text_[i_] == delim_) {
        ++i_;  // at the very end, one more (empty) field follows
        continue;
      }
      if (text_[i_] == '\r') ++i_;
      if (i_ < n && text_[i_] == '\n') ++i_;
      ++line_;
      return;
    }
  }

  std::string_view plain(std::size_t column) {
    const std::size_t begin = i_, n = text_.size();
    while (i_ < n) {
      const char c = text_[i_];
      if (c == delim_ || c == '\n' || c == '\r') break;
      if (c == '"')
        throw Error(ErrorCode::parse_error,
                    "a quote inside an unquoted field; quote the whole field and double "
                    "the quote",
                    at(source_, line_, column));
      ++i_;
    }
    return text_.substr(begin, i_ - begin);
  }

  std::string_view quoted(std::size_t column) {
    const std::size_t open_line = line_, n = text_.size();
    ++i_;
    const std::size_t begin = i_;
    std::string* unescaped = nullptr;  // only when the field holds a doubled quote
    std::size_t end = 0;
    while (true) {
      if (i_ >= n)
        throw Error(ErrorCode::parse_error, "a quoted field is not closed (a \" is missing)",
                    at(source_, open_line, column));
      const char c = text_[i_];
      if (c == '"') {
        if (i_ + 1 < n && text_[i_ + 1] == '"') {
          if (!unescaped) unescaped = &scratch_.emplace_back(text_.substr(begin, i_ - begin));
          *unescaped += '"';
          i_ += 2;
          continue;
        }
        end = i_++;
        break;
      }
      if (c == '\n') ++line_;
      if (unescaped) *unescaped += c;
      ++i_;
    }
    if (i_ < n && text_[i_] != delim_ && text_[i_] != '\n' && text_[i_] != '\r')
      throw Error(ErrorCode::parse_error,
                  "text after a closing quote; write \"\" for a quote inside a quoted field",
                  at(source_, line_, column));
    return unescaped ? std::string_view(*unescaped) : text_.substr(begin, end - begin);
  }

  std::string_view text_;
  const std::string& source_;
  char delim_ = ',';
  std::size_t i_ = 0, line_ = 1, record_line_ = 1;
  std::deque<std::string> scratch_;  // a deque: views into it stay valid as it grows
};

// A CSV record's fields by column, located as "file:line:column".
class CsvRowPlace final : public detail::RowPlace {
 public:
  CsvRowPlace(const std::string& source, const int* pos) : source_(source), pos_(pos) {}
  std::size_t line = 0;
  std::string where(int field) const override {
    return at(source_, line, static_cast<std::size_t>(pos_[field] + 1));
  }

 private:
  const std::string& source_;
  const int* pos_;
};

constexpr int kRequiredColumns = detail::kRealisation + 1;

}  // namespace

IndicatorSet parse_indicators_csv(std::string_view text, const std::string& source) {
  CsvRecords records(text, source);
  std::vector<std::string_view> fields;
  if (!records.next(fields))
    throw Error(ErrorCode::format_error, "the file is empty; it needs a header row", source);

  // Header.
  int pos[detail::kFieldCount];
  for (int& p : pos) p = -1;
  const std::size_t header_line = records.line();
  const std::size_t width = fields.size();
  for (std::size_t f = 0; f < width; ++f) {
    const std::string name = detail::lower_ascii(detail::trim(fields[f]));
    int c = -1;
    for (int k = 0; k < detail::kFieldCount; ++k)
      if (name == detail::field_name(k)) c = k;
    if (c < 0)
      throw Error(ErrorCode::format_error,
                  "unknown column '" + name + "' (see docs/indicators.md for the columns)",
                  at(source, header_line, f + 1));
    if (pos[c] >= 0)
      throw Error(ErrorCode::format_error, "column '" + name + "' appears twice",
                  at(source, header_line, f + 1));
    pos[c] = static_cast<int>(f);
  }
  for (int k = 0; k < kRequiredColumns; ++k)
    if (pos[k] < 0)
      throw Error(
          ErrorCode::format_error,
          std::string("the header lacks the required column '") + detail::field_name(k) + "'",
          at(source, header_line, 1));

  detail::IndicatorBuilder builder({source + ":", "line", true, ""});
  CsvRowPlace place(source, pos);
  detail::IndicatorRow row;
  while (records.next(fields)) {
    if (fields.size() != width)
      throw Error(ErrorCode::format_error,
                  "the row has " + std::to_string(fields.size()) + " fields, the header " +
                      std::to_string(width),
                  at(source, records.line(), std::min(fields.size(), width) + 1));
    for (int k = 0; k < detail::kFieldCount; ++k)
      row.text[k] = pos[k] < 0 ? std::string_view() : fields[static_cast<std::size_t>(pos[k])];
    place.line = records.line();
    builder.add(row, records.line(), place);
  }
  return std::move(builder).finish();
}

namespace {

// Appends RFC 4180 rows to a text; with a sink, passes it on in pieces.
class CsvOut : public detail::ChunkedOutput {
 public:
  explicit CsvOut(std::ostream* sink) : ChunkedOutput(sink) {}
  CsvOut& field(std::string_view s) {
    if (!first_) out_ += ',';
    first_ = false;
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_ += s;
      return *this;
    }
    out_ += '"';
    for (char c : s) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
    return *this;
  }
  CsvOut& number(const std::optional<double>& v) { return v ? number(*v) : field(""); }
  CsvOut& number(double v) { return field(detail::format_number(v)); }
  CsvOut& achievement(const Achievement& a) { return a.computable() ? number(a.value) : field(""); }
  CsvOut& reason(const Achievement& a) {
    return field(a.computable() ? "" : reason_name(a.reason));
  }
  CsvOut& light(Light l) { return field(l == Light::none ? "" : to_string(l)); }
  CsvOut& blanks(int n) {
    for (int i = 0; i < n; ++i) field("");
    return *this;
  }
  void end_row() {
    out_ += "\r\n";  // RFC 4180 line ending
    first_ = true;
    maybe_flush();
  }

 private:
  bool first_ = true;
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

void write_result_row(CsvOut& out, const IndicatorSet& set, const std::string& unit_path,
                      const IndicatorResult& r) {
  const Indicator& ind = set.indicator(r.indicator);
  out.field("indicator").field(unit_path).field(ind.code).field(ind.name);
  out.field(r.period.to_string()).number(r.target).number(r.target_low).number(r.target_high);
  out.number(r.realisation);
  out.field(r.target_from_parts ? "true" : "false");
  out.field(r.realisation_from_parts ? "true" : "false");
  out.achievement(r.achievement).reason(r.achievement);
  r.achievement.computable() ? out.number(r.score) : out.field("");
  out.field(std::to_string(r.band)).field(r.predicate);
  if (r.period.kind == Period::Kind::quarter)
    out.number(r.ytd_target)
        .number(r.ytd_realisation)
        .achievement(r.ytd_achievement)
        .reason(r.ytd_achievement);
  else
    out.blanks(4);
  out.number(r.absorption).number(r.efficiency);
  out.number(r.financial_deviation).light(r.financial_light);
  out.number(r.physical_deviation).light(r.physical_light);
  out.blanks(2);
  out.end_row();
}

void write_unit_row(CsvOut& out, const std::string& unit_path, const UnitResult& u) {
  out.field("unit").field(unit_path).blanks(2).field(u.period.to_string()).blanks(6);
  out.achievement(u.achievement).reason(u.achievement).achievement(u.achievement);
  out.field(std::to_string(u.band)).field(u.predicate).blanks(10);
  out.field(std::to_string(u.included)).field(std::to_string(u.excluded));
  out.end_row();
}

void write_evaluation(CsvOut& out, const IndicatorSet& set, const Evaluation& ev) {
  for (const char* column : kResultColumns) out.field(column);
  out.end_row();
  const std::vector<std::string> paths = set.units().paths();
  for (const auto& r : ev.indicators)
    write_result_row(out, set, paths[set.indicator(r.indicator).unit], r);
  for (const auto& u : ev.units) write_unit_row(out, paths[u.unit], u);
}

}  // namespace

std::string evaluation_to_csv(const IndicatorSet& set, const Evaluation& ev) {
  CsvOut out(nullptr);
  write_evaluation(out, set, ev);
  return std::move(out.text());
}

void write_evaluation_csv(std::ostream& out, const IndicatorSet& set, const Evaluation& ev) {
  CsvOut csv(&out);
  write_evaluation(csv, set, ev);
  csv.flush();
}

void save_evaluation_csv(const IndicatorSet& set, const Evaluation& ev, const std::string& path) {
  detail::write_file_atomically(path, evaluation_to_csv(set, ev));
}

}  // namespace sopkit
