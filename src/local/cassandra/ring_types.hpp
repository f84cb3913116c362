// The persisted model of one Cassandra ring (cassandra-mesos 0.2.0): its configuration, its
// nodes with their tasks and health reports, and its cluster jobs. Plain data; the rules that
// change it live in Ring (ring.hpp).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dcos_local::cassandra {

/// What the operator asks of a node (§6.1). TERMINATE is final.
enum class RunState { run, stop, restart, terminate };
std::string to_string(RunState state);
std::optional<RunState> parse_run_state(const std::string& text);

/// The kinds of task a node runs, as /node/all keys them.
inline constexpr const char* kMetadata = "METADATA";
inline constexpr const char* kServer = "SERVER";
inline constexpr const char* kClusterJob = "CLUSTER_JOB";
inline constexpr const char* kConfig = "CONFIG";

struct Resources {
  double cpus = 0;
  int64_t mem_mb = 0;
  int64_t disk_mb = 0;
};

struct NodeTask {
  std::string type;  ///< kMetadata, kServer, kClusterJob or kConfig
  Resources resources;
  std::string task_id, task_name;
  bool running = false;  ///< TASK_RUNNING seen
};

/// The JMX values a server reports (healthCheckDetails of /node/all).
struct HealthInfo {
  std::string version, operation_mode, cluster_name, data_center, rack, endpoint, host_id;
  bool joined = false, gossip_initialized = false, gossip_running = false;
  bool native_transport_running = false, rpc_server_running = false;
  int64_t token_count = 0, uptime_millis = 0;
};

struct HealthReport {
  int64_t timestamp = 0;
  bool healthy = false;
  std::string msg;
  std::optional<HealthInfo> info;  ///< absent when JMX (here: the server) was unreachable
};

struct Node {
  std::string hostname, ip, agent_id;
  std::optional<std::string> executor_id, workdir, replacement_for_ip;
  RunState target = RunState::run;
  bool seed = false;
  std::string rack, dc;
  std::vector<NodeTask> tasks;  ///< in launch order
  std::optional<int64_t> daemon_pid;
  std::deque<HealthReport> reports;        ///< the last five, oldest first
  int64_t server_started_ms = 0;           ///< when the current server was launched
  bool needs_config_update = false;        ///< a seed change waits for a CONFIG task
  int executor_port = 0, server_port = 0;  ///< where the emulated executor and server answer

  const NodeTask* task(const std::string& type) const;
  const HealthReport* last_report() const { return reports.empty() ? nullptr : &reports.back(); }
};

enum class JobType { repair, cleanup, restart };
std::string to_string(JobType type);  ///< REPAIR, CLEANUP, RESTART

struct KeyspaceResult {
  std::string keyspace, status;
  int64_t duration_millis = 0;
};

struct NodeJob {
  std::string executor_id, task_id;
  std::optional<std::string> failure;
  std::optional<int64_t> started, finished;
  std::vector<KeyspaceResult> processed;
  std::vector<std::string> remaining_keyspaces;
};

struct ClusterJob {
  JobType type = JobType::repair;
  int64_t started = 0;
  std::optional<int64_t> finished;
  bool aborted = false;
  std::vector<std::string> remaining;  ///< executor ids
  std::optional<NodeJob> current;
  std::vector<NodeJob> completed;
};

/// Fixed at first start from the env (§3.3), then read back from the state.
struct RingConfig {
  std::string cluster_name = "dcos";  ///< N
  std::string framework_name = "cassandra.dcos";
  std::string framework_id;  ///< "" until the first registration
  std::string role = "*";
  int64_t failover_timeout_s = 604800;
  int target_nodes = 3, target_seeds = 2;
  Resources server{0.1, 768, 16};
  int64_t heap_mb = 384;
  int health_interval_s = 60, bootstrap_grace_s = 120;
  std::string data_directory = ".";
  std::string default_dc = "DC1", default_rack = "RAC1";
  std::map<std::string, std::string> external_dcs;  ///< name -> URL
};

struct RingState {
  RingConfig config;
  std::vector<Node> nodes;  ///< in acquisition order
  std::vector<std::string> replace_nodes;
  int next_executor = 0;  ///< k of the next executor id; never reused
  int64_t last_server_launch_ms = 0;
  std::optional<ClusterJob> current_job;
  std::map<JobType, ClusterJob> last_jobs;
};

/// Cassandra's fixed ports, the same on every node.
inline constexpr int kStoragePort = 7000, kSslStoragePort = 7001, kJmxPort = 7199,
                     kNativePort = 9042, kRpcPort = 9160;
inline constexpr const char* kCassandraVersion = "2.1.4";

}  // namespace dcos_local::cassandra
