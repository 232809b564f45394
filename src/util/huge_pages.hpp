// huge_pages.hpp — a hint that a large array be backed by huge pages. A
// national indicator set fills ~100 MB of arrays; with 4 KiB pages each
// first touch is a page fault (on a virtual machine an expensive one: a
// sixth of the loader's time), with 2 MiB pages one in 512 is. Private to
// the library.
#pragma once

#include <cstddef>

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

}  // namespace sopkit::detail
