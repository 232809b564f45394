// runs_csv.cpp — the event log `case,step,start,end[,actor,branch]`.
//
// Read with the library's RFC 4180 reader (io/detail/csv_records.hpp): fields
// are views into the text, so that a million events cost no allocation each.
// Every error names "file:line:column" (column = field number, as in a
// spreadsheet), and loading is all-or-nothing.
#include <algorithm>
#include <array>
#include <string>

#include "indicators/detail/text.hpp"
#include "io/detail/csv_records.hpp"
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

}  // namespace

RunLog parse_runs_csv(std::string_view text, const Sop& sop, const std::string& source) {
  detail::CsvRecords cursor(text, source);
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
