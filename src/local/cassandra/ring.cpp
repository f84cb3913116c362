// Offers, task updates and reports: how the ring acquires nodes and starts their tasks (§6.2).
#include "local/cassandra/ring.hpp"

#include <algorithm>
#include <cmath>

namespace dcos_local::cassandra {
namespace {

constexpr Resources kExecutor{0.1, 384, 256};
constexpr Resources kMetadataTask{0.1, 32, 0};
constexpr Resources kConfigTask{0.1, 32, 0};
constexpr int kFixedPorts[] = {kStoragePort, kSslStoragePort, kJmxPort, kNativePort, kRpcPort};
constexpr size_t kReportsKept = 5;

Resources operator+(Resources a, Resources b) {
  return {a.cpus + b.cpus, a.mem_mb + b.mem_mb, a.disk_mb + b.disk_mb};
}

// What is left of one offer while tasks are taken from it.
class Budget {
 public:
  explicit Budget(const Offer& offer) : left_(offer.resources), ports_(offer.ports) {}

  bool fits(Resources r) const {
    return r.cpus <= left_.cpus + 1e-9 && r.mem_mb <= left_.mem_mb && r.disk_mb <= left_.disk_mb;
  }
  bool has_port(int port) const {
    return std::any_of(ports_.begin(), ports_.end(),
                       [&](const PortRange& r) { return r.begin <= port && port <= r.end; });
  }
  bool has_fixed_ports() const {
    return std::all_of(std::begin(kFixedPorts), std::end(kFixedPorts),
                       [&](int p) { return has_port(p); });
  }
  // A port for a process of ours: outside the fixed Cassandra ports, and preferably outside the
  // 7000-10000 range the agents offer for them.
  std::optional<int> spare_port() const {
    std::optional<int> fallback;
    for (const PortRange& r : ports_)
      for (int p = r.begin; p <= r.end; ++p) {
        if (std::find(std::begin(kFixedPorts), std::end(kFixedPorts), p) != std::end(kFixedPorts))
          continue;
        if (p < 7000 || p > 10000) return p;
        if (!fallback) fallback = p;
      }
    return fallback;
  }
  void take(Resources r) {
    left_.cpus -= r.cpus;
    left_.mem_mb -= r.mem_mb;
    left_.disk_mb -= r.disk_mb;
  }
  void take_port(int port) {
    std::vector<PortRange> rest;
    for (const PortRange& r : ports_) {
      if (port < r.begin || port > r.end) {
        rest.push_back(r);
        continue;
      }
      if (r.begin < port) rest.push_back({r.begin, port - 1});
      if (port < r.end) rest.push_back({port + 1, r.end});
    }
    ports_ = std::move(rest);
  }

 private:
  Resources left_;
  std::vector<PortRange> ports_;
};

bool terminal(const std::string& state) {
  return state != "TASK_RUNNING" && state != "TASK_STAGING" && state != "TASK_STARTING" &&
         state != "TASK_KILLING";
}

}  // namespace

Ring::Ring(RingState state, double time_scale, Clock clock)
    : state_(std::move(state)), scale_(time_scale > 0 ? time_scale : 1), clock_(std::move(clock)) {}

int64_t Ring::scaled(int64_t ms) const {
  return static_cast<int64_t>(std::llround(static_cast<double>(ms) * scale_));
}

int64_t Ring::bootstrap_window_ms() const {
  return scaled(1000LL * std::max(config().bootstrap_grace_s, config().health_interval_s));
}

int64_t Ring::next_server_launch_ms() const {
  return state_.last_server_launch_ms + bootstrap_window_ms();
}

int Ring::current_nodes() const {
  return static_cast<int>(std::count_if(state_.nodes.begin(), state_.nodes.end(),
                                        [](auto& n) { return n.target != RunState::terminate; }));
}

int Ring::current_seeds() const {
  return static_cast<int>(std::count_if(state_.nodes.begin(), state_.nodes.end(), [](auto& n) {
    return n.target != RunState::terminate && n.seed;
  }));
}

bool Ring::all_seeds_acquired() const { return current_seeds() >= config().target_seeds; }

std::vector<std::string> Ring::seed_ips() const {
  std::vector<std::string> ips;
  for (const Node& n : state_.nodes)
    if (n.seed) ips.push_back(n.ip);
  return ips;
}

const Node* Ring::find(const std::string& ref) const {
  for (const Node& n : state_.nodes)
    if (n.ip == ref || n.hostname == ref || (n.executor_id && *n.executor_id == ref)) return &n;
  return nullptr;
}

Node* Ring::find_mutable(const std::string& ref) { return const_cast<Node*>(find(ref)); }

const Node* Ring::find_by_executor(const std::string& executor_id) const {
  for (const Node& n : state_.nodes)
    if (n.executor_id && *n.executor_id == executor_id) return &n;
  return nullptr;
}

Node* Ring::node_of_task(const std::string& task_id) {
  for (Node& n : state_.nodes)
    for (const NodeTask& t : n.tasks)
      if (t.task_id == task_id) return &n;
  return nullptr;
}

bool Ring::live(const Node& node) const {
  const HealthReport* r = node.last_report();
  return node.executor_id && node.task(kServer) && r && r->healthy && r->info &&
         r->info->native_transport_running && r->info->rpc_server_running;
}

std::vector<const Node*> Ring::live_nodes() const {
  std::vector<const Node*> out;
  for (const Node& n : state_.nodes)
    if (live(n)) out.push_back(&n);
  return out;
}

std::vector<Launch> Ring::offer(const Offer& offer) {
  auto& job = state_.current_job;
  if (job && !job->current) {
    if (job->aborted) {
      job.reset();  // an aborted job is dropped without becoming the last one
    } else if (job->remaining.empty()) {
      state_.last_jobs[job->type] = *job;
      job.reset();
    }
  }
  for (Node& n : state_.nodes)
    if (n.hostname == offer.hostname) {
      n.agent_id = offer.agent_id;
      return progress_node(n, offer);
    }
  return acquire(offer);
}

std::vector<Launch> Ring::acquire(const Offer& offer) {
  if (current_nodes() >= config().target_nodes) return {};
  if (all_seeds_acquired() && now() < next_server_launch_ms()) return {};
  Budget budget(offer);
  if (!budget.fits(kExecutor + kMetadataTask + config().server) || !budget.has_fixed_ports())
    return {};
  for (int p : kFixedPorts) budget.take_port(p);
  auto first = budget.spare_port();
  if (!first) return {};
  budget.take_port(*first);
  if (!budget.spare_port()) return {};

  Node node;
  node.hostname = offer.hostname;
  node.ip = offer.hostname;
  node.agent_id = offer.agent_id;
  node.seed = current_seeds() < config().target_seeds;
  node.rack = config().default_rack;
  node.dc = config().default_dc;
  if (!state_.replace_nodes.empty()) {
    node.replacement_for_ip = state_.replace_nodes.front();
    state_.replace_nodes.erase(state_.replace_nodes.begin());
  }
  state_.nodes.push_back(node);
  return {launch_executor(state_.nodes.back(), offer)};
}

std::vector<Launch> Ring::progress_node(Node& node, const Offer& offer) {
  if (node.target == RunState::terminate) return {};
  Budget budget(offer);
  if (!node.executor_id) {  // the executor was lost: a new one, with a new id
    if (!budget.fits(kExecutor + kMetadataTask) || !budget.spare_port()) return {};
    return {launch_executor(node, offer)};
  }
  const NodeTask* metadata = node.task(kMetadata);
  if (!metadata || !metadata->running || !node.workdir) return {};

  std::vector<Launch> out;
  if (auto launch = job_step(node, offer)) {
    budget.take(launch->resources);
    out.push_back(*launch);
  }
  const NodeTask* server = node.task(kServer);
  if (!server) {
    if (node.target == RunState::restart) node.target = RunState::run;
    if (node.target == RunState::run && server_may_start(node) && budget.fits(config().server) &&
        budget.has_fixed_ports()) {
      for (int p : kFixedPorts) budget.take_port(p);
      if (auto port = budget.spare_port()) {
        node.server_port = *port;
        out.push_back(launch_server(node, offer));
      }
    }
  } else if (node.needs_config_update && server->running && !node.task(kConfig) &&
             budget.fits(kConfigTask)) {
    node.needs_config_update = false;
    std::string seeds;
    for (const std::string& ip : seed_ips()) seeds += (seeds.empty() ? "" : ",") + ip;
    Launch launch = task_launch(node, kConfig, *node.executor_id + ".config",
                                *node.executor_id + ".config", kConfigTask, "config");
    launch.env.emplace_back("CASSANDRA_SEEDS", seeds);
    launch.env.emplace_back("CASSANDRA_SERVER_URL",
                            "http://" + node.ip + ":" + std::to_string(node.server_port));
    out.push_back(launch);
  }
  return out;
}

bool Ring::server_may_start(const Node& node) const {
  if (!all_seeds_acquired()) return false;
  if (state_.last_server_launch_ms != 0 && now() < next_server_launch_ms()) return false;
  if (node.seed) return true;
  return std::any_of(state_.nodes.begin(), state_.nodes.end(), [](const Node& n) {
    const HealthReport* r = n.last_report();
    return n.seed && n.task(kServer) && r && r->healthy && r->info && r->info->joined &&
           r->info->operation_mode == "NORMAL";
  });
}

Launch Ring::task_launch(Node& node, const std::string& type, const std::string& id,
                         const std::string& name, Resources resources, const std::string& role) {
  node.tasks.push_back(NodeTask{type, resources, id, name, false});
  Launch launch;
  launch.task_id = id;
  launch.name = name;
  launch.role = role;
  launch.resources = resources;
  launch.env = {{"CASSANDRA_EXECUTOR_ID", *node.executor_id},
                {"CASSANDRA_CLUSTER_NAME", config().framework_name}};
  return launch;
}

Launch Ring::launch_executor(Node& node, const Offer& offer) {
  node.executor_id =
      config().framework_name + ".node." + std::to_string(state_.next_executor++) + ".executor";
  node.tasks.clear();
  node.workdir.reset();
  Budget budget(offer);
  for (int p : kFixedPorts) budget.take_port(p);
  node.executor_port = budget.spare_port().value_or(0);
  Launch launch =
      task_launch(node, kMetadata, *node.executor_id, *node.executor_id, kMetadataTask, "metadata");
  launch.resources = kExecutor + kMetadataTask;  // the executor's own share goes with it
  launch.ports = {node.executor_port};
  launch.env.emplace_back("CASSANDRA_NODE_PORT", std::to_string(node.executor_port));
  return launch;
}

Launch Ring::launch_server(Node& node, const Offer&) {
  std::string seeds;
  for (const std::string& ip : seed_ips()) seeds += (seeds.empty() ? "" : ",") + ip;
  Launch launch = task_launch(node, kServer, *node.executor_id + ".server",
                              config().framework_name + ".node", config().server, "server");
  launch.ports.assign(std::begin(kFixedPorts), std::end(kFixedPorts));
  launch.ports.push_back(node.server_port);
  launch.env.insert(launch.env.end(), {{"CASSANDRA_NODE_PORT", std::to_string(node.server_port)},
                                       {"CASSANDRA_SEEDS", seeds},
                                       {"CASSANDRA_SEED", node.seed ? "true" : "false"},
                                       {"CASSANDRA_DC", node.dc},
                                       {"CASSANDRA_RACK", node.rack},
                                       {"CASSANDRA_DATA_DIRECTORY", config().data_directory}});
  if (node.replacement_for_ip)
    launch.env.emplace_back("CASSANDRA_REPLACE_ADDRESS", *node.replacement_for_ip);
  state_.last_server_launch_ms = now();
  node.server_started_ms = now();
  node.needs_config_update = false;  // the new server reads the current seeds
  node.daemon_pid.reset();
  return launch;
}

void Ring::task_update(const TaskUpdate& update) {
  Node* node = node_of_task(update.task_id);
  if (!node) return;
  auto it = std::find_if(node->tasks.begin(), node->tasks.end(),
                         [&](const NodeTask& t) { return t.task_id == update.task_id; });
  if (!terminal(update.state)) {
    if (update.state == "TASK_RUNNING") it->running = true;
    return;
  }
  std::string type = it->type;
  node->tasks.erase(it);
  std::erase_if(killed_, [&](auto& k) { return k.first == update.task_id; });
  if (type == kMetadata) {
    lose_executor(*node);
  } else if (type == kServer) {
    node->daemon_pid.reset();
    if (update.state != "TASK_KILLED" && update.state != "TASK_FINISHED") {
      HealthReport report;
      report.timestamp = now();
      report.msg = update.message.empty() ? update.reason : update.message;
      node->reports.push_back(report);
      if (node->reports.size() > kReportsKept) node->reports.pop_front();
    }
  } else if (type == kClusterJob) {
    auto& job = state_.current_job;
    if (job && job->current && job->current->task_id == update.task_id &&
        update.state != "TASK_FINISHED")
      complete_current(
          "TaskStatus:" + update.state + ", reason:" + update.reason + ", source:" + update.source +
          ", healthy:" + (update.healthy ? "true" : "false") + ", message:" + update.message);
  }
}

void Ring::lose_executor(Node& node) {
  for (const NodeTask& t : node.tasks) pending_kills_.push_back({t.task_id, node.agent_id});
  std::string executor = node.executor_id.value_or("");
  node.tasks.clear();
  node.executor_id.reset();
  node.workdir.reset();
  node.daemon_pid.reset();
  auto& job = state_.current_job;
  if (!job || executor.empty()) return;
  const std::string lost = "Task finished without any additional information";
  if (job->current && job->current->executor_id == executor) complete_current(lost);
  // A node still waiting for its turn would never be offered again under its old id.
  if (job && std::erase(job->remaining, executor) > 0) {
    NodeJob part{executor, executor + "." + to_string(job->type), lost, now(), now(), {}, {}};
    job->completed.push_back(part);
    if (job->remaining.empty() && !job->current) finish_job_if_done();
  }
}

void Ring::executor_started(const std::string& executor_id, const std::string& workdir) {
  if (Node* n = const_cast<Node*>(find_by_executor(executor_id))) n->workdir = workdir;
}

void Ring::record_health(const std::string& executor_id, HealthReport report,
                         std::optional<int64_t> pid) {
  Node* node = const_cast<Node*>(find_by_executor(executor_id));
  if (!node) return;
  if (pid) node->daemon_pid = pid;
  bool healthy = report.healthy;
  node->reports.push_back(std::move(report));
  if (node->reports.size() > kReportsKept) node->reports.pop_front();
  if (!healthy || !node->replacement_for_ip || !node->task(kServer)) return;
  // The replacement is up: the node it replaced leaves the ring.
  std::string old_ip = *node->replacement_for_ip;
  node->replacement_for_ip.reset();
  std::erase_if(state_.nodes, [&](const Node& n) {
    return n.ip == old_ip && n.target == RunState::terminate &&
           (!n.executor_id || *n.executor_id != executor_id);
  });
}

std::vector<Kill> Ring::kills() {
  std::vector<Kill> wanted = std::move(pending_kills_);
  pending_kills_.clear();
  for (const Node& n : state_.nodes) {
    const NodeTask* server = n.task(kServer);
    if (server && n.target != RunState::run) wanted.push_back({server->task_id, n.agent_id});
    if (n.target == RunState::terminate)
      for (const NodeTask& t : n.tasks)
        if (t.type != kServer && (!server || t.type != kMetadata))
          wanted.push_back({t.task_id, n.agent_id});
  }
  int64_t repeat_after = scaled(10000);
  std::vector<Kill> out;
  for (const Kill& k : wanted) {
    auto sent =
        std::find_if(killed_.begin(), killed_.end(), [&](auto& s) { return s.first == k.task_id; });
    if (sent != killed_.end() && now() - sent->second < repeat_after) continue;
    if (sent != killed_.end())
      sent->second = now();
    else
      killed_.emplace_back(k.task_id, now());
    out.push_back(k);
  }
  return out;
}

}  // namespace dcos_local::cassandra
