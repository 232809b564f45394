// indicators_csv.cpp — indicator data from CSV; evaluation results to CSV.
//
// A hand-written RFC 4180 reader rather than a library: the clerk who exported
// the sheet needs "data.csv:14:9: target '1.234,5' is not a number", which
// needs the line of each record (quoted fields may span lines) and the field
// number of each value.
#include <cmath>
#include <string>
#include <vector>

#include "indicators/detail/indicator_builder.hpp"
#include "indicators/detail/text.hpp"
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

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string num(const std::optional<double>& v) {
  return v ? detail::format_number(*v) : "";
}
std::string num(const Achievement& a) {
  return a.computable() ? detail::format_number(a.value) : "";
}
std::string reason(const Achievement& a) {
  return a.computable() ? "" : reason_name(a.reason);
}
std::string light(Light l) {
  return l == Light::none ? "" : to_string(l);
}

}  // namespace

std::string evaluation_to_csv(const IndicatorSet& set, const Evaluation& ev) {
  const std::vector<std::string> header = {"kind",
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
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_field(cells[i]);
    }
    out += "\r\n";  // RFC 4180 line ending
  };
  row(header);
  for (const auto& r : ev.indicators) {
    const Indicator& ind = set.indicator(r.indicator);
    const bool q = r.period.kind == Period::Kind::quarter;
    row({"indicator",
         set.units().path(ind.unit),
         ind.code,
         ind.name,
         r.period.to_string(),
         num(r.target),
         num(r.target_low),
         num(r.target_high),
         num(r.realisation),
         r.target_from_parts ? "true" : "false",
         r.realisation_from_parts ? "true" : "false",
         num(r.achievement),
         reason(r.achievement),
         r.achievement.computable() ? detail::format_number(r.score) : "",
         std::to_string(r.band),
         r.predicate,
         q ? num(r.ytd_target) : "",
         q ? num(r.ytd_realisation) : "",
         q ? num(r.ytd_achievement) : "",
         q ? reason(r.ytd_achievement) : "",
         num(r.absorption),
         num(r.efficiency),
         num(r.financial_deviation),
         light(r.financial_light),
         num(r.physical_deviation),
         light(r.physical_light),
         "",
         ""});
  }
  for (const auto& u : ev.units) {
    std::vector<std::string> cells(header.size());
    cells[0] = "unit";
    cells[1] = set.units().path(u.unit);
    cells[4] = u.period.to_string();
    cells[11] = num(u.achievement);
    cells[12] = reason(u.achievement);
    cells[13] = num(u.achievement);
    cells[14] = std::to_string(u.band);
    cells[15] = u.predicate;
    cells[26] = std::to_string(u.included);
    cells[27] = std::to_string(u.excluded);
    row(cells);
  }
  return out;
}

void save_evaluation_csv(const IndicatorSet& set, const Evaluation& ev, const std::string& path) {
  detail::write_file_atomically(path, evaluation_to_csv(set, ev));
}

}  // namespace sopkit
