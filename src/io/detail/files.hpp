// files.hpp — reading and atomically writing whole text files, shared by
// every reader and writer so that they fail the same way.
#pragma once

#include <string>

namespace sopkit::detail {

// The whole file as bytes. Throws Error{io_error} naming the path (a folder,
// a missing or unreadable file, or more bytes than max_input_bytes(), which
// is checked while reading: devices and pipes do not say their size).
std::string read_text_file(const std::string& path);

// Writes a temporary file beside `path`, flushes it to disk and renames it
// over `path`: readers see the old file or the new one, never half of one. On
// failure the old file is intact and no temporary file is left. Keeps the
// permissions of the file it replaces. Throws Error{io_error}.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace sopkit::detail
