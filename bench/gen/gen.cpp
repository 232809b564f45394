// gen.cpp — see gen.hpp.
#include "gen/gen.hpp"

#include <cstdio>

namespace sopkit_gen {
namespace {

// splitmix64 of a counter key, as the benchmarks: value `index` of stream
// `stream`, independent of the order in which values are drawn.
std::uint64_t mix(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t z = ((seed << 48) + (stream << 40) + index + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void append_number(std::string& out, std::uint64_t value, int width = 0) {
  char buf[24];
  const int n =
      std::snprintf(buf, sizeof buf, "%0*llu", width, static_cast<unsigned long long>(value));
  out.append(buf, static_cast<std::size_t>(n));
}

// A non-negative decimal with one digit after the point, from tenths.
void append_tenths(std::string& out, std::uint64_t tenths) {
  append_number(out, tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
}

// ---- the indicator file -------------------------------------------------

constexpr std::size_t kProvinces = 38;
constexpr const char* kAccumulation[] = {"last", "sum", "average"};
constexpr const char* kSatuan[] = {"%", "dokumen", "orang", "indeks"};
constexpr const char* kSource = "Ilustratif (sopkit-gen)";

struct IndicatorRef {
  std::size_t kab, opd, ind;
  std::size_t flat(const IndicatorShape& s) const {
    return (kab * s.opd + opd) * s.indicators + ind;
  }
};

void append_province(std::string& out, std::size_t kab) {
  append_number(out, kab % kProvinces + 1, 2);
}

void append_unit_path(std::string& out, const IndicatorRef& r) {
  out += "Prov ";
  append_province(out, r.kab);
  out += "/Kab ";
  append_number(out, r.kab + 1, 3);
  out += "/OPD ";
  append_number(out, r.opd + 1, 2);
}

void append_code(std::string& out, const IndicatorRef& r) {
  out += 'K';
  append_number(out, r.kab + 1, 3);
  out += '.';
  append_number(out, r.opd + 1, 2);
  out += '.';
  append_number(out, r.ind + 1, 2);
}

struct Definition {
  bool negative;
  const char* accumulation;
  const char* satuan;
  std::uint64_t weight;
};

Definition definition_of(const IndicatorShape& s, std::size_t flat) {
  return {mix(s.seed, 1, flat) % 4 == 0, kAccumulation[mix(s.seed, 2, flat) % 3],
          kSatuan[mix(s.seed, 3, flat) % 4], 1 + mix(s.seed, 4, flat) % 3};
}

// Target and realisation in tenths for quarter q (1..4); q = 0 is the annual target.
std::uint64_t target_tenths(const IndicatorShape& s, std::size_t flat, int q) {
  return 500 + mix(s.seed, 5, flat * 5 + std::size_t(q)) % 1000;
}
std::uint64_t realisation_tenths(const IndicatorShape& s, std::size_t flat, int q) {
  const std::uint64_t t = target_tenths(s, flat, q);
  return t * (50 + mix(s.seed, 6, flat * 5 + std::size_t(q)) % 71) / 100;  // 50 %..120 % of target
}

template <class Visit>
void for_each_indicator(const IndicatorShape& s, Visit visit) {
  for (std::size_t k = 0; k < s.kabupaten; ++k)
    for (std::size_t o = 0; o < s.opd; ++o)
      for (std::size_t i = 0; i < s.indicators; ++i) visit(IndicatorRef{k, o, i});
}

void append_name(std::string& out, const IndicatorRef& r) {
  out += "Indikator ";
  append_number(out, r.ind + 1);
}

void csv_indicator(const IndicatorShape& s, const IndicatorRef& r, std::string& out) {
  const std::size_t flat = r.flat(s);
  const Definition d = definition_of(s, flat);
  append_unit_path(out, r);
  out += ',';
  append_code(out, r);
  out += ',';
  append_name(out, r);
  out += ',';
  out += d.satuan;
  out += d.negative ? ",negative," : ",positive,";
  out += d.accumulation;
  out += ',';
  append_number(out, d.weight);
  out += ",2024,";
  append_tenths(out, target_tenths(s, flat, 0));
  out += ",,";
  out += kSource;
  out += '\n';
  for (int q = 1; q <= 4; ++q) {
    append_unit_path(out, r);
    out += ',';
    append_code(out, r);
    out += ",,,,,,2024-Q";
    out += static_cast<char>('0' + q);
    out += ',';
    append_tenths(out, target_tenths(s, flat, q));
    out += ',';
    append_tenths(out, realisation_tenths(s, flat, q));
    out += ",\n";
  }
}

// Unit ids and names of the JSON form: p07 "Prov 07", k123 "Kab 123",
// k123-o05 "OPD 05", with the parent ids the CSV paths imply.
std::string province_id(std::size_t p) {
  std::string id = "p";
  append_number(id, p + 1, 2);
  return id;
}
std::string kabupaten_id(std::size_t k) {
  std::string id = "k";
  append_number(id, k + 1, 3);
  return id;
}
std::string opd_id(std::size_t k, std::size_t o) {
  std::string id = kabupaten_id(k) + "-o";
  append_number(id, o + 1, 2);
  return id;
}
std::string numbered(const char* word, std::size_t n, int width) {
  std::string name = word;
  append_number(name, n, width);
  return name;
}

void json_units(const IndicatorShape& s, std::string& out) {
  out += "  \"units\": [";
  bool first = true;
  auto unit = [&](const std::string& id, const std::string& name, const std::string& parent) {
    out += first ? "\n    {\"id\": \"" : ",\n    {\"id\": \"";
    first = false;
    out += id + "\", \"name\": \"" + name + "\", \"parent\": ";
    out += parent.empty() ? "null}" : "\"" + parent + "\"}";
  };
  for (std::size_t p = 0; p < kProvinces && p < s.kabupaten; ++p)
    unit(province_id(p), numbered("Prov ", p + 1, 2), "");
  for (std::size_t k = 0; k < s.kabupaten; ++k) {
    unit(kabupaten_id(k), numbered("Kab ", k + 1, 3), province_id(k % kProvinces));
    for (std::size_t o = 0; o < s.opd; ++o)
      unit(opd_id(k, o), numbered("OPD ", o + 1, 2), kabupaten_id(k));
  }
  out += "\n  ],\n";
}

void json_indicator(const IndicatorShape& s, const IndicatorRef& r, std::string& out) {
  const std::size_t flat = r.flat(s);
  const Definition d = definition_of(s, flat);
  out += "    {\"code\": \"";
  append_code(out, r);
  out += "\", \"name\": \"";
  append_name(out, r);
  out += "\", \"satuan\": \"";
  out += d.satuan;
  out += "\", \"unit\": \"";
  out += opd_id(r.kab, r.opd);
  out += "\", \"weight\": ";
  append_number(out, d.weight);
  out += d.negative ? ", \"polarity\": \"negative\"" : ", \"polarity\": \"positive\"";
  out += ", \"accumulation\": \"";
  out += d.accumulation;
  out += "\",\n     \"values\": [{\"period\": \"2024\", \"target\": ";
  append_tenths(out, target_tenths(s, flat, 0));
  out += '}';
  for (int q = 1; q <= 4; ++q) {
    out += ",\n                {\"period\": \"2024-Q";
    out += static_cast<char>('0' + q);
    out += "\", \"target\": ";
    append_tenths(out, target_tenths(s, flat, q));
    out += ", \"realisation\": ";
    append_tenths(out, realisation_tenths(s, flat, q));
    out += '}';
  }
  out += "]}";
}

// ---- SOPs and run logs --------------------------------------------------

constexpr const char* kTimes[] = {"15 Menit", "2 Jam", "1 Hari", "1-3 Hari", "30 Menit", "2 hari"};

void append_step_id(std::string& out, std::size_t index) {
  append_number(out, index + 1);
}

void append_actor_id(std::string& out, std::size_t actor) {
  out += "pelaksana_";
  append_number(out, actor + 1);
}

std::size_t actor_of(const SopShape& s, std::size_t step) {
  return (step / 3) % s.actors;
}

bool is_decision(const SopShape& s, std::size_t step) {
  return step >= 4 && step + 1 < s.steps && s.decision_every > 0 && step % s.decision_every == 0;
}

void sop_header(std::string& out, const std::string& number, const std::string& title,
                std::size_t actors) {
  out += "{\n  \"format\": \"sopkit.sop/1\",\n  \"number\": \"";
  out += number;
  out += "\",\n  \"title\": \"";
  out += title;
  out += "\",\n  \"actors\": [";
  for (std::size_t a = 0; a < actors; ++a) {
    out += a ? ",\n    {\"id\": \"" : "\n    {\"id\": \"";
    append_actor_id(out, a);
    out += "\", \"name\": \"Pelaksana ";
    append_number(out, a + 1);
    out += "\"}";
  }
  out += "\n  ],\n  \"steps\": [\n";
}

void step_open(std::string& out, std::size_t index, std::size_t actor, const char* kind,
               const char* time, bool distinct_outputs = false) {
  out += index ? ",\n    {\"id\": \"" : "    {\"id\": \"";
  append_step_id(out, index);
  out += "\", \"activity\": \"Kegiatan ";
  append_step_id(out, index);
  out += " menyiapkan dan memeriksa berkas\", \"actor\": \"";
  append_actor_id(out, actor);
  out += "\", \"kind\": \"";
  out += kind;
  out += '"';
  if (index) {
    out += ", \"requirements\": [\"Berkas";
    if (distinct_outputs) {
      out += ' ';
      append_step_id(out, index - 1);
    }
    out += "\"]";
  }
  out += ", \"time\": \"";
  out += time;
  out += "\", \"output\": \"Berkas";
  if (distinct_outputs) {
    out += ' ';
    append_step_id(out, index);
  }
  out += '"';
}

void step_next(std::string& out, const char* key, std::size_t target) {
  out += ", \"";
  out += key;
  out += "\": \"";
  append_step_id(out, target);
  out += '"';
}

const char* kind_of(const SopShape& s, std::size_t i) {
  if (i == 0) return "start";
  if (i + 1 == s.steps) return "end";
  return is_decision(s, i) ? "decision" : "process";
}

// Instants as "YYYY-MM-DDTHH:MM" from minutes since 2024-01-01T00:00.
void append_instant(std::string& out, std::uint64_t minutes) {
  // days_from_civil(2024, 1, 1) = 19723; civil_from_days (H. Hinnant).
  const std::int64_t z = std::int64_t(minutes / 1440) + 19723 + 719468;
  const std::int64_t era = z / 146097, doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
  append_number(out, std::uint64_t(y), 4);
  out += '-';
  append_number(out, std::uint64_t(m), 2);
  out += '-';
  append_number(out, std::uint64_t(d), 2);
  out += 'T';
  append_number(out, minutes % 1440 / 60, 2);
  out += ':';
  append_number(out, minutes % 60, 2);
}

// Calls visit(case, step, start, end) along each case's happy path.
template <class Visit>
void for_each_event(const SopShape& s, std::size_t cases, Visit visit) {
  for (std::size_t c = 0; c < cases; ++c) {
    std::uint64_t t = (c % 300) * 1440 + 8 * 60;
    for (std::size_t i = 0; i < s.steps; ++i) {
      const std::uint64_t end = t + 15 + mix(s.seed, 7, c * s.steps + i) % 240;
      visit(c, i, t, end);
      t = end;
    }
  }
}

void append_case(std::string& out, std::size_t c) {
  out += "kasus-";
  append_number(out, c + 1, 6);
}

}  // namespace

void indicators_csv(const IndicatorShape& shape, std::string& out) {
  out +=
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,source\n";
  for_each_indicator(shape, [&](const IndicatorRef& r) { csv_indicator(shape, r, out); });
}

void indicators_json(const IndicatorShape& shape, std::string& out) {
  out += "{\n  \"format\": \"sopkit.indicators/1\",\n  \"source\": \"";
  out += kSource;
  out += "\",\n";
  json_units(shape, out);
  out += "  \"indicators\": [\n";
  bool first = true;
  for_each_indicator(shape, [&](const IndicatorRef& r) {
    if (!first) out += ",\n";
    first = false;
    json_indicator(shape, r, out);
  });
  out += "\n  ]\n}\n";
}

std::string sop_number(const SopShape& shape) {
  std::string n = "GEN/SOP/";
  append_number(n, shape.steps);
  return n;
}

void sop_json(const SopShape& shape, std::string& out) {
  sop_header(out, sop_number(shape), "SOP bangkitan sopkit-gen", shape.actors);
  for (std::size_t i = 0; i < shape.steps; ++i) {
    step_open(out, i, actor_of(shape, i), kind_of(shape, i), kTimes[mix(shape.seed, 8, i) % 6],
              shape.distinct_outputs);
    if (is_decision(shape, i)) {
      step_next(out, "yes", i + 1);
      step_next(out, "no", i - 3);
    } else if (i + 1 < shape.steps) {
      step_next(out, "next", i + 1);
    }
    out += '}';
  }
  out += "\n  ]\n}\n";
}

void loops_sop_json(std::size_t decisions, std::string& out) {
  std::string number = "GEN/SOP/LOOPS/";
  append_number(number, decisions);
  sop_header(out, number, "SOP bangkitan sopkit-gen: loop bertumpuk", 2);
  const std::size_t steps = decisions + 2;
  for (std::size_t i = 0; i < steps; ++i) {
    const bool decision = i > 0 && i + 1 < steps;
    step_open(out, i, i % 2, i == 0 ? "start" : decision ? "decision" : "end", "15 Menit");
    if (decision) {
      step_next(out, "yes", i + 1);
      step_next(out, "no", 0);
    } else if (i == 0) {
      step_next(out, "next", 1);
    }
    out += '}';
  }
  out += "\n  ]\n}\n";
}

void runs_csv(const SopShape& shape, std::size_t cases, std::string& out) {
  out += "case,step,start,end,actor,branch\n";
  for_each_event(shape, cases, [&](std::size_t c, std::size_t i, std::uint64_t t, std::uint64_t e) {
    append_case(out, c);
    out += ',';
    append_step_id(out, i);
    out += ',';
    append_instant(out, t);
    out += ',';
    append_instant(out, e);
    out += ',';
    append_actor_id(out, actor_of(shape, i));
    out += is_decision(shape, i) ? ",yes\n" : ",\n";
  });
}

void runs_json(const SopShape& shape, std::size_t cases, std::string& out) {
  out += "{\"format\": \"sopkit.runs/1\", \"sop\": \"";
  out += sop_number(shape);
  out += "\",\n \"runs\": [";
  for_each_event(shape, cases, [&](std::size_t c, std::size_t i, std::uint64_t t, std::uint64_t e) {
    if (i == 0) {
      out += c ? "]},\n  {\"case\": \"" : "\n  {\"case\": \"";
      append_case(out, c);
      out += "\", \"events\": [";
    }
    out += i ? ",\n    {\"step\": \"" : "\n    {\"step\": \"";
    append_step_id(out, i);
    out += "\", \"start\": \"";
    append_instant(out, t);
    out += "\", \"end\": \"";
    append_instant(out, e);
    out += "\", \"actor\": \"";
    append_actor_id(out, actor_of(shape, i));
    out += is_decision(shape, i) ? "\", \"branch\": \"yes\"}" : "\"}";
  });
  out += cases ? "]}\n ]}\n" : "]}\n";
}

void waktu_text(std::size_t repeats, std::string& out) {
  for (std::size_t i = 0; i < repeats; ++i) out += "setengah ";
  out += "hari";
}

}  // namespace sopkit_gen
