// The Cassandra scheduler's REST API over real HTTP on 127.0.0.1 (cassandra-api.md §4-§5):
// routes, status codes, pretty and compact bodies, and the field order of the fixtures.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "local/cassandra/api.hpp"
#include "local/cassandra_fake_ring.hpp"
#include "support/local_server.hpp"

using namespace dcos::testing;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(DCOS_SHARED_DIR) / "fixtures" / "cassandra";

std::optional<ojson> fixture(const std::string& name) {
  std::ifstream in(kFixtures / name);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return ojson::parse(text.str());
}

std::vector<std::string> keys(const ojson& object) {
  std::vector<std::string> out;
  for (const auto& item : object.items()) out.push_back(item.key());
  return out;
}

// True when every key of `doc` appears in `ours`, in the same order.
bool in_order(const std::vector<std::string>& doc, const std::vector<std::string>& ours) {
  size_t at = 0;
  for (const std::string& key : doc) {
    while (at < ours.size() && ours[at] != key) ++at;
    if (at == ours.size()) return false;
  }
  return true;
}

// A brought-up three-node ring behind a real server.
struct Api {
  FakeRing fake;
  RingHost host;
  httplib::Server server;
  std::optional<ServerThread> thread;
  std::unique_ptr<httplib::Client> http;
  explicit Api(bool bring_up = true) : host(make_host(fake, bring_up)) {
    register_api(server, host);
    thread.emplace(server);
    http = std::make_unique<httplib::Client>("127.0.0.1", thread->port());
  }
  static RingHost make_host(FakeRing& fake, bool bring_up) {
    if (bring_up) fake.bring_up();
    return RingHost{{}, std::move(fake.ring), [] {}};
  }
  Ring& ring() { return host.ring; }
  httplib::Client& client() { return *http; }
  httplib::Result post(const std::string& path) { return http->Post(path.c_str()); }
};

}  // namespace

TEST_CASE("the index lists the 33 routes with relative URLs, compact", "[cassandra][api]") {
  Api api;
  auto res = api.client().Get("/");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  CHECK(res->body.rfind(R"([{"method":"GET","url":"config","contentType":["application/json"]},)",
                        0) == 0);
  ojson index = ojson::parse(res->body);
  REQUIRE(index.size() == 33);
  auto doc = fixture("index.json");
  if (!doc) {
    WARN("skipped the comparison with the fixture: " << kFixtures << " is absent");
    return;
  }
  REQUIRE(doc->size() == 33);
  for (size_t i = 0; i < 33; ++i) {
    std::string url = (*doc)[i]["url"];
    url = url.substr(std::string("http://localhost:18080/").size());
    if (auto at = url.find("{count}"); at != std::string::npos) url.replace(at, 7, "{nodeCount}");
    CHECK(index[i]["url"] == url);
    CHECK(index[i]["method"] == (*doc)[i]["method"]);
    CHECK(index[i]["contentType"] == (*doc)[i]["contentType"]);
    CHECK(keys(index[i]) == std::vector<std::string>{"method", "url", "contentType"});
  }
}

TEST_CASE("config, node/all and seeds are pretty, in the fixtures' key order", "[cassandra][api]") {
  Api api;
  auto config = api.client().Get("/config");
  REQUIRE(config);
  CHECK(config->status == 200);
  CHECK(config->body.rfind("{\n  \"frameworkName\" : \"cassandra.dev\",\n", 0) == 0);
  CHECK(config->body.back() == '}');
  ojson c = ojson::parse(config->body);
  CHECK(c["defaultConfigRole"]["cassandraVersion"] == "2.1.4");
  CHECK(c["seeds"] == ojson::parse(R"(["127.0.0.2","127.0.0.3"])"));
  CHECK(c["nodesToAcquire"] == 0);
  auto all = api.client().Get("/node/all");
  REQUIRE(all);
  ojson nodes = ojson::parse(all->body);
  CHECK(nodes["nodes"].size() == 3);
  CHECK(nodes["nodes"][0]["tasks"]["SERVER"]["taskName"] == "cassandra.dev.node");
  CHECK(nodes["nodes"][0]["dataVolumes"] == ojson::parse(R"([{"path":"."}])"));
  CHECK(all->body.find("\"replaceNodes\" : [ ],") != std::string::npos);
  CHECK(all->body.find("\"cpuCores\" : 3.0,") != std::string::npos);
  auto seeds = api.client().Get("/node/seed/all/");
  REQUIRE(seeds);
  CHECK(seeds->body ==
        "{\n  \"nativePort\" : 9042,\n  \"rpcPort\" : 9160,\n  \"jmxPort\" : 7199,\n"
        "  \"seeds\" : [ \"127.0.0.2\", \"127.0.0.3\" ]\n}");

  auto doc_config = fixture("config.json");
  auto doc_nodes = fixture("node-all.json");
  if (!doc_config || !doc_nodes) {
    WARN("skipped the comparison with the fixtures: " << kFixtures << " is absent");
    return;
  }
  CHECK(in_order(keys(*doc_config), keys(c)));
  auto role_keys = keys((*doc_config)["defaultConfigRole"]);
  std::erase(role_keys, "targetNodeCount");  // the doc example is older than the code
  std::erase(role_keys, "seedNodeCount");
  CHECK(in_order(role_keys, keys(c["defaultConfigRole"])));
  CHECK(keys(*doc_nodes) == keys(nodes));
  CHECK(in_order(keys((*doc_nodes)["nodes"][0]), keys(nodes["nodes"][0])));
  CHECK(keys((*doc_nodes)["nodes"][0]["healthCheckDetails"]) ==
        keys(nodes["nodes"][0]["healthCheckDetails"]));
}

TEST_CASE("node target routes answer the new state, or 404 with no body", "[cassandra][api]") {
  Api api;
  auto stop = api.post("/node/127.0.0.4/stop/");
  REQUIRE(stop);
  CHECK(stop->status == 200);
  CHECK(
      stop->body ==
      "{\n  \"ip\" : \"127.0.0.4\",\n  \"hostname\" : \"127.0.0.4\",\n"
      "  \"executorId\" : \"cassandra.dev.node.2.executor\",\n  \"targetRunState\" : \"STOP\"\n}");
  auto start = api.post("/node/cassandra.dev.node.2.executor/start");
  CHECK(ojson::parse(start->body)["targetRunState"] == "RUN");
  CHECK(ojson::parse(api.post("/node/127.0.0.4/restart")->body)["targetRunState"] == "RESTART");
  CHECK(ojson::parse(api.post("/node/127.0.0.4/terminate")->body)["targetRunState"] == "TERMINATE");
  CHECK(ojson::parse(api.post("/node/127.0.0.4/start")->body)["targetRunState"] == "TERMINATE");
  auto unknown = api.post("/node/10.0.0.9/stop");
  CHECK(unknown->status == 404);
  CHECK(unknown->body.empty());
  CHECK(api.client().Get("/node/127.0.0.4/stop")->status == 405);
  CHECK(api.client().Get("/no/such/route")->status == 404);
}

TEST_CASE("replace answers No such node whatever failed", "[cassandra][api]") {
  Api api;
  auto unknown = api.post("/node/10.0.0.9/replace");
  CHECK(unknown->status == 404);
  CHECK(unknown->body == "{\n  \"success\" : false,\n  \"reason\" : \"No such node\"\n}");
  auto live = api.post("/node/127.0.0.4/replace");
  CHECK(live->status == 400);
  CHECK(live->body ==
        "{\n  \"ipToReplace\" : \"127.0.0.4\",\n  \"success\" : false,\n"
        "  \"reason\" : \"No such node\"\n}");
  api.ring().set_target("127.0.0.4", RunState::terminate);
  for (int i = 0; i < 2; ++i)
    for (const Kill& k : api.ring().kills())
      api.ring().task_update({k.task_id, "TASK_KILLED", "SOURCE_EXECUTOR", "", "", false});
  auto done = api.post("/node/127.0.0.4/replace/");
  CHECK(done->status == 200);
  CHECK(done->body ==
        "{\n  \"ipToReplace\" : \"127.0.0.4\",\n  \"success\" : true,\n"
        "  \"hostname\" : \"127.0.0.4\",\n  \"targetRunState\" : \"TERMINATE\"\n}");
  CHECK(ojson::parse(api.client().Get("/node/all")->body)["replaceNodes"] ==
        ojson::parse(R"(["127.0.0.4"])"));
}

TEST_CASE("rackdc and the seed routes", "[cassandra][api]") {
  Api api;
  CHECK(api.client().Post("/node/127.0.0.4/rackdc", "{}", "text/plain")->status == 415);
  CHECK(api.client().Post("/node/10.1.1.1/rackdc", "{}", "application/json")->status == 404);
  auto rackdc = api.client().Post("/node/127.0.0.4/rackdc", R"({"rack": "RACK2", "dc": "DC2"})",
                                  "application/json");
  CHECK(rackdc->status == 200);
  CHECK(rackdc->body == "{\n  \"success\" : true,\n  \"rack\" : \"RACK2\",\n  \"dc\" : \"DC2\"\n}");
  auto made = api.post("/node/127.0.0.4/make-seed");
  CHECK(made->status == 200);
  CHECK(made->body ==
        "{\n  \"ip\" : \"127.0.0.4\",\n  \"hostname\" : \"127.0.0.4\",\n"
        "  \"executorId\" : \"cassandra.dev.node.2.executor\",\n  \"oldSeedState\" : false,\n"
        "  \"success\" : true,\n  \"seedState\" : true\n}");
  auto again = api.post("/node/127.0.0.4/make-seed/");
  CHECK(ojson::parse(again->body)["success"] == false);
  CHECK(api.post("/node/10.1.1.1/make-non-seed")->status == 404);
  if (auto doc = fixture("node-make-seed-success.json"))
    CHECK(keys(*doc) == keys(ojson::parse(made->body)));
}

TEST_CASE("live nodes in JSON and text, or 400 with no body when none is live",
          "[cassandra][api]") {
  Api none(false);
  for (const char* path : {"/live-nodes", "/live-nodes/text", "/live-nodes/cqlsh",
                           "/live-nodes/nodetool", "/live-nodes/stress"}) {
    auto res = none.client().Get(path);
    CHECK(res->status == 400);
    CHECK(res->body.empty());
  }
  Api api;
  ojson live = ojson::parse(api.client().Get("/live-nodes?limit=2")->body);
  CHECK(keys(live) ==
        std::vector<std::string>{"clusterName", "nativePort", "rpcPort", "jmxPort", "liveNodes"});
  CHECK(live["liveNodes"].size() == 2);
  auto text = api.client().Get("/live-nodes/text?limit=1");
  CHECK(text->get_header_value("Content-Type") == "text/plain");
  CHECK(text->body.rfind("NATIVE: 9042\nRPC: 9160\nJMX: 7199\nIP: 127.0.0.", 0) == 0);
  CHECK(text->body.size() ==
        std::string("NATIVE: 9042\nRPC: 9160\nJMX: 7199\nIP: 127.0.0.2\n").size());
  auto cqlsh = api.client().Get("/live-nodes/cqlsh");
  CHECK(cqlsh->body.rfind("127.0.0.", 0) == 0);
  CHECK(cqlsh->body.substr(cqlsh->body.size() - 5) == " 9042");
  CHECK(api.client().Get("/live-nodes/nodetool")->body == "-h 127.0.0.1 -p 7199");
  auto stress = api.client().Get("/live-nodes/stress")->body;
  CHECK(stress.rfind("-node 127.0.0.", 0) == 0);
  CHECK(stress.find(" -port native=9042 thrift=9160 jmx=7199") != std::string::npos);
  CHECK(api.client().Get("/live-nodes?limit=x")->status == 404);
}

TEST_CASE("cluster jobs: start, abort, status and last", "[cassandra][api]") {
  Api api;
  auto started = api.post("/cluster/rolling-restart/start");
  CHECK(started->body == "{\n  \"started\" : true\n}");
  CHECK(api.post("/cluster/repair/start")->body == "{\n  \"started\" : false\n}");
  CHECK(api.client().Get("/cluster/repair/status")->body ==
        "{\n  \"running\" : false,\n  \"repair\" : null\n}");
  ojson status = ojson::parse(api.client().Get("/cluster/rolling-restart/status")->body);
  CHECK(status["running"] == true);
  CHECK(status["clusterRestart"]["type"] == "RESTART");
  CHECK(keys(status["clusterRestart"]) ==
        std::vector<std::string>{"type", "started", "finished", "aborted", "remainingNodes",
                                 "currentNode", "completedNodes"});
  CHECK(api.post("/cluster/repair/abort")->body == "{\n  \"aborted\" : false\n}");
  CHECK(api.post("/cluster/rolling-restart/abort")->body == "{\n  \"aborted\" : true\n}");
  CHECK(api.client().Get("/cluster/cleanup/last")->body ==
        "{\n  \"present\" : false,\n  \"cleanup\" : null\n}");
  CHECK(ojson::parse(api.client().Get("/config")->body)["currentClusterTask"]["aborted"] == true);
}

TEST_CASE("scale and health", "[cassandra][api]") {
  Api api;
  auto down = api.post("/scale/nodes?nodeCount=2");
  CHECK(down->status == 400);
  CHECK(down->body == R"({"message":"Can not decrease the number of nodes."})");
  CHECK(api.post("/scale/nodes")->status == 400);
  CHECK(api.post("/scale/nodes?nodeCount=abc")->status == 404);
  CHECK(api.client().Get("/scale/nodes?nodeCount=5")->status == 405);
  CHECK(api.client().Get("/health/process")->body == R"({"healthy":true})");
  auto healthy = api.client().Get("/health/cluster");
  CHECK(healthy->status == 200);
  CHECK(healthy->body == R"({"healthy":true})");
  auto up = api.post("/scale/nodes?nodeCount=4");
  CHECK(up->status == 200);
  CHECK(up->body == "{\n  \"newNodeCount\" : 4\n}");
  auto unhealthy = api.client().Get("/health/cluster");
  CHECK(unhealthy->status == 500);
  CHECK(unhealthy->body.empty());
  auto report = api.client().Get("/health/cluster/report");
  CHECK(report->status == 200);
  CHECK(
      report->body.rfind(
          R"({"healthy":false,"results":[{"name":"nodeCount","ok":false,"expected":4,"actual":3},)",
          0) == 0);
  if (auto doc = fixture("health-cluster-report.json"))
    CHECK(keys((*doc)["results"][0]) == keys(ojson::parse(report->body)["results"][0]));
}

TEST_CASE("the QA resources report as JSON or text", "[cassandra][api]") {
  Api api;
  httplib::Headers json_accept{{"Accept", "application/json"}};
  ojson doc = ojson::parse(api.client().Get("/qa/report/resources", json_accept)->body);
  ojson node = doc["nodes"]["cassandra.dev.node.0.executor"];
  CHECK(keys(node) == std::vector<std::string>{"workdir", "slaveBaseUri", "ip", "hostname",
                                               "targetRunState", "jmxIp", "jmxPort", "live",
                                               "logfiles"});
  CHECK(node["slaveBaseUri"] == "http://127.0.0.2:5051/");
  CHECK(node["logfiles"][1] ==
        "/sandbox/cassandra.dev.node.0.executor/apache-cassandra-2.1.4/logs/system.log");
  auto text = api.client().Get("/qa/report/resources", {{"Accept", "text/plain"}});
  CHECK(text->get_header_value("Content-Type") == "text/plain");
  CHECK(text->body.rfind("JMX_PORT: 7199\nJMX_IP: 127.0.0.1\nNODE_IP: 127.0.0.2\n"
                         "BASE: http://127.0.0.2:5051/\nLOG: /sandbox/",
                         0) == 0);
}
