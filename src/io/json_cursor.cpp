// json_cursor.cpp — simdjson parsing with the project's messages, and the cursor.
#include "io/detail/json_cursor.hpp"

#include "io/detail/files.hpp"
#include "io/detail/json_text.hpp"
#include "sopkit/error.hpp"
#include "util/huge_pages.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace sopkit::detail {

namespace {

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// Objects are small (a step has about ten members): comparing with the
// members before is cheaper than hashing until an object grows large.
constexpr std::size_t kLinearScanMembers = 16;

// The first key that an object under `v` repeats: its JSON pointer (at the
// second occurrence, relative to `v`) and the key.
struct RepeatedKey {
  std::string pointer;
  std::string_view key;
};

std::optional<RepeatedKey> first_repeated_key(simdjson::dom::element v) {
  if (v.is_array()) {
    std::size_t i = 0;
    // By value: simdjson's results are temporaries that must not be iterated.
    const simdjson::dom::array items = v.get_array().value_unsafe();
    for (simdjson::dom::element item : items) {
      if (auto r = first_repeated_key(item)) {
        r->pointer = "/" + std::to_string(i) + r->pointer;
        return r;
      }
      ++i;
    }
    return std::nullopt;
  }
  if (!v.is_object()) return std::nullopt;
  std::array<std::string_view, kLinearScanMembers> seen;  // no allocation per object
  std::size_t count = 0;
  std::unordered_set<std::string_view> seen_many;
  const simdjson::dom::object members = v.get_object().value_unsafe();
  for (simdjson::dom::key_value_pair kv : members) {
    bool repeated;
    if (count < kLinearScanMembers) {
      repeated = std::find(seen.begin(), seen.begin() + count, kv.key) != seen.begin() + count;
      seen[count++] = kv.key;
      if (count == kLinearScanMembers) seen_many.insert(seen.begin(), seen.end());
    } else {
      repeated = !seen_many.insert(kv.key).second;
    }
    if (repeated) return RepeatedKey{"/" + escape_pointer_token(kv.key), kv.key};
    if (auto r = first_repeated_key(kv.value)) {
      r->pointer = "/" + escape_pointer_token(kv.key) + r->pointer;
      return r;
    }
  }
  return std::nullopt;
}

const char* kind_name(JsonKind kind, bool or_null) {
  switch (kind) {
    case JsonKind::object:
      return or_null ? "an object or null" : "an object";
    case JsonKind::list:
      return or_null ? "a list or null" : "a list";
    case JsonKind::text:
      return or_null ? "text or null" : "text";
    case JsonKind::number:
      return or_null ? "a number or null" : "a number";
    case JsonKind::boolean:
      return or_null ? "true, false or null" : "true or false";
  }
  return "";
}

bool is_kind(simdjson::dom::element v, JsonKind kind) {
  switch (kind) {
    case JsonKind::object:
      return v.is_object();
    case JsonKind::list:
      return v.is_array();
    case JsonKind::text:
      return v.is_string();
    case JsonKind::number:
      return v.is_number();
    case JsonKind::boolean:
      return v.is_bool();
  }
  return false;
}

}  // namespace

namespace {

// The parser's buffers for a text of `bytes` (simdjson 3 sizes them so:
// 4 bytes of structural index and 8 of tape per byte of text at most, 5/3 of
// it for strings) go on huge pages: a national file's first touches of them
// were a third of its loading time, page by page.
void advise_huge_pages_for(simdjson::dom::parser& parser, std::size_t bytes) {
  if (parser.implementation)
    advise_huge_pages(parser.implementation->structural_indexes.get(), 4 * bytes);
  advise_huge_pages(parser.doc.tape.get(), 8 * bytes);
  advise_huge_pages(parser.doc.string_buf.get(), 5 * bytes / 3);
}

// A text with the parser's spare bytes after it, on huge pages when large
// (its pages' first touch is most of a copy's time).
class PaddedText {
 public:
  explicit PaddedText(std::size_t capacity)
      : bytes_(new char[capacity + simdjson::SIMDJSON_PADDING]), capacity_(capacity) {
    advise_huge_pages(bytes_.get(), capacity);
  }
  char* data() noexcept { return bytes_.get(); }
  std::size_t capacity() const noexcept { return capacity_; }
  // The first `size` bytes, as the parser reads them in place.
  simdjson::padded_string_view view(std::size_t size) noexcept {
    std::memset(bytes_.get() + size, 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(std::string_view(bytes_.get(), size),
                                        size + simdjson::SIMDJSON_PADDING);
  }

 private:
  std::unique_ptr<char[]> bytes_;
  std::size_t capacity_;
};

PaddedText padded_copy(std::string_view text) {
  PaddedText copy(text.size());
  if (!text.empty()) std::memcpy(copy.data(), text.data(), text.size());
  return copy;
}

}  // namespace

JsonDocument::JsonDocument(std::string_view text, const std::string& source, std::size_t max_depth)
    : JsonDocument(padded_copy(text).view(text.size()), source, max_depth) {}

JsonDocument::JsonDocument(simdjson::padded_string_view text, const std::string& source,
                           std::size_t max_depth)
    : source_(source) {
  // simdjson's depth counts like parse_json_syntax's with one more level: a
  // value inside more than max_depth containers is refused by both.
  simdjson::padded_string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF")  // a UTF-8 byte-order mark
    body = simdjson::padded_string_view(body.substr(3), body.capacity() - 3);
  simdjson::error_code err = parser_.allocate(body.size(), max_depth + 1);
  if (!err) advise_huge_pages_for(parser_, body.size());
  if (!err) err = parser_.parse(body).get(root_);
  if (err == simdjson::MEMALLOC) throw std::bad_alloc();
  if (!err) {
    // JSON readers disagree on which of a repeated key's values counts, so a
    // document that repeats a key has no single reading.
    if (const auto r = first_repeated_key(root_))
      throw Error(ErrorCode::format_error,
                  "the key \"" + excerpt(r->key, 60) +
                      "\" appears twice in the same object; give each key once",
                  source + ":" + r->pointer);
    return;
  }
  // The reference parser words every failure the way users and tests know.
  const nlohmann::json doc = parse_json_syntax(text, source, max_depth);
  // It accepted what simdjson did not: read its canonical text instead, so
  // that both parsers accept the same documents.
  canonical_ = doc.dump();
  err = parser_.parse(canonical_).get(root_);
  if (err == simdjson::MEMALLOC) throw std::bad_alloc();
  if (err)
    throw Error(ErrorCode::parse_error,
                std::string("not valid JSON: ") + simdjson::error_message(err), source);
}

// The file's text is read into a buffer with the parser's spare bytes after
// it, so that the parser reads it in place (a copy of a national file is
// 134 MB more, and its pages' first touch).
std::unique_ptr<JsonDocument> load_json_document(const std::string& path, std::size_t max_depth) {
  InputFile file(path);
  std::optional<PaddedText> text;
  const std::size_t size = read_whole_file(file, [&](std::size_t n) {
    PaddedText bigger(n);
    if (text) std::memcpy(bigger.data(), text->data(), text->capacity());
    text.emplace(std::move(bigger));
    return text->data();
  });
  const simdjson::padded_string_view view = text->view(size);
  refuse_utf16(view, path, "file");
  return std::make_unique<JsonDocument>(view, path, max_depth);
}

void JsonCursor::fail(const std::string& message) const {
  throw Error(ErrorCode::format_error, message, location());
}

void JsonCursor::fail_type(JsonKind kind, bool or_null) const {
  fail(std::string(parent_ ? "" : "the document ") + "must be " + kind_name(kind, or_null) +
       ", not " + type());
}

void JsonCursor::fail_missing(std::string_view key) const {
  fail("missing \"" + excerpt(key, 60) + "\"");
}

void JsonCursor::fail_empty() const {
  fail("must not be empty");
}

void JsonCursor::fail_unknown_key(const std::string& known) const {
  fail("unknown key \"" + excerpt(key_, 60) + "\" (known keys: " + known + ")");
}

const JsonCursor& JsonCursor::expect(JsonKind kind, bool or_null) const {
  if (!is_kind(v_, kind) && !(or_null && v_.is_null())) fail_type(kind, or_null);
  return *this;
}

void JsonCursor::expect_format(std::string_view format) const {
  const std::optional<JsonCursor> f = expect(JsonKind::object).find("format");
  if (!f) fail_missing("format");
  const std::string_view given = f->as_text();
  if (given != format)
    f->fail("format '" + excerpt(given) + "' is not supported; this version reads \"" +
            std::string(format) + "\"");
}

std::string JsonCursor::location() const {
  const std::string p = pointer();
  return src_ + ":" + (p.empty() ? "/" : p);
}

void JsonCursor::fail_member(std::string_view key, const std::string& message) const {
  throw Error(ErrorCode::format_error, message, location_of(key));
}

std::string JsonCursor::location_of(std::string_view key) const {
  return src_ + ":" + pointer() + "/" + escape_pointer_token(key);
}

std::string JsonCursor::pointer() const {
  if (!parent_) return "";
  return parent_->pointer() + "/" +
         (is_member_ ? escape_pointer_token(key_) : std::to_string(index_));
}

std::string JsonCursor::type() const {
  switch (v_.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::ARRAY:
      return "a list";
    case simdjson::dom::element_type::STRING:
      return "text";
    case simdjson::dom::element_type::BOOL:
      return "true/false";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "a number";
  }
  return "an unsupported value";
}

std::optional<JsonCursor> JsonCursor::find(std::string_view key) const {
  if (!v_.is_object()) return std::nullopt;
  // A document repeats no key (the document refuses it), so the first match is the only one.
  for (simdjson::dom::key_value_pair kv : object())
    if (kv.key == key) return JsonCursor(kv.value, src_, this, kv.key);
  return std::nullopt;
}

JsonCursor JsonCursor::at(std::string_view key) const {
  std::optional<JsonCursor> member = find(key);
  if (!member) fail_missing(key);
  return *member;
}

std::string JsonCursor::text() const {
  return std::string(view());
}

double JsonCursor::number() const {
  return v_.get_double().value_unsafe();
}

std::size_t JsonCursor::size() const {
  if (v_.is_array()) return array().size();
  if (v_.is_object()) return object().size();
  return 0;
}

nlohmann::json JsonCursor::to_json() const {
  switch (v_.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return nullptr;
    case simdjson::dom::element_type::BOOL:
      return v_.get_bool().value_unsafe();
    case simdjson::dom::element_type::INT64:
      return v_.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
      return v_.get_uint64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE:
      return v_.get_double().value_unsafe();
    case simdjson::dom::element_type::STRING:
      return text();
    case simdjson::dom::element_type::ARRAY: {
      nlohmann::json out = nlohmann::json::array();
      for_each_item([&](const JsonCursor& item) { out.push_back(item.to_json()); });
      return out;
    }
    case simdjson::dom::element_type::OBJECT: {
      nlohmann::json out = nlohmann::json::object();
      for_each_member(
          [&](std::string_view k, const JsonCursor& v) { out[std::string(k)] = v.to_json(); });
      return out;
    }
  }
  return nullptr;
}

std::string string_member(const JsonCursor& obj, const std::optional<JsonCursor>& member,
                          std::string_view key, bool required) {
  if (!member || member->is_null()) {
    if (required) obj.fail_missing(key);
    return {};
  }
  return std::string(member->as_text());
}

}  // namespace sopkit::detail
