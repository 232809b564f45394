// json_cursor.hpp — one way for every loader to walk a parsed JSON document.
//
// The document is parsed by simdjson (hundreds of MB/s); malformed text, too
// deep nesting and numbers a double cannot hold are handed to
// parse_json_syntax (nlohmann), so that those messages and their line:column
// stay as users know them. A JsonCursor is one value and where it is: its JSON pointer is
// built only when a message needs it, never on the happy path.
#pragma once

#include <simdjson.h>
#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sopkit::detail {

// The kinds of value a loader asks for; messages name them as a clerk reads
// them: "an object", "a list", "text", "a number", "true or false".
enum class JsonKind { object, list, text, number, boolean };

// A parsed document; owns the parser's memory that every cursor points into.
class JsonDocument {
 public:
  // Throws as parse_json_syntax does: Error{parse_error} at "source:line:column",
  // Error{format_error} for nesting deeper than `max_depth` or a key repeated
  // within one object.
  JsonDocument(std::string_view text, const std::string& source, std::size_t max_depth = 64);
  // The same for a text followed by at least SIMDJSON_PADDING readable bytes,
  // which the parser reads in place; the other constructor copies the text.
  JsonDocument(simdjson::padded_string_view text, const std::string& source,
               std::size_t max_depth = 64);
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  simdjson::dom::element root() const { return root_; }
  const std::string& source() const { return source_; }

 private:
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  std::string source_;
  std::string canonical_;  // the text simdjson read, when not the caller's
};

// The document of a JSON file. The file's text is freed once parsed (the
// document holds its own copy of every string), so that a large file is not
// held twice while its values are read.
std::unique_ptr<JsonDocument> load_json_document(const std::string& path,
                                                 std::size_t max_depth = 64);

class JsonCursor {
 public:
  explicit JsonCursor(const JsonDocument& doc) : JsonCursor(doc.root(), doc.source(), nullptr) {}

  // Error{format_error} at "source:/json/pointer".
  [[noreturn]] void fail(const std::string& message) const;
  // Error{format_error} at member `key` of this object, present or not.
  [[noreturn]] void fail_member(std::string_view key, const std::string& message) const;
  // The faults every loader shares, each worded here and nowhere else (see
  // docs/format.md, "Messages"):
  // "must be <kind>[ or null], not <type()>" ("the document must be ..." at
  // the root), here.
  [[noreturn]] void fail_type(JsonKind kind, bool or_null = false) const;
  // "missing \"key\"", at this object.
  [[noreturn]] void fail_missing(std::string_view key) const;
  // "must not be empty" (an empty text or list), here.
  [[noreturn]] void fail_empty() const;
  // "unknown key \"key\" (known keys: a, b)", at this member.
  [[noreturn]] void fail_unknown_key(const std::string& known) const;

  // This value, or fail_type unless it is of `kind` (or null, when `or_null`).
  const JsonCursor& expect(JsonKind kind, bool or_null = false) const;
  // The value, or fail_type when it is of another kind.
  std::string_view as_text() const { return expect(JsonKind::text).view(); }
  double as_number() const { return expect(JsonKind::number).number(); }
  bool as_bool() const { return expect(JsonKind::boolean).boolean(); }
  // fail_unknown_key at the first member, in key order, not named in
  // `known` (check is_object() first).
  template <typename Keys>
  void refuse_unknown_members(const Keys& known) const {
    std::optional<JsonCursor> first;
    for_each_member([&](std::string_view k, const JsonCursor& value) {
      if (std::find(std::begin(known), std::end(known), k) == std::end(known) &&
          (!first || k < first->key()))
        first.emplace(value);
    });
    if (first) first->fail_unknown_key(joined(std::begin(known), std::end(known)));
  }
  void refuse_unknown_members(std::initializer_list<std::string_view> known) const {
    refuse_unknown_members<std::initializer_list<std::string_view>>(known);
  }
  // Member "format", which must be the text `format`: fail_missing, fail_type,
  // or "format 'X' is not supported; this version reads \"<format>\"".
  void expect_format(std::string_view format) const;

  std::string pointer() const;
  // "source:/json/pointer" ("source:/" at the root).
  std::string location() const;
  // "source:/json/pointer/key": where member `key` of this object is, present or not.
  std::string location_of(std::string_view key) const;
  // The member name this value sits under ("" for the root and list items).
  std::string_view key() const { return key_; }

  bool is_null() const { return v_.is_null(); }
  bool is_string() const { return v_.is_string(); }
  bool is_number() const { return v_.is_number(); }
  bool is_bool() const { return v_.is_bool(); }
  bool is_array() const { return v_.is_array(); }
  bool is_object() const { return v_.is_object(); }
  // "null", "an object", "a list", "text", "true/false", "a number".
  std::string type() const;

  // Member `key` of an object (JsonDocument refuses repeated keys, so there
  // is at most one); nothing when absent or when this is not an object.
  std::optional<JsonCursor> find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key).has_value(); }
  // Member `key`, which must exist (check has() first).
  JsonCursor at(std::string_view key) const;

  std::string text() const;  // the string value; check is_string() first
  // The string value as the document holds it, valid while the document
  // lives; check is_string() first.
  std::string_view view() const { return v_.get_string().value_unsafe(); }
  double number() const;  // the number value; check is_number() first
  bool boolean() const { return v_.get_bool().value_unsafe(); }  // check is_bool() first
  std::size_t size() const;  // elements of an array, members of an object

  // The members named in `keys`, each read once in one pass over the object
  // (check is_object() first): slot i holds member keys[i], or nothing when
  // absent. Members not named are skipped.
  template <std::size_t N>
  std::array<std::optional<JsonCursor>, N> members(
      const std::array<std::string_view, N>& keys) const {
    std::array<std::optional<JsonCursor>, N> out;
    for (simdjson::dom::key_value_pair kv : object())
      for (std::size_t i = 0; i < N; ++i)
        if (kv.key == keys[i]) {
          out[i].emplace(JsonCursor(kv.value, src_, this, kv.key));
          break;
        }
    return out;
  }

  // Calls f(JsonCursor item) for each element of an array (check is_array()
  // first), in order.
  template <typename F>
  void for_each_item(F f) const {
    std::size_t i = 0;
    for (simdjson::dom::element item : array()) f(JsonCursor(item, src_, this, i++));
  }
  // Calls f(std::string_view key, JsonCursor value) for each member of an
  // object (check is_object() first), in document order.
  template <typename F>
  void for_each_member(F f) const {
    for (simdjson::dom::key_value_pair kv : object())
      f(kv.key, JsonCursor(kv.value, src_, this, kv.key));
  }

  // The value as nlohmann JSON, for the few places that keep raw JSON
  // (unknown members kept as extra fields).
  nlohmann::json to_json() const;

 private:
  template <typename It>
  static std::string joined(It begin, It end) {
    std::string out;
    for (It it = begin; it != end; ++it) out += (it == begin ? "" : ", ") + std::string(*it);
    return out;
  }
  // By value: simdjson's results are temporaries that must not be iterated.
  simdjson::dom::object object() const { return v_.get_object().value_unsafe(); }
  simdjson::dom::array array() const { return v_.get_array().value_unsafe(); }
  JsonCursor(simdjson::dom::element v, const std::string& src, const JsonCursor* parent)
      : v_(v), src_(src), parent_(parent) {}
  JsonCursor(simdjson::dom::element v, const std::string& src, const JsonCursor* parent,
             std::string_view key)
      : v_(v), src_(src), parent_(parent), key_(key), is_member_(true) {}
  JsonCursor(simdjson::dom::element v, const std::string& src, const JsonCursor* parent,
             std::size_t index)
      : v_(v), src_(src), parent_(parent), index_(index) {}

  simdjson::dom::element v_;
  const std::string& src_;
  // The way here, for messages: the parent outlives its children because
  // cursors are made and used inside the reading functions' scopes.
  const JsonCursor* parent_;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_member_ = false;
};

// The text of member `key` of `obj` found as `member` (JsonCursor::members):
// "" when absent or null, or obj.fail_missing(key) when `required`;
// fail_type at the member when it is not text.
std::string string_member(const JsonCursor& obj, const std::optional<JsonCursor>& member,
                          std::string_view key, bool required);

}  // namespace sopkit::detail
