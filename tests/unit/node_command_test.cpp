// `dcos node list`, `dns`, `list-components` and the deprecated `dcos node` alias against a fake
// cluster: the upstream state summary, GET_AGENTS answers in every status, the leader's own
// description, Mesos-DNS and the networking API, all fetched in parallel.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kApi = "https://dcos.example/mesos/api/v1";
const std::string kSummary = "https://dcos.example/mesos/master/state-summary";
const std::string kMasters = "https://dcos.example/mesos_dns/v1/hosts/master.mesos";
const std::string kLeader = "https://dcos.example/mesos_dns/v1/hosts/leader.mesos";
const std::string kNetNodes = "https://dcos.example/net/v1/nodes";
const std::string kPrefix = "b3bd182c-c6d7-463e-8bf0-06cd5807df4e-";

json v1_agent(const std::string& id, const std::string& hostname, bool active, bool deactivated,
              const std::string& drain_state = "") {
  json agent = {{"agent_info", {{"id", {{"value", id}}}, {"hostname", hostname}}},
                {"pid", "slave(1)@" + hostname + ":5051"},
                {"active", active},
                {"deactivated", deactivated}};
  if (!drain_state.empty()) agent["drain_info"] = {{"state", drain_state}};
  return agent;
}

/// GET_AGENTS for the fixture's agents: S5 active, S4 deactivated, S3 draining, S2 drained, S1
/// (the public one) active; S0 left between the two calls.
std::string agents_answer() {
  json agents = json::array({v1_agent(kPrefix + "S5", "10.0.1.108", true, false),
                             v1_agent(kPrefix + "S4", "10.0.1.107", true, true),
                             v1_agent(kPrefix + "S3", "10.0.1.111", true, true, "DRAINING"),
                             v1_agent(kPrefix + "S2", "10.0.1.109", true, true, "DRAINED"),
                             v1_agent(kPrefix + "S1", "10.0.5.136", true, false)});
  return json{{"type", "GET_AGENTS"},
              {"get_agents", {{"agents", agents}, {"recovered_agents", json::array()}}}}
      .dump();
}

std::string master_answer() {
  json info = {
      {"id", "m-leader-1"},
      {"pid", "master@10.0.7.122:5050"},
      {"hostname", "10.0.7.122"},
      {"address", {{"ip", "10.0.7.122"}, {"port", 5050}}},
      {"version", "1.11.0"},
      {"domain",
       {{"fault_domain",
         {{"region", {{"name", "eu-central-1"}}}, {"zone", {{"name", "eu-central-1a"}}}}}}}};
  return json{{"type", "GET_MASTER"}, {"get_master", {{"master_info", info}}}}.dump();
}

const std::string kMastersAnswer =
    R"([{"host":"master.mesos.","ip":"10.0.7.122"},{"host":"master.mesos.","ip":"10.0.7.123"}])";
const std::string kNetAnswer =
    R"([{"private_ip":"10.0.5.136","public_ips":["52.1.2.3","52.1.2.4"],"hostname":"p"},)"
    R"({"private_ip":"10.0.7.122","public_ips":["34.5.6.7"],"hostname":"m"}])";

/// The five requests of node list; `net_status` lets the networking API fail.
void expect_node_list(ClusterHarness& h, long net_status = 200) {
  h.http->expect(
      "GET", kSummary, 200,
      dcos::testing::fixture("mesos/state", "master-state-summary.cassandra.dcos-ui.json"));
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect_call("POST", kApi, "GET_MASTER", 200, master_answer());
  h.http->expect("GET", kMasters, 200, kMastersAnswer);
  h.http->expect("GET", kNetNodes, net_status, net_status == 200 ? kNetAnswer : "broken");
}

const std::string kTable =
    "  HOSTNAME       IP          PUBLIC IP(S)        ID                                       "
    "TYPE              STATUS       REGION        ZONE\n"
    "  10.0.1.108     10.0.1.108                      b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S5  "
    "agent             ACTIVE       eu-central-1  eu-central-1b\n"
    "  10.0.1.107     10.0.1.107                      b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S4  "
    "agent             DEACTIVATED  N/A           N/A\n"
    "  10.0.1.111     10.0.1.111                      b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S3  "
    "agent             DRAINING     N/A           N/A\n"
    "  10.0.1.109     10.0.1.109                      b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S2  "
    "agent             DRAINED      N/A           N/A\n"
    "  10.0.5.136     10.0.5.136  52.1.2.3, 52.1.2.4  b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S1  "
    "agent (public)    ACTIVE       N/A           N/A\n"
    "  10.0.1.110     10.0.1.110                      b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S0  "
    "agent                          N/A           N/A\n"
    "  master.mesos.  10.0.7.122  34.5.6.7            m-leader-1                               "
    "master (leader)                eu-central-1  eu-central-1a\n"
    "  master.mesos.  10.0.7.123                      N/A                                      "
    "master (standby)               eu-central-1  N/A\n";

}  // namespace

TEST_CASE("node list: agents of the state summary with their status, then the masters") {
  REQUIRE_SHARED();
  ClusterHarness h;
  expect_node_list(h);
  auto result = h.run({"node", "list"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out == kTable);
  // Only the narrow endpoints: no /master/state.
  CHECK(h.http->requests.size() == 5);
  for (const auto& request : h.http->requests) {
    if (request.url != kApi) continue;
    CHECK(dcos::header_value(request.headers, "Content-Type") == "application/json");
    CHECK(dcos::header_value(request.headers, "Accept") == "application/json");
  }
}

TEST_CASE("node list --json: the summary's records with type, region, zone, public IPs, status") {
  REQUIRE_SHARED();
  ClusterHarness h;
  expect_node_list(h);
  auto result = h.run({"node", "list", "--json"});
  REQUIRE(result.status == 0);
  auto nodes = json::parse(result.out);
  REQUIRE(nodes.size() == 8);
  auto summary = json::parse(
      dcos::testing::fixture("mesos/state", "master-state-summary.cassandra.dcos-ui.json"));
  json first = summary["slaves"][0];
  first["type"] = "agent";
  first["region"] = "eu-central-1";
  first["zone"] = "eu-central-1b";
  first["public_ips"] = json::array();
  first["status"] = "ACTIVE";
  CHECK(nodes[0] == first);
  CHECK(nodes[4]["type"] == "agent (public)");
  CHECK(nodes[4]["public_ips"] == json::array({"52.1.2.3", "52.1.2.4"}));
  CHECK(nodes[5]["status"] == "");
  CHECK(nodes[6] == json{{"host", "master.mesos."},
                         {"ip", "10.0.7.122"},
                         {"public_ips", {"34.5.6.7"}},
                         {"type", "master (leader)"},
                         {"region", "eu-central-1"},
                         {"zone", "eu-central-1a"},
                         {"id", "m-leader-1"},
                         {"pid", "master@10.0.7.122:5050"},
                         {"version", "1.11.0"}});
  CHECK(nodes[7]["id"] == "");
  CHECK(result.out.find("\n    {\n        \"TASK_ERROR\": 0,") != std::string::npos);
}

TEST_CASE("node list --field adds columns from the records; a failing networking API is ignored") {
  REQUIRE_SHARED();
  ClusterHarness h;
  expect_node_list(h, 500);
  auto result = h.run({"node", "list", "--field", "TASK_RUNNING", "--field", "used_resources.mem",
                       "--field", "no.such"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  std::istringstream lines(result.out);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(header.find("     ZONE       TASK RUNNING  USED RESOURCES MEM  NO SUCH  ") !=
        std::string::npos);
  CHECK(first.find("  eu-central-1b             1                4864           ") !=
        std::string::npos);
  CHECK(result.out.find("52.1.2.3") == std::string::npos);
}

TEST_CASE("node list --mesos-id keeps the one node a unique part of its id names") {
  REQUIRE_SHARED();
  ClusterHarness h;
  expect_node_list(h);
  auto one = h.run({"node", "list", "--mesos-id", "df4e-S5", "--json"});
  CHECK(one.status == 0);
  auto nodes = json::parse(one.out);
  REQUIRE(nodes.size() == 1);
  CHECK(nodes[0]["id"] == kPrefix + "S5");

  expect_node_list(h);
  auto leader = h.run({"node", "list", "--mesos-id", "m-leader"});
  CHECK(leader.status == 0);
  CHECK(leader.out.find("master (leader)") != std::string::npos);
  CHECK(leader.out.find("agent") == std::string::npos);

  expect_node_list(h);
  auto several = h.run({"node", "list", "--mesos-id", kPrefix + "S"});
  CHECK(several.status == 6);
  CHECK(several.out.empty());
  CHECK(several.err.rfind("Error: '" + kPrefix + "S' matches 6 nodes: " + kPrefix + "S0, ", 0) ==
        0);

  expect_node_list(h);
  auto none = h.run({"node", "list", "--mesos-id", "S9"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: node 'S9' does not exist\n");
}

TEST_CASE("node list: a failed required request fails the command") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect("GET", kSummary, 503, "");
  h.http->expect("GET", kSummary, 503, "");
  h.http->expect("GET", kSummary, 503, "");
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect_call("POST", kApi, "GET_MASTER", 200, master_answer());
  h.http->expect("GET", kMasters, 200, kMastersAnswer);
  h.http->expect("GET", kNetNodes, 200, kNetAnswer);
  auto result = h.run({"node", "list"});
  CHECK(result.status == 1);
  CHECK(result.out.empty());
  CHECK(result.err == "Error: could not connect to the leading mesos master\n");
}

TEST_CASE("node list: a master that refuses GET_MASTER still shows, with no id") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect(
      "GET", kSummary, 200,
      dcos::testing::fixture("mesos/state", "master-state-summary.cassandra.dcos-ui.json"));
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  // A master older than the call cannot read it into its Call message and answers 400.
  h.http->expect_call("POST", kApi, "GET_MASTER", 400,
                      "Failed to convert JSON into Call protobuf: unknown enum value GET_MASTER");
  h.http->expect("GET", kMasters, 200, kMastersAnswer);
  h.http->expect("GET", kNetNodes, 200, kNetAnswer);
  auto result = h.run({"node", "list"});
  CHECK(result.status == 0);
  CHECK(result.out.find("  master.mesos.  10.0.7.122  34.5.6.7            N/A          "
                        "                            master (leader)                N/A") !=
        std::string::npos);
}

TEST_CASE("dcos node alone is the deprecated node list; strict deprecations show the help") {
  REQUIRE_SHARED();
  ClusterHarness h;
  expect_node_list(h);
  auto alias = h.run({"node", "--json"});
  CHECK(alias.status == 0);
  CHECK(alias.err ==
        "Getting the list of nodes from `dcos node` is deprecated. Please use `dcos node list`.\n");
  CHECK(json::parse(alias.out).size() == 8);

  h.env["DCOS_CLI_STRICT_DEPRECATIONS"] = "1";
  auto strict = h.run({"node"});
  CHECK(strict.status == 0);
  CHECK(strict.out.rfind("Inspect the cluster's agents and masters", 0) == 0);
  CHECK(strict.out.find("\nCommands:\n") != std::string::npos);
  CHECK(strict.out.find("    --field <field>\n") != std::string::npos);
  CHECK(h.http->requests.size() == 5);

  auto unknown = h.run({"node", "bogus"});
  CHECK(unknown.status == 2);
  CHECK(unknown.err.rfind("Error: unknown command \"bogus\" for \"dcos node\"", 0) == 0);
}

TEST_CASE("node help lists every verb") {
  ClusterHarness h;
  auto help = h.run({"node", "--help"});
  CHECK(help.status == 0);
  for (const char* verb : {"deactivate", "decommission", "dns", "drain", "list", "list-components",
                           "metrics", "reactivate", "ssh"})
    CHECK(help.out.find(std::string("\n    ") + verb + "\n") != std::string::npos);
  CHECK(h.http->requests.empty());
}

TEST_CASE("node dns prints Mesos-DNS's answer as a table or JSON") {
  REQUIRE_SHARED();
  ClusterHarness h;
  const std::string url = "https://dcos.example/mesos_dns/v1/hosts/nginx.marathon.mesos";
  const std::string answer =
      dcos::testing::fixture("dcos/mesos-dns", "v1-hosts.mesos-dns-docs.json");
  h.http->expect("GET", url, 200, answer);
  auto table = h.run({"node", "dns", "nginx.marathon.mesos"});
  CHECK(table.status == 0);
  CHECK(table.out ==
        "  HOST                   IP\n"
        "  nginx.marathon.mesos.  10.249.219.155\n"
        "  nginx.marathon.mesos.  10.190.238.173\n"
        "  nginx.marathon.mesos.  10.156.230.230\n");
  h.http->expect("GET", url, 200, answer);
  auto as_json = h.run({"node", "dns", "nginx.marathon.mesos", "--json"});
  CHECK(json::parse(as_json.out) == json::parse(answer));
  CHECK(as_json.out.rfind("[\n    {\n        \"host\": \"nginx.marathon.mesos.\",", 0) == 0);
  auto missing = h.run({"node", "dns"});
  CHECK(missing.status == 2);
}

TEST_CASE("node list-components of the leader and of an agent") {
  REQUIRE_SHARED();
  ClusterHarness h;
  const std::string units = dcos::testing::fixture("dcos/health", "node-units.dcos-ui.json");
  const auto raw = json::parse(units);
  h.http->expect("GET", kLeader, 200, R"([{"host":"leader.mesos.","ip":"10.0.7.122"}])");
  h.http->expect("GET", "https://dcos.example/system/health/v1/nodes/10.0.7.122/units", 200, units);
  auto leader = h.run({"node", "list-components", "--leader"});
  CHECK(leader.status == 0);
  std::string ids;
  for (const auto& unit : raw["units"]) ids += unit["id"].get<std::string>() + "\n";
  CHECK(leader.out == ids);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect("GET", "https://dcos.example/system/health/v1/nodes/10.0.1.109/units", 200, units);
  auto agent = h.run({"node", "list-components", "df4e-S2", "--json"});
  CHECK(agent.status == 0);
  CHECK(json::parse(agent.out) == raw["units"]);
}

TEST_CASE("node list-components refuses a missing or doubled choice before any request") {
  ClusterHarness h;
  auto neither = h.run({"node", "list-components"});
  CHECK(neither.status == 2);
  CHECK(neither.err == "Error: '--leader' or '<mesos-id>' must be provided\n");
  auto both = h.run({"node", "list-components", "S1", "--leader"});
  CHECK(both.status == 2);
  CHECK(both.err == "Error: unable to use --leader and <mesos-id> at the same time\n");
  CHECK(h.http->requests.empty());
}

TEST_CASE("node list-components: unknown, ambiguous and deprecated agent ids") {
  ClusterHarness h;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  auto unknown = h.run({"node", "list-components", "S9"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'S9' not found\n");
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  auto ambiguous = h.run({"node", "list-components", kPrefix + "S"});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.err == "Error: '" + kPrefix + "S' matches 5 agents: " + kPrefix + "S1, " +
                             kPrefix + "S2, " + kPrefix + "S3, " + kPrefix + "S4, " + kPrefix +
                             "S5\nHint: give more of the agent id\n");
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect("GET", "https://dcos.example/system/health/v1/nodes/10.0.1.108/units", 404, "");
  auto deprecated = h.run({"node", "list-components", "--mesos-id", "S5"});
  CHECK(deprecated.status == 3);
  CHECK(deprecated.err.rfind(
            "The --mesos-id option is deprecated, please pass an argument instead.\nError: ", 0) ==
        0);
}
