// guard.hpp — the one place where C++ exceptions become C status codes.
//
// Every extern "C" function body runs inside guard(): it catches everything,
// stores the message in this thread's last-error slot and returns the code.
// Nothing throws across the boundary.
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/sopkit.h"

namespace sopkit::capi {

// This thread's last error message ("" after a success).
std::string& last_error() noexcept;

inline int status_of(ErrorCode code) noexcept {
  return -static_cast<int>(code);
}

inline int fail(int status, const std::string& message) noexcept {
  try {
    last_error() = message;
  } catch (...) {
    // No memory for the message: the code alone must do.
  }
  return status;
}

// A malloc'd copy of a text given to the caller (sopkit_text_free).
inline char* copy_text(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

inline int invalid(const char* message) noexcept {
  return fail(SOPKIT_EINVAL, message);
}

// Success: clears this thread's last error.
inline int ok() noexcept {
  last_error().clear();
  return SOPKIT_OK;
}

template <typename F>
int guard(F&& body) noexcept {
  try {
    last_error().clear();
    return body();
  } catch (const Error& e) {
    // A C, PHP or Go caller loads more years with the C call, not the C++ one.
    return fail(
        status_of(e.code()),
        with_coverage_advice(
            e.what(), "load the years needed, e.g. sopkit_calendar_load_years(&cal, 2023, 2026)"));
  } catch (const std::bad_alloc&) {
    return fail(SOPKIT_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(SOPKIT_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(SOPKIT_EINTERNAL, "internal error: unknown exception");
  }
}

}  // namespace sopkit::capi
