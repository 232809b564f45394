// files.hpp — reading and writing whole files the way every sopkit loader and
// writer does, for programs built on sopkit that read and write files of
// their own (the sopkit command line is one).
//
// Reading stops at max_input_bytes() (input_limit.hpp), so that /dev/zero or a
// FIFO that never ends fails with a message instead of eating the memory.
// Writing is atomic: readers of the file see the old file or the new one,
// never half of one, and a failure leaves the old file as it was.
#pragma once

#include <string>
#include <string_view>

namespace sopkit {

// The whole file as bytes. Throws Error{io_error} naming `path` for a folder,
// a missing or unreadable file, or more bytes than max_input_bytes() (checked
// while reading: devices and pipes do not say their size), and
// Error{parse_error} for UTF-16 text (a byte-order mark, or a NUL beside
// every ASCII character), saying to save the file as UTF-8.
std::string read_text_file(const std::string& path);

// Writes `content` to a temporary file beside `path` (a unique name, created
// exclusively), flushes it to disk and renames it over `path`. On failure the
// old file is intact and no temporary file is left. A symbolic link stays a
// link: the file it leads to is replaced. A character device (/dev/null, a
// terminal) is written into, not replaced; a folder, FIFO, socket or block
// device is refused. The replaced file's permission bits and owner carry over
// (the owner only when running as root), setuid and setgid never do; a new
// file gets rw-r--r--. Throws Error{io_error} naming `path`.
void write_file_atomically(const std::string& path, const std::string& content);

// Writes all of `bytes` to the open file descriptor `fd`, again after a
// signal interrupts a write or a write takes part of them. Returns 0, or the
// errno of the write that failed (EPIPE when the reader has gone: the caller
// decides whether that is an error).
int write_all(int fd, std::string_view bytes);

}  // namespace sopkit
