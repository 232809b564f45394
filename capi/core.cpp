// core.cpp — version, status texts and the thread-local last error.
#include "guard.hpp"
#include "sopkit/input_limit.hpp"

namespace sopkit::capi {

std::string& last_error() noexcept {
  thread_local std::string message;
  return message;
}

}  // namespace sopkit::capi

#define SOPKIT_STR2(x) #x
#define SOPKIT_STR(x) SOPKIT_STR2(x)

extern "C" {

const char* sopkit_version(void) {
  return SOPKIT_STR(SOPKIT_VERSION_MAJOR) "." SOPKIT_STR(SOPKIT_VERSION_MINOR) "." SOPKIT_STR(
      SOPKIT_VERSION_PATCH);
}

unsigned sopkit_version_number(void) {
  return SOPKIT_VERSION_NUMBER;
}

void sopkit_text_free(char* text) {
  std::free(text);
}

const char* sopkit_status_str(int status) {
  switch (status) {
    case SOPKIT_OK:
      return "ok";
    case SOPKIT_EINVAL:
      return "invalid argument";
    case SOPKIT_EPARSE:
      return "parse error";
    case SOPKIT_EFORMAT:
      return "format error";
    case SOPKIT_EIO:
      return "input/output error";
    case SOPKIT_EVALIDATION:
      return "validation failed";
    case SOPKIT_ENOTFOUND:
      return "not found";
    case SOPKIT_ERANGE:
      return "out of range";
    case SOPKIT_ENOMEM:
      return "out of memory";
    case SOPKIT_EBUFFER:
      return "buffer too small";
    case SOPKIT_ENOTCOMPUTABLE:
      return "not computable";
    case SOPKIT_EINTERNAL:
      return "internal error";
    case SOPKIT_EUNSUPPORTED:
      return "not supported by this build";
    default:
      return "unknown status";
  }
}

const char* sopkit_last_error(void) {
  return sopkit::capi::last_error().c_str();
}

}  // extern "C"

extern "C" {

int sopkit_set_max_input_bytes(uint64_t bytes) {
  return sopkit::capi::guard([&] {
    sopkit::set_max_input_bytes(bytes);
    return sopkit::capi::ok();
  });
}

uint64_t sopkit_max_input_bytes(void) {
  return sopkit::max_input_bytes();
}

}  // extern "C"
