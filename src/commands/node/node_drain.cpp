// `dcos node drain <mesos-id>`: ask Mesos to drain an agent (kill its tasks so that their
// frameworks reschedule them elsewhere, then keep it deactivated), optionally marking it gone
// once drained. --wait follows the drain: GET_AGENTS every 5 seconds until the agent is
// DRAINED (or, with --decommission, gone), for at most the given time (exit 5 after that).
#include <chrono>

#include "cli/command_table.hpp"
#include "client/duration.hpp"
#include "client/mesos_operator.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kPoll{5000};

struct DrainOptions {
  std::string mesos_id;
  bool decommission = false;
  std::string max_grace_period;
  std::string wait;  ///< the --wait duration; empty when the flag is absent
};

/// Whether the drain of `agent_id` is over: DRAINED, or gone when it was to be marked gone.
bool drained(const std::vector<OperatorAgent>& agents, const std::string& agent_id,
             bool decommission) {
  for (const auto& agent : agents)
    if (agent.id == agent_id) return agent.drain_state == "DRAINED";
  return decommission;
}

Status wait_for_drain(MesosOperator& mesos, const std::string& agent_id, bool decommission,
                      milliseconds limit, Context& context) {
  context.err << "Waiting for the agent to be drained...\n";
  milliseconds waited{0};
  for (;;) {
    if (context.interrupted != nullptr && context.interrupted->load())
      return Error::make(ErrorKind::cancelled,
                         "stopped waiting; agent " + agent_id + " goes on draining");
    auto agents = mesos.agents();
    if (!agents) return agents.error();
    if (drained(*agents, agent_id, decommission)) return Status::success();
    if (waited >= limit)
      return Error::make(ErrorKind::still_running,
                         "agent " + agent_id +
                             " is not drained yet; the drain goes on in the "
                             "cluster");
    context.sleep(kPoll);
    waited += kPoll;
  }
}

Status run_drain(const DrainOptions& options, Context& context) {
  DrainRequest request;
  request.mark_gone = options.decommission;
  if (!options.max_grace_period.empty()) {
    auto grace = parse_duration(options.max_grace_period);
    if (!grace) return grace.error();
    request.max_grace_period = *grace;
  }
  std::optional<milliseconds> limit;
  if (!options.wait.empty()) {
    auto wait = parse_duration(options.wait);
    if (!wait) return wait.error();
    limit = *wait;
  }
  auto http = context.client(Service::mesos);
  if (!http) return http.error();
  MesosOperator mesos(std::move(http).value());
  auto agents = mesos.agents();
  if (!agents) return agents.error();
  auto index = resolve_agent(options.mesos_id, *agents);
  if (!index) return index.error();
  const std::string agent_id = (*agents)[*index].id;
  if (Status drain = mesos.drain_agent(agent_id, request); !drain) return drain;
  if (!limit) return Status::success();
  return wait_for_drain(mesos, agent_id, options.decommission, *limit, context);
}

}  // namespace

void register_node_drain(CommandTable& table) {
  table.verb<DrainOptions>(
      "node drain",
      {.summary = "Drain a node so that its tasks get rescheduled",
       .description =
           "Drain an agent: Mesos kills its tasks (each within its grace period, at most\n"
           "--max-grace-period) so that their frameworks start them elsewhere, and offers none of\n"
           "its resources until it is reactivated. --decommission marks it gone once drained.\n"
           "--wait polls the agent every 5 seconds until it is drained (exit 5 when time runs\n"
           "out; the drain goes on).",
       .arguments = "<mesos-id>",
       .examples = "    dcos node drain 2e4a-S1 --max-grace-period 30s --wait\n"
                   "    dcos node drain 2e4a-S1 --decommission --wait=1h\n",
       .needs = Needs::cluster},
      [](Flags& flags, DrainOptions& options) {
        flags
            .add_option("mesos-id", options.mesos_id,
                        "The agent's Mesos id (or a unique part of it)")
            ->required();
        flags.add_flag("--decommission", options.decommission,
                       "Decommission the agent after having drained it");
        flags
            .add_option("--max-grace-period", options.max_grace_period,
                        "Longest time Mesos gives a task to end before killing it (e.g. 30s, 5m)")
            ->type_name("<duration>");
        flags.add_duration_flag("--wait{10m}", options.wait,
                                "Wait until the agent is drained, at most this long (default "
                                "10m; e.g. --wait 1h); exit 5 when time runs out");
      },
      run_drain);
}

}  // namespace dcos
