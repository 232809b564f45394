// evaluation_columns.cpp — C ABI: an evaluation's lists (result rows, unit
// roll-ups, early warnings) as columns, for data frames. A national
// evaluation has 260 000 result rows and 20 000 roll-ups; a frame built from
// these arrays takes a fraction of a second, where parsing the JSON form takes
// seconds. Each column holds what the JSON form holds for the row, by the
// same rule (sopkit::shown_value and its kin, sopkit/indicator_eval.hpp): a number the JSON form
// writes as null or leaves out is NaN, a text it leaves out has code -1.
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "guard.hpp"
#include "handles.hpp"
#include "sopkit/indicator_eval.hpp"
#include "sopkit/sopkit.h"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::ok;

namespace {

using Result = sopkit::IndicatorResult;
using Unit = sopkit::UnitResult;
using Warning = sopkit::EarlyWarning;
using TextColumn = sopkit_evaluation::TextColumn;
constexpr double kBlank = std::numeric_limits<double>::quiet_NaN();

using sopkit::shown_light;
using sopkit::shown_reason;
using sopkit::shows_ytd;

double blank_or(const std::optional<double>& v) {
  return v ? *v : kBlank;
}
double computed(const sopkit::Achievement& a) {
  return blank_or(sopkit::shown_value(a));
}
const char* predicate_of(std::size_t band, const std::string& predicate) {
  const std::string* shown = sopkit::shown_predicate(band, predicate);
  return shown ? shown->c_str() : nullptr;
}

template <class Row>
struct NumberColumn {
  const char* name;
  double (*of)(const Row&);
};

const NumberColumn<Result> kResultNumbers[] = {
    {"target", [](const Result& r) { return blank_or(r.target); }},
    {"target_low", [](const Result& r) { return blank_or(r.target_low); }},
    {"target_high", [](const Result& r) { return blank_or(r.target_high); }},
    {"realisation", [](const Result& r) { return blank_or(r.realisation); }},
    {"achievement", [](const Result& r) { return computed(r.achievement); }},
    {"score", [](const Result& r) { return blank_or(sopkit::shown_score(r)); }},
    {"band", [](const Result& r) { return static_cast<double>(r.band); }},
    {"ytd_target", [](const Result& r) { return shows_ytd(r) ? blank_or(r.ytd_target) : kBlank; }},
    {"ytd_realisation",
     [](const Result& r) { return shows_ytd(r) ? blank_or(r.ytd_realisation) : kBlank; }},
    {"ytd_achievement",
     [](const Result& r) { return shows_ytd(r) ? computed(r.ytd_achievement) : kBlank; }},
    {"absorption", [](const Result& r) { return blank_or(r.absorption); }},
    {"efficiency", [](const Result& r) { return blank_or(r.efficiency); }},
    {"financial_deviation", [](const Result& r) { return blank_or(r.financial_deviation); }},
    {"physical_deviation", [](const Result& r) { return blank_or(r.physical_deviation); }},
};

const NumberColumn<Unit> kUnitNumbers[] = {
    {"achievement", [](const Unit& u) { return computed(u.achievement); }},
    {"band", [](const Unit& u) { return static_cast<double>(u.band); }},
    {"included", [](const Unit& u) { return static_cast<double>(u.included); }},
    {"excluded", [](const Unit& u) { return static_cast<double>(u.excluded); }},
    {"weight_sum", [](const Unit& u) { return u.weight_sum; }},
};

const NumberColumn<Warning> kWarningNumbers[] = {
    {"year", [](const Warning& w) { return static_cast<double>(w.year); }},
    {"quarters_reported",
     [](const Warning& w) { return static_cast<double>(w.quarters_reported); }},
    {"annual_target", [](const Warning& w) { return blank_or(w.annual_target); }},
    {"annual_target_low", [](const Warning& w) { return blank_or(w.annual_target_low); }},
    {"annual_target_high", [](const Warning& w) { return blank_or(w.annual_target_high); }},
    {"pace_realisation", [](const Warning& w) { return blank_or(w.pace_realisation); }},
    {"trend_realisation", [](const Warning& w) { return blank_or(w.trend_realisation); }},
    {"pace_achievement", [](const Warning& w) { return computed(w.pace); }},
    {"trend_achievement", [](const Warning& w) { return computed(w.trend); }},
    {"projected_achievement", [](const Warning& w) { return computed(w.projected); }},
    {"warn", [](const Warning& w) { return w.warn ? 1.0 : 0.0; }},
};

// The few texts of a column whose values repeat (polarity, reason, ...),
// each row's given by `of` (nullptr: none). Every text lives as long as the
// handle: static names, or the predicate held by the row.
template <class Row>
struct RepeatedTextColumn {
  const char* name;
  const char* (*of)(const sopkit_evaluation&, const Row&);
};

const RepeatedTextColumn<Result> kResultTexts[] = {
    {"polarity",
     [](const sopkit_evaluation& ev, const Result& r) {
       return sopkit::to_string(ev.set->indicator(r.indicator).polarity);
     }},
    {"accumulation",
     [](const sopkit_evaluation& ev, const Result& r) {
       return sopkit::to_string(ev.set->indicator(r.indicator).accumulation);
     }},
    {"reason",
     [](const sopkit_evaluation&, const Result& r) { return shown_reason(r.achievement); }},
    {"predicate",
     [](const sopkit_evaluation&, const Result& r) { return predicate_of(r.band, r.predicate); }},
    {"ytd_reason",
     [](const sopkit_evaluation&, const Result& r) {
       return shows_ytd(r) ? shown_reason(r.ytd_achievement) : nullptr;
     }},
    {"financial_light",
     [](const sopkit_evaluation&, const Result& r) {
       return shown_light(r.financial_deviation, r.financial_light);
     }},
    {"physical_light",
     [](const sopkit_evaluation&, const Result& r) {
       return shown_light(r.physical_deviation, r.physical_light);
     }},
};

const RepeatedTextColumn<Unit> kUnitTexts[] = {
    {"reason", [](const sopkit_evaluation&, const Unit& u) { return shown_reason(u.achievement); }},
    {"predicate",
     [](const sopkit_evaluation&, const Unit& u) { return predicate_of(u.band, u.predicate); }},
};

const RepeatedTextColumn<Warning> kWarningTexts[] = {
    {"pace_achievement_reason",
     [](const sopkit_evaluation&, const Warning& w) { return shown_reason(w.pace); }},
    {"trend_achievement_reason",
     [](const sopkit_evaluation&, const Warning& w) { return shown_reason(w.trend); }},
    {"projected_achievement_reason",
     [](const sopkit_evaluation&, const Warning& w) { return shown_reason(w.projected); }},
};

// Codes into labels met in row order.
template <class Row>
TextColumn repeated_texts(const sopkit_evaluation& ev, const std::vector<Row>& rows,
                          const char* (*text_of)(const sopkit_evaluation&, const Row&)) {
  TextColumn c;
  std::unordered_map<std::string_view, int32_t> code_of;
  c.codes.reserve(rows.size());
  for (const Row& r : rows) {
    const char* text = text_of(ev, r);
    if (!text) {
      c.codes.push_back(-1);
      continue;
    }
    const auto [at, added] = code_of.emplace(text, static_cast<int32_t>(c.labels.size()));
    if (added) c.labels.push_back(text);
    c.codes.push_back(at->second);
  }
  return c;
}

// Codes into a table the handle already holds (indicators, units, periods).
template <class Row, class CodeOf, class LabelOf>
TextColumn indexed_texts(const std::vector<Row>& rows, std::size_t labels, CodeOf code_of,
                         LabelOf label_of) {
  TextColumn c;
  c.labels.reserve(labels);
  for (std::size_t i = 0; i < labels; ++i) c.labels.push_back(label_of(i));
  c.codes.reserve(rows.size());
  for (const Row& r : rows) c.codes.push_back(static_cast<int32_t>(code_of(r)));
  return c;
}

// The texts every list names by index: an indicator's code, name or unit,
// a unit's path, a period.
template <class Row>
std::optional<TextColumn> indexed_text_column(const sopkit_evaluation& ev,
                                              const std::vector<Row>& rows, std::string_view name) {
  const sopkit::IndicatorSet& set = *ev.set;
  const auto code = [&](std::size_t i) { return set.indicator(i).code.c_str(); };
  const auto indicator_name = [&](std::size_t i) { return set.indicator(i).name.c_str(); };
  const auto path = [&](std::size_t i) { return ev.unit_paths[i].c_str(); };
  const auto period = [&](std::size_t i) { return ev.period_texts[i].c_str(); };
  if constexpr (std::is_same_v<Row, Unit>) {
    if (name == "unit")
      return indexed_texts(
          rows, ev.unit_paths.size(), [](const Unit& u) { return u.unit; }, path);
  } else {
    const auto indicator = [](const Row& r) { return r.indicator; };
    const auto owner = [&](const Row& r) { return set.indicator(r.indicator).unit; };
    if (name == "indicator") return indexed_texts(rows, set.indicator_count(), indicator, code);
    if (name == "name")
      return indexed_texts(rows, set.indicator_count(), indicator, indicator_name);
    if (name == "unit") return indexed_texts(rows, ev.unit_paths.size(), owner, path);
  }
  if constexpr (!std::is_same_v<Row, Warning>) {
    if (name == "period")
      return indexed_texts(
          rows, ev.periods.size(), [&](const Row& r) { return ev.period_index(r.period); }, period);
  }
  return std::nullopt;
}

template <class Row, std::size_t N>
std::optional<TextColumn> text_column(const sopkit_evaluation& ev, const std::vector<Row>& rows,
                                      const RepeatedTextColumn<Row> (&repeated)[N],
                                      std::string_view name) {
  if (auto c = indexed_text_column(ev, rows, name)) return c;
  for (const auto& c : repeated)
    if (name == c.name) return repeated_texts(ev, rows, c.of);
  return std::nullopt;
}

template <class Row, std::size_t N>
bool fill_numbers(const std::vector<Row>& rows, const NumberColumn<Row> (&columns)[N],
                  std::string_view name, double* out) {
  for (const auto& c : columns) {
    if (name != c.name) continue;
    for (std::size_t i = 0; i < rows.size(); ++i) out[i] = c.of(rows[i]);
    return true;
  }
  return false;
}

// The lists as the JSON form names them.
enum class List { indicators, units, warnings };

std::optional<List> list_named(std::string_view name) {
  if (name == "indicators") return List::indicators;
  if (name == "units") return List::units;
  if (name == "warnings") return List::warnings;
  return std::nullopt;
}

std::size_t rows_in(const sopkit::Evaluation& e, List list) {
  switch (list) {
    case List::indicators:
      return e.indicators.size();
    case List::units:
      return e.units.size();
    case List::warnings:
      return e.warnings.size();
  }
  return 0;
}

bool numbers_of(const sopkit::Evaluation& e, List list, std::string_view name, double* out) {
  switch (list) {
    case List::indicators:
      return fill_numbers(e.indicators, kResultNumbers, name, out);
    case List::units:
      return fill_numbers(e.units, kUnitNumbers, name, out);
    case List::warnings:
      return fill_numbers(e.warnings, kWarningNumbers, name, out);
  }
  return false;
}

std::optional<TextColumn> texts_of(const sopkit_evaluation& ev, List list, std::string_view name) {
  const sopkit::Evaluation& e = ev.evaluation;
  switch (list) {
    case List::indicators:
      return text_column(ev, e.indicators, kResultTexts, name);
    case List::units:
      return text_column(ev, e.units, kUnitTexts, name);
    case List::warnings:
      return text_column(ev, e.warnings, kWarningTexts, name);
  }
  return std::nullopt;
}

// The list named, or the failure's code for an unknown name.
int find_list(const char* name, List* out) {
  const std::optional<List> list = list_named(name);
  if (!list)
    return fail(SOPKIT_ENOTFOUND,
                std::string("no list '") + name + "' (the lists: indicators, units, warnings)");
  *out = *list;
  return SOPKIT_OK;
}

int refuse_count(const char* list, std::size_t n, std::size_t rows) {
  return fail(SOPKIT_EINVAL, "n is " + std::to_string(n) + " but the list '" + list + "' has " +
                                 std::to_string(rows) + " rows");
}

}  // namespace

int sopkit_evaluation_list_count(const sopkit_evaluation* ev, const char* list, size_t* out_rows) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(list);
  SOPKIT_REQUIRE(out_rows);
  List which;
  if (const int status = find_list(list, &which)) return status;
  *out_rows = rows_in(ev->evaluation, which);
  return ok();
}

int sopkit_evaluation_numbers(const sopkit_evaluation* ev, const char* list, const char* column,
                              double* out, size_t n) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(list);
  SOPKIT_REQUIRE(column);
  List which;
  if (const int status = find_list(list, &which)) return status;
  const std::size_t rows = rows_in(ev->evaluation, which);
  if (n != rows) return refuse_count(list, n, rows);
  if (n > 0 && !out) return fail(SOPKIT_EINVAL, "out is NULL");
  if (!numbers_of(ev->evaluation, which, column, out))
    return fail(SOPKIT_ENOTFOUND, std::string("no number column '") + column + "' in the " + list);
  return ok();
}

int sopkit_evaluation_texts(const sopkit_evaluation* ev, const char* list, const char* column,
                            int32_t* out_codes, size_t n, const char* const** out_labels,
                            size_t* out_label_count) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(list);
  SOPKIT_REQUIRE(column);
  SOPKIT_REQUIRE(out_labels);
  SOPKIT_REQUIRE(out_label_count);
  List which;
  if (const int status = find_list(list, &which)) return status;
  const std::size_t rows = rows_in(ev->evaluation, which);
  if (n != rows) return refuse_count(list, n, rows);
  if (n > 0 && !out_codes) return fail(SOPKIT_EINVAL, "out_codes is NULL");
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_evaluation*>(ev);
    std::lock_guard<std::mutex> lock(self->columns_mutex);
    const std::string key = std::string(list) + '.' + column;
    auto at = self->text_columns.find(key);
    if (at == self->text_columns.end()) {
      std::optional<TextColumn> made = texts_of(*ev, which, column);
      if (!made)
        return fail(SOPKIT_ENOTFOUND,
                    std::string("no text column '") + column + "' in the " + list);
      at = self->text_columns.emplace(key, std::move(*made)).first;
    }
    const TextColumn& c = at->second;
    std::copy(c.codes.begin(), c.codes.end(), out_codes);
    *out_labels = c.labels.data();
    *out_label_count = c.labels.size();
    return SOPKIT_OK;
  });
}
