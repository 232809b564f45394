// indicators_csv_read.cpp — indicator data from CSV, on one thread or two.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "indicators/detail/indicator_builder.hpp"
#include "indicators/detail/number_cell.hpp"
#include "indicators/detail/text.hpp"
#include "io/detail/csv_records.hpp"
#include "io/detail/files.hpp"
#include "io/detail/indicators_csv.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {

namespace {

std::string at(const std::string& source, std::size_t line, std::size_t column) {
  return source + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// A CSV record's fields by column, located as "file:line:column".
class CsvRowPlace final : public detail::RowPlace {
 public:
  CsvRowPlace(const std::string& source, const int* pos) : source_(source), pos_(pos) {}
  std::size_t line = 0;
  std::string where(int field) const override {
    return at(source_, line, static_cast<std::size_t>(pos_[field] + 1));
  }

 private:
  const std::string& source_;
  const int* pos_;
};

constexpr int kRequiredColumns = detail::kRealisation + 1;

using detail::CsvRecords;
using detail::IndicatorBuilder;
using detail::InputFile;

}  // namespace

namespace {

// Where each known column is, and the columns without a name (trailing empty
// columns that spreadsheets export): their cells must stay empty.
struct Header {
  int pos[detail::kFieldCount];
  std::vector<std::size_t> unnamed;
  std::size_t width = 0;
};

Header read_header(const std::vector<std::string_view>& fields, const std::string& source,
                   std::size_t line) {
  Header h;
  for (int& p : h.pos) p = -1;
  h.width = fields.size();
  for (std::size_t f = 0; f < h.width; ++f) {
    const std::string name = detail::lower_ascii(detail::trim(fields[f]));
    if (name.empty()) {
      h.unnamed.push_back(f);
      continue;
    }
    int c = -1;
    for (int k = 0; k < detail::kFieldCount; ++k)
      if (name == detail::field_name(k)) c = k;
    if (c < 0)
      throw Error(ErrorCode::format_error,
                  "unknown column '" + name + "' (see docs/indicators.md for the columns)",
                  at(source, line, f + 1));
    if (h.pos[c] >= 0)
      throw Error(ErrorCode::format_error, "column '" + name + "' appears twice",
                  at(source, line, f + 1));
    h.pos[c] = static_cast<int>(f);
  }
  for (int k = 0; k < kRequiredColumns; ++k)
    if (h.pos[k] < 0)
      throw Error(
          ErrorCode::format_error,
          std::string("the header lacks the required column '") + detail::field_name(k) + "'",
          at(source, line, 1));
  return h;
}

void check_row_shape(const Header& h, const std::vector<std::string_view>& fields,
                     const std::string& source, std::size_t line) {
  if (fields.size() != h.width)
    throw Error(ErrorCode::format_error,
                "the row has " + std::to_string(fields.size()) + " fields, the header " +
                    std::to_string(h.width),
                at(source, line, std::min(fields.size(), h.width) + 1));
  for (std::size_t f : h.unnamed)
    if (!detail::trim(fields[f]).empty())
      throw Error(ErrorCode::format_error,
                  "a value in a column without a name in the header; name the column or "
                  "leave it empty",
                  at(source, line, f + 1));
}

detail::NumberConvention number_convention(const CsvOptions& options, char delimiter) {
  switch (options.decimal_mark) {
    case DecimalMark::dot:
      return {false, true};
    case DecimalMark::comma:
      return {true, true};
    case DecimalMark::detect:
      break;
  }
  return {delimiter == ';', false};
}

// Rows read before the set's storage is reserved for the whole input.
constexpr std::size_t kRowsToEstimateFrom = 2048;

// The rows of one stretch of a CSV input, added to one builder.
class RowReader {
 public:
  RowReader(CsvRecords& records, const Header& header, const std::string& source,
            IndicatorBuilder& builder, std::uint64_t size)
      : records_(records),
        header_(header),
        source_(source),
        builder_(builder),
        place_(source, header.pos),
        size_(size) {
    // The row's texts of the columns the file lacks stay blank: only the
    // columns it has are copied, row after row.
    for (int k = 0; k < detail::kFieldCount; ++k)
      if (header.pos[k] >= 0) present_.push_back(k);
  }

  static constexpr std::uint64_t kToTheEnd = static_cast<std::uint64_t>(-1);

  // Adds rows until the end of the input (false), or until a record ends
  // exactly `stop_at` bytes into it (true). `cancelled` is asked every row.
  bool read(std::uint64_t stop_at, const std::atomic<bool>* cancelled = nullptr) {
    while (records_.offset() != stop_at) {
      if (cancelled && cancelled->load(std::memory_order_relaxed)) throw Cancelled{};
      if (!records_.next(fields_)) return false;
      check_row_shape(header_, fields_, source_, records_.line());
      for (const int k : present_) row_.text[k] = fields_[static_cast<std::size_t>(header_.pos[k])];
      place_.line = records_.line();
      builder_.add(row_, records_.line(), place_);
      // The first few thousand rows tell what the whole input will hold.
      if (++rows_ == kRowsToEstimateFrom && size_ > 0)
        builder_.expect_rest(static_cast<double>(records_.offset()) / static_cast<double>(size_));
    }
    return true;
  }
  struct Cancelled {};

 private:
  CsvRecords& records_;
  const Header& header_;
  const std::string& source_;
  IndicatorBuilder& builder_;
  CsvRowPlace place_;
  std::uint64_t size_;
  std::vector<int> present_;
  detail::IndicatorRow row_;
  std::vector<std::string_view> fields_;
  std::size_t rows_ = 0;
};

IndicatorBuilder::Style style_of(const std::string& source, const detail::NumberConvention& n) {
  return {source + ":", "line", true, "", n.decimal_comma, n.declared};
}

// Where a second thread may start reading a file: the start of a line after
// byte `target` at which a new indicator's rows begin (rows come grouped by
// indicator), so that each half defines its own. 0 when the
// window holds no line start. Only a guess: the first half's reader checks
// that a record ends there (not inside a quoted field).
std::uint64_t split_near(const std::string& path, const Header& header, char delimiter,
                         std::uint64_t target) {
  InputFile file(path);
  file.skip_to(target);
  std::string window(std::size_t{1} << 16, '\0');
  window.resize(file.read(window.data(), window.size()));
  std::size_t line = window.find('\n');
  if (line == std::string::npos) return 0;
  const std::uint64_t first = target + ++line;
  // The line's code, when no quote comes before its end.
  const auto code_of = [&](const std::string_view line_text) -> std::optional<std::string_view> {
    std::string_view text = line_text;
    for (int f = 0; f < header.pos[detail::kIndicator]; ++f) {
      const std::size_t d = text.find(delimiter);
      if (d == std::string_view::npos) return std::nullopt;
      text.remove_prefix(d + 1);
    }
    const std::string_view code = text.substr(0, text.find(delimiter));
    const std::size_t before_code = static_cast<std::size_t>(code.data() - line_text.data());
    if (line_text.substr(0, before_code + code.size()).find('"') != std::string_view::npos)
      return std::nullopt;
    return detail::trim(code);
  };
  std::optional<std::string_view> previous;
  for (std::size_t end; (end = window.find('\n', line)) != std::string::npos; line = end + 1) {
    const auto code = code_of(std::string_view(window).substr(line, end - line));
    if (!code) break;
    if (previous && *code != *previous) return target + line;
    previous = code;
  }
  return first;
}

// The second half of a large file, read into its own builder on a second
// thread while the caller reads the first.
class SecondHalf {
 public:
  SecondHalf(const std::string& path, const Header& header, char delimiter,
             const detail::NumberConvention& numbers, std::uint64_t start, std::uint64_t size,
             std::size_t piece_bytes)
      : start_(start), builder_(style_of(path, numbers)) {
    thread_ = std::thread([this, &path, &header, delimiter, start, size, piece_bytes] {
      try {
        InputFile file(path);
        file.skip_to(start);
        CsvRecords records(file, delimiter, piece_bytes);
        RowReader(records, header, path, builder_, size - start)
            .read(RowReader::kToTheEnd, &cancelled_);
        done_ = true;
      } catch (...) {  // the first half's reader reads these rows again, for the verdict
      }
    });
  }
  SecondHalf(const SecondHalf&) = delete;
  SecondHalf& operator=(const SecondHalf&) = delete;
  ~SecondHalf() {
    cancelled_ = true;
    if (thread_.joinable()) thread_.join();
  }

  std::uint64_t start() const noexcept { return start_; }
  // Waits for the second half; its builder, or nothing when it failed.
  IndicatorBuilder* finished() {
    thread_.join();
    return done_ ? &builder_ : nullptr;
  }

 private:
  std::uint64_t start_;
  IndicatorBuilder builder_;
  std::atomic<bool> cancelled_{false};
  bool done_ = false;
  std::thread thread_;
};

// How a file is read (detail::load_indicators_csv_file).
struct FileReading {
  std::size_t piece_bytes;
  std::uint64_t halves_from;
  bool* absorbed;
};

IndicatorSet read_indicators(CsvRecords& records, const std::string& source,
                             const CsvOptions& options, std::uint64_t size,
                             const FileReading* file = nullptr) {
  std::vector<std::string_view> fields;
  if (!records.next(fields))
    throw Error(ErrorCode::format_error, "the file is empty; it needs a header row", source);
  const Header header = read_header(fields, source, records.line());
  const detail::NumberConvention numbers = number_convention(options, records.delimiter());
  IndicatorBuilder builder(style_of(source, numbers));
  RowReader reader(records, header, source, builder, size);

  std::optional<SecondHalf> half;
  // A regular file's (size > 0): a pipe cannot be opened a second time.
  if (file && options.threads > 1 && size > 0 && size >= file->halves_from &&
      records.offset() < size) {
    try {
      const std::uint64_t from = records.offset();
      if (const std::uint64_t start =
              split_near(source, header, records.delimiter(), from + (size - from) / 2))
        half.emplace(source, header, records.delimiter(), numbers, start, size, file->piece_bytes);
    } catch (const std::exception&) {  // no second reader or thread: one reads all
      half.reset();
    }
  }
  if (half && reader.read(half->start())) {
    if (IndicatorBuilder* later = half->finished();
        later && builder.absorb(std::move(*later), records.next_line() - 1, options.threads)) {
      if (file->absorbed) *file->absorbed = true;
      return std::move(builder).finish();
    }
  }
  half.reset();
  reader.read(RowReader::kToTheEnd);
  return std::move(builder).finish();
}

}  // namespace

IndicatorSet parse_indicators_csv(std::string_view text, const std::string& source,
                                  const CsvOptions& options) {
  detail::CsvRecords records(text, source);
  return read_indicators(records, source, options, text.size());
}

namespace detail {

IndicatorSet load_indicators_csv_file(const std::string& path, const CsvOptions& options,
                                      std::size_t piece_bytes, std::uint64_t halves_from,
                                      bool* absorbed) {
  if (absorbed) *absorbed = false;
  InputFile file(path);
  CsvRecords records(file, piece_bytes);
  const FileReading reading{piece_bytes, halves_from, absorbed};
  return read_indicators(records, path, options, file.size_hint(), &reading);
}

}  // namespace detail

}  // namespace sopkit
