// `dcos cassandra` against a fake cluster: which ring the verbs talk to (Marathon's labelled
// apps, or --name in its three forms), the node table, JSON and ids, node show, the node
// states, replace's refusals explained one precondition at a time and replace --terminate,
// health and its exit status, job start conflicts and status, scale's refusal and --wait,
// seeds and connection.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

const std::string kApps =
    dcos::testing::kMarathonUrl + "/v2/apps?label=DCOS_PACKAGE_NAME==cassandra";
const std::string kApi = "https://dcos.example/service/cassandra.dev";
/// The clock of every test: 2015-08-18 12:00:00 UTC.
constexpr long long kNow = 1439899200000;

json app(const std::string& id, const std::string& framework) {
  return {
      {"id", id},
      {"labels", {{"DCOS_PACKAGE_NAME", "cassandra"}, {"DCOS_PACKAGE_FRAMEWORK_NAME", framework}}}};
}

std::string apps(const std::vector<json>& list) { return json{{"apps", json(list)}}.dump(); }

/// A harness whose cluster runs the one ring cassandra.dev, and whose clock is kNow.
struct RingHarness : ClusterHarness {
  RingHarness() { clock = std::chrono::system_clock::time_point(milliseconds(kNow)); }
  /// Expects the look-up of the installed rings (one ring, cassandra.dev).
  void expect_ring() {
    http->expect("GET", kApps, 200, apps({app("/cassandra/dev", "cassandra.dev")}));
  }
};

json node(int k, const std::string& state, bool seed, bool server, const std::string& mode,
          bool healthy, long long checked_ago_ms) {
  const std::string ip = "10.0.0." + std::to_string(k);
  const std::string executor = "cassandra.dev.node." + std::to_string(k) + ".executor";
  json tasks = json::object();
  if (state != "GONE")
    tasks["METADATA"] = {{"cpuCores", 0.1},
                         {"diskMb", 0},
                         {"memMb", 32},
                         {"taskId", executor},
                         {"taskName", executor}};
  if (server)
    tasks["SERVER"] = {{"cpuCores", 3.0},
                       {"diskMb", 30720},
                       {"memMb", 6144},
                       {"taskId", executor + ".server"},
                       {"taskName", "cassandra.dev.node"}};
  return {{"tasks", tasks},
          {"executorId", executor},
          {"workdir", "/sandbox/" + executor},
          {"ip", ip},
          {"hostname", "agent" + std::to_string(k)},
          {"targetRunState", state == "GONE" ? "TERMINATE" : state},
          {"jmxPort", 7199},
          {"seedNode", seed},
          {"rackDc", {{"rack", "RAC1"}, {"dc", "DC1"}}},
          {"cassandraDaemonPid", server ? json(4000 + k) : json(nullptr)},
          {"lastHealthCheck", kNow - checked_ago_ms},
          {"healthCheckDetails",
           {{"healthy", healthy},
            {"msg", ""},
            {"version", "2.1.4"},
            {"operationMode", mode},
            {"clusterName", "cassandra.dev"},
            {"dataCenter", "DC1"},
            {"rack", "RAC1"},
            {"endpoint", ip},
            {"hostId", "host-" + std::to_string(k)},
            {"joined", true},
            {"gossipInitialized", true},
            {"gossipRunning", true},
            {"nativeTransportRunning", healthy},
            {"rpcServerRunning", healthy},
            {"tokenCount", 256},
            {"uptimeMillis", 125000}}},
          {"dataVolumes", json::array({{{"path", "."}}})}};
}

std::string node_all(const json& nodes, const json& queued = json::array(), int to_acquire = 0) {
  return json{{"replaceNodes", queued}, {"nodesToAcquire", to_acquire}, {"nodes", nodes}}.dump(2);
}

json three_nodes() {
  return json::array({node(1, "RUN", true, true, "NORMAL", true, 12000),
                      node(2, "RUN", true, true, "NORMAL", true, 45000),
                      node(3, "STOP", false, false, "JOINING", false, 400000)});
}

json report(bool healthy, int nodes = 3) {
  json checks = json::array();
  checks.push_back({{"name", "nodeCount"}, {"ok", nodes == 3}, {"expected", 3}, {"actual", nodes}});
  checks.push_back({{"name", "seedCount"}, {"ok", true}, {"expected", 2}, {"actual", 2}});
  checks.push_back({{"name", "allHealthy"},
                    {"ok", healthy},
                    {"expected", {true, true, true}},
                    {"actual", {true, true, healthy}}});
  checks.push_back({{"name", "lastHealthCheckNewerThan"},
                    {"ok", true},
                    {"expected", {kNow - 300000, kNow - 300000}},
                    {"actual", {kNow - 12000, kNow - 45000}}});
  return {{"healthy", healthy}, {"results", checks}};
}

}  // namespace

TEST_CASE("cassandra node list: the ring's nodes as a table, JSON or IPs", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  auto table = h.run({"cassandra", "node", "list"});
  CHECK(table.status == 0);
  CHECK(table.err == "");
  CHECK(table.out ==
        "  IP        HOSTNAME  EXECUTOR                       STATE  SEED  MODE     HEALTHY  "
        "SERVER  LAST CHECK\n"
        "  10.0.0.1  agent1    cassandra.dev.node.1.executor  RUN    yes   NORMAL   yes      yes   "
        "  12s\n"
        "  10.0.0.2  agent2    cassandra.dev.node.2.executor  RUN    yes   NORMAL   yes      yes   "
        "  45s\n"
        "  10.0.0.3  agent3    cassandra.dev.node.3.executor  STOP   no    JOINING  no       no    "
        "  6m\n");
  REQUIRE(h.http->requests.size() == 2);
  CHECK(h.http->requests[1].url == kApi + "/node/all");
  CHECK(dcos::header_value(h.http->requests[1].headers, "Authorization") == "token=tok");

  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  auto as_json = h.run({"cassandra", "node", "list", "--json"});
  CHECK(as_json.status == 0);
  CHECK(json::parse(as_json.out) == json::parse(node_all(three_nodes())));

  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  CHECK(h.run({"cassandra", "node", "list", "-q"}).out == "10.0.0.1\n10.0.0.2\n10.0.0.3\n");
}

TEST_CASE("cassandra node list passes the docs' /node/all through", "[cassandra]") {
  REQUIRE_SHARED();
  RingHarness h;
  const std::string body = dcos::testing::fixture("cassandra", "node-all.json");
  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, body);
  auto listed = h.run({"cassandra", "node", "list", "--json"});
  CHECK(listed.status == 0);
  CHECK(json::parse(listed.out) == json::parse(body));
  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, body);
  auto table = h.run({"cassandra", "node", "list"});
  CHECK(table.status == 0);
  CHECK(
      table.out.find("  127.0.0.1  localhost  cassandra.node.1.executor  RUN    no    JOINING ") !=
      std::string::npos);
}

TEST_CASE("cassandra: the ring comes from Marathon's labelled apps, or --name", "[cassandra]") {
  RingHarness h;
  h.http->expect("GET", kApps, 200, apps({}));
  auto none = h.run({"cassandra", "node", "list"});
  CHECK(none.status == 3);
  CHECK(none.out == "");
  CHECK(none.err ==
        "Error: no Cassandra service is installed (no Marathon app is labelled "
        "DCOS_PACKAGE_NAME=cassandra)\n"
        "Hint: install one with 'dcos package install cassandra', or name a ring installed "
        "another way with --name <ring>\n");

  h.http->expect(
      "GET", kApps, 200,
      apps({app("/cassandra/dev", "cassandra.dev"), app("/cassandra/user3", "cassandra.user3")}));
  auto several = h.run({"cassandra", "health"});
  CHECK(several.status == 6);
  CHECK(several.err ==
        "Error: several Cassandra services are installed: cassandra.dev (/cassandra/dev), "
        "cassandra.user3 (/cassandra/user3)\n"
        "Hint: choose one with --name, e.g. --name dev\n");

  // The ring name and the framework name need no look-up.
  const std::string user3 = "https://dcos.example/service/cassandra.user3";
  h.http->expect("GET", user3 + "/node/seed/all", 200,
                 R"({"nativePort":9042,"rpcPort":9160,"jmxPort":7199,"seeds":["10.0.1.1"]})");
  CHECK(h.run({"cassandra", "seeds", "-q", "--name", "user3"}).out == "10.0.1.1\n");
  h.http->expect("GET", user3 + "/node/seed/all", 200,
                 R"({"nativePort":9042,"rpcPort":9160,"jmxPort":7199,"seeds":["10.0.1.1"]})");
  CHECK(h.run({"cassandra", "seeds", "-q", "--name", "cassandra.user3"}).out == "10.0.1.1\n");

  // An app id is looked up among the installed rings.
  h.http->expect(
      "GET", kApps, 200,
      apps({app("/cassandra/dev", "cassandra.dev"), app("/cassandra/user3", "cassandra.user3")}));
  h.http->expect("GET", user3 + "/node/seed/all", 200,
                 R"({"nativePort":9042,"rpcPort":9160,"jmxPort":7199,"seeds":["10.0.1.1"]})");
  CHECK(h.run({"cassandra", "seeds", "-q", "--name", "/cassandra/user3"}).out == "10.0.1.1\n");
  h.http->expect("GET", kApps, 200, apps({app("/cassandra/dev", "cassandra.dev")}));
  auto unknown = h.run({"cassandra", "seeds", "--name", "/cassandra/prod"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err ==
        "Error: no Cassandra service runs as the Marathon app /cassandra/prod; installed: "
        "cassandra.dev (/cassandra/dev)\n");
}

TEST_CASE("cassandra node show: a node by IP, hostname or executor id", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  auto shown = h.run({"cassandra", "node", "show", "agent1"});
  CHECK(shown.status == 0);
  CHECK(shown.out ==
        "IP:                10.0.0.1\n"
        "Hostname:          agent1\n"
        "Executor:          cassandra.dev.node.1.executor\n"
        "Target state:      RUN\n"
        "Seed:              yes\n"
        "Live:              yes\n"
        "Rack/DC:           RAC1 / DC1\n"
        "JMX port:          7199\n"
        "Cassandra PID:     4001\n"
        "Workdir:           /sandbox/cassandra.dev.node.1.executor\n"
        "Tasks:             METADATA cassandra.dev.node.1.executor, SERVER "
        "cassandra.dev.node.1.executor.server\n"
        "Last check:        12s ago\n"
        "Healthy:           yes\n"
        "Mode:              NORMAL\n"
        "Version:           2.1.4\n"
        "Cluster:           cassandra.dev\n"
        "Data center:       DC1\n"
        "Rack:              RAC1\n"
        "Endpoint:          10.0.0.1\n"
        "Host id:           host-1\n"
        "Joined:            yes\n"
        "Native transport:  yes\n"
        "Thrift:            yes\n"
        "Tokens:            256\n"
        "Uptime:            2m05s\n");

  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  auto as_json = h.run({"cassandra", "node", "show", "cassandra.dev.node.3.executor", "--json"});
  CHECK(as_json.status == 0);
  CHECK(json::parse(as_json.out) == three_nodes()[2]);

  h.expect_ring();
  h.http->expect("GET", kApi + "/node/all", 200, node_all(three_nodes()));
  auto missing = h.run({"cassandra", "node", "show", "10.9.9.9"});
  CHECK(missing.status == 3);
  CHECK(missing.err.rfind("Error: no node 10.9.9.9 in ring cassandra.dev\n", 0) == 0);
}

TEST_CASE("cassandra node stop/start/restart/terminate set the target state", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect(
      "POST", kApi + "/node/10.0.0.3/stop", 200,
      R"({"ip":"10.0.0.3","hostname":"agent3","executorId":"e3","targetRunState":"STOP"})");
  auto stopped = h.run({"cassandra", "node", "stop", "10.0.0.3"});
  CHECK(stopped.status == 0);
  CHECK(stopped.out == "");
  CHECK(stopped.err == "");

  h.expect_ring();
  h.http->expect(
      "POST", kApi + "/node/10.0.0.3/terminate", 200,
      R"({"ip":"10.0.0.3","hostname":"agent3","executorId":"e3","targetRunState":"TERMINATE"})");
  auto terminated = h.run({"cassandra", "node", "terminate", "10.0.0.3", "--json"});
  CHECK(terminated.status == 0);
  CHECK(json::parse(terminated.out)["targetRunState"] == "TERMINATE");

  // TERMINATE is final: the scheduler answers 200 and leaves the state as it is.
  h.expect_ring();
  h.http->expect(
      "POST", kApi + "/node/10.0.0.3/start", 200,
      R"({"ip":"10.0.0.3","hostname":"agent3","executorId":"e3","targetRunState":"TERMINATE"})");
  auto restarted = h.run({"cassandra", "node", "start", "10.0.0.3"});
  CHECK(restarted.status == 1);
  CHECK(restarted.err ==
        "Error: node 10.0.0.3 of ring cassandra.dev is terminated, which is final: it cannot "
        "start again\nHint: replace it with 'dcos cassandra node replace 10.0.0.3'\n");

  h.expect_ring();
  h.http->expect("POST", kApi + "/node/10.9.9.9/restart", 404, "");
  auto unknown = h.run({"cassandra", "node", "restart", "10.9.9.9"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no node 10.9.9.9 in ring cassandra.dev\n");
}

TEST_CASE("cassandra node replace explains each refusal the scheduler calls 'No such node'",
          "[cassandra]") {
  const std::string refused = R"({"ipToReplace":"X","success":false,"reason":"No such node"})";
  const std::string bug =
      " (the service's own reason, \"No such node\", is a known bug of cassandra-mesos 0.2.0)\n";
  const std::string terminate_hint =
      "Hint: terminate it first with 'dcos cassandra node terminate {n}', or do both with "
      "'dcos cassandra node replace {n} --terminate'\n";
  auto hinted = [&](const std::string& node) {
    std::string hint = terminate_hint;
    for (size_t at; (at = hint.find("{n}")) != std::string::npos;) hint.replace(at, 3, node);
    return hint;
  };
  json nodes = json::array({node(1, "TERMINATE", true, false, "NORMAL", false, 1000),
                            node(2, "RUN", false, true, "NORMAL", true, 1000),
                            node(3, "STOP", false, false, "NORMAL", false, 1000),
                            node(4, "TERMINATE", false, true, "NORMAL", false, 1000),
                            node(5, "GONE", false, false, "NORMAL", false, 1000)});
  struct Case {
    std::string node;
    int status;
    std::string err;
  };
  const Case cases[] = {
      {"10.0.0.1", 1,
       "Error: cannot replace node 10.0.0.1 of ring cassandra.dev: it is a seed node, and seeds "
       "cannot be replaced" +
           bug +
           "Hint: terminate it with 'dcos cassandra node terminate 10.0.0.1': the scheduler then "
           "acquires a new seed by itself\n"},
      {"10.0.0.2", 1,
       "Error: cannot replace node 10.0.0.2 of ring cassandra.dev: it is still live (its "
       "Cassandra server runs and reports healthy)" +
           bug + hinted("10.0.0.2")},
      {"agent3", 1,
       "Error: cannot replace node agent3 of ring cassandra.dev: its target state is STOP, not "
       "TERMINATE" +
           bug + hinted("agent3")},
      {"10.0.0.4", 1,
       "Error: cannot replace node 10.0.0.4 of ring cassandra.dev: it is terminated but its "
       "tasks still run (METADATA, SERVER)" +
           bug +
           "Hint: wait until 'dcos cassandra node show 10.0.0.4' lists no tasks, then replace it "
           "again\n"},
      {"10.0.0.5", 1,
       "Error: cannot replace node 10.0.0.5 of ring cassandra.dev: its address 10.0.0.5 is "
       "already queued for replacement" +
           bug +
           "Hint: the next node the scheduler acquires takes it over; watch 'dcos cassandra node "
           "list'\n"},
  };
  for (const auto& one : cases) {
    INFO(one.node);
    RingHarness h;
    h.expect_ring();
    h.http->expect("POST", kApi + "/node/" + one.node + "/replace", 400, refused);
    h.http->expect("GET", kApi + "/node/all", 200, node_all(nodes, {"10.0.0.5"}));
    auto result = h.run({"cassandra", "node", "replace", one.node});
    CHECK(result.status == one.status);
    CHECK(result.out == "");
    CHECK(result.err == one.err);
  }

  RingHarness h;
  h.expect_ring();
  h.http->expect(
      "POST", kApi + "/node/10.0.0.5/replace", 200,
      R"({"ipToReplace":"10.0.0.5","success":true,"hostname":"agent5","targetRunState":"TERMINATE"})");
  auto queued = h.run({"cassandra", "node", "replace", "10.0.0.5"});
  CHECK(queued.status == 0);
  CHECK(queued.out == "");
  CHECK(queued.err ==
        "Queued 10.0.0.5 for replacement: the next node the scheduler acquires starts "
        "Cassandra in its place.\n");
}

TEST_CASE("cassandra node replace --terminate terminates, waits for the tasks, then replaces",
          "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect(
      "POST", kApi + "/node/10.0.0.4/terminate", 200,
      R"({"ip":"10.0.0.4","hostname":"agent4","executorId":"e4","targetRunState":"TERMINATE"})");
  h.http->expect("GET", kApi + "/node/all", 200,
                 node_all(json::array({node(4, "TERMINATE", false, true, "NORMAL", false, 1000)})));
  h.http->expect(
      "GET", kApi + "/node/all", 200,
      node_all(json::array({node(4, "TERMINATE", false, false, "NORMAL", false, 1000)})));
  h.http->expect("GET", kApi + "/node/all", 200,
                 node_all(json::array({node(4, "GONE", false, false, "NORMAL", false, 1000)})));
  h.http->expect(
      "POST", kApi + "/node/10.0.0.4/replace", 200,
      R"({"ipToReplace":"10.0.0.4","success":true,"hostname":"agent4","targetRunState":"TERMINATE"})");
  auto result = h.run({"cassandra", "node", "replace", "10.0.0.4", "--terminate", "--json"});
  CHECK(result.status == 0);
  CHECK(result.err == "");
  CHECK(json::parse(result.out)["ipToReplace"] == "10.0.0.4");
  CHECK(h.slept == std::vector<milliseconds>{milliseconds(250), milliseconds(500)});
}

TEST_CASE("cassandra health: the report's checks, exit 1 when the ring is unhealthy",
          "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(true).dump());
  auto healthy = h.run({"cassandra", "health"});
  CHECK(healthy.status == 0);
  CHECK(healthy.err == "");
  CHECK(healthy.out ==
        "  NAME                      OK   EXPECTED        ACTUAL\n"
        "  nodeCount                 yes               3                3\n"
        "  seedCount                 yes               2                2\n"
        "  allHealthy                yes  true,true,true  true,true,true\n"
        "  lastHealthCheckNewerThan  yes  5m ago,5m ago   12s ago,45s ago\n"
        "Ring cassandra.dev is healthy.\n");

  h.expect_ring();
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(false, 2).dump());
  auto unhealthy = h.run({"cassandra", "health"});
  CHECK(unhealthy.status == 1);
  CHECK(unhealthy.err == "");
  CHECK(unhealthy.out.find("  nodeCount                 no                3                2\n") !=
        std::string::npos);
  CHECK(unhealthy.out.find("Ring cassandra.dev is unhealthy: 2 of 4 checks fail.\n") !=
        std::string::npos);

  h.expect_ring();
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(false).dump());
  auto as_json = h.run({"cassandra", "health", "--json"});
  CHECK(as_json.status == 1);
  CHECK(json::parse(as_json.out) == report(false));
}

TEST_CASE("cassandra health reads the docs' report", "[cassandra]") {
  REQUIRE_SHARED();
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/health/cluster/report", 200,
                 dcos::testing::fixture("cassandra", "health-cluster-report.json"));
  auto result = h.run({"cassandra", "health"});
  CHECK(result.status == 1);
  CHECK(result.out.find("  operatingModeNormal       no   NORMAL,NORMAL,NORMAL") !=
        std::string::npos);
  CHECK(result.out.find("Ring cassandra.dev is unhealthy: 5 of 6 checks fail.\n") !=
        std::string::npos);
}

TEST_CASE("cassandra repair start: refused while another job runs, naming it", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect("POST", kApi + "/cluster/repair/start", 200, "{\n  \"started\" : true\n}");
  auto started = h.run({"cassandra", "repair", "start"});
  CHECK(started.status == 0);
  CHECK(started.out == "");
  CHECK(started.err == "");

  h.expect_ring();
  h.http->expect("POST", kApi + "/cluster/repair/start", 200, "{\n  \"started\" : false\n}");
  h.http->expect("GET", kApi + "/config", 200,
                 json{{"frameworkName", "cassandra.dev"},
                      {"currentClusterTask",
                       {{"type", "CLEANUP"}, {"started", kNow - 5000}, {"aborted", false}}}}
                     .dump());
  auto busy = h.run({"cassandra", "repair", "start"});
  CHECK(busy.status == 1);
  CHECK(busy.err ==
        "Error: cannot start a repair of ring cassandra.dev: a cleanup is running, and only one "
        "job runs in a ring at a time\n"
        "Hint: follow it with 'dcos cassandra cleanup status', or abort it with 'dcos cassandra "
        "cleanup abort'\n");

  h.expect_ring();
  h.http->expect("POST", kApi + "/cluster/cleanup/abort", 200, "{\n  \"aborted\" : false\n}");
  auto idle = h.run({"cassandra", "cleanup", "abort"});
  CHECK(idle.status == 1);
  CHECK(idle.err ==
        "Error: no cleanup is running in ring cassandra.dev, or it is already aborting\n");
}

TEST_CASE("cassandra repair status: the running job node by node, else the last one",
          "[cassandra]") {
  json running = {{"type", "REPAIR"},
                  {"started", kNow - 90000},
                  {"finished", nullptr},
                  {"aborted", false},
                  {"remainingNodes", {"cassandra.dev.node.3.executor"}},
                  {"currentNode",
                   {{"executorId", "cassandra.dev.node.2.executor"},
                    {"taskId", "cassandra.dev.node.2.executor.REPAIR"},
                    {"ip", "10.0.0.2"},
                    {"processedKeyspaces", json::object()},
                    {"remainingKeyspaces", {"ks"}}}},
                  {"completedNodes",
                   {{{"executorId", "cassandra.dev.node.1.executor"},
                     {"taskId", "cassandra.dev.node.1.executor.REPAIR"},
                     {"ip", "10.0.0.1"},
                     {"processedKeyspaces",
                      {{"ks", {{"status", "FINISHED"}, {"durationMillis", 20}}},
                       {"system_traces", {{"status", "FINISHED"}, {"durationMillis", 10}}}}},
                     {"remainingKeyspaces", json::array()}}}}};
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/cluster/repair/status", 200,
                 json{{"running", true}, {"repair", running}}.dump());
  auto status = h.run({"cassandra", "repair", "status"});
  CHECK(status.status == 0);
  CHECK(status.out ==
        "Repair of ring cassandra.dev: running, started 90s ago; 1 of 3 nodes done\n"
        "  EXECUTOR                       IP        STATUS   KEYSPACES\n"
        "  cassandra.dev.node.1.executor  10.0.0.1  done     ks FINISHED, system_traces FINISHED\n"
        "  cassandra.dev.node.2.executor  10.0.0.2  running  1 to go\n"
        "  cassandra.dev.node.3.executor  -         waiting  -\n");

  json done = running;
  done["finished"] = kNow - 60000;
  done["currentNode"] = nullptr;
  done["remainingNodes"] = json::array();
  h.expect_ring();
  h.http->expect("GET", kApi + "/cluster/repair/status", 200, R"({"running":false,"repair":null})");
  h.http->expect("GET", kApi + "/cluster/repair/last", 200,
                 json{{"present", true}, {"repair", done}}.dump());
  auto last = h.run({"cassandra", "repair", "status"});
  CHECK(last.status == 0);
  CHECK(last.out.rfind("No repair is running; the last one:\n"
                       "Repair of ring cassandra.dev: finished 60s ago, took 30s; 1 of 1 nodes "
                       "done\n",
                       0) == 0);

  h.expect_ring();
  h.http->expect("GET", kApi + "/cluster/cleanup/status", 200,
                 R"({"running":false,"cleanup":null})");
  h.http->expect("GET", kApi + "/cluster/cleanup/last", 200, R"({"present":false,"cleanup":null})");
  auto never = h.run({"cassandra", "cleanup", "status"});
  CHECK(never.out == "No cleanup has run in ring cassandra.dev yet.\n");

  h.expect_ring();
  h.http->expect("GET", kApi + "/cluster/repair/status", 200,
                 json{{"running", true}, {"repair", running}}.dump());
  auto as_json = h.run({"cassandra", "repair", "status", "--json"});
  CHECK(json::parse(as_json.out) == json{{"running", true}, {"repair", running}});
}

TEST_CASE("cassandra scale: a lower count is refused before anything is sent", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/config", 200,
                 R"({"frameworkName":"cassandra.dev","targetNumberOfNodes":5})");
  auto shrink = h.run({"cassandra", "scale", "--nodes", "3"});
  CHECK(shrink.status == 1);
  CHECK(shrink.err ==
        "Error: ring cassandra.dev has a target of 5 nodes, and 3 is fewer: the Cassandra "
        "service can only grow a ring (its API refuses with \"Can not decrease the number of "
        "nodes.\")\n"
        "Hint: to take a node out of service, terminate it with 'dcos cassandra node terminate "
        "<node>' (the scheduler then acquires a new one to keep the target)\n");
  CHECK(h.http->requests.size() == 2);

  auto zero = h.run({"cassandra", "scale", "--nodes", "0"});
  CHECK(zero.status == 2);
  auto bad_wait = h.run({"cassandra", "scale", "--nodes", "4", "--wait=soon"});
  CHECK(bad_wait.status == 2);
  CHECK(h.http->requests.size() == 2);

  h.expect_ring();
  h.http->expect("GET", kApi + "/config", 200,
                 R"({"frameworkName":"cassandra.dev","targetNumberOfNodes":3})");
  h.http->expect("POST", kApi + "/scale/nodes?nodeCount=4", 200, "{\n  \"newNodeCount\" : 4\n}");
  auto grown = h.run({"cassandra", "scale", "--nodes", "4"});
  CHECK(grown.status == 0);
  CHECK(grown.out == "");
  CHECK(grown.err == "");
}

TEST_CASE("cassandra scale --wait follows the nodes until enough are healthy and NORMAL",
          "[cassandra]") {
  json ready = json::array({node(1, "RUN", true, true, "NORMAL", true, 1000),
                            node(2, "RUN", true, true, "NORMAL", true, 1000),
                            node(3, "RUN", false, true, "NORMAL", true, 1000)});
  json joining = ready;
  joining.push_back(node(4, "RUN", false, true, "JOINING", true, 1000));
  json all = ready;
  all.push_back(node(4, "RUN", false, true, "NORMAL", true, 1000));

  RingHarness h;
  h.expect_ring();
  h.http->expect("GET", kApi + "/config", 200,
                 R"({"frameworkName":"cassandra.dev","targetNumberOfNodes":3})");
  h.http->expect("POST", kApi + "/scale/nodes?nodeCount=4", 200, "{\n  \"newNodeCount\" : 4\n}");
  h.http->expect("GET", kApi + "/node/all", 200, node_all(ready, json::array(), 1));
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(false, 4).dump());
  h.http->expect("GET", kApi + "/node/all", 200, node_all(joining));
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(false, 4).dump());
  h.http->expect("GET", kApi + "/node/all", 200, node_all(all));
  h.http->expect("GET", kApi + "/health/cluster/report", 200, report(true).dump());
  h.terminal.stderr_tty = true;
  auto waited = h.run({"cassandra", "scale", "--nodes", "4", "--wait"});
  CHECK(waited.status == 0);
  CHECK(waited.out == "");
  CHECK(waited.err ==
        "\r\033[KScaling ring cassandra.dev to 4 nodes: 3 healthy and NORMAL, 1 to acquire [0s]"
        "\r\033[KScaling ring cassandra.dev to 4 nodes: 3 healthy and NORMAL [0s]"
        "\r\033[KRing cassandra.dev has 4 nodes healthy and NORMAL (0s)\n");

  RingHarness late;
  late.expect_ring();
  late.http->expect("GET", kApi + "/config", 200,
                    R"({"frameworkName":"cassandra.dev","targetNumberOfNodes":3})");
  late.http->expect("POST", kApi + "/scale/nodes?nodeCount=4", 200, R"({"newNodeCount":4})");
  for (int poll = 0; poll < 3; ++poll) {
    late.http->expect("GET", kApi + "/node/all", 200, node_all(joining));
    late.http->expect("GET", kApi + "/health/cluster/report", 200, report(false, 4).dump());
  }
  auto gave_up = late.run({"cassandra", "scale", "--nodes", "4", "--wait=600ms"});
  CHECK(gave_up.status == 5);
  CHECK(gave_up.err ==
        "Error: ring cassandra.dev has 3 of 4 nodes healthy and NORMAL after 0s; it goes on "
        "growing\n"
        "Hint: follow it with 'dcos cassandra node list' and 'dcos cassandra health'\n");
  CHECK(late.slept == std::vector<milliseconds>{milliseconds(250), milliseconds(350)});
}

TEST_CASE("cassandra connection: live nodes as host:port; none live is a clear error",
          "[cassandra]") {
  RingHarness h;
  const std::string live =
      "{\n  \"clusterName\" : \"cassandra.dev\",\n  \"nativePort\" : 9042,\n  \"rpcPort\" : "
      "9160,\n  \"jmxPort\" : 7199,\n  \"liveNodes\" : [ \"10.0.0.2\", \"10.0.0.1\" ]\n}";
  h.expect_ring();
  h.http->expect("GET", kApi + "/live-nodes?limit=3", 200, live);
  auto lines = h.run({"cassandra", "connection"});
  CHECK(lines.status == 0);
  CHECK(lines.out == "10.0.0.2:9042\n10.0.0.1:9042\n");

  h.expect_ring();
  h.http->expect("GET", kApi + "/live-nodes?limit=1", 200, live);
  auto as_json = h.run({"cassandra", "connection", "--limit", "1", "--json"});
  CHECK(json::parse(as_json.out) == json::parse(live));

  h.expect_ring();
  h.http->expect("GET", kApi + "/live-nodes?limit=3", 400, "");
  auto none = h.run({"cassandra", "connection"});
  CHECK(none.status == 3);
  CHECK(none.out == "");
  CHECK(none.err ==
        "Error: no node of ring cassandra.dev is live (none runs Cassandra with a healthy "
        "report and its native and thrift transports up)\n"
        "Hint: see why with 'dcos cassandra node list' and 'dcos cassandra health'\n");

  CHECK(h.run({"cassandra", "connection", "--limit", "0"}).status == 2);
}

TEST_CASE("cassandra seeds: the seeds and the ring's ports", "[cassandra]") {
  RingHarness h;
  h.expect_ring();
  h.http->expect(
      "GET", kApi + "/node/seed/all", 200,
      R"({"nativePort":9042,"rpcPort":9160,"jmxPort":7199,"seeds":["10.0.0.1","10.0.0.2"]})");
  auto table = h.run({"cassandra", "seeds"});
  CHECK(table.status == 0);
  CHECK(table.out ==
        "  IP        NATIVE PORT  RPC PORT  JMX PORT\n"
        "  10.0.0.1         9042      9160      7199\n"
        "  10.0.0.2         9042      9160      7199\n");
}
