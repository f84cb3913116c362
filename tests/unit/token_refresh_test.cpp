// An expired token: one line with the login hint and exit 4 — unless the cluster was set up
// with a service account, whose stored key logs in again once before the request is retried.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/context.hpp"
#include "cli/errors.hpp"
#include "client/http_client.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::ClientOptions;
using dcos::Context;
using dcos::ErrorKind;
using dcos::HttpClient;
using dcos::Service;
using dcos::Terminal;
using dcos::testing::FakeTransport;
using dcos::testing::read_file;
using dcos::testing::SharedTransport;
using dcos::testing::TempDir;
using dcos::testing::write_file;

namespace {

const std::string kBase = "https://cluster.example";

std::string authorization(const dcos::HttpRequest& request) {
  return dcos::header_value(request.headers, "Authorization");
}

std::string rsa_private_key_pem() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

TEST_CASE("HttpClient asks for a fresh token once on 401 and retries with it") {
  FakeTransport transport;
  ClientOptions options;
  options.base_url = kBase;
  options.token = "old";
  int refreshed = 0;
  options.refresh_token = [&refreshed]() -> dcos::Result<std::string> {
    ++refreshed;
    return std::string("new");
  };
  HttpClient client(transport, options, {}, {});
  transport.expect("GET", kBase + "/v2/apps", 401, "");
  transport.expect("GET", kBase + "/v2/apps", 200, "{}");
  auto response = client.get("/v2/apps");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(refreshed == 1);
  REQUIRE(transport.requests.size() == 2);
  CHECK(authorization(transport.requests[0]) == "token=old");
  CHECK(authorization(transport.requests[1]) == "token=new");

  // A second 401 is the caller's: no second login.
  transport.expect("GET", kBase + "/v2/apps", 401, "");
  auto again = client.get("/v2/apps");
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::auth);
  CHECK(refreshed == 1);
}

TEST_CASE("without a way to log in again, a 401 is an auth error with the login hint") {
  FakeTransport transport;
  ClientOptions options;
  options.base_url = kBase;
  options.token = "expired";
  HttpClient client(transport, options, {}, {});
  transport.expect("GET", kBase + "/v2/apps", 401, "");
  auto response = client.get("/v2/apps");
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == ErrorKind::auth);
  CHECK(dcos::hint_for(response.error()).find("dcos auth login") != std::string::npos);
  CHECK(transport.requests.size() == 1);
}

TEST_CASE("a cluster set up with a service account logs in again with the stored key") {
  TempDir home;
  auto key = home.path() / "ci-bot.pem";
  write_file(key, rsa_private_key_pem());
  std::filesystem::permissions(key, std::filesystem::perms(0600));
  auto dir = home.path() / "clusters" / "c1";
  write_file(dir / "dcos.toml",
             "[core]\n  dcos_acs_token = \"expired\"\n  dcos_private_key = \"" + key.string() +
                 "\"\n  dcos_service_account = \"ci-bot\"\n  dcos_url = \"" + kBase + "\"\n");
  std::filesystem::permissions(dir / "dcos.toml", std::filesystem::perms(0600));

  auto fake = std::make_shared<FakeTransport>();
  fake->expect("GET", kBase + "/service/marathon/v2/apps", 401, "");
  fake->expect("POST", kBase + "/acs/api/v1/auth/login", 200, R"({"token":"fresh"})");
  fake->expect("GET", kBase + "/service/marathon/v2/apps", 200, R"({"apps":[]})");
  std::ostringstream out, err;
  std::istringstream in;
  std::map<std::string, std::string> env{{"DCOS_DIR", home.path().string()}};
  Context context(
      out, err, in, Terminal{},
      [&env](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        return it == env.end() ? std::nullopt : std::optional(it->second);
      },
      [fake] { return std::make_unique<SharedTransport>(fake); });
  auto client = context.client(Service::marathon);
  REQUIRE(client);
  auto response = client->get("/v2/apps");
  REQUIRE(response);
  CHECK(response->status == 200);
  REQUIRE(fake->requests.size() == 3);
  auto login = nlohmann::json::parse(fake->requests[1].body);
  CHECK(login["uid"] == "ci-bot");
  CHECK(login["token"].get<std::string>().rfind("ey", 0) == 0);  // a signed JWT
  CHECK(authorization(fake->requests[1]).empty());               // the login goes out bare
  CHECK(authorization(fake->requests[2]) == "token=fresh");
  // The new token is saved; the key itself never is.
  std::string saved = read_file(dir / "dcos.toml");
  CHECK(saved.find("dcos_acs_token = \"fresh\"") != std::string::npos);
  CHECK(saved.find("PRIVATE KEY") == std::string::npos);
}
