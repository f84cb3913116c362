#include <catch2/catch.hpp>

#include "client/marathon.hpp"
#include "support/marathon_client_fixture.hpp"

using dcos::ErrorKind;
using dcos::MarathonClient;
using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string& kBase = dcos::testing::kMarathonBase;

MarathonClient marathon(FakeTransport& transport) { return dcos::testing::marathon_on(transport); }

}  // namespace

TEST_CASE("marathon client: info reads the upstream /v2/info and keeps it whole") {
  REQUIRE_SHARED();
  FakeTransport transport;
  const std::string body = dcos::testing::fixture("marathon", "info.json");
  transport.expect("GET", kBase + "/v2/info", 200, body);
  auto info = marathon(transport).info();
  REQUIRE(info.ok());
  CHECK(info->name == "marathon");
  CHECK(info->version == "1.5.0-SNAPSHOT");
  CHECK(info->elected);
  CHECK(info->leader == "localhost:8080");
  CHECK(info->framework_id == "96d7da70-b731-4cfb-96a7-0ee877af615d-0000");
  CHECK(info->raw == json::parse(body));
  REQUIRE(transport.requests.size() == 1);
  CHECK(transport.requests[0].method == "GET");
  CHECK(dcos::header_value(transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("marathon client: info that is not JSON is a server error") {
  FakeTransport transport;
  transport.expect("GET", kBase + "/v2/info", 200, "<html>");
  auto info = marathon(transport).info();
  REQUIRE_FALSE(info.ok());
  CHECK(info.error().kind == ErrorKind::server);
  CHECK(info.error().message == "Marathon's /v2/info did not answer with JSON");
}

TEST_CASE("marathon client: ping sends GET /ping and reports an error status") {
  FakeTransport transport;
  transport.expect("GET", kBase + "/ping", 200, "pong");
  transport.expect("GET", kBase + "/ping", 401, "");
  auto client = marathon(transport);
  CHECK(client.ping().ok());
  auto refused = client.ping();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::auth);
  CHECK(transport.requests.size() == 2);
  CHECK(transport.unused().empty());
}

TEST_CASE("marathon client: plugins lists the plugin objects beside the whole answer") {
  FakeTransport transport;
  // The shape of spec/marathon-api.md, GET /v2/plugins.
  const std::string body = R"({"plugins":[
    {"id":"authorizer","plugin":"mesosphere.marathon.plugin.auth.Authorizer",
     "implementation":"com.example.Authorizer","tags":["security"],"info":{"version":"1"}},
    "not a plugin",
    {"id":"authenticator","plugin":"mesosphere.marathon.plugin.auth.Authenticator",
     "implementation":"com.example.Authenticator"}]})";
  transport.expect("GET", kBase + "/v2/plugins", 200, body);
  auto plugins = marathon(transport).plugins();
  REQUIRE(plugins.ok());
  REQUIRE(plugins->plugins.size() == 2);
  CHECK(plugins->plugins[0].id == "authorizer");
  CHECK(plugins->plugins[0].plugin == "mesosphere.marathon.plugin.auth.Authorizer");
  CHECK(plugins->plugins[0].implementation == "com.example.Authorizer");
  CHECK(plugins->plugins[0].raw["tags"] == json::array({"security"}));
  CHECK(plugins->plugins[1].id == "authenticator");
  CHECK(plugins->raw == json::parse(body));
  REQUIRE(transport.requests.size() == 1);
  CHECK(transport.requests[0].method == "GET");
  CHECK(dcos::header_value(transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("marathon client: plugins of an empty Marathon is an empty list") {
  FakeTransport transport;
  transport.expect("GET", kBase + "/v2/plugins", 200, R"({"plugins":[]})");
  auto plugins = marathon(transport).plugins();
  REQUIRE(plugins.ok());
  CHECK(plugins->plugins.empty());
  CHECK(plugins->raw == json{{"plugins", json::array()}});
}
