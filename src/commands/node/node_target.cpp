#include "commands/node/node_target.hpp"

#include "client/mesos.hpp"
#include "client/mesos_dns.hpp"
#include "client/resolve.hpp"

namespace dcos {

void add_node_choice_flags(Flags& flags, NodeChoiceFlags& into) {
  flags.add_option("node", into.mesos_id, "The agent's Mesos id (or a unique part of it)");
  flags.add_flag("--leader", into.leader, "The leading master");
  flags
      .add_option("--mesos-id", into.deprecated_mesos_id,
                  "Deprecated: pass the Mesos id as an argument")
      ->type_name("<mesos-id>")
      ->hidden();
}

Result<NodeChoice> choose_node(Context& context, const NodeChoiceFlags& given) {
  NodeChoice choice;
  choice.leader = given.leader;
  choice.pattern = given.mesos_id;
  if (!given.deprecated_mesos_id.empty()) {
    context.err << "The --mesos-id option is deprecated, please pass an argument instead.\n";
    if (choice.pattern.empty()) choice.pattern = given.deprecated_mesos_id;
  }
  if (!choice.leader && choice.pattern.empty())
    return Error::make(ErrorKind::usage, "'--leader' or '<mesos-id>' must be provided");
  if (choice.leader && !choice.pattern.empty())
    return Error::make(ErrorKind::usage, "unable to use --leader and <mesos-id> at the same time");
  return choice;
}

Result<size_t> resolve_agent(const std::string& pattern, const std::vector<OperatorAgent>& agents) {
  std::vector<std::string> ids;
  ids.reserve(agents.size());
  for (const auto& agent : agents) ids.push_back(agent.id);
  auto index = resolve_index(pattern, ids, "agent");
  if (!index && index.error().kind == ErrorKind::not_found)
    return Error::make(ErrorKind::not_found, "agent '" + pattern + "' not found");
  return index;
}

Result<OperatorAgent> find_agent(Context& context, const std::string& pattern) {
  auto http = context.client(Service::mesos);
  if (!http) return http.take_error();
  auto agents = MesosOperator(std::move(http).value()).agents();
  if (!agents) return agents.take_error();
  auto index = resolve_agent(pattern, *agents);
  if (!index) return index.take_error();
  return std::move((*agents)[*index]);
}

Result<NodeTarget> find_node(Context& context, const NodeChoice& choice) {
  NodeTarget target;
  if (choice.leader) {
    auto http = context.client(Service::admin_router);
    if (!http) return http.take_error();
    auto leader = MesosDnsClient(std::move(http).value()).leader();
    if (!leader) return leader.take_error();
    target.leader = true;
    target.hostname = leader->ip;
    target.ip = leader->ip;
    return target;
  }
  auto agent = find_agent(context, choice.pattern);
  if (!agent) return agent.take_error();
  target.agent_id = agent->id;
  target.hostname = agent->hostname;
  target.ip = pid_address(agent->pid);
  if (target.ip.empty()) target.ip = agent->hostname;
  return target;
}

}  // namespace dcos
