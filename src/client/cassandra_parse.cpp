#include "client/cassandra_parse.hpp"

#include "client/json_fields.hpp"

namespace dcos::cassandra_parse {
namespace {

using json_fields::integer_field;
using json_fields::number_field;
using json_fields::object_at;
using json_fields::string_field;
using json_fields::string_list;
using nlohmann::json;

long long integer_or_zero(const json& object, const char* key) {
  return integer_field(object, key).value_or(0);
}

const json& object_or_empty(const json& raw) {
  static const json empty = json::object();
  return raw.is_object() ? raw : empty;
}

CassandraHealthDetails health_details(const json& raw) {
  CassandraHealthDetails details;
  details.healthy = bool_field(raw, "healthy");
  details.msg = string_field(raw, "msg");
  details.version = string_field(raw, "version");
  details.operation_mode = string_field(raw, "operationMode");
  details.cluster_name = string_field(raw, "clusterName");
  details.data_center = string_field(raw, "dataCenter");
  details.rack = string_field(raw, "rack");
  details.endpoint = string_field(raw, "endpoint");
  details.host_id = string_field(raw, "hostId");
  details.joined = bool_field(raw, "joined");
  details.native_transport_running = bool_field(raw, "nativeTransportRunning");
  details.rpc_server_running = bool_field(raw, "rpcServerRunning");
  details.token_count = integer_or_zero(raw, "tokenCount");
  details.uptime_millis = integer_or_zero(raw, "uptimeMillis");
  return details;
}

CassandraNodeJob node_job(const json& raw) {
  CassandraNodeJob job;
  job.executor_id = string_field(raw, "executorId");
  job.task_id = string_field(raw, "taskId");
  job.hostname = string_field(raw, "hostname");
  job.ip = string_field(raw, "ip");
  job.started = integer_field(raw, "startedTimestamp");
  job.finished = integer_field(raw, "finishedTimestamp");
  if (const json* failure = object_at(raw, "failure")) {
    job.failed = true;
    job.failure = string_field(*failure, "message");
  }
  if (const json* keyspaces = object_at(raw, "processedKeyspaces"))
    for (const auto& [name, status] : keyspaces->items())
      job.processed_keyspaces.emplace_back(
          name, status.is_object() ? string_field(status, "status") : std::string());
  job.remaining_keyspaces = string_list(raw, "remainingKeyspaces");
  return job;
}

}  // namespace

bool bool_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  return it->is_string() && it->get<std::string>() == "true";
}

CassandraNode node(const json& raw_node) {
  const json& raw = object_or_empty(raw_node);
  CassandraNode node;
  node.executor_id = string_field(raw, "executorId");
  node.ip = string_field(raw, "ip");
  node.hostname = string_field(raw, "hostname");
  node.target_run_state = string_field(raw, "targetRunState");
  node.replacement_for_ip = string_field(raw, "replacementForIp");
  node.workdir = string_field(raw, "workdir");
  node.seed = bool_field(raw, "seedNode");
  node.jmx_port = integer_or_zero(raw, "jmxPort");
  node.daemon_pid = integer_field(raw, "cassandraDaemonPid");
  node.last_health_check = integer_field(raw, "lastHealthCheck");
  if (const json* details = object_at(raw, "healthCheckDetails"))
    node.health = health_details(*details);
  if (const json* tasks = object_at(raw, "tasks")) {
    for (const auto& [type, task] : tasks->items()) {
      if (!task.is_object()) continue;
      node.tasks.push_back(
          CassandraTask{type, string_field(task, "taskId"), string_field(task, "taskName"),
                        number_field(task, "cpuCores"), integer_or_zero(task, "memMb"),
                        integer_or_zero(task, "diskMb")});
    }
  }
  if (const json* rack_dc = object_at(raw, "rackDc")) {
    node.rack = string_field(*rack_dc, "rack");
    node.dc = string_field(*rack_dc, "dc");
  }
  node.raw = raw;
  return node;
}

CassandraNodes nodes(json&& raw) {
  CassandraNodes result;
  const json& body = object_or_empty(raw);
  result.replace_nodes = string_list(body, "replaceNodes");
  result.nodes_to_acquire = integer_or_zero(body, "nodesToAcquire");
  if (auto list = body.find("nodes"); list != body.end() && list->is_array())
    for (const auto& one : *list)
      if (one.is_object()) result.nodes.push_back(node(one));
  result.raw = std::move(raw);
  return result;
}

std::optional<CassandraJobRun> job_run(const json& raw) {
  if (!raw.is_object()) return std::nullopt;
  CassandraJobRun job;
  job.type = string_field(raw, "type");
  job.started = integer_or_zero(raw, "started");
  job.finished = integer_field(raw, "finished");
  job.aborted = bool_field(raw, "aborted");
  job.remaining_nodes = string_list(raw, "remainingNodes");
  if (const json* current = object_at(raw, "currentNode")) job.current = node_job(*current);
  if (auto done = raw.find("completedNodes"); done != raw.end() && done->is_array())
    for (const auto& one : *done)
      if (one.is_object()) job.completed.push_back(node_job(one));
  job.raw = raw;
  return job;
}

namespace {

std::optional<CassandraJobRun> job_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? std::nullopt : job_run(*it);
}

}  // namespace

CassandraConfig config(json&& raw) {
  CassandraConfig config;
  const json& body = object_or_empty(raw);
  config.framework_name = string_field(body, "frameworkName");
  config.framework_id = string_field(body, "frameworkId");
  config.cluster_name = string_field(body, "clusterName");
  config.target_nodes = integer_or_zero(body, "targetNumberOfNodes");
  config.target_seeds = integer_or_zero(body, "targetNumberOfSeeds");
  config.current_nodes = integer_or_zero(body, "currentNumberOfNodes");
  config.current_seeds = integer_or_zero(body, "currentNumberOfSeeds");
  config.native_port = integer_or_zero(body, "nativePort");
  config.rpc_port = integer_or_zero(body, "rpcPort");
  config.seeds = string_list(body, "seeds");
  config.health_check_interval_seconds = integer_or_zero(body, "healthCheckIntervalSeconds");
  config.bootstrap_grace_time_seconds = integer_or_zero(body, "bootstrapGraceTimeSeconds");
  config.current_job = job_at(body, "currentClusterTask");
  config.last_repair = job_at(body, "lastRepair");
  config.last_cleanup = job_at(body, "lastCleanup");
  config.raw = std::move(raw);
  return config;
}

CassandraJobState job_state(json&& raw, const char* flag_key, const char* job_key) {
  CassandraJobState state;
  const json& body = object_or_empty(raw);
  state.flag = bool_field(body, flag_key);
  state.job = job_at(body, job_key);
  state.raw = std::move(raw);
  return state;
}

CassandraSeeds seeds(json&& raw) {
  CassandraSeeds seeds;
  const json& body = object_or_empty(raw);
  seeds.native_port = integer_or_zero(body, "nativePort");
  seeds.rpc_port = integer_or_zero(body, "rpcPort");
  seeds.jmx_port = integer_or_zero(body, "jmxPort");
  seeds.seeds = string_list(body, "seeds");
  seeds.raw = std::move(raw);
  return seeds;
}

CassandraLiveNodes live_nodes(json&& raw) {
  CassandraLiveNodes live;
  const json& body = object_or_empty(raw);
  live.cluster_name = string_field(body, "clusterName");
  live.native_port = integer_or_zero(body, "nativePort");
  live.rpc_port = integer_or_zero(body, "rpcPort");
  live.jmx_port = integer_or_zero(body, "jmxPort");
  live.nodes = string_list(body, "liveNodes");
  live.raw = std::move(raw);
  return live;
}

CassandraHealthReport health_report(json&& raw) {
  CassandraHealthReport report;
  const json& body = object_or_empty(raw);
  report.healthy = bool_field(body, "healthy");
  if (auto results = body.find("results"); results != body.end() && results->is_array()) {
    for (const auto& result : *results) {
      if (!result.is_object()) continue;
      report.checks.push_back(
          CassandraHealthCheck{string_field(result, "name"), bool_field(result, "ok"),
                               result.value("expected", json()), result.value("actual", json())});
    }
  }
  report.raw = std::move(raw);
  return report;
}

CassandraNodeState node_state(json&& raw) {
  CassandraNodeState state;
  const json& body = object_or_empty(raw);
  state.ip = string_field(body, "ip");
  state.hostname = string_field(body, "hostname");
  state.executor_id = string_field(body, "executorId");
  state.target_run_state = string_field(body, "targetRunState");
  state.raw = std::move(raw);
  return state;
}

CassandraReplace replace(json&& raw) {
  CassandraReplace answer;
  const json& body = object_or_empty(raw);
  answer.success = bool_field(body, "success");
  answer.ip_to_replace = string_field(body, "ipToReplace");
  answer.hostname = string_field(body, "hostname");
  answer.target_run_state = string_field(body, "targetRunState");
  answer.reason = string_field(body, "reason");
  answer.raw = std::move(raw);
  return answer;
}

CassandraSeedChange seed_change(json&& raw) {
  CassandraSeedChange change;
  const json& body = object_or_empty(raw);
  change.ip = string_field(body, "ip");
  change.hostname = string_field(body, "hostname");
  change.executor_id = string_field(body, "executorId");
  change.old_seed = bool_field(body, "oldSeedState");
  change.success = bool_field(body, "success");
  change.seed = body.contains("seedState") ? bool_field(body, "seedState") : change.old_seed;
  change.error = string_field(body, "error");
  change.raw = std::move(raw);
  return change;
}

CassandraRackDc rack_dc(json&& raw) {
  CassandraRackDc answer;
  const json& body = object_or_empty(raw);
  answer.success = bool_field(body, "success");
  answer.rack = string_field(body, "rack");
  answer.dc = string_field(body, "dc");
  answer.raw = std::move(raw);
  return answer;
}

CassandraQaReport qa_report(json&& raw) {
  CassandraQaReport report;
  const json& body = object_or_empty(raw);
  if (const json* nodes = object_at(body, "nodes")) {
    for (const auto& [executor_id, one] : nodes->items()) {
      if (!one.is_object()) continue;
      CassandraQaNode node;
      node.executor_id = executor_id;
      node.workdir = string_field(one, "workdir");
      node.agent_base_uri = string_field(one, "slaveBaseUri");
      node.ip = string_field(one, "ip");
      node.hostname = string_field(one, "hostname");
      node.target_run_state = string_field(one, "targetRunState");
      node.jmx_ip = string_field(one, "jmxIp");
      node.jmx_port = integer_or_zero(one, "jmxPort");
      node.live = bool_field(one, "live");
      node.log_files = string_list(one, "logfiles");
      report.nodes.push_back(std::move(node));
    }
  }
  report.raw = std::move(raw);
  return report;
}

}  // namespace dcos::cassandra_parse
