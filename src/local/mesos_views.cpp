#include <algorithm>
#include <map>

#include "local/views.hpp"

namespace dcos_local {

namespace {

json resources(double cpus, double mem, double disk, const std::vector<int>& ports) {
  json r = {{"cpus", cpus}, {"mem", mem}, {"disk", disk}, {"gpus", 0}};
  if (!ports.empty()) r["ports"] = format_ranges(ports);
  return r;
}

// What the tasks of one agent use (every agent: ""), of every framework or of Marathon only.
json used_by(const Cluster& c, const std::string& agent_id, bool marathon_only = false) {
  double cpus = 0, mem = 0, disk = 0;
  std::vector<int> ports;
  for (const auto& [id, t] : c.tasks) {
    if (!agent_id.empty() && t.agent_id != agent_id) continue;
    if (marathon_only && !t.framework_id.empty()) continue;
    cpus += t.cpus;
    mem += t.mem;
    disk += t.disk;
    ports.insert(ports.end(), t.ports.begin(), t.ports.end());
  }
  return resources(cpus, mem, disk, ports);
}

const char* kCounters[] = {"TASK_STAGING", "TASK_STARTING", "TASK_RUNNING",
                           "TASK_KILLING", "TASK_FINISHED", "TASK_KILLED",
                           "TASK_FAILED",  "TASK_LOST",     "TASK_ERROR"};

// Task counts by state, per agent id and per framework ("fw:<id>" keys), in one pass over
// the tasks.
std::map<std::string, std::map<std::string, int>> count_states(const Cluster& c) {
  std::map<std::string, std::map<std::string, int>> out;
  auto count = [&out, &c](const Task& t) {
    ++out[t.agent_id][t.state];
    ++out["fw:" + c.framework_of(t)][t.state];
  };
  for (const auto& [id, t] : c.tasks) count(t);
  for (const Task& t : c.completed) count(t);
  return out;
}

void add_counters(json& j, const std::map<std::string, int>& counts) {
  for (const char* name : kCounters) j[name] = 0;
  for (const auto& [state, n] : counts) j[state] = n;
}

// The build this emulator reports for its Mesos master and agents: fixed facts of dcos-local.
void add_build_info(json& j) {
  j["version"] = "1.11.0";
  j["git_sha"] = "0000000000000000000000000000000000000000";
  j["git_tag"] = "1.11.0";
  j["build_date"] = "2020-07-01 00:00:00";
  j["build_time"] = 1593561600;
  j["build_user"] = "dcos-local";
}

// Names of a task's host ports, in the order of t.ports ("" when unnamed).
std::vector<std::string> port_names(const Task& t) {
  std::vector<std::string> names;
  auto named = [&names](const json& list, bool only_host_ports) {
    if (!list.is_array()) return;
    for (const json& p : list)
      if (p.is_object() && (!only_host_ports || p.contains("hostPort")))
        names.push_back(p.value("name", ""));
  };
  if (t.is_pod) {
    for (const json& ct : t.def().value("containers", json::array()))
      if (ct.value("name", "") == t.container_name)
        named(ct.value("endpoints", json::array()), true);
  } else if (host_networking(t.def())) {
    named(t.def().value("portDefinitions", json::array()), false);
  } else if (t.def().contains("container") && t.def()["container"].is_object()) {
    named(t.def()["container"].value("portMappings", json::array()), true);
  }
  return names;
}

// What the agent has in outstanding offers to frameworks.
json offered_on(const Cluster& c, const std::string& agent_id) {
  double cpus = 0, mem = 0, disk = 0;
  std::vector<int> ports;
  for (const auto& [id, f] : c.frameworks)
    for (const auto& [oid, o] : f.offers) {
      if (o.agent_id != agent_id) continue;
      cpus += o.resources.cpus;
      mem += o.resources.mem;
      disk += o.resources.disk;
      std::vector<int> more = expand_ranges(o.resources.ports);
      ports.insert(ports.end(), more.begin(), more.end());
    }
  return resources(cpus, mem, disk, ports);
}

}  // namespace

json flat_resources(double cpus, double mem, double disk, const std::vector<int>& ports) {
  return resources(cpus, mem, disk, ports);
}

std::string format_ranges(std::vector<int> ports) {
  std::sort(ports.begin(), ports.end());
  std::string out = "[";
  for (size_t i = 0; i < ports.size();) {
    size_t j = i;
    while (j + 1 < ports.size() && ports[j + 1] == ports[j] + 1) ++j;
    if (i) out += ", ";
    out += std::to_string(ports[i]) + "-" + std::to_string(ports[j]);
    i = j + 1;
  }
  return out + "]";
}

json mesos_task(const Cluster& c, const Task& t) {
  const Agent* a = c.agent(t.agent_id);
  std::string ip = a ? a->ip : "";
  json statuses = json::array();
  for (const TaskStatus& s : t.statuses) {
    json st = {{"state", s.state},
               {"timestamp", epoch_seconds(s.at_ms)},
               {"container_status",
                {{"container_id", {{"value", t.container_id}}},
                 {"network_infos",
                  json::array({{{"ip_addresses",
                                 json::array({{{"protocol", "IPv4"}, {"ip_address", ip}}})}}})}}}};
    if (!t.health.empty()) {
      bool healthy = std::all_of(t.health.begin(), t.health.end(),
                                 [](const HealthState& h) { return h.alive; });
      st["healthy"] = healthy;
    }
    statuses.push_back(st);
  }
  json labels = json::array();
  for (auto& [k, v] : t.labels.items())
    labels.push_back({{"key", k}, {"value", v.is_string() ? v.get<std::string>() : v.dump()}});
  // Marathon labels every discovery port with its scope; these are all ports of the agent.
  json ports = json::array();
  std::vector<std::string> names = port_names(t);
  for (size_t i = 0; i < t.ports.size(); ++i) {
    json port = {
        {"number", t.ports[i]},
        {"protocol", "tcp"},
        {"labels", {{"labels", json::array({{{"key", "network-scope"}, {"value", "host"}}})}}}};
    if (i < names.size() && !names[i].empty()) port["name"] = names[i];
    ports.push_back(port);
  }
  std::string name = !t.framework_id.empty() ? t.name
                     : t.is_pod              ? t.container_name
                                             : mesos_task_name(t.run_spec_id);
  json j = {
      {"id", t.id},
      {"name", name},
      {"framework_id", c.framework_of(t)},
      {"executor_id", t.is_pod ? t.instance_id : ""},
      {"slave_id", t.agent_id},
      {"state", t.state},
      {"resources", resources(t.cpus, t.mem, t.disk, t.ports)},
      {"role", t.def().value("role", "*")},
      {"statuses", statuses},
      {"labels", labels},
      {"discovery", {{"visibility", "FRAMEWORK"}, {"name", name}, {"ports", {{"ports", ports}}}}}};
  if (t.def().contains("container") && t.def()["container"].contains("docker")) {
    j["container"] = {{"type", "DOCKER"},
                      {"docker", {{"image", t.def()["container"]["docker"].value("image", "")}}}};
  }
  return j;
}

json drain_info_json(const Agent& a) {
  json config = {{"mark_gone", a.drain->mark_gone}};
  if (a.drain->max_grace_ns) config["max_grace_period"] = {{"nanoseconds", *a.drain->max_grace_ns}};
  return {{"state", a.drain->state}, {"config", config}};
}

json fault_domain(const std::string& region, const std::string& zone) {
  return {{"fault_domain", {{"region", {{"name", region}}}, {"zone", {{"name", zone}}}}}};
}

std::map<std::string, json> used_by_agent(const Cluster& c) {
  struct Sum {
    double cpus = 0, mem = 0, disk = 0;
    std::vector<int> ports;
  };
  std::map<std::string, Sum> sums;
  for (const auto& [id, t] : c.tasks) {
    Sum& s = sums[t.agent_id];
    s.cpus += t.cpus;
    s.mem += t.mem;
    s.disk += t.disk;
    s.ports.insert(s.ports.end(), t.ports.begin(), t.ports.end());
  }
  std::map<std::string, json> out;
  for (const Agent& a : c.agents) {
    const Sum& s = sums[a.id];
    out[a.id] = resources(s.cpus, s.mem, s.disk, s.ports);
  }
  return out;
}

json agent_json(const Cluster& c, const Agent& a, const json* used_resources) {
  std::vector<int> all;
  json total = resources(a.cpus, a.mem, a.disk, {});
  total["ports"] = "[" + std::to_string(a.port_begin) + "-" + std::to_string(a.port_end) + "]";
  json used = used_resources ? *used_resources : used_by(c, a.id);
  json unreserved = total;
  json j = {
      {"id", a.id},
      {"pid", "slave(1)@" + a.ip + ":5051"},
      {"hostname", a.ip},
      {"port", 5051},
      {"registered_time", epoch_seconds(a.registered_ms)},
      {"resources", total},
      {"used_resources", used},
      {"offered_resources", offered_on(c, a.id)},
      {"reserved_resources", json::object()},
      {"unreserved_resources", unreserved},
      {"attributes", a.is_public ? json{{"public_ip", "true"}} : json::object()},
      {"domain", fault_domain(a.region, a.zone)},
      {"active", !a.deactivated},
      {"deactivated", a.deactivated},
      {"version", "1.11.0"},
      {"capabilities", json::array({"MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT"})}};
  if (a.drain) {
    j["drain_info"] = drain_info_json(a);
    j["estimated_drain_start_time_seconds"] = epoch_seconds(a.drain->started_ms);
  }
  return j;
}

json marathon_framework(const Cluster& c, bool completed_tasks) {
  json used = used_by(c, "", true);
  json j = {{"id", c.framework_id},
            {"name", "marathon"},
            {"pid", "scheduler-" + c.master_id + "@127.0.0.1:15101"},
            {"hostname", "127.0.0.1"},
            {"webui_url", "/service/marathon"},
            {"user", "root"},
            {"principal", "dcos_marathon"},
            {"role", "*"},
            {"roles", json::array({"*", "slave_public"})},
            {"active", true},
            {"connected", true},
            {"recovered", false},
            {"checkpoint", true},
            {"failover_timeout", 604800},
            {"capabilities", json::array({"PARTITION_AWARE", "MULTI_ROLE"})},
            {"registered_time", epoch_seconds(c.started_ms)},
            {"unregistered_time", 0},
            {"resources", used},
            {"used_resources", used},
            {"offered_resources", resources(0, 0, 0, {})},
            {"offers", json::array()},
            {"executors", json::array()}};
  j["tasks"] = marker("tasks");
  j["unreachable_tasks"] = json::array();
  if (completed_tasks) j["completed_tasks"] = marker("completed_tasks");
  return j;
}

std::string with_framework_tasks(const Cluster& c, std::string text) {
  std::vector<const Task*> live;
  for (const auto& [id, t] : c.tasks)
    if (t.framework_id.empty()) live.push_back(&t);
  text = splice(std::move(text), "tasks",
                dump_array(live, [&c](const Task* t) { return mesos_task(c, *t); }));
  // A terminal task never changes: its text is made once and kept with it.
  std::string done = "[";
  for (const Task& t : c.completed) {
    if (!t.framework_id.empty()) continue;
    if (t.state_json.empty()) t.state_json = dump(mesos_task(c, t));
    if (done.size() > 1) done += ',';
    done += t.state_json;
  }
  done += ']';
  return splice(std::move(text), "completed_tasks", done);
}

json master_state(const Cluster& c) {
  json slaves = json::array();
  size_t deactivated = 0;
  auto used = used_by_agent(c);
  for (const Agent& a : c.agents) {
    if (a.gone) continue;
    slaves.push_back(agent_json(c, a, &used[a.id]));
    if (a.deactivated) ++deactivated;
  }
  std::string pid = "master@127.0.0.1:5050";
  // The flags this master would have been started with: Mesos defaults, and what is true of the
  // emulator (one master, an in-memory registry, dcos-local's work folder).
  json flags = {{"agent_ping_timeout", "15secs"},
                {"agent_reregister_timeout", "10mins"},
                {"allocation_interval", "1secs"},
                {"authenticate_agents", "false"},
                {"authenticate_frameworks", "false"},
                {"authenticate_http_frameworks", "false"},
                {"authenticate_http_readonly", "false"},
                {"authenticate_http_readwrite", "false"},
                {"cluster", "dcos-local"},
                {"external_log_file", "/var/log/mesos/mesos-master.log"},
                {"framework_sorter", "drf"},
                {"help", "false"},
                {"hostname", "127.0.0.1"},
                {"hostname_lookup", "false"},
                {"log_dir", "/var/log/mesos"},
                {"max_agent_ping_timeouts", "5"},
                {"max_completed_frameworks", "50"},
                {"max_completed_tasks_per_framework", std::to_string(c.completed_capacity())},
                {"port", "5050"},
                {"quiet", "false"},
                {"quorum", "1"},
                {"registry", "in_memory"},
                {"root_submissions", "true"},
                {"user_sorter", "drf"},
                {"version", "false"},
                {"work_dir", c.work_dir}};
  json j = {{"start_time", epoch_seconds(c.started_ms)},
            {"elected_time", epoch_seconds(c.started_ms)},
            {"id", c.master_id},
            {"pid", pid},
            {"hostname", "127.0.0.1"},
            {"capabilities", json::array({"AGENT_UPDATE", "AGENT_DRAINING", "QUOTA_V2"})},
            {"activated_slaves", slaves.size() - deactivated},
            {"deactivated_slaves", deactivated},
            {"unreachable_slaves", 0},
            {"leader", pid},
            {"leader_info",
             {{"id", c.master_id}, {"pid", pid}, {"port", 5050}, {"hostname", "127.0.0.1"}}},
            {"cluster", "dcos-local"},
            {"domain", fault_domain("local", "local-a")},
            {"log_dir", "/var/log/mesos"},
            {"external_log_file", "/var/log/mesos/mesos-master.log"},
            {"flags", flags},
            {"slaves", slaves},
            {"frameworks", json::array({marathon_framework(c, true)})},
            {"completed_frameworks", json::array()},
            {"orphan_tasks", json::array()},
            {"unregistered_frameworks", json::array()}};
  for (const auto& [id, f] : c.frameworks) j["frameworks"].push_back(framework_json(c, f, true));
  for (const Framework& f : c.completed_frameworks)
    j["completed_frameworks"].push_back(framework_json(c, f, true));
  add_build_info(j);
  return j;
}

json state_summary(const Cluster& c) {
  auto counts = count_states(c);
  json slaves = json::array();
  json slave_ids = json::array();
  auto used = used_by_agent(c);
  for (const Agent& a : c.agents) {
    if (a.gone) continue;
    json j = agent_json(c, a, &used[a.id]);
    add_counters(j, counts[a.id]);
    j["framework_ids"] = json::array({c.framework_id});
    for (const auto& [id, f] : c.frameworks) j["framework_ids"].push_back(id);
    slaves.push_back(std::move(j));
    slave_ids.push_back(a.id);
  }
  json fw = marathon_framework(c, false);
  fw.erase("tasks");
  fw.erase("unreachable_tasks");
  add_counters(fw, counts["fw:" + c.framework_id]);
  fw["slave_ids"] = slave_ids;
  json frameworks = json::array({fw});
  for (const auto& [id, f] : c.frameworks) {
    json other = framework_json(c, f, false);
    add_counters(other, counts["fw:" + id]);
    other["slave_ids"] = slave_ids;
    frameworks.push_back(std::move(other));
  }
  return {{"hostname", "127.0.0.1"},
          {"cluster", "dcos-local"},
          {"slaves", slaves},
          {"frameworks", frameworks}};
}

json agent_state(const Cluster& c, const Agent& a) {
  // Executors by framework id: Marathon's first, then every other framework's.
  std::map<std::string, json> executors, completed;
  executors[c.framework_id] = json::array();
  completed[c.framework_id] = json::array();
  auto executor = [&](const Task& t, bool done) {
    json task = mesos_task(c, t);
    return json{
        {"id", t.is_pod ? t.instance_id : t.id},
        {"name", "Command Executor (Task: " + t.id + ")"},
        {"source", t.id},
        {"container", t.container_id},
        {"directory", t.is_pod ? t.sandbox.substr(0, t.sandbox.rfind("/tasks/")) : t.sandbox},
        {"resources", resources(t.cpus, t.mem, t.disk, t.ports)},
        {"tasks", done ? json::array() : json::array({task})},
        {"queued_tasks", json::array()},
        {"completed_tasks", done ? json::array({task}) : json::array()}};
  };
  for (const auto& [id, t] : c.tasks)
    if (t.agent_id == a.id) executors[c.framework_of(t)].push_back(executor(t, false));
  for (const Task& t : c.completed)
    if (t.agent_id == a.id) completed[c.framework_of(t)].push_back(executor(t, true));
  auto entry = [&](const std::string& id, const std::string& name, const std::string& user,
                   const std::string& role, double failover, bool checkpoint) {
    return json{{"id", id},
                {"name", name},
                {"user", user},
                {"role", role},
                {"hostname", "127.0.0.1"},
                {"checkpoint", checkpoint},
                {"failover_timeout", failover},
                {"executors", executors.count(id) ? executors[id] : json::array()},
                {"completed_executors", completed.count(id) ? completed[id] : json::array()}};
  };
  json frameworks = json::array({entry(c.framework_id, "marathon", "root", "*", 604800, true)});
  json completed_frameworks = json::array();
  for (const auto& [id, f] : c.frameworks)
    if (executors.count(id) || completed.count(id))
      frameworks.push_back(entry(id, f.name, f.user, f.role, f.failover_timeout, f.checkpoint));
  for (const Framework& f : c.completed_frameworks)
    if (executors.count(f.id) || completed.count(f.id))
      completed_frameworks.push_back(
          entry(f.id, f.name, f.user, f.role, f.failover_timeout, f.checkpoint));
  json j = agent_json(c, a);
  add_build_info(j);
  j["start_time"] = epoch_seconds(a.registered_ms);
  j["log_dir"] = "/var/log/mesos";
  j["flags"] = {{"work_dir", c.work_dir},      {"hostname", a.ip},           {"port", "5051"},
                {"log_dir", "/var/log/mesos"}, {"master", "127.0.0.1:5050"}, {"help", "false"},
                {"version", "false"}};
  j["frameworks"] = frameworks;
  j["completed_frameworks"] = completed_frameworks;
  j["master_hostname"] = "127.0.0.1";
  return j;
}

json agent_attachments(const Cluster& c, const Agent& a) {
  json map = json::object();
  auto attach = [&](const Task& t) {
    if (t.agent_id != a.id) return;
    std::string dir = t.is_pod ? t.sandbox.substr(0, t.sandbox.rfind("/tasks/")) : t.sandbox;
    std::string exec = t.is_pod ? t.instance_id : t.id;
    map[dir] = dir;
    std::string base = "/frameworks/" + c.framework_of(t) + "/executors/" + exec + "/runs/";
    map[base + "latest"] = dir;
    map[dir.substr(0, dir.rfind('/')) + "/latest"] = dir;
  };
  for (const auto& [id, t] : c.tasks) attach(t);
  for (const Task& t : c.completed) attach(t);
  return map;
}

}  // namespace dcos_local
