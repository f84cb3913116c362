#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/errors.hpp"
#include "client/marathon.hpp"
#include "support/marathon_client_fixture.hpp"

using dcos::ErrorKind;
using dcos::MarathonClient;
using dcos::validate_app_id;
using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string& kBase = dcos::testing::kMarathonBase;

std::string fixture(const std::string& name) { return dcos::testing::marathon_fixture(name); }

using Fixture = dcos::testing::MarathonFixture;

}  // namespace

TEST_CASE("marathon client: app ids are normalised to one leading slash") {
  CHECK(*validate_app_id("demo/hello") == "/demo/hello");
  CHECK(*validate_app_id("/demo/hello/") == "/demo/hello");
  CHECK(*validate_app_id("//a//b") == "/a/b");
  CHECK(*validate_app_id("/prod/web.v2/api-1") == "/prod/web.v2/api-1");
  CHECK(*validate_app_id("/a/../b") == "/b");
  CHECK(*validate_app_id("./x/./y") == "/x/y");
  CHECK(*validate_app_id("0") == "/0");
}

TEST_CASE("marathon client: app ids breaking Marathon's segment rules are usage errors") {
  for (const char* bad : {"/My-App", "my_app", "/a b", "/-a", "/a-", "/a..b", "/a/.b", "/a/b.", "",
                          "/", "//", "/a/tasks", "/a/versions", "restart", "/a/..", "/a/."}) {
    INFO(bad);
    auto id = validate_app_id(bad);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().kind == ErrorKind::usage);
    CHECK(id.error().message.rfind("invalid app id '" + std::string(bad) + "': ", 0) == 0);
  }
  CHECK(validate_app_id("/My_App").error().message ==
        "invalid app id '/My_App': 'My_App' is not a valid path segment: use lowercase letters, "
        "digits, '-' and '.', and start and end each part between dots with a letter or digit");
  CHECK(validate_app_id("/").error().message ==
        "invalid app id '/': it must name an app, not the root group");
  CHECK(validate_app_id("/a/tasks").error().message ==
        "invalid app id '/a/tasks': it must not end with any of the reserved words restart, "
        "tasks, versions, ., ..");
}

TEST_CASE("marathon client: an invalid id sends no request") {
  Fixture f;
  auto marathon = f.marathon();
  CHECK(marathon.get_app("/Bad_App").error().kind == ErrorKind::usage);
  CHECK(marathon.app_versions("a_b").error().kind == ErrorKind::usage);
  CHECK(marathon.app_version("UP", "2015-09-25T15:13:48.343Z").error().kind == ErrorKind::usage);
  CHECK(f.transport.requests.empty());
}

TEST_CASE("marathon client: list_apps reads the upstream app list") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/apps", 200, fixture("app_list.json"));
  auto apps = f.marathon().list_apps();
  REQUIRE(apps.ok());
  REQUIRE(apps->size() == 1);
  const auto& app = apps->front();
  CHECK(app.id == "/myapp");
  CHECK(app.cmd == "env && sleep 60");
  CHECK(app.args.empty());
  CHECK(app.mem == 5);
  CHECK(app.cpus == 0.1);
  CHECK(app.instances == 3);
  CHECK(app.tasks_running == 0);
  CHECK(app.tasks_healthy == 0);
  CHECK(app.health_checks == 0);
  CHECK(app.deployment_ids == std::vector<std::string>{"9538079c-3898-4e32-aa31-799bf9097f74"});
  CHECK(app.container_type.empty());
  CHECK(app.role.empty());
  // The raw object keeps what the typed view does not read.
  CHECK(app.raw.at("uris").at(0) == "https://raw.github.com/mesosphere/marathon/master/README.md");
  CHECK(app.raw.at("ports") == json::array({10013, 10015}));
  REQUIRE(f.transport.requests.size() == 1);
  CHECK(dcos::header_value(f.transport.requests[0].headers, "Accept") == "application/json");
  CHECK(dcos::header_value(f.transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("marathon client: list_deployments reads the upstream deployments") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/deployments", 200, fixture("deployments.json"));
  auto deployments = f.marathon().list_deployments();
  REQUIRE(deployments.ok());
  REQUIRE(deployments->size() == 1);
  const auto& deployment = deployments->front();
  CHECK(deployment.id == "97c136bf-5a28-4821-9d94-480d9fbb01c8");
  CHECK(deployment.affected_apps == std::vector<std::string>{"/foo"});
  REQUIRE(deployment.current_actions.size() == 1);
  CHECK(deployment.current_actions[0].action == "ScaleApplication");
  CHECK(deployment.current_actions[0].app == "/foo");
  CHECK(deployment.current_actions[0].pod.empty());
}

TEST_CASE("marathon client: queue reads the upstream queue, and pod items too") {
  REQUIRE_SHARED();
  Fixture f;
  json body = json::parse(fixture("queue.json"));
  body["queue"].push_back(
      {{"pod", {{"id", "/bla"}}}, {"count", 1}, {"delay", {{"overdue", false}}}});
  f.transport.expect("GET", kBase + "/v2/queue", 200, body.dump());
  auto queue = f.marathon().queue();
  REQUIRE(queue.ok());
  REQUIRE(queue->size() == 3);
  CHECK((*queue)[0].app_id == "/tools/datadog-agent");
  CHECK((*queue)[0].overdue);
  CHECK((*queue)[1].app_id == "/foo");
  CHECK((*queue)[1].overdue);
  CHECK((*queue)[1].raw.at("count") == 2);
  CHECK((*queue)[2].app_id.empty());
  CHECK((*queue)[2].pod_id == "/bla");
  CHECK_FALSE((*queue)[2].overdue);
}

TEST_CASE("marathon client: get_app returns the app object, a 404 names the app") {
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/apps/demo/hello", 200,
                     R"({"app":{"id":"/demo/hello","instances":2,"newField":[1]}})");
  f.transport.expect("GET", kBase + "/v2/apps/kafka", 404,
                     R"({"message":"App '/kafka' does not exist","details":[]})");
  auto marathon = f.marathon();
  auto app = marathon.get_app("demo/hello/");
  REQUIRE(app.ok());
  CHECK(app->id == "/demo/hello");
  CHECK(app->instances == 2);
  CHECK(app->raw == json::parse(R"({"id":"/demo/hello","instances":2,"newField":[1]})"));
  auto missing = marathon.get_app("kafka");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message == "app '/kafka' does not exist");
}

TEST_CASE("marathon client: a 422 lists each error of each path on its own line, in words") {
  Fixture f;
  f.transport.expect(
      "GET", kBase + "/v2/apps", 422,
      R"({"message":"Object is not valid","details":[{"path":"/id","errors":["error.pattern"]},)"
      R"({"path":"/upgradeStrategy/minimumHealthCapacity","errors":["is greater than 1","x"]}]})");
  auto apps = f.marathon().list_apps();
  REQUIRE_FALSE(apps.ok());
  CHECK(apps.error().kind == ErrorKind::invalid);
  CHECK(apps.error().message ==
        "unable to get Marathon apps: the server rejected the request (HTTP 422 from GET " + kBase +
            "/v2/apps): Object is not valid\n  /id: is not in the form Marathon expects\n"
            "  /upgradeStrategy/minimumHealthCapacity: is greater than 1\n"
            "  /upgradeStrategy/minimumHealthCapacity: x");
}

TEST_CASE("marathon client: a 400 with string details shows them as they are") {
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/deployments", 400,
                     R"({"message":"Invalid JSON","details":"Unexpected end-of-input"})");
  auto deployments = f.marathon().list_deployments();
  REQUIRE_FALSE(deployments.ok());
  CHECK(deployments.error().message ==
        "unable to get Marathon deployments: the server rejected the request (HTTP 400 from GET " +
            kBase + "/v2/deployments): Invalid JSON\nUnexpected end-of-input");
}

TEST_CASE("marathon client: server failures keep their kind, a 401 stays a login error") {
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/queue", 503, R"({"message":"timed out"})");
  f.transport.expect("GET", kBase + "/v2/queue", 200, R"({"nothing":[]})");
  f.transport.expect("GET", kBase + "/v2/apps", 401, "");
  auto marathon = f.marathon();
  auto down = marathon.queue();
  CHECK(down.error().kind == ErrorKind::server);
  CHECK(down.error().message ==
        "unable to get Marathon queue: HTTP 503 from GET " + kBase + "/v2/queue: timed out");
  auto odd = marathon.queue();
  CHECK(odd.error().kind == ErrorKind::server);
  CHECK(
      odd.error().message ==
      "unable to get Marathon queue: Marathon's answer to GET /v2/queue is not the JSON expected");
  auto login = marathon.list_apps();
  CHECK(login.error().kind == ErrorKind::auth);
  CHECK(dcos::hint_for(login.error()) == "run 'dcos auth login'");
}

TEST_CASE("marathon client: versions and one version of an app") {
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/apps/kafka/versions", 200,
                     R"({"versions":["2015-09-29T15:59:51.164Z","2015-09-25T15:13:48.343Z"]})");
  f.transport.expect("GET", kBase + "/v2/apps/kafka/versions/2015-09-25T15:13:48.343Z", 200,
                     R"({"id":"/kafka","cmd":"old"})");
  f.transport.expect("GET", kBase + "/v2/apps/kafka/versions/2015-09-25T15:13:48%2B01:00", 404,
                     R"({"message":"App '/kafka' does not exist in version x","details":[]})");
  f.transport.expect("GET", kBase + "/v2/apps/kafka/versions/2015-13", 422,
                     R"({"message":"Invalid timestamp provided '2015-13'."})");
  f.transport.expect("GET", kBase + "/v2/apps/gone/versions", 404,
                     R"({"message":"App '/gone' does not exist","details":[]})");
  auto marathon = f.marathon();
  auto versions = marathon.app_versions("/kafka");
  REQUIRE(versions.ok());
  CHECK(*versions ==
        std::vector<std::string>{"2015-09-29T15:59:51.164Z", "2015-09-25T15:13:48.343Z"});
  auto old = marathon.app_version("kafka", "2015-09-25T15:13:48.343Z");
  REQUIRE(old.ok());
  CHECK(*old == json::parse(R"({"id":"/kafka","cmd":"old"})"));
  auto missing = marathon.app_version("kafka", "2015-09-25T15:13:48+01:00");
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message ==
        "app '/kafka' does not exist in version 2015-09-25T15:13:48+01:00");
  // A word is refused without a request; what only Marathon can tell is wrong is sent, and its
  // 422 is a usage error too: the version is the user's input.
  auto word = marathon.app_version("kafka", "yesterday");
  CHECK(word.error().kind == ErrorKind::usage);
  CHECK(word.error().message ==
        "invalid version 'yesterday': expected an ISO-8601 timestamp such as "
        "2024-05-01T10:00:00.000Z");
  auto bad = marathon.app_version("kafka", "2015-13");
  CHECK(bad.error().kind == ErrorKind::usage);
  CHECK(bad.error().message ==
        "invalid timestamp provided '2015-13', expecting ISO-8601 datetime string");
  auto gone = marathon.app_versions("gone");
  CHECK(gone.error().kind == ErrorKind::not_found);
  CHECK(gone.error().message == "app '/gone' does not exist");
}
