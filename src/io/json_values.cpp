// json_values.cpp — JSON forms of results shared by the CLI and the C ABI.
#include "io/detail/json_values.hpp"

namespace sopkit::detail {

nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    out.push_back({{"severity", severity_name(d.severity)},
                   {"code", d.code},
                   {"step", d.step.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.step)},
                   {"pointer", d.pointer},
                   {"message", d.message}});
  }
  return out;
}

}  // namespace sopkit::detail
