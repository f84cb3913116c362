// `dcos cassandra node replace <node> [--terminate]`: queue a terminated node's address for
// the next node the scheduler acquires, which starts Cassandra in its place. The scheduler
// answers every refusal with the reason "No such node" (a bug of cassandra-mesos 0.2.0), so
// after a refusal this verb reads /node/all and tells which of the preconditions fails (spec
// §6.3: not a seed, not live, terminated, no task left, not queued yet). With --terminate it
// first terminates the node and waits until its tasks are gone.
#include <nlohmann/json.hpp>

#include "cli/output.hpp"
#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

/// How long --terminate waits for the node's tasks to end.
constexpr std::chrono::minutes kTaskEndLimit{10};
constexpr milliseconds kFirstPoll{250};
constexpr milliseconds kLongestPoll{2000};

struct ReplaceOptions {
  std::string name;
  std::string node;
  bool terminate = false;
  bool json = false;
};

std::string task_types(const CassandraNode& node) {
  std::string types;
  for (const auto& task : node.tasks) types += (types.empty() ? "" : ", ") + task.type;
  return types;
}

/// The Error that explains why the scheduler refused, from what /node/all shows.
Error refusal(ReplaceBlock block, const CassandraNodes& nodes, const std::string& key,
              const std::string& ring, const std::string& said) {
  const CassandraNode* node = find_node(nodes, key);
  const std::string subject = "cannot replace node " + key + " of ring " + ring + ": ";
  const std::string bug = " (the service's own reason, \"" +
                          (said.empty() ? "No such node" : said) +
                          "\", is a known bug of cassandra-mesos 0.2.0)";
  const std::string terminate_hint = "terminate it first with 'dcos cassandra node terminate " +
                                     key + "', or do both with 'dcos cassandra node replace " +
                                     key + " --terminate'";
  switch (block) {
    case ReplaceBlock::unknown_node:
      return Error::make(ErrorKind::not_found, "no node " + key + " in ring " + ring);
    case ReplaceBlock::seed:
      return Error::make(ErrorKind::invalid,
                         subject + "it is a seed node, and seeds cannot be replaced" + bug,
                         "terminate it with 'dcos cassandra node terminate " + key +
                             "': the scheduler then acquires a new seed by itself");
    case ReplaceBlock::live:
      return Error::make(
          ErrorKind::invalid,
          subject + "it is still live (its Cassandra server runs and reports healthy)" + bug,
          terminate_hint);
    case ReplaceBlock::not_terminated:
      return Error::make(
          ErrorKind::invalid,
          subject + "its target state is " + node->target_run_state + ", not TERMINATE" + bug,
          terminate_hint);
    case ReplaceBlock::tasks_running:
      return Error::make(
          ErrorKind::conflict,
          subject + "it is terminated but its tasks still run (" + task_types(*node) + ")" + bug,
          "wait until 'dcos cassandra node show " + key +
              "' lists no tasks, then replace it again");
    case ReplaceBlock::already_queued:
      return Error::make(
          ErrorKind::conflict,
          subject + "its address " + node->ip + " is already queued for replacement" + bug,
          "the next node the scheduler acquires takes it over; watch "
          "'dcos cassandra node list'");
    case ReplaceBlock::none:
      break;
  }
  return Error::make(ErrorKind::generic,
                     subject + "the service refused with \"" + said +
                         "\", and /node/all shows none of the reasons it checks (it may have "
                         "changed since)");
}

/// Waits until the node has no task left (its server and executor are gone).
Status wait_for_tasks_to_end(Context& context, CassandraClient& ring, const std::string& key) {
  const auto start = context.now();
  auto elapsed = [&] { return std::chrono::duration_cast<milliseconds>(context.now() - start); };
  WaitProgress progress(context);
  milliseconds pause = kFirstPoll;
  while (true) {
    if (interrupted(context))
      return Error::make(ErrorKind::cancelled, "stopped waiting; node " + key +
                                                   " is terminating, replace it once its tasks "
                                                   "are gone");
    auto nodes = ring.nodes();
    if (!nodes) return nodes.error();
    const CassandraNode* node = find_node(*nodes, key);
    if (node == nullptr)
      return Error::make(ErrorKind::not_found,
                         "no node " + key + " in ring " + ring.framework_name());
    if (node->tasks.empty()) return Status::success();
    progress.show("Terminating node " + key + ": waiting for " + task_types(*node) + " to end [" +
                  duration_text(elapsed()) + "]");
    if (elapsed() >= kTaskEndLimit) {
      progress.clear();
      return Error::make(ErrorKind::still_running,
                         "node " + key + " still runs " + task_types(*node) + " after " +
                             duration_text(elapsed()) + "; it is terminating",
                         "replace it once 'dcos cassandra node show " + key +
                             "' lists no tasks: 'dcos cassandra node replace " + key + "'");
    }
    context.sleep(pause);
    pause = std::min(pause * 2, kLongestPoll);
  }
}

Status run_replace(const ReplaceOptions& options, Context& context) {
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  if (options.terminate) {
    auto state = ring->set_node_state(options.node, NodeAction::terminate);
    if (!state) return state.error();
    if (Status ended = wait_for_tasks_to_end(context, *ring, options.node); !ended) return ended;
  }
  auto answer = ring->replace(options.node);
  if (!answer) return answer.error();
  if (!answer->success) {
    auto nodes = ring->nodes();
    if (!nodes) return nodes.error();
    return refusal(replace_block(*nodes, options.node), *nodes, options.node,
                   ring->framework_name(), answer->reason);
  }
  if (options.json) {
    write_json(context.out, answer->raw);
  } else {
    context.err << "Queued " << answer->ip_to_replace
                << " for replacement: the next node the scheduler acquires starts Cassandra in "
                   "its place.\n";
  }
  return Status::success();
}

}  // namespace

void register_cassandra_replace(CommandTable& table) {
  table.verb<ReplaceOptions>(
      "cassandra node replace",
      {.summary = "Replace a terminated node by a new one that takes over its address",
       .description =
           "Queue the node's address for the next node the scheduler acquires (on another\n"
           "agent), which then starts Cassandra with replace_address. The service replaces only\n"
           "a node that is not a seed, not live, terminated and left with no task; with\n"
           "--terminate this command terminates the node first and waits (up to 10m) until its\n"
           "tasks are gone. When the service refuses, this command reads the nodes and says\n"
           "which condition fails (the service itself always answers \"No such node\").",
       .arguments = "<node>",
       .examples = "    dcos cassandra node replace 10.0.1.12 --terminate\n",
       .needs = Needs::cluster},
      [](Flags& flags, ReplaceOptions& options) {
        flags.add_option("node", options.node, "The node's IP, hostname or executor id")
            ->required();
        add_ring_flag(flags, options.name);
        flags.add_flag("--terminate", options.terminate,
                       "Terminate the node first and wait until its tasks are gone");
        flags.add_flag("--json", options.json, "Print the scheduler's answer as JSON");
      },
      run_replace);
}

}  // namespace dcos
