// indicators_csv.cpp — indicator data from CSV; evaluation results to CSV.
//
// A hand-written RFC 4180 reader rather than a library: the clerk who exported
// the sheet needs "data.csv:14:9: target '1.234,5' is not a number", which
// needs the line of each record (quoted fields may span lines) and the field
// number of each value.
#include <cmath>
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

struct Field {
  std::string text;
  std::size_t column = 0;  // 1-based field number
};

struct Record {
  std::size_t line = 0;  // line where the record starts
  std::vector<Field> fields;
};

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Splits RFC 4180 text into records. Accepts LF and CRLF, a UTF-8 BOM, and ';'
// as the delimiter when the header line has ';' but no ',' (spreadsheets in
// the Indonesian locale export that way). Blank lines are skipped.
std::vector<Record> split_records(std::string_view text, const std::string& source) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::size_t first_nl = text.find('\n');
  const std::string_view head = text.substr(0, first_nl);
  const char delim =
      head.find(',') == std::string_view::npos && head.find(';') != std::string_view::npos ? ';'
                                                                                           : ',';
  std::vector<Record> out;
  std::size_t i = 0, line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    Record rec;
    rec.line = line;
    bool end_of_record = false;
    while (!end_of_record) {
      Field f;
      f.column = rec.fields.size() + 1;
      if (i < n && text[i] == '"') {
        const std::size_t open_line = line;
        ++i;
        while (true) {
          if (i >= n)
            throw Error(ErrorCode::parse_error, "a quoted field is not closed (a \" is missing)",
                        at(source, open_line, f.column));
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              f.text += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n') ++line;
          f.text += c;
          ++i;
        }
        if (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r')
          throw Error(ErrorCode::parse_error,
                      "text after a closing quote; write \"\" for a quote inside a quoted field",
                      at(source, line, f.column));
      } else {
        while (i < n && text[i] != delim && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"')
            throw Error(ErrorCode::parse_error,
                        "a quote inside an unquoted field; quote the whole field and double "
                        "the quote",
                        at(source, line, f.column));
          f.text += text[i++];
        }
      }
      if (!detail::is_valid_utf8(f.text))
        throw Error(ErrorCode::parse_error,
                    "this cell is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a "
                    "spreadsheet)",
                    at(source, line, f.column));
      rec.fields.push_back(std::move(f));
      if (i >= n) {
        end_of_record = true;
      } else if (text[i] == delim) {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        end_of_record = true;
      }
    }
    const bool blank = rec.fields.size() == 1 && detail::trim(rec.fields[0].text).empty();
    if (!blank) out.push_back(std::move(rec));
  }
  return out;
}

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
  const std::vector<Record> records = split_records(text, source);
  if (records.empty())
    throw Error(ErrorCode::format_error, "the file is empty; it needs a header row", source);

  // Header.
  int pos[detail::kFieldCount];
  for (int& p : pos) p = -1;
  const Record& header = records[0];
  for (const Field& f : header.fields) {
    const std::string name = detail::lower_ascii(detail::trim(f.text));
    int c = -1;
    for (int k = 0; k < detail::kFieldCount; ++k)
      if (name == detail::field_name(k)) c = k;
    if (c < 0)
      throw Error(ErrorCode::format_error,
                  "unknown column '" + name + "' (see docs/indicators.md for the columns)",
                  at(source, header.line, f.column));
    if (pos[c] >= 0)
      throw Error(ErrorCode::format_error, "column '" + name + "' appears twice",
                  at(source, header.line, f.column));
    pos[c] = static_cast<int>(f.column - 1);
  }
  for (int k = 0; k < kRequiredColumns; ++k)
    if (pos[k] < 0)
      throw Error(
          ErrorCode::format_error,
          std::string("the header lacks the required column '") + detail::field_name(k) + "'",
          at(source, header.line, 1));

  detail::IndicatorBuilder builder({source + ":", "line", true, ""});
  CsvRowPlace place(source, pos);
  detail::IndicatorRow row;
  for (std::size_t ri = 1; ri < records.size(); ++ri) {
    const Record& rec = records[ri];
    if (rec.fields.size() != header.fields.size())
      throw Error(ErrorCode::format_error,
                  "the row has " + std::to_string(rec.fields.size()) + " fields, the header " +
                      std::to_string(header.fields.size()),
                  at(source, rec.line, std::min(rec.fields.size(), header.fields.size()) + 1));
    for (int k = 0; k < detail::kFieldCount; ++k)
      row.text[k] =
          pos[k] < 0 ? std::string_view() : rec.fields[static_cast<std::size_t>(pos[k])].text;
    place.line = rec.line;
    builder.add(row, rec.line, place);
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
