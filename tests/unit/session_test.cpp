// The client-side session: a cluster set up with a service account renews its expired token
// with the stored key, saves it, tells the caller (the CLI says so at -v), and serialises
// renewals across threads.
#include "client/session.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/context.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"
#include "support/test_pki.hpp"

using dcos::ClientOptions;
using dcos::Config;
using dcos::ErrorDetail;
using dcos::ErrorKind;
using dcos::HttpClient;
using dcos::Service;
using dcos::Session;
using dcos::SessionHooks;
using dcos::Transport;
using dcos::testing::FakeTransport;
using dcos::testing::read_file;
using dcos::testing::TempDir;
using dcos::testing::write_file;
using dcos::testing::write_pem;

namespace {

const std::string kBase = "https://cluster.example";
const std::string kLogin = kBase + "/acs/api/v1/auth/login";

/// A cluster folder with a dcos.toml; with `service_account`, also a key and its path.
struct Cluster {
  TempDir home;
  std::filesystem::path file = home.path() / "dcos.toml";
  Config config;

  explicit Cluster(bool service_account) {
    std::string toml = "[core]\n  dcos_acs_token = \"expired\"\n  dcos_url = \"" + kBase + "\"\n";
    if (service_account) {
      auto key = home.path() / "ci-bot.pem";
      write_pem(key, dcos::testing::pki_detail::key_pem(dcos::testing::pki_detail::rsa_key().get()),
                0600);
      toml +=
          "  dcos_private_key = \"" + key.string() + "\"\n  dcos_service_account = \"ci-bot\"\n";
    }
    write_file(file, toml);
    auto loaded = Config::load(file);
    REQUIRE(loaded);
    config = std::move(loaded).value();
  }
};

/// Hooks whose transports are fakes answering one login with `status` and `body`; they keep
/// the transports made and the renewals reported, and count renewals in flight.
struct Hooks {
  int status = 200;
  std::string body = R"({"token":"fresh"})";
  std::mutex lock;
  std::vector<std::shared_ptr<FakeTransport>> transports;
  std::vector<std::string> renewed;
  int in_flight = 0;
  int most_in_flight = 0;

  SessionHooks make() {
    SessionHooks hooks;
    hooks.new_transport = [this]() -> std::unique_ptr<Transport> {
      auto fake = std::make_shared<FakeTransport>();
      fake->expect("POST", kLogin, status, body);
      std::lock_guard guard(lock);
      transports.push_back(fake);
      most_in_flight = std::max(most_in_flight, ++in_flight);
      return std::make_unique<dcos::testing::SharedTransport>(fake);
    };
    hooks.client = [](ClientOptions options, Transport& transport) {
      return HttpClient(transport, std::move(options), {}, [](std::chrono::milliseconds) {});
    };
    hooks.now = [] { return std::chrono::system_clock::time_point(std::chrono::hours(1)); };
    hooks.renewed = [this](const std::string& account) {
      std::lock_guard guard(lock);
      renewed.push_back(account);
    };
    return hooks;
  }
};

std::string authorization(const dcos::HttpRequest& request) {
  return dcos::header_value(request.headers, "Authorization");
}

}  // namespace

TEST_CASE("without a service account the session's options do not renew") {
  Cluster cluster(false);
  Hooks hooks;
  Session session(cluster.config, {}, hooks.make());
  CHECK_FALSE(session.can_renew());
  auto options = session.options(Service::marathon);
  REQUIRE(options);
  CHECK(options->base_url == kBase + "/service/marathon");
  CHECK(options->token == "expired");
  CHECK_FALSE(options->refresh_token);

  auto renewed = session.renew();
  REQUIRE_FALSE(renewed);
  CHECK(renewed.error().kind == ErrorKind::auth);
  CHECK(renewed.error().detail == ErrorDetail::not_logged_in);
  CHECK(hooks.transports.empty());
}

TEST_CASE("a service-account session logs in again with the key, saves and reports it") {
  Cluster cluster(true);
  Hooks hooks;
  Session session(cluster.config, {}, hooks.make());
  REQUIRE(session.can_renew());
  auto options = session.options(Service::marathon);
  REQUIRE(options);
  REQUIRE(options->refresh_token);

  auto token = options->refresh_token();
  REQUIRE(token);
  CHECK(*token == "fresh");
  REQUIRE(hooks.transports.size() == 1);
  const auto& fake = *hooks.transports.front();
  REQUIRE(fake.requests.size() == 1);
  CHECK(authorization(fake.requests[0]).empty());  // the refused token is not sent again
  auto login = nlohmann::json::parse(fake.requests[0].body);
  CHECK(login["uid"] == "ci-bot");
  CHECK(login["token"].get<std::string>().rfind("ey", 0) == 0);  // a signed JWT
  CHECK(fake.unused().empty());
  CHECK(cluster.config.get("core.dcos_acs_token") == "fresh");
  CHECK(read_file(cluster.file).find("dcos_acs_token = \"fresh\"") != std::string::npos);
  CHECK(hooks.renewed == std::vector<std::string>{"ci-bot"});
}

TEST_CASE("a refused renewal is returned, and neither saved nor reported") {
  Cluster cluster(true);
  Hooks hooks;
  hooks.status = 401;
  hooks.body = R"({"description":"the key is not the account's"})";
  Session session(cluster.config, {}, hooks.make());
  auto token = session.renew();
  REQUIRE_FALSE(token);
  CHECK(token.error().kind == ErrorKind::auth);
  CHECK(token.error().message == "the key is not the account's");
  CHECK(cluster.config.get("core.dcos_acs_token") == "expired");
  CHECK(read_file(cluster.file).find("dcos_acs_token = \"expired\"") != std::string::npos);
  CHECK(hooks.renewed.empty());
}

TEST_CASE("renewals asked for by two threads at once run one after the other") {
  Cluster cluster(true);
  Hooks hooks;
  SessionHooks made = hooks.make();
  // The renewal ends when it reports the account; count it out of flight there.
  made.renewed = [&hooks](const std::string& account) {
    std::lock_guard guard(hooks.lock);
    hooks.renewed.push_back(account);
    --hooks.in_flight;
  };
  Session session(cluster.config, {}, std::move(made));
  dcos::Result<std::string> first = std::string(), second = std::string();
  std::thread other([&] { first = session.renew(); });
  second = session.renew();
  other.join();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(hooks.renewed.size() == 2);
  CHECK(hooks.most_in_flight == 1);
  CHECK(cluster.config.get("core.dcos_acs_token") == "fresh");
}

TEST_CASE("at -v the command's Context says that it logged in again, and as whom") {
  Cluster cluster(true);
  std::filesystem::create_directories(cluster.home.path() / "clusters" / "c1");
  const auto file = cluster.home.path() / "clusters" / "c1" / "dcos.toml";
  std::filesystem::rename(cluster.file, file);
  std::filesystem::permissions(file, std::filesystem::perms(0600));
  auto fake = std::make_shared<FakeTransport>();
  fake->expect("GET", kBase + "/service/marathon/v2/info", 401, "");
  fake->expect("POST", kLogin, 200, R"({"token":"fresh"})");
  fake->expect("GET", kBase + "/service/marathon/v2/info", 200, "{}");
  std::ostringstream out, err;
  std::istringstream in;
  const std::string home = cluster.home.path().string();
  dcos::Context context(
      out, err, in, dcos::Terminal{},
      [&home](const std::string& name) -> std::optional<std::string> {
        return name == "DCOS_DIR" ? std::optional(home) : std::nullopt;
      },
      [fake] { return std::make_unique<dcos::testing::SharedTransport>(fake); });
  context.verbosity = 1;
  auto client = context.client(Service::marathon);
  REQUIRE(client);
  auto response = client->get("/v2/info");
  REQUIRE(response);
  CHECK(err.str().find("The token had expired; logged in again as ci-bot\n") != std::string::npos);
  CHECK(fake->unused().empty());
  CHECK(fake->unexpected.empty());
}
