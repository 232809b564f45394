// csv_records.cpp — the library's RFC 4180 reader (io/detail/csv_records.hpp).
#include "io/detail/csv_records.hpp"

#include "indicators/detail/text.hpp"
#include "io/detail/json_text.hpp"  // is_valid_utf8
#include "sopkit/error.hpp"

namespace sopkit::detail {

namespace {

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

CsvRecords::CsvRecords(std::string_view text, const std::string& source)
    : text_(text), source_(source) {
  if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  std::string_view head = text_.substr(0, text_.find('\n'));
  if (!head.empty() && head.back() == '\r') head.remove_suffix(1);
  if (head.size() == 5 && head.substr(0, 4) == "sep=" && (head[4] == ';' || head[4] == ',')) {
    delim_ = head[4];  // Excel's "sep=;" line: the delimiter, said; not a record
    i_ = text_.find('\n') == std::string_view::npos ? text_.size() : text_.find('\n') + 1;
    line_ = record_line_ = 2;
  } else {
    delim_ = head.find(',') == std::string_view::npos && head.find(';') != std::string_view::npos
                 ? ';'
                 : ',';
  }
  for (char c : {delim_, '\n', '\r', '"'}) ends_plain_[static_cast<unsigned char>(c)] = true;
  // One pass over the whole text; cells are checked one by one (to name the
  // bad one) only when it fails.
  check_cells_ = !is_valid_utf8(text_);
}

bool CsvRecords::next(std::vector<std::string_view>& fields) {
  while (i_ < text_.size()) {
    read_record(fields);
    for (std::string_view f : fields)
      if (!trim(f).empty()) return true;  // else blank, or ";;;;" from a spreadsheet
  }
  return false;
}

void CsvRecords::read_record(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  record_line_ = line_;
  const std::size_t n = text_.size();
  while (true) {
    const std::size_t column = fields.size() + 1;
    fields.push_back(i_ < n && text_[i_] == '"' ? quoted(column) : plain(column));
    if (check_cells_ && !is_valid_utf8(fields.back()))
      throw Error(ErrorCode::parse_error,
                  "this cell is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a "
                  "spreadsheet)",
                  at(source_, line_, column));
    if (i_ >= n) return;
    if (text_[i_] == delim_) {
      ++i_;  // at the very end, one more (empty) field follows
      continue;
    }
    if (text_[i_] == '\r') ++i_;
    if (i_ < n && text_[i_] == '\n') ++i_;
    ++line_;
    return;
  }
}

std::string_view CsvRecords::plain(std::size_t column) {
  const std::size_t begin = i_, n = text_.size();
  // One table look-up a byte finds the end of the field (or a stray quote).
  while (i_ < n && !ends_plain_[static_cast<unsigned char>(text_[i_])]) ++i_;
  if (i_ < n && text_[i_] == '"')
    throw Error(ErrorCode::parse_error,
                "a quote inside an unquoted field; quote the whole field and double "
                "the quote",
                at(source_, line_, column));
  return text_.substr(begin, i_ - begin);
}

std::string_view CsvRecords::quoted(std::size_t column) {
  const std::size_t open_line = line_, n = text_.size();
  ++i_;
  const std::size_t begin = i_;
  std::string* unescaped = nullptr;  // only when the field holds a doubled quote
  std::size_t end = 0;
  while (true) {
    if (i_ >= n)
      throw Error(ErrorCode::parse_error, "a quoted field is not closed (a \" is missing)",
                  at(source_, open_line, column));
    const char c = text_[i_];
    if (c == '"') {
      if (i_ + 1 < n && text_[i_ + 1] == '"') {
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
  if (i_ < n && text_[i_] != delim_ && text_[i_] != '\n' && text_[i_] != '\r')
    throw Error(ErrorCode::parse_error,
                "text after a closing quote; write \"\" for a quote inside a quoted field",
                at(source_, line_, column));
  return unescaped ? std::string_view(*unescaped) : text_.substr(begin, end - begin);
}

}  // namespace sopkit::detail
