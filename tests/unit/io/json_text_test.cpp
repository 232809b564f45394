// parse_json_text: the depth limit and the positions of syntax errors.
#include "io/detail/json_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sopkit/error.hpp"

namespace sopkit {
namespace {

std::string nested(std::size_t levels, const std::string& inside) {
  return std::string(levels, '[') + inside + std::string(levels, ']');
}

Error parse_error_of(const std::string& text) {
  try {
    detail::parse_json_text(text, "doc.json", 4);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text;
  return Error(ErrorCode::internal, "", "");
}

TEST(JsonText, ValuesAtTheDepthLimitAreAccepted) {
  EXPECT_EQ(detail::parse_json_text(nested(4, "1"), "doc.json", 4)[0][0][0][0], 1);
  EXPECT_TRUE(detail::parse_json_text(nested(5, ""), "doc.json", 4)[0][0][0][0].empty());
  EXPECT_EQ(detail::parse_json_text(R"({"a": {"b": {"c": {"d": 2}}}})", "doc.json",
                                    4)["a"]["b"]["c"]["d"],
            2);
}

TEST(JsonText, OneLevelPastTheLimitIsAFormatError) {
  for (const std::string& text : {nested(5, "1"), nested(6, ""), nested(5, "{}"),
                                  std::string(R"({"a": {"b": {"c": {"d": {"e": 1}}}}})")}) {
    Error e = parse_error_of(text);
    EXPECT_EQ(e.code(), ErrorCode::format_error) << text;
    EXPECT_EQ(e.message(),
              "the document nests deeper than 4 levels; no sopkit document needs that");
    EXPECT_EQ(e.where(), "doc.json");
  }
}

TEST(JsonText, SyntaxErrorsWinOverDepthAndKeepTheirPosition) {
  Error e = parse_error_of(std::string(100000, '[') + "\n }");
  EXPECT_EQ(e.code(), ErrorCode::parse_error);
  EXPECT_EQ(e.where(), "doc.json:2:2");
  EXPECT_NE(e.message().find("not valid JSON: syntax error"), std::string::npos) << e.message();
}

}  // namespace
}  // namespace sopkit
