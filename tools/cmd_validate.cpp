// cmd_validate.cpp — `sopkit validate FILE [--json]`: the rule checks of an SOP.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/result_json.hpp"
#include "sopkit/sop_json.hpp"
#include "sopkit/validation.hpp"
#include "standard_output.hpp"

namespace sopkit::cli {

int cmd_validate(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {"--json"}, {});
  if (args.positional.size() != 1) throw UsageError{"give exactly one SOP file"};
  const std::string& path = args.positional[0];
  Sop sop = load_sop_file(path);
  auto diagnostics = validate(sop);
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) (d.severity == Severity::error ? errors : warnings)++;

  if (args.flag("--json")) {
    nlohmann::ordered_json out{
        {"file", path},
        {"valid", errors == 0},
        {"errors", errors},
        {"warnings", warnings},
        {"diagnostics", nlohmann::ordered_json::parse(diagnostics_to_json(diagnostics))}};
    data_output() << out.dump(2) << '\n';
  } else {
    for (const auto& d : diagnostics) {
      std::cout << path << ": " << severity_name(d.severity) << " [" << d.code << "]";
      if (!d.pointer.empty()) std::cout << " at " << d.pointer;
      std::cout << ": " << d.message << '\n';
    }
    std::cout << path << ": " << errors << " error(s), " << warnings << " warning(s)\n";
  }
  return errors == 0 ? kExitOk : kExitFindings;
}

}  // namespace sopkit::cli
