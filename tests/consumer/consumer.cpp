// A C++ program that uses an installed sopkit through its C ABI, and includes
// a C++ header (types only: the shared library exports the C ABI alone). The
// CMake consumer builds it as C++14; sopkit's C++17 requirement must raise it.
#include <sopkit/sopkit.h>
#include <sopkit/duration.hpp>

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  sopkit_sop* raw = nullptr;
  if (sopkit_sop_load_file(&raw, argv[1]) != SOPKIT_OK) {
    std::fprintf(stderr, "%s\n", sopkit_last_error());
    return 1;
  }
  std::unique_ptr<sopkit_sop, decltype(&sopkit_sop_free)> sop(raw, sopkit_sop_free);
  std::size_t n = 0;
  sopkit_sop_step_count(sop.get(), &n);
  const sopkit::WorkConvention asn;  // 450 minutes a day, from the C++ header
  std::printf("sopkit %s from C++: %zu steps, %g minutes a day\n", sopkit_version(), n,
              asn.minutes_per_day);
  return n == 13 ? 0 : 1;
}
