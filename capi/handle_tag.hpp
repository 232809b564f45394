// handle_tag.hpp — every handle says what it is, checked at the boundary.
//
// A host that passes a calendar where an SOP is expected, or a handle it has
// already freed, must get SOPKIT_EINVAL with a message, not a crash. Each
// handle's first member is a tag naming its type while it lives; the free
// functions overwrite it before releasing the memory (and the allocator
// reuses the first bytes of a freed block for its own lists), so a freed
// handle is refused as well — unless its memory has since been given to a new
// handle of the same type, which no check at this cost can tell (sopkit.h says so).
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "guard.hpp"

namespace sopkit::capi {

struct HandleTag {
  std::uint64_t value;
};

// Eight ASCII letters each, so a tag is readable in a debugger's memory view.
inline constexpr std::uint64_t tag_of(const char (&name)[9]) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(name[i]);
  return v;
}

inline constexpr std::uint64_t kFreedTag = tag_of("sk-freed");

struct HandleKind {
  std::uint64_t tag;
  const char* name;
};

// Every handle type, to name what a wrong pointer is.
inline constexpr HandleKind kHandleKinds[] = {
    {tag_of("sk-sop__"), "sopkit_sop"},
    {tag_of("sk-diagn"), "sopkit_diagnostics"},
    {tag_of("sk-analy"), "sopkit_analysis"},
    {tag_of("sk-calen"), "sopkit_calendar"},
    {tag_of("sk-sched"), "sopkit_schedule"},
    {tag_of("sk-indic"), "sopkit_indicators"},
    {tag_of("sk-evalu"), "sopkit_evaluation"},
    {tag_of("sk-runs_"), "sopkit_runs"},
    {tag_of("sk-compa"), "sopkit_runs_comparison"},
    {tag_of("sk-store"), "sopkit_store"},
};

template <typename T, typename = void>
struct is_handle : std::false_type {};
template <typename T>
struct is_handle<T, std::void_t<decltype(T::kTag), decltype(std::declval<T&>().tag)>>
    : std::true_type {};

inline std::string what_it_is(std::uint64_t tag) {
  if (tag == kFreedTag) return "a handle that was freed";
  for (const HandleKind& k : kHandleKinds)
    if (k.tag == tag) return "a " + std::string(k.name) + " handle";
  return "freed or not a sopkit handle";
}

// SOPKIT_OK for a usable argument; else SOPKIT_EINVAL naming it.
template <typename T>
int check_arg(T* p, const char* name) noexcept {
  using Type = std::remove_cv_t<T>;
  try {
    if (p == nullptr) return fail(SOPKIT_EINVAL, std::string(name) + " is NULL");
    if constexpr (is_handle<Type>::value) {
      if (p->tag.value != Type::kTag)
        return fail(SOPKIT_EINVAL, std::string(name) + " is not a live " + Type::kName +
                                       " (it is " + what_it_is(p->tag.value) + ")");
    }
  } catch (...) {  // no memory for the message: the code alone must do
    return SOPKIT_EINVAL;
  }
  return SOPKIT_OK;
}

// The body of every _free function: NULL is fine; a wrong or already freed
// handle is left alone (a double free must not reach the allocator).
template <typename T>
void free_handle(T* p) noexcept {
  if (p == nullptr) return;
  if (check_arg(p, "handle") != SOPKIT_OK) return;
  p->tag.value = kFreedTag;
  delete p;
}

}  // namespace sopkit::capi

#define SOPKIT_HANDLE(tag_text, type_name)                                \
  static constexpr std::uint64_t kTag = ::sopkit::capi::tag_of(tag_text); \
  static constexpr const char* kName = type_name;                         \
  ::sopkit::capi::HandleTag tag {                                         \
    kTag                                                                  \
  }

// Checks a required pointer argument (and a handle's type and life); returns
// SOPKIT_EINVAL naming it.
#define SOPKIT_REQUIRE(arg)                                                \
  do {                                                                     \
    if (const int sopkit_status_ = ::sopkit::capi::check_arg((arg), #arg); \
        sopkit_status_ != SOPKIT_OK)                                       \
      return sopkit_status_;                                               \
  } while (0)
