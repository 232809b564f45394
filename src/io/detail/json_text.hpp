// json_text.hpp — parsing JSON documents with positions a clerk can find.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "util/text.hpp"  // line_column, is_valid_utf8, excerpt

namespace sopkit::detail {

// Parses a JSON document. Throws Error{parse_error} at "source:line:column"
// for malformed JSON (and for numbers JSON can write but a double cannot
// hold), and Error{format_error} for nesting deeper than `max_depth`: real
// documents nest a few levels, and the limit keeps hostile input from eating
// the stack. A repeated key keeps its last value: JsonDocument, the reader
// every loader uses, refuses repeated keys itself and calls this only for the
// text simdjson refuses, to word the fault.
nlohmann::json parse_json_syntax(std::string_view text, const std::string& source,
                                 std::size_t max_depth);

}  // namespace sopkit::detail
