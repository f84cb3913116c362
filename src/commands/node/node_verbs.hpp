// The verbs of `dcos node`, one register function per file of src/commands/node, and what the
// group's deprecated alias (`dcos node [--json] [--field ...]`, which lists the nodes) shares
// with `node list`.
#pragma once

#include <string>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"

namespace dcos {

struct NodeListOptions {
  ListFlags list;
  std::vector<std::string> fields;
  std::string mesos_id;
};

/// Binds --json and --field (the flags node list shares with the group's alias).
void bind_node_list_flags(Flags& flags, NodeListOptions& options);
Status run_node_list(const NodeListOptions& options, Context& context);

void register_node_list(CommandTable& table);
void register_node_dns(CommandTable& table);
void register_node_metrics(CommandTable& table);
void register_node_ssh(CommandTable& table);
void register_node_components(CommandTable& table);
void register_node_maintenance(CommandTable& table);
void register_node_drain(CommandTable& table);
void register_node_log(CommandTable& table);

}  // namespace dcos
