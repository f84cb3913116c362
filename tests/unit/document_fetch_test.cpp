// Fetching a definition from a URL: a bare GET of the URL itself, the body back, failures that
// name the URL.
#include <catch2/catch.hpp>

#include "client/document_fetch.hpp"
#include "support/fake_transport.hpp"

using dcos::ErrorKind;
using dcos::HttpClient;
using dcos::testing::FakeTransport;

namespace {

const std::string kUrl = "https://example.com/defs/app.yaml";

HttpClient client_for(FakeTransport& fake, std::optional<std::string> ssl_verify = {}) {
  return HttpClient(fake, dcos::document_options(kUrl, ssl_verify), {},
                    [](std::chrono::milliseconds) {});
}

}  // namespace

TEST_CASE("document_options: no token, 30 seconds, TLS from DCOS_SSL_VERIFY") {
  auto plain = dcos::document_options(kUrl, std::nullopt);
  CHECK(plain.base_url == kUrl);
  CHECK(plain.token.empty());
  CHECK(plain.timeout == std::chrono::seconds(30));
  CHECK(plain.tls.verify);
  CHECK_FALSE(dcos::document_options(kUrl, std::string("false")).tls.verify);
}

TEST_CASE("fetch_document returns the body of a GET of the URL") {
  FakeTransport fake;
  fake.expect("GET", kUrl, 200, "id: /web\n");
  auto http = client_for(fake);
  auto text = dcos::fetch_document(http);
  REQUIRE(text.ok());
  CHECK(*text == "id: /web\n");
  REQUIRE(fake.requests.size() == 1);
  bool accept = false;
  for (const auto& [name, value] : fake.requests.front().headers) {
    CHECK(name != "Authorization");
    if (name == "Accept") accept = value == "application/json, application/yaml, */*";
  }
  CHECK(accept);
  CHECK(fake.unused().empty());
}

TEST_CASE("fetch_document names the URL when it fails") {
  FakeTransport fake;
  SECTION("404 is not_found") {
    fake.expect("GET", kUrl, 404, "gone");
    auto http = client_for(fake);
    auto text = dcos::fetch_document(http);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().kind == ErrorKind::not_found);
    CHECK(text.error().message == "can't read '" + kUrl + "': HTTP 404");
  }
  SECTION("another status") {
    fake.expect("GET", kUrl, 302, "");
    auto http = client_for(fake);
    auto text = dcos::fetch_document(http);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().kind == ErrorKind::generic);
    CHECK(text.error().message == "can't read '" + kUrl + "': HTTP 302");
  }
  SECTION("the transport's error") {
    fake.expect("GET", kUrl, dcos::Error::make(ErrorKind::network, "connection refused"));
    auto http = client_for(fake);
    auto text = dcos::fetch_document(http);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().kind == ErrorKind::network);
    CHECK(text.error().message == "can't read '" + kUrl + "': connection refused");
  }
  CHECK(fake.unused().empty());
  CHECK(fake.unexpected.empty());
}
