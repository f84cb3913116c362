// `marathon leader show` and `marathon plugin list` read Mesos-DNS and /v2/plugins through
// typed clients; these pin what they print from those answers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::kMarathonUrl;

namespace {

const std::string kLeaderUrl = "https://dcos.example/mesos_dns/v1/hosts/marathon.mesos";

}  // namespace

TEST_CASE("marathon leader show prints the hosts Mesos-DNS gives, the first as --json") {
  ClusterHarness h;
  const std::string answer =
      R"([{"host":"marathon.mesos.","ip":"10.0.0.7"},{"host":"marathon.mesos.","ip":"10.0.0.8"}])";
  h.http->expect("GET", kLeaderUrl, 200, answer);
  h.http->expect("GET", kLeaderUrl, 200, answer);
  auto table = h.run({"marathon", "leader", "show"});
  CHECK(table.status == 0);
  CHECK(table.out ==
        "  HOST             IP\n"
        "  marathon.mesos.  10.0.0.7\n"
        "  marathon.mesos.  10.0.0.8\n");
  auto json = h.run({"marathon", "leader", "show", "--json"});
  CHECK(json.status == 0);
  CHECK(nlohmann::json::parse(json.out) ==
        nlohmann::json{{"host", "marathon.mesos."}, {"ip", "10.0.0.7"}});
  CHECK(h.http->unused().empty());
  CHECK(dcos::header_value(h.http->requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("marathon leader show: no host is not found, a non-list a server error") {
  ClusterHarness h;
  h.http->expect("GET", kLeaderUrl, 200, "[]");
  h.http->expect("GET", kLeaderUrl, 200, "{}");
  auto none = h.run({"marathon", "leader", "show"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: Mesos-DNS knows no Marathon leader\n");
  auto odd = h.run({"marathon", "leader", "show"});
  CHECK(odd.status == 1);
  CHECK(odd.err == "Error: Mesos-DNS did not answer with a list of hosts\n");
}

TEST_CASE("marathon plugin list prints a row per plugin and --json the answer as it came") {
  ClusterHarness h;
  const std::string answer =
      R"({"plugins":[{"id":"auth","implementation":"com.example.Auth",)"
      R"("plugin":"mesosphere.marathon.plugin.auth.Authorizer","tags":["x"]}]})";
  h.http->expect("GET", kMarathonUrl + "/v2/plugins", 200, answer);
  h.http->expect("GET", kMarathonUrl + "/v2/plugins", 200, answer);
  auto table = h.run({"marathon", "plugin", "list"});
  CHECK(table.status == 0);
  CHECK(table.out ==
        "  ID    IMPLEMENTATION    PLUGIN\n"
        "  auth  com.example.Auth  mesosphere.marathon.plugin.auth.Authorizer\n");
  auto json = h.run({"marathon", "plugin", "list", "--json"});
  CHECK(json.status == 0);
  CHECK(nlohmann::json::parse(json.out) == nlohmann::json::parse(answer));
  CHECK(h.http->unused().empty());
}
