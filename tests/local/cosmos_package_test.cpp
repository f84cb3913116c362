// dcos-local's Cosmos over HTTP: search, describe, list-versions and render of the bundled
// repository, their errors, and the shapes of the upstream Cosmos fixtures.
#include <cmath>

#include "cosmos_test_support.hpp"

using namespace dcos::testing;

namespace {

std::vector<std::string> names_of(const json& packages) {
  std::vector<std::string> out;
  for (const json& p : packages) out.push_back(p["name"]);
  return out;
}

bool has_name(const json& packages, const std::string& name) {
  for (const json& p : packages)
    if (p["name"] == name) return true;
  return false;
}

json talk_options() {
  return {
      {"cassandra",
       {{"cluster-name", "dev"}, {"resources", {{"cpus", 3.0}, {"mem", 6144}, {"disk", 30720}}}}}};
}

}  // namespace

TEST_CASE("Cosmos search orders selected packages first and matches like Cosmos",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json all = cosmos_ok(cli, "/package/search", "search", json::object())["packages"];
  REQUIRE(has_name(all, "cassandra"));
  REQUIRE(has_name(all, "hello-world"));
  // Selected first, then by name.
  bool seen_unselected = false;
  for (const json& p : all) {
    if (!p["selected"].get<bool>()) seen_unselected = true;
    if (seen_unselected) CHECK_FALSE(p["selected"].get<bool>());
  }
  for (const json& p : all)
    if (p["name"] == "cassandra") {
      CHECK(p["currentVersion"] == "0.2.0-1");
      CHECK(p["versions"] == json{{"0.2.0-1", 1}});
      CHECK(p["framework"] == true);
    }

  CHECK(names_of(cosmos_ok(cli, "/package/search", "search", {{"query", "CASS"}})["packages"]) ==
        std::vector<std::string>{"cassandra"});
  CHECK(names_of(cosmos_ok(cli, "/package/search", "search", {{"query", "hello*"}})["packages"]) ==
        std::vector<std::string>{"hello-world"});
  // A glob is anchored and case-sensitive.
  CHECK(cosmos_ok(cli, "/package/search", "search", {{"query", "ello*"}})["packages"].empty());
  CHECK(cosmos_ok(cli, "/package/search", "search", {{"query", "Hello*"}})["packages"].empty());
  // Tags match too.
  CHECK(has_name(cosmos_ok(cli, "/package/search", "search", {{"query", "nosql"}})["packages"],
                 "cassandra"));

  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  json upstream = fixture_json(fixtures + "/cosmos/responses/search.dcos-ui.json")["packages"][0];
  for (const json& ours : all)
    for (auto& [key, value] : upstream.items()) {
      INFO(ours["name"] << " lacks " << key);
      CHECK(ours.contains(key));
    }
}

TEST_CASE("Cosmos describe, list-versions and their errors for unknown packages and versions",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json described =
      cosmos_ok(cli, "/package/describe", "describe", {{"packageName", "cassandra"}}, "v3");
  const json& package = described["package"];
  CHECK(package["packagingVersion"] == "2.0");
  CHECK(package["version"] == "0.2.0-1");
  CHECK(package["releaseVersion"] == 1);
  CHECK(package["marathon"]["v2AppMustacheTemplate"].is_string());
  CHECK(package["config"]["properties"]["cassandra"]["additionalProperties"] == false);

  json versions = cosmos_ok(cli, "/package/list-versions", "list-versions",
                            {{"packageName", "cassandra"}, {"includePackageVersions", true}});
  CHECK(versions == json{{"results", {{"0.2.0-1", "1"}}}});

  json e = cosmos_fails(
      cosmos_rpc(cli, "/package/describe", "describe", {{"packageName", "nope"}}, "v3"), 400,
      "PackageNotFound");
  CHECK(e["message"] == "Package [nope] not found");
  CHECK(e["data"] == json{{"packageName", "nope"}});
  e = cosmos_fails(cosmos_rpc(cli, "/package/describe", "describe",
                              {{"packageName", "cassandra"}, {"packageVersion", "9.9"}}, "v3"),
                   400, "VersionNotFound");
  CHECK(e["message"] == "Version [9.9] of package [cassandra] not found");
  CHECK(e["data"] == json{{"packageName", "cassandra"}, {"packageVersion", "9.9"}});
  cosmos_fails(
      cosmos_rpc(cli, "/package/list-versions", "list-versions", {{"packageName", "cassandra"}}),
      400, "not_parsed");
  cosmos_fails(cosmos_rpc(cli, "/package/render", "render", {{"packageName", "nope"}}), 400,
               "PackageNotFound");

  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  json upstream =
      fixture_json(fixtures + "/cosmos/responses/describe-v3.marathon.dcos-ui.json")["package"];
  for (const char* key :
       {"packagingVersion", "name", "version", "maintainer", "description", "tags",
        "releaseVersion", "marathon", "config", "selected", "framework"}) {
    INFO(key);
    CHECK(upstream.contains(key));
    CHECK(package.contains(key));
  }
}

TEST_CASE("Cosmos render adds its labels, applies appId and rejects options the schema refuses",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json app = cosmos_ok(cli, "/package/render", "render",
                       {{"packageName", "hello-world"}, {"appId", "greeter"}})["marathonJson"];
  CHECK(app["id"] == "/greeter");
  CHECK(app["instances"] == 1);
  CHECK(app["env"]["HELLO_MESSAGE"] == "Hello from DC/OS");
  const json& labels = app["labels"];
  CHECK(labels["DCOS_PACKAGE_NAME"] == "hello-world");
  CHECK(labels["DCOS_PACKAGE_VERSION"] == "1.0.0");
  CHECK(labels["DCOS_PACKAGE_OPTIONS"] == "e30=");  // {} : no user options
  CHECK(labels["DCOS_PACKAGE_RELEASE"] == "0");
  CHECK(labels["DCOS_PACKAGE_REGISTRY_VERSION"] == "3.0");
  CHECK(labels["DCOS_PACKAGE_IS_FRAMEWORK"] == "false");
  std::string source = labels["DCOS_PACKAGE_SOURCE"];
  CHECK(source == cluster.url() + "/_dcos_local/universe/repo");

  // A string with quotes and a newline stays valid JSON (inserted JSON-escaped).
  json odd =
      cosmos_ok(cli, "/package/render", "render",
                {{"packageName", "hello-world"},
                 {"options", {{"service", {{"message", "say \"hi\"\nbye"}}}}}})["marathonJson"];
  CHECK(odd["env"]["HELLO_MESSAGE"] == "say \"hi\"\nbye");

  json e = cosmos_fails(
      cosmos_rpc(cli, "/package/render", "render",
                 {{"packageName", "cassandra"},
                  {"options", {{"cassandra", {{"node-count", "three"}, {"nodes", 3}}}}}}),
      400, "JsonSchemaMismatch");
  CHECK(e["message"] == "Options JSON failed validation");
  bool type_error = false, unwanted = false;
  for (const json& r : e["data"]["errors"]) {
    CHECK(r["level"] == "error");
    CHECK(r["domain"] == "validation");
    CHECK(r["schema"].contains("pointer"));
    if (r["keyword"] == "type" && r["instance"]["pointer"] == "/cassandra/node-count") {
      type_error = true;
      CHECK(r["found"] == "string");
      CHECK(r["expected"] == json::array({"integer"}));
    }
    if (r["keyword"] == "additionalProperties" && r["instance"]["pointer"] == "/cassandra") {
      unwanted = true;
      CHECK(r["unwanted"] == json::array({"nodes"}));
    }
  }
  CHECK(type_error);
  CHECK(unwanted);
  cosmos_fails(cosmos_rpc(cli, "/package/render", "render",
                          {{"packageName", "hello-world"}, {"options", "x"}}),
               400, "not_parsed");

  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  json upstream =
      fixture_json(fixtures + "/cosmos/responses/render-marathonJson.helloworld.core-cli.json");
  for (auto& [key, value] : upstream["labels"].items()) {
    INFO(key);
    CHECK(labels.contains(key));
  }
}

TEST_CASE(
    "the rendered cassandra app for the talk's options has the env and health checks of "
    "the 2015 package",
    "[local][cosmos][cassandra]") {
  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json options = fixture_json(fixtures + "/cassandra/options/talk-options-dev.json");
  CHECK(options == talk_options());
  json app = cosmos_ok(cli, "/package/render", "render",
                       {{"packageName", "cassandra"}, {"options", options}})["marathonJson"];
  CHECK(app["id"] == "/cassandra/dev");
  CHECK(app["instances"] == 1);
  CHECK(app["cpus"] == 0.5);
  CHECK(app["mem"] == 512);
  CHECK(app["ports"] == json::array({0}));
  CHECK(app["cmd"] == "exec \"$DCOS_LOCAL_BIN\" cassandra-scheduler");
  CHECK_FALSE(app.contains("uris"));
  CHECK_FALSE(app.contains("container"));
  CHECK(app["labels"]["DCOS_PACKAGE_FRAMEWORK_NAME"] == "cassandra.dev");
  CHECK(app["labels"]["DCOS_PACKAGE_IS_FRAMEWORK"] == "true");

  // cassandra-api.md §3.3, for the talk's options.
  json env = app["env"];
  json expected = {{"MESOS_ZK", "zk://master.mesos:2181/mesos"},
                   {"JAVA_OPTS", "-Xms256m -Xmx256m"},
                   {"CASSANDRA_CLUSTER_NAME", "dev"},
                   {"CASSANDRA_NODE_COUNT", "3"},
                   {"CASSANDRA_SEED_COUNT", "2"},
                   {"CASSANDRA_RESOURCE_MEM_MB", "6144"},
                   {"CASSANDRA_RESOURCE_DISK_MB", "30720"},
                   {"CASSANDRA_FAILOVER_TIMEOUT_SECONDS", "604800"},
                   {"CASSANDRA_DATA_DIRECTORY", "."},
                   {"CASSANDRA_HEALTH_CHECK_INTERVAL_SECONDS", "60"},
                   {"CASSANDRA_ZK_TIMEOUT_MS", "10000"},
                   {"CASSANDRA_BOOTSTRAP_GRACE_TIME_SECONDS", "120"},
                   {"CASSANDRA_FRAMEWORK_MESOS_ROLE", "*"},
                   {"CASSANDRA_DEFAULT_DC", "DC1"},
                   {"CASSANDRA_DEFAULT_RACK", "RAC1"},
                   {"MESOS_AUTHENTICATE", "false"},
                   {"CASSANDRA_ZK", "zk://master.mesos:2181/cassandra-mesos/dev"}};
  for (auto& [key, value] : expected.items()) {
    INFO(key);
    CHECK(env[key] == value);
  }
  // 3.0 is rendered as Cosmos renders a whole number (3); the scheduler reads both.
  REQUIRE(env["CASSANDRA_RESOURCE_CPU_CORES"].is_string());
  CHECK(std::stod(env["CASSANDRA_RESOURCE_CPU_CORES"].get<std::string>()) == 3.0);
  CHECK(env.size() == expected.size() + 1);

  // Health checks: §3.3, and the upstream dev app where the two agree.
  json dev = fixture_json(fixtures + "/cassandra/marathon-dev-app.json");
  REQUIRE(app["healthChecks"].size() == 2);
  CHECK(app["healthChecks"][0]["path"] == "/health/cluster");
  CHECK(app["healthChecks"][0]["intervalSeconds"] == 15);
  CHECK(app["healthChecks"][0]["maxConsecutiveFailures"] == 0);
  CHECK(app["healthChecks"][1]["path"] == "/health/process");
  for (size_t i = 0; i < 2; ++i)
    for (const char* key : {"gracePeriodSeconds", "maxConsecutiveFailures", "path", "portIndex",
                            "protocol", "timeoutSeconds"}) {
      INFO(i << " " << key);
      CHECK(app["healthChecks"][i][key] == dev["healthChecks"][i][key]);
    }
  CHECK(app["healthChecks"][1]["intervalSeconds"] == dev["healthChecks"][1]["intervalSeconds"]);
  for (const char* key : {"instances", "cpus", "mem", "ports"}) {
    INFO(key);
    CHECK(app[key] == dev[key]);
  }
  for (const char* key : {"JAVA_OPTS", "CASSANDRA_NODE_COUNT",
                          "CASSANDRA_HEALTH_CHECK_INTERVAL_SECONDS", "CASSANDRA_ZK_TIMEOUT_MS"}) {
    INFO(key);
    CHECK(env[key] == dev["env"][key]);
  }

  // An external DC, a custom ZooKeeper URL and authentication render as extra env.
  json more = talk_options();
  more["cassandra"]["zk"] = "zk://zk1:2181/rings/dev";
  more["cassandra"]["dc"] = {{"external-dcs", {{{"name", "dc2"}, {"url", "http://other"}}}}};
  more["cassandra"]["framework"] = {
      {"authentication", {{"enabled", true}, {"principal", "p"}, {"secret", "/s"}}}};
  json env2 = cosmos_ok(cli, "/package/render", "render",
                        {{"packageName", "cassandra"}, {"options", more}})["marathonJson"]["env"];
  CHECK(env2["CASSANDRA_ZK"] == "zk://zk1:2181/rings/dev");
  CHECK(env2["CASSANDRA_EXTERNAL_DC_dc2"] == "http://other");
  CHECK(env2["MESOS_AUTHENTICATE"] == "true");
  CHECK(env2["DEFAULT_PRINCIPAL"] == "p");
  CHECK(env2["DEFAULT_SECRET"] == "/s");
}
