// sop_json.cpp — reading and writing the interchange format v1.
//
// The reader walks the JSON by hand instead of using nlohmann's from_json
// adapters so that every error can name the JSON pointer of the field and say,
// in the clerk's terms, what would have been right.
#include "sopkit/sop_json.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "io/detail/files.hpp"
#include "io/detail/json_cursor.hpp"
#include "io/detail/json_text.hpp"
#include "io/detail/json_values.hpp"
#include "sopkit/error.hpp"
#include "util/dates.hpp"
#include "util/huge_pages.hpp"

namespace sopkit {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;
using detail::value_or_null;

constexpr const char* kFormat = "sopkit.sop/1";
// Real documents nest three levels; 64 leaves room and stops stack-eating input.
constexpr std::size_t kMaxDepth = 64;

// One value of the document, with the SOP format's wording for wrong types.
using Field = std::optional<detail::JsonCursor>;

class Reader {
 public:
  explicit Reader(detail::JsonCursor cursor) : c_(cursor) {}

  [[noreturn]] void fail(const std::string& message) const { c_.fail(message); }
  const detail::JsonCursor& value() const { return c_; }

  Reader at(const char* key) const { return Reader(c_.at(key)); }
  bool has(const char* key) const { return c_.has(key); }
  // True when member `key` is there and not null.
  bool has_value(const char* key) const {
    auto m = c_.find(key);
    return m && !m->is_null();
  }

  void expect_object() const { c_.expect(detail::JsonKind::object); }
  std::string string() const { return std::string(c_.as_text()); }

  // Member `key` as text; `fallback` when absent. Null is refused: text fields
  // that may be empty are written "".
  std::string string_member(const char* key, const std::string& fallback = {}) const {
    return string_or(c_.find(key), fallback);
  }
  // A member found by JsonCursor::members as text; `fallback` when absent.
  static std::string string_or(const Field& m, const std::string& fallback = {}) {
    if (!m) return fallback;
    return Reader(*m).string();
  }

  std::optional<std::string> nullable_member(const char* key) const {
    auto m = c_.find(key);
    if (!m || m->is_null()) return std::nullopt;
    return Reader(*m).string();
  }

  std::vector<std::string> string_list_member(const char* key) const {
    return string_list(c_.find(key));
  }
  static std::vector<std::string> string_list(const Field& m) {
    std::vector<std::string> out;
    if (!m || m->is_null()) return out;
    out.reserve(m->expect(detail::JsonKind::list).size());
    m->for_each_item([&](const detail::JsonCursor& item) { out.push_back(Reader(item).string()); });
    return out;
  }

  std::optional<std::string> date_member(const char* key, const char* what) const {
    auto s = nullable_member(key);
    if (s && !detail::is_iso_date(*s))
      at(key).fail(std::string(what) + " '" + detail::excerpt(*s) +
                   "' is not a calendar date written YYYY-MM-DD (e.g. 2023-01-01)");
    return s;
  }

  // Unknown members, kept as canonical JSON object text.
  ExtraFields extras(std::initializer_list<std::string_view> known) const {
    return extras(known.begin(), known.end());
  }
  // The same, when `found` of this object's members were known ones: all of
  // them (the common case) means nothing is left to look at.
  template <std::size_t N>
  ExtraFields extras(const std::array<std::string_view, N>& known, std::size_t found) const {
    if (found == c_.size()) return {};
    return extras(known.begin(), known.end());
  }
  ExtraFields extras(const std::string_view* known_begin, const std::string_view* known_end) const {
    json extra = json::object();
    c_.for_each_member([&](std::string_view key, const detail::JsonCursor& value) {
      for (const std::string_view* k = known_begin; k != known_end; ++k)
        if (key == *k) return;
      extra[std::string(key)] = value.to_json();
    });
    return extra.empty() ? ExtraFields{} : extra.dump();
  }

  std::string type() const { return c_.type(); }

 private:
  detail::JsonCursor c_;
};

Organization read_organization(const Reader& r) {
  r.expect_object();
  Organization o;
  o.government = r.nullable_member("government");
  o.agency = r.nullable_member("agency");
  o.unit = r.nullable_member("unit");
  o.extra = r.extras({"government", "agency", "unit"});
  return o;
}

std::vector<Revision> read_revisions(const Reader& dates) {
  std::vector<Revision> out;
  if (!dates.has_value("revised")) return out;
  Reader r = dates.at("revised");
  auto one = [&](const Reader& item) {
    Revision rev;
    if (item.value().is_string()) {
      rev.date = item.string();
    } else if (item.value().is_object()) {
      rev.date = item.string_member("date");
      rev.description = item.string_member("description");
      item.value().refuse_unknown_members({"date", "description"});
      if (!item.has("date")) item.value().fail_missing("date");
    } else {
      item.fail("a revision is a date \"YYYY-MM-DD\" or {\"date\", \"description\"}, not " +
                item.type());
    }
    if (!detail::is_iso_date(rev.date))
      item.fail("revision date '" + detail::excerpt(rev.date) +
                "' is not a calendar date written YYYY-MM-DD");
    out.push_back(std::move(rev));
  };
  if (r.value().is_array()) {
    r.value().for_each_item([&](const detail::JsonCursor& item) { one(Reader(item)); });
  } else {
    one(r);
  }
  return out;
}

DocumentDates read_dates(const Reader& r) {
  r.expect_object();
  DocumentDates d;
  d.created = r.date_member("created", "dates.created");
  d.revised = read_revisions(r);
  d.effective = r.date_member("effective", "dates.effective");
  d.extra = r.extras({"created", "revised", "effective"});
  return d;
}

Approval read_approval(const Reader& r) {
  r.expect_object();
  Approval a;
  a.position = r.nullable_member("position");
  a.name = r.nullable_member("name");
  a.nip = r.nullable_member("nip");
  a.extra = r.extras({"position", "name", "nip"});
  return a;
}

Actor read_actor(const Reader& r) {
  r.expect_object();
  Actor a;
  a.id = r.at("id").string();
  if (a.id.empty()) r.at("id").value().fail_empty();
  a.name = r.string_member("name", a.id);
  a.extra = r.extras({"id", "name"});
  return a;
}

// A step's members, in the order of kStepKeys.
enum StepKey : std::size_t {
  kId,
  kActivity,
  kActor,
  kKind,
  kRequirements,
  kTime,
  kOutput,
  kNote,
  kNext,
  kYes,
  kNo,
  kYesLabel,
  kNoLabel,
  kNoProbability
};
constexpr std::array<std::string_view, 14> kStepKeys = {
    "id",   "activity", "actor", "kind", "requirements", "time",     "output",
    "note", "next",     "yes",   "no",   "yes_label",    "no_label", "no_probability"};

bool has_value(const Field& m) {
  return m && !m->is_null();
}

std::vector<std::string> read_next(const Reader& n) {
  std::vector<std::string> next;
  if (n.value().is_string()) {
    next.push_back(n.string());
  } else if (n.value().is_array()) {
    n.value().for_each_item(
        [&](const detail::JsonCursor& item) { next.push_back(Reader(item).string()); });
  } else {
    n.fail("next must be a step id \"2\" or a list of ids [\"2\", \"3\"], not " + n.type());
  }
  return next;
}

// The times of a document, each distinct text parsed once: an SOP repeats a
// few ("15 Menit", "1 Hari") over all its steps. Holds at most kMaxTexts
// texts, so that a document of all-different times costs no more memory.
class TimeTexts {
 public:
  std::optional<Duration> parse(const std::string& text) {
    if (parsed_.size() >= kMaxTexts) {
      const auto known = parsed_.find(text);
      return known != parsed_.end() ? known->second : Duration::try_parse(text);
    }
    const auto [it, fresh] = parsed_.try_emplace(text);
    if (fresh) it->second = Duration::try_parse(text);
    return it->second;
  }

 private:
  static constexpr std::size_t kMaxTexts = 4096;
  std::unordered_map<std::string, std::optional<Duration>> parsed_;
};

Step read_step(const Reader& r, TimeTexts& times) {
  r.expect_object();
  // Each member is found in one pass over the step, not one pass per key.
  const auto f = r.value().members(kStepKeys);
  if (!f[kId]) r.value().fail_missing("id");
  Step s;
  s.id = Reader(*f[kId]).string();
  if (s.id.empty()) f[kId]->fail_empty();
  s.activity = Reader::string_or(f[kActivity]);
  s.actor = Reader::string_or(f[kActor]);
  if (f[kKind]) {
    std::string k = Reader(*f[kKind]).string();
    auto kind = step_kind_from_name(k);
    if (!kind)
      f[kKind]->fail("unknown kind '" + detail::excerpt(k) +
                     "': use start, end, process or decision");
    s.kind = *kind;
  }
  s.requirements = Reader::string_list(f[kRequirements]);
  if (has_value(f[kTime])) {
    const Reader t(*f[kTime]);
    if (t.value().is_number())
      t.fail("time needs its unit as text, e.g. \"15 Menit\" or \"2 hari\"");
    s.time_text = t.string();
    s.time = times.parse(s.time_text);  // unparseable: kept for validate()
  }
  s.output = Reader::string_or(f[kOutput]);
  s.note = Reader::string_or(f[kNote]);
  if (has_value(f[kNext])) s.next = read_next(Reader(*f[kNext]));
  s.yes = Reader::string_or(f[kYes]);
  s.no = Reader::string_or(f[kNo]);
  s.yes_label = Reader::string_or(f[kYesLabel]);
  s.no_label = Reader::string_or(f[kNoLabel]);
  if (has_value(f[kNoProbability])) {
    const Reader p(*f[kNoProbability]);
    if (!p.value().is_number()) p.fail("no_probability must be a number from 0 to 1");
    s.no_probability = p.value().number();
  }
  std::size_t found = 0;
  for (const Field& m : f) found += m.has_value();
  s.extra = r.extras(kStepKeys, found);
  return s;
}

SopDocument read_document(const detail::JsonDocument& root) {
  const Reader r{detail::JsonCursor(root)};
  r.value().expect_format(kFormat);
  SopDocument doc;
  doc.format = kFormat;
  doc.number = r.string_member("number");
  doc.title = r.string_member("title");
  if (r.has_value("organization")) doc.organization = read_organization(r.at("organization"));
  if (r.has_value("dates")) doc.dates = read_dates(r.at("dates"));
  if (r.has_value("approval")) doc.approval = read_approval(r.at("approval"));
  doc.legal_basis = r.string_list_member("legal_basis");
  doc.qualifications = r.string_list_member("qualifications");
  doc.related_sops = r.string_list_member("related_sops");
  doc.equipment = r.string_list_member("equipment");
  doc.warnings = r.string_list_member("warnings");
  doc.records = r.string_list_member("records");
  auto read_list = [&](const char* key, auto read_one, auto& out) {
    Reader list = r.at(key);
    out.reserve(list.value().expect(detail::JsonKind::list).size());
    detail::advise_huge_pages(out);
    list.value().for_each_item(
        [&](const detail::JsonCursor& item) { out.push_back(read_one(Reader(item))); });
  };
  read_list("actors", read_actor, doc.actors);
  TimeTexts times;
  read_list(
      "steps", [&](const Reader& step) { return read_step(step, times); }, doc.steps);
  doc.extra = r.extras({"format", "number", "title", "organization", "dates", "approval",
                        "legal_basis", "qualifications", "related_sops", "equipment", "warnings",
                        "records", "actors", "steps"});
  return doc;
}

void put_nullable(ojson& o, const char* key, const std::optional<std::string>& v) {
  o[key] = value_or_null(v);
}

void put_extras(ojson& o, const ExtraFields& extra) {
  if (extra.empty()) return;
  ojson e = ojson::parse(extra);
  for (auto it = e.begin(); it != e.end(); ++it) o[it.key()] = it.value();
}

void put_nonempty(ojson& o, const char* key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

ojson organization_json(const Organization& org) {
  ojson o;
  put_nullable(o, "government", org.government);
  put_nullable(o, "agency", org.agency);
  put_nullable(o, "unit", org.unit);
  put_extras(o, org.extra);
  return o;
}

// "revised": null, or each revision as its date alone or with a description.
ojson revisions_json(const std::vector<Revision>& revised) {
  if (revised.empty()) return nullptr;
  ojson revs = ojson::array();
  for (const auto& r : revised) {
    if (r.description.empty())
      revs.push_back(r.date);
    else
      revs.push_back(ojson{{"date", r.date}, {"description", r.description}});
  }
  return revs;
}

ojson dates_json(const DocumentDates& d) {
  ojson o;
  put_nullable(o, "created", d.created);
  o["revised"] = revisions_json(d.revised);
  put_nullable(o, "effective", d.effective);
  put_extras(o, d.extra);
  return o;
}

ojson approval_json(const Approval& a) {
  ojson o;
  put_nullable(o, "position", a.position);
  put_nullable(o, "name", a.name);
  put_nullable(o, "nip", a.nip);
  put_extras(o, a.extra);
  return o;
}

ojson step_json(const Step& s) {
  ojson j;
  j["id"] = s.id;
  j["activity"] = s.activity;
  j["actor"] = s.actor;
  j["kind"] = step_kind_name(s.kind);
  j["requirements"] = s.requirements;
  j["time"] = s.time_text.empty() && !s.time ? ojson(nullptr) : ojson(s.time_text);
  j["output"] = s.output;
  j["note"] = s.note;
  if (s.next.size() == 1)
    j["next"] = s.next.front();
  else if (!s.next.empty())
    j["next"] = s.next;
  put_nonempty(j, "yes", s.yes);
  put_nonempty(j, "no", s.no);
  put_nonempty(j, "yes_label", s.yes_label);
  put_nonempty(j, "no_label", s.no_label);
  if (s.no_probability) j["no_probability"] = *s.no_probability;
  put_extras(j, s.extra);
  return j;
}

}  // namespace

SopDocument parse_sop_json(std::string_view text, const std::string& source) {
  return read_document(detail::JsonDocument(text, source, kMaxDepth));
}

Sop load_sop_file(const std::string& path) {
  // The text and then the parsed document are freed before the graph is built.
  SopDocument doc = read_document(*detail::load_json_document(path, kMaxDepth));
  return Sop(std::move(doc));
}

std::string sop_to_json(const SopDocument& doc, int indent) {
  ojson o;
  o["format"] = doc.format;
  o["number"] = doc.number;
  o["title"] = doc.title;
  o["organization"] = organization_json(doc.organization);
  o["dates"] = dates_json(doc.dates);
  o["approval"] = approval_json(doc.approval);
  o["legal_basis"] = doc.legal_basis;
  o["qualifications"] = doc.qualifications;
  o["related_sops"] = doc.related_sops;
  o["equipment"] = doc.equipment;
  o["warnings"] = doc.warnings;
  o["records"] = doc.records;
  ojson actors = ojson::array();
  for (const auto& a : doc.actors) {
    ojson j{{"id", a.id}, {"name", a.name}};
    put_extras(j, a.extra);
    actors.push_back(std::move(j));
  }
  o["actors"] = actors;
  ojson steps = ojson::array();
  for (const auto& s : doc.steps) steps.push_back(step_json(s));
  o["steps"] = steps;
  put_extras(o, doc.extra);
  return o.dump(indent) + (indent >= 0 ? "\n" : "");
}

void save_sop_file(const SopDocument& doc, const std::string& path) {
  detail::write_file_atomically(path, sop_to_json(doc));  // serialised first: may throw
}

}  // namespace sopkit
