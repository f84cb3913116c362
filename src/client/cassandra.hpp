// The REST client of the 2015 Cassandra service: the scheduler of the cassandra-mesos framework
// (package `cassandra` 0.2.0; spec: cassandra-api.md), reached through Admin Router at
// <dcos_url>/service/<framework name>/ (e.g. /service/cassandra.dev/). It reads the ring's
// configuration, nodes, seeds, live nodes, health report and cluster jobs, and sends the node,
// job and scale commands. Reads come back as typed views beside the server's own JSON (`raw`),
// so --json prints what the scheduler said. The scheduler answers most errors with an empty
// body; each is turned into an Error that says what it means ("no node X in ring Y", "no node of
// the ring is live"). Replace's refusal always says "No such node" (an upstream bug):
// replace() hands the refusal back as a value, and replace_block() finds the real reason in
// /node/all. How the JSON becomes views is in cassandra_parse.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// One of the three cluster jobs; at most one job of any kind runs in a ring at a time.
enum class CassandraJob { repair, cleanup, rolling_restart };

/// The job's path word: repair, cleanup, rolling-restart.
std::string_view job_path(CassandraJob job);
/// The job's `type` in job objects: REPAIR, CLEANUP, RESTART.
std::string_view job_type(CassandraJob job);

/// A task of a node (`tasks.<TYPE>` in /node/all).
struct CassandraTask {
  std::string type;  ///< METADATA, SERVER, CLUSTER_JOB or CONFIG
  std::string task_id;
  std::string task_name;  ///< "" when the scheduler left it out (the docs' example does)
  double cpus = 0;
  long long mem_mb = 0;
  long long disk_mb = 0;
};

/// A node's last health report (`healthCheckDetails`).
struct CassandraHealthDetails {
  bool healthy = false;
  std::string msg;
  std::string version;
  std::string operation_mode;  ///< STARTING, JOINING, NORMAL, ... ("" without JMX info)
  std::string cluster_name;
  std::string data_center;
  std::string rack;
  std::string endpoint;
  std::string host_id;
  bool joined = false;
  bool native_transport_running = false;
  bool rpc_server_running = false;
  long long token_count = 0;
  long long uptime_millis = 0;
};

/// A node of the ring as GET /node/all describes it.
struct CassandraNode {
  std::string executor_id;  ///< "" when the node has none (yet, or after losing it)
  std::string ip;
  std::string hostname;
  std::string target_run_state;    ///< RUN, STOP, RESTART or TERMINATE
  std::string replacement_for_ip;  ///< "" unless this node replaces another
  std::string workdir;
  bool seed = false;
  long long jmx_port = 0;
  std::optional<long long> daemon_pid;
  std::optional<long long> last_health_check;  ///< epoch milliseconds
  std::optional<CassandraHealthDetails> health;
  std::vector<CassandraTask> tasks;  ///< in the server's order
  std::string rack;                  ///< `rackDc.rack`, "" when absent
  std::string dc;                    ///< `rackDc.dc`, "" when absent
  nlohmann::json raw;

  /// Whether a task of `type` (e.g. "SERVER") runs for the node.
  bool has_task(std::string_view type) const;
};

/// GET /node/all.
struct CassandraNodes {
  std::vector<std::string> replace_nodes;  ///< IPs queued by replace, not yet taken
  long long nodes_to_acquire = 0;
  std::vector<CassandraNode> nodes;
  nlohmann::json raw;
};

/// The first node whose IP, hostname or executor id is `key`, as the scheduler looks nodes up;
/// nullptr when none is.
const CassandraNode* find_node(const CassandraNodes& nodes, std::string_view key);

/// Whether the scheduler counts `node` live: it has an executor and a SERVER task, and its last
/// report is healthy with native transport and thrift running.
bool is_live(const CassandraNode& node);

/// Why the scheduler refuses to replace a node, in the order it checks (spec §6.3).
enum class ReplaceBlock {
  none,            ///< nothing in /node/all stands in the way
  unknown_node,    ///< no node has that IP, hostname or executor id
  seed,            ///< seeds cannot be replaced
  live,            ///< the node still serves
  not_terminated,  ///< its target state is not TERMINATE
  tasks_running,   ///< its server or executor has not gone yet
  already_queued,  ///< its IP already waits in replaceNodes
};

/// The first precondition of replace that `key`'s node fails in `nodes`.
ReplaceBlock replace_block(const CassandraNodes& nodes, std::string_view key);

/// A node's part of a cluster job.
struct CassandraNodeJob {
  std::string executor_id;
  std::string task_id;
  std::string hostname;  ///< "" once the node is gone
  std::string ip;
  std::optional<long long> started;
  std::optional<long long> finished;
  bool failed = false;
  std::string failure;  ///< the failure's message
  /// Keyspace and status (FINISHED, SUCCESS, FAILURE), in the server's order.
  std::vector<std::pair<std::string, std::string>> processed_keyspaces;
  std::vector<std::string> remaining_keyspaces;
};

/// A cluster job (repair, cleanup or rolling restart), running or finished.
struct CassandraJobRun {
  std::string type;  ///< REPAIR, CLEANUP or RESTART
  long long started = 0;
  std::optional<long long> finished;
  bool aborted = false;
  std::vector<std::string> remaining_nodes;  ///< executor ids
  std::optional<CassandraNodeJob> current;
  std::vector<CassandraNodeJob> completed;
  nlohmann::json raw;
};

/// GET /cluster/<job>/status (flag = running) or /last (flag = present).
struct CassandraJobState {
  bool flag = false;
  std::optional<CassandraJobRun> job;
  nlohmann::json raw;
};

/// GET /config: the persisted configuration and the live counts.
struct CassandraConfig {
  std::string framework_name;
  std::string framework_id;
  std::string cluster_name;
  long long target_nodes = 0;
  long long target_seeds = 0;
  long long current_nodes = 0;
  long long current_seeds = 0;
  long long native_port = 0;
  long long rpc_port = 0;
  std::vector<std::string> seeds;
  long long health_check_interval_seconds = 0;
  long long bootstrap_grace_time_seconds = 0;
  std::optional<CassandraJobRun> current_job;  ///< `currentClusterTask`: the running job
  std::optional<CassandraJobRun> last_repair;
  std::optional<CassandraJobRun> last_cleanup;
  nlohmann::json raw;
};

/// GET /node/seed/all.
struct CassandraSeeds {
  long long native_port = 0;
  long long rpc_port = 0;
  long long jmx_port = 0;
  std::vector<std::string> seeds;
  nlohmann::json raw;
};

/// GET /live-nodes.
struct CassandraLiveNodes {
  std::string cluster_name;  ///< "" from servers that leave it out
  long long native_port = 0;
  long long rpc_port = 0;
  long long jmx_port = 0;
  std::vector<std::string> nodes;
  nlohmann::json raw;
};

/// One check of the cluster health report.
struct CassandraHealthCheck {
  std::string name;
  bool ok = false;
  nlohmann::json expected;
  nlohmann::json actual;
};

/// GET /health/cluster/report.
struct CassandraHealthReport {
  bool healthy = false;
  std::vector<CassandraHealthCheck> checks;
  nlohmann::json raw;
};

/// The answer to stop, start, restart and terminate: the node's state after the call.
struct CassandraNodeState {
  std::string ip;
  std::string hostname;
  std::string executor_id;
  std::string target_run_state;
  nlohmann::json raw;
};

/// The answer to replace; `success` false is the scheduler's 400 refusal.
struct CassandraReplace {
  bool success = false;
  std::string ip_to_replace;
  std::string hostname;
  std::string target_run_state;
  std::string reason;  ///< the refusal's reason (always "No such node", whatever the cause)
  nlohmann::json raw;
};

/// The answer to make-seed and make-non-seed; `success` false with `error` is a refusal.
struct CassandraSeedChange {
  std::string ip;
  std::string hostname;
  std::string executor_id;
  bool old_seed = false;
  bool success = false;
  bool seed = false;
  std::string error;
  nlohmann::json raw;
};

/// The answer to rackdc.
struct CassandraRackDc {
  bool success = false;
  std::string rack;
  std::string dc;
  nlohmann::json raw;
};

/// A node of GET /qa/report/resources.
struct CassandraQaNode {
  std::string executor_id;
  std::string workdir;
  std::string agent_base_uri;  ///< `slaveBaseUri`
  std::string ip;
  std::string hostname;
  std::string target_run_state;
  std::string jmx_ip;
  long long jmx_port = 0;
  bool live = false;
  std::vector<std::string> log_files;
};

/// GET /qa/report/resources.
struct CassandraQaReport {
  std::vector<CassandraQaNode> nodes;
  nlohmann::json raw;
};

enum class NodeAction { stop, start, restart, terminate };

/// The path word of a node action: stop, start, restart, terminate.
std::string_view action_path(NodeAction action);

class CassandraClient {
 public:
  /// `http` is a client whose base URL is <dcos_url>/service/<framework_name> (no trailing
  /// slash); `framework_name` (e.g. cassandra.dev) names the ring in messages.
  CassandraClient(HttpClient http, std::string framework_name)
      : http_(std::move(http)), framework_(std::move(framework_name)) {}

  const std::string& framework_name() const { return framework_; }

  /// GET /config.
  Result<CassandraConfig> config();
  /// GET /node/all.
  Result<CassandraNodes> nodes();
  /// GET /node/seed/all.
  Result<CassandraSeeds> seeds();
  /// POST /node/<node>/<action>; an unknown node is not_found "no node <node> in ring <name>".
  Result<CassandraNodeState> set_node_state(const std::string& node, NodeAction action);
  /// POST /node/<node>/replace: the queued replacement, or (400) the refusal as a value with
  /// success false; an unknown node is not_found.
  Result<CassandraReplace> replace(const std::string& node);
  /// POST /node/<node>/rackdc with the fields that are not empty.
  Result<CassandraRackDc> set_rack_dc(const std::string& node, const std::string& rack,
                                      const std::string& dc);
  /// POST /node/<node>/make-seed (seed true) or make-non-seed; a 400 refusal comes back as a
  /// value with success false and its error.
  Result<CassandraSeedChange> set_seed(const std::string& node, bool seed);
  /// GET /live-nodes?limit=; no live node (the scheduler's 400) is not_found.
  Result<CassandraLiveNodes> live_nodes(long long limit);
  /// GET /live-nodes/text?limit=, as the scheduler wrote it; no live node is not_found.
  Result<std::string> live_nodes_text(long long limit);
  /// POST /cluster/<job>/start: false when a job (of any kind) already runs.
  Result<bool> start_job(CassandraJob job);
  /// POST /cluster/<job>/abort: false when no job of this kind runs or it is already aborted.
  Result<bool> abort_job(CassandraJob job);
  /// GET /cluster/<job>/status: flag = running, job set only when a job of this kind runs.
  Result<CassandraJobState> job_status(CassandraJob job);
  /// GET /cluster/<job>/last: flag = present, the last finished job of this kind.
  Result<CassandraJobState> last_job(CassandraJob job);
  /// POST /scale/nodes?nodeCount=: the new target. Below the current target the scheduler
  /// refuses (400, invalid, with its message).
  Result<long long> scale_nodes(long long count);
  /// GET /health/cluster/report.
  Result<CassandraHealthReport> health_report();
  /// GET /health/cluster: true on 200, false on the scheduler's 500 (unhealthy).
  Result<bool> cluster_healthy();
  /// GET /health/process: true while the scheduler serves.
  Result<bool> process_healthy();
  /// GET /qa/report/resources as JSON.
  Result<CassandraQaReport> qa_resources();
  /// GET /qa/report/resources as text/plain.
  Result<std::string> qa_resources_text();

 private:
  /// Sends the request; statuses of 400 or more are handed back too, for the caller to read.
  Result<HttpResponse> call(const std::string& method, const std::string& path,
                            const std::string& accept = "application/json",
                            const std::string& body = {});
  /// The Error for an answer no caller reads specially.
  Error failure(const std::string& method, const std::string& path,
                const HttpResponse& response) const;
  /// The body parsed as JSON, or a server Error naming the path.
  Result<nlohmann::json> parsed(const std::string& path, const HttpResponse& response) const;
  Error no_node(const std::string& node) const;
  /// GET `path` as JSON, any error status an Error.
  Result<nlohmann::json> get_json(const std::string& path);

  HttpClient http_;
  std::string framework_;
};

}  // namespace dcos
