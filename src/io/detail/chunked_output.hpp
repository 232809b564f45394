// chunked_output.hpp — text made piece by piece that either stays in memory
// (text()) or goes to a stream in pieces of about a megabyte, so that a large
// result is never held twice. Private to the library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "io/detail/text_buffer.hpp"

namespace sopkit::detail {

class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::ostream* sink) : sink_(sink) {}

  // Called between items. With a sink, passes what is written so far on once
  // it is large. In memory, makes room ahead once the text is large.
  void maybe_flush() {
    if (out_.size() < next_check_) return;
    if (sink_)
      flush();
    else
      make_room();
  }
  void flush() {
    if (!sink_) return;
    sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
  // In memory, the whole text, taken: the writer is left empty.
  std::string take_text() {
    std::string text = std::move(out_.str());
    out_ = TextBuffer();
    return text;
  }
  std::size_t size() const noexcept { return out_.size(); }
  // Text as it is, after the document (its last line's end).
  void append(std::string_view text) { out_.append(text); }
  // In memory, room for about `bytes` in all, made at once: a writer that can
  // tell the size of its text spares the doublings (and their fresh pages).
  // A text that stays below a piece grows as any string does.
  void expect(std::size_t bytes) {
    if (!sink_ && bytes >= kPiece && bytes > out_.capacity()) make_room(bytes);
  }

 protected:
  TextBuffer out_;

 private:
  static constexpr std::size_t kPiece = std::size_t{1} << 20;

  // A national result held in memory runs to hundreds of megabytes: its
  // room doubles onto huge pages (TextBuffer advises them before the text is
  // copied in) instead of growing append by append with a fault per 4 KiB
  // page.
  void make_room(std::size_t at_least = 0) {
    out_.reserve(std::max({at_least, 2 * out_.capacity(), 4 * kPiece}));
    next_check_ = out_.capacity() - kPiece;  // an item is far below a piece
  }

  std::ostream* sink_;
  std::size_t next_check_ = kPiece;
};

}  // namespace sopkit::detail
