// How the libcurl transport classifies TLS failures: an authority nobody here trusts is told
// apart from every other certificate problem by libcurl's verification result (OpenSSL's X509
// error number), never by the words of its message. `cluster setup` offers to fetch the
// cluster's CA only for the first.
#include <httplib.h>

#include <catch2/catch.hpp>

#include "cli/errors.hpp"
#include "client/curl_transport.hpp"
#include "support/harness.hpp"
#include "support/local_server.hpp"
#include "support/test_pki.hpp"

using dcos::CurlTransport;
using dcos::Error;
using dcos::ErrorDetail;
using dcos::ErrorKind;
using dcos::HttpRequest;
using dcos::testing::TempDir;
using dcos::testing::TestCa;
using dcos::testing::write_pem;

namespace {

/// An HTTPS server on 127.0.0.1 whose certificate `ca` issued for `san`.
struct HttpsServer {
  TempDir dir;
  std::string cert, key;
  std::unique_ptr<httplib::SSLServer> server;
  std::unique_ptr<dcos::testing::ServerThread> running;

  HttpsServer(TestCa& ca, const std::vector<std::string>& san, long not_before = -60,
              long not_after = 86400) {
    auto leaf = ca.issue(san, not_before, not_after);
    cert = write_pem(dir.path() / "server.crt", leaf.cert, 0644);
    key = write_pem(dir.path() / "server.key", leaf.key, 0600);
    server = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
    REQUIRE(server->is_valid());
    server->Get("/ping", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("pong", "text/plain");
    });
    running = std::make_unique<dcos::testing::ServerThread>(*server);
  }
  std::string url() const {
    return "https://127.0.0.1:" + std::to_string(running->port()) + "/ping";
  }
};

Error fails(const std::string& url, const std::string& ca_file) {
  CurlTransport transport;
  HttpRequest request;
  request.url = url;
  request.tls.ca_file = ca_file;
  auto response = transport.perform(request);
  REQUIRE_FALSE(response);
  return response.error();
}

const std::string kSslVerifyHint =
    "to choose how certificates are checked, run 'dcos config set core.ssl_verify "
    "<true|false|path-to-CA-bundle>'";

}  // namespace

TEST_CASE("curl: a certificate from a CA nobody here trusts is an unknown authority", "[curl]") {
  TempDir dir;
  TestCa ca;
  TestCa other("dcos-test Other CA");
  HttpsServer https(ca, {"IP:127.0.0.1"});
  auto other_file = write_pem(dir.path() / "other.crt", other.pem().cert, 0644);

  Error checked_with_another = fails(https.url(), other_file);
  CHECK(checked_with_another.kind == ErrorKind::tls);
  CHECK(checked_with_another.detail == ErrorDetail::tls_unknown_authority);
  CHECK(dcos::hint_for(checked_with_another) == kSslVerifyHint);

  // What `cluster setup` meets: the system CAs (or none at all) and a cluster's own CA.
  Error checked_with_system = fails(https.url(), "");
  CHECK(checked_with_system.kind == ErrorKind::tls);
  CHECK(checked_with_system.detail == ErrorDetail::tls_unknown_authority);
}

TEST_CASE("curl: other certificate problems are TLS failures, not an unknown authority", "[curl]") {
  TempDir dir;
  TestCa ca;
  auto ca_file = write_pem(dir.path() / "ca.crt", ca.pem().cert, 0644);

  HttpsServer elsewhere(ca, {"DNS:other.example"});
  Error wrong_host = fails(elsewhere.url(), ca_file);
  CHECK(wrong_host.kind == ErrorKind::tls);
  CHECK(wrong_host.detail == ErrorDetail::tls_failure);
  CHECK(dcos::hint_for(wrong_host) == kSslVerifyHint);
  CHECK(wrong_host.message.find("(CA: " + ca_file + "): ") != std::string::npos);

  HttpsServer expired(ca, {"IP:127.0.0.1"}, -7200, -3600);
  Error too_old = fails(expired.url(), ca_file);
  CHECK(too_old.kind == ErrorKind::tls);
  CHECK(too_old.detail == ErrorDetail::tls_failure);
  CHECK(too_old.message.find("expired") != std::string::npos);

  // A CA file that cannot be read is the user's setting, not the server's authority.
  Error missing_file = fails(elsewhere.url(), (dir.path() / "missing.crt").string());
  CHECK(missing_file.kind == ErrorKind::tls);
  CHECK(missing_file.detail == ErrorDetail::tls_failure);
}
