// The public JSON forms of results (sopkit/result_json.hpp): what a caller
// adds around the document, and where it goes.
#include "sopkit/result_json.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "sopkit/sop_json.hpp"

namespace sopkit {
namespace {

Sop seed() {
  return load_sop_file(std::string(SOPKIT_SOURCE_DIR) + "/examples/sop-monev-capaian-kinerja.json");
}

TEST(ResultJson, WithoutOptionsTheAnalysisIsOneLineWithoutFileOrDiagnostics) {
  Sop sop = seed();
  std::string text = analysis_to_json(sop, analyze(sop));
  EXPECT_EQ(text.rfind("{\"format\":\"sopkit.analysis/2\",\"number\":", 0), 0u)
      << text.substr(0, 80);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_EQ(text.find("\"file\""), std::string::npos);
  EXPECT_EQ(text.find("\"diagnostics\""), std::string::npos);
}

TEST(ResultJson, FileComesAfterFormatAndDiagnosticsAtTheEnd) {
  Sop sop = seed();
  const std::vector<Diagnostic> found{
      {Severity::warning, "W-TEST", "3", "/steps/2", "a warning for the test"}};
  ResultJsonOptions options;
  options.file = "seed.json";
  options.diagnostics = &found;
  options.indent = 2;
  std::string text = analysis_to_json(sop, analyze(sop), options);
  EXPECT_EQ(text.rfind("{\n  \"format\": \"sopkit.analysis/2\",\n  \"file\": \"seed.json\",\n", 0),
            0u);
  // The last top-level key ("\n  \"", two spaces deep) is the diagnostics.
  std::size_t last_key = text.rfind("\n  \"");
  EXPECT_EQ(text.substr(last_key),
            "\n  \"diagnostics\": [\n    {\n      \"severity\": \"warning\",\n"
            "      \"code\": \"W-TEST\",\n      \"step\": \"3\",\n"
            "      \"pointer\": \"/steps/2\",\n"
            "      \"message\": \"a warning for the test\"\n    }\n  ]\n}");
}

TEST(ResultJson, TheStreamWriterWritesTheSameText) {
  Sop sop = seed();
  Analysis analysis = analyze(sop);
  ResultJsonOptions options;
  options.file = "seed.json";
  options.indent = 2;
  std::ostringstream sink;
  write_analysis_json(sink, sop, analysis, options);
  EXPECT_EQ(sink.str(), analysis_to_json(sop, analysis, options));
}

TEST(ResultJson, DiagnosticsOfTheWholeDocumentHaveANullStep) {
  const std::vector<Diagnostic> found{{Severity::error, "E-TEST", "", "", "no start"}};
  EXPECT_EQ(diagnostics_to_json(found),
            "[{\"severity\":\"error\",\"code\":\"E-TEST\",\"step\":null,\"pointer\":\"\","
            "\"message\":\"no start\"}]");
}

TEST(ResultJson, WholeMinutesAreIntegers) {
  EXPECT_EQ(minutes_to_json(14160.0), "14160");
  EXPECT_EQ(minutes_to_json(0.5), "0.5");
}

}  // namespace
}  // namespace sopkit
