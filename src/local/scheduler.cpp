// The scheduler half of the cluster: launching, reaping and replacing tasks, moving
// deployments along and running health checks. Called from the scheduler threads.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "local/cluster.hpp"
#include "local/probe.hpp"
#include "local/process.hpp"

namespace dcos_local {

namespace fs = std::filesystem;

namespace {

bool has_health_checks(const json& def) {
  return def.contains("healthChecks") && !def["healthChecks"].empty();
}

bool task_healthy(const Task& t) {
  if (t.health.empty()) return false;
  return std::all_of(t.health.begin(), t.health.end(),
                     [](const HealthState& h) { return h.alive; });
}

std::string command_of(const json& def) {
  if (def.contains("cmd") && def["cmd"].is_string()) return def["cmd"];
  std::string out;
  for (const json& arg : def.value("args", json::array())) {
    std::string a = arg.is_string() ? arg.get<std::string>() : arg.dump();
    std::string quoted = "'";
    for (char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += (out.empty() ? "" : " ") + quoted + "'";
  }
  return out;
}

}  // namespace

std::shared_ptr<const json> Cluster::shared_def(const json& def) {
  std::string key = def.value("id", "") + "@" + def.value("version", "");
  std::weak_ptr<const json>& slot = shared_defs_[key];
  if (auto existing = slot.lock()) return existing;
  auto made = std::make_shared<const json>(def);
  slot = made;
  if (shared_defs_.size() > 2 * (apps.size() + pods.size()) + 64)
    std::erase_if(shared_defs_, [](const auto& entry) { return entry.second.expired(); });
  return made;
}

bool Cluster::launch(const json& def, bool pod, const std::string& container_name, int64_t now,
                     const std::string& instance_id) {
  Task t;
  t.run_spec_id = def["id"];
  t.is_pod = pod;
  t.container_name = container_name;
  t.spec = shared_def(def);
  json container_def;
  if (pod) {
    for (const json& c : def["containers"])
      if (c.value("name", "") == container_name) container_def = c;
    const json& res = container_def.value("resources", json::object());
    t.cpus = res.value("cpus", 1.0);
    t.mem = res.value("mem", 128.0);
    t.disk = res.value("disk", 0.0);
  } else {
    t.cpus = def.value("cpus", 1.0);
    t.mem = def.value("mem", 128.0);
    t.disk = def.value("disk", 0.0);
  }
  // Pick the least loaded agent of the right kind that has room.
  bool want_public = false;
  for (const json& role : def.value("acceptedResourceRoles", json::array()))
    if (role == "slave_public") want_public = true;
  const Agent* chosen = nullptr;
  size_t best_load = SIZE_MAX;
  for (const Agent& a : agents) {
    if (a.is_public != want_public || a.deactivated || a.gone) continue;
    const Usage& u = usage_[a.id];
    if (u.cpus + t.cpus > a.cpus + 1e-9 || u.mem + t.mem > a.mem + 1e-9) continue;
    if (u.count < best_load) {
      best_load = u.count;
      chosen = &a;
    }
  }
  if (!chosen) return false;
  t.agent_id = chosen->id;

  // Host ports: port definitions on host networking, host ports of mappings otherwise.
  std::vector<int> wanted;
  size_t count = 0;
  std::vector<std::string> port_names;
  if (pod) {
    for (const json& ep : container_def.value("endpoints", json::array()))
      if (ep.contains("hostPort")) {
        wanted.push_back(ep["hostPort"].get<int>());
        port_names.push_back(ep.value("name", ""));
        ++count;
      }
  } else if (host_networking(def)) {
    for (const json& pd : def["portDefinitions"]) {
      wanted.push_back(def.value("requirePorts", false) ? pd.value("port", 0) : 0);
      port_names.push_back(pd.value("name", ""));
      t.service_ports.push_back(pd.value("port", 0));
      ++count;
    }
  } else if (def.contains("container")) {
    for (const json& pm : def["container"].value("portMappings", json::array())) {
      if (pm.contains("hostPort")) {
        wanted.push_back(pm["hostPort"].get<int>());
        port_names.push_back(pm.value("name", ""));
        ++count;
      }
      t.service_ports.push_back(pm.value("servicePort", 0));
    }
  }
  t.ports = pick_ports(*chosen, count, wanted);
  if (t.ports.size() != count) return false;

  std::string uuid = uuid4();
  t.instance_id = instance_id.empty() ? safe_id(t.run_spec_id) + ".instance-" + uuid : instance_id;
  t.id = t.instance_id + (pod ? "." + container_name : "._app.1");
  t.container_id = uuid4();
  t.version = def.value("version", "");
  t.config_version = pod ? t.version : def["versionInfo"].value("lastConfigChangeAt", t.version);
  t.staged_ms = now;
  t.statuses.push_back({"TASK_STAGING", now, std::nullopt});
  t.labels = def.value("labels", json::object());
  const std::string executor = pod ? t.instance_id : t.id;
  t.sandbox = (fs::path(work_dir) / "slaves" / t.agent_id / "frameworks" / framework_id /
               "executors" / executor / "runs" / t.container_id)
                  .string();
  if (pod) t.sandbox += "/tasks/" + t.id;

  std::string command;
  std::string image;
  if (pod) {
    const json& exec = container_def.value("exec", json::object());
    if (exec.contains("command") && exec["command"].contains("shell"))
      command = exec["command"]["shell"];
    if (container_def.contains("image")) image = container_def["image"].value("id", "");
  } else {
    command = command_of(def);
    if (def.contains("container") && def["container"].contains("docker"))
      image = def["container"]["docker"].value("image", "");
  }
  t.simulated = command.empty() || !image.empty();
  // A simulated task's sandbox is made when first browsed (agent_api), which keeps
  // --scale start-up fast.
  if (!t.simulated) {
    std::error_code ec;
    fs::create_directories(t.sandbox, ec);
    SpawnSpec spec;
    spec.command = command;
    spec.cwd = t.sandbox;
    spec.stdout_path = t.sandbox + "/stdout";
    spec.stderr_path = t.sandbox + "/stderr";
    auto& env = spec.env;
    const json& app_env = def.value(pod ? "environment" : "env", json::object());
    for (auto& [k, v] : app_env.items())
      if (v.is_string()) env.emplace_back(k, v.get<std::string>());
    if (pod)
      for (auto& [k, v] : container_def.value("environment", json::object()).items())
        if (v.is_string()) env.emplace_back(k, v.get<std::string>());
    env.emplace_back("MESOS_TASK_ID", t.id);
    env.emplace_back("MESOS_SANDBOX", t.sandbox);
    env.emplace_back("MESOS_AGENT_ENDPOINT", chosen->ip + ":5051");
    env.emplace_back("MESOS_FRAMEWORK_ID", framework_id);
    env.emplace_back("HOST", chosen->ip);
    env.emplace_back(pod ? "MARATHON_APP_ID" : "MARATHON_APP_ID", t.run_spec_id);
    env.emplace_back("MARATHON_APP_VERSION", t.version);
    env.emplace_back("MARATHON_APP_RESOURCE_CPUS", json(t.cpus).dump());
    env.emplace_back("MARATHON_APP_RESOURCE_MEM", json(t.mem).dump());
    env.emplace_back("MARATHON_APP_RESOURCE_DISK", json(t.disk).dump());
    std::string labels;
    for (auto& [k, v] : t.labels.items()) {
      labels += (labels.empty() ? "" : " ") + k;
      if (v.is_string()) env.emplace_back("MARATHON_APP_LABEL_" + k, v.get<std::string>());
    }
    env.emplace_back("MARATHON_APP_LABELS", labels);
    std::string ports;
    for (size_t i = 0; i < t.ports.size(); ++i) {
      std::string p = std::to_string(t.ports[i]);
      env.emplace_back("PORT" + std::to_string(i), p);
      if (i < port_names.size() && !port_names[i].empty()) {
        std::string name = port_names[i];
        for (char& c : name)
          c = std::isalnum(static_cast<unsigned char>(c))
                  ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                  : '_';
        env.emplace_back("PORT_" + name, p);
      }
      ports += (ports.empty() ? "" : ",") + p;
    }
    if (!t.ports.empty()) env.emplace_back("PORT", std::to_string(t.ports[0]));
    env.emplace_back("PORTS", ports);
    for (auto& entry : local_env()) env.push_back(std::move(entry));
    Spawned spawned = spawn_shell(spec);
    if (spawned.pid < 0) {
      t.message = "Failed to launch: " + spawned.error;
      for (int p : t.ports) used_ports_[t.agent_id].erase(p);
      finish_task(std::move(t), "TASK_FAILED", t.message, now);
      return true;
    }
    t.pid = spawned.pid;
  }
  const json& checks = pod ? json::array() : def.value("healthChecks", json::array());
  t.health.resize(checks.size());
  Usage& u = usage_[t.agent_id];
  u.cpus += t.cpus;
  u.mem += t.mem;
  u.disk += t.disk;
  ++u.count;
  by_spec_[t.run_spec_id].insert(t.id);
  busy_.insert(t.id);
  if (!t.health.empty()) checked_.insert(t.id);
  auto placed = tasks.emplace(t.id, std::move(t)).first;
  emit_status(placed->second);
  return true;
}

void Cluster::finish_task(Task task, const std::string& state, const std::string& message,
                          int64_t now) {
  task.state = state;
  task.message = message;
  task.statuses.push_back({state, now, std::nullopt});
  for (int p : task.ports) used_ports_[task.agent_id].erase(p);
  emit_status(task);
  touch(task.run_spec_id);
  if (auto spec = by_spec_.find(task.run_spec_id);
      spec != by_spec_.end() && spec->second.erase(task.id)) {
    Usage& u = usage_[task.agent_id];
    u.cpus -= task.cpus;
    u.mem -= task.mem;
    u.disk -= task.disk;
    --u.count;
    if (spec->second.empty()) by_spec_.erase(spec);
  }
  // Freed resources are offered again at once, whatever a framework refused before.
  if (!task.framework_id.empty())
    for (auto& [fid, f] : frameworks) f.refused_until.erase(task.agent_id);
  // Any unplanned end delays the relaunch (so `echo hi` does not spin); only a failure is
  // recorded as lastTaskFailure and counts against a deployment, as in Marathon.
  bool unplanned = !task.kill_expected && state != "TASK_KILLED";
  bool failure = unplanned && state != "TASK_FINISHED";
  if (unplanned && !task.is_pod) {
    auto it = apps.find(task.run_spec_id);
    if (it != apps.end()) {
      App& app = it->second;
      const json& d = app.def;
      double base = d.value("backoffSeconds", 1.0);
      double factor = d.value("backoffFactor", 1.15);
      double cap = d.value("maxLaunchDelaySeconds", 300.0);
      app.backoff_s = app.backoff_s == 0 ? base : std::min(app.backoff_s * factor, cap);
      app.backoff_until_ms = now + static_cast<int64_t>(app.backoff_s * 1000);
      wakeups_.emplace(app.backoff_until_ms, task.run_spec_id);
      const Agent* a = agent(task.agent_id);
      if (failure)
        app.last_task_failure = {{"appId", task.run_spec_id}, {"host", a ? a->ip : ""},
                                 {"message", message},        {"state", state},
                                 {"taskId", task.id},         {"timestamp", iso_time(now)},
                                 {"version", task.version},   {"slaveId", task.agent_id}};
    }
  }
  if (failure) {
    if (Deployment* d = deployment_of(task.run_spec_id, task.is_pod)) {
      if (++d->failures >= options_.task_failures_to_fail_deployment) {
        finish_deployment(d->id, false,
                          "tasks of " + task.run_spec_id + " failed " +
                              std::to_string(d->failures) + " times; last: " + message);
      }
    }
  }
  completed.push_back(std::move(task));
  while (completed.size() > completed_capacity()) completed.pop_front();
}

void Cluster::reap(int64_t now) {
  struct Ended {
    std::string id, state, message;
  };
  std::vector<Ended> ended;
  for (const std::string& id : busy_) {
    Task& t = tasks.at(id);
    if (t.pid > 0) {
      // The task's leftovers go with it, as in a container.
      if (auto status = reap_task_group(t.pid)) {
        t.pid = -1;
        bool ok = !status->signaled && status->code == 0;
        // A framework's task whose process could not be waited for is lost, as Mesos says of
        // a task whose executor vanished.
        bool vanished = !t.framework_id.empty() && !status->signaled && status->code == -1;
        std::string state = !t.end_state.empty() ? t.end_state
                            : t.killing          ? "TASK_KILLED"
                            : ok                 ? "TASK_FINISHED"
                            : vanished           ? "TASK_LOST"
                                                 : "TASK_FAILED";
        ended.push_back({id, state, describe(*status)});
      } else if (t.killing && now >= t.kill_deadline_ms) {
        signal_group(t.pid, SIGKILL);
      }
    } else if (t.killing) {
      ended.push_back({id, t.end_state.empty() ? "TASK_KILLED" : t.end_state, "Killed"});
    }
  }
  for (Ended& e : ended) {
    busy_.erase(e.id);
    checked_.erase(e.id);
    auto node = tasks.extract(e.id);
    finish_task(std::move(node.mapped()), e.state, e.message, now);
  }
}

void Cluster::reconcile_app(App& app, int64_t now) {
  const json& def = app.def;
  const std::string id = def["id"];
  const std::string config = def["versionInfo"]["lastConfigChangeAt"];
  size_t want = def.value("instances", 1);
  std::vector<Task*> current, old;
  for (Task* t : live_tasks_of(id)) {
    if (t->is_pod || t->killing) continue;
    (t->config_version == config ? current : old).push_back(t);
  }
  if (current.size() > want) {
    bool youngest = def.value("killSelection", "YOUNGEST_FIRST") == "YOUNGEST_FIRST";
    std::sort(current.begin(), current.end(), [youngest](const Task* a, const Task* b) {
      return youngest ? a->staged_ms > b->staged_ms : a->staged_ms < b->staged_ms;
    });
    for (size_t i = 0; i < current.size() - want; ++i) kill_task(*current[i], true);
    current.resize(want);
  }
  if (current.size() < want && now >= app.backoff_until_ms) {
    for (size_t i = current.size(); i < want; ++i)
      if (!launch(def, false, "", now)) break;
  }
  // Old-config tasks go once the new ones are all up (and healthy when checked).
  bool checks = has_health_checks(def);
  size_t ready = std::count_if(current.begin(), current.end(), [checks](const Task* t) {
    return t->state == "TASK_RUNNING" && (!checks || task_healthy(*t));
  });
  if (!old.empty() && ready >= want)
    for (Task* t : old) kill_task(*t, true);
}

void Cluster::reconcile_pod(Pod& pod, int64_t now) {
  const json& def = pod.def;
  const std::string id = def["id"];
  size_t want = def.value("scaling", json::object()).value("instances", 1);
  std::map<std::string, std::vector<Task*>> instances;
  std::vector<Task*> old;
  for (Task* t : live_tasks_of(id)) {
    if (!t->is_pod || t->killing) continue;
    if (t->config_version == def.value("version", ""))
      instances[t->instance_id].push_back(t);
    else
      old.push_back(t);
  }
  while (instances.size() > want) {
    for (Task* t : std::prev(instances.end())->second) kill_task(*t, true);
    instances.erase(std::prev(instances.end()));
  }
  if (instances.size() < want && now >= pod.backoff_until_ms) {
    for (size_t i = instances.size(); i < want; ++i) {
      std::string instance = safe_id(id) + ".instance-" + uuid4();
      for (const json& c : def["containers"])
        if (!launch(def, true, c.value("name", ""), now, instance)) break;
    }
  }
  bool all_running = true;
  for (auto& [iid, ts] : instances)
    for (Task* t : ts) all_running = all_running && t->state == "TASK_RUNNING";
  if (!old.empty() && instances.size() >= want && all_running)
    for (Task* t : old) kill_task(*t, true);
}

bool Cluster::step_done(const Deployment& d, int64_t now) const {
  if (now - d.step_started_ms < options_.deploy_delay_ms) return false;
  if (d.step >= d.steps.size()) return true;
  for (const Action& a : d.steps[d.step]) {
    bool stop = a.action == "StopApplication" || a.action == "StopPod";
    std::vector<const Task*> live = tasks_of(a.target);
    bool any_live =
        std::any_of(live.begin(), live.end(), [&a](const Task* t) { return t->is_pod == a.pod; });
    if (stop) {
      if (any_live) return false;
      continue;
    }
    if (a.pod) {
      auto it = pods.find(a.target);
      if (it == pods.end()) continue;
      size_t want = it->second.def.value("scaling", json::object()).value("instances", 1);
      std::set<std::string> ready;
      for (const Task* t : live) {
        if (!t->is_pod) continue;
        if (t->killing || t->state != "TASK_RUNNING" ||
            t->config_version != it->second.def.value("version", ""))
          return false;
        ready.insert(t->instance_id);
      }
      if (ready.size() != want) return false;
      continue;
    }
    auto it = apps.find(a.target);
    if (it == apps.end()) continue;
    const json& def = it->second.def;
    size_t want = def.value("instances", 1);
    bool checks = has_health_checks(def);
    size_t ready = 0;
    for (const Task* t : live) {
      if (t->is_pod) continue;
      if (t->killing || t->config_version != def["versionInfo"]["lastConfigChangeAt"]) return false;
      if (t->state != "TASK_RUNNING" || (checks && !task_healthy(*t))) return false;
      ++ready;
    }
    if (ready != want) return false;
  }
  return true;
}

void Cluster::tick() {
  std::lock_guard lock(mu);
  int64_t now = now_ms();
  reap(now);
  std::vector<std::string> settled;
  for (const std::string& id : busy_) {
    Task& t = tasks.at(id);
    if (t.state == "TASK_STAGING" && now - t.staged_ms >= options_.deploy_delay_ms) {
      t.state = "TASK_RUNNING";
      t.started_ms = now;
      t.statuses.push_back({"TASK_RUNNING", now, std::nullopt});
      emit_status(t);
      touch(t.run_spec_id);
    }
    if (t.state != "TASK_STAGING" && t.pid <= 0 && !t.killing) settled.push_back(id);
  }
  for (const std::string& id : settled) busy_.erase(id);
  while (!wakeups_.empty() && wakeups_.begin()->first <= now) {
    touch(wakeups_.begin()->second);
    wakeups_.erase(wakeups_.begin());
  }
  // Only what changed is reconciled each tick; everything every 5 s, as a safety net.
  bool full = now - last_full_pass_ms_ >= 5000;
  if (full) last_full_pass_ms_ = now;
  std::set<std::string> dirty;
  dirty.swap(dirty_);
  if (full) {
    for (auto& [id, app] : apps) reconcile_app(app, now);
    for (auto& [id, pod] : pods) reconcile_pod(pod, now);
  } else {
    for (const std::string& id : dirty) {
      if (auto app = apps.find(id); app != apps.end()) reconcile_app(app->second, now);
      if (auto pod = pods.find(id); pod != pods.end()) reconcile_pod(pod->second, now);
    }
  }
  std::vector<std::string> finished;
  for (Deployment& d : deployments) {
    while (d.step < d.steps.size() && step_done(d, now)) {
      json step = json::array();
      for (const Action& a : d.steps[d.step])
        step.push_back({{"action", a.action}, {a.pod ? "pod" : "app", a.target}});
      events_.publish("deployment_step_success", {{"plan", {{"id", d.id}, {"version", d.version}}},
                                                  {"currentStep", {{"actions", step}}}});
      ++d.step;
      d.step_started_ms = now;
    }
    if (d.step >= d.steps.size()) finished.push_back(d.id);
  }
  for (const std::string& id : finished) finish_deployment(id, true);
  progress_drains();
  progress_frameworks(now);
}

void Cluster::run_health_checks() {
  struct Due {
    std::string task_id;
    size_t index;
    std::string protocol, host, path, command, sandbox;
    int port = 0;
    int timeout_s = 20;
    bool simulated = false;
    std::vector<std::pair<std::string, std::string>> env;
  };
  std::vector<Due> due;
  int64_t now = now_ms();
  {
    std::lock_guard lock(mu);
    for (const std::string& id : checked_) {
      Task& t = tasks.at(id);
      if (t.state != "TASK_RUNNING" || t.is_pod) continue;
      const json& checks = t.def().value("healthChecks", json::array());
      for (size_t i = 0; i < checks.size() && i < t.health.size(); ++i) {
        HealthState& h = t.health[i];
        if (now < h.next_at_ms) continue;
        const json& c = checks[i];
        h.next_at_ms = now + std::max(1, c.value("intervalSeconds", 60)) * 1000LL;
        Due d{id, i};
        d.protocol = c.value("protocol", "HTTP");
        const Agent* a = agent(t.agent_id);
        d.host = a ? a->ip : "127.0.0.1";
        d.path = c.value("path", "/");
        d.timeout_s = std::max(1, c.value("timeoutSeconds", 20));
        d.simulated = t.simulated;
        d.sandbox = t.sandbox;
        if (c.contains("command")) d.command = c["command"].value("value", "");
        if (c.contains("port")) {
          d.port = c["port"];
        } else {
          size_t index = c.value("portIndex", 0);
          d.port = index < t.ports.size() ? t.ports[index] : 0;
        }
        d.env = {{"MESOS_TASK_ID", t.id}, {"MESOS_SANDBOX", t.sandbox}, {"HOST", d.host}};
        for (size_t p = 0; p < t.ports.size(); ++p)
          d.env.emplace_back("PORT" + std::to_string(p), std::to_string(t.ports[p]));
        due.push_back(std::move(d));
      }
    }
  }
  std::vector<std::pair<Due*, ProbeResult>> results;
  for (Due& d : due) {
    ProbeResult r;
    std::chrono::milliseconds timeout(d.timeout_s * 1000);
    if (d.simulated) {
      r.ok = true;  // no process to probe: a simulated task counts as healthy
    } else if (d.protocol == "COMMAND") {
      r = probe_command(d.command, d.sandbox, d.env, timeout);
    } else if (d.port == 0) {
      r.cause = "no port to check";
    } else if (d.protocol == "TCP" || d.protocol == "MESOS_TCP") {
      r = probe_tcp(d.host, d.port, timeout);
    } else {
      r = probe_http(d.host, d.port, d.path, timeout);
    }
    results.emplace_back(&d, r);
  }
  std::lock_guard lock(mu);
  now = now_ms();
  for (auto& [d, r] : results) {
    auto it = tasks.find(d->task_id);
    if (it == tasks.end() || d->index >= it->second.health.size()) continue;
    Task& t = it->second;
    HealthState& h = t.health[d->index];
    const json& c = t.def()["healthChecks"][d->index];
    bool was_alive = h.alive;
    h.checked = true;
    if (r.ok) {
      h.alive = true;
      h.consecutive_failures = 0;
      if (h.first_success.empty()) h.first_success = iso_time(now);
      h.last_success = iso_time(now);
    } else {
      h.alive = false;
      h.last_failure = iso_time(now);
      h.last_failure_cause = r.cause;
      bool in_grace = h.first_success.empty() &&
                      now - t.started_ms < c.value("gracePeriodSeconds", 300) * 1000LL;
      if (!in_grace) ++h.consecutive_failures;
      int max_failures = c.value("maxConsecutiveFailures", 3);
      if (max_failures > 0 && h.consecutive_failures >= max_failures) {
        events_.publish("unhealthy_instance_kill_event", {{"appId", t.run_spec_id},
                                                          {"taskId", t.id},
                                                          {"instanceId", t.instance_id},
                                                          {"version", t.version},
                                                          {"reason", r.cause},
                                                          {"host", d->host},
                                                          {"slaveId", t.agent_id}});
        kill_task(t, false);
        t.kill_expected = false;
      }
    }
    if (was_alive != h.alive) touch(t.run_spec_id);
    if (was_alive != h.alive)
      events_.publish("health_status_changed_event", {{"appId", t.run_spec_id},
                                                      {"instanceId", t.instance_id},
                                                      {"version", t.version},
                                                      {"alive", h.alive}});
  }
}

}  // namespace dcos_local
