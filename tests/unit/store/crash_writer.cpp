// crash_writer.cpp — writes numbered batches into a store, one transaction
// each, printing "<batch>" after each commit, until it is killed. The crash
// test SIGKILLs it mid-batch and checks what survived.
//   sopkit_store_crash_writer DB BATCH-SIZE
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "batch_data.hpp"
#include "sopkit/store.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB BATCH-SIZE\n", argv[0]);
    return 2;
  }
  try {
    auto store = sopkit::open_sqlite_store(argv[1]);
    const int size = std::atoi(argv[2]);
    for (int batch = 1;; ++batch) {
      store->import_indicators(sopkit::test::make_batch(batch, size),
                               {"writer", "batch " + std::to_string(batch)});
      std::printf("%d\n", batch);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash_writer: %s\n", e.what());
    return 1;
  }
}
