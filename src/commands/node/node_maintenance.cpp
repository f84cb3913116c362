// `dcos node decommission|deactivate|reactivate <mesos-id>`: the operator calls that take an
// agent out of the cluster for good, or stop and resume offers of its resources. They print
// nothing on success.
#include "cli/command_table.hpp"
#include "client/mesos_operator.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct AgentOptions {
  std::string mesos_id;
};

enum class Change { decommission, deactivate, reactivate };

Status run_change(Change change, const AgentOptions& options, Context& context) {
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  MesosOperator mesos(std::move(http).value());
  auto agents = mesos.agents();
  if (!agents) return agents.error();
  auto index = resolve_agent(options.mesos_id, *agents);
  std::string agent_id;
  if (index) {
    agent_id = (*agents)[*index].id;
  } else if (change == Change::decommission && index.error().kind == ErrorKind::not_found) {
    // An agent that died is no longer registered, and marking it gone is what decommission is
    // for: the master decides whether it knows the id.
    agent_id = options.mesos_id;
  } else {
    return index.error();
  }
  switch (change) {
    case Change::decommission:
      return mesos.mark_agent_gone(agent_id);
    case Change::deactivate:
      return mesos.deactivate_agent(agent_id);
    case Change::reactivate:
      return mesos.reactivate_agent(agent_id);
  }
  return Status::success();
}

void bind(Flags& flags, AgentOptions& options) {
  flags.add_option("mesos-id", options.mesos_id, "The agent's Mesos id (or a unique part of it)")
      ->required();
}

}  // namespace

void register_node_maintenance(CommandTable& table) {
  table.verb<AgentOptions>(
      "node decommission",
      {.summary = "Mark an agent as gone",
       .description =
           "Mark an agent as gone for good: Mesos kills its tasks, refuses it if it comes back\n"
           "and lets frameworks reschedule its tasks elsewhere. The id may be one the master no\n"
           "longer lists (an agent that died).",
       .arguments = "<mesos-id>",
       .examples = "    dcos node decommission 2e4a-S1\n",
       .needs = Needs::cluster},
      bind, [](const AgentOptions& options, Context& context) {
        return run_change(Change::decommission, options, context);
      });
  table.verb<AgentOptions>(
      "node deactivate",
      {.summary = "Deactivate a node",
       .description = "Stop offering the agent's resources to frameworks; its tasks keep running.",
       .arguments = "<mesos-id>",
       .examples = "    dcos node deactivate 2e4a-S1\n",
       .needs = Needs::cluster},
      bind, [](const AgentOptions& options, Context& context) {
        return run_change(Change::deactivate, options, context);
      });
  table.verb<AgentOptions>(
      "node reactivate",
      {.summary = "Reactivate a drained/deactivated node",
       .description = "Offer the resources of a deactivated or drained agent to frameworks again.",
       .arguments = "<mesos-id>",
       .examples = "    dcos node reactivate 2e4a-S1\n",
       .needs = Needs::cluster},
      bind, [](const AgentOptions& options, Context& context) {
        return run_change(Change::reactivate, options, context);
      });
}

}  // namespace dcos
