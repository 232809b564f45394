// huge_pages.cpp — see huge_pages.hpp.
#include "util/huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
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

namespace {
std::size_t whole_small_pages(std::size_t bytes) noexcept {
  static const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return (bytes + page - 1) / page * page;
}
}  // namespace

void* allocate_huge(std::size_t bytes) {
  if (bytes < kHuge) return ::operator new(bytes);
  const std::size_t size = whole_small_pages(bytes);
  if (size < bytes || size + kHuge < size) throw std::bad_alloc();
  // 2 MiB more than needed, then what lies before the first 2 MiB boundary
  // and after the array given back: the mapping starts on the boundary.
  void* mapped =
      mmap(nullptr, size + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (start + kHuge - 1) & ~(kHuge - 1);
  if (aligned > start) munmap(mapped, aligned - start);
  munmap(reinterpret_cast<void*>(aligned + size), start + kHuge - aligned);
  void* p = reinterpret_cast<void*>(aligned);
  // The whole 2 MiB pages only: the rest, below 2 MiB, stays in small pages,
  // so that capacity reserved past the last element written costs no memory.
  madvise(p, size & ~(kHuge - 1), MADV_HUGEPAGE);  // a hint: result unused
  return p;
}

void release_huge(void* p, std::size_t bytes) noexcept {
  if (!p) return;
  if (bytes < kHuge)
    ::operator delete(p);
  else
    munmap(p, whole_small_pages(bytes));
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
