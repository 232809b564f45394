// unsupported.cpp — the store's entry point in a build without SQLite
// (SOPKIT_WITH_STORE=OFF): the same API, failing with Error{unsupported}.
#include "sopkit/error.hpp"
#include "sopkit/store.hpp"

namespace sopkit {

int sqlite_store_schema_version() noexcept {
  return 0;
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions&) {
  throw Error(ErrorCode::unsupported,
              "this sopkit was built without the SQLite store (SOPKIT_WITH_STORE=OFF)", path);
}

}  // namespace sopkit
