// json_values.cpp — JSON forms of results shared by the CLI and the C ABI.
#include "io/detail/json_values.hpp"

namespace sopkit::detail {

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics) {
    out.push_back({{"severity", severity_name(d.severity)},
                   {"code", d.code},
                   {"step", d.step.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(d.step)},
                   {"pointer", d.pointer},
                   {"message", d.message}});
  }
  return out;
}

}  // namespace sopkit::detail
