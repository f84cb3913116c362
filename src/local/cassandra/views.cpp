#include "local/cassandra/views.hpp"

namespace dcos_local::cassandra {
namespace {

ojson nullable(const std::optional<std::string>& value) {
  return value ? ojson(*value) : ojson(nullptr);
}

ojson nullable(const std::optional<int64_t>& value) {
  return value ? ojson(*value) : ojson(nullptr);
}

ojson task_view(const NodeTask& t) {
  ojson out = ojson::object();
  out["cpuCores"] = t.resources.cpus;
  out["diskMb"] = t.resources.disk_mb;
  out["memMb"] = t.resources.mem_mb;
  out["taskId"] = t.task_id;
  out["taskName"] = t.task_name;
  return out;
}

ojson details_view(const HealthReport& r) {
  HealthInfo info = r.info.value_or(HealthInfo{});
  ojson out = ojson::object();
  out["healthy"] = r.healthy;
  out["msg"] = r.msg;
  out["version"] = info.version;
  out["operationMode"] = info.operation_mode;
  out["clusterName"] = info.cluster_name;
  out["dataCenter"] = info.data_center;
  out["rack"] = info.rack;
  out["endpoint"] = info.endpoint;
  out["hostId"] = info.host_id;
  out["joined"] = info.joined;
  out["gossipInitialized"] = info.gossip_initialized;
  out["gossipRunning"] = info.gossip_running;
  out["nativeTransportRunning"] = info.native_transport_running;
  out["rpcServerRunning"] = info.rpc_server_running;
  out["tokenCount"] = info.token_count;
  out["uptimeMillis"] = info.uptime_millis;
  return out;
}

ojson rack_dc(const std::string& rack, const std::string& dc) {
  ojson out = ojson::object();
  out["rack"] = rack;
  out["dc"] = dc;
  return out;
}

ojson node_view(const Node& n, const std::string& data_directory) {
  ojson out = ojson::object();
  if (n.replacement_for_ip) out["replacementForIp"] = *n.replacement_for_ip;
  ojson tasks = ojson::object();
  for (const NodeTask& t : n.tasks) tasks[t.type] = task_view(t);
  out["tasks"] = tasks;
  out["executorId"] = nullable(n.executor_id);
  out["workdir"] = nullable(n.workdir);
  out["ip"] = n.ip;
  out["hostname"] = n.hostname;
  out["targetRunState"] = to_string(n.target);
  out["jmxPort"] = kJmxPort;
  out["seedNode"] = n.seed;
  out["rackDc"] = rack_dc(n.rack, n.dc);
  out["cassandraDaemonPid"] = nullable(n.daemon_pid);
  const HealthReport* last = n.last_report();
  out["lastHealthCheck"] = last ? ojson(last->timestamp) : ojson(nullptr);
  out["healthCheckDetails"] = last ? details_view(*last) : ojson(nullptr);
  ojson volume = ojson::object();
  volume["path"] = data_directory;
  out["dataVolumes"] = ojson::array({volume});
  return out;
}

ojson node_job_view(const Ring& ring, const NodeJob& part) {
  ojson out = ojson::object();
  out["executorId"] = part.executor_id;
  out["taskId"] = part.task_id;
  if (const Node* n = ring.find_by_executor(part.executor_id)) {
    out["hostname"] = n->hostname;
    out["ip"] = n->ip;
  }
  if (part.failure) {
    ojson failure = ojson::object();
    failure["failed"] = true;
    failure["message"] = *part.failure;
    out["failure"] = failure;
  }
  out["startedTimestamp"] = nullable(part.started);
  out["finishedTimestamp"] = nullable(part.finished);
  ojson processed = ojson::object();
  for (const KeyspaceResult& k : part.processed) {
    ojson entry = ojson::object();
    entry["status"] = k.status;
    entry["durationMillis"] = k.duration_millis;
    processed[k.keyspace] = entry;
  }
  out["processedKeyspaces"] = processed;
  out["remainingKeyspaces"] = part.remaining_keyspaces;
  return out;
}

ojson last_job(const Ring& ring, JobType type) {
  auto it = ring.state().last_jobs.find(type);
  if (it == ring.state().last_jobs.end()) return nullptr;
  return job_view(ring, it->second);
}

}  // namespace

ojson job_view(const Ring& ring, const std::optional<ClusterJob>& job) {
  if (!job) return nullptr;
  ojson out = ojson::object();
  out["type"] = to_string(job->type);
  out["started"] = job->started;
  out["finished"] = nullable(job->finished);
  out["aborted"] = job->aborted;
  out["remainingNodes"] = job->remaining;
  out["currentNode"] = job->current ? node_job_view(ring, *job->current) : ojson(nullptr);
  ojson completed = ojson::array();
  for (const NodeJob& part : job->completed) completed.push_back(node_job_view(ring, part));
  out["completedNodes"] = completed;
  return out;
}

ojson config_view(const Ring& ring) {
  const RingConfig& c = ring.config();
  ojson out = ojson::object();
  out["frameworkName"] = c.framework_name;
  out["frameworkId"] = c.framework_id;
  out["clusterName"] = c.framework_name;
  out["targetNumberOfNodes"] = c.target_nodes;
  out["targetNumberOfSeeds"] = c.target_seeds;
  out["currentNumberOfNodes"] = ring.current_nodes();
  out["currentNumberOfSeeds"] = ring.current_seeds();
  out["nodesToAcquire"] = c.target_nodes - ring.current_nodes();
  out["seedsToAcquire"] = c.target_seeds - ring.current_seeds();
  ojson role = ojson::object();
  role["cassandraVersion"] = kCassandraVersion;
  role["diskMb"] = c.server.disk_mb;
  role["cpuCores"] = c.server.cpus;
  role["memJavaHeapMb"] = c.heap_mb;
  role["memAssumeOffHeapMb"] = c.server.mem_mb - c.heap_mb;
  role["memMb"] = c.server.mem_mb;
  ojson env = ojson::object();
  env["LOCAL_JMX"] = "yes";
  env["CASSANDRA_JMX_NO_AUTHENTICATION"] = "no";
  role["taskEnv"] = env;
  role["cassandraYaml"] = ojson::object();
  role["rackDc"] = rack_dc(c.default_rack, c.default_dc);
  out["defaultConfigRole"] = role;
  out["nativePort"] = kNativePort;
  out["rpcPort"] = kRpcPort;
  out["storagePort"] = kStoragePort;
  out["sslStoragePort"] = kSslStoragePort;
  ojson seeds = ojson::array();
  for (const Node& n : ring.state().nodes)
    if (n.seed) seeds.push_back(n.ip);
  out["seeds"] = seeds;
  out["healthCheckIntervalSeconds"] = c.health_interval_s;
  out["bootstrapGraceTimeSeconds"] = c.bootstrap_grace_s;
  out["currentClusterTask"] = job_view(ring, ring.state().current_job);
  out["lastRepair"] = last_job(ring, JobType::repair);
  out["lastCleanup"] = last_job(ring, JobType::cleanup);
  out["nextPossibleServerLaunchTimestamp"] = ring.next_server_launch_ms();
  return out;
}

ojson node_all_view(const Ring& ring) {
  ojson out = ojson::object();
  out["replaceNodes"] = ring.state().replace_nodes;
  out["nodesToAcquire"] = ring.config().target_nodes - ring.current_nodes();
  ojson nodes = ojson::array();
  for (const Node& n : ring.state().nodes)
    nodes.push_back(node_view(n, ring.config().data_directory));
  out["nodes"] = nodes;
  return out;
}

ojson seeds_view(const Ring& ring) {
  ojson out = ojson::object();
  out["nativePort"] = kNativePort;
  out["rpcPort"] = kRpcPort;
  out["jmxPort"] = kJmxPort;
  ojson seeds = ojson::array();
  for (const Node& n : ring.state().nodes)
    if (n.seed) seeds.push_back(n.ip);
  out["seeds"] = seeds;
  return out;
}

ojson node_target_view(const Node& node) {
  ojson out = ojson::object();
  out["ip"] = node.ip;
  out["hostname"] = node.hostname;
  out["executorId"] = nullable(node.executor_id);
  out["targetRunState"] = to_string(node.target);
  return out;
}

ojson resources_view(const Ring& ring) {
  ojson nodes = ojson::object();
  for (const Node& n : ring.state().nodes) {
    if (!n.executor_id || !n.workdir) continue;
    ojson entry = ojson::object();
    entry["workdir"] = *n.workdir;
    entry["slaveBaseUri"] = "http://" + n.ip + ":5051/";
    entry["ip"] = n.ip;
    entry["hostname"] = n.hostname;
    entry["targetRunState"] = to_string(n.target);
    entry["jmxIp"] = "127.0.0.1";
    entry["jmxPort"] = kJmxPort;
    entry["live"] = ring.live(n);
    entry["logfiles"] =
        ojson::array({*n.workdir + "/executor.log",
                      *n.workdir + "/apache-cassandra-" + kCassandraVersion + "/logs/system.log"});
    nodes[*n.executor_id] = entry;
  }
  ojson out = ojson::object();
  out["nodes"] = nodes;
  return out;
}

std::string resources_text(const Ring& ring) {
  std::string out;
  const ojson view = resources_view(ring);
  for (const auto& [id, n] : view["nodes"].items()) {
    out += "JMX_PORT: " + std::to_string(n["jmxPort"].get<int>()) + "\n";
    out += "JMX_IP: " + n["jmxIp"].get<std::string>() + "\n";
    out += "NODE_IP: " + n["ip"].get<std::string>() + "\n";
    out += "BASE: " + n["slaveBaseUri"].get<std::string>() + "\n";
    for (const auto& log : n["logfiles"]) out += "LOG: " + log.get<std::string>() + "\n";
  }
  return out;
}

}  // namespace dcos_local::cassandra
