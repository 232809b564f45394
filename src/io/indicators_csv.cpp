// indicators_csv.cpp — indicator data from CSV; evaluation results to CSV.
//
// A hand-written RFC 4180 reader rather than a library: the clerk who exported
// the sheet needs "data.csv:14:9: target '1.234,5' is not a number", which
// needs the line of each record (quoted fields may span lines) and the field
// number of each value.
#include <cmath>
#include <map>
#include <string>
#include <vector>

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

enum Col {
  kUnit,
  kIndicator,
  kName,
  kSatuan,
  kPolarity,
  kAccumulation,
  kWeight,
  kPeriod,
  kTarget,
  kRealisation,
  kTargetLow,
  kTargetHigh,
  kBudget,
  kBudgetRealisation,
  kFinancialPlan,
  kPhysicalPlan,
  kPhysicalRealisation,
  kNegativeFormula,
  kSource,
  kColumnCount
};

const char* const kColumnNames[kColumnCount] = {"unit",
                                                "indicator",
                                                "name",
                                                "satuan",
                                                "polarity",
                                                "accumulation",
                                                "weight",
                                                "period",
                                                "target",
                                                "realisation",
                                                "target_low",
                                                "target_high",
                                                "budget",
                                                "budget_realisation",
                                                "financial_plan",
                                                "physical_plan",
                                                "physical_realisation",
                                                "negative_formula",
                                                "source"};
constexpr int kRequiredColumns = kRealisation + 1;

// Where an indicator's description was first given, for "differs from" messages.
struct Seen {
  std::size_t index;
  std::size_t line;
};

}  // namespace

IndicatorSet parse_indicators_csv(std::string_view text, const std::string& source) {
  const std::vector<Record> records = split_records(text, source);
  if (records.empty())
    throw Error(ErrorCode::format_error, "the file is empty; it needs a header row", source);

  // Header.
  int pos[kColumnCount];
  for (int& p : pos) p = -1;
  const Record& header = records[0];
  for (const Field& f : header.fields) {
    const std::string name = detail::lower_ascii(detail::trim(f.text));
    int c = -1;
    for (int k = 0; k < kColumnCount; ++k)
      if (name == kColumnNames[k]) c = k;
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
      throw Error(ErrorCode::format_error,
                  std::string("the header lacks the required column '") + kColumnNames[k] + "'",
                  at(source, header.line, 1));

  IndicatorSet set;
  std::map<std::string, Seen> seen;
  for (std::size_t ri = 1; ri < records.size(); ++ri) {
    const Record& rec = records[ri];
    if (rec.fields.size() != header.fields.size())
      throw Error(ErrorCode::format_error,
                  "the row has " + std::to_string(rec.fields.size()) + " fields, the header " +
                      std::to_string(header.fields.size()),
                  at(source, rec.line, std::min(rec.fields.size(), header.fields.size()) + 1));
    auto col_of = [&](int c) { return static_cast<std::size_t>(pos[c]) + 1; };
    auto where = [&](int c) { return at(source, rec.line, col_of(c)); };
    auto raw = [&](int c) -> std::string_view {
      return pos[c] < 0 ? std::string_view()
                        : detail::trim(rec.fields[static_cast<std::size_t>(pos[c])].text);
    };
    auto fail = [&](int c, const std::string& msg) -> void {
      throw Error(ErrorCode::format_error, msg, where(c));
    };
    auto number = [&](int c) -> std::optional<double> {
      const std::string_view s = raw(c);
      const std::string shown = detail::excerpt(s);  // a 10 MB cell gives a short message
      if (s.empty()) return std::nullopt;            // blank, not zero
      const auto v = detail::parse_plain_number(s);
      if (!v)
        fail(c, std::string(kColumnNames[c]) + " '" + shown +
                    "' is not a number (use a dot for decimals and no thousands separator; "
                    "leave the cell empty when nothing is reported)");
      if (!std::isfinite(*v))
        fail(c, std::string(kColumnNames[c]) + " '" + shown + "' is out of range");
      if (*v < 0)
        fail(c, std::string(kColumnNames[c]) + " " + shown +
                    " is negative; achievement, budget and progress figures are quantities >= 0");
      return v;
    };
    // Enumerated and unit values: Error{invalid_argument} from the model gets a location.
    auto located = [&](int c, auto&& fn) {
      try {
        return fn();
      } catch (const Error& e) {
        if (!e.where().empty() && e.code() != ErrorCode::invalid_argument) throw;
        throw Error(ErrorCode::format_error, e.message(), where(c));
      }
    };

    const std::string code(raw(kIndicator));
    if (code.empty()) fail(kIndicator, "the indicator code is empty");
    if (raw(kUnit).empty())
      fail(kUnit, "the unit is empty; give a path such as Dinas/Bidang/Seksi");
    const std::size_t unit =
        located(kUnit, [&] { return set.units().find_or_add_path(raw(kUnit)); });
    const Period period = located(kPeriod, [&] { return Period::parse(raw(kPeriod)); });

    std::size_t ind;
    auto it = seen.find(code);
    if (it == seen.end()) {
      Indicator d;
      d.code = code;
      d.name = std::string(raw(kName));
      d.satuan = std::string(raw(kSatuan));
      d.unit = unit;
      if (raw(kPolarity).empty())
        fail(kPolarity, "the indicator's first row must give its polarity");
      d.polarity = located(kPolarity, [&] { return parse_polarity(raw(kPolarity)); });
      if (raw(kAccumulation).empty())
        fail(kAccumulation, "the indicator's first row must give its accumulation");
      d.accumulation =
          located(kAccumulation, [&] { return parse_accumulation(raw(kAccumulation)); });
      if (auto w = number(kWeight)) d.weight = *w;
      if (!raw(kNegativeFormula).empty())
        d.negative_formula = located(kNegativeFormula,
                                     [&] { return parse_negative_formula(raw(kNegativeFormula)); });
      d.source = std::string(raw(kSource));
      if (set.source.empty()) set.source = d.source;
      ind = located(kIndicator, [&] { return set.add_indicator(std::move(d)); });
      seen.emplace(code, Seen{ind, rec.line});
    } else {
      // Later rows may leave the description blank; what they give must agree.
      ind = it->second.index;
      const Indicator& d = set.indicator(ind);
      const std::string first = " differs from line " + std::to_string(it->second.line);
      auto same_text = [&](int c, const std::string& v) {
        if (!raw(c).empty() && raw(c) != v)
          fail(c, std::string(kColumnNames[c]) + " of " + code + first);
      };
      same_text(kName, d.name);
      same_text(kSatuan, d.satuan);
      same_text(kSource, d.source);
      if (unit != d.unit) fail(kUnit, "unit of " + code + first);
      if (!raw(kPolarity).empty() &&
          located(kPolarity, [&] { return parse_polarity(raw(kPolarity)); }) != d.polarity)
        fail(kPolarity, "polarity of " + code + first);
      if (!raw(kAccumulation).empty() && located(kAccumulation, [&] {
                                           return parse_accumulation(raw(kAccumulation));
                                         }) != d.accumulation)
        fail(kAccumulation, "accumulation of " + code + first);
      if (auto w = number(kWeight); w && *w != d.weight) fail(kWeight, "weight of " + code + first);
      if (!raw(kNegativeFormula).empty() && located(kNegativeFormula, [&] {
                                              return parse_negative_formula(raw(kNegativeFormula));
                                            }) != d.negative_formula)
        fail(kNegativeFormula, "negative_formula of " + code + first);
    }

    Cell c;
    c.indicator = ind;
    c.period = period;
    c.target = number(kTarget);
    c.realisation = number(kRealisation);
    c.target_low = number(kTargetLow);
    c.target_high = number(kTargetHigh);
    c.budget = number(kBudget);
    c.budget_realisation = number(kBudgetRealisation);
    c.financial_plan = number(kFinancialPlan);
    c.physical_plan = number(kPhysicalPlan);
    c.physical_realisation = number(kPhysicalRealisation);
    c.origin = source + ":" + std::to_string(rec.line);
    if (auto prev = set.find_cell(ind, period))
      fail(kPeriod, "indicator " + code + " has a second row for period " + period.to_string() +
                        " (the first is at " + set.cell(*prev).origin + ")");
    if (c.target_low.has_value() != c.target_high.has_value())
      fail(c.target_low ? kTargetHigh : kTargetLow,
           "a target range needs both target_low and target_high");
    if (c.target_low && *c.target_low > *c.target_high)
      fail(kTargetLow, "target_low is above target_high");
    if (c.target_low && c.target)
      fail(kTarget, "give either target or target_low/target_high, not both");
    located(kPeriod, [&] {
      set.add_cell(c);
      return 0;
    });
  }
  return set;
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
