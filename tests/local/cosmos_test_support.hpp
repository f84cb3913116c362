// Helpers of the Cosmos tests: RPC calls with Cosmos's media types against a running
// dcos-local, and checks of its error bodies.
#pragma once

#include <string>

#include "server_test_support.hpp"

namespace dcos::testing {

inline std::string cosmos_type(const std::string& name, const std::string& version) {
  return "application/vnd.dcos." + name + "+json;charset=utf-8;version=" + version;
}

inline const std::string kCosmosError = cosmos_type("package.error", "v1");

/// POST /package/<op> (or any path) with the request type of `kind` and Accept of its
/// response type at `version`, as the Go CLI sends them (the error type listed too).
inline httplib::Result cosmos_rpc(httplib::Client& cli, const std::string& path,
                                  const std::string& kind, const json& body,
                                  const std::string& version = "v1",
                                  const std::string& ns = "package.") {
  httplib::Headers headers = {
      {"Accept", cosmos_type(ns + kind + "-response", version) + "," + kCosmosError}};
  return cli.Post(path, headers, body.dump(), cosmos_type(ns + kind + "-request", "v1").c_str());
}

/// An RPC that must succeed: 200 with exactly the response type; returns the body.
inline json cosmos_ok(httplib::Client& cli, const std::string& path, const std::string& kind,
                      const json& body, const std::string& version = "v1",
                      const std::string& ns = "package.") {
  auto res = cosmos_rpc(cli, path, kind, body, version, ns);
  INFO(path << " " << body.dump());
  REQUIRE(res);
  INFO("-> " << res->status << " " << res->body.substr(0, 3000));
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == cosmos_type(ns + kind + "-response", version));
  return json::parse(res->body);
}

/// An RPC that must fail with Cosmos's error type and body; returns the body.
inline json cosmos_fails(const httplib::Result& res, int status, const std::string& type) {
  REQUIRE(res);
  INFO("-> " << res->status << " " << res->body.substr(0, 3000));
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type") == kCosmosError);
  json body = json::parse(res->body, nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body["type"] == type);
  CHECK(body["message"].is_string());
  return body;
}

/// ../shared/fixtures, or "" (with a WARN that the test is skipped) when this clone has none.
inline std::string shared_fixtures() {
  std::string dir = std::string(DCOS_SHARED_DIR) + "/fixtures";
  if (std::filesystem::is_directory(dir)) return dir;
  WARN("skipped: ../shared (the upstream fixtures) is absent in this clone");
  return "";
}

inline json fixture_json(const std::string& path) { return json::parse(slurp(path)); }

}  // namespace dcos::testing
