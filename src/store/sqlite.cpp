// sqlite.cpp — connection, statements and transactions of the SQLite store.
#include "store/detail/sqlite.hpp"

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

}  // namespace

Connection::Connection(const std::string& path, bool read_only, bool create, int busy_timeout_ms)
    : path_(path), read_only_(read_only) {
  int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::io_error, "cannot open the store: " + msg, path);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
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
  int rc = sqlite3_bind_text64(st_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
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

void Statement::reset() noexcept {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
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
