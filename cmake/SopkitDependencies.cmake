# Every dependency comes from a Debian 12 package (scripts/install-deps).
# Boost, nlohmann-json and simdjson are private: no public header includes them.
find_package(Boost 1.74 REQUIRED)                 # headers only: Graph, Date_Time
find_package(nlohmann_json 3.10 REQUIRED)
find_package(simdjson 3.0 REQUIRED)              # libsimdjson-dev: fast JSON loading (private)
find_package(Threads REQUIRED)
if(SOPKIT_WITH_STORE)
  find_package(SQLite3 3.24 REQUIRED)             # libsqlite3-dev: the record store (UPSERT, WAL)
endif()
if(SOPKIT_BUILD_TOOLS)
  find_package(CLI11 2.1 REQUIRED CONFIG)          # libcli11-dev: the sopkit program's options
endif()
if(SOPKIT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SOPKIT_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
