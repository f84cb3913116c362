// dcos-local's Cosmos over HTTP: the media-type rules of its RPCs (a wrong or bare Accept or
// Content-Type gets Cosmos's own error), the negotiated response type and /capabilities.
#include "cosmos_test_support.hpp"

using namespace dcos::testing;

namespace {

httplib::Result raw_post(httplib::Client& cli, const std::string& path, const std::string& accept,
                         const std::string& content_type, const std::string& body) {
  httplib::Headers headers;
  if (!accept.empty()) headers.emplace("Accept", accept);
  return cli.Post(path, headers, body, content_type.c_str());
}

const std::string kSearchRequest = cosmos_type("package.search-request", "v1");
const std::string kSearchResponse = cosmos_type("package.search-response", "v1");

}  // namespace

TEST_CASE("Cosmos refuses a bare application/json Accept or Content-Type with its own errors",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  json e = cosmos_fails(raw_post(cli, "/package/search", "application/json", kSearchRequest, "{}"),
                        400, "not_valid");
  CHECK(e["message"] ==
        "Item header 'Accept' deemed invalid by rule: Media type was [application/json] but "
        "should be one of [" +
            kSearchResponse + "]");

  e = cosmos_fails(raw_post(cli, "/package/search", kSearchResponse, "application/json", "{}"), 400,
                   "not_valid");
  CHECK(e["message"] ==
        "Item header 'Content-Type' deemed invalid by rule: should match one of " + kSearchRequest);

  // cpp-httplib always sends an Accept (*/*), which Cosmos does not produce either.
  cosmos_fails(raw_post(cli, "/package/search", "", kSearchRequest, "{}"), 400, "not_valid");

  // Both wrong: one error listing both.
  e = cosmos_fails(raw_post(cli, "/package/search", "application/json", "application/json", "{}"),
                   400, "multiple_errors");
  REQUIRE(e["data"]["errors"].size() == 2);
  CHECK(e["data"]["errors"][0]["type"] == "not_valid");
  CHECK(e["data"]["errors"][1]["type"] == "not_valid");

  // The version parameter must be there in full: "version=v1" missing from Accept fails.
  cosmos_fails(raw_post(cli, "/package/search",
                        "application/vnd.dcos.package.search-response+json;charset=utf-8",
                        kSearchRequest, "{}"),
               400, "not_valid");

  // A body that is not JSON, and no body at all.
  e = cosmos_fails(raw_post(cli, "/package/search", kSearchResponse, kSearchRequest, "{nope"), 400,
                   "json_error");
  CHECK(e["data"]["type"] == "parse");
  e = cosmos_fails(raw_post(cli, "/package/search", kSearchResponse, kSearchRequest, ""), 400,
                   "not_present");
  CHECK(e["message"] == "Item body not present but required");

  // A member of the wrong type.
  e = cosmos_fails(cosmos_rpc(cli, "/package/describe", "describe", {{"packageName", 3}}, "v3"),
                   400, "not_parsed");
  CHECK(e["message"].get<std::string>().find("packageName") != std::string::npos);
}

TEST_CASE("Cosmos answers with exactly the response type it picked from Accept",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  // Extra Content-Type parameters are allowed; q=0 entries are dropped; q orders the rest.
  std::string describe_v2 = cosmos_type("package.describe-response", "v2");
  std::string describe_v3 = cosmos_type("package.describe-response", "v3");
  auto res = raw_post(cli, "/package/describe",
                      describe_v3 + ";q=0," + describe_v2 + ";q=0.5," + kCosmosError,
                      cosmos_type("package.describe-request", "v1") + ";extra=1",
                      R"({"packageName":"hello-world"})");
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == describe_v2);
  json v2 = json::parse(res->body);
  CHECK(v2["name"] == "hello-world");  // the flattened v2 body
  CHECK_FALSE(v2.contains("package"));

  json v3 = cosmos_ok(cli, "/package/describe", "describe", {{"packageName", "hello-world"}}, "v3");
  CHECK(v3["package"]["name"] == "hello-world");

  // GET /capabilities with its own media type.
  auto caps = cli.Get("/capabilities", {{"Accept", cosmos_type("capabilities", "v1")}});
  REQUIRE(caps);
  REQUIRE(caps->status == 200);
  CHECK(caps->get_header_value("Content-Type") == cosmos_type("capabilities", "v1"));
  json names = json::array();
  json capabilities = json::parse(caps->body)["capabilities"];
  for (const json& c : capabilities) names.push_back(c["name"]);
  CHECK(names == json::array({"PACKAGE_MANAGEMENT", "SUPPORT_CLUSTER_REPORT", "METRONOME",
                              "LOGGING", "LOGGING_V2"}));
  cosmos_fails(cli.Get("/capabilities", {{"Accept", "application/json"}}), 400, "not_valid");
}
