// The Mesos operator API calls that change the cluster, over HTTP against the real dcos-local:
// deactivating, reactivating, draining and marking agents gone, and TEARDOWN; what GET_AGENTS,
// GET_STATE and /master/state then say, and where Marathon puts the tasks.
#include <set>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

json small_app(const std::string& id, const std::string& cmd, int instances = 1) {
  return {{"id", id}, {"cmd", cmd}, {"instances", instances}, {"cpus", 0.05}, {"mem", 16}};
}

httplib::Result call(httplib::Client& cli, const json& body) {
  return cli.Post("/mesos/api/v1", body.dump(), "application/json");
}

json agent_call(const std::string& type, const std::string& agent, json extra = json::object()) {
  std::string key = type;
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  extra["agent_id"] = {{"value", agent}};
  return {{"type", type}, {key, extra}};
}

// Sends a call that must succeed (200, empty body).
void ok(httplib::Client& cli, const json& body) {
  auto res = call(cli, body);
  REQUIRE(res);
  INFO(body.dump() << " -> " << res->body);
  REQUIRE(res->status == 200);
}

// GET_AGENTS' entry for an agent (null when it is not listed).
json v1_agent(httplib::Client& cli, const std::string& id) {
  auto res = call(cli, {{"type", "GET_AGENTS"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  json agents = json::parse(res->body)["get_agents"]["agents"];
  for (const json& a : agents)
    if (a["agent_info"]["id"]["value"] == id) return a;
  return json();
}

json state_slave(httplib::Client& cli, const std::string& id) {
  for (const json& s : json(get_json(cli, "/mesos/master/state")["slaves"]))
    if (s["id"] == id) return s;
  return json();
}

// The two private agents (the third of dcos-local's agents is public).
std::vector<std::string> private_agents(httplib::Client& cli) {
  std::vector<std::string> out;
  for (const json& s : json(get_json(cli, "/mesos/master/state")["slaves"]))
    if (s["attributes"].empty()) out.push_back(s["id"]);
  REQUIRE(out.size() == 2);
  return out;
}

std::set<std::string> agents_of(const json& tasks) {
  std::set<std::string> out;
  for (const json& t : tasks) out.insert(t["slaveId"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("a deactivated agent gets no new tasks until it is reactivated",
          "[local][server][operator]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  std::vector<std::string> agents = private_agents(cli);
  ok(cli, agent_call("DEACTIVATE_AGENT", agents[0]));

  json a = v1_agent(cli, agents[0]);
  CHECK(a["deactivated"] == true);
  CHECK(a["active"] == false);
  CHECK_FALSE(a.contains("drain_info"));
  json slave = state_slave(cli, agents[0]);
  CHECK(slave["deactivated"] == true);
  CHECK(get_json(cli, "/mesos/master/state")["deactivated_slaves"] == 1);

  create_app(cli, small_app("/spread", "sleep 300", 4));
  json tasks = wait_running(cli, "/spread", 4);
  CHECK(agents_of(tasks) == std::set<std::string>{agents[1]});

  // Reactivating twice: the second time it is not deactivated any more (Mesos: 400).
  ok(cli, agent_call("REACTIVATE_AGENT", agents[0]));
  auto again = call(cli, agent_call("REACTIVATE_AGENT", agents[0]));
  REQUIRE(again);
  CHECK(again->status == 400);
  CHECK(again->body == "Agent is not deactivated");
  CHECK(v1_agent(cli, agents[0])["deactivated"] == false);
  auto res = put_json(cli, marathon("/v2/apps/spread"), {{"instances", 8}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  tasks = wait_running(cli, "/spread", 8);
  CHECK(agents_of(tasks).count(agents[0]) == 1);
}

TEST_CASE("draining an agent kills its tasks, Marathon moves them, and the agent ends DRAINED",
          "[local][server][operator]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  std::vector<std::string> agents = private_agents(cli);
  create_app(cli, small_app("/moving", "sleep 300", 4));
  json before = wait_running(cli, "/moving", 4);
  REQUIRE(agents_of(before).count(agents[0]) == 1);

  ok(cli, agent_call("DRAIN_AGENT", agents[0], {{"max_grace_period", {{"nanoseconds", 0}}}}));
  json drained;
  REQUIRE(eventually([&] {
    drained = v1_agent(cli, agents[0]);
    return drained["drain_info"]["state"] == "DRAINED";
  }));
  CHECK(drained["deactivated"] == true);
  CHECK(drained["drain_info"]["config"] ==
        json{{"mark_gone", false}, {"max_grace_period", {{"nanoseconds", 0}}}});
  CHECK(drained["estimated_drain_start_time"]["nanoseconds"].is_number());
  json slave = state_slave(cli, agents[0]);
  CHECK(slave["drain_info"]["state"] == "DRAINED");
  CHECK(slave["deactivated"] == true);

  json after = wait_running(cli, "/moving", 4);
  CHECK(agents_of(after) == std::set<std::string>{agents[1]});
  // The tasks that were on it were killed, and the master lists them as completed.
  std::set<std::string> killed;
  for (const json& t : json(get_json(cli, "/mesos/master/tasks?limit=1000")["tasks"]))
    if (t["slave_id"] == agents[0]) {
      CHECK(t["state"] == "TASK_KILLED");
      killed.insert(t["id"].get<std::string>());
    }
  CHECK_FALSE(killed.empty());

  // DRAINED, it can be reactivated, and drain_info goes away.
  ok(cli, agent_call("REACTIVATE_AGENT", agents[0]));
  json back = v1_agent(cli, agents[0]);
  CHECK(back["deactivated"] == false);
  CHECK_FALSE(back.contains("drain_info"));
}

TEST_CASE("an agent marked gone, or drained with mark_gone, leaves the cluster with its tasks",
          "[local][server][operator]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  std::vector<std::string> agents = private_agents(cli);
  create_app(cli, small_app("/survivor", "sleep 300", 4));
  json before = wait_running(cli, "/survivor", 4);
  std::set<std::string> on_gone;
  for (const json& t : before)
    if (t["slaveId"] == agents[0]) on_gone.insert(t["id"].get<std::string>());
  REQUIRE_FALSE(on_gone.empty());

  ok(cli, agent_call("MARK_AGENT_GONE", agents[0]));
  CHECK(v1_agent(cli, agents[0]).is_null());
  CHECK(state_slave(cli, agents[0]).is_null());
  CHECK(get_json(cli, "/mesos/master/slaves?slave_id=" + agents[0])["slaves"].empty());
  auto res = cli.Get("/agent/" + agents[0] + "/state");
  REQUIRE(res);
  CHECK(res->status == 404);
  // Marking it gone again is fine, as in Mesos.
  ok(cli, agent_call("MARK_AGENT_GONE", agents[0]));
  json after = wait_running(cli, "/survivor", 4);
  CHECK(agents_of(after) == std::set<std::string>{agents[1]});
  REQUIRE(eventually([&] {
    size_t gone = 0;
    for (const json& t : json(get_json(cli, "/mesos/master/tasks?limit=1000")["tasks"]))
      if (on_gone.count(t["id"].get<std::string>()) && t["state"] == "TASK_GONE_BY_OPERATOR")
        ++gone;
    return gone == on_gone.size();
  }));
  for (const std::string& id : on_gone) CHECK(task_pids(id).empty());

  // A drain with mark_gone goes from DRAINING straight to gone, as in Mesos.
  std::string public_agent;
  for (const json& s : json(get_json(cli, "/mesos/master/state")["slaves"]))
    if (!s["attributes"].empty()) public_agent = s["id"];
  ok(cli, agent_call("DRAIN_AGENT", public_agent, {{"mark_gone", true}}));
  REQUIRE(eventually([&] { return v1_agent(cli, public_agent).is_null(); }));
  CHECK(get_json(cli, "/mesos/master/state")["slaves"].size() == 1);
}

TEST_CASE("operator calls on unknown agents and frameworks answer as Mesos does",
          "[local][server][operator]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  struct Case {
    std::string type;
    int status;
    std::string body;
  };
  for (const Case& c : {Case{"MARK_AGENT_GONE", 404, "Agent 'nope-S9' not found"},
                        Case{"DEACTIVATE_AGENT", 400, "Unknown agent"},
                        Case{"REACTIVATE_AGENT", 400, "Agent is not deactivated"},
                        Case{"DRAIN_AGENT", 400, "Unknown agent"}}) {
    auto res = call(cli, agent_call(c.type, "nope-S9"));
    REQUIRE(res);
    INFO(c.type);
    CHECK(res->status == c.status);
    CHECK(res->body == c.body);
  }
  auto res = call(cli, {{"type", "DRAIN_AGENT"}, {"drain_agent", json::object()}});
  REQUIRE(res);
  CHECK(res->status == 400);

  res = call(cli, {{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", "nope"}}}}}});
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(res->body == "No framework found with specified ID");
  std::string fw = get_json(cli, "/mesos/master/state")["frameworks"][0]["id"];
  res = call(cli, {{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", fw}}}}}});
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(get_json(cli, "/mesos/master/state")["frameworks"][0]["active"] == true);

  // GET_STATE holds the four lists the other GET_* calls answer.
  res = call(cli, {{"type", "GET_STATE"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  json state = json::parse(res->body);
  CHECK(state["type"] == "GET_STATE");
  CHECK(state["get_state"]["get_agents"]["agents"].size() == 3);
  CHECK(state["get_state"]["get_frameworks"]["frameworks"].size() == 1);
  CHECK(state["get_state"]["get_tasks"].contains("completed_tasks"));
  CHECK(state["get_state"]["get_executors"].contains("executors"));
}
