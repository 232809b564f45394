// csv_records.cpp — the library's RFC 4180 reader (io/detail/csv_records.hpp).
#include "io/detail/csv_records.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "indicators/detail/text.hpp"
#include "io/detail/json_text.hpp"  // is_valid_utf8
#include "sopkit/error.hpp"

namespace sopkit::detail {

namespace {

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Where the UTF-8 sequence cut by the end of `text` starts (text.size() when
// none is cut): those bytes are checked once the next piece completes them.
std::size_t complete_utf8_prefix(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t back = 1; back <= std::min<std::size_t>(3, n); ++back) {
    const auto b = static_cast<unsigned char>(text[n - back]);
    if ((b & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

}  // namespace

CsvRecords::CsvRecords(std::string_view text, const std::string& source)
    : text_(text), source_(source) {
  read_header_line();
}

CsvRecords::CsvRecords(InputFile& file, std::size_t piece_bytes)
    : source_(file.path()), file_(&file), buf_(std::max<std::size_t>(piece_bytes, 1), '\0') {
  at_eof_ = false;
  refill(0);
  // The first line names the delimiter: it is read whole before anything else.
  while (more_input() && text_.find('\n') == std::string_view::npos) refill(0);
  refuse_utf16(text_, source_, "file");
  read_header_line();
}

CsvRecords::CsvRecords(InputFile& file, char delimiter, std::size_t piece_bytes)
    : source_(file.path()), file_(&file), buf_(std::max<std::size_t>(piece_bytes, 1), '\0') {
  at_eof_ = false;
  set_delimiter(delimiter);
  refill(0);
}

void CsvRecords::set_delimiter(char delimiter) {
  delim_ = delimiter;
  for (char c : {delim_, '\n', '\r', '"'}) ends_plain_[static_cast<unsigned char>(c)] = true;
}

void CsvRecords::read_header_line() {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  const std::size_t eol = text_.find('\n', i_);
  std::string_view head = text_.substr(i_, eol == std::string_view::npos ? eol : eol - i_);
  if (!head.empty() && head.back() == '\r') head.remove_suffix(1);
  if (head.size() == 5 && head.substr(0, 4) == "sep=" && (head[4] == ';' || head[4] == ',')) {
    set_delimiter(head[4]);  // Excel's "sep=;" line: the delimiter, said; not a record
    i_ = eol == std::string_view::npos ? text_.size() : eol + 1;
    line_ = record_line_ = 2;
  } else {
    set_delimiter(
        head.find(',') == std::string_view::npos && head.find(';') != std::string_view::npos ? ';'
                                                                                             : ',');
  }
  check_utf8();
}

// One pass over the text as it comes; cells are checked one by one (to name
// the bad one) only after it fails.
void CsvRecords::check_utf8() {
  const std::string_view rest = text_.substr(validated_);
  const std::size_t end = at_eof_ ? rest.size() : complete_utf8_prefix(rest);
  if (!check_cells_ && !is_valid_utf8(rest.substr(0, end))) check_cells_ = true;
  validated_ += end;
}

bool CsvRecords::exhausted(std::size_t i) const {
  if (i < text_.size()) return false;
  if (more_input()) throw Starved{};
  return true;
}

// Keeps the bytes from `keep_from` on (the record being read), moved to the
// front, and reads the file after them.
void CsvRecords::refill(std::size_t keep_from) {
  const std::size_t kept = text_.size() - keep_from;
  std::memmove(buf_.data(), buf_.data() + keep_from, kept);
  dropped_ += keep_from;
  if (kept > buf_.size() / 2) buf_.resize(2 * buf_.size());
  const std::size_t got = file_->read(buf_.data() + kept, buf_.size() - kept);
  at_eof_ = got < buf_.size() - kept;
  text_ = std::string_view(buf_.data(), kept + got);
  validated_ -= keep_from;
  i_ -= keep_from;
  record_begin_ = 0;
  check_utf8();
}

bool CsvRecords::next(std::vector<std::string_view>& fields) {
  while (true) {
    if (i_ >= text_.size()) {
      if (!more_input()) return false;
      refill(i_);
      continue;
    }
    try {
      if (!read_simple_line(fields)) read_record(fields);
    } catch (const Starved&) {
      i_ = record_begin_;  // read the record again, whole
      line_ = record_line_;
      refill(record_begin_);
      continue;
    }
    for (std::string_view f : fields)
      if (!trim(f).empty()) return true;  // else blank, or ";;;;" from a spreadsheet
  }
}

#ifdef __SSE2__
namespace {

// Bit k of `delimiters`: byte k of the 16 at `p` is the delimiter; of
// `stops`: it is a quote, CR or LF, which end the simple form of a line.
struct ByteClasses {
  unsigned delimiters, stops;
};

ByteClasses classify_16(const char* p, __m128i delimiter) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                  _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\r'))),
                                     _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')));
  return {static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, delimiter))),
          static_cast<unsigned>(_mm_movemask_epi8(stops))};
}

}  // namespace
#endif

// Most records are one line without quotes. One pass finds the line's end and
// its fields, sixteen bytes a step where the platform allows; anything else
// (a quote, a lone CR, no LF read yet) is left to read_record, which reads
// every record the same way, only slower.
bool CsvRecords::read_simple_line(std::vector<std::string_view>& fields) {
  const char* const p = text_.data();
  const std::size_t n = text_.size();
  std::size_t start = i_, i = i_;
  fields.clear();
#ifdef __SSE2__
  const __m128i delimiter = _mm_set1_epi8(delim_);
  for (; i + 16 <= n; i += 16) {
    auto [delimiters, stops] = classify_16(p + i, delimiter);
    if (stops) delimiters &= (1u << __builtin_ctz(stops)) - 1;  // those before the stop
    for (; delimiters; delimiters &= delimiters - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(delimiters));
      fields.emplace_back(p + start, at - start);
      start = at + 1;
    }
    if (stops) {
      i += static_cast<std::size_t>(__builtin_ctz(stops));
      break;
    }
  }
#endif
  for (; i < n && p[i] != '"' && p[i] != '\r' && p[i] != '\n'; ++i)
    if (p[i] == delim_) {
      fields.emplace_back(p + start, i - start);
      start = i + 1;
    }
  // The line ends at an LF, or a CR just before one.
  const bool crlf = i + 1 < n && p[i] == '\r' && p[i + 1] == '\n';
  if (i == n || !(p[i] == '\n' || crlf)) return false;
  fields.emplace_back(p + start, i - start);
  if (!scratch_.empty()) scratch_.clear();  // a deque's clear() costs even when empty
  record_line_ = line_;
  record_begin_ = i_;
  if (check_cells_)
    for (std::size_t f = 0; f < fields.size(); ++f)
      if (!is_valid_utf8(fields[f])) throw_not_utf8(f + 1);
  i_ = i + 1 + crlf;
  ++line_;
  return true;
}

void CsvRecords::throw_not_utf8(std::size_t column) const {
  throw Error(ErrorCode::parse_error,
              "this cell is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a "
              "spreadsheet)",
              at(source_, line_, column));
}

void CsvRecords::read_record(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  record_line_ = line_;
  record_begin_ = i_;
  while (true) {
    const std::size_t column = fields.size() + 1;
    fields.push_back(!exhausted(i_) && text_[i_] == '"' ? quoted(column) : plain(column));
    if (check_cells_ && !is_valid_utf8(fields.back())) throw_not_utf8(column);
    if (exhausted(i_)) return;
    if (text_[i_] == delim_) {
      ++i_;  // at the very end, one more (empty) field follows
      continue;
    }
    if (text_[i_] == '\r') ++i_;
    if (!exhausted(i_) && text_[i_] == '\n') ++i_;
    ++line_;
    return;
  }
}

std::string_view CsvRecords::plain(std::size_t column) {
  const std::size_t begin = i_, n = text_.size();
  const char* const p = text_.data();
  // One table look-up a byte finds the end of the field (or a stray quote).
  // The position is a local: a store to the member through `char` data
  // could alias it, and would be written back every byte.
  std::size_t i = i_;
  while (i < n && !ends_plain_[static_cast<unsigned char>(p[i])]) ++i;
  i_ = i;
  if (!exhausted(i_) && text_[i_] == '"')
    throw Error(ErrorCode::parse_error,
                "a quote inside an unquoted field; quote the whole field and double "
                "the quote",
                at(source_, line_, column));
  return text_.substr(begin, i_ - begin);
}

std::string_view CsvRecords::quoted(std::size_t column) {
  const std::size_t open_line = line_;
  ++i_;
  const std::size_t begin = i_;
  std::string* unescaped = nullptr;  // only when the field holds a doubled quote
  std::size_t end = 0;
  while (true) {
    if (exhausted(i_))
      throw Error(ErrorCode::parse_error, "a quoted field is not closed (a \" is missing)",
                  at(source_, open_line, column));
    const char c = text_[i_];
    if (c == '"') {
      if (!exhausted(i_ + 1) && text_[i_ + 1] == '"') {
        if (!unescaped) unescaped = &scratch_.emplace_back(text_.substr(begin, i_ - begin));
        *unescaped += '"';
        i_ += 2;
        continue;
      }
      end = i_++;
      break;
    }
    if (c == '\n') ++line_;
    if (unescaped) *unescaped += c;
    ++i_;
  }
  if (!exhausted(i_) && text_[i_] != delim_ && text_[i_] != '\n' && text_[i_] != '\r')
    throw Error(ErrorCode::parse_error,
                "text after a closing quote; write \"\" for a quote inside a quoted field",
                at(source_, line_, column));
  return unescaped ? std::string_view(*unescaped) : text_.substr(begin, end - begin);
}

}  // namespace sopkit::detail
