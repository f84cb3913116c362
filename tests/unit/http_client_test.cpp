#include <catch2/catch.hpp>

#include "cli/errors.hpp"
#include "client/http_client.hpp"
#include "client/services.hpp"
#include "support/fake_transport.hpp"

using dcos::ClientOptions;
using dcos::ErrorKind;
using dcos::HttpClient;
using dcos::HttpResponse;
using dcos::Tracer;
using dcos::testing::FakeTransport;

namespace {

struct Fixture {
  FakeTransport transport;
  std::vector<std::string> trace;
  std::vector<std::chrono::milliseconds> slept;

  HttpClient client(int level = 0, std::string token = "s3cr3t-token") {
    ClientOptions options;
    options.base_url = "https://cluster.example/service/marathon";
    options.token = std::move(token);
    options.user_agent = "dcos-cli/test linux";
    options.timeout = std::chrono::seconds(42);
    Tracer tracer{level, [this](const std::string& line) { trace.push_back(line); }};
    return HttpClient(transport, options, tracer,
                      [this](std::chrono::milliseconds pause) { slept.push_back(pause); });
  }

  std::string joined_trace() const {
    std::string all;
    for (const auto& line : trace) all += line + "\n";
    return all;
  }
};

const std::string kApps = "https://cluster.example/service/marathon/v2/apps";

}  // namespace

TEST_CASE("requests carry the token, the user agent and the configured timeouts") {
  Fixture f;
  f.transport.expect("GET", kApps, 200, R"({"apps":[]})");
  auto response = f.client().get("/v2/apps", {{"Accept", "application/json"}});
  REQUIRE(response.ok());
  CHECK(response->body == R"({"apps":[]})");
  REQUIRE(f.transport.requests.size() == 1);
  const auto& request = f.transport.requests.front();
  CHECK(dcos::header_value(request.headers, "authorization") == "token=s3cr3t-token");
  CHECK(dcos::header_value(request.headers, "User-Agent") == "dcos-cli/test linux");
  CHECK(dcos::header_value(request.headers, "Accept") == "application/json");
  CHECK(request.timeout == std::chrono::seconds(42));
  CHECK(request.connect_timeout == std::chrono::seconds(10));
}

TEST_CASE("no Authorization header without a token") {
  Fixture f;
  f.transport.expect("GET", kApps, 200, "{}");
  REQUIRE(f.client(0, "").get("/v2/apps").ok());
  CHECK(dcos::header_value(f.transport.requests.front().headers, "Authorization").empty());
}

TEST_CASE("status codes become errors with the documented categories") {
  struct Case {
    long status;
    ErrorKind kind;
    std::string fragment;
  };
  for (const auto& c : std::vector<Case>{
           {401, ErrorKind::auth, "invalid or has expired"},
           {403, ErrorKind::forbidden, "not authorized"},
           {404, ErrorKind::not_found, "HTTP 404 from GET " + kApps},
           {409, ErrorKind::conflict, "conflict"},
           {422, ErrorKind::invalid, "rejected"},
           {500, ErrorKind::server, "HTTP 500"},
       }) {
    Fixture f;
    f.transport.expect("GET", kApps, c.status, R"({"message":"server says no"})");
    auto response = f.client().get("/v2/apps");
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == c.kind);
    CHECK(response.error().message.find(c.fragment) != std::string::npos);
    if (c.status != 401)
      CHECK(response.error().message.find("server says no") != std::string::npos);
  }
}

TEST_CASE("401 hints at dcos auth login") {
  Fixture f;
  f.transport.expect("GET", kApps, 401, "");
  auto response = f.client().get("/v2/apps");
  REQUIRE_FALSE(response.ok());
  CHECK(dcos::hint_for(response.error()) == "run 'dcos auth login'");
}

TEST_CASE("idempotent requests are retried with backoff on 502/503/504") {
  Fixture f;
  f.transport.expect("GET", kApps, 503, "busy");
  f.transport.expect("GET", kApps, 502, "busy");
  f.transport.expect("GET", kApps, 200, "ok");
  auto response = f.client().get("/v2/apps");
  REQUIRE(response.ok());
  CHECK(response->body == "ok");
  CHECK(f.transport.requests.size() == 3);
  CHECK(f.slept == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(200),
                                                          std::chrono::milliseconds(400)});
}

TEST_CASE("retries stop after the last attempt and report the server's answer") {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.transport.expect("GET", kApps, 504, "gateway timeout");
  auto response = f.client().get("/v2/apps");
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::server);
  CHECK(f.transport.requests.size() == 3);
}

TEST_CASE("a reset connection is retried, POST is never retried") {
  Fixture f;
  dcos::Error reset = dcos::Error::make(ErrorKind::network, "connection reset");
  reset.transient = true;
  f.transport.expect("GET", kApps, reset);
  f.transport.expect("GET", kApps, 200, "ok");
  REQUIRE(f.client().get("/v2/apps").ok());

  f.transport.expect("POST", kApps, 503, "busy");
  auto posted = f.client().request("POST", "/v2/apps", "{}");
  REQUIRE_FALSE(posted.ok());
}

TEST_CASE(
    "verbose level 1 traces headers with the token masked; -vv adds bodies with secrets masked") {
  Fixture f;
  f.transport.expect("POST", kApps, 200, R"({"token":"new-token-value","id":"/a"})",
                     {{"Content-Type", "application/json"}});
  REQUIRE(f.client(1).request("POST", "/v2/apps", R"({"password":"hunter2"})").ok());
  std::string headers_only = f.joined_trace();
  CHECK(headers_only.find("> POST " + kApps) != std::string::npos);
  CHECK(headers_only.find("> Authorization: ***") != std::string::npos);
  CHECK(headers_only.find("] POST " + kApps + " -> 200 OK (") != std::string::npos);
  CHECK(headers_only.find("hunter2") == std::string::npos);

  Fixture g;
  g.transport.expect("POST", kApps, 200, R"({"token":"new-token-value","echo":"s3cr3t-token"})");
  REQUIRE(g.client(2).request("POST", "/v2/apps", R"({"uid":"bob","password":"hunter2"})").ok());
  std::string bodies = g.joined_trace();
  CHECK(bodies.find("\"uid\":\"bob\"") != std::string::npos);
  for (const char* secret : {"hunter2", "new-token-value", "s3cr3t-token"}) {
    CHECK(bodies.find(secret) == std::string::npos);
  }
}

TEST_CASE("server messages are read from JSON and short text bodies") {
  CHECK(dcos::server_message(R"({"message":"App '/x' does not exist"})") ==
        "App '/x' does not exist");
  CHECK(dcos::server_message("plain failure\nmore") == "plain failure");
  CHECK(dcos::server_message("<html><body>502</body></html>").empty());
}

TEST_CASE("service URLs come from core.dcos_url or the per-service keys") {
  auto config = dcos::Config::parse(
      "[core]\ndcos_url = \"https://c.example/\"\ndcos_acs_token = \"t\"\ntimeout = 7\n"
      "ssl_verify = \"false\"\n[package]\ncosmos_url = \"https://cosmos.example\"\n",
      "x");
  REQUIRE(config.ok());
  CHECK(*dcos::service_url(*config, dcos::Service::admin_router) == "https://c.example");
  CHECK(*dcos::service_url(*config, dcos::Service::marathon) ==
        "https://c.example/service/marathon");
  CHECK(*dcos::service_url(*config, dcos::Service::mesos) == "https://c.example/mesos");
  CHECK(*dcos::service_url(*config, dcos::Service::cosmos) == "https://cosmos.example");

  dcos::EnvLookup no_env = [](const std::string&) { return std::optional<std::string>(); };
  auto options = dcos::client_options(*config, dcos::Service::marathon, no_env);
  REQUIRE(options.ok());
  CHECK(options->timeout == std::chrono::seconds(7));
  CHECK_FALSE(options->tls.verify);
  CHECK(options->token == "t");

  dcos::EnvLookup env = [](const std::string& name) {
    if (name == "DCOS_TIMEOUT") return std::optional<std::string>("x");
    return std::optional<std::string>();
  };
  auto bad = dcos::client_options(*config, dcos::Service::marathon, env);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("DCOS_TIMEOUT") == 0);

  auto empty = dcos::Config::parse("", "x");
  CHECK(dcos::service_url(*empty, dcos::Service::marathon).error().kind == ErrorKind::config);
}

TEST_CASE("ssl_verify values map to TLS settings") {
  CHECK(dcos::TlsSetting::parse("").verify);
  CHECK(dcos::TlsSetting::parse("True").verify);
  CHECK_FALSE(dcos::TlsSetting::parse("false").verify);
  auto ca = dcos::TlsSetting::parse("/etc/ca.pem");
  CHECK(ca.verify);
  CHECK(ca.ca_file == "/etc/ca.pem");
}

namespace {

/// A transport whose every request is slow: it calls the request's on_slow, then answers.
struct SlowTransport : dcos::Transport {
  std::vector<std::string>* events = nullptr;
  dcos::Result<HttpResponse> perform(const dcos::HttpRequest& request) override {
    if (request.on_slow) request.on_slow();
    events->push_back("answered");
    return HttpResponse{200, {}, "{}"};
  }
};

}  // namespace

TEST_CASE("http client: a slow request shows the wait notice with its URL, then clears it") {
  std::vector<std::string> events;
  SlowTransport transport;
  transport.events = &events;
  dcos::WaitNotice notice;
  notice.show = [&events](const std::string& url) { events.push_back("show " + url); };
  notice.clear = [&events] { events.push_back("clear"); };
  ClientOptions options;
  options.base_url = "https://cluster.example";
  HttpClient client(transport, options, Tracer{}, {}, notice);
  REQUIRE(client.get("/metadata"));
  CHECK(events ==
        std::vector<std::string>{"show https://cluster.example/metadata", "answered", "clear"});

  // A stream's notice goes when its head comes, before any of its body.
  events.clear();
  dcos::ResponseSink sink;
  sink.on_data = [&events](std::string_view) {
    events.push_back("data");
    return true;
  };
  REQUIRE(client.stream("GET", "/logs", sink));
  CHECK(events ==
        std::vector<std::string>{"show https://cluster.example/logs", "answered", "clear", "data"});

  // A request that streams input of its own is answered only when the input ends: no notice.
  events.clear();
  REQUIRE(client.stream("POST", "/input", sink, {}, {}, [](char*, size_t) { return size_t{0}; }));
  CHECK(events == std::vector<std::string>{"answered", "data"});

  // Without a notice (not a terminal), nothing is asked of the transport.
  events.clear();
  HttpClient quiet(transport, options, Tracer{}, {});
  REQUIRE(quiet.get("/metadata"));
  CHECK(events == std::vector<std::string>{"answered"});
}
