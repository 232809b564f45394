// advise_huge_pages: a hint that never changes what memory holds, given on
// the whole 2 MiB pages of a large range and on nothing else.
#include "util/huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sopkit::detail {
namespace {

// The VmFlags of the mapping of /proc/self/smaps that holds `address`; ""
// where the system has no such file.
std::string vm_flags_at(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') inside = from <= a && a < to;
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

TEST(HugePages, ALargeVectorIsAdvisedAndKeepsItsValues) {
  std::vector<std::uint64_t> v;
  v.reserve(std::size_t{16} << 20 >> 3);  // 16 MiB
  for (std::size_t i = 0; i < v.capacity(); ++i) v.push_back(i * 7);
  advise_huge_pages(v);
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i * 7);
  const std::string flags = vm_flags_at(v.data() + v.size() / 2);
  if (flags.empty()) GTEST_SKIP() << "no /proc/self/smaps";
  // A kernel built without transparent huge pages refuses the hint.
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"))
    GTEST_SKIP() << "no transparent huge pages in this kernel";
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
}

TEST(HugePages, SmallAndEmptyRangesAreLeftAlone) {
  advise_huge_pages(nullptr, 0);
  std::vector<char> small(1 << 20, 'x');  // 1 MiB: below the 4 MiB the hint needs
  advise_huge_pages(small);
  EXPECT_EQ(small[12345], 'x');
  const std::string flags = vm_flags_at(small.data());
  if (flags.empty()) GTEST_SKIP() << "no /proc/self/smaps";
  EXPECT_EQ(flags.find(" hg"), std::string::npos) << flags;
}

}  // namespace
}  // namespace sopkit::detail
