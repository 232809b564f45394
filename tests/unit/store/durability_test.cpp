// Durability: a writer killed mid-batch loses no committed batch and leaves no
// part of one; readers see whole batches while a writer writes (WAL).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "batch_data.hpp"
#include "sopkit/store.hpp"
#include "store_test_util.hpp"

namespace sopkit {
namespace {

using test::TempStorePath;

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW)
    out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// Every batch in the store is whole, and they are 1..n without a gap.
int check_whole_batches(const IndicatorSet& set, int batch_size) {
  auto rows = test::rows_per_batch(set);
  int expected = 1;
  for (const auto& [batch, count] : rows) {
    EXPECT_EQ(batch, expected++) << "a batch is missing before batch " << batch;
    EXPECT_EQ(count, batch_size) << "batch " << batch << " is partial";
  }
  return static_cast<int>(rows.size());
}

TEST(StoreDurability, WriterKilledMidBatchLosesNoCommittedBatchAndLeavesNoPartOfOne) {
  constexpr int kBatchSize = 400;
  TempStorePath tmp;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(SOPKIT_STORE_CRASH_WRITER, SOPKIT_STORE_CRASH_WRITER, tmp.path().c_str(),
          std::to_string(kBatchSize).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* in = fdopen(fds[0], "r");
  int committed = 0;
  char line[32];
  while (committed < 6 && std::fgets(line, sizeof line, in)) committed = std::atoi(line);
  kill(pid, SIGKILL);  // the writer is inside batch committed + 1 (or later)
  int status = 0;
  waitpid(pid, &status, 0);
  std::fclose(in);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the writer ended before it was killed (status " << status << ")";
  ASSERT_EQ(committed, 6);

  auto store = open_sqlite_store(tmp.path());  // recovers the WAL
  int batches = check_whole_batches(store->indicators(), kBatchSize);
  EXPECT_GE(batches, committed) << "a committed batch was lost";
  // Every surviving value has exactly its audit rows (target + realisation).
  EXPECT_EQ(store->audit("").size(), static_cast<std::size_t>(batches) * kBatchSize * 2);
  EXPECT_EQ(integrity_check(tmp.path()), "ok");
  // The store takes writes again after the crash.
  store->import_indicators(test::make_batch(batches + 1, kBatchSize), {"after", ""});
  EXPECT_EQ(check_whole_batches(store->indicators(), kBatchSize), batches + 1);
}

TEST(StoreDurability, ReadersSeeWholeBatchesWhileAWriterWrites) {
  constexpr int kBatchSize = 100, kBatches = 25;
  TempStorePath tmp;
  open_sqlite_store(tmp.path());  // create the schema before the threads start
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::set<int> seen[2];
  std::thread writer([&] {
    auto store = open_sqlite_store(tmp.path());
    for (int b = 1; b <= kBatches; ++b)
      store->import_indicators(test::make_batch(b, kBatchSize), {"writer", ""});
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r)
    readers.emplace_back([&, r] {
      auto store = open_sqlite_store(tmp.path());
      do {
        seen[r].insert(check_whole_batches(store->indicators(), kBatchSize));
        ++reads;
      } while (!done);
    });
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_GT(reads.load(), 2);
  // The readers ran while the writer wrote: they saw the store part-way.
  EXPECT_GE(seen[0].size() + seen[1].size(), 3u);
  auto store = open_sqlite_store(tmp.path());
  EXPECT_EQ(check_whole_batches(store->indicators(), kBatchSize), kBatches);
}

}  // namespace
}  // namespace sopkit
