// chunked_output.hpp — text made piece by piece that either stays in memory
// (take_text()) or goes to a stream in pieces of about a megabyte, so that a large
// result is never held twice. Private to the library.
#pragma once

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

  // Called between items: with a sink, passes what is written so far on once
  // it is a piece. In memory the text grows as TextBuffer grows it (doubling
  // onto huge pages), so there is nothing to do.
  void maybe_flush() {
    if (sink_ && out_.size() >= kPiece) flush();
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
  // Text made by another writer (a run of items written on another thread)
  // after what is written so far: with a sink, passed on without a copy.
  void append_piece(std::string_view text) {
    if (!sink_) return out_.append(text);
    flush();
    sink_->write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  // In memory, writes into `storage`'s allocation (a string take_text() gave
  // before), emptied: one allocation for many texts of about one size.
  void reuse(std::string&& storage) noexcept { out_.adopt(std::move(storage)); }
  // In memory, storage for about `bytes` in all, reserved at once: a writer
  // that can tell the size of its text spares the doublings (and their
  // copies). A text that stays below a piece grows as any text does.
  void expect(std::size_t bytes) {
    if (!sink_ && bytes >= kPiece) out_.reserve(bytes);
  }

 protected:
  TextBuffer out_;

 private:
  static constexpr std::size_t kPiece = std::size_t{1} << 20;

  std::ostream* sink_;
};

}  // namespace sopkit::detail
