#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::Harness;

namespace {

const char* kToml = "[core]\n  dcos_acs_token = \"tok\"\n  dcos_url = \"https://dcos.example\"\n";

}  // namespace

TEST_CASE("marathon about prints /v2/info as indented JSON with sorted keys") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", "https://dcos.example/service/marathon/v2/info", 200,
                 R"({"version":"1.11.0","name":"marathon","elected":true})");
  auto out = h.run({"marathon", "about"});
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "{\n    \"elected\": true,\n    \"name\": \"marathon\",\n    \"version\": \"1.11.0\"\n}\n");
  REQUIRE(h.http->requests.size() == 1);
  CHECK(dcos::header_value(h.http->requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("marathon ping pings once per master") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect(
      "GET", "https://dcos.example/mesos_dns/v1/hosts/master.mesos", 200,
      R"([{"host":"master.mesos.","ip":"10.0.0.1"},{"host":"master.mesos.","ip":"10.0.0.2"}])");
  h.http->expect("GET", "https://dcos.example/service/marathon/ping", 200, "pong");
  h.http->expect("GET", "https://dcos.example/service/marathon/ping", 200, "pong");
  auto out = h.run({"marathon", "ping"});
  CHECK(out.status == 0);
  CHECK(out.out == "Marathon ping response[2x]: \"pong\"\n");
}

TEST_CASE("marathon ping reports which ping failed, and a 401 as a login problem") {
  Harness h;
  h.add_cluster("c1", kToml);
  h.http->expect("GET", "https://dcos.example/service/marathon/ping", 503, "");
  h.http->expect("GET", "https://dcos.example/service/marathon/ping", 503, "");
  h.http->expect("GET", "https://dcos.example/service/marathon/ping", 503, "");
  auto out = h.run({"marathon", "ping", "--once"});
  CHECK(out.status == 1);
  CHECK(out.err.find("unable to ping leading Marathon master 1 time(s)") != std::string::npos);

  Harness expired;
  expired.add_cluster("c1", kToml);
  expired.http->expect("GET", "https://dcos.example/service/marathon/ping", 401, "");
  auto refused = expired.run({"marathon", "ping", "--once"});
  CHECK(refused.status == 4);
  CHECK(refused.err.find("dcos auth login") != std::string::npos);
}
