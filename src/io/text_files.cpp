// text_files.cpp — whole-file reads and positioned JSON parsing.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "io/detail/files.hpp"
#include "io/detail/json_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/input_limit.hpp"

namespace sopkit::detail {
namespace {

// Builds the document as nlohmann's own DOM parser does, counting nesting on
// the way: a value inside more than `max_depth` containers marks the document
// too deep and nothing more is built, but the scan runs to the end so that a
// syntax error anywhere is still reported first. One linear pass: the
// callback form of json::parse rescans the parent container at every object
// end, which made loading quadratic.
class DepthLimitedDom {
 public:
  using json = nlohmann::json;

  DepthLimitedDom(json& root, std::size_t max_depth) : dom_(root), max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }

  bool null() {
    return at_value([&] { return dom_.null(); });
  }
  bool boolean(bool v) {
    return at_value([&] { return dom_.boolean(v); });
  }
  bool number_integer(json::number_integer_t v) {
    return at_value([&] { return dom_.number_integer(v); });
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return at_value([&] { return dom_.number_unsigned(v); });
  }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return at_value([&] { return dom_.number_float(v, s); });
  }
  bool string(json::string_t& v) {
    return at_value([&] { return dom_.string(v); });
  }
  bool binary(json::binary_t& v) {
    return at_value([&] { return dom_.binary(v); });
  }
  bool key(json::string_t& k) { return too_deep_ || dom_.key(k); }
  bool start_object(std::size_t n) {
    const bool ok = at_value([&] { return dom_.start_object(n); });
    ++depth_;
    return ok;
  }
  bool start_array(std::size_t n) {
    const bool ok = at_value([&] { return dom_.start_array(n); });
    ++depth_;
    return ok;
  }
  bool end_object() {
    --depth_;
    return too_deep_ || dom_.end_object();
  }
  bool end_array() {
    --depth_;
    return too_deep_ || dom_.end_array();
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& e) {
    return dom_.parse_error(position, token, e);  // throws `e`
  }

 private:
  // `depth_` counts the containers around the value about to be read.
  template <class Build>
  bool at_value(Build build) {
    if (depth_ > max_depth_) too_deep_ = true;
    return too_deep_ || build();
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
};

[[noreturn]] void refuse_as_too_large(const std::string& path, std::uint64_t limit) {
  throw Error(ErrorCode::io_error,
              "the input is larger than the limit of " + std::to_string(limit) +
                  " bytes (see --max-input-size)",
              path);
}

}  // namespace

InputFile::InputFile(const std::string& path)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), path_(path), limit_(max_input_bytes()) {
  if (fd_ < 0)
    throw Error(ErrorCode::io_error,
                std::string("cannot open for reading: ") + std::strerror(errno), path);
  // A regular file says its size up front; devices and pipes say 0 and are
  // checked as they are read.
  struct stat st {};
  const bool known = ::fstat(fd_, &st) == 0;
  if (known && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    throw Error(ErrorCode::io_error, "this is a folder, not a file", path);
  }
  if (known && S_ISREG(st.st_mode)) size_hint_ = static_cast<std::uint64_t>(st.st_size);
  if (size_hint_ > limit_) {
    ::close(fd_);
    refuse_as_too_large(path, limit_);
  }
}

InputFile::~InputFile() {
  ::close(fd_);
}

std::size_t InputFile::read(char* to, std::size_t size) {
  // At most one byte past the limit is read, to tell "exactly the limit"
  // from "more".
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, limit_ + 1 - total_));
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd_, to + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorCode::io_error, "reading failed", path_);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  total_ += got;
  if (total_ > limit_) refuse_as_too_large(path_, limit_);
  return got;
}

void InputFile::skip_to(std::uint64_t offset) {
  if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0)
    throw Error(ErrorCode::io_error, std::string("cannot seek: ") + std::strerror(errno), path_);
  total_ = offset;  // the limit counts from the start of the file
}

// Spreadsheets and Windows editors save "Unicode text" as UTF-16; every
// loader reads UTF-8, so such a file is refused here, once for JSON and CSV
// alike, with what to do instead of a syntax error about byte 0xFF.
void refuse_utf16(std::string_view text, const std::string& source, const char* noun) {
  if (text.size() < 2) return;
  const auto b0 = static_cast<unsigned char>(text[0]);
  const auto b1 = static_cast<unsigned char>(text[1]);
  const bool bom = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
  const bool nul_beside_ascii = (b0 == 0) != (b1 == 0) && (b0 | b1) < 0x80;
  if (bom || nul_beside_ascii)
    throw Error(ErrorCode::parse_error,
                std::string("the ") + noun +
                    " is UTF-16 text, not UTF-8; save the file as UTF-8 (CSV UTF-8 in a "
                    "spreadsheet, UTF-8 in a text editor)",
                source);
}

nlohmann::json parse_json_syntax(std::string_view text, const std::string& source,
                                 std::size_t max_depth) {
  using nlohmann::json;
  json root;
  DepthLimitedDom dom(root, max_depth);
  try {
    json::sax_parse(text.begin(), text.end(), &dom);
  } catch (const json::parse_error& e) {
    refuse_utf16(text, source, "text");  // JSON handed over in memory, not read from a file
    auto [line, col] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line..": keep the reason.
    // Its "last read: ..." may quote invalid UTF-8 or megabytes: keep messages short and clean.
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
    what = excerpt(what, 200);
    throw Error(ErrorCode::parse_error, "not valid JSON: " + what,
                source + ":" + std::to_string(line) + ":" + std::to_string(col));
  } catch (const json::exception& e) {
    // Not a syntax error but a value JSON can write and C++ cannot hold
    // (a number beyond the double range): no position is known.
    throw Error(ErrorCode::parse_error, std::string("unreadable JSON value: ") + e.what(), source);
  }
  if (dom.too_deep())
    throw Error(ErrorCode::format_error,
                "the document nests deeper than " + std::to_string(max_depth) +
                    " levels; no sopkit document needs that",
                source);
  return root;
}

std::size_t read_whole_file(InputFile& file, const std::function<char*(std::size_t)>& grow) {
  const std::uint64_t cap = std::min<std::uint64_t>(max_input_bytes(), PTRDIFF_MAX - 1) + 1;
  auto size = static_cast<std::size_t>(
      std::min(std::max<std::uint64_t>(file.size_hint() + 1, 1 << 16), cap));
  char* data = grow(size);
  std::size_t used = 0;
  for (;;) {
    if (used == size) {
      if (used >= cap) break;
      size = static_cast<std::size_t>(std::min<std::uint64_t>(2 * std::uint64_t{used}, cap));
      data = grow(size);
    }
    const std::size_t n = file.read(data + used, size - used);
    used += n;
    if (used < size) break;  // the end of the file
  }
  return used;
}

}  // namespace sopkit::detail

namespace sopkit {
namespace {

std::atomic<std::uint64_t> g_max_input_bytes{kDefaultMaxInputBytes};

}  // namespace

void set_max_input_bytes(std::uint64_t bytes) {
  if (bytes == 0)
    throw Error(ErrorCode::invalid_argument, "the maximum input size must be at least 1 byte");
  g_max_input_bytes.store(bytes, std::memory_order_relaxed);
}

std::uint64_t max_input_bytes() noexcept {
  return g_max_input_bytes.load(std::memory_order_relaxed);
}

std::string read_text_file(const std::string& path) {
  detail::InputFile file(path);
  std::string text;
  text.resize(detail::read_whole_file(file, [&](std::size_t n) {
    text.resize(n);
    return text.data();
  }));
  detail::refuse_utf16(text, path, "file");
  return text;
}
}  // namespace sopkit
