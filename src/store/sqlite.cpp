// sqlite.cpp — connection, statements and transactions of the SQLite store.
#include "store/detail/sqlite.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "sopkit/error.hpp"

namespace sopkit::store_detail {

namespace {

ErrorCode code_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return ErrorCode::format_error;
    case SQLITE_NOMEM:
      return ErrorCode::no_memory;
    case SQLITE_READONLY:
      return ErrorCode::invalid_argument;
    case SQLITE_CONSTRAINT:
      return ErrorCode::invalid_argument;
    default:
      return ErrorCode::io_error;
  }
}

// sqlite3_open_v2, closing the half-open handle on failure.
sqlite3* open_or_throw(const std::string& name, int flags, const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  if (rc == SQLITE_OK) return db;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  sqlite3_close(db);
  throw Error(ErrorCode::io_error, "cannot open the store: " + msg, path);
}

// The result of reading the schema version: SQLite reads the file (and, in
// WAL mode, maps the -shm index) lazily, at the first statement.
int first_read(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

// A WAL-mode file whose -shm index cannot be created (read-only folder or
// medium) fails its first read with SQLITE_READONLY_CANTINIT or CANTOPEN.
bool wal_index_unavailable(int rc) {
  return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN;
}

// True when a non-empty -wal or -journal lies beside `path`: it may hold
// commits not yet in the database file (or a half-written transaction), so
// reading the file alone could miss records or see a torn state.
bool has_pending_log(const std::string& path) {
  struct stat st {};
  for (const char* suffix : {"-wal", "-journal"})
    if (::stat((path + suffix).c_str(), &st) == 0 && st.st_size > 0) return true;
  return false;
}

// `path` as an SQLite URI naming the file as immutable: no locks, no -shm,
// no -wal (https://www.sqlite.org/uri.html). '%', '?' and '#' are escaped.
std::string immutable_uri(const std::string& path) {
  std::string uri = path.empty() || path[0] != '/' ? "file:" : "file://";
  for (char ch : path) {
    if (ch == '%' || ch == '?' || ch == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(ch));
      uri += hex;
    } else {
      uri += ch;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

Connection::Connection(const std::string& path, bool read_only, bool create, int busy_timeout_ms)
    : path_(path), read_only_(read_only) {
  int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  db_ = open_or_throw(path, flags, path);
  if (read_only) open_read_only_media(flags);
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

// A store on a read-only folder or medium: nothing may change the file there,
// so it is read as immutable, unless a journal beside it may hold commits that
// the file alone lacks (a -wal needs the -shm index that cannot be made there).
void Connection::open_read_only_media(int flags) {
  int rc = first_read(db_);
  if (rc == SQLITE_OK || !wal_index_unavailable(rc)) return;
  if (has_pending_log(path_))
    throw Error(ErrorCode::io_error,
                "cannot read the store: its journal (-wal or -journal) may hold commits "
                "not yet in the file and cannot be used here (" +
                    std::string(sqlite3_errmsg(db_)) + "); open it once where it can be written",
                path_);
  sqlite3_close(db_);
  db_ = nullptr;
  db_ = open_or_throw(immutable_uri(path_), flags | SQLITE_OPEN_URI, path_);
}

Connection::~Connection() {
  sqlite3_close_v2(db_);
}

void Connection::fail(int rc, std::string_view doing) const {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if ((rc & 0xff) == SQLITE_NOTADB)
    msg = "the file is not a sopkit store (not an SQLite database)";
  else if ((rc & 0xff) == SQLITE_READONLY)
    msg = "the store is read-only (" + msg + ")";
  throw Error(code_of(rc), msg + " (while " + std::string(doing) + ")", path_);
}

void Connection::exec(const char* sql, const char* doing) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, doing);
}

int Connection::user_version() {
  Statement st(*this, "PRAGMA user_version");
  st.step("reading the schema version");
  return static_cast<int>(st.integer(0));
}

std::int64_t Connection::last_insert_id() const noexcept {
  return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const noexcept {
  return sqlite3_changes(db_);
}

Statement::Statement(Connection& c, const char* sql) : c_(c) {
  int rc = sqlite3_prepare_v2(c.get(), sql, -1, &st_, nullptr);
  if (rc != SQLITE_OK) c.fail(rc, "preparing a query");
}

Statement::~Statement() {
  sqlite3_finalize(st_);
}

Statement& Statement::bind(int i, std::string_view text) {
  return bind_text(i, text, SQLITE_TRANSIENT);
}

Statement& Statement::bind_lasting(int i, std::string_view text) {
  return bind_text(i, text, SQLITE_STATIC);
}

Statement& Statement::bind_text(int i, std::string_view text, sqlite3_destructor_type lifetime) {
  int rc = sqlite3_bind_text64(st_, i, text.data(), text.size(), lifetime, SQLITE_UTF8);
  if (rc != SQLITE_OK) c_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) c_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int i, std::optional<double> v) {
  int rc = v ? sqlite3_bind_double(st_, i, *v) : sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) c_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int i, std::string_view bytes) {
  int rc = sqlite3_bind_blob64(st_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) c_.fail(rc, "binding a value");
  return *this;
}

bool Statement::step(std::string_view doing) {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(st_);
  c_.fail(rc, doing);
}

void Statement::run(std::string_view doing) {
  while (step(doing)) {
  }
  reset();
}

void Statement::reset(bool keep_bindings) noexcept {
  sqlite3_reset(st_);
  if (!keep_bindings) sqlite3_clear_bindings(st_);
}

std::string Statement::text(int col) const {
  const void* p = sqlite3_column_blob(st_, col);
  int n = sqlite3_column_bytes(st_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::int64_t Statement::integer(int col) const {
  return sqlite3_column_int64(st_, col);
}

std::optional<double> Statement::real(int col) const {
  if (is_null(col)) return std::nullopt;
  return sqlite3_column_double(st_, col);
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(st_, col) == SQLITE_NULL;
}

Transaction::Transaction(Connection& c, bool write) : c_(c) {
  c_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(c_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  c_.exec("COMMIT", "committing");
  open_ = false;
}

LargerPageCache::LargerPageCache(Connection& c, int kib) : c_(c) {
  Statement size(c, "PRAGMA cache_size");
  size.step("reading the page cache size");
  previous_ = size.integer(0);
  c.exec(("PRAGMA cache_size = -" + std::to_string(kib)).c_str(), "sizing the page cache");
}

LargerPageCache::~LargerPageCache() {
  const std::string sql = "PRAGMA cache_size = " + std::to_string(previous_);
  sqlite3_exec(c_.get(), sql.c_str(), nullptr, nullptr, nullptr);
}

std::string utc_now(bool millis) {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (millis) {
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms));
    out += buf;
  }
  return out + "Z";
}

}  // namespace sopkit::store_detail
