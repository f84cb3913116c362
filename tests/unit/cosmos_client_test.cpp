// The Cosmos client against a fake transport: the exact media types each RPC sends, the upstream
// answers of ../shared/fixtures/cosmos read into their views, and each Cosmos error type turned
// into an Error of the right kind with Cosmos's message.
#include <catch2/catch.hpp>
#include <functional>

#include "cli/errors.hpp"
#include "client/cosmos.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::CosmosClient;
using dcos::ErrorKind;
using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example";
const std::string kError = "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

std::string media(const std::string& kind, const std::string& version = "v1") {
  return "application/vnd.dcos.package." + kind + "+json;charset=utf-8;version=" + version;
}

CosmosClient cosmos(FakeTransport& transport) {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.token = "tok";
  options.max_attempts = 1;
  return CosmosClient(dcos::HttpClient(transport, options, {}, {}));
}

dcos::Headers answer_type(const std::string& type) { return {{"Content-Type", type}}; }

void expect_ok(FakeTransport& transport, const std::string& op, const std::string& response_type,
               const std::string& body) {
  transport.expect("POST", kBase + "/package/" + op, 200, body, answer_type(response_type));
}

void expect_error(FakeTransport& transport, const std::string& op, long status,
                  const std::string& body) {
  transport.expect("POST", kBase + "/package/" + op, status, body, answer_type(kError));
}

}  // namespace

TEST_CASE("cosmos client: every RPC sends its exact Content-Type and Accept, and its body") {
  struct Rpc {
    std::string op;
    std::string request;
    std::string accept;
    std::string answer_type;
    std::string answer;
    json body;
    std::function<bool(CosmosClient&)> call;
  };
  const std::vector<Rpc> rpcs = {
      {"search", media("search-request"), media("search-response") + "," + kError,
       media("search-response"), R"({"packages":[]})", json{{"query", "cass"}},
       [](CosmosClient& c) { return c.search("cass").ok(); }},
      {"search", media("search-request"), media("search-response") + "," + kError,
       media("search-response"), R"({"packages":[]})", json::object(),
       [](CosmosClient& c) { return c.search("").ok(); }},
      {"describe", media("describe-request"), media("describe-response", "v3") + "," + kError,
       media("describe-response", "v3"), R"({"package":{"name":"x"}})",
       json{{"packageName", "x"}, {"packageVersion", "1.0"}},
       [](CosmosClient& c) { return c.describe("x", "1.0").ok(); }},
      {"list-versions", media("list-versions-request"),
       media("list-versions-response") + "," + kError, media("list-versions-response"),
       R"({"results":{}})", json{{"packageName", "x"}, {"includePackageVersions", true}},
       [](CosmosClient& c) { return c.list_versions("x").ok(); }},
      {"render", media("render-request"), media("render-response") + "," + kError,
       media("render-response"), R"({"marathonJson":{"id":"/x"}})",
       json{{"packageName", "x"}, {"appId", "/y"}, {"options", {{"a", 1}}}},
       [](CosmosClient& c) {
         return c.render({"x", "", "/y", json{{"a", 1}}}).ok();
       }},
      {"install", media("install-request"), media("install-response", "v2") + "," + kError,
       media("install-response", "v2"), R"({"packageName":"x","packageVersion":"1","appId":"/x"})",
       json{{"packageName", "x"}, {"packageVersion", "1"}},
       [](CosmosClient& c) {
         return c.install({"x", "1", "", std::nullopt}).ok();
       }},
      {"uninstall", media("uninstall-request"), media("uninstall-response") + "," + kError,
       media("uninstall-response"), R"({"results":[]})",
       json{{"packageName", "x"}, {"appId", "/x"}},
       [](CosmosClient& c) { return c.uninstall("x", "/x", false).ok(); }},
      {"uninstall", media("uninstall-request"), media("uninstall-response") + "," + kError,
       media("uninstall-response"), R"({"results":[]})", json{{"packageName", "x"}, {"all", true}},
       [](CosmosClient& c) { return c.uninstall("x", "", true).ok(); }},
      {"list", media("list-request"), media("list-response") + "," + kError, media("list-response"),
       R"({"packages":[]})", json::object(), [](CosmosClient& c) { return c.list().ok(); }},
      {"repository/list", media("repository.list-request"), media("repository.list-response"),
       media("repository.list-response"), R"({"repositories":[]})", json::object(),
       [](CosmosClient& c) { return c.repositories().ok(); }},
      {"repository/add", media("repository.add-request"),
       media("repository.add-response") + "," + kError, media("repository.add-response"),
       R"({"repositories":[]})", json{{"name", "n"}, {"uri", "http://u"}, {"index", 0}},
       [](CosmosClient& c) { return c.add_repository("n", "http://u", 0).ok(); }},
      {"repository/add", media("repository.add-request"),
       media("repository.add-response") + "," + kError, media("repository.add-response"),
       R"({"repositories":[]})", json{{"name", "n"}, {"uri", "http://u"}},
       [](CosmosClient& c) { return c.add_repository("n", "http://u", std::nullopt).ok(); }},
      {"repository/delete", media("repository.delete-request"),
       media("repository.delete-response") + "," + kError, media("repository.delete-response"),
       R"({"repositories":[]})", json{{"name", "n"}},
       [](CosmosClient& c) { return c.delete_repository("n").ok(); }},
  };
  for (const auto& rpc : rpcs) {
    INFO(rpc.op << " " << rpc.body.dump());
    FakeTransport transport;
    expect_ok(transport, rpc.op, rpc.answer_type, rpc.answer);
    auto client = cosmos(transport);
    CHECK(rpc.call(client));
    REQUIRE(transport.requests.size() == 1);
    const auto& sent = transport.requests[0];
    CHECK(sent.method == "POST");
    CHECK(dcos::header_value(sent.headers, "Content-Type") == rpc.request);
    CHECK(dcos::header_value(sent.headers, "Accept") == rpc.accept);
    CHECK(dcos::header_value(sent.headers, "Authorization") == "token=tok");
    CHECK(json::parse(sent.body) == rpc.body);
  }
}

TEST_CASE("cosmos client: the upstream answers are read into their views, raw JSON kept") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto client = cosmos(transport);

  expect_ok(transport, "search", media("search-response"),
            dcos::testing::fixture("cosmos", "responses/search.dcos-ui.json"));
  auto found = client.search("");
  REQUIRE(found.ok());
  REQUIRE(found->packages.size() == 97);
  CHECK(found->packages[0].name == "arangodb3");
  CHECK(found->packages[0].current_version == "1.4.6");
  CHECK(found->packages[0].selected);
  CHECK(found->packages[0].framework);
  CHECK(found->packages[0].raw.at("tags") == json({"arangodb", "NoSQL", "database"}));
  CHECK(found->raw.at("packages").size() == 97);

  expect_ok(transport, "describe", media("describe-response", "v3"),
            dcos::testing::fixture("cosmos", "responses/describe-v3.marathon.dcos-ui.json"));
  auto package = client.describe("marathon");
  REQUIRE(package.ok());
  CHECK(package->name == "marathon");
  CHECK(package->version == "1.4.6");
  CHECK(package->packaging_version == "3.0");
  CHECK(package->selected);
  CHECK_FALSE(package->marathon_template.empty());
  CHECK(package->config.at("type") == "object");
  CHECK_FALSE(package->post_install_notes.empty());
  CHECK(package->raw.contains("licenses"));

  expect_ok(transport, "list-versions", media("list-versions-response"),
            dcos::testing::fixture("cosmos", "responses/list-versions.dcos-ui.json"));
  auto versions = client.list_versions("arangodb3");
  REQUIRE(versions.ok());
  CHECK(*versions == std::map<std::string, std::string>{
                         {"0.2.1", "0"}, {"0.3.0", "1"}, {"0.4.0", "2"}, {"1.4.6", "3"}});

  expect_ok(transport, "list", media("list-response"),
            dcos::testing::fixture("cosmos", "responses/list.jenkins.core-cli.json"));
  auto apps = client.list();
  REQUIRE(apps.ok());
  REQUIRE(apps->size() == 6);
  CHECK((*apps)[0].app_id == "/jenkins-test");
  CHECK((*apps)[0].package.name == "jenkins");
  CHECK((*apps)[0].package.version == "3.6.1-2.190.1");
  CHECK((*apps)[2].package.packaging_version == "4.0");

  expect_ok(transport, "list", media("list-response"),
            dcos::testing::fixture("cosmos", "responses/list.dcos-ui.json"));
  auto ui_apps = client.list();
  REQUIRE(ui_apps.ok());
  REQUIRE(ui_apps->size() == 2);
  CHECK((*ui_apps)[1].app_id == "/arangodb");

  expect_ok(transport, "repository/list", media("repository.list-response"),
            dcos::testing::fixture("cosmos", "responses/repository-list.core-cli.json"));
  auto repos = client.repositories();
  REQUIRE(repos.ok());
  REQUIRE(repos->repositories.size() == 3);
  CHECK(repos->repositories[1].name == "Bootstrap Registry");
  CHECK(repos->repositories[1].uri == "https://registry.component.thisdcos.directory/repo");

  json marathon_json = json::parse(
      dcos::testing::fixture("cosmos", "responses/render-marathonJson.helloworld.core-cli.json"));
  expect_ok(transport, "render", media("render-response"),
            json{{"marathonJson", marathon_json}}.dump());
  auto rendered = client.render({"helloworld", "", "", std::nullopt});
  REQUIRE(rendered.ok());
  CHECK(*rendered == marathon_json);
}

TEST_CASE("cosmos client: a v1 install answer is read too; an unasked Content-Type is refused") {
  FakeTransport transport;
  auto client = cosmos(transport);
  expect_ok(transport, "install", media("install-response", "v1"),
            R"({"packageName":"x","packageVersion":"1","appId":"/x"})");
  auto installed = client.install({"x", "", "", std::nullopt});
  REQUIRE(installed.ok());
  CHECK(installed->app_id == "/x");
  CHECK(installed->post_install_notes.empty());

  expect_ok(transport, "install", media("install-response", "v2"),
            R"({"packageName":"x","packageVersion":"1","postInstallNotes":"done","cli":{}})");
  installed = client.install({"x", "", "", std::nullopt});
  REQUIRE(installed.ok());
  CHECK(installed->app_id.empty());
  CHECK(installed->post_install_notes == "done");

  expect_ok(transport, "search", "application/json", R"({"packages":[]})");
  auto wrong = client.search("");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().kind == ErrorKind::server);
  CHECK(wrong.error().message ==
        "Cosmos answered POST https://dcos.example/package/search with Content-Type "
        "'application/json', expected '" +
            media("search-response") + "'");
}

TEST_CASE("cosmos client: each Cosmos error type becomes its kind, message and exit code") {
  struct Case {
    long status;
    std::string body;
    ErrorKind kind;
    int exit;
    std::string message;
    std::string hint;
  };
  const std::vector<Case> cases = {
      {400,
       R"({"type":"PackageNotFound","message":"Package [xyzzy] not found","data":{"packageName":"xyzzy"}})",
       ErrorKind::not_found, 3, "Package [xyzzy] not found",
       "find the package's name with 'dcos package search'"},
      {400,
       R"({"type":"VersionNotFound","message":"Version [9] of package [x] not found","data":{"packageName":"x","packageVersion":"9"}})",
       ErrorKind::not_found, 3, "Version [9] of package [x] not found",
       "see its versions with 'dcos package describe x --package-versions'"},
      {400,
       R"({"type":"PackageNotInstalled","message":"Package [x] is not installed","data":{"packageName":"x"}})",
       ErrorKind::not_found, 3, "Package [x] is not installed",
       "see what is installed with 'dcos package list'"},
      {400,
       R"({"type":"AmbiguousAppId","message":"Multiple apps named [x] are installed: [/a, /b]","data":{"packageName":"x","appIds":["/a","/b"]}})",
       ErrorKind::ambiguous, 6, "Multiple apps named [x] are installed: [/a, /b]",
       "name one with --app-id <app-id>, or add --all to uninstall every one"},
      {409, R"({"type":"PackageAlreadyInstalled","message":"Package is already installed"})",
       ErrorKind::conflict, 1, "Package is already installed",
       "install another instance under an id of its own with --app-id (or the package's name "
       "option)"},
      {400,
       R"x({"type":"JsonSchemaMismatch","message":"Options JSON failed validation","data":{"errors":[
         {"level":"error","instance":{"pointer":"/cassandra/resources/cpus"},"keyword":"type",
          "message":"instance type (string) does not match any allowed primitive type (allowed: [\"integer\",\"number\"])",
          "found":"string","expected":["integer","number"]},
         {"level":"error","instance":{"pointer":""},"keyword":"additionalProperties",
          "unwanted":["bogus"]}]}})x",
       ErrorKind::usage, 2,
       "Options JSON failed validation\n"
       "cassandra.resources.cpus: instance type (string) does not match any allowed primitive "
       "type (allowed: [\"integer\",\"number\"])\n"
       "(root): additionalProperties",
       "see the package's options with 'dcos package describe <package> --config'"},
      {502,
       R"({"type":"MarathonBadGateway","message":"Received response status code 503 from Marathon","data":{"marathonStatus":503}})",
       ErrorKind::server, 1, "Received response status code 503 from Marathon", ""},
      {401,
       R"({"type":"Unauthorized","message":"Unable to complete request due to Unauthorized response from service [marathon]"})",
       ErrorKind::auth, 4,
       "Unable to complete request due to Unauthorized response from service [marathon]",
       "run 'dcos auth login'"},
      {400,
       R"({"type":"RepositoryAlreadyPresent","message":"Repository name [u] is already present in the list","data":{"name":"u"}})",
       ErrorKind::conflict, 1, "Repository name [u] is already present in the list",
       "see the repositories with 'dcos package repo list'"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    FakeTransport transport;
    expect_error(transport, "describe", c.status, c.body);
    auto result = cosmos(transport).describe("x");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == c.kind);
    CHECK(result.error().message == c.message);
    CHECK(dcos::exit_code_for(result.error().kind) == c.exit);
    CHECK(dcos::hint_for(result.error()) == c.hint);
    if (c.kind != ErrorKind::auth) {
      CHECK(result.error().detail == dcos::ErrorDetail::cosmos);
      CHECK(result.error().ids.front() == json::parse(c.body).at("type"));
    }
  }
}

TEST_CASE("cosmos client: an error without Cosmos's error body reports the HTTP status") {
  FakeTransport transport;
  transport.expect("POST", kBase + "/package/search", 500, "<html>boom</html>",
                   answer_type("text/html"));
  auto result = cosmos(transport).search("");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == ErrorKind::server);
  CHECK(result.error().message.rfind("HTTP 500 from POST https://dcos.example/package/search", 0) ==
        0);
}
