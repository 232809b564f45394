// json_stream.hpp — writes JSON as it goes, byte for byte as nlohmann's
// dump(indent) would write the same document, without building a DOM: a
// national evaluation has hundreds of thousands of objects. Private to the
// library.
#pragma once

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "indicators/detail/text.hpp"  // format_short_decimal
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

// A finite number's text: the shortest digits that read back to it, as
// std::to_chars finds them (the CSV writer's digits too), laid out as
// nlohmann's dump() lays them out: fixed from 10^-4 up to 10^15, with ".0"
// when whole, else with an exponent of two digits at least. nlohmann's own
// digits (grisu2) take longer to find and are, for a number in a few
// hundred, one digit longer or not the closest.
inline std::size_t format_json_number(double v, char (&buf)[64]) noexcept {
  const double a = std::fabs(v);
  char* const end = buf + sizeof buf;
  if (a >= 1e-4 && a < 1e15) {  // "78.96126760563381", "0.0001234", "1500.0"
    char* out = std::to_chars(buf, end, v, std::chars_format::fixed).ptr;
    if (!std::memchr(buf, '.', static_cast<std::size_t>(out - buf))) {
      *out++ = '.';
      *out++ = '0';
    }
    return static_cast<std::size_t>(out - buf);
  }
  if (a == 0) {  // "0.0", "-0.0"
    const std::string_view zero = std::signbit(v) ? "-0.0" : "0.0";
    std::memcpy(buf, zero.data(), zero.size());
    return zero.size();
  }
  return static_cast<std::size_t>(  // "1e+15", "1.5e-07"
      std::to_chars(buf, end, v, std::chars_format::scientific).ptr - buf);
}

class JsonStream : public ChunkedOutput {
 public:
  // indent < 0: compact. With a sink, the text goes there in pieces of about
  // a megabyte (flush() writes the rest); without one, text() holds it all.
  explicit JsonStream(int indent, std::ostream* sink = nullptr)
      : ChunkedOutput(sink), indent_(indent) {
    at_depth();
  }

  int indent() const noexcept { return indent_; }

  // Makes this (new) stream write items of a container `depth` levels deep
  // that already holds items: its text goes on that container where another
  // stream calls append_items(). Lets items be written on another thread.
  void continue_items_at(std::size_t depth) {
    counts_.assign(depth, 1);
    at_depth();
  }
  // The text of n items written by a continue_items_at() stream of this
  // stream's depth, in place of writing them here.
  void append_items(std::string_view text, std::size_t n) {
    if (n == 0) return;
    if (counts_.back() == 0) text.remove_prefix(1);  // the container's first item: no comma
    append_piece(text);
    counts_.back() += n;
  }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  JsonStream& key(std::string_view k) {
    // The comma, the line, the key and ": " in one append.
    string(k, indent_ < 0 ? std::string_view(":") : std::string_view(": "), item_lead());
    after_key_ = true;
    return *this;
  }
  // A key written as a literal in this library's code ("indicator"): plain
  // ASCII, so not scanned for escapes, and its length folded when compiled
  // (a fifth of the keys' time in a national evaluation's JSON).
  template <std::size_t N>
  JsonStream& key(const char (&k)[N]) {
    constexpr std::size_t size = N - 1;  // a literal's: no strlen call
    assert(std::strlen(k) == size && is_plain(std::string_view(k, size)));
    const std::string_view lead = item_lead();
    char* p = out_.tail(lead_room(lead) + size + 4);  // quotes, ':' and a space
    p = put_lead(p, lead);
    *p++ = '"';
    std::memcpy(p, k, size);
    p += size;
    *p++ = '"';
    *p++ = ':';
    if (indent_ >= 0) *p++ = ' ';
    out_.end_at(p);
    after_key_ = true;
    return *this;
  }
  void value(std::string_view s) { string(s, "", item_lead()); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(double v) {
    next_item();
    if (!std::isfinite(v)) {
      out_ += "null";
      return;
    }
    // A whole number below 10^15 (most targets, realisations and budgets) is
    // written as nlohmann writes it, "92.0", without its search for the
    // shortest digits (a tenth of a national evaluation's time).
    if (v == std::trunc(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
      char* p = out_.tail(24);  // 15 digits, a sign and ".0"
      p = std::to_chars(p, p + 22, static_cast<long long>(v)).ptr;
      *p++ = '.';
      *p++ = '0';
      out_.end_at(p);
      return;
    }
    // A decimal of at most 15 digits, 6 of them decimals (most targets and
    // realisations, "113.6"): its shortest digits found by scaling. nlohmann's
    // grisu2 is slower and, for one such number in a few thousand, longer
    // ("0.012070000000000001" for 0.01207; the same double either way).
    char* room = out_.tail(32);  // the longest: a sign, 15 digits and a point
    if (const std::size_t n = format_short_decimal(v, room)) {
      out_.end_at(room + n);
      return;
    }
    out_.append(last_number_.of(v, format_json_number));
  }
  void value(std::size_t v) { integer(v); }
  void value(int v) { integer(v); }
  void value(bool v) {
    next_item();
    out_ += v ? "true" : "false";
  }
  template <class Integer>
  void integer(Integer v) {
    static_assert(std::is_integral_v<Integer> && sizeof(Integer) <= 8,
                  "an integer of 64 bits at most");
    next_item();
    char* p = out_.tail(24);  // 20 digits and a sign
    out_.end_at(std::to_chars(p, p + 24, v).ptr);
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
    at_depth();
  }
  void close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    at_depth();
    if (!empty) newline();
    out_ += bracket;
  }
  // Before a value or key: the comma and the line of the next item, unless
  // the value follows its key; counts the item. Small enough to be inlined
  // into every key and value (a national evaluation writes millions).
  // Its bytes are always in lines_ (none when empty), for put_lead().
  std::string_view item_lead() {
    if (after_key_) {
      after_key_ = false;
      return std::string_view(lines_.data(), 0);
    }
    if (counts_.empty()) return std::string_view(lines_.data(), 0);
    const std::size_t first = counts_.back()++ == 0;  // no comma before the first item
    return std::string_view(lines_.data() + first, line_size_ - first);
  }
  [[gnu::always_inline]] void next_item() {
    const std::string_view lead = item_lead();
    if (!lead.empty()) out_.end_at(put_lead(out_.tail(lead_room(lead)), lead));
  }
  // A lead is copied as one block of kLeadCopy bytes, its own and the spaces
  // after it in lines_ (the next write covers them): a copy of a constant
  // size is a few moves, one of the lead's size a call of memcpy, and a
  // national evaluation writes tens of millions of leads.
  static constexpr std::size_t kLeadCopy = 32;
  static std::size_t lead_room(std::string_view lead) noexcept {
    return lead.size() > kLeadCopy ? lead.size() : kLeadCopy;
  }
  static char* put_lead(char* p, std::string_view lead) noexcept {
    if (lead.size() > kLeadCopy) return put(p, lead);
    std::memcpy(p, lead.data(), kLeadCopy);
    return p + lead.size();
  }
  void newline() {
    if (indent_ >= 0) out_.append(lines_.data() + 1, line_size_ - 1);
  }
  // Sets the lead of the current depth's items: "," when compact, else ",\n"
  // and the depth's indentation, the start of one string of spaces that
  // grows with the deepest level seen and leaves room after any lead for its
  // block copy (put_lead).
  void at_depth() {
    line_size_ = indent_ < 0 ? 1 : 2 + counts_.size() * static_cast<std::size_t>(indent_);
    if (lines_.size() < line_size_ + kLeadCopy) make_lines();
  }
  [[gnu::noinline]] void make_lines() {
    lines_ = indent_ < 0 ? "," : ",\n";
    lines_.append(line_size_ + kLeadCopy - lines_.size(), ' ');
  }
  // `lead` (from item_lead()), a quoted string and then `suffix` (": "
  // after a key). A plain string (codes, names, keys) and its lead are copied
  // straight to the end of the text.
  void string(std::string_view s, std::string_view suffix, std::string_view lead) {
    if (is_plain(s)) {
      char* p = out_.tail(lead_room(lead) + s.size() + 2 + suffix.size());
      p = put_lead(p, lead);
      *p++ = '"';
      p = put(p, s);
      *p++ = '"';
      out_.end_at(put(p, suffix));
      return;
    }
    out_.append(lead);
    escaped_string(s);
    out_.append(suffix);
  }
  // Copies `s` to `p` and returns the end; an empty view may have no data
  // at all, which memcpy must not be given.
  static char* put(char* p, std::string_view s) noexcept {
    if (s.empty()) return p;
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
  static bool is_plain(std::string_view s) noexcept {
    const std::size_t words = plain_prefix(s);
    if (s.size() >= 8) {
      // A word is left when one held a byte to escape; else the last bytes,
      // tested as one word that overlaps the plain ones.
      return words + 8 <= s.size() ? false : plain_word(s.data() + s.size() - 8);
    }
    for (std::size_t i = words; i < s.size(); ++i)
      if (!kJsonPlainBytes.byte[static_cast<unsigned char>(s[i])]) return false;
    return true;
  }
  void escaped_string(std::string_view s) {
    out_ += '"';
    bool ascii = true;
    std::size_t run = 0;  // start of the characters not yet copied
    for (std::size_t i = plain_prefix(s); i < s.size(); ++i) {
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
  // The length of the leading whole 8-byte words of `s` that are plain bytes
  // (kJsonPlainBytes), tested a word at a time: codes, names and unit paths
  // are mostly plain.
  static std::size_t plain_prefix(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i + 8 <= s.size() && plain_word(s.data() + i)) i += 8;
    return i;
  }
  // The 8 bytes at `p` are all plain (exactly: the tests say whether some
  // byte is below 0x20, above 0x7f, '"' or '\\', if not which).
  static bool plain_word(const char* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const auto has_zero_byte = [](std::uint64_t w) { return (w - ones) & ~w & highs; };
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    const std::uint64_t control = (w - ones * 0x20) & ~w & highs;  // a byte below 0x20
    return !((w & highs) | control | has_zero_byte(w ^ (ones * '"')) |
             has_zero_byte(w ^ (ones * '\\')));
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
  std::string lines_;                // ",\n" and spaces: see at_depth()
  std::size_t line_size_ = 0;        // the current depth's lead: its first bytes
  LastNumberText last_number_;       // the digits of the last number that was not short
  std::vector<std::size_t> counts_;  // items so far in each open container
  bool after_key_ = false;
};

}  // namespace sopkit::detail
