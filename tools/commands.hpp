// commands.hpp — the verbs of the sopkit program, one file each (cmd_<verb>.cpp).
#pragma once

#include <string>
#include <vector>

namespace sopkit::cli {

// Each verb receives its arguments (after the verb) and returns an exit code;
// it may throw UsageError (exit 2) or sopkit::Error (exit 2, message printed).
int cmd_validate(const std::vector<std::string>& args);
int cmd_analyze(const std::vector<std::string>& args);
int cmd_schedule(const std::vector<std::string>& args);
int cmd_evaluate(const std::vector<std::string>& args);
int cmd_render(const std::vector<std::string>& args);
int cmd_monev(const std::vector<std::string>& args);
int cmd_runs(const std::vector<std::string>& args);
int cmd_store(const std::vector<std::string>& args);
int cmd_calendar(const std::vector<std::string>& args);

}  // namespace sopkit::cli
