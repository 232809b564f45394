// huge_pages.hpp — benchmark arrays backed by transparent huge pages.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bench {

// Gives `v` room for `count` elements without writing them and, when the
// array takes at least `min_bytes`, asks Linux to back it with transparent
// huge pages. The advice covers the whole 4 KiB pages the data lies in, as
// cpm()'s own reserve_large() does; where it is refused nothing changes. It
// must come before the elements are first written, so that they fault in as
// huge pages.
template <typename T>
void reserve_huge(std::vector<T>& v, std::size_t count, std::size_t min_bytes) {
  v.reserve(count);
  constexpr std::uintptr_t kPage = 4096;
  auto first = reinterpret_cast<std::uintptr_t>(v.data()) & ~(kPage - 1);
  auto last = (reinterpret_cast<std::uintptr_t>(v.data() + count) + kPage - 1) & ~(kPage - 1);
  if (count * sizeof(T) >= min_bytes)
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

// As reserve_huge(), then sized to `count` value-initialised elements.
template <typename T>
void resize_huge(std::vector<T>& v, std::size_t count, std::size_t min_bytes) {
  reserve_huge(v, count, min_bytes);
  v.resize(count);
}

}  // namespace bench
