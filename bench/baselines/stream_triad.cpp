// The memory-bandwidth limit that bounds the bulk kernels: STREAM's copy,
// scale, add and triad on arrays far larger than the last-level cache, with
// one thread and with every OpenMP thread. Bytes are counted the STREAM way
// (16 B per element for copy/scale, 24 B for add/triad; the write-allocate
// read of the destination is not counted).
//
//   g++ -O2 -fopenmp -std=c++17 bench/baselines/stream_triad.cpp -o /tmp/stream_triad
//   /tmp/stream_triad [doubles=33554432] [iterations=20]
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double seconds_now() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

struct Kernel {
  const char* name;
  double bytes_per_element;
};

constexpr Kernel kKernels[4] = {
    {"copy  c=a", 16}, {"scale b=s*c", 16}, {"add   c=a+b", 24}, {"triad a=b+s*c", 24}};

void run_kernel(int k, long n, double* a, double* b, double* c) {
  const double s = 3.0;
  switch (k) {
    case 0:
#pragma omp parallel for schedule(static)
      for (long i = 0; i < n; ++i) c[i] = a[i];
      break;
    case 1:
#pragma omp parallel for schedule(static)
      for (long i = 0; i < n; ++i) b[i] = s * c[i];
      break;
    case 2:
#pragma omp parallel for schedule(static)
      for (long i = 0; i < n; ++i) c[i] = a[i] + b[i];
      break;
    default:
#pragma omp parallel for schedule(static)
      for (long i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
      break;
  }
}

void print_rates(int threads, const Kernel& kernel, std::vector<double> times, long n) {
  std::sort(times.begin(), times.end());
  const size_t m = times.size();
  const double median = m % 2 ? times[m / 2] : 0.5 * (times[m / 2 - 1] + times[m / 2]);
  const double bytes = kernel.bytes_per_element * double(n);
  std::printf("threads=%d %-14s GB/s: best=%7.2f med=%7.2f worst=%7.2f\n", threads, kernel.name,
              bytes / times.front() / 1e9, bytes / median / 1e9, bytes / times.back() / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 1L << 25;
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 20;
  const size_t bytes = size_t(n) * sizeof(double);
  double* a = static_cast<double*>(std::aligned_alloc(64, bytes));
  double* b = static_cast<double*>(std::aligned_alloc(64, bytes));
  double* c = static_cast<double*>(std::aligned_alloc(64, bytes));
  const int max_threads = omp_get_max_threads();
  std::printf("== STREAM-like: 3 arrays x %ld doubles = %.0f MiB, %d iterations, max threads %d\n",
              n, 3.0 * double(bytes) / 1048576, iterations, max_threads);
  for (int threads : {1, max_threads}) {
    omp_set_num_threads(threads);
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; ++i) {  // first touch by the thread that will use the page
      a[i] = 1.0;
      b[i] = 2.0;
      c[i] = 0.0;
    }
    std::vector<double> times[4];
    for (int it = 0; it <= iterations; ++it) {
      for (int k = 0; k < 4; ++k) {
        const double start = seconds_now();
        run_kernel(k, n, a, b, c);
        if (it > 0) times[k].push_back(seconds_now() - start);  // iteration 0 warms up
      }
    }
    for (int k = 0; k < 4; ++k) print_rates(threads, kKernels[k], times[k], n);
    if (max_threads == 1) break;
  }
  double checksum = 0;
  for (long i = 0; i < n; i += 4096) checksum += a[i];
  std::printf("checksum %.1f\n", checksum);
  std::free(a);
  std::free(b);
  std::free(c);
  return 0;
}
