// dcos-local's Cosmos over HTTP: install through Marathon, list, service describe and
// uninstall, with the errors of each (already installed, invalid options, not installed,
// ambiguous).
#include "cosmos_test_support.hpp"

using namespace dcos::testing;

namespace {

size_t app_count(httplib::Client& cli) {
  return get_json(cli, marathon("/v2/apps"))["apps"].size();
}

}  // namespace

TEST_CASE("Cosmos installs a package as a Marathon app, lists it and uninstalls it",
          "[local][cosmos]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  // Invalid options: JsonSchemaMismatch and nothing created.
  cosmos_fails(
      cosmos_rpc(cli, "/package/install", "install",
                 {{"packageName", "hello-world"}, {"options", {{"service", {{"instances", -1}}}}}}),
      400, "JsonSchemaMismatch");
  CHECK(app_count(cli) == 0);

  json options = {{"service", {{"message", "hi there"}, {"interval-seconds", 1}}}};
  json v1 = cosmos_ok(cli, "/package/install", "install",
                      {{"packageName", "hello-world"}, {"options", options}});
  CHECK(v1 == json{{"packageName", "hello-world"},
                   {"packageVersion", "1.0.0"},
                   {"appId", "/hello-world"}});
  json app = get_json(cli, marathon("/v2/apps/hello-world"))["app"];
  CHECK(app["labels"]["DCOS_PACKAGE_NAME"] == "hello-world");
  CHECK(app["env"]["HELLO_MESSAGE"] == "hi there");
  json tasks = wait_running(cli, "/hello-world", 1);
  CHECK_FALSE(task_pids(tasks[0]["id"]).empty());

  // The same id again: Marathon's 409 becomes PackageAlreadyInstalled.
  json e = cosmos_fails(
      cosmos_rpc(cli, "/package/install", "install", {{"packageName", "hello-world"}}, "v2"), 409,
      "PackageAlreadyInstalled");
  CHECK_FALSE(e.contains("data"));

  // A second instance under another id, asked for with the v2 response.
  json v2 = cosmos_ok(cli, "/package/install", "install",
                      {{"packageName", "hello-world"}, {"appId", "hello-2"}}, "v2");
  CHECK(v2["appId"] == "/hello-2");
  CHECK(v2["postInstallNotes"].is_string());

  json listed = cosmos_ok(cli, "/package/list", "list", json::object())["packages"];
  REQUIRE(listed.size() == 2);
  CHECK(listed[0]["appId"] == "/hello-2");
  CHECK(listed[1]["appId"] == "/hello-world");
  const json& definition = listed[1]["packageInformation"]["packageDefinition"];
  CHECK(definition["name"] == "hello-world");
  CHECK(definition["version"] == "1.0.0");
  CHECK_FALSE(definition.contains("config"));
  CHECK(cosmos_ok(cli, "/package/list", "list", {{"appId", "hello-2"}})["packages"].size() == 1);
  CHECK(
      cosmos_ok(cli, "/package/list", "list", {{"packageName", "cassandra"}})["packages"].empty());

  json described = cosmos_ok(cli, "/cosmos/service/describe", "describe",
                             {{"appId", "/hello-world"}}, "v1", "service.");
  CHECK(described["package"]["name"] == "hello-world");
  CHECK(described["userProvidedOptions"] == options);
  CHECK(described["resolvedOptions"]["service"]["message"] == "hi there");
  CHECK(described["resolvedOptions"]["service"]["instances"] == 1);
  cosmos_fails(cosmos_rpc(cli, "/cosmos/service/describe", "describe", {{"appId", "/nope"}}, "v1",
                          "service."),
               400, "MarathonAppNotFound");

  // Uninstall: ambiguous without appId or all; an unknown appId; then all of them.
  e = cosmos_fails(
      cosmos_rpc(cli, "/package/uninstall", "uninstall", {{"packageName", "hello-world"}}), 400,
      "AmbiguousAppId");
  CHECK(e["message"] ==
        "Multiple apps named [hello-world] are installed: [/hello-2, /hello-world]");
  CHECK(e["data"]["appIds"] == json::array({"/hello-2", "/hello-world"}));
  e = cosmos_fails(cosmos_rpc(cli, "/package/uninstall", "uninstall",
                              {{"packageName", "hello-world"}, {"appId", "/other"}}),
                   400, "UninstallNonExistentAppForPackage");
  CHECK(e["data"] == json{{"packageName", "hello-world"}, {"appId", "/other"}});

  json one = cosmos_ok(cli, "/package/uninstall", "uninstall",
                       {{"packageName", "hello-world"}, {"appId", "hello-2"}});
  REQUIRE(one["results"].size() == 1);
  CHECK(one["results"][0]["appId"] == "/hello-2");
  CHECK(one["results"][0]["packageVersion"] == "1.0.0");
  CHECK(one["results"][0]["postUninstallNotes"].is_string());
  json rest = cosmos_ok(cli, "/package/uninstall", "uninstall",
                        {{"packageName", "hello-world"}, {"all", true}});
  CHECK(rest["results"].size() == 1);
  CHECK(eventually([&] { return app_count(cli) == 0; }));
  std::string task = tasks[0]["id"];
  CHECK(eventually([&] { return task_pids(task).empty(); }));

  e = cosmos_fails(
      cosmos_rpc(cli, "/package/uninstall", "uninstall", {{"packageName", "hello-world"}}), 400,
      "PackageNotInstalled");
  CHECK(e["message"] == "Package [hello-world] is not installed");

  std::string fixtures = shared_fixtures();
  if (fixtures.empty()) return;
  json upstream = fixture_json(fixtures + "/cosmos/responses/list.jenkins.core-cli.json");
  const json& up = upstream["packages"][0];
  for (auto& [key, value] : up.items()) CHECK(listed[0].contains(key));
  for (const char* key : {"packagingVersion", "name", "version", "maintainer", "description",
                          "tags", "selected", "framework"}) {
    INFO(key);
    CHECK(up["packageInformation"]["packageDefinition"].contains(key));
    CHECK(definition.contains(key));
  }
}

TEST_CASE("Cosmos installs cassandra with the talk's options as the app /cassandra/dev",
          "[local][cosmos][cassandra]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json options = {
      {"cassandra",
       {{"cluster-name", "dev"}, {"resources", {{"cpus", 3.0}, {"mem", 6144}, {"disk", 30720}}}}}};
  json installed = cosmos_ok(cli, "/package/install", "install",
                             {{"packageName", "cassandra"}, {"options", options}}, "v2");
  CHECK(installed["appId"] == "/cassandra/dev");
  json app = get_json(cli, marathon("/v2/apps/cassandra/dev"))["app"];
  CHECK(app["labels"]["DCOS_PACKAGE_FRAMEWORK_NAME"] == "cassandra.dev");
  CHECK(app["env"]["CASSANDRA_CLUSTER_NAME"] == "dev");
  // A second ring with the same name is refused; with another name it is a second app.
  cosmos_fails(cosmos_rpc(cli, "/package/install", "install",
                          {{"packageName", "cassandra"}, {"options", options}}),
               409, "PackageAlreadyInstalled");
  // Nor under another app id: the two would share the framework cassandra.dev.
  json shared = cosmos_fails(
      cosmos_rpc(cli, "/package/install", "install",
                 {{"packageName", "cassandra"}, {"appId", "/dev-again"}, {"options", options}}),
      409, "PackageAlreadyInstalled");
  CHECK(shared["message"] ==
        "Package is already installed: app [/cassandra/dev] runs framework [cassandra.dev]");
  CHECK(app_count(cli) == 1);
  options["cassandra"]["cluster-name"] = "other";
  CHECK(cosmos_ok(cli, "/package/install", "install",
                  {{"packageName", "cassandra"}, {"options", options}})["appId"] ==
        "/cassandra/other");
  cosmos_fails(cosmos_rpc(cli, "/package/uninstall", "uninstall", {{"packageName", "cassandra"}}),
               400, "AmbiguousAppId");
  json gone = cosmos_ok(cli, "/package/uninstall", "uninstall",
                        {{"packageName", "cassandra"}, {"all", true}});
  CHECK(gone["results"].size() == 2);
  CHECK(eventually([&] { return app_count(cli) == 0; }));
}
