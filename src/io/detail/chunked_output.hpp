// chunked_output.hpp — text made piece by piece that either stays in memory
// (text()) or goes to a stream in pieces of about a megabyte, so that a large
// result is never held twice. Private to the library.
#pragma once

#include <ostream>
#include <string>

namespace sopkit::detail {

class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::ostream* sink) : sink_(sink) {}

  // Passes what is written so far to the sink once it is large.
  void maybe_flush() {
    if (sink_ && out_.size() >= (1u << 20)) flush();
  }
  void flush() {
    if (!sink_) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
  std::string& text() { return out_; }

 protected:
  std::string out_;

 private:
  std::ostream* sink_;
};

}  // namespace sopkit::detail
