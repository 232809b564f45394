// advise_huge_pages: a hint that never changes what memory holds, given on
// the whole 2 MiB pages of a large range and on nothing else. HugeVector: a
// large array that starts on a 2 MiB page, from memory the C library reuses.
#include "util/huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SOPKIT_OWN_ALLOCATOR 1  // the sanitizer's: freed memory is held back
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SOPKIT_OWN_ALLOCATOR 1
#endif
#endif

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

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

bool has_smaps_and_huge_pages() {
  return !vm_flags_at(&kHugePage).empty() &&
         std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good();
}

// 2.5 MiB: below the 4 MiB advise_huge_pages() needs, and on the C library's
// heap no 2 MiB boundary at its start. A HugeVector starts on one, its first
// 2 MiB advised, the last half MiB not (4 KiB pages).
TEST(HugePages, AHugeVectorOfTwoMiBOrMoreStartsOnAnAdvisedHugePage) {
  HugeVector<std::uint32_t> v;
  v.reserve((std::size_t{5} << 20) / 2 / sizeof(std::uint32_t));
  for (std::size_t i = 0; i < v.capacity(); ++i) v.push_back(static_cast<std::uint32_t>(i * 3));
  for (std::size_t i = 0; i < v.size(); ++i) ASSERT_EQ(v[i], i * 3);
  const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
  if (!has_smaps_and_huge_pages()) GTEST_SKIP() << "no smaps or no transparent huge pages";
  EXPECT_EQ(begin % kHugePage, 0u);
  const std::uint32_t* last_in_huge_page = v.data() + kHugePage / sizeof(std::uint32_t) - 1;
  EXPECT_NE(vm_flags_at(last_in_huge_page).find(" hg"), std::string::npos);
  EXPECT_EQ(vm_flags_at(&v.back()).find(" hg"), std::string::npos);
}

TEST(HugePages, AHugeVectorGrowsShrinksAndCopiesAsAVector) {
  HugeVector<double> v;
  for (int i = 0; i < 1'000'000; ++i) v.push_back(i * 0.5);  // crosses 2 MiB while growing
  HugeVector<double> copy = v;
  v.resize(10);
  v.shrink_to_fit();
  ASSERT_EQ(copy.size(), 1'000'000u);
  for (int i = 0; i < 1'000'000; ++i) ASSERT_EQ(copy[static_cast<std::size_t>(i)], i * 0.5);
  EXPECT_EQ(v.size(), 10u);
  EXPECT_EQ(v[9], 4.5);
  HugeVector<char> small(100, 'y');  // below 2 MiB: operator new
  EXPECT_EQ(small[99], 'y');
}

#if defined(__linux__) && defined(PR_SET_THP_DISABLE)
[[maybe_unused]] long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

// A set loaded again and again (a server, a benchmark) reuses the memory the
// last one freed: its arrays come from the C library, which keeps freed large
// blocks for the next, not from mappings made afresh for each (that cost a
// repeated load a sixth of its speed). Counted in 4 KiB page faults, with
// huge pages off for the count.
TEST(HugePages, AHugeVectorMadeAgainReusesFreedMemory) {
#if defined(SOPKIT_OWN_ALLOCATOR)
  GTEST_SKIP() << "a sanitizer's allocator holds freed memory back";
#else
  if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0) GTEST_SKIP() << "prctl refused";
  constexpr std::size_t kBytes = std::size_t{8} << 20;
  long faults = 0;
  for (int round = 0; round < 4; ++round) {
    const long before = minor_faults();
    HugeVector<char> v(kBytes);
    std::memset(v.data(), round + 1, kBytes);
    faults = minor_faults() - before;
  }
  prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
  EXPECT_LT(faults, static_cast<long>(kBytes / 4096 / 4));  // a fresh mapping: 2 048
#endif
}
#endif

}  // namespace
}  // namespace sopkit::detail
