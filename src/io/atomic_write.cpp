// atomic_write.cpp — the one writer of whole files and report folders: a
// reader sees the old content or the new, never half of it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "io/detail/files.hpp"
#include "sopkit/error.hpp"

namespace sopkit::detail {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, int err, const std::string& path) {
  throw Error(ErrorCode::io_error, what + ": " + std::strerror(err), path);
}

// Why a save must not replace what is at a path, or nullptr when it may.
const char* refusal(mode_t mode) {
  if (S_ISDIR(mode)) return "this is a folder, not a file";
  if (S_ISFIFO(mode)) return "this is a named pipe (FIFO): refusing to replace it with a file";
  if (S_ISSOCK(mode)) return "this is a socket: refusing to replace it with a file";
  if (S_ISBLK(mode)) return "this is a block device: refusing to write over it";
  return nullptr;
}

// A character device (/dev/null, /dev/tty, /dev/stdout on a terminal) is
// written into, never replaced. Opened without blocking and checked again, so
// that a FIFO swapped in after the first look is refused instead of waited on.
void write_through_device(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) fail("cannot open for writing", errno, path);
  struct stat st {};
  int err = ::fstat(fd, &st) != 0 ? errno : 0;
  if (err == 0 && !S_ISCHR(st.st_mode)) {
    ::close(fd);
    throw Error(ErrorCode::io_error, "changed while being opened: refusing to write", path);
  }
  if (err == 0 && ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) err = errno;
  if (err == 0) err = write_all(fd, content);
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) fail("writing failed", err, path);
}

// The ordinary file a save replaces: `path` itself, or the file its symbolic
// links lead to (the links stay links). `old` receives that file's status.
std::string replaced_file(const std::string& path, const struct stat& link, struct stat& old) {
  if (!S_ISLNK(link.st_mode)) {
    old = link;
    return path;
  }
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) fail("cannot follow the symbolic link", errno, path);
  if (::stat(resolved, &old) != 0) fail("cannot follow the symbolic link", errno, path);
  return resolved;
}

// Temporary file beside `target`, written, flushed to disk and renamed over
// it. `old` is the replaced file's status (nullptr for a new file): its
// permission bits and owner carry over, setuid and setgid never do.
void replace_file(const std::string& target, const std::string& content, const struct stat* old,
                  const std::string& named) {
  std::string tmp = target + ".tmp.XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) fail("cannot create a temporary file beside it", errno, named);
  auto give_up = [&](const char* what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    fail(what, err, named);
  };
  if (int err = write_all(fd, content)) give_up("writing failed", err);
  if (::fsync(fd) != 0) give_up("flushing to disk failed", errno);
  if (old && ::fchown(fd, old->st_uid, old->st_gid) != 0) {
    // Only root may give a file away: others keep owning what they write.
  }
  ::fchmod(fd, old ? (old->st_mode & 0777) : 0644);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("closing failed", err, named);
  }
  if (std::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("cannot replace the file", err, named);
  }
}

void sync_folder(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// "out/monev/" and "out/monev/." as "out/monev"; an existing folder (or a
// link to one) as its real path, so that the swap happens where it lives.
std::string folder_target(const std::string& dir) {
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved)) return resolved;
  fs::path p = fs::path(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  if (p.empty() || p.filename() == "." || p.filename() == "..")
    throw Error(ErrorCode::io_error, "give the name of the report folder itself", dir);
  return p.string();
}

bool is_listed(const std::string& name, const std::vector<FolderFile>& files) {
  for (const auto& f : files)
    if (name == f.name || name == std::string(f.name) + ".tmp") return true;
  return false;
}

// An existing folder is replaced only when it holds nothing but the files
// being written (and the ".tmp" files older versions left behind).
void check_replaceable(const std::string& dir, const std::vector<FolderFile>& files) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_listed(name, files))
      throw Error(ErrorCode::io_error,
                  "the folder holds '" + name +
                      "', which is not one of the files written: give a new or empty folder",
                  dir);
  }
  if (ec) fail("cannot list the folder", ec.value(), dir);
}

// Removes a folder this writer made or replaced: only the listed names, so
// that a file someone added meanwhile survives (and keeps the folder).
void remove_written(const std::string& dir, const std::vector<FolderFile>& files) {
  std::error_code ec;
  for (const auto& f : files) {
    fs::remove(fs::path(dir) / f.name, ec);
    fs::remove(fs::path(dir) / (std::string(f.name) + ".tmp"), ec);
  }
  fs::remove(dir, ec);
}

// Puts the finished folder `fresh` where `target` is: an atomic exchange with
// the old folder, or (on file systems without it) the old folder moved aside
// first. Leaves the old folder at `fresh`.
void swap_into_place(const std::string& fresh, const std::string& target) {
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS) fail("cannot replace the folder", errno, target);
  std::string aside = target + ".old.XXXXXX";
  if (!::mkdtemp(aside.data())) fail("cannot replace the folder", errno, target);
  if (std::rename(target.c_str(), aside.c_str()) != 0) {
    const int err = errno;
    ::rmdir(aside.c_str());
    fail("cannot replace the folder", err, target);
  }
  if (std::rename(fresh.c_str(), target.c_str()) != 0) {
    const int err = errno;
    std::rename(aside.c_str(), target.c_str());
    fail("cannot replace the folder", err, target);
  }
  std::rename(aside.c_str(), fresh.c_str());  // `fresh` is now free: the old folder goes there
}

void write_files_into(const std::string& fresh, const std::string& target,
                      const std::vector<FolderFile>& files) {
  for (const auto& f : files) {
    try {
      write_file_atomically((fs::path(fresh) / f.name).string(), *f.text);
    } catch (const Error& e) {
      throw Error(e.code(), e.message(), (fs::path(target) / f.name).string());
    }
  }
}

}  // namespace

void write_folder_atomically(const std::string& dir, const std::vector<FolderFile>& files) {
  const std::string target = folder_target(dir);
  struct stat old {};
  const bool exists = ::stat(target.c_str(), &old) == 0;
  if (exists && !S_ISDIR(old.st_mode))
    throw Error(ErrorCode::io_error, "this is a file, not a folder", dir);
  if (exists) check_replaceable(target, files);
  const fs::path parent = fs::path(target).parent_path();
  std::error_code ec;
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) throw Error(ErrorCode::io_error, "cannot create the folder: " + ec.message(), dir);

  std::string fresh = target + ".tmp.XXXXXX";
  if (!::mkdtemp(fresh.data())) fail("cannot create a temporary folder beside it", errno, dir);
  try {
    write_files_into(fresh, target, files);
    if (::chmod(fresh.c_str(), exists ? (old.st_mode & 0777) : 0755) != 0)
      fail("cannot set the folder's permissions", errno, dir);
    sync_folder(fresh);
    if (!exists && std::rename(fresh.c_str(), target.c_str()) != 0)
      fail("cannot put the folder in place", errno, dir);
    if (exists) swap_into_place(fresh, target);
  } catch (...) {
    remove_written(fresh, files);
    throw;
  }
  if (exists) remove_written(fresh, files);  // the old report, now at the temporary name
  sync_folder(parent.empty() ? "." : parent.string());
}

}  // namespace sopkit::detail

namespace sopkit {

int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) return detail::replace_file(path, content, nullptr, path);
  struct stat seen {};
  if (::stat(path.c_str(), &seen) != 0)
    detail::fail("cannot follow the symbolic link", errno, path);
  if (const char* why = detail::refusal(seen.st_mode)) throw Error(ErrorCode::io_error, why, path);
  if (S_ISCHR(seen.st_mode)) return detail::write_through_device(path, content);
  struct stat old {};
  const std::string target = detail::replaced_file(path, link, old);
  detail::replace_file(target, content, &old, path);
}

}  // namespace sopkit
