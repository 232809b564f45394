// fuzz_check.hpp — what every fuzz target shares: a check that stops the run
// loudly (a broken promise is a finding, like a crash) and the input as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace sopkit::fuzz {

// abort() rather than an exception: libFuzzer and the replay driver both report
// an abort with the input that caused it.
[[noreturn]] inline void broken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, what);
  std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sopkit::fuzz

#define FUZZ_CHECK(cond) ((cond) ? (void)0 : ::sopkit::fuzz::broken(#cond, __FILE__, __LINE__))
