// ordered_runs.hpp — a job cut into numbered runs whose outputs follow one
// another in order, on two threads: an evaluation computed and written, held
// results written as one text. Each thread takes the next run nobody has
// taken. The caller does the run next in order in place and appends, in
// order, what a run done aside made; while the next run in order is still
// being done by the other thread, the caller does a later one aside instead
// of waiting. Both threads do the same work, so each does what its speed
// allows. Private to the library.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sopkit::detail {

// Sets `stopped` under `m`, wakes the threads waiting on `changed` and joins
// `t`, however the scope that holds it ends: a second thread is never left
// running past the call that started it.
struct StopAndJoin {
  std::thread& t;
  std::mutex& m;
  std::condition_variable& changed;
  bool& stopped;
  ~StopAndJoin() {
    {
      std::lock_guard<std::mutex> lock(m);
      stopped = true;
    }
    changed.notify_all();
    t.join();
  }
};

// Runs 0 .. runs-1: `in_place(run)` and `append(run, piece)` on the caller's
// thread, in run order; `aside(run, piece)` on either thread, into a Piece
// (a text, or what a run makes) it may reuse: its earlier contents are
// stale. No run is taken more than `depth` ahead of the next one to write,
// so at most `depth` pieces are held. Without `background`, every run is
// in_place on the caller's thread.
//
// An exception reaches the caller when it reaches its run, every earlier run
// written (of several, the earliest run's); no run is taken after one. The
// second thread is joined before it propagates.
template <typename Piece = std::string, typename Aside, typename InPlace, typename Append>
void run_in_order(std::size_t runs, bool background, Aside&& aside, InPlace&& in_place,
                  Append&& append, std::size_t depth = 4) {
  if (!background || runs < 2) {
    for (std::size_t r = 0; r < runs; ++r) in_place(r);
    return;
  }
  std::vector<Piece> pieces(depth);
  std::vector<char> ready(depth, 0);  // pieces[r % depth] holds run r's piece
  std::mutex m;
  std::condition_variable changed;
  std::size_t taken = 0;    // runs taken by either thread
  std::size_t written = 0;  // runs the caller has written, in order
  bool stopped = false;
  std::exception_ptr error;  // of the earliest run that failed
  std::size_t failed_run = 0;
  auto may_take = [&] { return !error && taken < runs && taken < written + depth; };
  auto fail = [&](std::size_t run, std::exception_ptr e) {
    if (!error || run < failed_run) {
      error = e;
      failed_run = run;
    }
  };

  std::thread second([&] {
    for (;;) {
      std::size_t r;
      {
        std::unique_lock<std::mutex> lock(m);
        changed.wait(lock, [&] { return stopped || taken >= runs || may_take(); });
        if (stopped || taken >= runs) return;
        r = taken++;
      }
      // pieces[r % depth] is this thread's alone until it is marked ready.
      try {
        aside(r, pieces[r % depth]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(m);
        fail(r, std::current_exception());
        changed.notify_all();
        return;
      }
      std::lock_guard<std::mutex> lock(m);
      ready[r % depth] = 1;
      changed.notify_all();
    }
  });
  // Joins the second thread however the caller's loop ends.
  const StopAndJoin join{second, m, changed, stopped};

  std::unique_lock<std::mutex> lock(m);
  while (written < runs) {
    const std::size_t next = written;
    if (ready[next % depth]) {
      lock.unlock();
      append(next, pieces[next % depth]);
      lock.lock();
      ready[next % depth] = 0;
    } else if (taken == next) {
      ++taken;
      lock.unlock();
      in_place(next);
      lock.lock();
    } else if (error && failed_run == next) {
      std::rethrow_exception(error);
    } else if (may_take()) {
      // The next run is the other thread's, not done yet: format a later one.
      const std::size_t r = taken++;
      lock.unlock();
      std::exception_ptr failed;
      try {
        aside(r, pieces[r % depth]);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed)
        fail(r, failed);
      else
        ready[r % depth] = 1;
      continue;
    } else {
      changed.wait(lock);
      continue;
    }
    written = next + 1;
    changed.notify_all();
  }
}

}  // namespace sopkit::detail
