// huge_pages.cpp — see huge_pages.hpp.
#include "util/huge_pages.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sopkit::detail {

namespace {
constexpr std::size_t kHuge = std::size_t{2} << 20;
}  // namespace

void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes < 2 * kHuge) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (last > first)
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint: result unused
#else
  (void)data;
  (void)bytes;
#endif
}

#if defined(__linux__) && defined(MADV_HUGEPAGE)

// A block of malloc's with 2 MiB to spare, the array placed at its first
// 2 MiB boundary past a word that holds the block's address. Not
// posix_memalign: the C library maps each such aligned block afresh, where a
// freed malloc block is kept to serve the next of its size, so a process
// that loads a set again and again (a server, a benchmark) reuses pages
// instead of faulting in new ones each time (a sixth of a repeated load's
// time).
void* allocate_huge(std::size_t bytes) {
  if (bytes < kHuge) return ::operator new(bytes);
  if (bytes > static_cast<std::size_t>(-1) - kHuge) throw std::bad_alloc();
  void* block = std::malloc(bytes + kHuge);
  if (!block) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(block) + sizeof(void*);
  auto* array = reinterpret_cast<char*>((start + kHuge - 1) & ~(kHuge - 1));
  std::memcpy(array - sizeof(void*), &block, sizeof block);
  // The whole 2 MiB pages only: what follows the last of them stays in small
  // pages, so that the array holds no more memory than an unaligned one.
  madvise(array, bytes & ~(kHuge - 1), MADV_HUGEPAGE);  // a hint: result unused
  return array;
}

void release_huge(void* p, std::size_t bytes) noexcept {
  if (bytes < kHuge) {
    ::operator delete(p);
    return;
  }
  if (!p) return;
  void* block;
  std::memcpy(&block, static_cast<char*>(p) - sizeof(void*), sizeof block);
  std::free(block);
}

#else

void* allocate_huge(std::size_t bytes) {
  return ::operator new(bytes);
}
void release_huge(void* p, std::size_t) noexcept {
  ::operator delete(p);
}

#endif

}  // namespace sopkit::detail
