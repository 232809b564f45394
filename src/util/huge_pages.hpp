// huge_pages.hpp — large arrays backed by huge pages. A national indicator
// set fills ~100 MB of arrays; with 4 KiB pages each first touch is a page
// fault (on a virtual machine an expensive one: a sixth of the loader's
// time), with 2 MiB pages one in 512 is. Private to the library.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace sopkit::detail {

// Asks the kernel (Linux: madvise MADV_HUGEPAGE, honoured when transparent
// huge pages are "always" or "madvise") to back the whole 2 MiB pages inside
// [data, data + bytes). Ignores a range below 4 MiB, other systems and any
// refusal: it changes when memory is mapped, never what it holds.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

// The same for a vector's capacity, after a reserve.
template <typename Vector>
void advise_huge_pages(const Vector& v) noexcept {
  advise_huge_pages(v.data(), v.capacity() * sizeof(typename Vector::value_type));
}

// `bytes` of memory: from 2 MiB up, an array from the C library's heap that
// starts on a 2 MiB boundary, its whole 2 MiB pages advised as huge pages
// (an unaligned array has up to 2 MiB at its start in 4 KiB pages, and all
// of it below 4 MiB). What follows the last whole 2 MiB page stays in 4 KiB
// pages, so that the array holds no more memory than an unaligned one would
// (a page, of either size, holds memory once written). Smaller: operator
// new. Throws std::bad_alloc. Free with release_huge(p, bytes).
void* allocate_huge(std::size_t bytes);
void release_huge(void* p, std::size_t bytes) noexcept;

// An allocator for a large array (a column of a national set): see
// allocate_huge().
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() noexcept = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocate_huge(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { release_huge(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept {
    return false;
  }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace sopkit::detail
