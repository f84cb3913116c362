#include "local/cluster.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "local/process.hpp"

namespace dcos_local {

namespace fs = std::filesystem;

bool terminal_state(const std::string& state) {
  return state == "TASK_FINISHED" || state == "TASK_FAILED" || state == "TASK_KILLED" ||
         state == "TASK_ERROR" || state == "TASK_LOST" || state == "TASK_DROPPED" ||
         state == "TASK_GONE" || state == "TASK_GONE_BY_OPERATOR";
}

namespace {

std::string journal_id() {
  std::string id;
  for (char c : uuid4())
    if (c != '-') id += c;
  return id;
}

// 256 bits straight from the system's random source (not uuid4()'s seeded generator, whose
// other outputs are public).
std::string secret_token() {
  std::random_device device;
  std::string out = "dcos-local-task-";
  char hex[9];
  for (int i = 0; i < 8; ++i) {
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(device()));
    out += hex;
  }
  return out;
}

}  // namespace

Cluster::Cluster(Options options, EventBus& events)
    : journal(journal_id(), now_ms()), options_(std::move(options)), events_(events) {
  started_ms = now_ms();
  last_version_ms = started_ms;
  cluster_id = uuid4();
  master_id = uuid4();
  framework_id = master_id + "-0001";
  task_token = secret_token();
  work_dir = options_.work_dir;
  // Three agents, the third public, and one more per 50 apps of --scale (every tenth of those
  // public), or more until --agents private ones exist (a Cassandra ring holds one agent per
  // node). They have distinct loopback addresses so that hosts stay apart. The first three share
  // a zone; the others spread over three zones of the same region.
  int count = 3 + options_.scale / 50;
  auto is_public = [](int i) { return i % 10 == 2; };
  int private_count = 0;
  for (int i = 0; i < count; ++i) private_count += is_public(i) ? 0 : 1;
  for (; private_count < options_.agents; ++count) private_count += is_public(count) ? 0 : 1;
  double share = 1.25 * options_.scale / private_count;  // room for the scaled apps' tasks
  int port_span = std::min(4000, 44000 / count);
  std::random_device random;
  for (int i = 0; i < count; ++i) {
    Agent a;
    a.id = master_id + "-S" + std::to_string(i);
    std::string host = std::to_string(i / 250) + "." + std::to_string(2 + i % 250);
    a.ip = "127.0." + host;
    a.is_public = is_public(i);
    if (a.is_public) a.public_ip = "127.1." + host;
    a.cpus = 8 + std::ceil(share * 0.3);
    a.mem = 16384 + std::ceil(share * 3 * 32);
    a.disk = 65536;
    a.port_begin = 20000 + i * port_span;
    a.port_end = a.port_begin + port_span - 1;
    a.port_first = std::uniform_int_distribution<int>(a.port_begin, a.port_end)(random);
    a.registered_ms = started_ms;
    if (i >= 3) a.zone = std::string("local-") + static_cast<char>('a' + (i - 2) % 3);
    agent_index_[a.id] = agents.size();
    agents.push_back(a);
  }
  log_started();
}

Cluster::~Cluster() = default;

std::string Cluster::next_version() {
  int64_t now = std::max(now_ms(), last_version_ms + 1);
  last_version_ms = now;
  return iso_time(now);
}

const Agent* Cluster::agent(const std::string& id) const {
  auto it = agent_index_.find(id);
  return it == agent_index_.end() ? nullptr : &agents[it->second];
}

const Agent* Cluster::live_agent(const std::string& id) const {
  const Agent* a = agent(id);
  return a && !a->gone ? a : nullptr;
}

size_t Cluster::completed_capacity() const {
  return std::max<size_t>(1000, static_cast<size_t>(options_.history));
}

Deployment* Cluster::deployment_of(const std::string& id, bool pod) {
  for (Deployment& d : deployments)
    for (const auto& step : d.steps)
      for (const Action& a : step)
        if (a.target == id && a.pod == pod) return &d;
  return nullptr;
}

std::optional<ApiError> Cluster::locked(const std::vector<std::string>& app_ids,
                                        const std::vector<std::string>& pod_ids) {
  json ids = json::array();
  std::set<std::string> seen;
  auto check = [&](const std::string& id, bool pod) {
    if (Deployment* d = deployment_of(id, pod); d && seen.insert(d->id).second)
      ids.push_back({{"id", d->id}});
  };
  for (const auto& id : app_ids) check(id, false);
  for (const auto& id : pod_ids) check(id, true);
  if (ids.empty()) return std::nullopt;
  return ApiError{409,
                  {{"message",
                    "App is locked by one or more deployments. Override with the option "
                    "'?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'."},
                   {"deployments", ids}}};
}

void Cluster::cancel_deployments_of(const std::vector<std::string>& app_ids,
                                    const std::vector<std::string>& pod_ids) {
  std::set<std::string> ids;
  for (const auto& id : app_ids)
    if (Deployment* d = deployment_of(id, false)) ids.insert(d->id);
  for (const auto& id : pod_ids)
    if (Deployment* d = deployment_of(id, true)) ids.insert(d->id);
  for (const auto& id : ids) finish_deployment(id, false, "canceled by a forced change");
}

namespace {

// Where an app keeps its service ports and under which key: its port definitions on host
// networking, its container's port mappings otherwise. Null when it has none.
json* service_port_list(json& app, const char*& key) {
  if (host_networking(app)) {
    key = "port";
    auto it = app.find("portDefinitions");
    return it != app.end() && it->is_array() ? &*it : nullptr;
  }
  key = "servicePort";
  auto c = app.find("container");
  if (c == app.end() || !c->is_object()) return nullptr;
  auto pm = c->find("portMappings");
  return pm != c->end() && pm->is_array() ? &*pm : nullptr;
}

// A dynamic (0) service port in a changed definition keeps the port the app already has at
// that position, as Marathon does: resubmitting an unchanged app is then no change at all.
void reuse_service_ports(json& def, const json& old) {
  json previous = old;
  const char *key = nullptr, *old_key = nullptr;
  json* now = service_port_list(def, key);
  json* before = service_port_list(previous, old_key);
  if (!now || !before || std::string(key) != old_key) return;
  for (size_t i = 0; i < now->size() && i < before->size(); ++i) {
    json& entry = (*now)[i];
    if (entry.is_object() && (*before)[i].is_object() && entry.value(key, 0) == 0)
      entry[key] = (*before)[i].value(key, 0);
  }
}

}  // namespace

void Cluster::assign_service_ports(json& app) {
  const char* key = nullptr;
  json* list = service_port_list(app, key);
  if (!list) return;
  for (json& entry : *list) {
    if (!entry.is_object()) continue;
    int port = entry.value(key, 0);
    if (port == 0) {
      port = 10000;
      while (service_ports_.count(port) && port < 20000) ++port;
      entry[key] = port;
    }
    service_ports_.insert(port);
  }
}

void Cluster::release_service_ports(const json& app) {
  json copy = app;
  const char* key = nullptr;
  json* list = service_port_list(copy, key);
  if (!list) return;
  for (const json& entry : *list) {
    if (!entry.is_object()) continue;
    auto it = service_ports_.find(entry.value(key, 0));
    if (it != service_ports_.end()) service_ports_.erase(it);
  }
}

std::string Cluster::put_app(json def, const std::string& version) {
  std::string id = def["id"];
  touch(id);
  auto it = apps.find(id);
  std::string action = "StartApplication";
  json version_info = {{"lastScalingAt", version}, {"lastConfigChangeAt", version}};
  if (it != apps.end()) {
    json old = it->second.def;
    reuse_service_ports(def, old);
    json a = old, b = def;
    for (json* j : {&a, &b})
      for (const char* key : {"version", "versionInfo", "instances"}) j->erase(key);
    if (a == b) {
      action = "ScaleApplication";
      version_info["lastConfigChangeAt"] = old["versionInfo"]["lastConfigChangeAt"];
    } else {
      action = "RestartApplication";
    }
  }
  if (it != apps.end()) release_service_ports(it->second.def);
  assign_service_ports(def);
  def["version"] = version;
  def["versionInfo"] = version_info;
  App& app = apps[id];
  app.def = def;
  app.versions[version] = def;
  while (app.versions.size() > 50) app.versions.erase(app.versions.begin());
  app.backoff_until_ms = 0;
  app.backoff_s = 0;
  return action;
}

void Cluster::remove_app(const std::string& id) {
  auto it = apps.find(id);
  if (it != apps.end()) release_service_ports(it->second.def);
  apps.erase(id);
  for (Task* task : live_tasks_of(id))
    if (!task->is_pod) kill_task(*task, true);
}

void Cluster::put_pod(json def, const std::string& version) {
  def["version"] = version;
  touch(def["id"]);
  Pod& pod = pods[def["id"].get<std::string>()];
  pod.def = def;
  pod.versions[version] = def;
  pod.backoff_until_ms = 0;
}

void Cluster::remove_pod(const std::string& id) {
  pods.erase(id);
  for (Task* task : live_tasks_of(id))
    if (task->is_pod) kill_task(*task, true);
}

Deployment& Cluster::start_deployment(
    std::vector<std::vector<Action>> steps,
    const std::map<std::string, std::optional<json>>& previous_apps,
    const std::map<std::string, std::optional<json>>& previous_pods, const std::string& version) {
  Deployment d;
  d.id = uuid4();
  d.version = version;
  d.steps = std::move(steps);
  d.step_started_ms = now_ms();
  d.previous_apps = previous_apps;
  d.previous_pods = previous_pods;
  deployments.push_back(std::move(d));
  Deployment& created = deployments.back();
  json plan_steps = json::array();
  for (const auto& step : created.steps) {
    json actions = json::array();
    for (const Action& a : step)
      actions.push_back({{"action", a.action}, {a.pod ? "pod" : "app", a.target}});
    plan_steps.push_back({{"actions", actions}});
  }
  std::string targets;
  for (const auto& step : created.steps)
    for (const Action& a : step) targets += (targets.empty() ? "" : ", ") + a.target;
  journal.log("master", "dcos-marathon.service", Priority::info,
              "Deployment " + created.id + ":" + version + " of [" + targets + "] started with " +
                  std::to_string(created.steps.size()) + " steps");
  events_.publish("deployment_info",
                  {{"plan", {{"id", created.id}, {"steps", plan_steps}, {"version", version}}},
                   {"currentStep", plan_steps.empty() ? json::object() : plan_steps[0]}});
  return created;
}

void Cluster::finish_deployment(const std::string& id, bool success, const std::string& reason) {
  auto it = std::find_if(deployments.begin(), deployments.end(),
                         [&](const Deployment& d) { return d.id == id; });
  if (it == deployments.end()) return;
  json plan = {{"id", it->id}, {"version", it->version}};
  json data = {{"id", it->id}, {"plan", plan}};
  if (!success && !reason.empty()) data["reason"] = reason;
  journal.log("master", "dcos-marathon.service", success ? Priority::info : Priority::warning,
              "Deployment " + it->id + ":" + it->version +
                  (success ? " finished" : " failed" + (reason.empty() ? "" : ": " + reason)));
  deployments.erase(it);
  events_.publish(success ? "deployment_success" : "deployment_failed", data);
  events_.publish(success ? "group_change_success" : "group_change_failed",
                  {{"groupId", "/"}, {"version", plan["version"]}});
}

void Cluster::kill_task(Task& task, bool expected, int64_t max_grace_ms) {
  if (task.killing) return;
  task.killing = true;
  task.kill_expected = expected;
  task.state = "TASK_KILLING";
  task.statuses.push_back({"TASK_KILLING", now_ms(), std::nullopt});
  int64_t grace = task.def().value("taskKillGracePeriodSeconds", 3) * 1000LL;
  if (max_grace_ms >= 0) grace = std::min(grace, max_grace_ms);
  task.kill_deadline_ms = now_ms() + grace;
  const Agent* a = agent(task.agent_id);
  journal.log("master", "dcos-mesos-master.service", Priority::info,
              "Telling agent " + task.agent_id + " at slave(1)@" + (a ? a->ip : "") +
                  ":5051 to kill task " + task.id + " of framework " + framework_of(task));
  journal.log(task.agent_id, a ? a->unit() : "dcos-mesos-slave.service", Priority::info,
              "Asked to kill task " + task.id + " of framework " + framework_of(task));
  busy_.insert(task.id);
  touch(task.run_spec_id);
  if (task.pid > 0) signal_group(task.pid, SIGTERM);
  emit_status(task);
}

std::vector<const Task*> Cluster::tasks_of(const std::string& id) const {
  std::vector<const Task*> out;
  auto it = by_spec_.find(id);
  if (it == by_spec_.end()) return out;
  for (const std::string& tid : it->second) out.push_back(&tasks.at(tid));
  return out;
}

std::vector<Task*> Cluster::live_tasks_of(const std::string& id) {
  std::vector<Task*> out;
  auto it = by_spec_.find(id);
  if (it == by_spec_.end()) return out;
  for (const std::string& tid : it->second) out.push_back(&tasks.at(tid));
  return out;
}

std::set<std::string> Cluster::all_groups() const {
  std::set<std::string> out{"/"};
  auto add_parents = [&out](std::string id) {
    while (id != "/") {
      id = parent_id(id);
      out.insert(id);
    }
  };
  for (const auto& [id, v] : groups) {
    out.insert(id);
    add_parents(id);
  }
  for (const auto& [id, app] : apps) add_parents(id);
  for (const auto& [id, pod] : pods) add_parents(id);
  return out;
}

bool Cluster::is_group(const std::string& id) const { return all_groups().count(id) > 0; }

std::vector<int> Cluster::pick_ports(const Agent& agent, size_t count,
                                     const std::vector<int>& wanted) {
  std::vector<int> out;
  std::set<int>& used = used_ports_[agent.id];
  for (size_t i = 0; i < count; ++i) {
    int port = i < wanted.size() ? wanted[i] : 0;
    if (port == 0) {
      int span = agent.port_end - agent.port_begin + 1;
      for (int k = 0; k < span; ++k) {
        int p = agent.port_begin + (agent.port_first - agent.port_begin + k) % span;
        if (!used.count(p)) {
          port = p;
          break;
        }
      }
    }
    if (port == 0 || used.count(port)) {
      for (int p : out) used.erase(p);
      return {};
    }
    used.insert(port);
    out.push_back(port);
  }
  return out;
}

void Cluster::emit_status(const Task& task) {
  log_status(task);
  if (!task.framework_id.empty()) {
    // Mesos tells a framework nothing of staging: the first update comes from the executor.
    if (task.state != "TASK_STAGING") send_update(task);
    return;
  }
  const Agent* a = agent(task.agent_id);
  events_.publish("status_update_event", {{"slaveId", task.agent_id},
                                          {"taskId", task.id},
                                          {"taskStatus", task.state},
                                          {"message", task.message},
                                          {"appId", task.run_spec_id},
                                          {"host", a ? a->ip : ""},
                                          {"ipAddresses", json::array()},
                                          {"ports", task.ports},
                                          {"version", task.version}});
}

void Cluster::shutdown() {
  std::unique_lock lock(mu);
  for (auto& [id, task] : tasks)
    if (task.pid > 0) signal_group(task.pid, SIGTERM);
  int64_t deadline = now_ms() + 3000;
  bool killed = false;
  while (true) {
    bool any = false;
    for (auto& [id, task] : tasks) {
      if (task.pid <= 0) continue;
      if (reap_task_group(task.pid)) {  // also kills whatever the shell left behind
        task.pid = -1;
      } else {
        any = true;
      }
    }
    if (!any) break;
    if (!killed && now_ms() > deadline) {
      killed = true;
      for (auto& [id, task] : tasks)
        if (task.pid > 0) signal_group(task.pid, SIGKILL);
    }
    if (now_ms() > deadline + 3000) break;
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    lock.lock();
  }
}

}  // namespace dcos_local
