// A C++ program that uses an installed sopkit through its C ABI.
#include <sopkit/sopkit.h>

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
  std::printf("sopkit %s from C++: %zu steps\n", sopkit_version(), n);
  return n == 13 ? 0 : 1;
}
