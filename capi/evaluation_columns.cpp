// evaluation_columns.cpp — C ABI: an evaluation's rows as columns, for data
// frames. A national evaluation has 260 000 rows; a frame built from these
// arrays takes a fraction of a second, where parsing the JSON form takes
// seconds. Each column holds what the JSON form holds for the row: a number
// the JSON form writes as null or leaves out is NaN, a text it leaves out has
// code -1.
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "guard.hpp"
#include "handles.hpp"
#include "sopkit/sopkit.h"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::ok;

namespace {

using Result = sopkit::IndicatorResult;
constexpr double kBlank = std::numeric_limits<double>::quiet_NaN();

double blank_or(const std::optional<double>& v) {
  return v ? *v : kBlank;
}
bool has_ytd(const Result& r) {
  return r.period.kind == sopkit::Period::Kind::quarter;
}
double computed(const sopkit::Achievement& a) {
  return a.computable() ? a.value : kBlank;
}

struct NumberColumn {
  const char* name;
  double (*of)(const Result&);
};
const NumberColumn kNumbers[] = {
    {"target", [](const Result& r) { return blank_or(r.target); }},
    {"target_low", [](const Result& r) { return blank_or(r.target_low); }},
    {"target_high", [](const Result& r) { return blank_or(r.target_high); }},
    {"realisation", [](const Result& r) { return blank_or(r.realisation); }},
    {"achievement", [](const Result& r) { return computed(r.achievement); }},
    {"score", [](const Result& r) { return r.achievement.computable() ? r.score : kBlank; }},
    {"ytd_target", [](const Result& r) { return has_ytd(r) ? blank_or(r.ytd_target) : kBlank; }},
    {"ytd_realisation",
     [](const Result& r) { return has_ytd(r) ? blank_or(r.ytd_realisation) : kBlank; }},
    {"ytd_achievement",
     [](const Result& r) { return has_ytd(r) ? computed(r.ytd_achievement) : kBlank; }},
    {"absorption", [](const Result& r) { return blank_or(r.absorption); }},
    {"efficiency", [](const Result& r) { return blank_or(r.efficiency); }},
    {"financial_deviation", [](const Result& r) { return blank_or(r.financial_deviation); }},
    {"physical_deviation", [](const Result& r) { return blank_or(r.physical_deviation); }},
};

// The few texts of a column whose values repeat (polarity, reason, ...),
// each row's given by `text_of` (nullptr: none). Every text lives as long as
// the handle: static names, or the predicate held by the row.
using TextOf = const char* (*)(const sopkit_evaluation&, const Result&);
struct RepeatedTextColumn {
  const char* name;
  TextOf of;
};
const char* reason_of(const sopkit::Achievement& a) {
  return a.computable() ? nullptr : sopkit::reason_name(a.reason);
}
const RepeatedTextColumn kRepeatedTexts[] = {
    {"polarity",
     [](const sopkit_evaluation& ev, const Result& r) {
       return sopkit::to_string(ev.set->indicator(r.indicator).polarity);
     }},
    {"accumulation",
     [](const sopkit_evaluation& ev, const Result& r) {
       return sopkit::to_string(ev.set->indicator(r.indicator).accumulation);
     }},
    {"reason", [](const sopkit_evaluation&, const Result& r) { return reason_of(r.achievement); }},
    {"predicate", [](const sopkit_evaluation&,
                     const Result& r) { return r.band ? r.predicate.c_str() : nullptr; }},
    {"ytd_reason",
     [](const sopkit_evaluation&, const Result& r) {
       return has_ytd(r) ? reason_of(r.ytd_achievement) : nullptr;
     }},
    {"financial_light",
     [](const sopkit_evaluation&, const Result& r) {
       return r.financial_deviation ? sopkit::to_string(r.financial_light) : nullptr;
     }},
    {"physical_light",
     [](const sopkit_evaluation&, const Result& r) {
       return r.physical_deviation ? sopkit::to_string(r.physical_light) : nullptr;
     }},
};

using TextColumn = sopkit_evaluation::TextColumn;

// Codes into labels met in row order.
TextColumn repeated_texts(const sopkit_evaluation& ev, TextOf text_of) {
  TextColumn c;
  std::unordered_map<std::string_view, int32_t> code_of;
  c.codes.reserve(ev.evaluation.indicators.size());
  for (const Result& r : ev.evaluation.indicators) {
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
template <class CodeOf, class LabelOf>
TextColumn indexed_texts(const sopkit_evaluation& ev, std::size_t labels, CodeOf code_of,
                         LabelOf label_of) {
  TextColumn c;
  c.labels.reserve(labels);
  for (std::size_t i = 0; i < labels; ++i) c.labels.push_back(label_of(i));
  c.codes.reserve(ev.evaluation.indicators.size());
  for (const Result& r : ev.evaluation.indicators) c.codes.push_back(code_of(r));
  return c;
}

std::optional<TextColumn> make_text_column(const sopkit_evaluation& ev, std::string_view name) {
  const sopkit::IndicatorSet& set = *ev.set;
  const auto indicator = [](const Result& r) { return static_cast<int32_t>(r.indicator); };
  if (name == "indicator")
    return indexed_texts(ev, set.indicator_count(), indicator,
                         [&](std::size_t i) { return set.indicator(i).code.c_str(); });
  if (name == "name")
    return indexed_texts(ev, set.indicator_count(), indicator,
                         [&](std::size_t i) { return set.indicator(i).name.c_str(); });
  if (name == "unit")
    return indexed_texts(
        ev, ev.unit_paths.size(),
        [&](const Result& r) { return static_cast<int32_t>(set.indicator(r.indicator).unit); },
        [&](std::size_t i) { return ev.unit_paths[i].c_str(); });
  if (name == "period")
    return indexed_texts(
        ev, ev.periods.size(),
        [&](const Result& r) { return static_cast<int32_t>(ev.period_index(r.period)); },
        [&](std::size_t i) { return ev.period_texts[i].c_str(); });
  for (const RepeatedTextColumn& c : kRepeatedTexts)
    if (name == c.name) return repeated_texts(ev, c.of);
  return std::nullopt;
}

int refuse_count(std::size_t n, std::size_t rows) {
  return fail(SOPKIT_EINVAL, "n is " + std::to_string(n) + " but the evaluation has " +
                                 std::to_string(rows) + " rows");
}

}  // namespace

int sopkit_evaluation_numbers(const sopkit_evaluation* ev, const char* column, double* out,
                              size_t n) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(column);
  const auto& rows = ev->evaluation.indicators;
  if (n != rows.size()) return refuse_count(n, rows.size());
  if (n > 0 && !out) return fail(SOPKIT_EINVAL, "out is NULL");
  for (const NumberColumn& c : kNumbers) {
    if (std::strcmp(column, c.name) != 0) continue;
    for (std::size_t i = 0; i < n; ++i) out[i] = c.of(rows[i]);
    return ok();
  }
  return fail(SOPKIT_ENOTFOUND, std::string("no number column '") + column + "'");
}

int sopkit_evaluation_texts(const sopkit_evaluation* ev, const char* column, int32_t* out_codes,
                            size_t n, const char* const** out_labels, size_t* out_label_count) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(column);
  SOPKIT_REQUIRE(out_labels);
  SOPKIT_REQUIRE(out_label_count);
  const std::size_t rows = ev->evaluation.indicators.size();
  if (n != rows) return refuse_count(n, rows);
  if (n > 0 && !out_codes) return fail(SOPKIT_EINVAL, "out_codes is NULL");
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_evaluation*>(ev);
    std::lock_guard<std::mutex> lock(self->columns_mutex);
    auto at = self->text_columns.find(std::string_view(column));
    if (at == self->text_columns.end()) {
      std::optional<TextColumn> made = make_text_column(*ev, column);
      if (!made) return fail(SOPKIT_ENOTFOUND, std::string("no text column '") + column + "'");
      at = self->text_columns.emplace(column, std::move(*made)).first;
    }
    const TextColumn& c = at->second;
    std::copy(c.codes.begin(), c.codes.end(), out_codes);
    *out_labels = c.labels.data();
    *out_label_count = c.labels.size();
    return SOPKIT_OK;
  });
}
