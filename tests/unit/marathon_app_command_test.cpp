#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::Harness;
using nlohmann::json;

namespace {

const char* kToml = "[core]\n  dcos_acs_token = \"tok\"\n  dcos_url = \"https://dcos.example\"\n";
const std::string kMarathon = "https://dcos.example/service/marathon";

std::string fixture(const std::string& name) { return dcos::testing::fixture("marathon", name); }

/// Three apps that exercise every cell rule, in an order that is not the ID order.
const char* kApps = R"({"apps":[
  {"id":"/web/frontend","cmd":null,"args":["serve","--port","80"],"instances":2,"cpus":1.0,
   "mem":128.5,"container":{"type":"DOCKER","docker":{"image":"nginx"}},
   "healthChecks":[{"protocol":"HTTP"}],"tasksRunning":2,"tasksHealthy":1,
   "deployments":[{"id":"d1"}],"role":"slave_public","futureField":{"x":1}},
  {"id":"/batch","cmd":"python3 -m worker --queue=jobs --concurrency=8","cpus":0.25,"mem":64,
   "tasksRunning":0,"deployments":[]},
  {"id":"/api","cmd":"./api","instances":1,"cpus":0.001,"mem":32,"tasksRunning":1,
   "healthChecks":[],"deployments":[{"id":"d2"}]}]})";

const char* kDeployments = R"([
  {"id":"d1","currentActions":[{"action":"ScaleApplication","app":"/web/frontend"},
                               {"action":"RestartApplication","app":"/web/frontend"},
                               {"action":"ScalePod","pod":"/web/frontend-pod"}]},
  {"id":"d2","currentActions":[{"action":"ResolveArtifacts","app":"/api"}]},
  {"id":"d3","currentActions":[{"action":"StopApplication","app":"/batch"}]}])";

/// A pod item first: the upstream CLI crashed on it.
const char* kQueue = R"({"queue":[
  {"pod":{"id":"/web/frontend-pod"},"count":1,"delay":{"overdue":true}},
  {"app":{"id":"/batch"},"count":1,"delay":{"overdue":true}},
  {"app":{"id":"/api"},"count":0,"delay":{"overdue":false}}]})";

}  // namespace

TEST_CASE("marathon app list renders the upstream fixtures as a table") {
  REQUIRE_SHARED();
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, fixture("app_list.json"));
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, fixture("deployments.json"));
  h.http->expect("GET", kMarathon + "/v2/queue", 200, fixture("queue.json"));
  auto out = h.run({"marathon", "app", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  // /myapp: 0 of 3 running, an empty healthChecks array, a deployment that is not running any
  // more, not in the queue, "container": null.
  CHECK(out.out ==
        "    ID    MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER        CMD        "
        "ROLE  \n"
        "  /myapp  5    0.1   0/3    ---     ---         false    MESOS      env && sleep 60     "
        "   \n");
  CHECK(out.err.empty());
}

TEST_CASE("marathon app list applies every cell rule, sorted by ID") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, kApps);
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, kDeployments);
  h.http->expect("GET", kMarathon + "/v2/queue", 200, kQueue);
  auto out = h.run({"marathon", "app", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(
      out.out ==
      "       ID         MEM   CPUS   TASKS  HEALTH    DEPLOYMENT     WAITING  CONTAINER       "
      "        CMD                    ROLE      \n"
      "  /api           32     0.001  1/1    ---     artifacts        false    MESOS      ./api "
      "                                        \n"
      "  /batch         64     0.25   0/0    ---     ---              true     MESOS      python3 "
      "-m worker --queue=j...                \n"
      "  /web/frontend  128.5  1      2/2    1/2     (scale,restart)  false    DOCKER     [serve, "
      "--port, 80]             slave_public  \n");
  CHECK(out.err.empty());
}

TEST_CASE("marathon app list of no apps prints the header only") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, R"({"apps":[]})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, "[]");
  h.http->expect("GET", kMarathon + "/v2/queue", 200, R"({"queue":[]})");
  auto out = h.run({"marathon", "app", "list"});
  CHECK(out.status == 0);
  CHECK(out.out == "  ID  MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER  CMD  ROLE  \n");
}

TEST_CASE("marathon app list -q prints the ids in the server's order, and wins over --json") {
  for (auto args : {std::vector<std::string>{"marathon", "app", "list", "-q"},
                    std::vector<std::string>{"marathon", "app", "list", "--quiet", "--json"}}) {
    Harness h;
    h.add_cluster("c1", kToml);
    h.http->expect("GET", kMarathon + "/v2/apps", 200, kApps);
    auto out = h.run(args);
    CHECK(out.status == 0);
    CHECK(out.out == "/web/frontend\n/batch\n/api\n");
    CHECK(h.http->requests.size() == 1);
  }
}

TEST_CASE("marathon app list --json prints the server's app objects unchanged") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, kApps);
  auto out = h.run({"marathon", "app", "list", "--json"});
  REQUIRE(out.status == 0);
  CHECK(json::parse(out.out) == json::parse(kApps)["apps"]);
  // 4-space indent, and fields the CLI knows nothing about are still there.
  CHECK(out.out.rfind("[\n    {\n        \"args\": [\n            \"serve\",", 0) == 0);
  CHECK(out.out.find("\n        \"futureField\": {\n            \"x\": 1\n        },") !=
        std::string::npos);
  CHECK(out.out.back() == '\n');
  CHECK(h.http->requests.size() == 1);
}

TEST_CASE("marathon app list --json passes the upstream fixture's old fields through") {
  REQUIRE_SHARED();
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, fixture("app_list.json"));
  auto out = h.run({"marathon", "app", "list", "--json"});
  REQUIRE(out.status == 0);
  CHECK(json::parse(out.out) == json::parse(fixture("app_list.json"))["apps"]);
  CHECK(out.out.find("\n        \"uris\": [\n") != std::string::npos);
  CHECK(out.out.find("\n        \"container\": null,\n") != std::string::npos);
}

TEST_CASE("marathon app list names the call that failed") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 200, kApps);
  // Sent once: HTTP 500 is not one of the statuses the client retries (502, 503, 504).
  h.http->expect("GET", kMarathon + "/v2/deployments", 500, R"({"message":"boom"})");
  auto out = h.run({"marathon", "app", "list"});
  CHECK(out.status == 1);
  CHECK(out.out.empty());
  CHECK(out.err == "Error: unable to get Marathon deployments: HTTP 500 from GET " + kMarathon +
                       "/v2/deployments: boom\n");
}

TEST_CASE("marathon app list with an expired token exits 4 with the login hint") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps", 401, "");
  // The deployments are fetched beside the apps, so that request goes out too; the same
  // expired token is refused there as well (which spares the queue request).
  h.http->expect("GET", kMarathon + "/v2/deployments", 401, "");
  auto out = h.run({"marathon", "app", "list"});
  CHECK(out.status == 4);
  CHECK(out.err.find("Hint: run 'dcos auth login'") != std::string::npos);
}

TEST_CASE("marathon app show prints the app object as JSON, or YAML with --yaml") {
  const char* body = R"({"app":{"id":"/kafka","instances":1,"labels":{"tier":"1"},"x":null}})";
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka", 200, body);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka", 200, body);
  auto out = h.run({"marathon", "app", "show", "kafka"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "{\n    \"id\": \"/kafka\",\n    \"instances\": 1,\n    \"labels\": {\n        \"tier\": "
        "\"1\"\n    },\n    \"x\": null\n}\n");
  auto yaml = h.run({"marathon", "app", "show", "/kafka", "--yaml"});
  REQUIRE(yaml.status == 0);
  CHECK(yaml.out == "id: /kafka\ninstances: 1\nlabels:\n  tier: \"1\"\nx: ~\n");
}

TEST_CASE("marathon app show refuses invalid ids with exit 2 and sends nothing") {
  for (const char* id : {"/Kafka", "my_app", "/a/versions"}) {
    INFO(id);
    Harness h;
    h.add_cluster("c1", kToml);
    auto out = h.run({"marathon", "app", "show", id});
    CHECK(out.status == 2);
    CHECK(out.out.empty());
    CHECK(out.err.rfind(std::string("Error: invalid app id '") + id + "': ", 0) == 0);
    CHECK(h.http->requests.empty());
  }
}

TEST_CASE("marathon app show of a missing app exits 3") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka", 404,
                 R"({"message":"App '/kafka' does not exist","details":[]})");
  auto out = h.run({"marathon", "app", "show", "kafka"});
  CHECK(out.status == 3);
  CHECK(out.out.empty());
  CHECK(out.err == "Error: app '/kafka' does not exist\n");
}

TEST_CASE("marathon app show --app-version=-1 picks the second version") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka/versions", 200,
                 R"({"versions":["2015-09-29T15:59:51.164Z","2015-09-25T15:13:48.343Z",)"
                 R"("2015-09-20T10:00:00.000Z"]})");
  h.http->expect("GET", kMarathon + "/v2/apps/kafka/versions/2015-09-25T15:13:48.343Z", 200,
                 R"({"id":"/kafka","cmd":"second"})");
  auto out = h.run({"marathon", "app", "show", "--app-version=-1", "/kafka"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out == "{\n    \"cmd\": \"second\",\n    \"id\": \"/kafka\"\n}\n");
  CHECK(h.http->requests.size() == 2);
}

TEST_CASE("marathon app show with an absolute version asks for that version only") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka/versions/2015-09-25T15:13:48.343Z", 200,
                 R"({"id":"/kafka"})");
  auto out = h.run({"marathon", "app", "show", "kafka", "--app-version=2015-09-25T15:13:48.343Z"});
  CHECK(out.status == 0);
  CHECK(out.out == "{\n    \"id\": \"/kafka\"\n}\n");
  CHECK(h.http->requests.size() == 1);
}

TEST_CASE("marathon app show refuses a positive relative version before any request") {
  Harness h;
  h.add_cluster("c1", kToml);
  auto out = h.run({"marathon", "app", "show", "kafka", "--app-version=2"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: relative versions must be negative: 2\n");
  CHECK(h.http->requests.empty());
}

TEST_CASE("marathon app show with too few versions, or a bad timestamp, says so") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka/versions", 200,
                 R"({"versions":["2015-09-29T15:59:51.164Z","2015-09-25T15:13:48.343Z"]})");
  auto few = h.run({"marathon", "app", "show", "kafka", "--app-version=-2"});
  CHECK(few.status == 3);
  CHECK(few.err == "Error: application '/kafka' only has 2 version(s)\n");

  // A word is refused before any request (a usage error); a shortened date Marathon may read
  // is sent, and Marathon's 422 for it is a usage error too.
  auto bad = h.run({"marathon", "app", "show", "kafka", "--app-version=last-week"});
  CHECK(bad.status == 2);
  CHECK(bad.err.rfind("Error: invalid --app-version 'last-week': give an ISO-8601 timestamp, or "
                      "-N for the Nth version before the current one\n",
                      0) == 0);
  h.http->expect("GET", kMarathon + "/v2/apps/kafka/versions/2015-09", 422,
                 R"({"message":"Invalid timestamp provided '2015-09'."})");
  auto short_date = h.run({"marathon", "app", "show", "kafka", "--app-version=2015-09"});
  CHECK(short_date.status == 2);
  CHECK(short_date.err ==
        "Error: invalid timestamp provided '2015-09', expecting ISO-8601 datetime string\n");
}

TEST_CASE("marathon app show takes either --json or --yaml") {
  Harness h;
  h.add_cluster("c1", kToml);
  auto out = h.run({"marathon", "app", "show", "kafka", "--json", "--yaml"});
  CHECK(out.status == 2);
  CHECK(h.http->requests.empty());
}
