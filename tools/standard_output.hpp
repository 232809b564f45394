// standard_output.hpp — the one place where the sopkit program's standard
// output and error are written: every write checked, text safe to show on a
// terminal.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace sopkit::cli {

// Puts checked buffers under std::cout and std::cerr (main calls it first).
// Both show text with terminal controls escaped (escape_terminal_controls);
// standard output is line-buffered on a terminal, block-buffered otherwise.
void install_standard_streams();

// Standard output for a data format (JSON, CSV, SVG, XML, DOT): from now on
// its bytes pass unchanged. Verbs write their machine-readable output here.
std::ostream& data_output();

// Flushes and closes standard output, then gives the exit code: `code` when
// everything was written; 2 after printing "sopkit: writing standard output:
// <the OS error>" when a write failed (a full disk, /dev/full); 141 (128 +
// SIGPIPE, what a shell reports for a reader that stopped) without a message
// when the reader closed the pipe and SIGPIPE is ignored.
int finish_standard_output(int code);

// `text` with the characters a terminal would obey shown as escapes: C0
// controls other than newline and tab as \x1b, DEL as \x7f, C1 controls
// (U+0080..U+009F) as \u009b. Everything else, tabs included, is kept.
std::string escape_terminal_controls(std::string_view text);

}  // namespace sopkit::cli
