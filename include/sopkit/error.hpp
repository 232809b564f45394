// error.hpp — the one exception type of the sopkit C++ API.
//
// Every failure is a sopkit::Error carrying a stable code and a message written
// for the person who typed the input: what is wrong, where (file, line, JSON
// pointer or step id) and what would be right. The C ABI maps the codes 1:1 to
// its negative status values.
//
//   try { auto sop = sopkit::load_sop_file("sop.json"); }
//   catch (const sopkit::Error& e) { std::cerr << e.what() << '\n'; }  // "sop.json:/steps/3/time:
//   ..."
#pragma once

#include <stdexcept>
#include <string>

namespace sopkit {

// Stable error codes. The numbers are part of the C ABI (negated there): never
// renumber, only append.
enum class ErrorCode : int {
  invalid_argument = 1,   // a caller passed a value outside the function's contract
  parse_error = 2,        // text that is not well-formed (JSON syntax, CSV quoting, a waktu text)
  format_error = 3,       // well-formed text with wrong structure, type or value
  io_error = 4,           // a file could not be read or written
  validation_failed = 5,  // a document that loads but breaks a rule needed for the operation
  not_found = 6,          // an id, key or calendar that does not exist
  out_of_range = 7,       // an instant or value outside the data's coverage
  no_memory = 8,          // allocation failed
  buffer_too_small = 9,   // (C ABI) the caller's buffer cannot hold the result
  not_computable = 10,    // a result that has no value for these inputs
  internal = 11,          // a bug in sopkit: please report it
  unsupported = 12,       // left out of this build (the store without SQLite)
};

// Short static name of a code ("parse_error").
const char* error_code_name(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  // `where` names the place: "sop.json:/steps/3/time", "data.csv:12:5", "step 3".
  // what() is "where: message", or just the message when `where` is empty.
  Error(ErrorCode code, const std::string& message, const std::string& where = {});

  ErrorCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& where() const noexcept { return where_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::string where_;
};

}  // namespace sopkit
