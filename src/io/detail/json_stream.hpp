// json_stream.hpp — writes JSON as it goes, byte for byte as nlohmann's
// dump(indent) would write the same document, without building a DOM: a
// national evaluation has hundreds of thousands of objects. Private to the
// library.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "io/detail/chunked_output.hpp"
#include "io/detail/json_text.hpp"  // is_valid_utf8
#include "sopkit/error.hpp"

namespace sopkit::detail {

// The bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
struct JsonPlainBytes {
  bool byte[256];
  constexpr JsonPlainBytes() : byte() {
    for (int c = 0x20; c < 0x80; ++c) byte[c] = c != '"' && c != '\\';
  }
};
inline constexpr JsonPlainBytes kJsonPlainBytes{};

class JsonStream : public ChunkedOutput {
 public:
  // indent < 0: compact. With a sink, the text goes there in pieces of about
  // a megabyte (flush() writes the rest); without one, text() holds it all.
  explicit JsonStream(int indent, std::ostream* sink = nullptr)
      : ChunkedOutput(sink), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  JsonStream& key(std::string_view k) {
    next_item();
    string(k);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
    return *this;
  }
  void value(std::string_view s) {
    next_item();
    string(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(double v) {
    next_item();
    if (!std::isfinite(v)) {
      out_ += "null";
      return;
    }
    char buf[64];
    // A whole number below 10^15 (most targets, realisations and budgets) is
    // written as nlohmann writes it, "92.0", without its search for the
    // shortest digits (a tenth of a national evaluation's time).
    if (v == std::trunc(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
      const auto end = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v)).ptr;
      out_.append(buf, end);
      out_ += ".0";
      return;
    }
    out_.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, v));
  }
  void value(std::size_t v) {
    next_item();
    out_ += std::to_string(v);
  }
  void value(int v) {
    next_item();
    out_ += std::to_string(v);
  }
  void value(bool v) {
    next_item();
    out_ += v ? "true" : "false";
  }
  void integer(std::int64_t v) {
    next_item();
    out_ += std::to_string(v);
  }
  // A small value built as a document, laid out where it stands.
  template <class Json>
  void nested(const Json& j) {
    next_item();
    const std::string text = j.dump(indent_);
    if (indent_ < 0) {
      out_ += text;
      return;
    }
    // JSON text has no raw newline inside strings: every '\n' is layout.
    const std::string pad(counts_.size() * static_cast<std::size_t>(indent_), ' ');
    for (char c : text) {
      out_ += c;
      if (c == '\n') out_ += pad;
    }
  }
  void null() {
    next_item();
    out_ += "null";
  }
  // An array with one object per item; `members(item)` writes its members.
  template <class Range, class Members>
  void objects(const Range& items, Members members) {
    begin_array();
    for (const auto& item : items) {
      begin_object();
      members(item);
      end_object();
    }
    end_array();
  }
  void value_or_null(const std::optional<double>& v) { v ? value(*v) : null(); }

 private:
  void open(char bracket) {
    next_item();
    out_ += bracket;
    counts_.push_back(0);
  }
  void close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) newline();
    out_ += bracket;
  }
  // Before a value or key: the comma and the line of the next item, unless
  // the value follows its key.
  void next_item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (counts_.empty()) return;
    if (counts_.back()++ > 0) out_ += ',';
    newline();
  }
  void newline() {
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(counts_.size() * static_cast<std::size_t>(indent_), ' ');
  }
  void string(std::string_view s) {
    out_ += '"';
    bool ascii = true;
    std::size_t run = 0;  // start of the characters not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      // One table look-up per byte: most bytes are plain ASCII.
      if (kJsonPlainBytes.byte[c]) continue;
      if (c >= 0x80) {
        ascii = false;
        continue;
      }
      out_.append(s.data() + run, i - run);
      run = i + 1;
      escape(c);
    }
    out_.append(s.data() + run, s.size() - run);
    // nlohmann refuses to write invalid UTF-8; so does this writer.
    if (!ascii && !is_valid_utf8(s))
      throw Error(ErrorCode::format_error, "a text is not valid UTF-8: '" + excerpt(s) + "'");
    out_ += '"';
  }
  void escape(unsigned char c) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        return;
      case '\\':
        out_ += "\\\\";
        return;
      case '\b':
        out_ += "\\b";
        return;
      case '\f':
        out_ += "\\f";
        return;
      case '\n':
        out_ += "\\n";
        return;
      case '\r':
        out_ += "\\r";
        return;
      case '\t':
        out_ += "\\t";
        return;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out_ += buf;
      }
    }
  }

  int indent_;
  std::vector<std::size_t> counts_;  // items so far in each open container
  bool after_key_ = false;
};

}  // namespace sopkit::detail
