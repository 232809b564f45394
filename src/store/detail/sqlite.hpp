// sqlite.hpp — a thin RAII layer over the SQLite C API for the store: one
// connection, prepared statements, and transactions that roll back unless
// committed. Every SQLite failure becomes a sopkit::Error naming the database
// file and what was being done.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sopkit::store_detail {

class Connection {
 public:
  // Opens `path` (SQLITE_OPEN_FULLMUTEX off: the store serialises its calls).
  Connection(const std::string& path, bool read_only, bool create, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const noexcept { return db_; }
  const std::string& path() const noexcept { return path_; }
  bool read_only() const noexcept { return read_only_; }

  // Runs SQL without results (several statements allowed).
  void exec(const char* sql, const char* doing);
  int user_version();
  std::int64_t last_insert_id() const noexcept;
  int changes() const noexcept;

  // Throws the Error for SQLite result `rc` while `doing` something.
  [[noreturn]] void fail(int rc, std::string_view doing) const;

 private:
  void open_read_only_media(int flags);

  sqlite3* db_ = nullptr;
  std::string path_;
  bool read_only_ = false;
};

class Statement {
 public:
  Statement(Connection& c, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds (1-based index). An empty optional binds NULL.
  Statement& bind(int i, std::string_view text);  // copied
  // Binds a text that is not copied: it must stay unchanged until the
  // statement is reset (run() resets). For the per-row loops of bulk writes.
  Statement& bind_lasting(int i, std::string_view text);
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, std::optional<double> v);
  Statement& bind_blob(int i, std::string_view bytes);

  // Steps once: true when a row is ready, false when done.
  bool step(std::string_view doing);
  // Steps to the end of a statement without results.
  void run(std::string_view doing);
  // Clears the bindings too unless `keep_bindings` (the caller binds every
  // parameter before the next step: clearing them would be wasted work).
  void reset(bool keep_bindings = false) noexcept;

  std::string text(int col) const;
  std::int64_t integer(int col) const;
  std::optional<double> real(int col) const;  // NULL -> nullopt
  bool is_null(int col) const;

 private:
  Statement& bind_text(int i, std::string_view text, sqlite3_destructor_type lifetime);

  Connection& c_;
  sqlite3_stmt* st_ = nullptr;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so a
// transaction never fails half-way for want of it); ROLLBACK on destruction
// unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Connection& c, bool write = true);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool open_ = false;
};

// Raises the connection's page cache to `kib` KiB for its lifetime, then
// puts the previous size back (SQLite frees the pages above it). A bulk write
// touches pages all over an index; with the default 2 MiB most of them are
// read back from the log again and again.
class LargerPageCache {
 public:
  LargerPageCache(Connection& c, int kib);
  ~LargerPageCache();
  LargerPageCache(const LargerPageCache&) = delete;
  LargerPageCache& operator=(const LargerPageCache&) = delete;

 private:
  Connection& c_;
  std::int64_t previous_;  // as PRAGMA cache_size gives it: pages, or -KiB
};

// UTC now, "2024-03-01T08:00:00Z" (with milliseconds when asked).
std::string utc_now(bool millis = false);

}  // namespace sopkit::store_detail
