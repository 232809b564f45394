// monev_json.cpp — report.json of the monev report, written from the model
// (render/detail/monev_model.hpp); its members are documented in docs/monev.md.
#include <nlohmann/json.hpp>
#include <string>

#include "io/detail/comparison_json.hpp"
#include "io/detail/json_values.hpp"
#include "render/detail/monev_model.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit::detail {

namespace {

using nlohmann::json;

json cover_json(const MonevModel& m) {
  const SopDocument& doc = m.sop.document();
  return {{"government", doc.organization.government.value_or("")},
          {"agency", m.agency},
          {"period", m.period_name},
          {"sop_number", doc.number},
          {"sop_title", doc.title}};
}

json schedule_json(const MonevModel& m) {
  json steps = json::array();
  for (const auto& s : m.schedule)
    steps.push_back({{"id", s.id},
                     {"activity", s.activity},
                     {"actor", s.actor},
                     {"start", format_instant(s.start)},
                     {"end", format_instant(s.end)}});
  json holidays = json::array();
  for (const auto& hd : m.holidays)
    holidays.push_back(
        {{"date", format_date(hd.date)}, {"name", hd.name}, {"kind", holiday_kind_name(hd.kind)}});
  return {{"calendar", m.calendar.id()},           {"start", format_instant(m.plan.start)},
          {"due", format_instant(m.plan.due)},     {"steps", steps},
          {"untimed_steps", m.plan.untimed_steps}, {"holidays", holidays}};
}

// The top two levels of the unit tree.
json rollups_json(const MonevModel& m) {
  const UnitTree& units = m.set.units();
  json rows = json::array();
  for (const auto& u : m.ev.units) {
    if (units.depth(u.unit) > 1) continue;
    rows.push_back(
        {{"unit", units.path(u.unit)},
         {"depth", units.depth(u.unit)},
         {"achievement", u.achievement.computable() ? json(u.achievement.value) : json(nullptr)},
         {"predicate", u.predicate},
         {"included", u.included},
         {"excluded", u.excluded}});
  }
  return rows;
}

json trend_json(const MonevModel& m) {
  json rows = json::array();
  for (const auto& t : m.trend) {
    json quarters = json::array();
    for (const auto& v : t.quarters) quarters.push_back(value_or_null<json>(v));
    rows.push_back({{"unit", t.unit}, {"quarters", quarters}});
  }
  return rows;
}

json warnings_json(const MonevModel& m) {
  json rows = json::array();
  for (const auto& ew : m.ev.warnings)
    if (ew.warn)
      rows.push_back({{"indicator", m.set.indicator(ew.indicator).code},
                      {"quarters_reported", ew.quarters_reported},
                      {"projected", ew.projected.value}});
  return rows;
}

json efficiency_json(const MonevModel& m) {
  json rows = json::array();
  for (const auto& r : m.ev.indicators)
    if (r.absorption)
      rows.push_back({{"indicator", m.set.indicator(r.indicator).code},
                      {"absorption", *r.absorption},
                      {"efficiency", value_or_null<json>(r.efficiency)}});
  return rows;
}

json deviations_json(const MonevModel& m) {
  json rows = json::array();
  for (const auto& r : m.ev.indicators)
    if (r.physical_deviation || r.financial_deviation)
      rows.push_back({{"indicator", m.set.indicator(r.indicator).code},
                      {"physical", value_or_null<json>(r.physical_deviation)},
                      {"physical_light", to_string(r.physical_light)},
                      {"financial", value_or_null<json>(r.financial_deviation)},
                      {"financial_light", to_string(r.financial_light)}});
  return rows;
}

// The comparison's own JSON form (docs/monitoring.md) with compliance as
// indicators in the report's quarter and year.
json sop_execution_json(const MonevRuns& runs) {
  json compliance = json::array();
  for (const auto& r : runs.compliance) {
    const bool computable = r.achievement.computable();
    compliance.push_back({{"indicator", runs.compliance_set.indicator(r.indicator).code},
                          {"period", r.period.to_string()},
                          {"realisation", value_or_null<json>(r.realisation)},
                          {"achievement", computable ? json(r.achievement.value) : json(nullptr)},
                          {"predicate", r.predicate}});
  }
  const json overview = json::parse(comparison_overview_to_json(runs.comparison));
  json out = overview["summary"];
  out["compliance_indicators"] = compliance;
  out["bottlenecks"] = overview["bottlenecks"];
  out["monitoring"] = overview["monitoring"];
  return out;
}

}  // namespace

std::string monev_json(const MonevModel& m) {
  const SopDocument& doc = m.sop.document();
  json j;
  j["format"] = "sopkit.monev/1";
  j["lang"] = m.options.lang == Language::en ? "en" : "id";
  j["period"] = m.options.period.to_string();
  j["cover"] = cover_json(m);
  j["schedule"] = schedule_json(m);
  j["evaluation"] = json::parse(evaluation_to_json(m.set, m.ev, -1));
  j["rollups"] = rollups_json(m);
  j["trend"] = trend_json(m);
  j["early_warnings"] = warnings_json(m);
  j["efficiency"] = efficiency_json(m);
  j["deviations"] = deviations_json(m);
  if (m.runs) j["sop_execution"] = sop_execution_json(*m.runs);
  j["sop"] = {{"number", doc.number},
              {"title", doc.title},
              {"steps", doc.steps.size()},
              {"pages", m.sop_pages}};
  return j.dump(2) + "\n";
}

}  // namespace sopkit::detail
