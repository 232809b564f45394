// JsonDocument, the one JSON reader: the depth limit, the positions of syntax
// errors, repeated keys.
#include "io/detail/json_cursor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sopkit/error.hpp"
#include "sopkit/sop_json.hpp"

namespace sopkit {
namespace {

std::string nested(std::size_t levels, const std::string& inside) {
  return std::string(levels, '[') + inside + std::string(levels, ']');
}

Error parse_error_of(const std::string& text) {
  try {
    detail::JsonDocument doc(text, "doc.json", 4);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text;
  return Error(ErrorCode::internal, "", "");
}

// The value at `pointer` of `text` read with depth limit 4, as JSON text.
std::string value_at(const std::string& text, const char* pointer) {
  const detail::JsonDocument doc(text, "doc.json", 4);
  return simdjson::to_string(doc.root().at_pointer(pointer).value());
}

TEST(JsonText, ValuesAtTheDepthLimitAreAccepted) {
  EXPECT_EQ(value_at(nested(4, "1"), "/0/0/0/0"), "1");
  EXPECT_EQ(value_at(nested(5, ""), "/0/0/0/0"), "[]");
  EXPECT_EQ(value_at(R"({"a": {"b": {"c": {"d": 2}}}})", "/a/b/c/d"), "2");
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

// The document and a loader (which checks the keys before any member is
// read), so that every loader refuses the same documents.
std::vector<Error> errors_of_both_readers(const std::string& text) {
  std::vector<Error> errors;
  try {
    detail::JsonDocument doc(text, "doc.json");
    ADD_FAILURE() << "JsonDocument accepted: " << text;
  } catch (const Error& e) {
    errors.push_back(e);
  }
  try {
    parse_sop_json(text, "doc.json");
    ADD_FAILURE() << "parse_sop_json accepted: " << text;
  } catch (const Error& e) {
    errors.push_back(e);
  }
  return errors;
}

void expect_repeated_key(const std::string& text, const std::string& key,
                         const std::string& where) {
  for (const Error& e : errors_of_both_readers(text)) {
    EXPECT_EQ(e.code(), ErrorCode::format_error) << text;
    EXPECT_EQ(e.message(),
              "the key \"" + key + "\" appears twice in the same object; give each key once");
    EXPECT_EQ(e.where(), where);
  }
}

std::string object_of(std::size_t members, const std::string& last_key) {
  std::string text = "{";
  for (std::size_t i = 0; i < members; ++i) text += "\"k" + std::to_string(i) + "\":1,";
  return text + "\"" + last_key + "\":2}";
}

TEST(JsonText, ARepeatedKeyIsRefusedAtItsSecondOccurrence) {
  expect_repeated_key(R"({"a":1,"b":2,"a":3})", "a", "doc.json:/a");
  expect_repeated_key(R"({"steps":[{"id":"1"},{"id":"2","next":"3","id":"4"}]})", "id",
                      "doc.json:/steps/1/id");
  expect_repeated_key(R"({"a/b":{"x~":1,"x~":1}})", "x~", "doc.json:/a~1b/x~0");
}

TEST(JsonText, ARepeatedKeyIsFoundInLargeObjects) {
  expect_repeated_key(object_of(15, "k3"), "k3", "doc.json:/k3");
  expect_repeated_key(object_of(16, "k15"), "k15", "doc.json:/k15");
  expect_repeated_key(object_of(1000, "k0"), "k0", "doc.json:/k0");
}

TEST(JsonText, TheSameKeyInDifferentObjectsIsAccepted) {
  const std::string text = R"({"a":{"id":1},"b":{"id":2},"c":[{"id":3},{"id":4}]})";
  EXPECT_EQ(value_at(text, "/c/1/id"), "4");
  const detail::JsonDocument large(object_of(1000, "k1000"), "doc.json");
  EXPECT_EQ(detail::JsonCursor(large).size(), 1001u);
}

}  // namespace
}  // namespace sopkit
