// sqlite_store.cpp — opening the SQLite store: journal, durability, schema.
#include <cmath>

#include "sopkit/error.hpp"
#include "store/detail/sqlite_store.hpp"

namespace sopkit {

int sqlite_store_schema_version() noexcept {
  return store_detail::kSchemaVersion;
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options) {
  return std::make_unique<store_detail::SqliteStore>(path, options);
}

namespace store_detail {

SqliteStore::SqliteStore(const std::string& path, const StoreOptions& options)
    : db_(path, options.read_only, options.create, options.busy_timeout_ms) {
  // Reading the header first: a file that is not a database fails here with a
  // clear message instead of at the first query.
  db_.user_version();
  if (!options.read_only) {
    // WAL: readers never block the writer nor see half a transaction.
    // synchronous=FULL: a commit is on disk before it returns, so committed
    // records survive a power cut too, not only a crashed process (the store
    // keeps evaluation records; batching amortises the fsync). docs/store.md.
    db_.exec("PRAGMA journal_mode = WAL", "switching to write-ahead logging");
  }
  db_.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", "setting durability");
  migrate(db_);
}

void SqliteStore::require_writable(const char* doing) const {
  if (db_.read_only())
    throw Error(ErrorCode::invalid_argument,
                std::string("the store was opened read-only: cannot ") + doing, db_.path());
}

}  // namespace store_detail
}  // namespace sopkit
