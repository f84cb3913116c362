// Which node a `dcos node` verb is about: the leading master (--leader) or an agent named by its
// Mesos id (or a unique part of it, through the shared resolver). The verbs that act on one
// node (list-components, ssh, the maintenance verbs, and a node log file when it comes) share
// these checks and look-ups, so they reject the same command lines with the same words.
#pragma once

#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/flags.hpp"
#include "client/mesos_operator.hpp"

namespace dcos {

/// What the command line chose: the leader, or the agent `pattern` names.
struct NodeChoice {
  bool leader = false;
  std::string pattern;  ///< the <mesos-id> argument (or deprecated --mesos-id), when not leader
};

/// The command line of a verb about one node: [<mesos-id>] | --leader, and the deprecated
/// --mesos-id <id> (node log, node list-components).
struct NodeChoiceFlags {
  std::string mesos_id;
  std::string deprecated_mesos_id;
  bool leader = false;
};

/// Binds the three flags of NodeChoiceFlags.
void add_node_choice_flags(Flags& flags, NodeChoiceFlags& into);

/// Checks --leader against <mesos-id> (exactly one of them), and takes the deprecated
/// --mesos-id value when no argument was given (warning that it is deprecated). Usage Errors:
/// "'--leader' or '<mesos-id>' must be provided", "unable to use --leader and <mesos-id> at
/// the same time".
Result<NodeChoice> choose_node(Context& context, const NodeChoiceFlags& given);

/// The node a choice names, found on the cluster.
struct NodeTarget {
  bool leader = false;
  std::string agent_id;  ///< the agent's full id ("" for the leader)
  std::string hostname;  ///< the agent's hostname, or the leader's address
  std::string ip;        ///< the node's private IP
};

/// The agent `pattern` names among GET_AGENTS (exact id, unique prefix, glob or part; several
/// is an ambiguous Error, none a not_found "agent '<pattern>' not found").
Result<OperatorAgent> find_agent(Context& context, const std::string& pattern);

/// The node `choice` names: the leader through Mesos-DNS (leader.mesos), an agent through
/// find_agent.
Result<NodeTarget> find_node(Context& context, const NodeChoice& choice);

/// The agent `pattern` names among `agents` (see find_agent).
Result<size_t> resolve_agent(const std::string& pattern, const std::vector<OperatorAgent>& agents);

}  // namespace dcos
