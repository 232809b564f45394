// Every JSON loader words a shared fault the same way (docs/format.md,
// "Messages"): a clerk who learnt one message reads the others.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/rating_scale.hpp"
#include "sopkit/runs.hpp"
#include "sopkit/sop_json.hpp"
#include "unit/monitoring/test_sop.hpp"

namespace sopkit {
namespace {

using Load = std::function<void(const std::string&)>;

struct Loader {
  const char* name;
  Load load;
};

const std::vector<Loader>& loaders() {
  static const std::vector<Loader> all = {
      {"sop", [](const std::string& t) { parse_sop_json(t, "x.json"); }},
      {"indicators", [](const std::string& t) { parse_indicators_json(t, "x.json"); }},
      {"runs", [](const std::string& t) { parse_runs_json(t, test::small_sop(), "x.json"); }},
      {"rating scale", [](const std::string& t) { parse_rating_scales_json(t, "x.json"); }},
      {"calendar", [](const std::string& t) { parse_calendar_spec(t, "x.json"); }},
  };
  return all;
}

const Load& loader(const std::string& name) {
  for (const Loader& l : loaders())
    if (name == l.name) return l.load;
  throw std::logic_error("no loader " + name);
}

struct Case {
  std::string loader, text, where, message;
};

void expect_refusal(const Case& c) {
  try {
    loader(c.loader)(c.text);
    ADD_FAILURE() << c.loader << " loaded:\n" << c.text;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::format_error) << c.loader << ": " << e.what();
    EXPECT_EQ(e.where(), c.where) << c.loader << ": " << e.what();
    EXPECT_EQ(e.message(), c.message) << c.loader << ": " << e.what();
  }
}

const std::string kEvent = R"({"step":"1","start":"2024-07-01T08:00","end":"2024-07-01T08:15"})";
const std::string kRuns = R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[)" + kEvent;
const std::string kCalendar =
    R"({"format":"sopkit.calendar/1","coverage":{"from":"2024-02-01","to":"2024-02-29"})";
const std::string kIndicators =
    R"({"format":"sopkit.indicators/1","units":[{"id":"a","name":"A"}],"indicators":[)";
const std::string kIndicator = R"({"code":"K","unit":"a","polarity":"positive",)"
                               R"("accumulation":"sum","values":[{"period":"2024",)";
const std::string kSop = R"({"format":"sopkit.sop/1","actors":[],"steps":[)";
const std::string kScale = R"({"name":"x","valid_from":"2024-01-01","bands":[)";

TEST(JsonMessages, TheRootThatIsNoObjectIsWordedOnce) {
  for (const Loader& l : loaders())
    expect_refusal({l.name, "[]", "x.json:/", "the document must be an object, not a list"});
}

TEST(JsonMessages, ANumberWhereTextBelongsIsWordedOnce) {
  const std::string message = "must be text, not a number";
  for (const Case& c : std::vector<Case>{
           {"sop", kSop + R"(], "title": 7})", "x.json:/title", message},
           {"indicators", kIndicators + R"(], "source": 7})", "x.json:/source", message},
           {"runs", kRuns + R"(], "observer": 7}]})", "x.json:/runs/0/observer", message},
           {"rating scale", kScale + R"({"label":"A"}], "legal_basis": 7})", "x.json:/legal_basis",
            message},
           {"calendar", kCalendar + R"(, "id": 7})", "x.json:/id", message},
       })
    expect_refusal(c);
}

TEST(JsonMessages, AValueWhereAnObjectBelongsIsWordedOnce) {
  const std::string message = "must be an object, not a number";
  for (const Case& c : std::vector<Case>{
           {"sop", kSop + "7]}", "x.json:/steps/0", message},
           {"indicators", kIndicators + "7]}", "x.json:/indicators/0", message},
           {"runs", R"({"format":"sopkit.runs/1","runs":[7]})", "x.json:/runs/0", message},
           {"rating scale", kScale + "7]}", "x.json:/bands/0", message},
           {"calendar", kCalendar + R"(, "holidays": [7]})", "x.json:/holidays/0", message},
       })
    expect_refusal(c);
}

TEST(JsonMessages, AnObjectWhereAListBelongsIsWordedOnce) {
  const std::string message = "must be a list, not an object";
  for (const Case& c : std::vector<Case>{
           {"sop", R"({"format":"sopkit.sop/1","actors":[],"steps":{}})", "x.json:/steps", message},
           {"indicators", R"({"format":"sopkit.indicators/1","indicators":{}})",
            "x.json:/indicators", message},
           {"runs", R"({"format":"sopkit.runs/1","runs":{}})", "x.json:/runs", message},
           {"rating scale", R"({"name":"x","valid_from":"2024-01-01","bands":{}})", "x.json:/bands",
            message},
           {"calendar", kCalendar + R"(, "holidays": {}})", "x.json:/holidays", message},
       })
    expect_refusal(c);
}

TEST(JsonMessages, TextWhereANumberOrTrueOrFalseBelongsIsWordedOnce) {
  for (const Case& c : std::vector<Case>{
           {"indicators", kIndicators + kIndicator + R"("target":"90"}]}]})",
            "x.json:/indicators/0/values/0/target", "must be a number or null, not text"},
           {"rating scale", kScale + R"({"label":"A","min":"1"}]})", "x.json:/bands/0/min",
            "must be a number or null, not text"},
           {"rating scale", kScale + R"({"label":"A","inclusive":"yes"}]})",
            "x.json:/bands/0/inclusive", "must be true or false, not text"},
           {"calendar",
            kCalendar +
                R"(, "periods": [{"from":"2024-02-01","to":"2024-02-02","optional":"yes"}]})",
            "x.json:/periods/0/optional", "must be true or false, not text"},
           {"runs", kRuns + R"(], "evaluation": {"sinergi": "Ya"}}]})",
            "x.json:/runs/0/evaluation/sinergi", "must be true, false or null, not text"},
       })
    expect_refusal(c);
}

TEST(JsonMessages, AMissingMemberIsNamedAtItsObject) {
  for (const Case& c : std::vector<Case>{
           {"sop", R"({"format":"sopkit.sop/1","actors":[]})", "x.json:/", "missing \"steps\""},
           {"sop", kSop + R"({"kind":"start"}]})", "x.json:/steps/0", "missing \"id\""},
           {"indicators", R"({"format":"sopkit.indicators/1"})", "x.json:/",
            "missing \"indicators\""},
           {"runs", R"({"format":"sopkit.runs/1"})", "x.json:/", "missing \"runs\""},
           {"runs", R"({"format":"sopkit.runs/1","runs":[{"case":"A"}]})", "x.json:/runs/0",
            "missing \"events\""},
           {"rating scale", R"({"valid_from":"2024-01-01","bands":[]})", "x.json:/",
            "missing \"name\""},
           {"rating scale", kScale + R"({"min":null}]})", "x.json:/bands/0", "missing \"label\""},
           {"calendar", R"({"format":"sopkit.calendar/1"})", "x.json:/", "missing \"coverage\""},
       })
    expect_refusal(c);
  for (const char* l : {"sop", "indicators", "runs", "calendar"})
    expect_refusal({l, "{}", "x.json:/", "missing \"format\""});
}

TEST(JsonMessages, AnotherFormatIsWordedOnce) {
  for (const auto& [l, format] :
       std::vector<std::pair<std::string, std::string>>{{"sop", "sopkit.sop/1"},
                                                        {"indicators", "sopkit.indicators/1"},
                                                        {"runs", "sopkit.runs/1"},
                                                        {"calendar", "sopkit.calendar/1"}}) {
    expect_refusal({l, R"({"format": "sopkit.x/9"})", "x.json:/format",
                    "format 'sopkit.x/9' is not supported; this version reads \"" + format + "\""});
    expect_refusal({l, R"({"format": 1})", "x.json:/format", "must be text, not a number"});
  }
}

TEST(JsonMessages, AnUnknownKeyWhereKeysAreFixedIsWordedOnce) {
  for (const Case& c : std::vector<Case>{
           {"calendar", kCalendar + R"(, "holidays": [{"date":"2024-02-08","zz":1}]})",
            "x.json:/holidays/0/zz",
            "unknown key \"zz\" (known keys: date, name, kind, decree, note)"},
           {"runs", kRuns + R"(], "evaluation": {"zz": true}}]})", "x.json:/runs/0/evaluation/zz",
            "unknown key \"zz\" (known keys: mendorong_kinerja, mudah_dipahami, "
            "mudah_dilaksanakan, peran_jelas, atasi_masalah, kebutuhan_kinerja, sinergi)"},
           {"sop", kSop + R"(], "dates": {"revised": [{"date": "2024-01-01", "zz": 1}]}})",
            "x.json:/dates/revised/0/zz", "unknown key \"zz\" (known keys: date, description)"},
       })
    expect_refusal(c);
}

TEST(JsonMessages, AnEmptyTextOrListThatNeedsContentIsWordedOnce) {
  for (const Case& c : std::vector<Case>{
           {"sop", kSop + R"({"id":""}]})", "x.json:/steps/0/id", "must not be empty"},
           {"sop", R"({"format":"sopkit.sop/1","actors":[{"id":""}],"steps":[]})",
            "x.json:/actors/0/id", "must not be empty"},
           {"runs", R"({"format":"sopkit.runs/1","runs":[]})", "x.json:/runs", "must not be empty"},
           {"runs", R"({"format":"sopkit.runs/1","runs":[{"case":"A","events":[]}]})",
            "x.json:/runs/0/events", "must not be empty"},
           {"runs", kRuns.substr(0, kRuns.find("\"A\"")) + R"("","events":[)" + kEvent + "]}]}",
            "x.json:/runs/0/case", "must not be empty"},
       })
    expect_refusal(c);
}

}  // namespace
}  // namespace sopkit
