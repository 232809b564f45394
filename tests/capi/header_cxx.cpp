// The C header compiles as C++ and its declarations link from C++.
#include "sopkit/sopkit.h"

#include <cstdio>
#include <cstring>

int main() {
  // Touch a function so the link is tested too.
  return std::strcmp(sopkit_version(), "") == 0 ? 1 : (std::printf("1 passed, 0 failed\n"), 0);
}
