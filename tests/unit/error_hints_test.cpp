// Hints that know their context (issue 13, point 6) and -v traces with request numbers and
// durations (point 14): the plain-HTTP answer to https://, an unreachable address named by its
// setting or by itself, a refused token from a variable, cluster URL schemes, a 404 that is not
// Marathon's.
#include <catch2/catch.hpp>

#include <regex>

#include "cli/errors.hpp"
#include "client/cluster_url.hpp"
#include "client/config.hpp"
#include "client/curl_transport.hpp"
#include "client/http_client.hpp"
#include "client/marathon.hpp"
#include "commands/login_flow.hpp"
#include "support/fake_transport.hpp"
#include "support/local_server.hpp"
#include "support/marathon_client_fixture.hpp"

using dcos::ClientOptions;
using dcos::Error;
using dcos::ErrorDetail;
using dcos::ErrorKind;
using dcos::HttpClient;
using dcos::HttpResponse;
using dcos::Tracer;
using dcos::testing::FakeTransport;

namespace {

ClientOptions options_for(const std::string& base, const std::string& setting = {},
                          const std::string& value = {}) {
  ClientOptions options;
  options.base_url = base;
  options.url_setting = setting;
  options.url_setting_value = value;
  options.max_attempts = 1;
  return options;
}

}  // namespace

TEST_CASE("hints: https:// to a plain-HTTP server offers http://, not a config command") {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  });
  dcos::testing::ServerThread running(server);
  const std::string http = running.url();
  const std::string https = "https://" + http.substr(7);
  dcos::CurlTransport transport;

  HttpClient typed(transport, options_for(https), {}, {});
  auto answer = typed.get("/");
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().detail == ErrorDetail::plain_http);
  CHECK(answer.error().message == "TLS error with " + https + ": the server speaks plain HTTP");
  CHECK(dcos::hint_for(answer.error()) ==
        "the server speaks plain HTTP: did you mean " + http + "?");

  // From core.dcos_url: the hint names the setting's value, not the service's path below it.
  HttpClient configured(transport, options_for(https + "/service/marathon", "core.dcos_url", https),
                        {}, {});
  auto configured_answer = configured.get("/v2/apps");
  REQUIRE_FALSE(configured_answer.ok());
  CHECK(dcos::hint_for(configured_answer.error()) ==
        "the server speaks plain HTTP: did you mean " + http +
            "? If so, run 'dcos config set core.dcos_url " + http + "'");
}

TEST_CASE("hints: an unreachable address names its setting, or the address when typed in") {
  FakeTransport transport;
  const Error refused = Error::detailed(ErrorKind::network, "cannot connect",
                                        ErrorDetail::unreachable, {"https://c.example"});
  transport.expect("GET", "https://c.example/setup/metadata", refused);
  transport.expect("GET", "https://c.example/service/marathon/v2/apps", refused);
  transport.expect("GET", "https://docs.example/app.json", refused);

  HttpClient setup(transport, options_for("https://c.example/setup"), {}, {});
  CHECK(dcos::hint_for(setup.get("/metadata").error()) ==
        "check that https://c.example/setup is the right address and the server is reachable");
  HttpClient configured(
      transport,
      options_for("https://c.example/service/marathon", "core.dcos_url", "https://c.example"), {},
      {});
  CHECK(dcos::hint_for(configured.get("/v2/apps").error()) ==
        "check that core.dcos_url is right and the cluster is reachable");
  HttpClient document(transport, options_for("https://docs.example/app.json"), {}, {});
  CHECK(dcos::hint_for(document.get("").error()) ==
        "check that https://docs.example/app.json is the right address and the server is "
        "reachable");
}

TEST_CASE("hints: libcurl's refused connection is an unreachable address") {
  int port = 0;
  {
    httplib::Server server;
    dcos::testing::ServerThread running(server);
    port = running.port();
  }
  dcos::CurlTransport transport;
  dcos::HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  auto answer = transport.perform(request);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().detail == ErrorDetail::unreachable);
  CHECK(answer.error().hint.empty());
}

TEST_CASE("hints: a refused token from DCOS_CLUSTER_SETUP_ACS_TOKEN names the variable") {
  const Error refused = Error::detailed(ErrorKind::auth, "the cluster rejected your token",
                                        ErrorDetail::not_logged_in);
  dcos::LoginOutcome from_variable;
  from_variable.token = "t";
  from_variable.token_variable = "DCOS_CLUSTER_SETUP_ACS_TOKEN";
  Error named = dcos::token_refused(from_variable, refused);
  CHECK(named.kind == ErrorKind::auth);
  CHECK(named.message ==
        "the cluster rejected the token in DCOS_CLUSTER_SETUP_ACS_TOKEN; it is invalid or has "
        "expired");
  CHECK(dcos::hint_for(named) ==
        "set DCOS_CLUSTER_SETUP_ACS_TOKEN to a valid token, or unset it to log in with a user "
        "name and password");

  dcos::LoginOutcome typed;
  typed.token = "t";
  CHECK(dcos::hint_for(dcos::token_refused(typed, refused)) == "run 'dcos auth login'");
}

TEST_CASE("cluster URLs: http and https only; a bare host gets https://") {
  CHECK(dcos::normalize_cluster_url("Example.COM/").value().url == "https://example.com");
  CHECK(dcos::normalize_cluster_url("example.com").value().scheme_added);
  CHECK(dcos::normalize_cluster_url("HTTP://H:8080/x/").value().url == "http://h:8080/x");
  CHECK(dcos::normalize_cluster_url("localhost:8080").value().url == "https://localhost:8080");
  for (const char* bad : {"ftp://x", "file:///etc", "https://", "ws://h"}) {
    INFO(bad);
    auto url = dcos::normalize_cluster_url(bad);
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().kind == ErrorKind::usage);
    CHECK(url.error().message.find("https://ftp") == std::string::npos);
  }
  CHECK(dcos::normalize_cluster_url("ftp://x").error().message ==
        "unsupported scheme ftp:// in 'ftp://x': a cluster URL starts with http:// or https://");

  auto config = dcos::Config::parse("", "x");
  REQUIRE(config.ok());
  auto ftp = config->set("core.dcos_url", "ftp://x");
  REQUIRE_FALSE(ftp.ok());
  CHECK(ftp.error().kind == ErrorKind::usage);
  auto bare = config->set("core.dcos_url", "b.example");
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.error().hint == "did you mean https://b.example?");
}

TEST_CASE("marathon: only a 404 with Marathon's message means the app does not exist") {
  dcos::testing::MarathonFixture f;
  const std::string& base = dcos::testing::kMarathonBase;
  f.transport.expect("GET", base + "/v2/apps/x", 404, R"({"message":"App '/x' does not exist"})");
  f.transport.expect("GET", base + "/v2/apps/x", 404,
                     "<html><body><h1>404 Not Found</h1>openresty</body></html>");
  f.transport.expect("GET", base + "/v2/apps/x", 404, "");
  auto marathon = f.marathon();
  auto missing = marathon.get_app("/x");
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message == "app '/x' does not exist");
  for (int i = 0; i < 2; ++i) {
    auto elsewhere = marathon.get_app("/x");
    CHECK(elsewhere.error().kind == ErrorKind::generic);
    CHECK(elsewhere.error().message ==
          "Marathon is not reachable at " + base +
              ": GET /v2/apps/x answered HTTP 404 without Marathon's answer");
  }
}

TEST_CASE("Verbose traces: request numbers shared across clients, URL, status and duration") {
  FakeTransport transport;
  const std::string apps = "https://c.example/service/marathon/v2/apps";
  transport.expect("GET", apps, 200, "{}", {{"Set-Cookie", "session=abc"}});
  transport.expect("GET", apps, 404, R"({"message":"x"})");
  transport.expect("GET", apps, Error::make(ErrorKind::network, "connection refused"));
  std::vector<std::string> lines;
  Tracer tracer{1, [&](const std::string& line) { lines.push_back(line); },
                std::make_shared<std::atomic<unsigned>>(0)};
  ClientOptions options = options_for("https://c.example/service/marathon");
  options.token = "s3cr3t";
  HttpClient first(transport, options, tracer, {});
  HttpClient second(transport, options, tracer, {});
  REQUIRE(first.send("GET", "/v2/apps").ok());
  REQUIRE(second.send("GET", "/v2/apps").ok());
  REQUIRE_FALSE(first.send("GET", "/v2/apps").ok());

  std::string all;
  for (const auto& line : lines) all += line + "\n";
  INFO(all);
  CHECK(all.find("[1] > GET " + apps + "\n") != std::string::npos);
  CHECK(all.find("[1] > Authorization: ***\n") != std::string::npos);
  CHECK(all.find("[1] < Set-Cookie: ***\n") != std::string::npos);
  CHECK(all.find("[2] > GET " + apps + "\n") != std::string::npos);
  CHECK(std::regex_search(all, std::regex(R"(\n\[1\] GET \S+/v2/apps -> 200 OK \(\d+ ms\)\n)")));
  CHECK(std::regex_search(all,
                          std::regex(R"(\n\[2\] GET \S+/v2/apps -> 404 Not Found \(\d+ ms\)\n)")));
  CHECK(std::regex_search(
      all, std::regex(R"(\n\[3\] GET \S+/v2/apps -> failed: connection refused \(\d+ ms\)\n)")));
  CHECK(all.find("s3cr3t") == std::string::npos);
  CHECK(all.find("abc") == std::string::npos);
}
