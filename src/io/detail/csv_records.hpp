// csv_records.hpp — the one RFC 4180 reader of the library (indicator data,
// run logs). Hand-written rather than a library: the clerk who exported the
// sheet needs "data.csv:14:9: ...", which needs the line of each record
// (quoted fields may span lines) and the field number of each value.
// Private to the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "io/detail/files.hpp"

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
//
// Text in memory is read in place; a file is read in pieces of a bounded
// buffer (a record longer than half of it doubles it), so that loading a
// national file does not hold its text beside what is built from it.
class CsvRecords {
 public:
  static constexpr std::size_t kPieceBytes = std::size_t{1} << 20;

  CsvRecords(std::string_view text, const std::string& source);
  // Refuses a UTF-16 file as read_text_file does; `piece_bytes` is settable
  // for tests (at least 1).
  explicit CsvRecords(InputFile& file, std::size_t piece_bytes = kPieceBytes);
  // The records of `file` from where it stands (a record's start, past the
  // header) to its end, split at `delimiter`; lines are counted from 1 and
  // offset() from 0 there.
  CsvRecords(InputFile& file, char delimiter, std::size_t piece_bytes = kPieceBytes);

  // The next non-blank record into `fields`; false at the end.
  bool next(std::vector<std::string_view>& fields);
  std::size_t line() const noexcept { return record_line_; }  // where the last record starts
  std::size_t next_line() const noexcept { return line_; }    // where the next one would
  char delimiter() const noexcept { return delim_; }
  std::uint64_t offset() const noexcept { return dropped_ + i_; }  // bytes read past

 private:
  struct Starved {};  // the record goes on past the bytes read so far

  void read_header_line();
  void set_delimiter(char delimiter);
  bool more_input() const noexcept { return file_ && !at_eof_; }
  bool exhausted(std::size_t i) const;  // throws Starved when more can be read
  void refill(std::size_t keep_from);
  void check_utf8();
  bool read_simple_line(std::vector<std::string_view>& fields);
  void read_record(std::vector<std::string_view>& fields);
  [[noreturn]] void throw_not_utf8(std::size_t column) const;
  std::string_view plain(std::size_t column);
  std::string_view quoted(std::size_t column);

  std::string_view text_;  // the text, or the bytes of the file in buf_
  const std::string& source_;
  InputFile* file_ = nullptr;
  std::string buf_;
  bool at_eof_ = true;
  char delim_ = ',';
  bool ends_plain_[256] = {};  // the delimiter, CR, LF and the quote
  bool check_cells_ = false;   // some text is not UTF-8: find the cell
  std::size_t validated_ = 0;  // bytes of text_ checked as UTF-8
  std::size_t i_ = 0, line_ = 1, record_line_ = 1, record_begin_ = 0;
  std::uint64_t dropped_ = 0;        // bytes of the file before text_
  std::deque<std::string> scratch_;  // a deque: views into it stay valid as it grows
};

}  // namespace sopkit::detail
