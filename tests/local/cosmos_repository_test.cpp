// dcos-local's package repositories: the bundled Universe served at /_dcos_local/universe/repo
// with the universe server's negotiation, its contents, and repository add/delete of another
// dcos-local's repository with Cosmos's errors.
#include "cosmos_test_support.hpp"
#include "local/cosmos/codec.hpp"
#include "local/cosmos/embedded.hpp"
#include "local/cosmos/universe.hpp"

using namespace dcos::testing;

namespace {

json add_repo(const std::string& name, const std::string& uri) {
  return {{"name", name}, {"uri", uri}};
}

}  // namespace

TEST_CASE("the bundled repository is built from src/local/universe", "[local][cosmos]") {
  using namespace dcos_local::cosmos;
  RepoBuild built = build_repo(universe_files());
  REQUIRE(built.error.empty());
  std::map<std::string, json> by_name;
  for (const json& p : built.repo["packages"]) by_name[p["name"]] = p;
  REQUIRE(by_name.count("cassandra"));
  REQUIRE(by_name.count("hello-world"));
  for (auto& [name, p] : by_name) {
    INFO(name);
    CHECK(p["releaseVersion"].is_number_integer());
    auto text = base64_decode(p["marathon"]["v2AppMustacheTemplate"].get<std::string>());
    REQUIRE(text);
    CHECK(text->find("{{") != std::string::npos);
    CHECK(p["config"]["type"] == "object");
  }
  // Broken sources are reported with the file's path.
  std::vector<EmbeddedFile> broken = {{"x/1/package.json", "{not json"}};
  CHECK(build_repo(broken).error == "x/1/package.json is not a JSON object");
  std::vector<EmbeddedFile> orphan = {{"x/1/config.json", "{}"}};
  CHECK(build_repo(orphan).error == "x/1/package.json is missing");

  std::string data = "any bytes \x01\x02 and more";
  CHECK(gunzip(gzip(data)) == data);
  CHECK(base64_decode(base64_encode(data)) == data);
  CHECK(base64_encode("{}") == "e30=");
}

TEST_CASE("the repository is served with the universe server's content negotiation",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  for (const char* v : {"v3", "v4", "v5"}) {
    auto res = cli.Get("/_dcos_local/universe/repo", {{"Accept", cosmos_type("universe.repo", v)}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == cosmos_type("universe.repo", v));
    CHECK(json::parse(res->body)["packages"].size() >= 2);
  }
  // Several listed: the highest wins, as Cosmos's client sends them.
  auto res = cli.Get(
      "/_dcos_local/universe/repo",
      {{"Accept", cosmos_type("universe.repo", "v3") + "," + cosmos_type("universe.repo", "v4")}});
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type") == cosmos_type("universe.repo", "v4"));
  res = cli.Get("/_dcos_local/universe/repo", {{"Accept", "application/json"}});
  REQUIRE(res);
  CHECK(res->status == 406);
}

TEST_CASE("repository add, list and delete, with another dcos-local's repository",
          "[local][cosmos]") {
  LocalCluster cluster;
  LocalCluster other;
  auto cli = client_for(cluster);
  std::string ours = cluster.url() + "/_dcos_local/universe/repo";
  std::string theirs = other.url() + "/_dcos_local/universe/repo";

  json listed = cosmos_ok(cli, "/package/repository/list", "repository.list", json::object());
  CHECK(listed == json{{"repositories", {{{"name", "Universe"}, {"uri", ours}}}}});

  json added = cosmos_ok(cli, "/package/repository/add", "repository.add",
                         {{"name", "other"}, {"uri", theirs}, {"index", 0}});
  CHECK(added ==
        json{{"repositories",
              {{{"name", "other"}, {"uri", theirs}}, {{"name", "Universe"}, {"uri", ours}}}}});

  // Errors of add.
  json e = cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                                   add_repo("other", "http://127.0.0.1:1/x")),
                        400, "RepositoryAlreadyPresent");
  CHECK(e["message"] == "Repository name [other] is already present in the list");
  e = cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                              add_repo("ftp", "ftp://example.com/repo")),
                   400, "UnsupportedRepositoryUri");
  CHECK(e["data"] == json{{"uri", "ftp://example.com/repo"}});
  e = cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                              {{"name", "far"}, {"uri", theirs + "?x"}, {"index", 7}}),
                   400, "RepositoryAddIndexOutOfBounds");
  CHECK(e["data"] == json{{"attempted", 7}, {"max", 2}});
  cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                          add_repo("missing", other.url() + "/_dcos_local/universe/nothing")),
               400, "UniverseClientHttpError");
  cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                          add_repo("wrong", other.url() + "/dcos-metadata/dcos-version.json")),
               400, "UnsupportedContentType");
  {
    LocalCluster closed;
    std::string url = closed.url();
    closed.stop();
    cosmos_fails(cosmos_rpc(cli, "/package/repository/add", "repository.add",
                            add_repo("closed", url + "/repo")),
                 400, "RepositoryUriConnection");
  }

  // Packages of the first repository win; the package records where it came from.
  json app =
      cosmos_ok(cli, "/package/render", "render", {{"packageName", "hello-world"}})["marathonJson"];
  CHECK(app["labels"]["DCOS_PACKAGE_SOURCE"] == theirs);

  // Delete, with its errors.
  cosmos_fails(cosmos_rpc(cli, "/package/repository/delete", "repository.delete", json::object()),
               400, "RepoNameOrUriMissing");
  e = cosmos_fails(
      cosmos_rpc(cli, "/package/repository/delete", "repository.delete", {{"name", "nope"}}), 400,
      "RepositoryNotPresent");
  CHECK(e["message"] == "Repository name [nope] is not present in the list");
  json after =
      cosmos_ok(cli, "/package/repository/delete", "repository.delete", {{"name", "Universe"}});
  CHECK(after == json{{"repositories", {{{"name", "other"}, {"uri", theirs}}}}});
  // Still searchable through the other cluster's repository.
  CHECK(cosmos_ok(cli, "/package/search", "search", {{"query", "cassandra"}})["packages"].size() ==
        1);
  cosmos_ok(cli, "/package/repository/delete", "repository.delete", {{"uri", theirs}});
  CHECK(cosmos_ok(cli, "/package/search", "search", json::object())["packages"].empty());
  e = cosmos_fails(
      cosmos_rpc(cli, "/package/describe", "describe", {{"packageName", "cassandra"}}, "v3"), 400,
      "PackageNotFound");

  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  json upstream = fixture_json(fixtures + "/cosmos/responses/repository-list.core-cli.json");
  for (auto& [key, value] : upstream["repositories"][0].items())
    CHECK(added["repositories"][0].contains(key));
}
