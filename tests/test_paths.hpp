// test_paths.hpp — where the tests find the repository's files.
#pragma once

#include <string>

namespace sopkit::test {

inline std::string source_path(const std::string& relative) {
  return std::string(SOPKIT_SOURCE_DIR) + "/" + relative;
}

inline std::string seed_path() {
  return source_path("examples/sop-monev-capaian-kinerja.json");
}

}  // namespace sopkit::test
