#include "local/cassandra/state_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dcos_local::cassandra {
namespace {

using json = nlohmann::json;

template <typename T>
bool number(const Env& env, const char* name, T& out, T minimum, std::string& error) {
  auto text = env(name);
  if (!text || text->empty()) return true;
  try {
    size_t used = 0;
    double value = std::stod(*text, &used);
    if (used != text->size() || value < static_cast<double>(minimum)) throw std::exception();
    out = static_cast<T>(value);
    return true;
  } catch (const std::exception&) {
    error = std::string("invalid ") + name + ": " + *text;
    return false;
  }
}

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

template <typename T>
std::optional<T> read_opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

json info_json(const HealthInfo& i) {
  return {{"version", i.version},
          {"operationMode", i.operation_mode},
          {"clusterName", i.cluster_name},
          {"dataCenter", i.data_center},
          {"rack", i.rack},
          {"endpoint", i.endpoint},
          {"hostId", i.host_id},
          {"joined", i.joined},
          {"gossipInitialized", i.gossip_initialized},
          {"gossipRunning", i.gossip_running},
          {"nativeTransportRunning", i.native_transport_running},
          {"rpcServerRunning", i.rpc_server_running},
          {"tokenCount", i.token_count},
          {"uptimeMillis", i.uptime_millis}};
}

HealthInfo info_from(const json& j) {
  HealthInfo i;
  i.version = j.value("version", "");
  i.operation_mode = j.value("operationMode", "");
  i.cluster_name = j.value("clusterName", "");
  i.data_center = j.value("dataCenter", "");
  i.rack = j.value("rack", "");
  i.endpoint = j.value("endpoint", "");
  i.host_id = j.value("hostId", "");
  i.joined = j.value("joined", false);
  i.gossip_initialized = j.value("gossipInitialized", false);
  i.gossip_running = j.value("gossipRunning", false);
  i.native_transport_running = j.value("nativeTransportRunning", false);
  i.rpc_server_running = j.value("rpcServerRunning", false);
  i.token_count = j.value("tokenCount", int64_t{0});
  i.uptime_millis = j.value("uptimeMillis", int64_t{0});
  return i;
}

json resources_json(const Resources& r) {
  return {{"cpus", r.cpus}, {"mem", r.mem_mb}, {"disk", r.disk_mb}};
}
Resources resources_from(const json& j) {
  return {j.value("cpus", 0.0), j.value("mem", int64_t{0}), j.value("disk", int64_t{0})};
}

json node_job_json(const NodeJob& p) {
  json processed = json::array();
  for (const KeyspaceResult& k : p.processed)
    processed.push_back(
        {{"keyspace", k.keyspace}, {"status", k.status}, {"durationMillis", k.duration_millis}});
  return {{"executorId", p.executor_id},       {"taskId", p.task_id},
          {"failure", opt(p.failure)},         {"started", opt(p.started)},
          {"finished", opt(p.finished)},       {"processed", processed},
          {"remaining", p.remaining_keyspaces}};
}

NodeJob node_job_from(const json& j) {
  NodeJob p;
  p.executor_id = j.value("executorId", "");
  p.task_id = j.value("taskId", "");
  p.failure = read_opt<std::string>(j, "failure");
  p.started = read_opt<int64_t>(j, "started");
  p.finished = read_opt<int64_t>(j, "finished");
  for (const json& k : j.value("processed", json::array()))
    p.processed.push_back(
        {k.value("keyspace", ""), k.value("status", ""), k.value("durationMillis", int64_t{0})});
  p.remaining_keyspaces = j.value("remaining", std::vector<std::string>{});
  return p;
}

json job_json(const ClusterJob& job) {
  json completed = json::array();
  for (const NodeJob& p : job.completed) completed.push_back(node_job_json(p));
  return {{"type", to_string(job.type)},
          {"started", job.started},
          {"finished", opt(job.finished)},
          {"aborted", job.aborted},
          {"remaining", job.remaining},
          {"current", job.current ? node_job_json(*job.current) : json(nullptr)},
          {"completed", completed}};
}

JobType job_type(const std::string& text) {
  return text == "CLEANUP"   ? JobType::cleanup
         : text == "RESTART" ? JobType::restart
                             : JobType::repair;
}

ClusterJob job_from(const json& j) {
  ClusterJob job;
  job.type = job_type(j.value("type", ""));
  job.started = j.value("started", int64_t{0});
  job.finished = read_opt<int64_t>(j, "finished");
  job.aborted = j.value("aborted", false);
  job.remaining = j.value("remaining", std::vector<std::string>{});
  if (j.contains("current") && !j["current"].is_null()) job.current = node_job_from(j["current"]);
  for (const json& p : j.value("completed", json::array()))
    job.completed.push_back(node_job_from(p));
  return job;
}

}  // namespace

ConfigFromEnv config_from_env(const Env& env) {
  ConfigFromEnv out;
  RingConfig& c = out.config;
  std::string& e = out.error;
  auto text = [&](const char* name, std::string& field) {
    if (auto v = env(name); v && !v->empty()) field = *v;
  };
  c.cluster_name = "";
  text("CASSANDRA_CLUSTER_NAME", c.cluster_name);
  c.framework_name = c.cluster_name.empty() ? "cassandra" : "cassandra." + c.cluster_name;
  text("CASSANDRA_FRAMEWORK_MESOS_ROLE", c.role);
  text("CASSANDRA_DATA_DIRECTORY", c.data_directory);
  text("CASSANDRA_DEFAULT_DC", c.default_dc);
  text("CASSANDRA_DEFAULT_RACK", c.default_rack);
  bool ok =
      number(env, "CASSANDRA_NODE_COUNT", c.target_nodes, 1, e) &&
      number(env, "CASSANDRA_SEED_COUNT", c.target_seeds, 1, e) &&
      number(env, "CASSANDRA_RESOURCE_CPU_CORES", c.server.cpus, 0.0, e) &&
      number(env, "CASSANDRA_RESOURCE_MEM_MB", c.server.mem_mb, int64_t{0}, e) &&
      number(env, "CASSANDRA_RESOURCE_DISK_MB", c.server.disk_mb, int64_t{0}, e) &&
      number(env, "CASSANDRA_FAILOVER_TIMEOUT_SECONDS", c.failover_timeout_s, int64_t{0}, e) &&
      number(env, "CASSANDRA_HEALTH_CHECK_INTERVAL_SECONDS", c.health_interval_s, 1, e) &&
      number(env, "CASSANDRA_BOOTSTRAP_GRACE_TIME_SECONDS", c.bootstrap_grace_s, 0, e);
  if (!ok) return out;
  c.heap_mb = std::min<int64_t>(c.server.mem_mb / 2, 16384);
  if (!number(env, "CASSANDRA_RESOURCE_HEAP_MB", c.heap_mb, int64_t{0}, e)) return out;
  if (c.target_seeds > c.target_nodes)
    e = "the number of seeds (" + std::to_string(c.target_seeds) +
        ") is greater than the number of nodes (" + std::to_string(c.target_nodes) + ")";
  return out;
}

json state_to_json(const RingState& s) {
  const RingConfig& c = s.config;
  json nodes = json::array();
  for (const Node& n : s.nodes) {
    json tasks = json::array();
    for (const NodeTask& t : n.tasks)
      tasks.push_back({{"type", t.type},
                       {"resources", resources_json(t.resources)},
                       {"taskId", t.task_id},
                       {"taskName", t.task_name},
                       {"running", t.running}});
    json reports = json::array();
    for (const HealthReport& r : n.reports)
      reports.push_back({{"timestamp", r.timestamp},
                         {"healthy", r.healthy},
                         {"msg", r.msg},
                         {"info", r.info ? info_json(*r.info) : json(nullptr)}});
    nodes.push_back({{"hostname", n.hostname},
                     {"ip", n.ip},
                     {"agentId", n.agent_id},
                     {"executorId", opt(n.executor_id)},
                     {"workdir", opt(n.workdir)},
                     {"replacementForIp", opt(n.replacement_for_ip)},
                     {"targetRunState", to_string(n.target)},
                     {"seed", n.seed},
                     {"rack", n.rack},
                     {"dc", n.dc},
                     {"tasks", tasks},
                     {"daemonPid", opt(n.daemon_pid)},
                     {"reports", reports},
                     {"serverStarted", n.server_started_ms},
                     {"needsConfigUpdate", n.needs_config_update},
                     {"executorPort", n.executor_port},
                     {"serverPort", n.server_port}});
  }
  json last = json::object();
  for (const auto& [type, job] : s.last_jobs) last[to_string(type)] = job_json(job);
  return {{"configuration",
           {{"clusterName", c.cluster_name},
            {"frameworkName", c.framework_name},
            {"frameworkId", c.framework_id},
            {"role", c.role},
            {"failoverTimeoutSeconds", c.failover_timeout_s},
            {"targetNumberOfNodes", c.target_nodes},
            {"targetNumberOfSeeds", c.target_seeds},
            {"server", resources_json(c.server)},
            {"heapMb", c.heap_mb},
            {"healthCheckIntervalSeconds", c.health_interval_s},
            {"bootstrapGraceTimeSeconds", c.bootstrap_grace_s},
            {"dataDirectory", c.data_directory},
            {"defaultDc", c.default_dc},
            {"defaultRack", c.default_rack},
            {"externalDcs", c.external_dcs}}},
          {"nodes", nodes},
          {"replaceNodes", s.replace_nodes},
          {"nextExecutor", s.next_executor},
          {"lastServerLaunch", s.last_server_launch_ms},
          {"currentJob", s.current_job ? job_json(*s.current_job) : json(nullptr)},
          {"lastJobs", last}};
}

std::optional<RingState> state_from_json(const json& doc) {
  if (!doc.is_object() || !doc.contains("configuration")) return std::nullopt;
  try {
    RingState s;
    const json& c = doc["configuration"];
    RingConfig& config = s.config;
    config.cluster_name = c.value("clusterName", "");
    config.framework_name = c.value("frameworkName", "cassandra");
    config.framework_id = c.value("frameworkId", "");
    config.role = c.value("role", "*");
    config.failover_timeout_s = c.value("failoverTimeoutSeconds", int64_t{604800});
    config.target_nodes = c.value("targetNumberOfNodes", 3);
    config.target_seeds = c.value("targetNumberOfSeeds", 2);
    config.server = resources_from(c.value("server", json::object()));
    config.heap_mb = c.value("heapMb", int64_t{0});
    config.health_interval_s = c.value("healthCheckIntervalSeconds", 60);
    config.bootstrap_grace_s = c.value("bootstrapGraceTimeSeconds", 120);
    config.data_directory = c.value("dataDirectory", ".");
    config.default_dc = c.value("defaultDc", "DC1");
    config.default_rack = c.value("defaultRack", "RAC1");
    config.external_dcs = c.value("externalDcs", std::map<std::string, std::string>{});
    for (const json& j : doc.value("nodes", json::array())) {
      Node n;
      n.hostname = j.value("hostname", "");
      n.ip = j.value("ip", "");
      n.agent_id = j.value("agentId", "");
      n.executor_id = read_opt<std::string>(j, "executorId");
      n.workdir = read_opt<std::string>(j, "workdir");
      n.replacement_for_ip = read_opt<std::string>(j, "replacementForIp");
      n.target = parse_run_state(j.value("targetRunState", "RUN")).value_or(RunState::run);
      n.seed = j.value("seed", false);
      n.rack = j.value("rack", "");
      n.dc = j.value("dc", "");
      for (const json& t : j.value("tasks", json::array()))
        n.tasks.push_back({t.value("type", ""), resources_from(t.value("resources", json{})),
                           t.value("taskId", ""), t.value("taskName", ""),
                           t.value("running", false)});
      n.daemon_pid = read_opt<int64_t>(j, "daemonPid");
      for (const json& r : j.value("reports", json::array())) {
        HealthReport report{r.value("timestamp", int64_t{0}), r.value("healthy", false),
                            r.value("msg", ""), std::nullopt};
        if (r.contains("info") && !r["info"].is_null()) report.info = info_from(r["info"]);
        n.reports.push_back(report);
      }
      n.server_started_ms = j.value("serverStarted", int64_t{0});
      n.needs_config_update = j.value("needsConfigUpdate", false);
      n.executor_port = j.value("executorPort", 0);
      n.server_port = j.value("serverPort", 0);
      s.nodes.push_back(std::move(n));
    }
    s.replace_nodes = doc.value("replaceNodes", std::vector<std::string>{});
    s.next_executor = doc.value("nextExecutor", 0);
    s.last_server_launch_ms = doc.value("lastServerLaunch", int64_t{0});
    if (doc.contains("currentJob") && !doc["currentJob"].is_null())
      s.current_job = job_from(doc["currentJob"]);
    const json last_jobs = doc.value("lastJobs", json::object());
    for (const auto& [type, job] : last_jobs.items()) s.last_jobs[job_type(type)] = job_from(job);
    return s;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<RingState> load_state(const std::string& dir) {
  std::ifstream in(std::filesystem::path(dir) / "state.json");
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return state_from_json(doc);
}

bool save_state(const std::string& dir, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string final_path = (std::filesystem::path(dir) / "state.json").string();
  std::string temp_path = final_path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp_path, std::ios::trunc);
    if (!out) return false;
    out << text;
    out.flush();
    if (!out) return false;
  }
  return std::rename(temp_path.c_str(), final_path.c_str()) == 0;
}

}  // namespace dcos_local::cassandra
