// The verbs that change Marathon state, driven in-process against a fake transport: what they
// send, what they print, and that bad input sends nothing.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::Harness;
using nlohmann::json;

namespace {

const std::string& kMarathon = dcos::testing::kMarathonUrl;

const dcos::HttpRequest* sent(Harness& h, const std::string& method, const std::string& url) {
  for (const auto& request : h.http->requests)
    if (request.method == method && request.url == url) return &request;
  return nullptr;
}

const char* kHello = R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":2,
  "version":"2026-01-01T00:00:00.000Z","deployments":[]}})";

}  // namespace

TEST_CASE("app add reads a YAML file, checks the id is free, and posts the definition") {
  ClusterHarness h;
  dcos::testing::write_file(h.home.path() / "hello.yaml",
                            "id: demo/hello\ncmd: sleep 100\ninstances: 2\ncpus: 0.1\n");
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 404,
                 R"({"message":"App '/demo/hello' does not exist"})");
  h.http->expect("POST", kMarathon + "/v2/apps", 201, R"({"id":"/demo/hello"})",
                 {{"Marathon-Deployment-Id", "dep-1"}});
  auto out = h.run({"marathon", "app", "add", (h.home.path() / "hello.yaml").string()});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out == "Created deployment dep-1\n");
  CHECK(out.err.empty());
  const auto* post = sent(h, "POST", kMarathon + "/v2/apps");
  REQUIRE(post != nullptr);
  CHECK(json::parse(post->body) ==
        json({{"id", "/demo/hello"}, {"cmd", "sleep 100"}, {"instances", 2}, {"cpus", 0.1}}));
  CHECK(dcos::header_value(post->headers, "Content-Type") == "application/json");
}

TEST_CASE("app add of an existing app is refused before anything is posted") {
  ClusterHarness h;
  h.input = R"({"id":"/demo/hello","cmd":"x"})";
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
  auto out = h.run({"marathon", "app", "add"});
  CHECK(out.status == 1);
  CHECK(out.err ==
        "Error: app '/demo/hello' already exists\n"
        "Hint: change it with 'dcos marathon app update /demo/hello'\n");
  CHECK(sent(h, "POST", kMarathon + "/v2/apps") == nullptr);
}

TEST_CASE("bad input to app add sends nothing to the cluster") {
  ClusterHarness h;
  SECTION("invalid JSON") {
    h.input = "{\"id\": \"/a\",\n \"cmd\": }";
    auto out = h.run({"marathon", "app", "add"});
    CHECK(out.status == 1);
    CHECK(out.err.rfind("Error: stdin: line 2, column ", 0) == 0);
  }
  SECTION("invalid YAML") {
    h.input = "id: /a\ncmd: [x\n";
    auto out = h.run({"marathon", "app", "add", "-"});
    CHECK(out.status == 1);
    CHECK(out.err.find("invalid YAML") != std::string::npos);
  }
  SECTION("an id with illegal characters") {
    h.input = R"({"id":"/My_App"})";
    auto out = h.run({"marathon", "app", "add"});
    CHECK(out.status == 2);
    CHECK(out.err.rfind("Error: invalid app id '/My_App'", 0) == 0);
  }
  SECTION("no id") {
    h.input = R"({"cmd":"x"})";
    auto out = h.run({"marathon", "app", "add"});
    CHECK(out.status == 1);
    CHECK(out.err == "Error: the app definition has no \"id\"\n");
  }
  SECTION("a missing file") {
    auto out = h.run({"marathon", "app", "add", (h.home.path() / "nope.json").string()});
    CHECK(out.status == 3);
    CHECK(out.err.find("no such file") != std::string::npos);
  }
  SECTION("a terminal on stdin") {
    h.terminal.stdin_tty = true;
    auto out = h.run({"marathon", "app", "add"});
    CHECK(out.status == 2);
    CHECK(out.err.find("stdin is a terminal") != std::string::npos);
    CHECK(out.err.find("Hint: e.g. dcos marathon app add < app.json") != std::string::npos);
  }
  SECTION("a bad --wait duration") {
    h.input = R"({"id":"/a","cmd":"x"})";
    auto out = h.run({"marathon", "app", "add", "--wait=soon"});
    CHECK(out.status == 2);
    CHECK(out.err.rfind("Error: invalid duration 'soon'", 0) == 0);
  }
  CHECK(h.http->requests.empty());
}

TEST_CASE("app update sends typed properties and reports a 409 with the deployments and --force") {
  ClusterHarness h;
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
  h.http->expect(
      "PUT", kMarathon + "/v2/apps/demo/hello", 409,
      R"({"message":"App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.","deployments":[{"id":"d-9"}]})");
  auto out = h.run({"marathon", "app", "update", "demo/hello", "instances=3", "cmd='sleep 1'",
                    "env={\"A\":\"1\"}"});
  CHECK(out.status == 1);
  CHECK(out.err ==
        "Error: app '/demo/hello' is locked by deployment d-9\n"
        "Hint: add --force to cancel it and apply the change anyway, or wait for it with 'dcos "
        "marathon deployment watch d-9'\n");
  const auto* put = sent(h, "PUT", kMarathon + "/v2/apps/demo/hello");
  REQUIRE(put != nullptr);
  CHECK(json::parse(put->body) ==
        json({{"instances", 3}, {"cmd", "sleep 1"}, {"env", {{"A", "1"}}}}));

  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
  h.http->expect("PUT", kMarathon + "/v2/apps/demo/hello?force=true", 200,
                 R"({"deploymentId":"d-10","version":"2026-01-02T00:00:00.000Z"})");
  auto forced = h.run({"marathon", "app", "update", "--force", "/demo/hello", "instances=3"});
  CHECK(forced.status == 0);
  CHECK(forced.out == "Created deployment d-10\n");
}

TEST_CASE("a 422 is one line per error, in words, and a 404 names the app with exit 3") {
  ClusterHarness h;
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
  h.http->expect(
      "PUT", kMarathon + "/v2/apps/demo/hello", 422,
      R"({"message":"Object is not valid","details":[{"path":"/cpus","errors":["error.min"]},{"path":"/mem","errors":["must be positive","too small"]}]})");
  auto bad = h.run({"marathon", "app", "update", "/demo/hello", "cpus=-1", "mem=-2"});
  CHECK(bad.status == 1);
  CHECK(bad.err ==
        "Error: Marathon rejected the request for app '/demo/hello':\n"
        "  /cpus: must be at least 0.001, got -1\n"
        "  /mem: must be positive\n"
        "  /mem: too small\n");

  h.http->expect("DELETE", kMarathon + "/v2/apps/nope", 404,
                 R"({"message":"App '/nope' does not exist"})");
  auto missing = h.run({"marathon", "app", "remove", "nope"});
  CHECK(missing.status == 3);
  CHECK(missing.err == "Error: app '/nope' does not exist\n");
}

TEST_CASE("app start, stop, restart and kill check the app first") {
  ClusterHarness h;
  auto zero = R"({"app":{"id":"/demo/hello","instances":0,"tasksRunning":0}})";
  SECTION("start needs a positive count, checked before any request") {
    auto out = h.run({"marathon", "app", "start", "/demo/hello", "0"});
    CHECK(out.status == 2);
    CHECK(out.err == "Error: the number of instances must be positive: 0\n");
    CHECK(h.http->requests.empty());
  }
  SECTION("start a stopped app") {
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, zero);
    h.http->expect("PUT", kMarathon + "/v2/apps/demo/hello", 200, R"({"deploymentId":"d1"})");
    auto out = h.run({"marathon", "app", "start", "/demo/hello", "3"});
    CHECK(out.status == 0);
    CHECK(out.out == "Created deployment d1\n");
    CHECK(json::parse(sent(h, "PUT", kMarathon + "/v2/apps/demo/hello")->body) ==
          json({{"instances", 3}}));
  }
  SECTION("start a running app") {
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
    auto out = h.run({"marathon", "app", "start", "/demo/hello"});
    CHECK(out.status == 1);
    CHECK(out.err.rfind("Error: app '/demo/hello' is already started: 2 instances\n", 0) == 0);
  }
  SECTION("stop a stopped app") {
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, zero);
    auto out = h.run({"marathon", "app", "stop", "/demo/hello"});
    CHECK(out.status == 1);
    CHECK(out.err == "Error: app '/demo/hello' is already stopped: 0 instances\n");
  }
  SECTION("restart") {
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
    h.http->expect("POST", kMarathon + "/v2/apps/demo/hello/restart?force=true", 200,
                   R"({"deploymentId":"d2","version":"v"})");
    auto out = h.run({"marathon", "app", "restart", "/demo/hello", "--force"});
    CHECK(out.status == 0);
    CHECK(out.out == "Created deployment d2\n");
  }
  SECTION("kill on one host") {
    h.http->expect("DELETE", kMarathon + "/v2/apps/demo/hello/tasks?host=10.0.0.1", 200,
                   R"({"tasks":[{"id":"t1","appId":"/demo/hello"}]})");
    auto out = h.run({"marathon", "app", "kill", "/demo/hello", "--host", "10.0.0.1"});
    CHECK(out.status == 0);
    CHECK(out.out == "Killed 1 task of /demo/hello\n");
  }
  SECTION("kill: -v lists the task ids, --json prints Marathon's answer") {
    const std::string killed = R"({"tasks":[{"id":"t1","appId":"/demo/hello"}]})";
    h.http->expect("DELETE", kMarathon + "/v2/apps/demo/hello/tasks", 200, killed);
    auto verbose = h.run({"marathon", "app", "kill", "/demo/hello", "-v"});
    CHECK(verbose.status == 0);
    CHECK(verbose.out == "Killed 1 task of /demo/hello\n  t1\n");
    h.http->expect("DELETE", kMarathon + "/v2/apps/demo/hello/tasks", 200, killed);
    auto as_json = h.run({"marathon", "app", "kill", "/demo/hello", "--json"});
    CHECK(as_json.status == 0);
    CHECK(json::parse(as_json.out) == json::parse(killed));
  }
  SECTION("kill on a host without tasks of the app is not found") {
    h.http->expect("DELETE", kMarathon + "/v2/apps/demo/hello/tasks?host=10.9.9.9", 200,
                   R"({"tasks":[]})");
    auto out = h.run({"marathon", "app", "kill", "/demo/hello", "--host", "10.9.9.9"});
    CHECK(out.status == 3);
    CHECK(out.out.empty());
    CHECK(out.err.rfind("Error: app '/demo/hello' has no task on host '10.9.9.9'\n", 0) == 0);
  }
  SECTION("kill --scale and --host exclude each other") {
    auto out = h.run({"marathon", "app", "kill", "/demo/hello", "--scale", "--host", "h"});
    CHECK(out.status == 2);
    CHECK(h.http->requests.empty());
  }
}

TEST_CASE(
    "app add with --wait follows the deployment to its end, with progress only on a terminal") {
  ClusterHarness h;
  h.terminal.stderr_tty = GENERATE(false, true);
  h.terminal.width = 200;
  h.input = R"({"id":"/demo/hello","cmd":"sleep 100","instances":2})";
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 404, R"({"message":"no"})");
  h.http->expect("POST", kMarathon + "/v2/apps", 201, "{}", {{"Marathon-Deployment-Id", "d1"}});
  const std::string running =
      R"([{"id":"d1","affectedApps":["/demo/hello"],"affectedPods":[],"currentStep":1,"totalSteps":1,
           "currentActions":[{"action":"StartApplication","app":"/demo/hello"}]}])";
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, running);
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200,
                 R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":1,"version":"v1"}})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, "[]");
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200,
                 R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":2,"version":"v1"}})");
  auto out = h.run({"marathon", "app", "add", "--wait"});
  INFO(out.err);
  CHECK(out.status == 0);
  CHECK(out.out == "Created deployment d1\n");
  if (h.terminal.stderr_tty) {
    CHECK(out.err.find("\r\033[Kdeployment d1: step 1/1 (StartApplication /demo/hello); "
                       "/demo/hello 1/2 running") != std::string::npos);
    CHECK(out.err.find("Deployment d1 finished in ") != std::string::npos);
  } else {
    CHECK(out.err.empty());
  }
}

TEST_CASE(
    "app update with --wait reports a deployment whose tasks keep failing, and a replaced one") {
  ClusterHarness h;
  const std::string running =
      R"([{"id":"d1","affectedApps":["/demo/hello"],"currentStep":1,"totalSteps":1}])";
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
  h.http->expect("PUT", kMarathon + "/v2/apps/demo/hello", 200, R"({"deploymentId":"d1"})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, running);
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200,
                 R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":0,"version":"v2",
                     "lastTaskFailure":{"taskId":"old","version":"v1","message":"old news"}}})");
  SECTION("failing tasks") {
    h.http->expect("GET", kMarathon + "/v2/deployments", 200, "[]");
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200,
                   R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":0,"version":"v2",
                       "lastTaskFailure":{"taskId":"t7","version":"v2","message":"exit 1"}}})");
    auto out = h.run({"marathon", "app", "update", "/demo/hello", "cmd=false", "--wait=1m"});
    CHECK(out.status == 1);
    CHECK(out.err ==
          "Error: deployment d1 ended, but /demo/hello runs 0 of 2 tasks; 1 failed, the last (t7) "
          "with: exit 1\nHint: read its stderr with 'dcos task log --completed t7 stderr'\n");
  }
  SECTION("rolled back") {
    h.http->expect("GET", kMarathon + "/v2/deployments", 200,
                   R"([{"id":"d2","affectedApps":["/demo/hello"]}])");
    h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, kHello);
    auto out = h.run({"marathon", "app", "update", "/demo/hello", "cmd=false", "--wait"});
    CHECK(out.status == 1);
    CHECK(out.err ==
          "Error: deployment d1 was cancelled; deployment d2 (a rollback or a forced "
          "change) now changes /demo/hello\n");
  }
}

TEST_CASE("deployment watch gives up after --max-count polls with exit 5") {
  ClusterHarness h;
  const std::string running = R"([{"id":"d1","affectedApps":[],"currentStep":1,"totalSteps":2}])";
  for (int i = 0; i < 3; ++i) h.http->expect("GET", kMarathon + "/v2/deployments", 200, running);
  auto out =
      h.run({"marathon", "deployment", "watch", "d1", "--max-count", "2", "--interval", "0.5"});
  CHECK(out.status == 5);
  CHECK(out.out.empty());
  CHECK(out.err.find("deployment d1: step 1/2 [") != std::string::npos);
  CHECK(out.err.find("Error: deployment d1 is still running after ") != std::string::npos);
  REQUIRE(h.slept.size() == 1);
  CHECK(h.slept.front() == std::chrono::milliseconds(500));
}

TEST_CASE("app diff compares the fields a definition names, ignoring what Marathon fills in") {
  ClusterHarness h;
  const std::string current = R"({"app":{"id":"/web","cmd":"serve","instances":2,"cpus":0.5,
    "version":"2026-01-01T00:00:00.000Z","tasksRunning":2,"labels":{"tier":"web"},
    "container":{"type":"DOCKER","portMappings":[{"containerPort":80,"hostPort":0,
      "servicePort":10001,"protocol":"tcp"}]}}})";
  dcos::testing::write_file(h.home.path() / "same.yaml",
                            "id: web\ncmd: serve\ninstances: 2\ncpus: 0.50\nversion: old\n"
                            "container:\n  type: DOCKER\n  portMappings:\n"
                            "    - {containerPort: 80, servicePort: 0}\n");
  dcos::testing::write_file(h.home.path() / "other.json",
                            R"({"id":"/web","cmd":"serve --fast","instances":2,
                                "labels":{"tier":"web","team":"a"}})");
  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, current);
  auto same = h.run({"marathon", "app", "diff", "web", (h.home.path() / "same.yaml").string()});
  INFO(same.err);
  CHECK(same.status == 0);
  CHECK(same.out.empty());
  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, current);
  auto other = h.run({"marathon", "app", "diff", "/web", (h.home.path() / "other.json").string()});
  CHECK(other.status == 1);
  CHECK(other.out == "~ cmd: \"serve\" -> \"serve --fast\"\n+ labels.team: \"a\"\n");
  CHECK(other.err.empty());
  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, current);
  auto json_out =
      h.run({"marathon", "app", "diff", "/web", (h.home.path() / "other.json").string(), "--json"});
  CHECK(json_out.status == 1);
  CHECK(json::parse(json_out.out) ==
        json::parse(R"([{"path":"cmd","current":"serve","wanted":"serve --fast"},
                        {"path":"labels.team","current":null,"wanted":"a"}])"));
}

TEST_CASE("group, pod and task changes send what the real CLI sends") {
  ClusterHarness h;
  SECTION("group scale") {
    h.http->expect("GET", kMarathon + "/v2/groups/prod", 200, R"({"id":"/prod","apps":[]})");
    h.http->expect("PUT", kMarathon + "/v2/groups/prod?force=true", 200,
                   R"({"deploymentId":"g1","version":"v"})");
    auto out = h.run({"marathon", "group", "scale", "prod", "1.5", "--force"});
    CHECK(out.status == 0);
    CHECK(out.out == "Created deployment g1\n");
    CHECK(json::parse(sent(h, "PUT", kMarathon + "/v2/groups/prod?force=true")->body) ==
          json({{"scaleBy", 1.5}}));
  }
  SECTION("group scale of a missing group is not found, and nothing is scaled") {
    h.http->expect("GET", kMarathon + "/v2/groups/nope", 404,
                   R"({"message":"Group '/nope' does not exist","details":[]})");
    auto out = h.run({"marathon", "group", "scale", "nope", "2"});
    CHECK(out.status == 3);
    CHECK(out.out.empty());
    CHECK(out.err == "Error: group '/nope' does not exist\n");
  }
  SECTION("group scale with a factor that is not a number") {
    auto out = h.run({"marathon", "group", "scale", "prod", "lots"});
    CHECK(out.status == 2);
    CHECK(h.http->requests.empty());
  }
  SECTION("group add --id") {
    h.http->expect("GET", kMarathon + "/v2/groups/prod", 404,
                   R"({"message":"Group '/prod' does not exist"})");
    h.http->expect("POST", kMarathon + "/v2/groups", 201, R"({"deploymentId":"g2"})");
    auto out = h.run({"marathon", "group", "add", "--id=prod"});
    CHECK(out.status == 0);
    CHECK(json::parse(sent(h, "POST", kMarathon + "/v2/groups")->body) == json({{"id", "/prod"}}));
  }
  SECTION("pod remove when Marathon knows no pods") {
    h.http->expect("HEAD", kMarathon + "/v2/pods", 404, "");
    auto out = h.run({"marathon", "pod", "remove", "/db"});
    CHECK(out.status == 1);
    CHECK(out.err == "Error: this cluster's Marathon does not support pods\n");
  }
  SECTION("pod kill resolves instance prefixes") {
    h.http->expect("HEAD", kMarathon + "/v2/pods", 200, "");
    h.http->expect(
        "GET", kMarathon + "/v2/pods/db::status", 200,
        R"({"id":"/db","instances":[{"id":"db.instance-aaa"},{"id":"db.instance-bbb"}]})");
    h.http->expect("DELETE", kMarathon + "/v2/pods/db::instances", 200, "[]");
    auto out = h.run({"marathon", "pod", "kill", "/db", "db.instance-b"});
    CHECK(out.status == 0);
    CHECK(out.out == "Killed 1 instance of pod /db\n");
    CHECK(json::parse(sent(h, "DELETE", kMarathon + "/v2/pods/db::instances")->body) ==
          json({"db.instance-bbb"}));
  }
  SECTION("task kill with an ambiguous prefix sends no kill") {
    h.http->expect("GET", kMarathon + "/v2/tasks", 200,
                   R"({"tasks":[{"id":"web.1","appId":"/web"},{"id":"web.2","appId":"/web"}]})");
    auto out = h.run({"marathon", "task", "kill", "web"});
    CHECK(out.status == 6);
    CHECK(out.err ==
          "Error: 'web' matches 2 tasks: web.1, web.2\nHint: give more of the task id\n");
  }
  SECTION("task kill --scale") {
    h.http->expect("GET", kMarathon + "/v2/tasks", 200,
                   R"({"tasks":[{"id":"web.1","appId":"/web"},{"id":"api.1","appId":"/api"}]})");
    h.http->expect("POST", kMarathon + "/v2/tasks/delete?scale=true", 200,
                   R"({"deploymentId":"k1","version":"v"})");
    auto out = h.run({"marathon", "task", "kill", "--scale", "web"});
    CHECK(out.status == 0);
    CHECK(out.out == "Created deployment k1\n");
    CHECK(json::parse(sent(h, "POST", kMarathon + "/v2/tasks/delete?scale=true")->body) ==
          json({{"ids", {"web.1"}}}));
  }
  SECTION("deployment rollback confirms; --json prints Marathon's answer") {
    h.http->expect("DELETE", kMarathon + "/v2/deployments/d1", 200,
                   R"({"deploymentId":"d2","version":"v"})");
    auto out = h.run({"marathon", "deployment", "rollback", "d1"});
    CHECK(out.status == 0);
    CHECK(out.out == "Created deployment d2 to roll back d1\n");
    h.http->expect("DELETE", kMarathon + "/v2/deployments/d1", 200,
                   R"({"deploymentId":"d2","version":"v"})");
    auto as_json = h.run({"marathon", "deployment", "rollback", "d1", "--json"});
    CHECK(as_json.status == 0);
    CHECK(json::parse(as_json.out) == json({{"deploymentId", "d2"}, {"version", "v"}}));
  }
  SECTION("delay reset") {
    h.http->expect("DELETE", kMarathon + "/v2/queue/web/delay", 204, "");
    auto out = h.run({"marathon", "delay", "reset", "web"});
    CHECK(out.status == 0);
    CHECK(out.out == "Launch delay of '/web' reset\n");
  }
}
