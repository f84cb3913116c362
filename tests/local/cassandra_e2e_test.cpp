// The Cassandra service inside the real dcos-local: the scheduler app created as the package
// creates it (Marathon app, env of cassandra-api.md §3.3), its framework's nodes launched
// through dcos-local's Mesos scheduler API, and its REST API reached as /service/cassandra.dev.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using namespace dcos::testing;
using json = nlohmann::json;

namespace {

json scheduler_app() {
  json env = {{"MESOS_ZK", "zk://master.mesos:2181/mesos"},
              {"JAVA_OPTS", "-Xms256m -Xmx256m"},
              {"CASSANDRA_CLUSTER_NAME", "dev"},
              {"CASSANDRA_NODE_COUNT", "3"},
              {"CASSANDRA_SEED_COUNT", "2"},
              {"CASSANDRA_RESOURCE_CPU_CORES", "0.1"},
              {"CASSANDRA_RESOURCE_MEM_MB", "768"},
              {"CASSANDRA_RESOURCE_DISK_MB", "16"},
              {"CASSANDRA_FAILOVER_TIMEOUT_SECONDS", "604800"},
              {"CASSANDRA_DATA_DIRECTORY", "."},
              {"CASSANDRA_HEALTH_CHECK_INTERVAL_SECONDS", "15"},
              {"CASSANDRA_ZK_TIMEOUT_MS", "10000"},
              {"CASSANDRA_BOOTSTRAP_GRACE_TIME_SECONDS", "15"},
              {"CASSANDRA_FRAMEWORK_MESOS_ROLE", "*"},
              {"CASSANDRA_DEFAULT_DC", "DC1"},
              {"CASSANDRA_DEFAULT_RACK", "RAC1"},
              {"MESOS_AUTHENTICATE", "false"},
              {"CASSANDRA_ZK", "zk://master.mesos:2181/cassandra-mesos/dev"}};
  auto check = [](const char* path, int interval, int failures) {
    return json{{"protocol", "HTTP"},
                {"path", path},
                {"portIndex", 0},
                {"gracePeriodSeconds", 120},
                {"intervalSeconds", interval},
                {"timeoutSeconds", 5},
                {"maxConsecutiveFailures", failures}};
  };
  return {{"id", "/cassandra/dev"},
          {"instances", 1},
          {"cpus", 0.5},
          {"mem", 512},
          {"ports", {0}},
          {"cmd", "exec \"$DCOS_LOCAL_BIN\" cassandra-scheduler"},
          {"healthChecks", {check("/health/cluster", 15, 0), check("/health/process", 30, 3)}},
          {"labels", {{"DCOS_PACKAGE_FRAMEWORK_NAME", "cassandra.dev"}}},
          {"env", env}};
}

}  // namespace

TEST_CASE("dcos-local runs the Cassandra service to a healthy three-node ring",
          "[cassandra][e2e]") {
  LocalCluster cluster({"--time-scale", "0.02", "--agents", "3"});
  httplib::Client client(cluster.host(), cluster.port());
  auto created =
      client.Post("/service/marathon/v2/apps", scheduler_app().dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);

  auto get_json = [&](const std::string& path) -> std::optional<json> {
    auto res = client.Get(path.c_str());
    if (!res || res->status != 200) return std::nullopt;
    json doc = json::parse(res->body, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    return doc;
  };
  bool up = eventually([&] {
    auto nodes = get_json("/service/cassandra.dev/node/all");
    auto report = get_json("/service/cassandra.dev/health/cluster/report");
    if (!nodes || !report || (*nodes)["nodes"].size() != 3) return false;
    for (const json& n : (*nodes)["nodes"])
      if (!n["tasks"].contains("SERVER")) return false;
    return (*report)["healthy"] == true;
  });
  INFO("dcos-local log:\n" << cluster.log());
  REQUIRE(up);
  auto health = client.Get("/service/cassandra.dev/health/cluster");
  REQUIRE(health);
  CHECK(health->body == R"({"healthy":true})");
  auto live = client.Get("/service/cassandra.dev/live-nodes/text");
  REQUIRE(live);
  CHECK(live->body.rfind("NATIVE: 9042\nRPC: 9160\nJMX: 7199\nIP: ", 0) == 0);

  // The framework is registered under its name, with its node tasks.
  auto state = get_json("/mesos/master/state");
  REQUIRE(state);
  bool found = false;
  for (const json& f : (*state)["frameworks"])
    if (f["name"] == "cassandra.dev") {
      found = true;
      CHECK(f["tasks"].size() >= 6);
    }
  CHECK(found);
}
