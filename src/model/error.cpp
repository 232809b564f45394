// error.cpp — sopkit::Error and the names of its codes.
#include "sopkit/error.hpp"

namespace sopkit {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid_argument";
    case ErrorCode::parse_error:
      return "parse_error";
    case ErrorCode::format_error:
      return "format_error";
    case ErrorCode::io_error:
      return "io_error";
    case ErrorCode::validation_failed:
      return "validation_failed";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::out_of_range:
      return "out_of_range";
    case ErrorCode::no_memory:
      return "no_memory";
    case ErrorCode::buffer_too_small:
      return "buffer_too_small";
    case ErrorCode::not_computable:
      return "not_computable";
    case ErrorCode::internal:
      return "internal";
    case ErrorCode::unsupported:
      return "unsupported";
  }
  return "unknown";
}

namespace {
std::string compose(const std::string& message, const std::string& where) {
  return where.empty() ? message : where + ": " + message;
}
}  // namespace

Error::Error(ErrorCode code, const std::string& message, const std::string& where)
    : std::runtime_error(compose(message, where)), code_(code), message_(message), where_(where) {}

}  // namespace sopkit
