// Format v1: lossless round trips, atomic saves, errors with JSON pointers.
#include "sopkit/sop_json.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sopkit/error.hpp"
#include "test_paths.hpp"

namespace sopkit {
namespace {

namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A scratch folder removed at the end of each test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "sopkit-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (fs::path(path_) / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path_), {}));
  }

 private:
  std::string path_;
};

const char* kMinimal = R"({
  "format": "sopkit.sop/1", "number": "1/SOP", "title": "T",
  "actors": [{"id": "a", "name": "A"}],
  "steps": [
    {"id": "1", "activity": "x", "actor": "a", "kind": "start", "time": "5 menit", "next": "2"},
    {"id": "2", "activity": "y", "actor": "a", "kind": "end", "time": "1 jam"}
  ]})";

// Replaces the first `from` in kMinimal, to make one bad document per test.
std::string minimal_with(const std::string& from, const std::string& to) {
  std::string s = kMinimal;
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return s.replace(pos, from.size(), to);
}

Error load_error(const std::string& text) {
  try {
    parse_sop_json(text, "bad.json");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "loaded: " << text;
  return Error(ErrorCode::internal, "no error");
}

TEST(SopJson, SeedLoadsWithEveryField) {
  Sop sop = load_sop_file(test::seed_path());
  const SopDocument& d = sop.document();
  EXPECT_EQ(d.number, "002/SOP/Disdikbud-BLG/2023");
  EXPECT_EQ(d.title, "Monitoring/Evaluasi Internal Capaian Kinerja");
  EXPECT_EQ(d.organization.government, "Pemerintah Kabupaten Balangan");
  EXPECT_FALSE(d.organization.unit.has_value());
  EXPECT_EQ(d.dates.created, "2023-01-01");
  EXPECT_TRUE(d.dates.revised.empty());
  EXPECT_EQ(d.approval.nip, "19661002199001 1 002");
  EXPECT_EQ(d.legal_basis.size(), 6u);
  EXPECT_EQ(d.qualifications.size(), 4u);
  EXPECT_EQ(d.related_sops.size(), 2u);
  EXPECT_EQ(d.equipment.size(), 4u);
  EXPECT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.records.size(), 1u);
  EXPECT_EQ(d.actors.size(), 5u);
  ASSERT_EQ(d.steps.size(), 13u);
  EXPECT_EQ(d.steps[0].kind, StepKind::start);
  EXPECT_EQ(d.steps[0].actor, "sekretaris");
  EXPECT_EQ(d.steps[2].output, "7 hari");  // the seed's own data error, kept
  EXPECT_EQ(d.steps[3].requirements.size(), 3u);
  EXPECT_EQ(d.steps[8].time_text, "1 Minggu");
  EXPECT_EQ(d.steps[10].kind, StepKind::decision);
  EXPECT_EQ(d.steps[12].kind, StepKind::end);
  EXPECT_NE(d.steps[0].extra.find("Mulai"), std::string::npos);  // unknown field kept
  EXPECT_NE(d.extra.find("encoding_note"), std::string::npos);
}

// Times repeat over a document's steps and are parsed once per distinct text;
// past the memo's size every step must still get its own text's reading.
TEST(SopJson, EveryStepGetsTheReadingOfItsOwnTime) {
  std::vector<std::string> times;
  for (int i = 1; i <= 5000; ++i) times.push_back(std::to_string(i) + " Menit");
  for (int i = 0; i < 3000; ++i)
    times.push_back(i % 3 ? "1-3 Hari" : i % 2 ? "sebentar" : "15 menit");
  for (int i = 5000; i > 4000; --i) times.push_back(std::to_string(i) + " Menit");
  std::string text = R"({"format": "sopkit.sop/1", "number": "1", "title": "T",
    "actors": [{"id": "a", "name": "A"}], "steps": [)";
  for (std::size_t i = 0; i < times.size(); ++i) {
    text += i ? "," : "";
    text += R"({"id": ")" + std::to_string(i + 1) + R"(", "actor": "a", "kind": ")" +
            (i + 1 == times.size() ? "end" : "process") + R"(", "time": ")" + times[i] + R"("})";
  }
  text += "]}";
  const SopDocument doc = parse_sop_json(text, "many.json");
  ASSERT_EQ(doc.steps.size(), times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    ASSERT_EQ(doc.steps[i].time_text, times[i]);
    const auto want = Duration::try_parse(times[i]);
    ASSERT_EQ(doc.steps[i].time.has_value(), want.has_value()) << times[i];
    if (want) {
      ASSERT_TRUE(*doc.steps[i].time == *want) << times[i];
    }
  }
}

TEST(SopJson, RoundTripGivesAnEqualDocument) {
  SopDocument first = load_sop_file(test::seed_path()).document();
  SopDocument second = parse_sop_json(sop_to_json(first));
  EXPECT_EQ(first, second);
  EXPECT_EQ(sop_to_json(first), sop_to_json(second));  // and saving is stable
}

TEST(SopJson, UnknownFieldsSurviveAtEveryLevel) {
  std::string text = R"({"format":"sopkit.sop/1","x_app":{"k":[1,2]},
    "organization":{"agency":"D","x_kode":"1.01"},
    "dates":{"created":"2023-01-01","x_src":"scan"},
    "approval":{"name":"N","x_sign":true},
    "actors":[{"id":"a","name":"A","x_color":"#f00"}],
    "steps":[{"id":"1","actor":"a","kind":"start","time":"1 jam","next":"2","x_form":"F-1"},
             {"id":"2","actor":"a","kind":"end","time":"1 jam"}]})";
  SopDocument doc = parse_sop_json(text);
  std::string saved = sop_to_json(doc);
  for (const char* key : {"x_app", "x_kode", "x_src", "x_sign", "x_color", "x_form"})
    EXPECT_NE(saved.find(key), std::string::npos) << key;
  EXPECT_EQ(parse_sop_json(saved), doc);
}

TEST(SopJson, Utf8IsPreserved) {
  std::string text = minimal_with("\"activity\": \"x\"",
                                  "\"activity\": \"Verifikasi \xE2\x80\x9C"
                                  "berkas\xE2\x80\x9D \xC2\xB1 \xE6\x96\x87\"");
  SopDocument doc = parse_sop_json(text);
  EXPECT_EQ(doc.steps[0].activity,
            "Verifikasi \xE2\x80\x9C"
            "berkas\xE2\x80\x9D \xC2\xB1 \xE6\x96\x87");
  EXPECT_NE(sop_to_json(doc).find("\xE6\x96\x87"), std::string::npos);  // not \u-escaped away
}

TEST(SopJson, RevisionsReadAsNoneOneOrMany) {
  auto revisions = [](const std::string& v) {
    return parse_sop_json(minimal_with("\"title\": \"T\"",
                                       "\"title\": \"T\", \"dates\": {\"revised\": " + v + "}"))
        .dates.revised;
  };
  EXPECT_TRUE(revisions("null").empty());
  ASSERT_EQ(revisions("\"2024-03-01\"").size(), 1u);
  auto many = revisions(R"(["2024-03-01", {"date": "2025-01-02", "description": "waktu step 3"}])");
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(many[1].description, "waktu step 3");
}

// JSON readers keep the last of a repeated key; unknown members are kept in
// key order whatever order the file gives them.
TEST(SopJson, ExtrasAreInKeyOrder) {
  SopDocument doc =
      parse_sop_json(minimal_with("\"title\": \"T\"", R"("title": "B", "zeta": [1, 2.5, null],
                   "alpha": {"y": false, "x": -3})"));
  EXPECT_EQ(doc.title, "B");
  EXPECT_EQ(doc.extra, R"({"alpha":{"x":-3,"y":false},"zeta":[1,2.5,null]})");
}

TEST(SopJson, ARepeatedKeyIsRefusedEvenInsideExtras) {
  for (const std::string& members :
       {std::string(R"("title": "A", "zeta": 1, "title": "B")"),
        std::string(R"("title": "T", "alpha": {"y": true, "x": -3, "y": false})")}) {
    Error e = load_error(minimal_with("\"title\": \"T\"", members));
    EXPECT_EQ(e.code(), ErrorCode::format_error) << members;
    EXPECT_NE(e.message().find("appears twice in the same object"), std::string::npos);
  }
  EXPECT_EQ(load_error(minimal_with("\"title\": \"T\"",
                                    R"("title": "T", "alpha": {"y": true, "y": false})"))
                .where(),
            "bad.json:/alpha/y");
}

TEST(SopJson, ARevisionWithUnknownMembersNamesTheFirstInKeyOrder) {
  Error e = load_error(minimal_with(
      "\"title\": \"T\"",
      R"("title": "T", "dates": {"revised": [{"date": "2024-01-01", "zz": 1, "mm": 2}]})"));
  EXPECT_EQ(e.code(), ErrorCode::format_error);
  EXPECT_EQ(e.where(), "bad.json:/dates/revised/0/mm");
}

TEST(SopJson, TextThatIsNotJsonKeepsItsPositionAndReason) {
  for (const std::string& bad :
       {std::string("\"title\": \"T\xFF\""), std::string("\"title\": 1e999"),
        std::string("\"title\": \"T\",")}) {
    Error e = load_error(minimal_with("\"title\": \"T\"", bad));
    EXPECT_EQ(e.code(), ErrorCode::parse_error) << bad;
    EXPECT_TRUE(e.message().rfind("not valid JSON", 0) == 0 ||
                e.message().rfind("unreadable JSON value", 0) == 0)
        << e.message();
  }
  EXPECT_EQ(load_error(minimal_with("\"title\": \"T\"", "\"title\": \"T\xFF\"")).where(),
            "bad.json:2:59");
}

TEST(SopJson, MessagesQuoteAtMostAShortExcerptOfTheInput) {
  const std::string huge(100000, 'x');
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"\"kind\": \"start\"", "\"kind\": \"" + huge + "\""},
        {"\"format\": \"sopkit.sop/1\"", "\"format\": \"" + huge + "\""},
        {"\"title\": \"T\"", "\"title\": \"T\", \"dates\": {\"created\": \"" + huge + "\"}"}}) {
    Error e = load_error(minimal_with(from, to));
    EXPECT_EQ(e.code(), ErrorCode::format_error);
    EXPECT_LT(e.message().size(), 300u) << e.message().substr(0, 300);
    EXPECT_NE(e.message().find("xxx\xE2\x80\xA6"), std::string::npos) << e.message().substr(0, 300);
  }
}

TEST(SopJson, AByteOrderMarkIsSkippedAsBefore) {
  const std::string text = "\xEF\xBB\xBF" + std::string(kMinimal);
  EXPECT_EQ(parse_sop_json(text).steps.size(), 2u);
  EXPECT_EQ(load_error("\xEF\xBB\xBF" + minimal_with("\"title\": \"T\"", "\"title\": ")).where(),
            "bad.json:2:57");
}

// An integer past 64 bits is read as a number, as JSON readers commonly do.
TEST(SopJson, AnIntegerPastSixtyFourBitsLoadsAsANumber) {
  SopDocument doc = parse_sop_json(
      minimal_with("\"title\": \"T\"", R"("title": "T", "x": 18446744073709551616)"));
  EXPECT_EQ(doc.extra, R"({"x":1.8446744073709552e+19})");
}

TEST(SopJson, UnparseableTimeIsKeptForValidation) {
  SopDocument doc = parse_sop_json(minimal_with("\"5 menit\"", "\"segera\""));
  EXPECT_EQ(doc.steps[0].time_text, "segera");
  EXPECT_FALSE(doc.steps[0].time.has_value());
  EXPECT_EQ(parse_sop_json(sop_to_json(doc)), doc);
}

TEST(SopJson, SyntaxErrorsGiveLineAndColumn) {
  Error e = load_error("{\n  \"format\": \"sopkit.sop/1\",\n  \"steps\": [,]\n}");
  EXPECT_EQ(e.code(), ErrorCode::parse_error);
  EXPECT_EQ(e.where(), "bad.json:3:13");
}

TEST(SopJson, TruncatedDocumentIsAParseError) {
  std::string text = kMinimal;
  EXPECT_EQ(load_error(text.substr(0, text.size() / 2)).code(), ErrorCode::parse_error);
}

TEST(SopJson, InvalidUtf8IsAParseError) {
  EXPECT_EQ(load_error(minimal_with("\"x\"", "\"\xC3\x28\"")).code(), ErrorCode::parse_error);
}

TEST(SopJson, WrongTypesNameTheJsonPointer) {
  struct Case {
    std::string from, to, pointer, fragment;
  } cases[] = {
      {"\"5 menit\"", "5", "bad.json:/steps/0/time", "needs its unit"},
      {"\"kind\": \"start\"", "\"kind\": \"mulai\"", "bad.json:/steps/0/kind",
       "unknown kind 'mulai'"},
      {"\"id\": \"1\"", "\"id\": 1", "bad.json:/steps/0/id", "must be text, not a number"},
      {"\"next\": \"2\"", "\"next\": 2", "bad.json:/steps/0/next", "step id"},
      {"\"next\": \"2\"", "\"next\": [\"2\", 3]", "bad.json:/steps/0/next/1", "text"},
      {"\"title\": \"T\"", "\"title\": [\"T\"]", "bad.json:/title", "text"},
      {"\"title\": \"T\"", "\"title\": \"T\", \"legal_basis\": \"UU 23\"", "bad.json:/legal_basis",
       "must be a list, not text"},
      {"\"title\": \"T\"", "\"title\": \"T\", \"dates\": {\"created\": \"2024-02-30\"}",
       "bad.json:/dates/created", "not a calendar date"},
      {"\"title\": \"T\"", "\"title\": \"T\", \"dates\": {\"revised\": [\"01-02-2024\"]}",
       "bad.json:/dates/revised/0", "not a calendar date"},
      {"\"format\": \"sopkit.sop/1\"", "\"format\": \"sopkit.sop/2\"", "bad.json:/format",
       "not supported"},
      {"{\"id\": \"a\", \"name\": \"A\"}", "{\"name\": \"A\"}", "bad.json:/actors/0",
       "missing \"id\""},
      {"\"actors\": [", "\"actors\": 7, \"x\": [", "bad.json:/actors", "must be a list"},
      {"\"time\": \"1 jam\"", "\"time\": \"1 jam\", \"no_probability\": \"tinggi\"",
       "bad.json:/steps/1/no_probability", "number"},
  };
  for (const auto& c : cases) {
    Error e = load_error(minimal_with(c.from, c.to));
    EXPECT_EQ(e.code(), ErrorCode::format_error) << c.to;
    EXPECT_EQ(e.where(), c.pointer) << c.to;
    EXPECT_NE(e.message().find(c.fragment), std::string::npos) << e.what();
  }
}

TEST(SopJson, MissingFormatOrStepsIsAFormatError) {
  EXPECT_EQ(load_error("{\"steps\": []}").code(), ErrorCode::format_error);
  EXPECT_EQ(load_error("{\"format\": \"sopkit.sop/1\", \"actors\": []}").code(),
            ErrorCode::format_error);
  EXPECT_EQ(load_error("[1, 2]").code(), ErrorCode::format_error);
}

TEST(SopJson, DeepNestingIsRefusedNotRecursedInto) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  std::string text = minimal_with("\"title\": \"T\"", "\"title\": \"T\", \"x\": " + deep);
  EXPECT_EQ(load_error(text).code(), ErrorCode::format_error);
}

TEST(SopJson, MissingFileIsAnIoErrorNamingIt) {
  try {
    load_sop_file("/nonexistent/sop.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    EXPECT_EQ(e.where(), "/nonexistent/sop.json");
  }
}

TEST(SopJson, SaveWritesAtomicallyAndLeavesNoTemporaryFile) {
  TempDir dir;
  SopDocument doc = load_sop_file(test::seed_path()).document();
  std::string path = dir.file("sop.json");
  save_sop_file(doc, path);
  EXPECT_EQ(load_sop_file(path).document(), doc);
  doc.title = "Judul baru";
  save_sop_file(doc, path);  // replaces the file
  EXPECT_EQ(load_sop_file(path).document().title, "Judul baru");
  EXPECT_EQ(dir.entries(), 1u);
}

TEST(SopJson, FailedSaveLeavesTheOldFileIntact) {
  TempDir dir;
  SopDocument doc = load_sop_file(test::seed_path()).document();
  std::string path = dir.file("sop.json");
  save_sop_file(doc, path);
  std::string before = read_text(path);
  // Renaming over a directory fails after the temporary file was written.
  std::string blocked = dir.file("sub");
  fs::create_directory(blocked);
  EXPECT_THROW(save_sop_file(doc, blocked), Error);
  EXPECT_EQ(read_text(path), before);
  EXPECT_EQ(dir.entries(), 2u);  // sop.json and sub: no temporary file left behind
  EXPECT_THROW(save_sop_file(doc, dir.file("missing/sop.json")), Error);
}

}  // namespace
}  // namespace sopkit
