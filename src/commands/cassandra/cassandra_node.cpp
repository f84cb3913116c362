// `dcos cassandra node list|show|stop|start|restart|terminate`: the ring's nodes as
// /node/all describes them, and the target states an operator sets. A node is named by its IP,
// hostname or executor id, as the scheduler accepts.
#include <nlohmann/json.hpp>

#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"
#include "commands/cassandra/cassandra_views.hpp"

namespace dcos {
namespace {

struct ListOptions {
  std::string name;
  ListFlags list;
};

struct ShowOptions {
  std::string name;
  std::string node;
  bool json = false;
};

struct StateOptions {
  std::string name;
  std::string node;
  bool json = false;
};

Status run_list(const ListOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto nodes = ring->nodes();
  if (!nodes) return nodes.error();
  return print_list(context, options.list,
                    {.table = [&]() -> Status {
                       node_table(*nodes, context.now()).print(context.out, context.table_width());
                       return Status::success();
                     },
                     .json = [&]() -> Result<nlohmann::json> { return nodes->raw; },
                     .ids = [&]() -> Result<std::vector<std::string>> {
                       std::vector<std::string> ips;
                       for (const auto& node : nodes->nodes) ips.push_back(node.ip);
                       return ips;
                     }});
}

Status run_show(const ShowOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto nodes = ring->nodes();
  if (!nodes) return nodes.error();
  const CassandraNode* node = find_node(*nodes, options.node);
  if (node == nullptr)
    return Error::make(ErrorKind::not_found,
                       "no node " + options.node + " in ring " + ring->framework_name(),
                       "name a node by the IP, hostname or executor id that "
                       "'dcos cassandra node list' shows");
  if (options.json) {
    write_json(context.out, node->raw);
  } else {
    context.out << node_details(*node, context.now());
  }
  return Status::success();
}

/// What setting `action` on a node that is already terminated means (it stays TERMINATE).
Status refuse_terminated(NodeAction action, const std::string& node, const std::string& ring) {
  return Error::make(ErrorKind::invalid,
                     "node " + node + " of ring " + ring + " is terminated, which is final: it " +
                         "cannot " + std::string(action_path(action)) + " again",
                     "replace it with 'dcos cassandra node replace " + node + "'");
}

Status run_state(NodeAction action, const StateOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto state = ring->set_node_state(options.node, action);
  if (!state) return state.error();
  if (options.json) write_json(context.out, state->raw);
  if (action != NodeAction::terminate && state->target_run_state == "TERMINATE")
    return refuse_terminated(action, options.node, ring->framework_name());
  return Status::success();
}

void bind_state(Flags& flags, StateOptions& options) {
  flags.add_option("node", options.node, "The node's IP, hostname or executor id")->required();
  add_ring_flag(flags, options.name);
  flags.add_flag("--json", options.json, "Print the scheduler's answer as JSON");
}

void add_state_verb(CommandTable& table, NodeAction action, const std::string& summary,
                    const std::string& description) {
  const std::string word(action_path(action));
  table.verb<StateOptions>("cassandra node " + word,
                           {.summary = summary,
                            .description = description,
                            .arguments = "<node>",
                            .examples = "    dcos cassandra node " + word + " 10.0.1.12\n",
                            .needs = Needs::cluster},
                           bind_state, [action](const StateOptions& options, Context& context) {
                             return run_state(action, options, context);
                           });
}

}  // namespace

void register_cassandra_node(CommandTable& table) {
  table.verb<ListOptions>(
      "cassandra node list",
      {.summary = "List the nodes of the ring",
       .description =
           "List every node the scheduler knows, terminated ones included until they are\n"
           "replaced: its target state (STATE), whether it is a seed, Cassandra's operation\n"
           "mode and health from its last report, whether its Cassandra server runs, and how\n"
           "long ago it last reported.",
       .examples = "    dcos cassandra node list\n    dcos cassandra node list --name dev --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, ListOptions& options) {
        add_ring_flag(flags, options.name);
        add_list_flags(flags, options.list,
                       {.json = "Print the scheduler's /node/all answer as JSON",
                        .quiet = "Print only the nodes' IPs"});
      },
      run_list);
  table.verb<ShowOptions>(
      "cassandra node show",
      {.summary = "Show one node: its state, tasks and last health report",
       .arguments = "<node>",
       .examples = "    dcos cassandra node show 10.0.1.12\n"
                   "    dcos cassandra node show cassandra.dev.node.1.executor --json\n",
       .needs = Needs::cluster},
      [](Flags& flags, ShowOptions& options) {
        flags.add_option("node", options.node, "The node's IP, hostname or executor id")
            ->required();
        add_ring_flag(flags, options.name);
        flags.add_flag("--json", options.json, "Print the node's object of /node/all as JSON");
      },
      run_show);
  add_state_verb(table, NodeAction::stop, "Stop a node's Cassandra server",
                 "Set the node's target state to STOP: the scheduler kills its Cassandra server\n"
                 "and starts none while the node is stopped. The ring is unhealthy meanwhile.");
  add_state_verb(table, NodeAction::start, "Start a stopped node's Cassandra server again",
                 "Set the node's target state to RUN: the scheduler starts its Cassandra server\n"
                 "when an offer of its agent arrives (one server start per bootstrap window).");
  add_state_verb(table, NodeAction::restart, "Restart a node's Cassandra server",
                 "Set the node's target state to RESTART: the scheduler kills its Cassandra\n"
                 "server, starts a new one, and sets the state back to RUN.");
  add_state_verb(table, NodeAction::terminate, "Terminate a node for good",
                 "Set the node's target state to TERMINATE, which is final: the scheduler kills\n"
                 "its server and executor and never uses its agent for this ring again. The node\n"
                 "stays listed until a replacement takes over its address (see 'node replace').");
}

}  // namespace dcos
