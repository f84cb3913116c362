// Registration functions of every command group. Only the dispatcher (app.cpp) calls them; each
// is defined in the group's own file under src/commands/.
#pragma once

#include "cli/command_table.hpp"

namespace dcos {

void register_config_commands(CommandTable& table);
void register_marathon_commands(CommandTable& table);
/// The `marathon app` group; after register_marathon_commands, which adds `marathon`.
void register_marathon_app_commands(CommandTable& table);
/// The verbs of `marathon app` that change apps; after register_marathon_app_commands.
void register_marathon_app_change_commands(CommandTable& table);
void register_marathon_app_diff_command(CommandTable& table);
void register_marathon_group_commands(CommandTable& table);
void register_marathon_pod_commands(CommandTable& table);
void register_marathon_deployment_commands(CommandTable& table);
void register_marathon_task_commands(CommandTable& table);
void register_marathon_debug_commands(CommandTable& table);
void register_auth_commands(CommandTable& table);
void register_cluster_commands(CommandTable& table);
void register_cluster_setup(CommandTable& table);

/// Prints `dcoscli.version=` and, when a cluster is current, the cluster's version lines.
Status print_version(Context& context);

}  // namespace dcos
