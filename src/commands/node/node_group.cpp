// `dcos node`: the cluster's agents and masters. Each verb lives in its own file of this folder;
// this one registers them, and the group's deprecated alias: `dcos node` alone (or with list
// flags) lists the nodes after a deprecation line on stderr, unless
// DCOS_CLI_STRICT_DEPRECATIONS is set, which shows the help instead.
#include "cli/output.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {

void register_node_commands(CommandTable& table) {
  register_node_list(table);
  register_node_dns(table);
  register_node_metrics(table);
  register_node_ssh(table);
  register_node_components(table);
  register_node_maintenance(table);
  register_node_drain(table);
  register_node_log(table);
  table.group_default<NodeListOptions>(
      "node", bind_node_list_flags, [&table](const NodeListOptions& options, Context& context) {
        if (context.env && context.env("DCOS_CLI_STRICT_DEPRECATIONS")) {
          context.out << render_help(table, *table.find({"node"}), help_width(context));
          return Status::success();
        }
        context.err << "Getting the list of nodes from `dcos node` is deprecated. Please use "
                       "`dcos node list`.\n";
        return run_node_list(options, context);
      });
}

}  // namespace dcos
