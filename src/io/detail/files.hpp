// files.hpp — reading and atomically writing whole text files, shared by
// every reader and writer so that they fail the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sopkit/files.hpp"

namespace sopkit::detail {

// read_text_file, write_file_atomically and write_all are public
// (sopkit/files.hpp); the library calls them by these names too.
using sopkit::read_text_file;
using sopkit::write_all;
using sopkit::write_file_atomically;

// A file read in pieces, with read_text_file's checks and messages: a folder,
// a missing or unreadable file, and more bytes than max_input_bytes() (a
// regular file's size is checked on opening, other files' while reading).
class InputFile {
 public:
  explicit InputFile(const std::string& path);
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  // Fills `to` with up to `size` bytes; fewer only at the end of the file.
  std::size_t read(char* to, std::size_t size);
  // Reads on from `offset` bytes into the file (a regular file's): a second
  // reader of a large file starts at its middle.
  void skip_to(std::uint64_t offset);
  const std::string& path() const noexcept { return path_; }
  std::uint64_t size_hint() const noexcept { return size_hint_; }  // 0 unless a regular file

 private:
  int fd_;
  std::string path_;
  std::uint64_t limit_, size_hint_ = 0, total_ = 0;
};

// Reads the whole of `file` into the caller's buffer: `grow(n)` makes it hold
// at least n bytes, keeping those read so far, and returns where it starts.
// One block when a regular file's size is right, else doubling, never past
// max_input_bytes() + 1 (so that InputFile refuses a larger input). Returns
// the number of bytes read. read_text_file and the JSON loader (whose parser
// needs spare bytes after the text) share it.
std::size_t read_whole_file(InputFile& file, const std::function<char*(std::size_t)>& grow);

// Refuses UTF-16 text (a byte order mark, or a NUL beside every ASCII
// character) saying to save as UTF-8; `noun` is what the user handed over: a
// "file", or a "text" given in memory.
void refuse_utf16(std::string_view text, const std::string& source, const char* noun);

// One file of a folder written by write_folder_atomically.
struct FolderFile {
  const char* name;  // a plain file name, no '/'
  const std::string* text;
};

// Writes `files` into a fresh folder beside `dir` (each with
// write_file_atomically), flushes it and renames it into place, so that `dir`
// appears complete or not at all. An existing `dir` is replaced by an atomic
// exchange, and only when it holds nothing but these files (or their ".tmp"
// leftovers); anything else in it is refused before writing. Missing parent
// folders are created. On failure nothing is left behind and an old `dir` is
// intact. Throws Error{io_error} naming `dir` or the file that failed.
void write_folder_atomically(const std::string& dir, const std::vector<FolderFile>& files);

}  // namespace sopkit::detail
