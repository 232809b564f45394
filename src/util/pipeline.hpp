// pipeline.hpp — two stages of a job on two threads: a producer fills batches
// on a second thread while the caller's thread consumes the previous ones, in
// order. The loaders split and read cells while rows are added to the set;
// evaluation computes results while the writer formats earlier ones. Private
// to the library.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
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

// Runs `produce(Batch&, bool busy) -> bool` until it returns false (that
// call's batch is dropped) and `consume(Batch&)` on each filled batch in the
// order produced. With `background` the producer runs on a second thread, at
// most `depth` batches ahead; batches are reused, so a producer should clear()
// and refill. `busy` tells the producer that the consumer has two batches
// waiting besides the one in hand: work the producer takes over then costs
// the consumer no waiting. (With one waiting, the producer took over so much
// that the consumer waited for it: a national JSON evaluation is 0.30 s on
// one writing thread, 0.22 s at two waiting, 0.27 s at one.) Without
// `background` both run on the caller's thread, one batch at a time (`busy`
// false): the same calls in the same order, for small inputs and
// single-threaded embedders.
//
// An exception of the producer reaches the caller after every batch produced
// before it has been consumed (errors stay in input order); an exception of
// the consumer stops the producer, which is joined before it propagates.
template <typename Batch, typename Produce, typename Consume>
void run_pipeline(bool background, Produce&& produce, Consume&& consume, std::size_t depth = 4) {
  if (!background) {
    Batch batch;
    while (produce(batch, false)) consume(batch);
    return;
  }
  std::vector<Batch> ring(depth);
  std::mutex m;
  std::condition_variable changed;
  std::size_t produced = 0, consumed = 0;  // batches handed over, taken back
  bool finished = false, stopped = false;
  std::exception_ptr error;

  std::thread producer([&] {
    try {
      for (;;) {
        std::size_t slot;
        bool busy;
        {
          std::unique_lock<std::mutex> lock(m);
          changed.wait(lock, [&] { return stopped || produced - consumed < depth; });
          if (stopped) return;
          slot = produced % depth;
          busy = produced >= consumed + 3;  // one in hand and two waiting
        }
        // The slot is the producer's alone until `produced` moves past it.
        const bool filled = produce(ring[slot], busy);
        std::lock_guard<std::mutex> lock(m);
        if (filled)
          ++produced;
        else
          finished = true;
        changed.notify_all();
        if (!filled) return;
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(m);
      error = std::current_exception();
      finished = true;
      changed.notify_all();
    }
  });
  // Joins the producer however the caller's loop ends.
  const StopAndJoin join{producer, m, changed, stopped};

  for (;;) {
    std::size_t slot;
    {
      std::unique_lock<std::mutex> lock(m);
      changed.wait(lock, [&] { return consumed < produced || finished; });
      if (consumed == produced) break;  // finished, every batch taken
      slot = consumed % depth;
    }
    consume(ring[slot]);
    std::lock_guard<std::mutex> lock(m);
    ++consumed;
    changed.notify_all();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace sopkit::detail
