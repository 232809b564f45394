// text.hpp — positions, UTF-8 checks and excerpts of text: the helpers every
// layer's messages use, below all of them (util is the bottom of the layer
// DAG, docs/layers.md). Private to the library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace sopkit::detail {

// 1-based line and column (in characters, not UTF-8 bytes) of a byte offset.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) noexcept;

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or bytes
// past U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

// `text` made safe to quote in a message: invalid UTF-8 bytes as \xNN, and
// cut to `max_chars` characters with "…" (a 10 MB cell gives a short message).
std::string excerpt(std::string_view text, std::size_t max_chars = 40);

}  // namespace sopkit::detail
