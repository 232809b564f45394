// csv_records.hpp — the one RFC 4180 reader of the library (indicator data,
// run logs). Hand-written rather than a library: the clerk who exported the
// sheet needs "data.csv:14:9: ...", which needs the line of each record
// (quoted fields may span lines) and the field number of each value.
// Private to the library.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sopkit::detail {

// Reads CSV text one record at a time, its fields as views into the text (a
// quoted field with a doubled quote is unescaped into the reader's own
// scratch, valid until the next record). Accepts LF and CRLF, a UTF-8 BOM, and
// ';' as the delimiter when the header line has ';' but no ',' (spreadsheets
// in the Indonesian locale export that way), or the delimiter a first line
// "sep=;" names (as Excel writes it). Blank lines, and rows whose every field
// is empty (";;;;" from a spreadsheet), are skipped. Throws
// Error{parse_error} at "source:line:column" for a malformed field or a cell
// that is not UTF-8.
class CsvRecords {
 public:
  CsvRecords(std::string_view text, const std::string& source);

  // The next non-blank record into `fields`; false at the end.
  bool next(std::vector<std::string_view>& fields);
  std::size_t line() const noexcept { return record_line_; }  // where the last record starts
  char delimiter() const noexcept { return delim_; }

 private:
  void read_record(std::vector<std::string_view>& fields);
  std::string_view plain(std::size_t column);
  std::string_view quoted(std::size_t column);

  std::string_view text_;
  const std::string& source_;
  char delim_ = ',';
  bool ends_plain_[256] = {};  // the delimiter, CR, LF and the quote
  bool check_cells_ = true;    // the whole text is not UTF-8: find the cell
  std::size_t i_ = 0, line_ = 1, record_line_ = 1;
  std::deque<std::string> scratch_;  // a deque: views into it stay valid as it grows
};

}  // namespace sopkit::detail
