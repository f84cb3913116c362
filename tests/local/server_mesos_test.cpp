// The Mesos side of the real dcos-local binary, over HTTP: master state and its variants, the
// v1 operator API, Mesos-DNS, agent state, the files API and the dcos-log v2 task logs.
#include <fstream>
#include <set>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

json small_app(const std::string& id, const std::string& cmd, int instances = 1) {
  return {{"id", id}, {"cmd", cmd}, {"instances", instances}, {"cpus", 0.05}, {"mem", 16}};
}

json v1_call(httplib::Client& cli, const std::string& type) {
  auto res = cli.Post("/mesos/api/v1", json{{"type", type}}.dump(), "application/json");
  REQUIRE(res);
  INFO(res->body.substr(0, 2000));
  REQUIRE(res->status == 200);
  json j = body_json(res);
  REQUIRE(j.is_object());
  CHECK(j["type"] == type);
  return j;
}

// Mesos task ids in a list of Mesos task objects.
std::set<std::string> ids_of(const json& tasks) {
  std::set<std::string> out;
  for (const json& t : tasks) out.insert(t["id"].get<std::string>());
  return out;
}

// The executor of a task in an agent's state (running or completed).
json executor_of(const json& state, const std::string& task_id) {
  for (const json& fw : state["frameworks"])
    for (const char* key : {"executors", "completed_executors"})
      for (const json& ex : fw[key])
        if (ex["id"] == task_id) return ex;
  return json();
}

}  // namespace

TEST_CASE("the Mesos master describes three agents, one public, and the Marathon framework",
          "[local][server][mesos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  json state = get_json(cli, "/mesos/master/state");
  CHECK(state["leader"] == state["pid"]);
  CHECK(state["activated_slaves"] == 3);
  REQUIRE(state["slaves"].size() == 3);
  std::set<std::string> agent_ids, hostnames;
  int public_agents = 0;
  for (const json& s : state["slaves"]) {
    agent_ids.insert(s["id"].get<std::string>());
    hostnames.insert(s["hostname"].get<std::string>());
    CHECK(s["pid"] == "slave(1)@" + s["hostname"].get<std::string>() + ":5051");
    CHECK(s["resources"]["cpus"] > 0);
    CHECK(s["resources"]["ports"].is_string());
    if (s["attributes"] == json{{"public_ip", "true"}}) ++public_agents;
  }
  CHECK(agent_ids.size() == 3);
  CHECK(hostnames.size() == 3);
  CHECK(public_agents == 1);
  REQUIRE(state["frameworks"].size() == 1);
  const json& marathon_fw = state["frameworks"][0];
  CHECK(marathon_fw["name"] == "marathon");
  CHECK(marathon_fw["active"] == true);
  CHECK(marathon_fw["tasks"] == json::array());
  CHECK(marathon_fw["completed_tasks"] == json::array());
  // The same endpoint without /master, as Mesos also serves it.
  CHECK(get_json(cli, "/mesos/state")["id"] == state["id"]);

  json summary = get_json(cli, "/mesos/master/state-summary");
  REQUIRE(summary["slaves"].size() == 3);
  CHECK(summary["slaves"][0]["TASK_RUNNING"] == 0);
  CHECK(summary["slaves"][0]["framework_ids"] == json::array({marathon_fw["id"]}));
  REQUIRE(summary["frameworks"].size() == 1);
  CHECK(summary["frameworks"][0]["slave_ids"].size() == 3);
  CHECK(summary["frameworks"][0]["TASK_FAILED"] == 0);

  json slaves = get_json(cli, "/mesos/master/slaves");
  CHECK(slaves["slaves"].size() == 3);
  CHECK(slaves["recovered_slaves"] == json::array());
  std::string one = *agent_ids.begin();
  json only = get_json(cli, "/mesos/master/slaves?slave_id=" + one)["slaves"];
  REQUIRE(only.size() == 1);
  CHECK(only[0]["id"] == one);

  json frameworks = get_json(cli, "/mesos/master/frameworks");
  REQUIRE(frameworks["frameworks"].size() == 1);
  CHECK(frameworks["frameworks"][0]["id"] == marathon_fw["id"]);
  CHECK(frameworks["completed_frameworks"] == json::array());
  CHECK(get_json(cli, "/mesos/master/frameworks?framework_id=nope")["frameworks"].empty());

  CHECK(get_json(cli, "/mesos_dns/v1/hosts/leader.mesos") ==
        json::array({{{"host", "leader.mesos."}, {"ip", "127.0.0.1"}}}));

  json agents = v1_call(cli, "GET_AGENTS")["get_agents"]["agents"];
  REQUIRE(agents.size() == 3);
  int public_v1 = 0;
  for (const json& a : agents) {
    CHECK(agent_ids.count(a["agent_info"]["id"]["value"].get<std::string>()));
    CHECK(a["agent_info"]["resources"].is_array());
    for (const json& attr : a["agent_info"].value("attributes", json::array()))
      if (attr["name"] == "public_ip" && attr["text"]["value"] == "true") ++public_v1;
  }
  CHECK(public_v1 == 1);
  json fws = v1_call(cli, "GET_FRAMEWORKS")["get_frameworks"]["frameworks"];
  REQUIRE(fws.size() == 1);
  CHECK(fws[0]["framework_info"]["name"] == "marathon");
  CHECK(fws[0]["framework_info"]["id"]["value"] == marathon_fw["id"]);

  auto res = cli.Post("/mesos/api/v1", "not json", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = cli.Post("/mesos/api/v1", R"({"type":"NO_SUCH_CALL"})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 501);
}

TEST_CASE("Mesos lists running and completed tasks, pages them and serves GET_TASKS",
          "[local][server][mesos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/runner", "sleep 300", 3));
  json running = wait_running(cli, "/runner", 3);
  json once = small_app("/once", "exit 0");
  once["backoffSeconds"] = 600;
  auto res = post_json(cli, marathon("/v2/apps"), once);
  REQUIRE(res);
  REQUIRE(res->status == 201);
  json crash = small_app("/crash", "exit 7");
  crash["backoffSeconds"] = 600;
  res = post_json(cli, marathon("/v2/apps"), crash);
  REQUIRE(res);
  REQUIRE(res->status == 201);

  // The finished and the failed task stay listed as completed.
  json completed;
  REQUIRE(eventually([&] {
    completed = get_json(cli, "/mesos/master/state")["frameworks"][0]["completed_tasks"];
    return completed.size() >= 2;
  }));
  std::map<std::string, std::string> state_of_app;
  for (const json& t : completed) state_of_app[t["name"].get<std::string>()] = t["state"];
  CHECK(state_of_app["once"] == "TASK_FINISHED");
  CHECK(state_of_app["crash"] == "TASK_FAILED");

  // A killed task joins them.
  std::string victim = running[0]["id"];
  res = cli.Delete(marathon("/v2/apps/runner/tasks/" + victim));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  json state;
  REQUIRE(eventually([&] {
    state = get_json(cli, "/mesos/master/state");
    for (const json& t : state["frameworks"][0]["completed_tasks"])
      if (t["id"] == victim) return t["state"] == "TASK_KILLED";
    return false;
  }));
  wait_running(cli, "/runner", 3);
  state = get_json(cli, "/mesos/master/state");
  const json& fw = state["frameworks"][0];
  CHECK(fw["tasks"].size() == 3);
  for (const json& t : fw["tasks"]) {
    CHECK(t["state"] == "TASK_RUNNING");
    CHECK(t["framework_id"] == fw["id"]);
    CHECK(t["name"] == "runner");
    CHECK(t["executor_id"] == "");
    CHECK(t["statuses"][0]["container_status"]["container_id"]["value"].is_string());
  }
  json summary = get_json(cli, "/mesos/master/state-summary")["frameworks"][0];
  CHECK(summary["TASK_RUNNING"] == 3);
  CHECK(summary["TASK_KILLED"] == 1);
  CHECK(summary["TASK_FINISHED"] == 1);
  CHECK(summary["TASK_FAILED"] == 1);

  // /tasks: everything by default, newest first; limit, offset and order page through it.
  json all = get_json(cli, "/mesos/master/tasks")["tasks"];
  CHECK(all.size() == 6);
  auto staged = [](const json& t) { return t["statuses"][0]["timestamp"].get<double>(); };
  for (size_t i = 1; i < all.size(); ++i) CHECK(staged(all[i - 1]) >= staged(all[i]));
  json asc = get_json(cli, "/mesos/master/tasks?order=asc")["tasks"];
  REQUIRE(asc.size() == 6);
  for (size_t i = 1; i < asc.size(); ++i) CHECK(staged(asc[i - 1]) <= staged(asc[i]));
  CHECK(ids_of(asc) == ids_of(all));
  json first_two = get_json(cli, "/mesos/master/tasks?limit=2")["tasks"];
  json rest = get_json(cli, "/mesos/master/tasks?offset=2&limit=10")["tasks"];
  CHECK(first_two.size() == 2);
  CHECK(rest.size() == 4);
  std::set<std::string> joined = ids_of(first_two), tail = ids_of(rest);
  joined.insert(tail.begin(), tail.end());
  CHECK(joined == ids_of(all));
  CHECK(get_json(cli, "/mesos/master/tasks?task_id=" + victim)["tasks"][0]["state"] ==
        "TASK_KILLED");
  auto bad = cli.Get("/mesos/master/tasks?limit=-3");
  REQUIRE(bad);
  CHECK(bad->status == 400);

  json v1 = v1_call(cli, "GET_TASKS")["get_tasks"];
  CHECK(v1["tasks"].size() == 3);
  CHECK(v1["completed_tasks"].size() == 3);
  std::set<std::string> completed_states;
  for (const json& t : v1["completed_tasks"]) completed_states.insert(t["state"]);
  CHECK(completed_states == std::set<std::string>{"TASK_FAILED", "TASK_FINISHED", "TASK_KILLED"});
  for (const json& t : v1["tasks"]) {
    CHECK(t["task_id"]["value"].is_string());
    CHECK(t["agent_id"]["value"].is_string());
    CHECK(t["state"] == "TASK_RUNNING");
  }
}

TEST_CASE("the agent state and files API expose a task's real sandbox", "[local][server][mesos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/files", "printf 'line1\\nline2\\n'; sleep 300"));
  json task = wait_running(cli, "/files", 1)[0];
  std::string agent = task["slaveId"], task_id = task["id"];

  json state = get_json(cli, "/agent/" + agent + "/slave(1)/state");
  CHECK(state["id"] == agent);
  json executor = executor_of(state, task_id);
  REQUIRE(executor.is_object());
  CHECK(executor["tasks"][0]["id"] == task_id);
  std::string dir = executor["directory"];
  CHECK(dir.find("/executors/" + task_id + "/runs/" + executor["container"].get<std::string>()) !=
        std::string::npos);
  CHECK(get_json(cli, "/slave/" + agent + "/state")["id"] == agent);
  CHECK(get_json(cli, "/agent/" + agent + "/state")["frameworks"][0]["executors"].size() == 1);

  // files/debug maps the sandbox under its real path and the virtual "latest" run.
  json debug = get_json(cli, "/agent/" + agent + "/files/debug");
  std::string fw = state["frameworks"][0]["id"];
  CHECK(debug.value(dir, "") == dir);
  CHECK(debug.value("/frameworks/" + fw + "/executors/" + task_id + "/runs/latest", "") == dir);

  std::string read = "/agent/" + agent + "/files/read?path=" + dir + "/stdout";
  REQUIRE(eventually([&] { return get_json(cli, read + "&offset=-1")["offset"] == 12; }));
  CHECK(get_json(cli, read + "&offset=-1") == json{{"data", ""}, {"offset", 12}});
  CHECK(get_json(cli, read + "&offset=0") == json{{"data", "line1\nline2\n"}, {"offset", 0}});
  CHECK(get_json(cli, read + "&offset=6&length=5") == json{{"data", "line2"}, {"offset", 6}});
  CHECK(get_json(cli, read + "&offset=12")["data"] == "");
  // The virtual path reaches the same file.
  CHECK(get_json(cli, "/agent/" + agent + "/files/read?path=/frameworks/" + fw + "/executors/" +
                          task_id + "/runs/latest/stdout&offset=0")["data"] == "line1\nline2\n");

  json listing = get_json(cli, "/agent/" + agent + "/files/browse?path=" + dir);
  std::map<std::string, json> entries;
  for (const json& e : listing) entries[e["path"].get<std::string>()] = e;
  REQUIRE(entries.count(dir + "/stdout"));
  CHECK(entries.count(dir + "/stderr"));
  CHECK(entries[dir + "/stdout"]["size"] == 12);
  CHECK(entries[dir + "/stdout"]["mode"] == "-rw-r--r--");

  auto res = cli.Get("/agent/" + agent + "/files/download?path=" + dir + "/stdout");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "line1\nline2\n");
  CHECK(res->get_header_value("Content-Disposition") == "attachment; filename=stdout");

  for (const std::string& path : {"/agent/" + agent + "/files/read?path=" + dir + "/missing",
                                  "/agent/" + agent + "/files/browse?path=/not/attached",
                                  "/agent/" + agent + "/files/read?offset=0&path=" + dir +
                                      "/../../../../../../../etc/hostname",
                                  "/agent/" + agent + "/files/browse?path=" + dir + "/..",
                                  std::string("/agent/no-such-agent/state")}) {
    res = cli.Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 404);
  }
  res = cli.Get("/agent/" + agent + "/files/read?offset=0");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = cli.Get("/agent/" + agent + "/files/download?path=" + dir);
  REQUIRE(res);
  CHECK(res->status == 400);
}

TEST_CASE("task logs redirect to the agent, tail as text and follow as server-sent events",
          "[local][server][mesos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/logs", "printf 'one\\ntwo\\nthree\\n'; sleep 300"));
  json task = wait_running(cli, "/logs", 1)[0];
  std::string task_id = task["id"], agent = task["slaveId"];
  std::string path = "/system/v1/logs/v2/task/" + task_id + "/file/stdout";

  auto res = cli.Get(path + "?cursor=END&skip=-1");
  REQUIRE(res);
  REQUIRE(res->status == 303);
  std::string location = res->get_header_value("Location");
  CHECK(location.rfind("/system/v1/agent/" + agent + "/logs/v2/task/frameworks/", 0) == 0);
  CHECK(location.find("/executors/" + task_id + "/runs/") != std::string::npos);
  CHECK(location.find("/stdout?") != std::string::npos);
  CHECK(location.find("cursor=END") != std::string::npos);
  CHECK(location.find("skip=-1") != std::string::npos);

  httplib::Client follow = client_for(cluster);
  follow.set_follow_location(true);
  std::string body;
  REQUIRE(eventually([&] {
    auto r = follow.Get(path + "?cursor=END&skip=-1", {{"Accept", "text/plain"}});
    REQUIRE(r);
    body = r->body;
    return r->status == 200 && body == "three\n";
  }));
  auto r = follow.Get(path + "?cursor=BEG", {{"Accept", "text/plain"}});
  REQUIRE(r);
  CHECK(r->body == "one\ntwo\nthree\n");
  r = follow.Get("/system/v1/logs/v2/task/" + task_id + "?cursor=END&skip=-2");
  REQUIRE(r);
  CHECK(r->body == "two\nthree\n");
  r = follow.Get(path + "?cursor=END&skip=-1&limit=1", {{"Accept", "text/plain"}});
  REQUIRE(r);
  CHECK(r->body == "three\n");
  r = cli.Get("/system/v1/logs/v2/task/no.such.task/file/stdout");
  REQUIRE(r);
  CHECK(r->status == 500);
  r = follow.Get("/system/v1/logs/v2/task/" + task_id + "/file/nothing-here");
  REQUIRE(r);
  CHECK(r->status == 204);
  r = follow.Get(path + "?cursor=sideways");
  REQUIRE(r);
  CHECK(r->status == 400);

  // A finished task's log stays readable.
  json once = small_app("/logs-once", "echo finished; echo oops >&2");
  once["backoffSeconds"] = 600;
  REQUIRE(post_json(cli, marathon("/v2/apps"), once)->status == 201);
  std::string finished;
  REQUIRE(eventually([&] {
    json tasks = get_json(cli, "/mesos/master/tasks")["tasks"];
    for (const json& t : tasks)
      if (t["name"] == "logs-once" && t["state"] == "TASK_FINISHED") finished = t["id"];
    return !finished.empty();
  }));
  r = follow.Get("/system/v1/logs/v2/task/" + finished + "/file/stdout",
                 {{"Accept", "text/plain"}});
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "finished\n");
  r = follow.Get("/system/v1/logs/v2/task/" + finished + "/file/stderr",
                 {{"Accept", "text/plain"}});
  REQUIRE(r);
  CHECK(r->body == "oops\n");

  // Follow from the end; a line written afterwards arrives as an event.
  StreamReader stream(cluster.host(), cluster.port(),
                      location.substr(0, location.find('?')) + "?cursor=END",
                      {{"Accept", "text/event-stream"}});
  REQUIRE(stream.status() == 200);
  CHECK(stream.content_type().find("text/event-stream") == 0);
  std::string sandbox =
      executor_of(get_json(cli, "/agent/" + agent + "/state"), task_id)["directory"];
  REQUIRE_FALSE(sandbox.empty());
  {
    std::ofstream out(sandbox + "/stdout", std::ios::app);
    out << "written later\n";
  }
  bool got = stream.wait_contains("written later", 5s);
  INFO(stream.text());
  REQUIRE(got);
  std::string text = stream.text();
  CHECK(text.find("three") == std::string::npos);
  size_t data = text.find("data: ");
  REQUIRE(data != std::string::npos);
  size_t end = text.find('\n', data);
  json event = json::parse(text.substr(data + 6, end - data - 6), nullptr, false);
  REQUIRE(event.is_object());
  CHECK(event["fields"]["MESSAGE"] == "written later");
  CHECK(event["fields"]["AGENT_ID"] == agent);
  CHECK(event["fields"]["FILE"] == "stdout");
  CHECK(text.rfind("id: " + std::to_string(14 + 14), 0) == 0);
}
