// sop_json.hpp — the interchange format v1 ("sopkit.sop/1") for SOP documents.
//
// Loading is all-or-nothing: a document either loads whole or throws an Error
// whose where() names the source and the JSON pointer ("sop.json:/steps/3/time").
// Fields sopkit does not know are kept and written back, so a round trip
// load → save → load gives an equal document. Saving writes a temporary file in
// the same folder and renames it over the target: never a half-written file.
//
//   sopkit::Sop sop = sopkit::load_sop_file("examples/sop-monev-capaian-kinerja.json");
//   sopkit::save_sop_file(sop.document(), "copy.json");
#pragma once

#include <string>
#include <string_view>

#include "sopkit/sop.hpp"

namespace sopkit {

// Parses format v1 text. `source` names the text in error locations.
// Throws Error{parse_error} for malformed JSON (with line and column) and
// Error{format_error} for a wrong structure, type or value (with JSON pointer).
// Standard times that cannot be parsed are not load errors: the step keeps the
// text and validate() reports it, so that a clerk sees every problem at once.
SopDocument parse_sop_json(std::string_view text, const std::string& source = "<text>");

// Reads and parses a file (Error{io_error} when it cannot be read).
Sop load_sop_file(const std::string& path);

// Format v1 text of a document, indented by `indent` spaces (-1: one line).
std::string sop_to_json(const SopDocument& doc, int indent = 2);

// Writes atomically (temporary file + rename). Throws Error{io_error}.
void save_sop_file(const SopDocument& doc, const std::string& path);

}  // namespace sopkit
