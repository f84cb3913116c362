// The dispatcher: parses the command line against the command table, applies the global
// flags, runs the chosen verb and turns its Status into the process exit code.
#pragma once

#include <string>
#include <vector>

#include "cli/context.hpp"

namespace dcos {

/// Runs `dcos` with `args` (without the program name) in `context`; returns the exit status.
int run_cli(const std::vector<std::string>& args, Context& context);

}  // namespace dcos
