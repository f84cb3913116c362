// The libcurl transport against a real HTTP listener on 127.0.0.1 (cpp-httplib).
#include <httplib.h>
#include <catch2/catch.hpp>

#include <memory>
#include <thread>

#include "cli/errors.hpp"
#include "client/curl_transport.hpp"
#include "client/http_client.hpp"
#include "support/local_server.hpp"

using dcos::CurlTransport;
using dcos::ErrorKind;
using dcos::HttpRequest;

namespace {

/// An HTTP server on a free loopback port, stopped when the test ends.
class LocalServer {
 public:
  LocalServer() {
    server.Get("/echo", [](const httplib::Request& request, httplib::Response& response) {
      std::string text;
      for (const char* name : {"Authorization", "User-Agent", "X-Test"}) {
        text += std::string(name) + "=" + request.get_header_value(name) + "\n";
      }
      text += "port=" + std::to_string(request.remote_port) + "\n";
      response.set_header("X-Served-By", "local");
      response.set_content(text, "text/plain");
    });
    server.Post("/body", [](const httplib::Request& request, httplib::Response& response) {
      response.status = 201;
      response.set_content(request.body + "|" + request.get_header_value("Content-Type"),
                           "text/plain");
    });
    server.Delete("/thing", [](const httplib::Request&, httplib::Response& response) {
      response.status = 204;
    });
    server.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      response.set_content("late", "text/plain");
    });
    server.Get("/moved", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/echo");
    });
    server.Get("/missing", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content(R"({"message":"App '/nope' does not exist"})", "application/json");
    });
    running = std::make_unique<dcos::testing::ServerThread>(server);
    port = running->port();
  }
  std::string url(const std::string& path) const { return running->url(path); }

  httplib::Server server;
  std::unique_ptr<dcos::testing::ServerThread> running;
  int port = 0;
};

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

std::string value_of(const std::string& body, const std::string& name) {
  auto start = body.find(name + "=");
  if (start == std::string::npos) return {};
  start += name.size() + 1;
  return body.substr(start, body.find('\n', start) - start);
}

}  // namespace

TEST_CASE("curl: sends headers, reads status, headers and body") {
  LocalServer server;
  CurlTransport transport;
  HttpRequest request = get(server.url("/echo"));
  request.headers = {
      {"Authorization", "token=abc"}, {"User-Agent", "dcos-cli/x linux"}, {"X-Test", "1"}};
  auto response = transport.perform(request);
  REQUIRE(response.ok());
  CHECK(response->status == 200);
  CHECK(value_of(response->body, "Authorization") == "token=abc");
  CHECK(value_of(response->body, "User-Agent") == "dcos-cli/x linux");
  CHECK(dcos::header_value(response->headers, "x-served-by") == "local");
}

TEST_CASE("curl: HttpClient adds token and user agent on the wire") {
  LocalServer server;
  CurlTransport transport;
  dcos::ClientOptions options;
  options.base_url = server.url("");
  options.token = "wire-token";
  options.user_agent = "dcos-cli/9.9 linux";
  dcos::HttpClient client(transport, options, {}, {});
  auto response = client.get("/echo");
  REQUIRE(response.ok());
  CHECK(value_of(response->body, "Authorization") == "token=wire-token");
  CHECK(value_of(response->body, "User-Agent") == "dcos-cli/9.9 linux");
  auto missing = client.get("/missing");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message.find("App '/nope' does not exist") != std::string::npos);
}

TEST_CASE("curl: one connection is reused for consecutive requests") {
  LocalServer server;
  CurlTransport transport;
  auto first = transport.perform(get(server.url("/echo")));
  auto second = transport.perform(get(server.url("/echo")));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(value_of(first->body, "port") == value_of(second->body, "port"));
}

TEST_CASE("curl: POST bodies and DELETE without a body") {
  LocalServer server;
  CurlTransport transport;
  HttpRequest post = get(server.url("/body"));
  post.method = "POST";
  post.body = R"({"id":"/a"})";
  post.headers = {{"Content-Type", "application/json"}};
  auto posted = transport.perform(post);
  REQUIRE(posted.ok());
  CHECK(posted->status == 201);
  CHECK(posted->body == R"({"id":"/a"}|application/json)");

  HttpRequest remove = get(server.url("/thing"));
  remove.method = "DELETE";
  auto deleted = transport.perform(remove);
  REQUIRE(deleted.ok());
  CHECK(deleted->status == 204);
}

TEST_CASE("curl: redirects are followed") {
  LocalServer server;
  CurlTransport transport;
  auto response = transport.perform(get(server.url("/moved")));
  REQUIRE(response.ok());
  CHECK(response->status == 200);
  CHECK(response->body.find("port=") != std::string::npos);
}

TEST_CASE("curl: the request timeout is separate from the connect timeout") {
  LocalServer server;
  CurlTransport transport;
  HttpRequest request = get(server.url("/slow"));
  request.timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  auto response = transport.perform(request);
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::timeout);
  CHECK(response.error().message.find(request.url) != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1400));
}

TEST_CASE("curl: connection refused names the URL") {
  std::string url;
  {
    LocalServer server;  // take a free port, then close it
    url = server.url("/echo");
  }
  CurlTransport transport;
  auto response = transport.perform(get(url));
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::network);
  CHECK(response.error().message.find("cannot connect to " + url) == 0);
}

TEST_CASE("curl: https:// to a plain-HTTP server is named as such, not as a certificate problem") {
  LocalServer server;  // plain HTTP: OpenSSL reads its answer as a bad TLS record
  CurlTransport transport;
  const std::string origin = "127.0.0.1:" + std::to_string(server.port);
  HttpRequest request = get("https://" + origin + "/echo");
  request.tls.ca_file = "/etc/ssl/certs/ca-certificates.crt";
  auto response = transport.perform(request);
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::tls);
  CHECK(response.error().detail == dcos::ErrorDetail::plain_http);
  CHECK(response.error().message ==
        "TLS error with https://" + origin + ": the server speaks plain HTTP");
  CHECK(response.error().ids == std::vector<std::string>{"http://" + origin});
  CHECK(dcos::hint_for(response.error()).find("core.ssl_verify") == std::string::npos);
}

TEST_CASE("curl: a request without an answer in time says so once, and names how far it got") {
  LocalServer server;
  CurlTransport transport;
  HttpRequest request = get(server.url("/slow"));
  int told = 0;
  request.slow_after = std::chrono::milliseconds(1);
  request.on_slow = [&told] { ++told; };
  REQUIRE(transport.perform(request).ok());
  CHECK(told == 1);

  HttpRequest quick = get(server.url("/echo"));
  quick.slow_after = std::chrono::hours(1);
  quick.on_slow = [&told] { ++told; };
  REQUIRE(transport.perform(quick).ok());
  CHECK(told == 1);

  HttpRequest late = get(server.url("/slow"));
  late.timeout = std::chrono::milliseconds(300);
  auto timed_out = transport.perform(late);
  REQUIRE_FALSE(timed_out.ok());
  CHECK(timed_out.error().detail == dcos::ErrorDetail::timed_out);
  CHECK(timed_out.error().ids == std::vector<std::string>{late.url, "0.3 s", "answer"});
  CHECK(timed_out.error().message == "no answer from " + late.url + " within 0.3 s");
}
