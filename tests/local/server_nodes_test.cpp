// DC/OS node APIs of the real dcos-local over HTTP: networking (/net/v1/nodes), Mesos-DNS,
// dcos-diagnostics health, metadata, dcos-metrics for nodes and containers, and the agents and
// completed tasks --scale and --history make.
#include <set>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

// The datapoint of that name (and tags, when given) in a metrics answer; null when absent.
json datapoint(const json& metrics, const std::string& name, const json& tags = nullptr) {
  for (const json& p : metrics["datapoints"])
    if (p["name"] == name && (tags.is_null() || p.value("tags", json::object()) == tags)) return p;
  return json();
}

}  // namespace

TEST_CASE("nodes: networking, Mesos-DNS and health describe the master and the three agents",
          "[local][server][nodes]") {
  LocalCluster cluster({"--seed", "demo"});
  auto cli = client_for(cluster);
  json state = get_json(cli, "/mesos/master/state");
  std::map<std::string, json> agents;
  for (const json& s : state["slaves"]) agents[s["hostname"].get<std::string>()] = s;
  REQUIRE(agents.size() == 3);

  json nodes = get_json(cli, "/net/v1/nodes");
  REQUIRE(nodes.size() == 4);
  std::set<std::string> private_ips;
  for (const json& n : nodes) {
    std::string ip = n["private_ip"];
    private_ips.insert(ip);
    CHECK(n["hostname"] == ip);
    CHECK(n["updated"].get<std::string>().size() == 24);
    if (ip == "127.0.0.1") {
      CHECK(n["public_ips"] == json::array({"127.0.0.1"}));
      continue;
    }
    REQUIRE(agents.count(ip));
    bool is_public = agents[ip]["attributes"].value("public_ip", "") == "true";
    CHECK(n["public_ips"].size() == (is_public ? 1u : 0u));
  }
  CHECK(private_ips.count(state["hostname"]));

  CHECK(get_json(cli, "/mesos_dns/v1/hosts/master.mesos") ==
        json::array({{{"host", "master.mesos."}, {"ip", "127.0.0.1"}}}));
  CHECK(get_json(cli, "/mesos_dns/v1/hosts/leader.mesos.") ==
        json::array({{{"host", "leader.mesos."}, {"ip", "127.0.0.1"}}}));
  CHECK(get_json(cli, "/mesos_dns/v1/hosts/slave.mesos").size() == 3);
  std::string one = agents.begin()->first;
  CHECK(get_json(cli, "/mesos_dns/v1/hosts/" + one) ==
        json::array({{{"host", one + "."}, {"ip", one}}}));
  json worker = get_json(cli, "/mesos_dns/v1/hosts/worker.demo.marathon.mesos");
  REQUIRE(worker.size() == 1);
  CHECK(agents.count(worker[0]["ip"].get<std::string>()));
  CHECK(get_json(cli, "/mesos_dns/v1/hosts/nothing.mesos") ==
        json::array({{{"host", ""}, {"ip", ""}}}));

  json health = get_json(cli, "/system/health/v1/nodes")["nodes"];
  REQUIRE(health.size() == 4);
  std::map<std::string, std::string> roles;
  for (const json& n : health) {
    roles[n["host_ip"].get<std::string>()] = n["role"];
    CHECK(n["health"] == 0);
  }
  CHECK(roles["127.0.0.1"] == "master");
  json units = get_json(cli, "/system/health/v1/nodes/127.0.0.1/units");
  CHECK(units["node_role"] == "master");
  CHECK(units["mesos_id"] == state["id"]);
  std::set<std::string> ids;
  for (const json& u : units["units"]) {
    ids.insert(u["id"].get<std::string>());
    for (const char* key : {"health", "output", "description", "help", "name"})
      CHECK(u.contains(key));
  }
  CHECK(ids.count("dcos-mesos-master.service"));
  CHECK(ids.count("dcos-marathon.service"));
  for (const auto& [ip, slave] : agents) {
    json agent_units = get_json(cli, "/system/health/v1/nodes/" + ip + "/units");
    bool is_public = slave["attributes"].value("public_ip", "") == "true";
    CHECK(agent_units["node_role"] == (is_public ? "agent_public" : "agent"));
    CHECK(agent_units["mesos_id"] == slave["id"]);
    std::set<std::string> agent_ids;
    for (const json& u : agent_units["units"]) agent_ids.insert(u["id"].get<std::string>());
    std::string mesos_unit =
        is_public ? "dcos-mesos-slave-public.service" : "dcos-mesos-slave.service";
    CHECK(agent_ids.count(mesos_unit));
    CHECK_FALSE(agent_ids.count("dcos-mesos-master.service"));
    // Each unit listed has a journal on that node.
    auto res = cli.Get("/system/v1/agent/" + slave["id"].get<std::string>() +
                           "/logs/v2/component/" + mesos_unit + "?skip=-1",
                       {{"Accept", "application/json"}});
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  auto res = cli.Get("/system/health/v1/nodes/10.9.9.9/units");
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(get_json(cli, "/metadata")["PUBLIC_IPV4"] == "127.0.0.1");
}

TEST_CASE("metrics: node figures of this machine, container figures of a task's processes",
          "[local][server][nodes]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json app = {{"id", "/measured"}, {"cmd", "sleep 300"}, {"cpus", 0.2}, {"mem", 64}, {"disk", 10}};
  create_app(cli, app);
  json task = wait_running(cli, "/measured", 1)[0];
  std::string agent = task["slaveId"];
  json mesos_task =
      get_json(cli, "/mesos/master/tasks?task_id=" + task["id"].get<std::string>())["tasks"][0];
  std::string container = mesos_task["statuses"][0]["container_status"]["container_id"]["value"];

  json node = get_json(cli, "/system/v1/agent/" + agent + "/metrics/v0/node");
  CHECK(node["dimensions"]["mesos_id"] == agent);
  CHECK(node["dimensions"]["hostname"] == task["host"]);
  for (const char* name : {"load.1min", "cpu.total", "memory.total", "memory.free", "cpu.cores"}) {
    json p = datapoint(node, name);
    INFO(name);
    REQUIRE(p.is_object());
    CHECK(p["value"].is_number());
    CHECK(p["timestamp"].get<std::string>().back() == 'Z');
  }
  CHECK(datapoint(node, "memory.total")["unit"] == "bytes");
  CHECK(datapoint(node, "cpu.total")["unit"] == "percent");
  json total = datapoint(node, "filesystem.capacity.total", {{"path", "/"}});
  json used = datapoint(node, "filesystem.capacity.used", {{"path", "/"}});
  REQUIRE(total.is_object());
  REQUIRE(used.is_object());
  CHECK(total["value"].get<double>() > 0);
  CHECK(used["value"].get<double>() <= total["value"].get<double>());
  CHECK(get_json(cli, "/system/v1/metrics/v0/node")["dimensions"]["hostname"] == "127.0.0.1");

  const std::string base = "/system/v1/agent/" + agent + "/metrics/v0/containers/";
  json metrics = get_json(cli, base + container);
  CHECK(metrics["dimensions"]["container_id"] == container);
  CHECK(metrics["dimensions"]["task_id"] == task["id"]);
  CHECK(metrics["dimensions"]["framework_name"] == "marathon");
  for (const char* name :
       {"cpus.user_time_secs", "cpus.system_time_secs", "cpus.throttled_time_secs",
        "mem.total_bytes", "mem.limit_bytes", "disk.used_bytes", "disk.limit_bytes"}) {
    INFO(name);
    CHECK(datapoint(metrics, name)["value"].is_number());
  }
  CHECK(datapoint(metrics, "mem.limit_bytes")["value"] == 64.0 * 1024 * 1024);
  CHECK(datapoint(metrics, "mem.total_bytes")["value"].get<double>() > 0);
  CHECK(datapoint(metrics, "cpus.throttled_time_secs")["value"] == 0);
  json app_metrics = get_json(cli, base + container + "/app");
  CHECK(datapoint(app_metrics, "processes")["value"].get<double>() >= 1);

  auto res = cli.Get(base + "no-such-container");
  REQUIRE(res);
  CHECK(res->status == 204);
  // A simulated task (an image, no process) has no figures, like a Docker executor's.
  create_app(cli, {{"id", "/imaged"},
                   {"cpus", 0.1},
                   {"mem", 16},
                   {"container", {{"type", "DOCKER"}, {"docker", {{"image", "nginx:stable"}}}}}});
  json imaged = wait_running(cli, "/imaged", 1)[0];
  json imaged_task =
      get_json(cli, "/mesos/master/tasks?task_id=" + imaged["id"].get<std::string>())["tasks"][0];
  std::string imaged_container =
      imaged_task["statuses"][0]["container_status"]["container_id"]["value"];
  res = cli.Get("/system/v1/agent/" + imaged["slaveId"].get<std::string>() +
                "/metrics/v0/containers/" + imaged_container);
  REQUIRE(res);
  CHECK(res->status == 204);
  res = cli.Get("/system/v1/agent/nope/metrics/v0/node");
  REQUIRE(res);
  CHECK(res->status == 404);
}

TEST_CASE("the scale option adds agents in several zones and the history option completed tasks",
          "[local][server][nodes]") {
  LocalCluster cluster({"--scale", "120", "--history", "1500"});
  auto cli = client_for(cluster);
  json state = get_json(cli, "/mesos/master/state");
  REQUIRE(state["slaves"].size() == 5);
  std::set<std::string> zones, ips;
  for (const json& s : state["slaves"]) {
    zones.insert(s["domain"]["fault_domain"]["zone"]["name"].get<std::string>());
    ips.insert(s["hostname"].get<std::string>());
  }
  CHECK(zones.size() == 3);
  CHECK(ips.size() == 5);
  CHECK(state["flags"]["max_completed_tasks_per_framework"] == "1500");
  json completed = state["frameworks"][0]["completed_tasks"];
  REQUIRE(completed.size() == 1500);
  std::map<std::string, int> states;
  std::set<std::string> on;
  for (const json& t : completed) {
    ++states[t["state"].get<std::string>()];
    on.insert(t["slave_id"].get<std::string>());
  }
  CHECK(states.size() == 3);
  CHECK(states["TASK_FINISHED"] > states["TASK_FAILED"]);
  CHECK(on.size() == 4);  // every private agent
  REQUIRE(eventually([&] {
    return get_json(cli, "/mesos/master/state-summary")["frameworks"][0]["TASK_RUNNING"] == 360;
  }));
  json summary = get_json(cli, "/mesos/master/state-summary")["frameworks"][0];
  CHECK(summary["TASK_FINISHED"].get<int>() + summary["TASK_FAILED"].get<int>() +
            summary["TASK_KILLED"].get<int>() ==
        1500);
  // A completed task of the history has a sandbox to browse and a log to read.
  const json& old = completed[0];
  json debug = get_json(cli, "/agent/" + old["slave_id"].get<std::string>() + "/files/debug");
  CHECK_FALSE(debug.empty());
}
