// runs_csv.cpp — the event log `case,step,start,end[,actor,branch]`.
//
// A streaming RFC 4180 reader: fields are views into the text unless quoted,
// so that a million events cost no allocation each (docs/performance.md).
// Every error names "file:line:column" (column = field number, as in a
// spreadsheet), and loading is all-or-nothing.
#include <algorithm>
#include <array>
#include <deque>
#include <string>

#include "indicators/detail/text.hpp"
#include "io/detail/runs_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/runs.hpp"

namespace sopkit {

namespace {

enum Col { kCase, kStep, kStart, kEnd, kActor, kBranch, kColumnCount };
const char* const kColumnNames[kColumnCount] = {"case", "step", "start", "end", "actor", "branch"};
constexpr int kRequired = kEnd + 1;

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Reads records one at a time.
class CsvCursor {
 public:
  CsvCursor(std::string_view text, const std::string& source) : t_(text), src_(source) {
    if (t_.size() >= 3 && t_.substr(0, 3) == "\xEF\xBB\xBF") t_.remove_prefix(3);
    const std::string_view head = t_.substr(0, t_.find('\n'));
    // Spreadsheets in the Indonesian locale export with ';'.
    if (head.find(',') == std::string_view::npos && head.find(';') != std::string_view::npos)
      delim_ = ';';
    // One pass over the whole text; cells are checked one by one (to name
    // the bad one) only when it fails.
    check_cells_ = !detail::is_valid_utf8(t_);
  }

  // The next non-blank record's fields; false at the end of the text.
  bool next(std::vector<std::string_view>& fields) {
    while (i_ < t_.size()) {
      fields.clear();
      line_ = next_line_;
      std::size_t q = 0;  // quoted fields used
      while (true) {
        const std::size_t column = fields.size() + 1;
        std::string_view f;
        if (i_ < t_.size() && t_[i_] == '"') {
          if (q == quoted_.size()) quoted_.emplace_back();
          std::string& buf = quoted_[q++];
          buf.clear();
          const std::size_t open_line = next_line_;
          ++i_;
          while (true) {
            if (i_ >= t_.size())
              throw Error(ErrorCode::parse_error, "a quoted field is not closed (a \" is missing)",
                          at(src_, open_line, column));
            const char c = t_[i_];
            if (c == '"') {
              if (i_ + 1 < t_.size() && t_[i_ + 1] == '"') {
                buf += '"';
                i_ += 2;
                continue;
              }
              ++i_;
              break;
            }
            if (c == '\n') ++next_line_;
            buf += c;
            ++i_;
          }
          if (i_ < t_.size() && t_[i_] != delim_ && t_[i_] != '\n' && t_[i_] != '\r')
            throw Error(ErrorCode::parse_error,
                        "text after a closing quote; write \"\" for a quote inside a quoted field",
                        at(src_, next_line_, column));
          f = buf;
        } else {
          const std::size_t b = i_;
          while (i_ < t_.size() && t_[i_] != delim_ && t_[i_] != '\n' && t_[i_] != '\r') {
            if (t_[i_] == '"')
              throw Error(ErrorCode::parse_error,
                          "a quote inside an unquoted field; quote the whole field and double "
                          "the quote",
                          at(src_, next_line_, column));
            ++i_;
          }
          f = t_.substr(b, i_ - b);
        }
        if (check_cells_ && !detail::is_valid_utf8(f))
          throw Error(ErrorCode::parse_error,
                      "this cell is not valid UTF-8 text; save the file as UTF-8 (CSV UTF-8 in a "
                      "spreadsheet)",
                      at(src_, next_line_, column));
        fields.push_back(f);
        if (i_ >= t_.size()) break;
        if (t_[i_] == delim_) {
          ++i_;
          continue;
        }
        if (t_[i_] == '\r') ++i_;
        if (i_ < t_.size() && t_[i_] == '\n') ++i_;
        ++next_line_;
        break;
      }
      if (!(fields.size() == 1 && detail::trim(fields[0]).empty())) return true;
    }
    return false;
  }

  std::size_t line() const noexcept { return line_; }

 private:
  std::string_view t_;
  const std::string& src_;
  char delim_ = ',';
  bool check_cells_ = true;
  std::size_t i_ = 0, line_ = 1, next_line_ = 1;
  // Buffers of quoted fields, reused. A deque: the fields of the record hold
  // views into earlier buffers, and a vector growing would move them (short
  // strings live inside the object; fuzz_runs caught the dangling view).
  std::deque<std::string> quoted_;
};

}  // namespace

RunLog parse_runs_csv(std::string_view text, const Sop& sop, const std::string& source) {
  CsvCursor cursor(text, source);
  std::vector<std::string_view> fields;
  if (!cursor.next(fields))
    throw Error(ErrorCode::format_error,
                "the file is empty; it needs the header case,step,start,end[,actor,branch]",
                source);
  std::array<int, kColumnCount> pos;
  pos.fill(-1);
  const std::size_t header_size = fields.size();
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const std::string name = detail::lower_ascii(detail::trim(fields[k]));
    int c = -1;
    for (int j = 0; j < kColumnCount; ++j)
      if (name == kColumnNames[j]) c = j;
    if (c < 0)
      throw Error(ErrorCode::format_error,
                  "unknown column '" + detail::excerpt(name) +
                      "'; the columns are case,step,start,end and optionally actor,branch",
                  at(source, cursor.line(), k + 1));
    if (pos[static_cast<std::size_t>(c)] >= 0)
      throw Error(ErrorCode::format_error, "column '" + detail::excerpt(name) + "' appears twice",
                  at(source, cursor.line(), k + 1));
    pos[static_cast<std::size_t>(c)] = static_cast<int>(k);
  }
  for (int j = 0; j < kRequired; ++j)
    if (pos[static_cast<std::size_t>(j)] < 0)
      throw Error(ErrorCode::format_error,
                  std::string("the header lacks the required column '") + kColumnNames[j] + "'",
                  at(source, cursor.line(), 1));

  RunLog log(sop);
  // One row a line, as a rule: reserving saves copying a growing array.
  log.reserve_events(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  detail::EventReader reader(log);
  std::size_t rows = 0;
  while (cursor.next(fields)) {
    const std::size_t line = cursor.line();
    if (fields.size() != header_size)
      throw Error(ErrorCode::format_error,
                  "the row has " + std::to_string(fields.size()) + " fields, the header " +
                      std::to_string(header_size),
                  at(source, line, std::min(fields.size(), header_size) + 1));
    auto cell = [&](int c) -> std::string_view {
      const int p = pos[static_cast<std::size_t>(c)];
      return p < 0 ? std::string_view() : detail::trim(fields[static_cast<std::size_t>(p)]);
    };
    auto where = [&](int c) {
      return at(source, line, static_cast<std::size_t>(pos[static_cast<std::size_t>(c)]) + 1);
    };
    detail::EventText e{cell(kCase), cell(kStep),  cell(kStart),
                        cell(kEnd),  cell(kActor), cell(kBranch)};
    reader.add(e, static_cast<std::uint32_t>(line), [&](int field) {
      return where(field);  // EventText fields are numbered like Col
    });
    ++rows;
  }
  if (rows == 0)
    throw Error(ErrorCode::format_error, "the file has a header but no events", source);
  reader.finish([&](const StepEvent& e) { return source + ":" + std::to_string(e.origin); });
  return log;
}

}  // namespace sopkit
