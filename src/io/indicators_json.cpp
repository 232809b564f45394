// indicators_json.cpp — the JSON form of indicator data ("sopkit.indicators/1")
// and of evaluation results ("sopkit.evaluation/1").
//
// JSON carries what CSV cannot: the unit tree with ids and parents (so unit
// names may contain '/'), and the data set's label. A parent that points back
// down the tree is a cycle and is reported with the units in it.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>
#include "io/detail/files.hpp"
#include "io/detail/indicators_csv.hpp"
#include "io/detail/indicators_json.hpp"
#include "io/detail/json_stream.hpp"
#include "io/detail/json_text.hpp"

#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {

namespace {

using nlohmann::json;
// Output keeps keys in the order written (a reader sees code, period, achievement…).
using ojson = nlohmann::ordered_json;
constexpr const char* kFormat = "sopkit.indicators/1";

struct Reader {
  const std::string& source;

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw Error(ErrorCode::format_error, message, source + ":" + pointer);
  }
  std::string text(const json& obj, const char* key, const std::string& ptr, bool required) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) fail(ptr, std::string("missing \"") + key + "\"");
      return {};
    }
    if (!it->is_string()) fail(ptr + "/" + key, "must be a string");
    return it->get<std::string>();
  }
  std::optional<double> number(const json& obj, const char* key, const std::string& ptr) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;  // blank, not zero
    if (!it->is_number()) fail(ptr + "/" + key, "must be a number or null (null = not reported)");
    const double v = it->get<double>();
    if (!std::isfinite(v)) fail(ptr + "/" + key, "is out of range");
    if (v < 0) fail(ptr + "/" + key, "is negative; the figures are quantities >= 0");
    return v;
  }
  template <typename Fn>
  auto located(const std::string& ptr, Fn&& fn) const {
    try {
      return fn();
    } catch (const Error& e) {
      if (e.code() != ErrorCode::invalid_argument) throw;
      fail(ptr, e.message());
    }
  }
};

// Adds the units parents first; reports unknown parents and cycles.
void read_units(const Reader& rd, const json& units, UnitTree& tree) {
  if (!units.is_array()) rd.fail("/units", "must be an array of {\"id\", \"name\", \"parent\"}");
  std::map<std::string, std::size_t> by_id;  // id -> position in the array
  std::vector<std::string> ids, names, parents;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::string ptr = "/units/" + std::to_string(i);
    if (!units[i].is_object()) rd.fail(ptr, "a unit must be an object");
    ids.push_back(rd.text(units[i], "id", ptr, true));
    names.push_back(rd.text(units[i], "name", ptr, true));
    parents.push_back(rd.text(units[i], "parent", ptr, false));
    if (!by_id.emplace(ids.back(), i).second)
      rd.fail(ptr + "/id", "unit id '" + ids.back() + "' is given twice");
  }
  for (std::size_t i = 0; i < parents.size(); ++i)
    if (!parents[i].empty() && !by_id.count(parents[i]))
      rd.fail("/units/" + std::to_string(i) + "/parent", "no unit has the id '" + parents[i] + "'");
  std::vector<std::optional<std::size_t>> added(units.size());
  for (std::size_t start = 0; start < units.size(); ++start) {
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
        rd.fail("/units/" + std::to_string(u) + "/parent",
                "the units form a cycle: " + cycle + "'" + ids[u] + "'");
      }
      chain.push_back(u);
      if (parents[u].empty()) break;
      u = by_id.at(parents[u]);
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const std::size_t k = *it;
      if (added[k]) continue;
      std::optional<std::size_t> parent;
      if (!parents[k].empty()) parent = added[by_id.at(parents[k])];
      added[k] = rd.located("/units/" + std::to_string(k),
                            [&] { return tree.add(names[k], parent, ids[k]); });
    }
  }
}

}  // namespace

bool detail::is_indicators_json(const json& doc) noexcept {
  if (!doc.is_object()) return false;
  auto format = doc.find("format");
  return format != doc.end() && format->is_string() &&
         format->get_ref<const std::string&>() == kFormat;
}

IndicatorSet parse_indicators_json(std::string_view text, const std::string& source) {
  return detail::indicators_from_json(detail::parse_json_text(text, source), source);
}

IndicatorSet detail::indicators_from_json(const json& j, const std::string& source) {
  const Reader rd{source};
  if (!j.is_object()) rd.fail("", "the document must be an object");
  const std::string format = rd.text(j, "format", "", true);
  if (format != kFormat) rd.fail("/format", "format '" + format + "' is not " + kFormat);
  IndicatorSet set;
  set.source = rd.text(j, "source", "", false);
  if (j.contains("units")) read_units(rd, j["units"], set.units());
  auto inds = j.find("indicators");
  if (inds == j.end() || !inds->is_array()) rd.fail("/indicators", "must be an array");
  for (std::size_t i = 0; i < inds->size(); ++i) {
    const json& o = (*inds)[i];
    const std::string ptr = "/indicators/" + std::to_string(i);
    if (!o.is_object()) rd.fail(ptr, "an indicator must be an object");
    Indicator d;
    d.code = rd.text(o, "code", ptr, true);
    d.name = rd.text(o, "name", ptr, false);
    d.satuan = rd.text(o, "satuan", ptr, false);
    const std::string unit = rd.text(o, "unit", ptr, true);
    if (auto u = set.units().find_id(unit))
      d.unit = *u;
    else
      rd.fail(ptr + "/unit", "no unit has the id '" + unit + "'");
    if (auto w = rd.number(o, "weight", ptr)) d.weight = *w;
    d.polarity = rd.located(ptr + "/polarity",
                            [&] { return parse_polarity(rd.text(o, "polarity", ptr, true)); });
    d.accumulation = rd.located(ptr + "/accumulation", [&] {
      return parse_accumulation(rd.text(o, "accumulation", ptr, true));
    });
    if (const std::string nf = rd.text(o, "negative_formula", ptr, false); !nf.empty())
      d.negative_formula =
          rd.located(ptr + "/negative_formula", [&] { return parse_negative_formula(nf); });
    d.source = rd.text(o, "source", ptr, false);
    const std::size_t ind = rd.located(ptr + "/code", [&] { return set.add_indicator(d); });
    auto values = o.find("values");
    if (values == o.end()) continue;
    if (!values->is_array()) rd.fail(ptr + "/values", "must be an array");
    for (std::size_t k = 0; k < values->size(); ++k) {
      const json& v = (*values)[k];
      const std::string vp = ptr + "/values/" + std::to_string(k);
      if (!v.is_object()) rd.fail(vp, "a value row must be an object");
      Cell c;
      c.indicator = ind;
      c.period =
          rd.located(vp + "/period", [&] { return Period::parse(rd.text(v, "period", vp, true)); });
      c.target = rd.number(v, "target", vp);
      c.realisation = rd.number(v, "realisation", vp);
      c.target_low = rd.number(v, "target_low", vp);
      c.target_high = rd.number(v, "target_high", vp);
      c.budget = rd.number(v, "budget", vp);
      c.budget_realisation = rd.number(v, "budget_realisation", vp);
      c.financial_plan = rd.number(v, "financial_plan", vp);
      c.physical_plan = rd.number(v, "physical_plan", vp);
      c.physical_realisation = rd.number(v, "physical_realisation", vp);
      c.origin = source + ":" + vp;
      rd.located(vp, [&] {
        set.add_cell(c);
        return 0;
      });
    }
  }
  return set;
}

IndicatorSet load_indicators_file(const std::string& path, const CsvOptions& options) {
  const bool is_json =
      path.size() >= 5 && detail::lower_ascii(path.substr(path.size() - 5)) == ".json";
  return is_json ? parse_indicators_json(detail::read_text_file(path), path)
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

void write_achievement(detail::JsonStream& j, const char* key, const Achievement& a) {
  j.key(key);
  a.computable() ? j.value(a.value) : j.null();
  if (!a.computable()) j.key(std::string(key) + "_reason").value(reason_name(a.reason));
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
  const bool computable = r.achievement.computable();
  j.key("achievement");
  computable ? j.value(r.achievement.value) : j.null();
  if (!computable) j.key("reason").value(reason_name(r.achievement.reason));
  j.key("score");
  computable ? j.value(r.score) : j.null();
  j.key("band").value(r.band);
  j.key("predicate");
  r.band ? j.value(r.predicate) : j.null();
  if (r.period.kind == Period::Kind::quarter) {
    j.key("ytd").begin_object();
    j.key("target").value_or_null(r.ytd_target);
    j.key("realisation").value_or_null(r.ytd_realisation);
    write_achievement(j, "achievement", r.ytd_achievement);
    j.end_object();
  }
  if (r.absorption) j.key("absorption").value(*r.absorption);
  if (r.efficiency) j.key("efficiency").value(*r.efficiency);
  if (r.financial_deviation) {
    j.key("financial_deviation").value(*r.financial_deviation);
    j.key("financial_light").value(to_string(r.financial_light));
  }
  if (r.physical_deviation) {
    j.key("physical_deviation").value(*r.physical_deviation);
    j.key("physical_light").value(to_string(r.physical_light));
  }
  j.end_object();
}

void write_unit(detail::JsonStream& j, const std::string& unit_path, const UnitResult& u) {
  j.begin_object();
  j.key("unit").value(unit_path);
  j.key("period").value(u.period.to_string());
  j.key("achievement");
  u.achievement.computable() ? j.value(u.achievement.value) : j.null();
  if (!u.achievement.computable()) j.key("reason").value(reason_name(u.achievement.reason));
  j.key("predicate");
  u.band ? j.value(u.predicate) : j.null();
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

void write_evaluation(detail::JsonStream& j, const IndicatorSet& set, const Evaluation& ev) {
  const std::vector<std::string> paths = set.units().paths();
  j.begin_object();
  j.key("format").value("sopkit.evaluation/1");
  if (!set.source.empty()) j.key("source").value(set.source);
  j.key("indicators").begin_array();
  for (const auto& r : ev.indicators) {
    write_result(j, set, paths[set.indicator(r.indicator).unit], r);
    j.maybe_flush();
  }
  j.end_array();
  j.key("units").begin_array();
  for (const auto& u : ev.units) {
    write_unit(j, paths[u.unit], u);
    j.maybe_flush();
  }
  j.end_array();
  j.key("warnings").begin_array();
  for (const auto& w : ev.warnings) {
    write_warning(j, set, w);
    j.maybe_flush();
  }
  j.end_array();
  j.key("notes").begin_array();
  for (const auto& note : ev.notes) j.value(note);
  j.end_array();
  j.end_object();
}

}  // namespace

std::string evaluation_to_json(const IndicatorSet& set, const Evaluation& ev, int indent) {
  detail::JsonStream j(indent);
  write_evaluation(j, set, ev);
  return std::move(j.text());
}

void write_evaluation_json(std::ostream& out, const IndicatorSet& set, const Evaluation& ev,
                           int indent) {
  detail::JsonStream j(indent, &out);
  write_evaluation(j, set, ev);
  j.flush();
}

void save_evaluation_json(const IndicatorSet& set, const Evaluation& ev, const std::string& path) {
  detail::write_file_atomically(path, evaluation_to_json(set, ev));
}

}  // namespace sopkit
