// `dcos cassandra scale --nodes N [--wait[=<duration>]]`: raise the ring's target number of
// nodes. The service can only grow a ring (a lower count gets its 400 "Can not decrease the
// number of nodes."), so a count below the current target is refused here, before anything is
// sent. --wait follows /node/all and the health report until N nodes run Cassandra healthy and
// NORMAL and the report is healthy, with progress on a terminal; exit 5 when time runs out.
#include <nlohmann/json.hpp>

#include "commands/cassandra/cassandra_common.hpp"
#include "commands/cassandra/cassandra_verbs.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstPoll{250};
constexpr milliseconds kLongestPoll{2000};

struct ScaleOptions {
  std::string name;
  long long nodes = 0;
  std::string wait;
};

/// Nodes that count toward the target and serve: not terminated, a server running, the last
/// report healthy and NORMAL.
long long ready_nodes(const CassandraNodes& nodes) {
  long long ready = 0;
  for (const auto& node : nodes.nodes)
    if (node.target_run_state != "TERMINATE" && node.has_task("SERVER") && node.health &&
        node.health->healthy && node.health->operation_mode == "NORMAL")
      ++ready;
  return ready;
}

Status wait_for_nodes(Context& context, CassandraClient& ring, long long wanted,
                      milliseconds limit) {
  const auto start = context.now();
  auto elapsed = [&] { return std::chrono::duration_cast<milliseconds>(context.now() - start); };
  const std::string framework = ring.framework_name();
  WaitProgress progress(context);
  milliseconds pause = kFirstPoll;
  while (true) {
    if (interrupted(context))
      return Error::make(ErrorKind::cancelled,
                         "stopped waiting; ring " + framework + " goes on growing");
    auto nodes = ring.nodes();
    if (!nodes) return nodes.error();
    auto report = ring.health_report();
    if (!report) return report.error();
    const long long ready = ready_nodes(*nodes);
    if (ready >= wanted && report->healthy) {
      progress.clear();
      if (context.terminal.stderr_tty)
        context.err << "Ring " << framework << " has " << ready << " nodes healthy and NORMAL ("
                    << duration_text(elapsed()) << ")\n";
      return Status::success();
    }
    std::string line = "Scaling ring " + framework + " to " + std::to_string(wanted) +
                       " nodes: " + std::to_string(ready) + " healthy and NORMAL";
    if (nodes->nodes_to_acquire > 0)
      line += ", " + std::to_string(nodes->nodes_to_acquire) + " to acquire";
    progress.show(line + " [" + duration_text(elapsed()) + "]");
    if (elapsed() >= limit) {
      progress.clear();
      return Error::make(ErrorKind::still_running,
                         "ring " + framework + " has " + std::to_string(ready) + " of " +
                             std::to_string(wanted) + " nodes healthy and NORMAL after " +
                             duration_text(elapsed()) + "; it goes on growing",
                         "follow it with 'dcos cassandra node list' and 'dcos cassandra health'");
    }
    context.sleep(std::min(pause, std::max(milliseconds(1), limit - elapsed())));
    pause = std::min(pause * 2, kLongestPoll);
  }
}

Status run_scale(const ScaleOptions& options, Context& context) {
  if (options.nodes < 1)
    return Error::make(ErrorKind::usage, "--nodes must be a number of nodes of at least 1, not " +
                                             std::to_string(options.nodes));
  auto limit = ring_wait_limit(options.wait);
  if (!limit) return limit.error();
  auto ring = open_ring(context, options.name);
  if (!ring) return ring.error();
  auto config = ring->config();
  if (!config) return config.error();
  if (options.nodes < config->target_nodes)
    return Error::make(ErrorKind::invalid,
                       "ring " + ring->framework_name() + " has a target of " +
                           std::to_string(config->target_nodes) + " nodes, and " +
                           std::to_string(options.nodes) +
                           " is fewer: the Cassandra service can only grow a ring (its API "
                           "refuses with \"Can not decrease the number of nodes.\")",
                       "to take a node out of service, terminate it with 'dcos cassandra node "
                       "terminate <node>' (the scheduler then acquires a new one to keep the "
                       "target)");
  auto scaled = ring->scale_nodes(options.nodes);
  if (!scaled) return scaled.error();
  if (!*limit) return Status::success();
  return wait_for_nodes(context, *ring, *scaled, **limit);
}

}  // namespace

void register_cassandra_scale(CommandTable& table) {
  table.verb<ScaleOptions>(
      "cassandra scale",
      {.summary = "Grow the ring to a number of nodes",
       .description =
           "Raise the ring's target number of nodes. The service can only grow a ring: a\n"
           "count below the current target is refused. Each new node needs an agent of its own\n"
           "with the node's resources and ports, and new servers start one per bootstrap\n"
           "window, so growing takes minutes; the ring is unhealthy until the new nodes are\n"
           "NORMAL. New nodes are not seeds.",
       .examples = "    dcos cassandra scale --nodes 4\n"
                   "    dcos cassandra scale --nodes 5 --wait=20m\n",
       .needs = Needs::cluster},
      [](Flags& flags, ScaleOptions& options) {
        flags.add_option("--nodes", options.nodes, "The new target number of nodes")
            ->type_name("<n>")
            ->required();
        add_ring_flag(flags, options.name);
        add_ring_wait_flag(flags, options.wait,
                           "Wait until that many nodes are healthy and NORMAL, at most this long "
                           "(default 10m; e.g. --wait=20m); exit 5 when time runs out");
      },
      run_scale);
}

}  // namespace dcos
