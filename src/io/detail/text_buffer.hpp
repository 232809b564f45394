// text_buffer.hpp — a growing text whose appends are inline copies into room
// made ahead. A national evaluation's JSON is millions of appends of a few
// bytes; std::string::append is an out-of-line call each, and a writer that
// joins a key's comma, name and colon in a buffer of its own copies them
// twice. Private to the library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "util/huge_pages.hpp"

namespace sopkit::detail {

class TextBuffer {
 public:
  std::size_t size() const noexcept { return used_; }
  std::size_t capacity() const noexcept { return room_.capacity(); }
  const char* data() const noexcept { return room_.data(); }
  void clear() noexcept { used_ = 0; }

  // Where the next `n` bytes go: write at most `n` there, then end_at() the
  // byte after the last one written.
  char* tail(std::size_t n) {
    if (n > room_.size() - used_) grow(used_ + n);
    return room_.data() + used_;
  }
  void end_at(const char* end) noexcept { used_ = static_cast<std::size_t>(end - room_.data()); }

  void append(const char* p, std::size_t n) {
    if (n == 0) return;  // `p` may be null then, which memcpy must not be given
    std::memcpy(tail(n), p, n);
    used_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  TextBuffer& operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  TextBuffer& operator+=(char c) {
    *tail(1) = c;
    ++used_;
    return *this;
  }

  // Storage for at least `bytes` in all, reserved at once; a text of megabytes is
  // advised onto huge pages before it is written.
  void reserve(std::size_t bytes) {
    if (bytes > room_.capacity()) reallocate(bytes);
  }

  // Takes `storage` (a string str() gave before) as its room, empty: a
  // writer of many texts of about one size reuses one allocation.
  void adopt(std::string&& storage) noexcept {
    room_ = std::move(storage);
    used_ = 0;
  }

  // The text as a string (the room after it given back to the string's own
  // size). Appending afterwards makes room again.
  std::string& str() {
    room_.resize(used_);
    return room_;
  }

 private:
  // The room is the string's size, grown a piece at a time within its
  // capacity: a room is zeroed when it is made, and a page zeroed is a page
  // held, so room far ahead of the text would hold memory the text never
  // uses.
  static constexpr std::size_t kRoomPiece = std::size_t{64} << 10;

  void grow(std::size_t at_least) {
    if (at_least > room_.capacity()) reallocate(at_least);
    room_.resize(std::min(room_.capacity(), std::max(at_least, used_ + kRoomPiece)));
  }
  void reallocate(std::size_t at_least) {
    std::string larger;
    larger.reserve(std::max({at_least, 2 * room_.capacity(), std::size_t{256}}));
    advise_huge_pages(larger);
    larger.append(room_.data(), used_);
    room_.swap(larger);
  }

  std::string room_;  // its size is the room made; the text is its first used_ bytes
  std::size_t used_ = 0;
};

}  // namespace sopkit::detail
