// What the `dcos marathon` command files share: the client for the current cluster, the
// short words deployment actions are shown with, number cells, and the JSON-or-YAML printer
// every `show` uses.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/command_table.hpp"
#include "cli/context.hpp"
#include "cli/output.hpp"
#include "client/marathon.hpp"

namespace dcos {

// The sub-groups of `dcos marathon`, each in its own file; register_marathon_commands
// (marathon.cpp) calls them in this order after adding its own verbs.
void register_marathon_app_commands(CommandTable& table);
/// The verbs of `marathon app` that change apps; after register_marathon_app_commands.
void register_marathon_app_change_commands(CommandTable& table);
void register_marathon_app_diff_command(CommandTable& table);
void register_marathon_group_commands(CommandTable& table);
void register_marathon_pod_commands(CommandTable& table);
void register_marathon_deployment_commands(CommandTable& table);
void register_marathon_task_commands(CommandTable& table);
void register_marathon_debug_commands(CommandTable& table);

/// A Marathon client for the current cluster.
Result<MarathonClient> marathon_client(Context& context);

/// The short word for a deployment action (ScaleApplication → scale); "" when unknown.
std::string action_word(const std::string& action);

/// A number with at most 6 decimals and no trailing zeros: 2, 0.1, 128.
std::string format_number(double value);

/// Adds the --json (the default) and --yaml flags of a `show` verb; --yaml sets `yaml`.
void add_document_flags(Flags& app, bool& yaml);

/// Prints `value` as YAML when `yaml`, else as JSON.
void print_document(Context& context, const nlohmann::json& value, bool yaml);

// Confirming changes (docs/architecture.md, "Confirming changes"): one line on stdout saying
// what was done, or with --json Marathon's answer instead.

/// Adds --json to a verb that changes something.
void add_change_json_flag(Flags& app, bool& json);

/// Prints `line` (e.g. "Removed app /x") on stdout, or with `json` Marathon's `answer`.
void confirm_change(Context& context, bool json, const std::string& line,
                    const nlohmann::json& answer);

/// Prints "Killed 2 tasks of /x" (`noun` task or instance, `owner` what they belonged to);
/// with -v the ids follow, one per line, indented.
void confirm_killed(Context& context, const std::string& noun, const std::vector<std::string>& ids,
                    const std::string& owner);

}  // namespace dcos
