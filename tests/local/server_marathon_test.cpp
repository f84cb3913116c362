// The Marathon v2 API of the real dcos-local binary, over HTTP: real task processes, validation
// bodies, deployments and their locks, events, 404 bodies and the smaller endpoints.
#include <algorithm>
#include <set>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

std::set<std::string> ids_of(const json& tasks) {
  std::set<std::string> out;
  for (const json& t : tasks) out.insert(t["id"].get<std::string>());
  return out;
}

json small_app(const std::string& id, const std::string& cmd, int instances = 1) {
  return {{"id", id}, {"cmd", cmd}, {"instances", instances}, {"cpus", 0.05}, {"mem", 16}};
}

// The sandbox of a task from its agent's state: the executor whose id is the task id.
std::string sandbox_of(httplib::Client& cli, const json& task) {
  json state = get_json(cli, "/agent/" + task["slaveId"].get<std::string>() + "/state");
  for (const json& fw : state["frameworks"])
    for (const json& ex : fw["executors"])
      if (ex["id"] == task["id"]) return ex["directory"];
  return "";
}

}  // namespace

TEST_CASE("an app runs real processes whose output, kills and removal behave as in DC/OS",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  auto res =
      post_json(cli, marathon("/v2/apps"), small_app("/it/hello", "echo hello; sleep 300", 2));
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 201);
  json created = body_json(res);
  CHECK(created["id"] == "/it/hello");
  CHECK(created["instances"] == 2);
  CHECK(res->get_header_value("Location") == "/it/hello");
  std::string deployment = res->get_header_value("Marathon-Deployment-Id");
  REQUIRE(created["deployments"] == json::array({{{"id", deployment}}}));

  json tasks = wait_running(cli, "/it/hello", 2);
  wait_deployment_gone(cli, deployment);
  for (const json& t : tasks) {
    std::string id = t["id"];
    CHECK(id.rfind("it_hello.instance-", 0) == 0);
    CHECK(t["appId"] == "/it/hello");
    // A real process per task carries the task id in its environment.
    std::vector<pid_t> pids = task_pids(id);
    INFO(id);
    REQUIRE_FALSE(pids.empty());
    bool sleeping = std::any_of(pids.begin(), pids.end(), [](pid_t p) {
      return cmdline_of(p).find("sleep 300") != std::string::npos;
    });
    CHECK(sleeping);
  }
  // Two instances land on the two private agents, one each.
  CHECK(tasks[0]["slaveId"] != tasks[1]["slaveId"]);
  CHECK(tasks[0]["host"] != tasks[1]["host"]);

  // Its stdout, read through the agent's files API, says hello.
  const json& first = tasks[0];
  std::string agent = first["slaveId"], sandbox = sandbox_of(cli, first);
  REQUIRE_FALSE(sandbox.empty());
  json debug = get_json(cli, "/agent/" + agent + "/files/debug");
  CHECK(debug.value(sandbox, "") == sandbox);
  std::string data;
  REQUIRE(eventually([&] {
    data = get_json(cli, "/agent/" + agent + "/files/read?path=" + sandbox + "/stdout&offset=0")
               .value("data", "");
    return !data.empty();
  }));
  CHECK(data == "hello\n");

  // Killing one task ends its process and Marathon launches a replacement.
  std::string victim = first["id"];
  res = cli.Delete(marathon("/v2/apps/it/hello/tasks/" + victim));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(body_json(res)["task"]["id"] == victim);
  json after;
  REQUIRE(eventually([&] {
    after = app_tasks(cli, "/it/hello");
    int running = 0;
    for (const json& t : after)
      if (t["state"] == "TASK_RUNNING" && t["id"] != victim) ++running;
    return running == 2 && after.size() == 2;
  }));
  std::set<std::string> after_ids = ids_of(after);
  CHECK_FALSE(after_ids.count(victim));
  CHECK(after_ids.count(tasks[1]["id"].get<std::string>()));
  CHECK(eventually([&] { return task_pids(victim).empty(); }, 5s));

  // Removing the app leaves no process behind.
  res = cli.Delete(marathon("/v2/apps/it/hello"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  json removal = body_json(res);
  CHECK(removal["deploymentId"] == res->get_header_value("Marathon-Deployment-Id"));
  wait_deployment_gone(cli, removal["deploymentId"]);
  for (const std::string& id : after_ids) {
    INFO(id);
    CHECK(eventually([&] { return task_pids(id).empty(); }, 5s));
  }
  CHECK(get_json(cli, marathon("/v2/apps/it/hello"), 404)["message"] ==
        "App '/it/hello' does not exist");
}

TEST_CASE("invalid app definitions get Marathon's 422 bodies", "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  auto reject = [&](const json& body, int status = 422) {
    auto res = post_json(cli, marathon("/v2/apps"), body);
    INFO(body.dump());
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    json j = body_json(res);
    REQUIRE(j.is_object());
    return j;
  };

  // Type and format errors from the body reader.
  CHECK(reject({{"id", "/Bad_Id"}, {"cmd", "sleep 1"}}) ==
        json{{"message", "Invalid JSON"},
             {"details", {{{"path", "/id"}, {"errors", {"error.pattern"}}}}}});
  CHECK(reject({{"id", 123}, {"cmd", "sleep 1"}})["details"] ==
        json{{{"path", "/id"}, {"errors", {"error.expected.jsstring"}}}});
  json many = reject({{"id", "/x"}, {"cmd", "sleep 1"}, {"cpus", "lots"}, {"instances", -1}});
  CHECK(many["message"] == "Invalid JSON");
  // Both problems are reported; play-json does not promise an order.
  REQUIRE(many["details"].size() == 2);
  for (const json& d : many["details"]) {
    if (d["path"] == "/cpus")
      CHECK(d["errors"] == json::array({"error.expected.jsnumber"}));
    else
      CHECK(d == json{{"path", "/instances"}, {"errors", {"error.min"}}});
  }
  CHECK(reject({{"cmd", "sleep 1"}})["details"] ==
        json{{{"path", "/id"}, {"errors", {"error.path.missing"}}}});
  CHECK(reject(json::array())["message"] == "Invalid JSON");

  // Rule violations.
  CHECK(reject({{"id", "/nothing-to-run"}}) ==
        json{{"message", "Object is not valid"},
             {"details",
              {{{"path", "/"},
                {"errors",
                 {"AppDefinition must either contain one of 'cmd' or 'args', and/or a "
                  "'container'."}}}}}});
  json both = reject({{"id", "/both"}, {"cmd", "sleep 1"}, {"args", {"sleep", "1"}}});
  CHECK(both["message"] == "Object is not valid");
  json constraint = reject({{"id", "/c"},
                            {"cmd", "sleep 1"},
                            {"constraints", json::array({json::array({"hostname", "FANCY"})})}});
  CHECK(constraint["details"][0]["path"] == "/constraints(0)");

  // Nothing was created by any of them, and the body media type is checked.
  CHECK(get_json(cli, marathon("/v2/apps"))["apps"].empty());
  auto res = cli.Post(marathon("/v2/apps"), R"({"id":"/t","cmd":"sleep 1"})", "text/plain");
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(body_json(res) == json{{"message", "Unsupported Media Type"}});

  // A second create of the same id is a conflict.
  create_app(cli, small_app("/dup", "sleep 300"));
  CHECK(reject(small_app("/dup", "sleep 300"), 409) ==
        json{{"message", "An app with id [/dup] already exists."}});
}

TEST_CASE("a change during a slow deployment is refused with 409 until forced",
          "[local][server][marathon]") {
  LocalCluster cluster({"--deploy-delay", "3000"});
  auto cli = client_for(cluster);
  auto res = post_json(cli, marathon("/v2/apps"), small_app("/slow", "sleep 300"));
  REQUIRE(res);
  REQUIRE(res->status == 201);
  std::string first = res->get_header_value("Marathon-Deployment-Id");
  REQUIRE_FALSE(first.empty());

  res = put_json(cli, marathon("/v2/apps/slow"), {{"cmd", "sleep 301"}});
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 409);
  json locked = body_json(res);
  CHECK(locked["message"].get<std::string>().find("App is locked by one or more deployments") == 0);
  CHECK(locked["deployments"] == json::array({{{"id", first}}}));
  // Restart and scale-kills are locked as well.
  res = cli.Post(marathon("/v2/apps/slow/restart"), "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 409);

  // The deployment list describes the one in flight.
  json list = get_json(cli, marathon("/v2/deployments"));
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == first);
  CHECK(list[0]["affectedApps"] == json::array({"/slow"}));
  CHECK(list[0]["affectedPods"] == json::array());
  CHECK(list[0]["steps"] ==
        json::array({{{"actions", {{{"action", "StartApplication"}, {"app", "/slow"}}}}}}));
  CHECK(list[0]["currentStep"] == 1);
  CHECK(list[0]["totalSteps"] == 1);
  CHECK(list[0]["currentActions"][0]["action"] == "StartApplication");

  // force=true replaces the deployment in flight.
  res = put_json(cli, marathon("/v2/apps/slow?force=true"), {{"cmd", "sleep 301"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  std::string second = body_json(res)["deploymentId"];
  CHECK(res->get_header_value("Marathon-Deployment-Id") == second);
  CHECK(second != first);
  CHECK_FALSE(deployment_listed(cli, first));
  CHECK(deployment_listed(cli, second));
  CHECK(get_json(cli, marathon("/v2/apps/slow"))["app"]["cmd"] == "sleep 301");

  // Deleting a deployment rolls it back in a new one.
  res = cli.Delete(marathon("/v2/deployments/" + second));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  std::string rollback = body_json(res)["deploymentId"];
  CHECK(res->get_header_value("Marathon-Deployment-Id") == rollback);
  CHECK(rollback != second);
  CHECK_FALSE(deployment_listed(cli, second));
  CHECK(deployment_listed(cli, rollback));
  CHECK(get_json(cli, marathon("/v2/apps/slow"))["app"]["cmd"] == "sleep 300");

  // With force=true it is only stopped.
  res = cli.Delete(marathon("/v2/deployments/" + rollback + "?force=true"));
  REQUIRE(res);
  CHECK(res->status == 202);
  CHECK(res->body.empty());
  CHECK_FALSE(deployment_listed(cli, rollback));
  CHECK(get_json(cli, marathon("/v2/deployments")).empty());

  res = cli.Delete(marathon("/v2/deployments/" + rollback));
  REQUIRE(res);
  CHECK(res->status == 404);
  CHECK(body_json(res) == json{{"message", "DeploymentPlan " + rollback + " does not exist"},
                               {"details", json::array()}});
}

TEST_CASE("the event stream reports deployment success and failure", "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  // Only the exact Accept header opens the stream.
  for (const char* accept : {"*/*", "text/event-stream, */*", "application/json"}) {
    auto res = cli.Get(marathon("/v2/events"), {{"Accept", accept}});
    REQUIRE(res);
    INFO(accept);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
  }

  StreamReader events(cluster.host(), cluster.port(), marathon("/v2/events"),
                      {{"Accept", "text/event-stream"}});
  REQUIRE(events.status() == 200);
  CHECK(events.content_type().find("text/event-stream") == 0);
  REQUIRE(events.wait_contains("event: event_stream_attached\r\n"));
  StreamReader filtered(cluster.host(), cluster.port(),
                        marathon("/v2/events?event_type=deployment_success"),
                        {{"Accept", "text/event-stream"}});
  REQUIRE(filtered.status() == 200);

  auto res = post_json(cli, marathon("/v2/apps"), small_app("/good", "sleep 300"));
  REQUIRE(res);
  REQUIRE(res->status == 201);
  std::string good = res->get_header_value("Marathon-Deployment-Id");
  // Three instances: their first three failures fail the deployment straight away, and they
  // are unlikely to all look TASK_RUNNING at the same moment before they are reaped.
  json crashing = small_app("/crashing", "exit 1", 3);
  crashing["backoffSeconds"] = 0;
  res = post_json(cli, marathon("/v2/apps"), crashing);
  REQUIRE(res);
  REQUIRE(res->status == 201);
  std::string bad = res->get_header_value("Marathon-Deployment-Id");

  auto outcome = [&](const std::string& text, const std::string& id) -> std::string {
    for (const SseEvent& e : parse_events(text))
      if ((e.type == "deployment_success" || e.type == "deployment_failed") && e.data["id"] == id)
        return e.type;
    return "";
  };
  bool both = events.wait_for(
      [&](const std::string& t) { return !outcome(t, good).empty() && !outcome(t, bad).empty(); },
      15s);
  INFO(events.text());
  REQUIRE(both);
  std::string text = events.text();
  CHECK(outcome(text, good) == "deployment_success");
  CHECK(outcome(text, bad) == "deployment_failed");
  for (const SseEvent& e : parse_events(text)) {
    if (e.type == "deployment_failed" && e.data["id"] == bad) {
      CHECK(e.data["plan"]["id"] == bad);
      CHECK(e.data["eventType"] == "deployment_failed");
    }
  }
  // The filtered stream only carries the type it asked for.
  REQUIRE(filtered.wait_contains(good));
  for (const SseEvent& e : parse_events(filtered.text())) CHECK(e.type == "deployment_success");
  // Task status updates came through the same stream.
  bool running = false;
  for (const SseEvent& e : parse_events(text))
    if (e.type == "status_update_event" && e.data["appId"] == "/good" &&
        e.data["taskStatus"] == "TASK_RUNNING")
      running = true;
  CHECK(running);

  CHECK_FALSE(deployment_listed(cli, bad));
  json app = get_json(cli, marathon("/v2/apps/crashing"))["app"];
  REQUIRE(app.contains("lastTaskFailure"));
  CHECK(app["lastTaskFailure"]["state"] == "TASK_FAILED");
  CHECK(app["lastTaskFailure"]["appId"] == "/crashing");
  CHECK(app["lastTaskFailure"]["message"] == "Command exited with status 1");
}

TEST_CASE("missing Marathon objects get the 404 bodies of the real API",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/here", "sleep 300"));
  auto check = [&](const std::string& method, const std::string& path, int status,
                   const json& expected) {
    httplib::Result res = method == "GET"      ? cli.Get(marathon(path))
                          : method == "DELETE" ? cli.Delete(marathon(path))
                          : method == "PATCH"  ? cli.Patch(marathon(path), "{}", "application/json")
                                               : cli.Post(marathon(path), "", "application/json");
    INFO(method << " " << path);
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    CHECK(body_json(res) == expected);
  };
  auto b = [](const std::string& message) {
    return json{{"message", message}, {"details", json::array()}};
  };
  auto a = [](const std::string& message) { return json{{"message", message}}; };

  check("GET", "/v2/apps/nope", 404, b("App '/nope' does not exist"));
  check("GET", "/v2/apps/nope/tasks", 404, b("App '/nope' does not exist"));
  check("GET", "/v2/apps/nope/versions", 404, b("App '/nope' does not exist"));
  check("GET", "/v2/apps/nope/versions/2015-09-29T15:59:51.164Z", 404,
        b("App '/nope' does not exist in version 2015-09-29T15:59:51.164Z"));
  check("GET", "/v2/apps/here/versions/yesterday", 422,
        a("Invalid timestamp provided 'yesterday'. Expecting ISO-8601 datetime string."));
  check("PATCH", "/v2/apps/nope", 404, a("App '/nope' does not exist"));
  check("POST", "/v2/apps/nope/restart", 404, a("App '/nope' does not exist"));
  check("DELETE", "/v2/apps/nope", 404, a("App '/nope' does not exist"));
  check("DELETE", "/v2/apps/nope/tasks", 404, b("App '/nope' does not exist"));
  check("DELETE", "/v2/apps/nope/tasks?scale=true", 404, a("Path '/nope' does not exist"));
  check("DELETE", "/v2/apps/here/tasks/here.instance-00000000-0000-0000-0000-000000000000._app.1",
        404, b("Task 'here.instance-00000000-0000-0000-0000-000000000000._app.1' does not exist"));
  check("DELETE", "/v2/apps/here/tasks?scale=true&wipe=true", 400,
        a("You cannot use scale and wipe at the same time."));
  check("GET", "/v2/groups/nope", 404, b("Group '/nope' does not exist"));
  check("GET", "/v2/groups/nope/versions", 404, b("Group '/nope' does not exist"));
  check("DELETE", "/v2/groups/nope", 404, a("Group '/nope' does not exist"));
  check("GET", "/v2/groups/nope/apps", 200, json::array());
  check("GET", "/v2/pods/nope", 404, b("{\"message\": \"pod with /nope does not exist\"}"));
  check("GET", "/v2/pods/nope::status", 404, b("Pod '/nope' does not exist"));
  check("GET", "/v2/pods/nope::versions", 404, b("Pod '/nope' does not exist"));
  check("DELETE", "/v2/pods/nope", 404, b("Pod '/nope' does not exist"));
  check("DELETE", "/v2/pods/nope::instances/x.instance-1", 404, a("Path '/nope' does not exist"));
  check("DELETE", "/v2/deployments/0b1c", 404, b("DeploymentPlan 0b1c does not exist"));
  check("DELETE", "/v2/queue/nope/delay", 404, b("Application /nope not found in tasks queue."));
  check("DELETE", "/v2/queue/here/delay", 404, b("Application /here not found in tasks queue."));
  check("GET", "/v2/plugins/nope/x", 404, b("No plugin with this pluginId: nope"));
  // Unknown Marathon URLs are a 500, as Marathon's exception mapper makes them.
  check("GET", "/v2/nothing", 500, a("URI not found"));
  check("GET", "/v2", 500, a("URI not found"));
  auto res = cli.Get("/marathon/v2/nothing/at/all");
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(body_json(res) == a("URI not found"));
  // The same API is served under /marathon.
  CHECK(get_json(cli, "/marathon/v2/apps/here")["app"]["id"] == "/here");
}

TEST_CASE("app versions, updates, restart, scaling kills and the launch queue",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/life", "sleep 300"));
  json v1 = get_json(cli, marathon("/v2/apps/life"))["app"];
  wait_running(cli, "/life", 1);

  // A partial PUT that only scales keeps the configuration (no restart).
  auto res = put_json(cli, marathon("/v2/apps/life"), {{"instances", 2}});
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  json scaled = body_json(res);
  CHECK(scaled["deploymentId"] == res->get_header_value("Marathon-Deployment-Id"));
  wait_deployment_gone(cli, scaled["deploymentId"]);
  json v2 = get_json(cli, marathon("/v2/apps/life"))["app"];
  CHECK(v2["instances"] == 2);
  CHECK(v2["cmd"] == "sleep 300");
  CHECK(v2["version"] == scaled["version"]);
  CHECK(v2["versionInfo"]["lastConfigChangeAt"] == v1["versionInfo"]["lastConfigChangeAt"]);
  CHECK(v2["versionInfo"]["lastScalingAt"] == scaled["version"]);
  json two = wait_running(cli, "/life", 2);

  // PATCH changes one field and keeps the rest; it is a configuration change.
  res = patch_json(cli, marathon("/v2/apps/life"), {{"env", {{"COLOUR", "blue"}}}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  std::string patched = body_json(res)["deploymentId"];
  wait_deployment_gone(cli, patched);
  json v3 = get_json(cli, marathon("/v2/apps/life"))["app"];
  CHECK(v3["env"] == json{{"COLOUR", "blue"}});
  CHECK(v3["instances"] == 2);
  CHECK(v3["versionInfo"]["lastConfigChangeAt"] == v3["version"]);
  json three = wait_running(cli, "/life", 2);
  for (const json& t : three) {
    CHECK_FALSE(ids_of(two).count(t["id"]));
    CHECK(t["version"] == v3["version"]);
  }

  // Versions: newest first, each readable on its own.
  json versions = get_json(cli, marathon("/v2/apps/life/versions"))["versions"];
  CHECK(versions == json::array({v3["version"], v2["version"], v1["version"]}));
  json old = get_json(cli, marathon("/v2/apps/life/versions/" + v1["version"].get<std::string>()));
  CHECK(old["instances"] == 1);
  CHECK(old["env"] == json::object());
  CHECK_FALSE(old.contains("tasks"));

  // Restart replaces every task.
  res = cli.Post(marathon("/v2/apps/life/restart"), "", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  json four = wait_running(cli, "/life", 2);
  for (const json& t : four) CHECK_FALSE(ids_of(three).count(t["id"]));

  // Killing with scale=true lowers the instance count instead of replacing the task.
  res = post_json(cli, marathon("/v2/tasks/delete?scale=true"), {{"ids", {four[0]["id"]}}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  CHECK(get_json(cli, marathon("/v2/apps/life"))["app"]["instances"] == 1);
  json five = wait_running(cli, "/life", 1);
  CHECK(five[0]["id"] == four[1]["id"]);
  res = post_json(cli, marathon("/v2/tasks/delete"), {{"ids", {"not a task id"}}});
  REQUIRE(res);
  CHECK(res->status == 400);

  // Rolling back to the first version through PUT {"version"}.
  res = put_json(cli, marathon("/v2/apps/life"), {{"version", v1["version"]}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  CHECK(get_json(cli, marathon("/v2/apps/life"))["app"]["env"] == json::object());
  res = put_json(cli, marathon("/v2/apps/life"), {{"version", v1["version"]}, {"cmd", "x"}});
  REQUIRE(res);
  CHECK(res->status == 422);

  // DELETE .../tasks?scale=true kills them all and scales to zero.
  res = cli.Delete(marathon("/v2/apps/life/tasks?scale=true"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  CHECK(get_json(cli, marathon("/v2/apps/life"))["app"]["instances"] == 0);
  CHECK(app_tasks(cli, "/life").empty());

  // A crashing app waits in the launch queue under a long backoff until the delay is reset.
  json crashing = small_app("/queued", "exit 3");
  crashing["backoffSeconds"] = 600;
  res = post_json(cli, marathon("/v2/apps"), crashing);
  REQUIRE(res);
  REQUIRE(res->status == 201);
  json item;
  REQUIRE(eventually([&] {
    json queue = get_json(cli, marathon("/v2/queue"));
    for (const json& q : queue["queue"])
      if (q["app"]["id"] == "/queued" && q["delay"]["timeLeftSeconds"] > 0) item = q;
    return item.is_object();
  }));
  CHECK(item["count"] == 1);
  CHECK(item["delay"]["overdue"] == false);
  std::string failed =
      get_json(cli, marathon("/v2/apps/queued"))["app"]["lastTaskFailure"]["taskId"];
  res = cli.Delete(marathon("/v2/queue/queued/delay"));
  REQUIRE(res);
  CHECK(res->status == 204);
  CHECK(res->body.empty());
  // The reset lets it launch again at once, so another failure follows.
  CHECK(eventually([&] {
    json app = get_json(cli, marathon("/v2/apps/queued"))["app"];
    return app["lastTaskFailure"]["taskId"] != failed;
  }));
}

TEST_CASE("groups are created, listed, scaled by a factor and deleted",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json group = {{"id", "/shop"},
                {"apps", {small_app("web", "sleep 300"), small_app("/shop/db", "sleep 300")}},
                {"groups", {{{"id", "jobs"}, {"apps", {small_app("cron", "sleep 300")}}}}}};
  auto res = post_json(cli, marathon("/v2/groups"), group);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 201);
  CHECK(res->get_header_value("Location") == "/shop");
  json created = body_json(res);
  CHECK(created["deploymentId"] == res->get_header_value("Marathon-Deployment-Id"));
  wait_deployment_gone(cli, created["deploymentId"]);

  res = post_json(cli, marathon("/v2/groups"), group);
  REQUIRE(res);
  CHECK(res->status == 409);
  CHECK(body_json(res) ==
        json{{"message", "Group /shop is already created. Use PUT to change this group."}});
  res = post_json(cli, marathon("/v2/groups"),
                  {{"id", "/other"}, {"apps", {small_app("/elsewhere/x", "sleep 1")}}});
  REQUIRE(res);
  CHECK(res->status == 422);
  CHECK(body_json(res)["details"][0] ==
        json{{"path", "/apps(0)/id"}, {"errors", {"Identifier is not child of '/other'"}}});

  json shop = get_json(cli, marathon("/v2/groups/shop"));
  CHECK(shop["id"] == "/shop");
  std::set<std::string> apps;
  for (const json& a : shop["apps"]) apps.insert(a["id"].get<std::string>());
  CHECK(apps == std::set<std::string>{"/shop/db", "/shop/web"});
  REQUIRE(shop["groups"].size() == 1);
  CHECK(shop["groups"][0]["id"] == "/shop/jobs");
  CHECK(shop["groups"][0]["apps"][0]["id"] == "/shop/jobs/cron");
  json root = get_json(cli, marathon("/v2/groups"));
  CHECK(root["id"] == "/");
  REQUIRE(root["groups"].size() == 1);
  CHECK(root["groups"][0]["id"] == "/shop");
  CHECK(get_json(cli, marathon("/v2/groups/shop/apps")).size() == 3);
  CHECK(get_json(cli, marathon("/v2/apps/shop/*"))["*"].size() == 3);
  CHECK(get_json(cli, marathon("/v2/apps/shop/*/tasks"))["tasks"].size() == 3);

  // scaleBy doubles every app in the group, nested ones included.
  res = put_json(cli, marathon("/v2/groups/shop"), {{"scaleBy", 2}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  for (const char* id : {"/shop/web", "/shop/db", "/shop/jobs/cron"}) {
    INFO(id);
    CHECK(get_json(cli, marathon(std::string("/v2/apps") + id))["app"]["instances"] == 2);
    wait_running(cli, id, 2);
  }
  std::vector<std::string> task_ids;
  json group_tasks = get_json(cli, marathon("/v2/apps/shop/*/tasks"));
  for (const json& t : group_tasks["tasks"]) task_ids.push_back(t["id"]);
  CHECK(task_ids.size() == 6);

  // Deleting the group removes its apps, their processes and the group itself.
  res = cli.Delete(marathon("/v2/groups/shop"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  get_json(cli, marathon("/v2/groups/shop"), 404);
  CHECK(get_json(cli, marathon("/v2/apps"))["apps"].empty());
  for (const std::string& id : task_ids) {
    INFO(id);
    CHECK(eventually([&] { return task_pids(id).empty(); }, 5s));
  }
}

TEST_CASE("pods are created, report their status and are deleted", "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json pod = {{"id", "/pods/one"},
              {"containers",
               {{{"name", "main"},
                 {"exec", {{"command", {{"shell", "echo pod-main; sleep 300"}}}}},
                 {"resources", {{"cpus", 0.05}, {"mem", 16}}}}}}};
  auto res = post_json(cli, marathon("/v2/pods"), pod);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 201);
  CHECK(res->get_header_value("Location") == "/pods/one");
  std::string deployment = res->get_header_value("Marathon-Deployment-Id");
  REQUIRE_FALSE(deployment.empty());
  json created = body_json(res);
  CHECK(created["id"] == "/pods/one");
  CHECK(created["containers"][0]["resources"]["cpus"] == 0.05);
  CHECK(created["scaling"]["instances"] == 1);
  wait_deployment_gone(cli, deployment);

  res = post_json(cli, marathon("/v2/pods"), pod);
  REQUIRE(res);
  CHECK(res->status == 409);
  res = post_json(cli, marathon("/v2/pods"), {{"id", "/pods/bad"}, {"containers", json::array()}});
  REQUIRE(res);
  CHECK(res->status == 422);
  res = cli.Head(marathon("/v2/pods"));
  REQUIRE(res);
  CHECK(res->status == 200);

  json status;
  REQUIRE(eventually([&] {
    status = get_json(cli, marathon("/v2/pods/pods/one::status"));
    return status["status"] == "STABLE";
  }));
  CHECK(status["id"] == "/pods/one");
  REQUIRE(status["instances"].size() == 1);
  const json& instance = status["instances"][0];
  CHECK(instance["containers"][0]["name"] == "main");
  CHECK(instance["containers"][0]["status"] == "TASK_RUNNING");
  std::string task_id = instance["id"].get<std::string>() + ".main";
  CHECK(eventually([&] { return !task_pids(task_id).empty(); }));
  json all = get_json(cli, marathon("/v2/pods/::status"));
  REQUIRE(all.size() == 1);
  CHECK(all[0]["id"] == "/pods/one");
  CHECK(get_json(cli, marathon("/v2/pods")).size() == 1);
  CHECK(get_json(cli, marathon("/v2/pods/pods/one"))["id"] == "/pods/one");
  CHECK(get_json(cli, marathon("/v2/pods/pods/one::versions")).size() == 1);
  CHECK(get_json(cli, marathon("/v2/groups/pods"))["pods"][0]["id"] == "/pods/one");

  res = cli.Delete(marathon("/v2/pods/pods/one"));
  REQUIRE(res);
  CHECK(res->status == 202);
  CHECK(res->body.empty());
  std::string removal = res->get_header_value("Marathon-Deployment-Id");
  REQUIRE_FALSE(removal.empty());
  CHECK(res->get_header_value("Location") == removal);
  wait_deployment_gone(cli, removal);
  get_json(cli, marathon("/v2/pods/pods/one"), 404);
  CHECK(eventually([&] { return task_pids(task_id).empty(); }, 5s));
}

TEST_CASE("info, leader, ping and metrics describe one elected Marathon",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  std::string host_port = cluster.host() + ":" + std::to_string(cluster.port());

  auto res = cli.Get(marathon("/v2/info"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Cache-Control") == "no-cache, no-store, must-revalidate");
  CHECK(res->get_header_value("X-Marathon-Leader") == "http://" + host_port);
  json info = body_json(res);
  CHECK(info["name"] == "marathon");
  CHECK(info["elected"] == true);
  CHECK(info["leader"] == host_port);
  json frameworks = get_json(cli, "/mesos/master/frameworks")["frameworks"];
  REQUIRE(frameworks.size() == 1);
  CHECK(info["frameworkId"] == frameworks[0]["id"]);
  CHECK(info["marathon_config"].is_object());
  CHECK(info["http_config"].is_object());

  CHECK(get_json(cli, marathon("/v2/leader")) == json{{"leader", host_port}});
  res = cli.Delete(marathon("/v2/leader"));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(body_json(res) == json{{"message", "Leadership abdicated"}, {"details", json::array()}});

  res = cli.Get(marathon("/ping"));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "pong\n");
  CHECK(res->get_header_value("Content-Type").find("text/plain") == 0);
  res = cli.Get(marathon("/ping"), {{"Accept", "application/json"}});
  REQUIRE(res);
  CHECK(body_json(res) == "pong");

  json metrics = get_json(cli, marathon("/metrics"));
  CHECK(metrics["version"] == "4.0.0");
  CHECK(metrics["gauges"].is_object());
  CHECK(get_json(cli, marathon("/v2/plugins")) == json{{"plugins", json::array()}});
}

TEST_CASE("a group change refused with 409 changes nothing", "[local][server][marathon]") {
  LocalCluster cluster({"--deploy-delay", "3000"});
  auto cli = client_for(cluster);
  auto res = post_json(cli, marathon("/v2/groups"),
                       {{"id", "/locked"}, {"apps", {small_app("app", "sleep 300")}}});
  REQUIRE(res);
  REQUIRE(res->status == 201);
  std::string deployment = body_json(res)["deploymentId"];
  res = post_json(cli, marathon("/v2/pods"),
                  {{"id", "/locked/pod"},
                   {"containers",
                    {{{"name", "main"},
                      {"exec", {{"command", {{"shell", "sleep 300"}}}}},
                      {"resources", {{"cpus", 0.05}, {"mem", 16}}}}}}});
  REQUIRE(res);
  REQUIRE(res->status == 201);

  // The app is still deploying, so neither a delete nor an update of its group may go ahead.
  res = cli.Delete(marathon("/v2/groups/locked"));
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 409);
  json locked = body_json(res);
  REQUIRE(locked["deployments"].is_array());
  CHECK(locked["deployments"][0]["id"] == deployment);
  res = put_json(cli, marathon("/v2/groups/locked"),
                 {{"apps", {small_app("app", "sleep 301")}},
                  {"groups", {{{"id", "/locked/extra"}, {"apps", json::array()}}}}});
  REQUIRE(res);
  CHECK(res->status == 409);

  CHECK(get_json(cli, marathon("/v2/pods/locked/pod"))["id"] == "/locked/pod");
  CHECK(get_json(cli, marathon("/v2/apps/locked/app"))["app"]["cmd"] == "sleep 300");
  json group = get_json(cli, marathon("/v2/groups/locked"));
  CHECK(group["apps"].size() == 1);
  CHECK(group["pods"].size() == 1);
  CHECK(group["groups"].empty());
  get_json(cli, marathon("/v2/groups/locked/extra"), 404);

  // With force=true the delete goes through and takes the pod along.
  res = cli.Delete(marathon("/v2/groups/locked?force=true"));
  REQUIRE(res);
  CHECK(res->status == 200);
  get_json(cli, marathon("/v2/pods/locked/pod"), 404);
  get_json(cli, marathon("/v2/groups/locked"), 404);
}

TEST_CASE("resubmitting an unchanged app keeps its service ports and its tasks",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json def = small_app("/same", "sleep 300");
  def["portDefinitions"] = {{{"port", 0}, {"name", "http"}}};
  create_app(cli, def);
  json before = get_json(cli, marathon("/v2/apps/same"))["app"];
  int port = before["portDefinitions"][0]["port"];
  CHECK(port >= 10000);
  json tasks = wait_running(cli, "/same", 1);

  // The same definition again, whole (partialUpdate=false) and merged: no restart.
  for (const char* query : {"?partialUpdate=false", ""}) {
    auto res = put_json(cli, marathon(std::string("/v2/apps/same") + query), def);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    wait_deployment_gone(cli, body_json(res)["deploymentId"]);
    json after = get_json(cli, marathon("/v2/apps/same"))["app"];
    INFO(query);
    CHECK(after["portDefinitions"][0]["port"] == port);
    CHECK(after["versionInfo"]["lastConfigChangeAt"] ==
          before["versionInfo"]["lastConfigChangeAt"]);
    CHECK(app_tasks(cli, "/same")[0]["id"] == tasks[0]["id"]);
  }
  // A group update that repeats it changes nothing either.
  auto res = put_json(cli, marathon("/v2/groups"), {{"apps", {def}}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  CHECK(app_tasks(cli, "/same")[0]["id"] == tasks[0]["id"]);

  // Once the app is gone its service port is free for the next one.
  res = cli.Delete(marathon("/v2/apps/same"));
  REQUIRE(res);
  REQUIRE(res->status == 200);
  wait_deployment_gone(cli, body_json(res)["deploymentId"]);
  def["id"] = "/next";
  create_app(cli, def);
  CHECK(get_json(cli, marathon("/v2/apps/next"))["app"]["portDefinitions"][0]["port"] == port);
}

TEST_CASE("label selectors filter apps, written with = left unencoded as clients send them",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  cli.set_url_encode(false);  // the query goes out exactly as written, as curl sends it
  json tagged = small_app("/sel/tagged", "sleep 300");
  tagged["labels"] = {{"DCOS_PACKAGE_NAME", "cassandra"}, {"tier", "db"}};
  REQUIRE(post_json(cli, marathon("/v2/apps"), tagged)->status == 201);
  REQUIRE(post_json(cli, marathon("/v2/apps"), small_app("/sel/plain", "sleep 300"))->status ==
          201);
  auto ids = [&](const std::string& query) {
    std::set<std::string> out;
    json listed = get_json(cli, marathon("/v2/apps?" + query));
    for (const json& app : listed["apps"]) out.insert(app["id"].get<std::string>());
    return out;
  };
  CHECK(ids("label=DCOS_PACKAGE_NAME==cassandra") == std::set<std::string>{"/sel/tagged"});
  CHECK(ids("label=DCOS_PACKAGE_NAME%3D%3Dcassandra") == std::set<std::string>{"/sel/tagged"});
  CHECK(ids("label=tier!=db") == std::set<std::string>{"/sel/plain"});
  CHECK(ids("label=DCOS_PACKAGE_NAME==kafka").empty());
  CHECK(ids("label=tier") == std::set<std::string>{"/sel/tagged"});
}
