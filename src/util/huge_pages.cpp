// huge_pages.cpp — see huge_pages.hpp.
#include "util/huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sopkit::detail {

namespace {
constexpr std::size_t kHuge = std::size_t{2} << 20;

std::size_t whole_huge_pages(std::size_t bytes) noexcept {
  return (bytes + kHuge - 1) & ~(kHuge - 1);
}
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

void* allocate_huge(std::size_t bytes) {
  if (bytes < kHuge) return ::operator new(bytes);
  const std::size_t size = whole_huge_pages(bytes);
  if (size < bytes || size + kHuge < size) throw std::bad_alloc();
  // One page more than needed, then the ends beyond the 2 MiB boundaries
  // given back: the mapping left starts and ends on one.
  void* mapped =
      mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
  if (aligned > start) munmap(mapped, aligned - start);
  if (const std::size_t tail = start + kHuge - aligned)
    munmap(reinterpret_cast<void*>(aligned + size), tail);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, size, MADV_HUGEPAGE);  // a hint: result unused
  return p;
}

void release_huge(void* p, std::size_t bytes) noexcept {
  if (!p) return;
  if (bytes < kHuge) {
    ::operator delete(p);
    return;
  }
  munmap(p, whole_huge_pages(bytes));
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
