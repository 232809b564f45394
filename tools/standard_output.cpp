// standard_output.cpp — checked, terminal-safe standard output and error.
#include "standard_output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "cli_util.hpp"
#include "sopkit/files.hpp"

namespace sopkit::cli {
namespace {

constexpr std::size_t kBlock = 1 << 16;
constexpr int kExitClosedPipe = 128 + 13;  // 128 + SIGPIPE

bool is_c1_lead(unsigned char c) {
  return c == 0xC2;
}
bool is_c1_second(unsigned char c) {
  return c >= 0x80 && c <= 0x9F;
}

// Whether escape_terminal_controls would change `text`: almost never, so a
// block of a national report goes out without being copied byte by byte.
bool needs_escape(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || is_c1_lead(c);
  });
}

// A stream buffer over a file descriptor that keeps the first write error
// (errno) and drops what follows it, escaping terminal controls unless told
// the stream carries data.
class CheckedOutput : public std::streambuf {
 public:
  explicit CheckedOutput(int fd) : fd_(fd), line_buffered_(::isatty(fd) == 1) {}

  void carry_data() {
    drain(true);
    escape_ = false;
  }
  int error() const { return error_; }
  void finish() { drain(true); }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    xsputn(&ch, 1);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::string_view piece(s, static_cast<std::size_t>(n));
    if (!escape_ && pending_.empty() && piece.size() >= kBlock) {
      send(piece);  // a large block of data goes out without a copy
      return n;
    }
    pending_ += piece;
    if (pending_.size() >= kBlock || (line_buffered_ && piece.find('\n') != piece.npos))
      drain(false);
    return n;
  }
  int sync() override {
    drain(false);
    return error_ == 0 ? 0 : -1;
  }

 private:
  // Writes what is pending; a C1 control's first byte at the very end waits
  // for its second byte unless this is the last write.
  void drain(bool last) {
    std::size_t ready = pending_.size();
    if (escape_ && !last && ready > 0 && is_c1_lead(static_cast<unsigned char>(pending_.back())))
      --ready;
    const std::string_view text(pending_.data(), ready);
    if (escape_ && needs_escape(text))
      send(escape_terminal_controls(text));
    else
      send(text);
    pending_.erase(0, ready);
  }
  void send(std::string_view bytes) {
    if (error_ == 0) error_ = write_all(fd_, bytes);
  }

  int fd_;
  bool line_buffered_;
  bool escape_ = true;
  int error_ = 0;
  std::string pending_;
};

// Never destroyed: std::cout and std::cerr are flushed after static objects die.
CheckedOutput& checked_stdout() {
  static CheckedOutput* out = new CheckedOutput(STDOUT_FILENO);
  return *out;
}
CheckedOutput& checked_stderr() {
  static CheckedOutput* err = new CheckedOutput(STDERR_FILENO);
  return *err;
}

void append_escape(std::string& out, const char* format, unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

}  // namespace

std::string escape_terminal_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      append_escape(out, "\\x%02x", c);
    } else if (is_c1_lead(c) && i + 1 < text.size() &&
               is_c1_second(static_cast<unsigned char>(text[i + 1]))) {
      append_escape(out, "\\u%04x", static_cast<unsigned char>(text[++i]));
    } else {
      out += text[i];
    }
  }
  return out;
}

void install_standard_streams() {
  std::cout.rdbuf(&checked_stdout());
  std::cerr.rdbuf(&checked_stderr());
}

std::ostream& data_output() {
  std::cout.flush();
  checked_stdout().carry_data();
  return std::cout;
}

int finish_standard_output(int code) {
  std::cout.flush();
  CheckedOutput& out = checked_stdout();
  out.finish();
  int err = out.error();
  if (err == 0 && ::close(STDOUT_FILENO) != 0 && errno != EBADF) err = errno;
  if (err == EPIPE) return kExitClosedPipe;
  if (err == 0) return code;
  std::cerr << "sopkit: writing standard output: " << std::strerror(err) << '\n';
  return kExitUsage;
}

}  // namespace sopkit::cli
