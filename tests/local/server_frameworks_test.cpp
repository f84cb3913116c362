// Mesos frameworks other than Marathon in dcos-local, through the v1 scheduler HTTP API: a test
// framework subscribes, takes an offer, runs a shell task as a real process, sees its updates,
// kills it, disconnects and comes back, and is torn down; the master's views list it all.
#include "test_framework.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

json info(const std::string& name, const std::string& id = "") {
  json i = {{"user", ""},
            {"name", name},
            {"failover_timeout", 3600},
            {"principal", name + "-principal"},
            {"role", "*"}};
  if (!id.empty()) i["id"] = {{"value", id}};
  return i;
}

// Accepts the first offer with a shell task; returns the agent id it went to.
std::string launch(TestFramework& fw, const std::string& task_id, const std::string& name,
                   const std::string& command, int port) {
  json offers = fw.wait_type("OFFERS");
  REQUIRE_FALSE(offers.is_null());
  json offer = offers["offers"]["offers"][0];
  std::string agent = offer["agent_id"]["value"];
  json task = {
      {"name", name},
      {"task_id", {{"value", task_id}}},
      {"agent_id", {{"value", agent}}},
      {"resources", json::array({scalar("cpus", 0.1), scalar("mem", 32), port_range(port, port)})},
      {"command",
       {{"shell", true},
        {"value", command},
        {"environment", {{"variables", json::array({{{"name", "GREETING"}, {"value", "hi"}}})}}}}}};
  auto res = fw.call(
      "ACCEPT",
      {{"offer_ids", json::array({offer["id"]})},
       {"operations",
        json::array({{{"type", "LAUNCH"}, {"launch", {{"task_infos", json::array({task})}}}}})},
       {"filters", {{"refuse_seconds", 1}}}});
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 202);
  return agent;
}

json framework_in(const json& list, const std::string& id) {
  for (const json& f : list)
    if (f["id"] == id) return f;
  return json();
}

}  // namespace

TEST_CASE("a framework subscribes, runs a shell task, kills it and tears itself down",
          "[frameworks]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  TestFramework fw(cluster, info("test.frame"));
  REQUIRE(fw.status() == 200);
  REQUIRE_FALSE(fw.stream_id().empty());
  json subscribed = fw.wait_type("SUBSCRIBED");
  REQUIRE(subscribed["subscribed"]["heartbeat_interval_seconds"] == 15);
  CHECK_FALSE(fw.wait_type("HEARTBEAT").is_null());
  std::string id = fw.framework_id();

  // Offers: an agent's free resources, with the fixed ports 7000-10000 besides its own range.
  json offers = fw.wait_type("OFFERS");
  REQUIRE_FALSE(offers.is_null());
  json first = offers["offers"]["offers"][0];
  CHECK(first["framework_id"]["value"] == id);
  bool fixed_ports = false;
  for (const json& r : first["resources"])
    if (r["name"] == "ports")
      for (const json& range : r["ranges"]["range"])
        fixed_ports = fixed_ports || (range["begin"] <= 9042 && range["end"] >= 9042);
  CHECK(fixed_ports);

  std::string agent = launch(fw, "hello-1", "hello.world", "echo $GREETING; sleep 1000", 9042);
  json running = fw.wait_update("hello-1", "TASK_RUNNING");
  REQUIRE_FALSE(running.is_null());
  CHECK_FALSE(running["update"]["status"]["uuid"].get<std::string>().empty());
  CHECK(running["update"]["status"]["agent_id"]["value"] == agent);
  auto ack = fw.call("ACKNOWLEDGE", {{"agent_id", {{"value", agent}}},
                                     {"task_id", {{"value", "hello-1"}}},
                                     {"uuid", running["update"]["status"]["uuid"]}});
  REQUIRE(ack);
  CHECK(ack->status == 202);

  // A real process with the environment of contract B.
  std::vector<pid_t> pids;
  REQUIRE(eventually([&] { return !(pids = task_pids("hello-1")).empty(); }));
  CHECK(env_of(pids[0], "MESOS_FRAMEWORK_ID") == id);
  CHECK(env_of(pids[0], "DCOS_LOCAL_MASTER") == cluster.url());
  CHECK(env_of(pids[0], "DCOS_LOCAL_TIME_SCALE") == "1.0");
  CHECK_FALSE(env_of(pids[0], "DCOS_LOCAL_STATE").empty());

  // The master lists the task under the framework, by its name.
  json state = get_json(cli, "/mesos/master/state");
  json listed = framework_in(state["frameworks"], id);
  REQUIRE_FALSE(listed.is_null());
  CHECK(listed["name"] == "test.frame");
  CHECK(listed["active"] == true);
  REQUIRE(listed["tasks"].size() == 1);
  CHECK(listed["tasks"][0]["id"] == "hello-1");
  CHECK(listed["tasks"][0]["name"] == "hello.world");
  CHECK(listed["tasks"][0]["framework_id"] == id);
  CHECK(listed["tasks"][0]["state"] == "TASK_RUNNING");
  CHECK(listed["tasks"][0]["resources"]["ports"] == "[9042-9042]");
  CHECK(state["frameworks"][0]["name"] == "marathon");
  CHECK(state["frameworks"][0]["tasks"].empty());  // Marathon's own list stays its own

  // Mesos-DNS: <task name, dots as dashes>.<framework name>.mesos
  json dns = get_json(cli, "/mesos_dns/v1/hosts/hello-world.test.frame.mesos");
  std::string agent_ip;
  for (const json& s : state["slaves"])
    if (s["id"] == agent) agent_ip = s["hostname"];
  CHECK(dns[0]["ip"] == agent_ip);

  // The operator API and the agent's sandbox see it too.
  auto v1 = post_json(cli, "/mesos/api/v1", {{"type", "GET_FRAMEWORKS"}});
  REQUIRE(v1);
  bool in_v1 = false;
  json v1_body = body_json(v1);
  for (const json& f : v1_body["get_frameworks"]["frameworks"])
    in_v1 = in_v1 || f["framework_info"]["id"]["value"] == id;
  CHECK(in_v1);
  json agent_state = get_json(cli, "/agent/" + agent + "/state");
  json agent_fw = framework_in(agent_state["frameworks"], id);
  REQUIRE(agent_fw["executors"].size() == 1);
  std::string sandbox = agent_fw["executors"][0]["directory"];
  REQUIRE(eventually([&] {
    json read = get_json(cli, "/agent/" + agent + "/files/read?path=" + sandbox + "/stdout");
    return read["data"] == "hi\n";
  }));

  // KILL: the process ends and the framework hears TASK_KILLED.
  size_t before = fw.event_count();
  auto kill = fw.call("KILL", {{"task_id", {{"value", "hello-1"}}}});
  REQUIRE(kill);
  CHECK(kill->status == 202);
  REQUIRE_FALSE(fw.wait_update("hello-1", "TASK_KILLED", before).is_null());
  REQUIRE(eventually([&] { return task_pids("hello-1").empty(); }));

  // TEARDOWN: the framework is completed and its stream ends.
  auto teardown = fw.call("TEARDOWN");
  REQUIRE(teardown);
  CHECK(teardown->status == 202);
  REQUIRE(fw.wait_ended());
  json frameworks = get_json(cli, "/mesos/master/frameworks");
  CHECK(framework_in(frameworks["frameworks"], id).is_null());
  json done = framework_in(frameworks["completed_frameworks"], id);
  REQUIRE_FALSE(done.is_null());
  CHECK(done["active"] == false);
  REQUIRE(done["completed_tasks"].size() == 1);
  CHECK(done["completed_tasks"][0]["state"] == "TASK_KILLED");
}

TEST_CASE("a framework that disconnects goes inactive, comes back and is torn down by the operator",
          "[frameworks]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  std::string id;
  {
    TestFramework fw(cluster, info("comeback"));
    id = fw.framework_id();
    REQUIRE_FALSE(id.empty());
    launch(fw, "stay-1", "stay", "sleep 1000", 7000);
    REQUIRE_FALSE(fw.wait_update("stay-1", "TASK_RUNNING").is_null());
  }  // the connection closes here

  REQUIRE(eventually([&] {
    json f = framework_in(get_json(cli, "/mesos/master/frameworks")["frameworks"], id);
    return f["active"] == false && f["connected"] == false;
  }));
  CHECK_FALSE(task_pids("stay-1").empty());  // its tasks keep running

  TestFramework again(cluster, info("comeback", id));
  REQUIRE(again.framework_id() == id);
  json f = framework_in(get_json(cli, "/mesos/master/frameworks")["frameworks"], id);
  CHECK(f["active"] == true);
  CHECK(f["tasks"].size() == 1);
  auto reconcile = again.call("RECONCILE", {{"tasks", json::array()}});
  REQUIRE(reconcile);
  CHECK(reconcile->status == 202);
  json update = again.wait_update("stay-1", "TASK_RUNNING");
  REQUIRE_FALSE(update.is_null());
  CHECK(update["update"]["status"]["reason"] == "REASON_RECONCILIATION");
  // Asking for a task it never had: TASK_LOST.
  auto unknown =
      again.call("RECONCILE", {{"tasks", json::array({{{"task_id", {{"value", "nope"}}}}})}});
  REQUIRE(unknown);
  REQUIRE_FALSE(again.wait_update("nope", "TASK_LOST").is_null());

  // `dcos service shutdown` sends the operator's TEARDOWN: tasks killed, framework completed.
  auto res = post_json(cli, "/mesos/api/v1",
                       {{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", id}}}}}});
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(again.wait_ended());
  REQUIRE(eventually([&] { return task_pids("stay-1").empty(); }));
  REQUIRE(eventually([&] {
    json state = get_json(cli, "/mesos/master/state");
    json done = framework_in(state["completed_frameworks"], id);
    return !done.is_null() && done["completed_tasks"].size() == 1 &&
           done["completed_tasks"][0]["state"] == "TASK_KILLED";
  }));
  // A removed framework cannot subscribe again.
  TestFramework removed(cluster, info("comeback", id));
  CHECK(removed.status() == 403);
}

TEST_CASE("a declined agent comes back on REVIVE", "[frameworks]") {
  LocalCluster cluster;
  TestFramework fw(cluster, info("decliner"));
  json offers = fw.wait_type("OFFERS");
  REQUIRE_FALSE(offers.is_null());
  json ids = json::array();
  for (const json& o : offers["offers"]["offers"]) ids.push_back(o["id"]);
  auto decline = fw.call("DECLINE", {{"offer_ids", ids}, {"filters", {{"refuse_seconds", 3600}}}});
  REQUIRE(decline);
  CHECK(decline->status == 202);
  size_t before = fw.event_count();
  auto revive = fw.call("REVIVE");
  REQUIRE(revive);
  CHECK(revive->status == 202);
  json again = fw.wait_type("OFFERS", before);
  REQUIRE_FALSE(again.is_null());
  CHECK(again["offers"]["offers"].size() == offers["offers"]["offers"].size());
}

TEST_CASE("scheduler calls are refused as Mesos refuses them", "[frameworks]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  const std::string path = "/mesos/api/v1/scheduler";
  auto bad = cli.Post(path, "{not json", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  auto unknown = post_json(cli, path, {{"type", "REVIVE"}, {"framework_id", {{"value", "x"}}}});
  REQUIRE(unknown);
  CHECK(unknown->status == 400);
  CHECK(unknown->body == "Framework cannot be found");

  TestFramework fw(cluster, info("strict"));
  std::string id = fw.framework_id();
  auto no_stream = post_json(cli, path, {{"type", "REVIVE"}, {"framework_id", {{"value", id}}}});
  REQUIRE(no_stream);
  CHECK(no_stream->status == 400);
  httplib::Headers wrong = {{"Mesos-Stream-Id", "not-the-stream"}};
  json revive = {{"type", "REVIVE"}, {"framework_id", {{"value", id}}}};
  auto mismatch = cli.Post(path, wrong, revive.dump(), "application/json");
  REQUIRE(mismatch);
  CHECK(mismatch->status == 400);
  auto text = cli.Post(path, revive.dump(), "text/plain");
  REQUIRE(text);
  CHECK(text->status == 415);
  // Marathon is still the cluster's own: the operator cannot tear it down.
  std::string marathon_id = get_json(cli, "/mesos/master/state")["frameworks"][0]["id"];
  auto refused =
      post_json(cli, "/mesos/api/v1",
                {{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", marathon_id}}}}}});
  REQUIRE(refused);
  CHECK(refused->status == 403);
}

TEST_CASE("a framework whose failover timeout passes is removed with its tasks", "[frameworks]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json no_failover = info("brief");
  no_failover["failover_timeout"] = 0;
  std::string id;
  {
    TestFramework fw(cluster, no_failover);
    id = fw.framework_id();
    launch(fw, "brief-1", "brief", "sleep 1000", 7001);
    REQUIRE_FALSE(fw.wait_update("brief-1", "TASK_RUNNING").is_null());
  }
  REQUIRE(eventually([&] {
    json state = get_json(cli, "/mesos/master/state");
    json done = framework_in(state["completed_frameworks"], id);
    return framework_in(state["frameworks"], id).is_null() && !done.is_null() &&
           done["completed_tasks"].size() == 1;
  }));
  REQUIRE(eventually([&] { return task_pids("brief-1").empty(); }));
}
