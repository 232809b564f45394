// indicators_json.cpp — the JSON form of indicator data ("sopkit.indicators/1")
// and of evaluation results ("sopkit.evaluation/1").
//
// JSON carries what CSV cannot: the unit tree with ids and parents (so unit
// names may contain '/'), and the data set's label. A parent that points back
// down the tree is a cycle and is reported with the units in it.
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "io/detail/files.hpp"
#include "io/detail/indicators_csv.hpp"
#include "io/detail/json_cursor.hpp"
#include "io/detail/json_stream.hpp"

#include "indicators/detail/formatting_sink.hpp"
#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {

namespace {

// Output keeps keys in the order written (a reader sees code, period, achievement…).
using ojson = nlohmann::ordered_json;
using detail::JsonCursor;
using detail::JsonKind;
using Field = std::optional<JsonCursor>;
constexpr const char* kFormat = "sopkit.indicators/1";
// Indicators read before the set's storage is reserved for the whole list.
constexpr std::size_t kIndicatorsToEstimateFrom = 256;

// A figure; nothing when absent or null (blank, not zero).
std::optional<double> number_field(const Field& f) {
  if (!f || f->expect(JsonKind::number, true).is_null()) return std::nullopt;
  const double v = f->number();
  if (!std::isfinite(v)) f->fail("is out of range");
  if (v < 0) f->fail("is negative; the figures are quantities >= 0");
  return v;
}

// fn(), with its invalid_argument errors placed at `at`.
template <typename Fn>
auto located(const JsonCursor& at, Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::invalid_argument) throw;
    at.fail(e.message());
  }
}

struct UnitRows {
  std::vector<JsonCursor> items;
  std::vector<std::string> ids, names, parents;
  std::map<std::string, std::size_t> by_id;  // id -> position in the array
};

UnitRows read_unit_rows(const JsonCursor& units) {
  UnitRows rows;
  units.for_each_item([&](const JsonCursor& unit) {
    const auto f = unit.expect(JsonKind::object).members<3>({"id", "name", "parent"});
    rows.ids.push_back(detail::string_member(unit, f[0], "id", true));
    rows.names.push_back(detail::string_member(unit, f[1], "name", true));
    rows.parents.push_back(detail::string_member(unit, f[2], "parent", false));
    if (!rows.by_id.emplace(rows.ids.back(), rows.items.size()).second)
      f[0]->fail("unit id '" + rows.ids.back() + "' is given twice");
    rows.items.push_back(unit);
  });
  for (std::size_t i = 0; i < rows.parents.size(); ++i)
    if (!rows.parents[i].empty() && !rows.by_id.count(rows.parents[i]))
      rows.items[i].fail_member("parent", "no unit has the id '" + rows.parents[i] + "'");
  return rows;
}

// Adds the units parents first; reports unknown parents and cycles.
void read_units(const JsonCursor& units, UnitTree& tree) {
  const UnitRows rows = read_unit_rows(units.expect(JsonKind::list));
  const std::vector<std::string>& ids = rows.ids;
  const std::vector<std::string>& parents = rows.parents;
  std::vector<std::optional<std::size_t>> added(ids.size());
  for (std::size_t start = 0; start < ids.size(); ++start) {
    // Walk up to a root or an added unit, then add on the way back down.
    std::vector<std::size_t> chain;
    std::set<std::size_t> on_chain;
    std::size_t u = start;
    while (!added[u]) {
      if (!on_chain.insert(u).second) {
        std::string cycle;
        bool in = false;
        for (std::size_t c : chain) {
          in = in || c == u;
          if (in) cycle += "'" + ids[c] + "' -> ";
        }
        rows.items[u].fail_member("parent",
                                  "the units form a cycle: " + cycle + "'" + ids[u] + "'");
      }
      chain.push_back(u);
      if (parents[u].empty()) break;
      u = rows.by_id.at(parents[u]);
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const std::size_t k = *it;
      if (added[k]) continue;
      std::optional<std::size_t> parent;
      if (!parents[k].empty()) parent = added[rows.by_id.at(parents[k])];
      added[k] = located(rows.items[k], [&] { return tree.add(rows.names[k], parent, ids[k]); });
    }
  }
}

// `number`: the row's place in its indicator's "values" (its origin).
void read_value_row(const JsonCursor& v, std::size_t ind, std::size_t number, IndicatorSet& set) {
  const auto f = v.expect(JsonKind::object)
                     .members<10>({"period", "target", "realisation", "target_low", "target_high",
                                   "budget", "budget_realisation", "financial_plan",
                                   "physical_plan", "physical_realisation"});
  Cell c;
  c.indicator = ind;
  const std::string period = detail::string_member(v, f[0], "period", true);
  c.period = located(*f[0], [&] { return Period::parse(period); });
  c.target = number_field(f[1]);
  c.realisation = number_field(f[2]);
  c.target_low = number_field(f[3]);
  c.target_high = number_field(f[4]);
  c.budget = number_field(f[5]);
  c.budget_realisation = number_field(f[6]);
  c.financial_plan = number_field(f[7]);
  c.physical_plan = number_field(f[8]);
  c.physical_realisation = number_field(f[9]);
  located(v, [&] {
    set.add_cell(c, number);
    return 0;
  });
}

void read_indicator(const JsonCursor& o, IndicatorSet& set) {
  const auto f = o.expect(JsonKind::object)
                     .members<11>({"code", "name", "satuan", "unit", "weight", "polarity",
                                   "accumulation", "negative_formula", "source", "values"});
  Indicator d;
  d.code = detail::string_member(o, f[0], "code", true);
  d.name = detail::string_member(o, f[1], "name", false);
  d.satuan = detail::string_member(o, f[2], "satuan", false);
  const std::string unit = detail::string_member(o, f[3], "unit", true);
  if (auto u = set.units().find_id(unit))
    d.unit = *u;
  else
    f[3]->fail("no unit has the id '" + unit + "'");
  if (auto w = number_field(f[4])) d.weight = *w;
  const std::string polarity = detail::string_member(o, f[5], "polarity", true);
  d.polarity = located(*f[5], [&] { return parse_polarity(polarity); });
  const std::string accumulation = detail::string_member(o, f[6], "accumulation", true);
  d.accumulation = located(*f[6], [&] { return parse_accumulation(accumulation); });
  if (const std::string nf = detail::string_member(o, f[7], "negative_formula", false); !nf.empty())
    d.negative_formula = located(*f[7], [&] { return parse_negative_formula(nf); });
  d.source = detail::string_member(o, f[8], "source", false);
  const std::size_t ind = located(*f[0], [&] { return set.add_indicator(std::move(d)); });
  if (!f[9]) return;
  std::size_t number = 0;
  f[9]->expect(JsonKind::list).for_each_item([&](const JsonCursor& v) {
    read_value_row(v, ind, number++, set);
  });
}

bool has_indicators_format(const JsonCursor& root) {
  if (!root.is_object()) return false;
  const Field format = root.find("format");
  return format && format->is_string() && format->text() == kFormat;
}

IndicatorSet indicators_from_document(const detail::JsonDocument& doc) {
  const JsonCursor root(doc);
  root.expect_format(kFormat);
  const auto f = root.members<4>({"format", "source", "units", "indicators"});
  IndicatorSet set;
  set.source = detail::string_member(root, f[1], "source", false);
  if (f[2]) read_units(*f[2], set.units());
  if (!f[3]) root.fail_missing("indicators");
  // Each item adds one indicator, in order: an indicator's index is its place
  // in the list, and its value rows' origins are JSON pointers built from both.
  set.set_origin_prefix(doc.source() + ":/indicators/", "/values/");
  const std::size_t count = f[3]->expect(JsonKind::list).size();
  f[3]->for_each_item([&](const JsonCursor& o) {
    read_indicator(o, set);
    // Room for the whole list, estimated from its first indicators' rows: a
    // national file's 1.3M rows would otherwise be copied as storage grows.
    if (set.indicator_count() == kIndicatorsToEstimateFrom)
      set.reserve_rest(static_cast<double>(kIndicatorsToEstimateFrom) / static_cast<double>(count));
  });
  return set;
}

}  // namespace

IndicatorSet parse_indicators_json(std::string_view text, const std::string& source) {
  return indicators_from_document(detail::JsonDocument(text, source));
}

std::optional<IndicatorSet> parse_indicators_json_if_format(std::string_view text,
                                                            const std::string& source) {
  std::unique_ptr<detail::JsonDocument> doc;
  try {
    doc = std::make_unique<detail::JsonDocument>(text, source);
  } catch (const Error&) {
    return std::nullopt;
  }
  if (!has_indicators_format(detail::JsonCursor(*doc))) return std::nullopt;
  return indicators_from_document(*doc);
}

IndicatorSet load_indicators_file(const std::string& path, const CsvOptions& options) {
  const bool is_json =
      path.size() >= 5 && detail::lower_ascii(path.substr(path.size() - 5)) == ".json";
  return is_json ? indicators_from_document(*detail::load_json_document(path))
                 : detail::load_indicators_csv_file(path, options);
}

namespace {

std::string unit_id(const UnitTree& t, std::size_t u) {
  return t.id(u).empty() ? "u" + std::to_string(u + 1) : t.id(u);
}

}  // namespace

std::string indicators_to_json(const IndicatorSet& set, int indent) {
  ojson j;
  j["format"] = kFormat;
  if (!set.source.empty()) j["source"] = set.source;
  const UnitTree& t = set.units();
  j["units"] = ojson::array();
  for (std::size_t u = 0; u < t.size(); ++u) {
    auto p = t.parent(u);
    j["units"].push_back({{"id", unit_id(t, u)},
                          {"name", t.name(u)},
                          {"parent", p ? ojson(unit_id(t, *p)) : ojson(nullptr)}});
  }
  std::vector<ojson> inds;
  for (std::size_t i = 0; i < set.indicator_count(); ++i) {
    const Indicator& d = set.indicator(i);
    ojson o = {{"code", d.code},
               {"name", d.name},
               {"satuan", d.satuan},
               {"unit", unit_id(t, d.unit)},
               {"weight", d.weight},
               {"polarity", to_string(d.polarity)},
               {"accumulation", to_string(d.accumulation)}};
    if (d.negative_formula) o["negative_formula"] = to_string(*d.negative_formula);
    if (!d.source.empty()) o["source"] = d.source;
    o["values"] = ojson::array();
    inds.push_back(std::move(o));
  }
  for (std::size_t r = 0; r < set.cell_count(); ++r) {
    const Cell c = set.cell(r);
    ojson v = {{"period", c.period.to_string()}};
    auto put = [&](const char* key, const std::optional<double>& x) {
      if (x) v[key] = *x;
    };
    put("target", c.target);
    put("realisation", c.realisation);
    put("target_low", c.target_low);
    put("target_high", c.target_high);
    put("budget", c.budget);
    put("budget_realisation", c.budget_realisation);
    put("financial_plan", c.financial_plan);
    put("physical_plan", c.physical_plan);
    put("physical_realisation", c.physical_realisation);
    inds[c.indicator]["values"].push_back(std::move(v));
  }
  j["indicators"] = std::move(inds);
  return j.dump(indent);
}

namespace {

// `key` a literal, written as one (JsonStream::key<N>).
template <std::size_t N>
void write_achievement(detail::JsonStream& j, const char (&key)[N], const Achievement& a) {
  j.key(key).value_or_null(shown_value(a));
  if (const char* reason = shown_reason(a)) j.key(std::string(key) + "_reason").value(reason);
}

void write_predicate(detail::JsonStream& j, std::size_t band, const std::string& predicate) {
  j.key("predicate");
  const std::string* shown = shown_predicate(band, predicate);
  shown ? j.value(*shown) : j.null();
}

void write_deviation(detail::JsonStream& j, const char* deviation_key, const char* light_key,
                     const std::optional<double>& deviation, Light light) {
  if (!deviation) return;
  j.key(deviation_key).value(*deviation);
  j.key(light_key).value(shown_light(deviation, light));
}

void write_result(detail::JsonStream& j, const IndicatorSet& set, const std::string& unit_path,
                  const IndicatorResult& r) {
  const Indicator& d = set.indicator(r.indicator);
  j.begin_object();
  j.key("indicator").value(d.code);
  j.key("name").value(d.name);
  j.key("unit").value(unit_path);
  j.key("period").value(r.period.to_string());
  j.key("polarity").value(to_string(d.polarity));
  j.key("accumulation").value(to_string(d.accumulation));
  j.key("target").value_or_null(r.target);
  j.key("realisation").value_or_null(r.realisation);
  if (r.target_low) {
    j.key("target_low").value(*r.target_low);
    j.key("target_high").value(*r.target_high);
  }
  if (r.target_from_parts) j.key("target_from_parts").value(true);
  if (r.realisation_from_parts) j.key("realisation_from_parts").value(true);
  j.key("achievement").value_or_null(shown_value(r.achievement));
  if (const char* reason = shown_reason(r.achievement)) j.key("reason").value(reason);
  j.key("score").value_or_null(shown_score(r));
  j.key("band").value(r.band);
  write_predicate(j, r.band, r.predicate);
  if (shows_ytd(r)) {
    j.key("ytd").begin_object();
    j.key("target").value_or_null(r.ytd_target);
    j.key("realisation").value_or_null(r.ytd_realisation);
    write_achievement(j, "achievement", r.ytd_achievement);
    j.end_object();
  }
  if (r.absorption) j.key("absorption").value(*r.absorption);
  if (r.efficiency) j.key("efficiency").value(*r.efficiency);
  write_deviation(j, "financial_deviation", "financial_light", r.financial_deviation,
                  r.financial_light);
  write_deviation(j, "physical_deviation", "physical_light", r.physical_deviation,
                  r.physical_light);
  j.end_object();
}

void write_unit(detail::JsonStream& j, const std::string& unit_path, const UnitResult& u) {
  j.begin_object();
  j.key("unit").value(unit_path);
  j.key("period").value(u.period.to_string());
  j.key("achievement").value_or_null(shown_value(u.achievement));
  if (const char* reason = shown_reason(u.achievement)) j.key("reason").value(reason);
  write_predicate(j, u.band, u.predicate);
  j.key("included").value(u.included);
  j.key("excluded").value(u.excluded);
  j.key("weight_sum").value(u.weight_sum);
  j.end_object();
}

void write_warning(detail::JsonStream& j, const IndicatorSet& set, const EarlyWarning& w) {
  j.begin_object();
  j.key("indicator").value(set.indicator(w.indicator).code);
  j.key("year").value(w.year);
  j.key("quarters_reported").value(w.quarters_reported);
  j.key("annual_target").value_or_null(w.annual_target);
  j.key("pace_realisation").value_or_null(w.pace_realisation);
  j.key("trend_realisation").value_or_null(w.trend_realisation);
  if (w.annual_target_low) {
    j.key("annual_target_low").value(*w.annual_target_low);
    j.key("annual_target_high").value(*w.annual_target_high);
  }
  write_achievement(j, "pace_achievement", w.pace);
  write_achievement(j, "trend_achievement", w.trend);
  write_achievement(j, "projected_achievement", w.projected);
  j.key("warn").value(w.warn);
  j.end_object();
}

// Writes an evaluation as its pieces arrive: each list is opened by its first
// piece (or by the next list's) and closed by the next list's. Runs of results
// and warnings may be written on evaluate()'s second thread.
class JsonEvaluationWriter : public detail::FormattingSink {
 public:
  JsonEvaluationWriter(detail::JsonStream& j, const IndicatorSet& set)
      : j_(j), indent_(j.indent()), set_(set), paths_(set.units().paths()) {
    j_.begin_object();
    j_.key("format").value("sopkit.evaluation/1");
    if (!set.source.empty()) j_.key("source").value(set.source);
  }
  void indicator(const IndicatorResult& r) override {
    enter(List::indicators);
    write_result(j_, set_, paths_[set_.indicator(r.indicator).unit], r);
    j_.maybe_flush();
  }
  void unit(const UnitResult& u) override {
    enter(List::units);
    write_unit(j_, paths_[u.unit], u);
    j_.maybe_flush();
  }
  void warning(const EarlyWarning& w) override {
    enter(List::warnings);
    write_warning(j_, set_, w);
    j_.maybe_flush();
  }
  void note(const std::string& n) override {
    enter(List::notes);
    j_.value(n);
    notes_.push_back(n);
  }
  void format_indicators(const IndicatorResult* results, std::size_t n,
                         std::string& text) const override {
    detail::JsonStream j = list_items(std::move(text));
    for (std::size_t i = 0; i < n; ++i)
      write_result(j, set_, paths_[set_.indicator(results[i].indicator).unit], results[i]);
    text = j.take_text();
  }
  void format_warnings(const EarlyWarning* warnings, std::size_t n,
                       std::string& text) const override {
    detail::JsonStream j = list_items(std::move(text));
    for (std::size_t i = 0; i < n; ++i) write_warning(j, set_, warnings[i]);
    text = j.take_text();
  }
  void indicators_text(std::string_view text, std::size_t n) override {
    enter(List::indicators);
    j_.append_items(text, n);
    j_.maybe_flush();
  }
  void warnings_text(std::string_view text, std::size_t n) override {
    enter(List::warnings);
    j_.append_items(text, n);
    j_.maybe_flush();
  }
  std::vector<std::string> take_notes() { return std::move(notes_); }
  // Opens the lists no piece opened, then closes the document.
  void finish() {
    enter(List::done);
    j_.end_object();
  }

 private:
  enum class List { none, indicators, units, warnings, notes, done };
  // The items of a list sit two levels deep: in the document's object, in
  // the list's array.
  static constexpr std::size_t kListDepth = 2;
  // A stream for a run of a list's items, written into `storage`.
  detail::JsonStream list_items(std::string&& storage) const {
    detail::JsonStream j(indent_);
    j.continue_items_at(kListDepth);
    j.reuse(std::move(storage));
    return j;
  }

  static constexpr const char* kNames[] = {"", "indicators", "units", "warnings", "notes"};

  void enter(List list) {
    while (open_ != list) {
      if (open_ != List::none) j_.end_array();
      open_ = static_cast<List>(static_cast<int>(open_) + 1);
      if (open_ != List::done) j_.key(kNames[static_cast<int>(open_)]).begin_array();
    }
  }

  detail::JsonStream& j_;
  const int indent_;
  const IndicatorSet& set_;
  const std::vector<std::string> paths_;
  List open_ = List::none;
  std::vector<std::string> notes_;
};

void write_evaluation(detail::JsonStream& j, const IndicatorSet& set, const Evaluation& ev,
                      unsigned threads) {
  JsonEvaluationWriter writer(j, set);
  // The whole text's size, told from its first results (a warning or a unit
  // is shorter than a result).
  constexpr std::size_t kResultsToEstimateFrom = 256;
  const std::size_t items = ev.indicators.size() + ev.units.size() + ev.warnings.size();
  const std::size_t first = std::min(kResultsToEstimateFrom, ev.indicators.size());
  for (std::size_t i = 0; i < first; ++i) writer.indicator(ev.indicators[i]);
  if (first == kResultsToEstimateFrom)
    j.expect(j.size() / kResultsToEstimateFrom * (items + 1) * 11 / 10);
  detail::write_held(ev, first, writer, threads);
  writer.finish();
}

}  // namespace

std::string evaluation_to_json(const IndicatorSet& set, const Evaluation& ev, int indent,
                               unsigned threads) {
  detail::JsonStream j(indent);
  write_evaluation(j, set, ev, threads);
  return j.take_text();
}

void write_evaluation_json(std::ostream& out, const IndicatorSet& set, const Evaluation& ev,
                           int indent, unsigned threads) {
  detail::JsonStream j(indent, &out);
  write_evaluation(j, set, ev, threads);
  j.flush();
}

std::vector<std::string> evaluate_to_json(std::ostream& out, const IndicatorSet& set,
                                          const EvaluationOptions& options, int indent) {
  detail::JsonStream j(indent, &out);
  JsonEvaluationWriter writer(j, set);
  evaluate(set, options, writer);
  writer.finish();
  j.flush();
  return writer.take_notes();
}

void save_evaluation_json(const IndicatorSet& set, const Evaluation& ev, const std::string& path) {
  detail::write_file_atomically(path, evaluation_to_json(set, ev));
}

}  // namespace sopkit
