// indicators.cpp — C ABI for the capaian kinerja engine: raw bulk kernels,
// indicator sets, evaluations.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "guard.hpp"
#include "handles.hpp"
#include "options.hpp"
#include "sopkit/indicator_bulk.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/indicator_rows.hpp"

using sopkit::capi::fail;
using sopkit::capi::guard;
using sopkit::capi::invalid;
using sopkit::capi::ok;

namespace {

std::optional<sopkit::Cap> cap_of(int percent) {
  switch (percent) {
    case 0:
      return sopkit::Cap::none;
    case 100:
      return sopkit::Cap::at_100;
    case 110:
      return sopkit::Cap::at_110;
    case 120:
      return sopkit::Cap::at_120;
    default:
      return std::nullopt;
  }
}

double nan_if_blank(const std::optional<double>& v) {
  return v ? *v : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

namespace sopkit::capi {

int read_evaluate_options(const sopkit_evaluate_options* opts, sopkit::EvaluationOptions& options) {
  if (!opts) return SOPKIT_OK;
  // Version 1 structs end before `threads`: their callers' memory stops there.
  if (opts->version != 1 && opts->version != SOPKIT_EVALUATE_OPTIONS_VERSION)
    return invalid(
        "opts->version is neither 1 nor SOPKIT_EVALUATE_OPTIONS_VERSION: call "
        "sopkit_evaluate_options_init first");
  auto cap = cap_of(opts->cap_percent);
  if (!cap) return invalid("cap_percent must be 0, 100, 110 or 120");
  if (!std::isfinite(opts->warning_threshold)) return invalid("warning_threshold is not finite");
  options.cap = *cap;
  options.policy.negative_formula =
      opts->negative_ratio ? sopkit::NegativeFormula::ratio : sopkit::NegativeFormula::difference;
  options.policy.zero_over_zero_is_100 = opts->zero_over_zero_is_100 != 0;
  options.warning.threshold = opts->warning_threshold;
  if (opts->version >= 2) options.threads = std::max(1u, opts->threads);
  if (opts->scale) options.scale = opts->scale;
  if (opts->period) {
    try {
      options.period = sopkit::Period::parse(opts->period);
    } catch (const sopkit::Error& e) {
      return fail(SOPKIT_EINVAL, e.what());
    }
  }
  return SOPKIT_OK;
}

}  // namespace sopkit::capi

namespace {

template <typename Make>
int make_set(sopkit_indicators** out, Make&& make) {
  return guard([&]() -> int {
    auto handle = std::make_unique<sopkit_indicators>(make());
    *out = handle.release();
    return SOPKIT_OK;
  });
}

// "row 3 (code)": rows are counted from 0, as the arrays are indexed; the
// column is named as in the C struct.
class ArrayRowPlace final : public sopkit::IndicatorRowPlace {
 public:
  std::size_t row = 0;
  std::string where(int field) const override {
    const char* column =
        field == sopkit::IndicatorColumn::indicator ? "code" : sopkit::indicator_column_name(field);
    return "row " + std::to_string(row) + " (" + column + ")";
  }
};

// `source` labels the set; "" takes the first indicator's source, as the CSV does.
sopkit::IndicatorSetBuilder array_builder(const char* source) {
  return sopkit::IndicatorSetBuilder({"row ", "row", false, source});
}

std::string_view text_or_blank(const char* const* texts, std::size_t i) {
  return texts && texts[i] ? std::string_view(texts[i]) : std::string_view();
}

// Builds a set from the rows by the rules of the CSV (IndicatorSetBuilder).
sopkit::IndicatorSet set_from_rows(const sopkit_indicator_rows& r) {
  using C = sopkit::IndicatorColumn;
  const sopkit::Accumulation acc[] = {sopkit::Accumulation::sum, sopkit::Accumulation::last,
                                      sopkit::Accumulation::average};
  sopkit::IndicatorSetBuilder builder = array_builder("<arrays>");
  ArrayRowPlace place;
  sopkit::IndicatorRow row;
  for (std::size_t i = 0; i < r.n; ++i) {
    place.row = i;
    auto bad = [&](int field, const std::string& what) {
      return sopkit::Error(sopkit::ErrorCode::format_error, what, place.where(field));
    };
    if (!r.unit[i] || !r.code[i] || !r.period[i])
      throw bad(C::unit, "unit, code and period are required");
    if (r.polarity[i] > 2)
      throw bad(C::polarity,
                "polarity code " + std::to_string(r.polarity[i]) + " is not 0, 1 or 2");
    if (r.accumulation && r.accumulation[i] > 2)
      throw bad(C::accumulation,
                "accumulation code " + std::to_string(r.accumulation[i]) + " is not 0, 1 or 2");
    row.text[C::unit] = r.unit[i];
    row.text[C::indicator] = r.code[i];
    row.text[C::name] = r.name ? text_or_blank(r.name, i) : row.text[C::indicator];
    row.text[C::satuan] = text_or_blank(r.satuan, i);
    row.text[C::polarity] = sopkit::to_string(static_cast<sopkit::Polarity>(r.polarity[i]));
    row.text[C::accumulation] =
        sopkit::to_string(r.accumulation ? acc[r.accumulation[i]] : sopkit::Accumulation::last);
    row.text[C::period] = r.period[i];
    row.value[C::weight] = r.weight ? r.weight[i] : std::numeric_limits<double>::quiet_NaN();
    row.value[C::target] = r.target[i];
    row.value[C::realisation] = r.realisation[i];
    builder.add(row, i, place);
  }
  return std::move(builder).finish();
}

// A dictionary-encoded text column, its distinct values viewed once.
class TextColumn {
 public:
  TextColumn(const sopkit_text_column& c, std::size_t n, const char* name) : index_(c.index) {
    if (!c.values) return;
    if (!c.index && c.count != n)
      throw sopkit::Error(sopkit::ErrorCode::invalid_argument,
                          std::string("column ") + name + " has no index, so it needs n = " +
                              std::to_string(n) + " values, not " + std::to_string(c.count));
    values_.reserve(c.count);
    for (std::size_t k = 0; k < c.count; ++k) values_.push_back(text_or_blank(c.values, k));
    name_ = name;
  }
  std::string_view at(std::size_t row) const {
    if (values_.empty()) return {};
    if (!index_) return values_[row];
    const int32_t k = index_[row];
    if (k == -1) return {};
    if (k < -1 || static_cast<std::size_t>(k) >= values_.size())
      throw sopkit::Error(sopkit::ErrorCode::invalid_argument,
                          "row " + std::to_string(row) + ": column " + name_ + " has index " +
                              std::to_string(k) + ", outside its " +
                              std::to_string(values_.size()) + " values");
    return values_[static_cast<std::size_t>(k)];
  }

 private:
  const int32_t* index_;
  std::vector<std::string_view> values_;
  const char* name_ = "";
};

sopkit::IndicatorSet set_from_columns(const sopkit_indicator_columns& c) {
  using C = sopkit::IndicatorColumn;
  const std::pair<int, TextColumn> texts[] = {
      {C::unit, TextColumn(c.unit, c.n, "unit")},
      {C::indicator, TextColumn(c.code, c.n, "code")},
      {C::name, TextColumn(c.name, c.n, "name")},
      {C::satuan, TextColumn(c.satuan, c.n, "satuan")},
      {C::polarity, TextColumn(c.polarity, c.n, "polarity")},
      {C::accumulation, TextColumn(c.accumulation, c.n, "accumulation")},
      {C::period, TextColumn(c.period, c.n, "period")},
      {C::negative_formula, TextColumn(c.negative_formula, c.n, "negative_formula")},
      {C::source, TextColumn(c.source, c.n, "source")}};
  const std::pair<int, const double*> numbers[] = {
      {C::weight, c.weight},
      {C::target, c.target},
      {C::realisation, c.realisation},
      {C::target_low, c.target_low},
      {C::target_high, c.target_high},
      {C::budget, c.budget},
      {C::budget_realisation, c.budget_realisation},
      {C::financial_plan, c.financial_plan},
      {C::physical_plan, c.physical_plan},
      {C::physical_realisation, c.physical_realisation}};
  sopkit::IndicatorSetBuilder builder = array_builder("");
  ArrayRowPlace place;
  sopkit::IndicatorRow row;
  for (std::size_t i = 0; i < c.n; ++i) {
    place.row = i;
    for (const auto& [field, column] : texts) row.text[field] = column.at(i);
    for (const auto& [field, column] : numbers)
      if (column) row.value[field] = column[i];
    builder.add(row, i, place);
  }
  return std::move(builder).finish();
}

}  // namespace

namespace {

// The C enum's value as CSV options; false for another value.
bool csv_options_of(int mark, sopkit::CsvOptions* out) {
  switch (mark) {
    case SOPKIT_DECIMAL_DETECT:
      out->decimal_mark = sopkit::DecimalMark::detect;
      return true;
    case SOPKIT_DECIMAL_DOT:
      out->decimal_mark = sopkit::DecimalMark::dot;
      return true;
    case SOPKIT_DECIMAL_COMMA:
      out->decimal_mark = sopkit::DecimalMark::comma;
      return true;
    default:
      return false;
  }
}

int unknown_decimal_mark() {
  return sopkit::capi::invalid(
      "decimal_mark is not a sopkit_decimal_mark (0 detect, 1 dot, 2 comma)");
}

}  // namespace

extern "C" {

int sopkit_evaluate_cells(const double* target, const double* realisation, const uint8_t* polarity,
                          size_t n, double* achievement_out, uint8_t* band_out) {
  if (n > 0 && (!target || !realisation || !polarity))
    return invalid("target, realisation and polarity must not be NULL when n > 0");
  return guard([&]() -> int {
    sopkit::evaluate_cells(target, realisation, polarity, n, achievement_out, band_out);
    return SOPKIT_OK;
  });
}

int sopkit_evaluate_cells_grouped(const double* target, const double* realisation,
                                  const uint8_t* polarity, const double* weight,
                                  const int32_t* group, size_t n, size_t group_count,
                                  int cap_percent, unsigned threads, double* achievement_out,
                                  uint8_t* band_out, double* group_mean_out) {
  if (n > 0 && (!target || !realisation || !polarity || !weight || !group))
    return invalid("target, realisation, polarity, weight and group must not be NULL when n > 0");
  if (group_count > 0 && !group_mean_out) return invalid("group_mean_out is NULL");
  auto cap = cap_of(cap_percent);
  if (!cap) return invalid("cap_percent must be 0, 100, 110 or 120");
  return guard([&]() -> int {
    sopkit::GroupRollupOptions options;
    options.cap = *cap;
    options.threads = threads == 0 ? 1 : threads;
    sopkit::evaluate_cells_grouped(target, realisation, polarity, weight, group, n, group_count,
                                   achievement_out, band_out, group_mean_out, options);
    return SOPKIT_OK;
  });
}

int sopkit_indicators_load_file(sopkit_indicators** out, const char* path) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  return make_set(out, [&] { return sopkit::load_indicators_file(path); });
}

int sopkit_indicators_load_csv(sopkit_indicators** out, const char* text, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(text);
  return make_set(
      out, [&] { return sopkit::parse_indicators_csv(std::string_view(text, len), "<csv>"); });
}

int sopkit_indicators_load_file_with_mark(sopkit_indicators** out, const char* path,
                                          int decimal_mark) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  sopkit::CsvOptions options;
  if (!csv_options_of(decimal_mark, &options)) return unknown_decimal_mark();
  return make_set(out, [&] { return sopkit::load_indicators_file(path, options); });
}

int sopkit_indicators_load_options_init(sopkit_indicators_load_options* opts) {
  SOPKIT_REQUIRE(opts);
  opts->version = SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION;
  opts->decimal_mark = SOPKIT_DECIMAL_DETECT;
  opts->threads = 1;
  return SOPKIT_OK;
}

int sopkit_indicators_load_file_with_options(sopkit_indicators** out, const char* path,
                                             const sopkit_indicators_load_options* opts) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(path);
  sopkit::CsvOptions options;
  if (opts) {
    if (opts->version != SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION)
      return sopkit::capi::invalid(
          "opts->version is not SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION: call "
          "sopkit_indicators_load_options_init first");
    if (!csv_options_of(opts->decimal_mark, &options)) return unknown_decimal_mark();
    options.threads = opts->threads == 0 ? 1 : opts->threads;
  }
  return make_set(out, [&] { return sopkit::load_indicators_file(path, options); });
}

int sopkit_indicators_load_csv_with_mark(sopkit_indicators** out, const char* text, size_t len,
                                         int decimal_mark) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(text);
  sopkit::CsvOptions options;
  if (!csv_options_of(decimal_mark, &options)) return unknown_decimal_mark();
  return make_set(out, [&] {
    return sopkit::parse_indicators_csv(std::string_view(text, len), "<csv>", options);
  });
}

int sopkit_indicators_load_json(sopkit_indicators** out, const char* text, size_t len) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(text);
  return make_set(
      out, [&] { return sopkit::parse_indicators_json(std::string_view(text, len), "<json>"); });
}

int sopkit_indicators_new(sopkit_indicators** out, const sopkit_indicator_rows* rows) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(rows);
  if (rows->n > 0 && (!rows->unit || !rows->code || !rows->polarity || !rows->period ||
                      !rows->target || !rows->realisation))
    return invalid("unit, code, polarity, period, target and realisation arrays are required");
  return make_set(out, [&] { return set_from_rows(*rows); });
}

int sopkit_indicators_from_columns(sopkit_indicators** out, const sopkit_indicator_columns* cols) {
  SOPKIT_REQUIRE(out);
  SOPKIT_REQUIRE(cols);
  if (cols->version != SOPKIT_INDICATOR_COLUMNS_VERSION)
    return invalid("cols->version is not SOPKIT_INDICATOR_COLUMNS_VERSION");
  return make_set(out, [&] { return set_from_columns(*cols); });
}

void sopkit_indicators_free(sopkit_indicators* set) {
  sopkit::capi::free_handle(set);
}

int sopkit_indicators_counts(const sopkit_indicators* set, size_t* out_indicators,
                             size_t* out_units, size_t* out_rows) {
  SOPKIT_REQUIRE(set);
  if (out_indicators) *out_indicators = set->set->indicator_count();
  if (out_units) *out_units = set->set->units().size();
  if (out_rows) *out_rows = set->set->cell_count();
  return ok();
}

namespace {

// The fields of version 1, the only ones a version 1 struct has room for.
void init_evaluate_options_v1(sopkit_evaluate_options* opts) {
  sopkit::EvaluationOptions defaults;
  opts->version = 1;
  opts->negative_ratio = 0;
  opts->zero_over_zero_is_100 = 0;
  opts->cap_percent = 0;
  opts->scale = nullptr;
  opts->period = nullptr;
  opts->warning_threshold = defaults.warning.threshold;
}

}  // namespace

int sopkit_evaluate_options_init(sopkit_evaluate_options* opts) {
  SOPKIT_REQUIRE(opts);
  init_evaluate_options_v1(opts);
  opts->version = SOPKIT_EVALUATE_OPTIONS_VERSION;
  opts->threads = sopkit::EvaluationOptions().threads;
  return ok();
}

#ifdef SOPKIT_SYMBOL_VERSIONS
// What programs built against version 1 of the header call (their struct
// ends before `threads`): sopkit_evaluate_options_init@SOPKIT_0.
extern "C" SOPKIT_API int sopkit_evaluate_options_init_v1(sopkit_evaluate_options* opts);
__asm__(".symver sopkit_evaluate_options_init_v1, sopkit_evaluate_options_init@SOPKIT_0, remove");
int sopkit_evaluate_options_init_v1(sopkit_evaluate_options* opts) {
  SOPKIT_REQUIRE(opts);
  init_evaluate_options_v1(opts);
  return ok();
}
#endif

int sopkit_indicators_evaluate(const sopkit_indicators* set, const sopkit_evaluate_options* opts,
                               sopkit_evaluation** out) {
  SOPKIT_REQUIRE(set);
  SOPKIT_REQUIRE(out);
  return guard([&]() -> int {
    sopkit::EvaluationOptions options;
    if (int status = sopkit::capi::read_evaluate_options(opts, options); status != SOPKIT_OK)
      return status;
    auto handle = std::make_unique<sopkit_evaluation>();
    handle->set = set->set;
    handle->evaluation = sopkit::evaluate(*handle->set, options);
    handle->options = options;
    handle->unit_paths = handle->set->units().paths();
    handle->periods = handle->set->periods();
    for (const sopkit::Period& p : handle->periods) handle->period_texts.push_back(p.to_string());
    *out = handle.release();
    return SOPKIT_OK;
  });
}

int sopkit_evaluation_count(const sopkit_evaluation* ev, size_t* out_rows) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_rows);
  *out_rows = ev->evaluation.indicators.size();
  return ok();
}

int sopkit_evaluation_note_count(const sopkit_evaluation* ev, size_t* out_count) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_count);
  *out_count = ev->evaluation.notes.size();
  return ok();
}

int sopkit_evaluation_note(const sopkit_evaluation* ev, size_t index, const char** out_note) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_note);
  const auto& notes = ev->evaluation.notes;
  if (index >= notes.size())
    return fail(SOPKIT_EINVAL, "note index " + std::to_string(index) + " is past the last (" +
                                   std::to_string(notes.size()) + ")");
  *out_note = notes[index].c_str();
  return ok();
}

int sopkit_evaluation_arrays(const sopkit_evaluation* ev, double* out_achievement,
                             uint8_t* out_band, size_t n) {
  SOPKIT_REQUIRE(ev);
  const auto& rows = ev->evaluation.indicators;
  if (n > rows.size())
    return fail(SOPKIT_EINVAL, "n is " + std::to_string(n) + " but the evaluation has " +
                                   std::to_string(rows.size()) + " rows");
  for (std::size_t i = 0; i < n; ++i) {
    if (out_achievement) out_achievement[i] = rows[i].achievement.value;
    if (out_band) out_band[i] = static_cast<uint8_t>(rows[i].band);
  }
  return ok();
}

int sopkit_evaluation_row_get(const sopkit_evaluation* ev, size_t index,
                              sopkit_evaluation_row* out) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out);
  const auto& rows = ev->evaluation.indicators;
  if (index >= rows.size())
    return fail(SOPKIT_EINVAL, "row index " + std::to_string(index) + " is past the last (" +
                                   std::to_string(rows.size()) + ")");
  const sopkit::IndicatorResult& r = rows[index];
  const sopkit::Indicator& d = ev->set->indicator(r.indicator);
  out->indicator = d.code.c_str();
  out->unit = ev->unit_paths[d.unit].c_str();
  out->period = ev->period_texts[ev->period_index(r.period)].c_str();
  out->target = nan_if_blank(r.target);
  out->realisation = nan_if_blank(r.realisation);
  out->achievement = r.achievement.value;
  out->score = r.score;
  out->band = static_cast<unsigned>(r.band);
  out->predicate = r.predicate.c_str();
  out->reason = r.achievement.computable() ? "" : sopkit::reason_name(r.achievement.reason);
  return ok();
}

int sopkit_evaluation_to_json(const sopkit_evaluation* ev, const char** out_json) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_json);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_evaluation*>(ev);
    std::call_once(self->json.once, [&] {
      self->json.text =
          sopkit::evaluation_to_json(*ev->set, ev->evaluation, -1, ev->options.threads);
    });
    *out_json = self->json.text.c_str();
    return SOPKIT_OK;
  });
}

int sopkit_evaluation_to_csv(const sopkit_evaluation* ev, const char** out_csv) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_csv);
  return guard([&]() -> int {
    auto* self = const_cast<sopkit_evaluation*>(ev);
    std::call_once(self->csv.once, [&] {
      self->csv.text = sopkit::evaluation_to_csv(*ev->set, ev->evaluation, ev->options.threads);
    });
    *out_csv = self->csv.text.c_str();
    return SOPKIT_OK;
  });
}

void sopkit_evaluation_free(sopkit_evaluation* ev) {
  sopkit::capi::free_handle(ev);
}

}  // extern "C"
