// The command groups of `dcos`, one row each: the dispatcher, help, "did you mean" and the
// completion generator read this table and nothing else of the commands. A new group is one
// file (or folder) under src/commands/ with its register function, plus one row in groups.cpp.
#pragma once

#include <span>

#include "cli/command_table.hpp"

namespace dcos {

/// Every top-level group, in the order help lists them.
std::span<const CommandGroup> command_groups();

/// Prints `dcoscli.version=` and, when a cluster is current, the cluster's version lines
/// (the global `--version` flag).
Status print_version(Context& context);

}  // namespace dcos
