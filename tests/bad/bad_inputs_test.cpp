// bad_inputs_test.cpp — the bad-input corpus through the C++ API.
//
// Each manifest case names an input, the loader it goes to and what must come
// back: the loader's Error code (stage "load"), or a clean load whose
// validate() reports the diagnostic as an error (stage "validate") and, for
// stage "analyze", whose analyze() then throws the code. Every message must
// stay short enough to read, whatever the input's size.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sopkit/analysis.hpp"
#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/validation.hpp"

namespace {

struct Case {
  nlohmann::json spec;
  std::string name() const { return spec.at("file").get<std::string>(); }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string input_path(const std::string& file) {
  const std::string generated = "generated:";
  if (file.compare(0, generated.size(), generated) == 0)
    return std::string(SOPKIT_BAD_GENERATED_DIR) + "/" + file.substr(generated.size());
  return std::string(SOPKIT_BAD_DIR) + "/inputs/" + file;
}

std::vector<Case> cases() {
  const auto manifest =
      nlohmann::json::parse(read_file(std::string(SOPKIT_BAD_DIR) + "/manifest.json"));
  std::vector<Case> out;
  for (const auto& c : manifest.at("cases")) out.push_back({c});
  return out;
}

// Loads `text` with the case's loader; what analyze/validate need comes back
// through `sop` for the SOP loader.
void load(const std::string& loader, const std::string& text, const std::string& source,
          sopkit::Sop* sop) {
  if (loader == "sop") {
    *sop = sopkit::Sop(sopkit::parse_sop_json(text, source));
  } else if (loader == "calendar") {
    const sopkit::WorkCalendar cal(sopkit::parse_calendar_spec(text, source));
    (void)cal;
  } else if (loader == "indicators-csv") {
    (void)sopkit::parse_indicators_csv(text, source);
  } else if (loader == "indicators-json") {
    (void)sopkit::parse_indicators_json(text, source);
  } else {
    FAIL() << "unknown loader " << loader;
  }
}

// The outcome as "error:<code name>: message" or "diagnostic:<code>" or "ok".
struct Outcome {
  std::string kind;  // "error", "diagnostic", "ok"
  std::string code;
  std::string message;
};

Outcome run(const Case& c) {
  const auto& s = c.spec;
  const std::string file = c.name();
  const std::string text = read_file(input_path(file));
  const std::string stage = s.at("stage");
  sopkit::Sop sop;
  try {
    load(s.at("loader"), text, file, &sop);
  } catch (const sopkit::Error& e) {
    return {"error", sopkit::error_code_name(e.code()), e.what()};
  }
  if (stage == "load") return {"ok", "", ""};
  const auto diagnostics = sopkit::validate(sop);
  const std::string want = s.at("diagnostic");
  bool found = false;
  for (const auto& d : diagnostics)
    found = found || (d.code == want && d.severity == sopkit::Severity::error);
  if (!found) return {"ok", "", "validate() did not report " + want};
  if (stage == "validate") return {"diagnostic", want, ""};
  try {
    (void)sopkit::analyze(sop);
  } catch (const sopkit::Error& e) {
    return {"error", sopkit::error_code_name(e.code()), e.what()};
  }
  return {"ok", "", "analyze() did not throw"};
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, RefusedWithTheDocumentedCode) {
  const auto& s = GetParam().spec;
  const Outcome got = run(GetParam());
  const std::string stage = s.at("stage");
  // The message part is what the loader's message must contain; an analyze
  // failure is checked by its code (the diagnostic was checked in run()).
  const std::string part = stage == "load" ? s.at("cli_message").get<std::string>() : "";
  const bool as_expected =
      stage == "validate"
          ? got.kind == "diagnostic"
          : got.kind == "error" && got.code == s.at("error").get<std::string>() &&
                !got.message.empty() && got.message.find(part) != std::string::npos &&
                got.message.size() < 4096;  // a 10 MB input must not come back in the message
  if (s.contains("known_failure")) {
    EXPECT_FALSE(as_expected) << "fixed: remove known_failure from the manifest";
    GTEST_SKIP() << "known failure: " << s.at("known_failure").get<std::string>();
  }
  EXPECT_TRUE(as_expected) << "case " << s.dump() << "\n got " << got.kind << " " << got.code
                           << ": " << got.message.substr(0, 500);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string n = info.param.name();
  for (auto& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Manifest, BadInput, ::testing::ValuesIn(cases()), case_name);

// All-or-nothing: a failed load changes nothing a caller holds. The C++
// loaders return values, so the state to check is the one a caller keeps
// across a failed reload: the earlier object must be untouched and usable.
TEST(BadInputState, FailedReloadLeavesTheEarlierDocumentIntact) {
  sopkit::Sop sop = sopkit::load_sop_file(std::string(SOPKIT_SOURCE_DIR) +
                                          "/examples/sop-monev-capaian-kinerja.json");
  const auto before = sopkit::sop_to_json(sop.document());
  for (const auto& c : cases()) {
    if (c.spec.at("loader") != "sop" || c.spec.at("stage") != "load") continue;
    try {
      sop = sopkit::Sop(sopkit::parse_sop_json(read_file(input_path(c.name())), c.name()));
      ADD_FAILURE() << c.name() << " loaded";
    } catch (const sopkit::Error&) {
    }
  }
  EXPECT_EQ(sopkit::sop_to_json(sop.document()), before);
  EXPECT_NO_THROW((void)sopkit::analyze(sop));
}

}  // namespace
