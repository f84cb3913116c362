// dcos-local refuses the fields an app does not have, as Marathon's app schema does
// ("additionalProperties": false): a 422 "Object is not valid" naming each one, on create, on
// update and inside a group; nothing of the app changes. An app as GET shows it goes back in.
#include <fstream>
#include <sstream>

#include "local/app_fields.hpp"
#include "server_test_support.hpp"

using namespace dcos::testing;

namespace {

json unknown_details(const json& app) {
  dcos_local::Violations out;
  dcos_local::check_app_fields(app, "", out);
  return out.empty() ? json::array() : out.to_error("Object is not valid").body["details"];
}

}  // namespace

TEST_CASE("app fields: typos and misplaced fields are named, known ones pass",
          "[local][marathon]") {
  CHECK(unknown_details(json::parse(R"({
    "id": "/x", "cmd": "sleep 1", "env": {"ANY": "1"}, "labels": {"a.b": "c"},
    "container": {"type": "DOCKER", "docker": {"image": "nginx", "portMappings": [{"containerPort": 80}]}},
    "healthChecks": [{"protocol": "HTTP", "path": "/"}], "tasksRunning": 1,
    "version": "2026-01-01T00:00:00.000Z"})")) == json::array());
  CHECK(unknown_details(json::parse(R"({
    "id": "/x", "instanses": 3, "volumes": [],
    "container": {"docker": {"imgae": "nginx"}},
    "healthChecks": [{"protocol": "HTTP"}, {"protocl": "TCP"}]})")) == json::parse(R"x([
          {"path": "/container/docker/imgae", "errors": ["is not a field of /container/docker"]},
          {"path": "/healthChecks(1)/protocl", "errors": ["is not a field of /healthChecks(1)"]},
          {"path": "/instanses", "errors": ["is not a field of an app"]},
          {"path": "/volumes", "errors": ["is not a field of an app"]}])x"));
}

TEST_CASE("app fields: Marathon's example app definition has none unknown", "[local][marathon]") {
  const std::string dir = std::string(DCOS_SHARED_DIR) + "/fixtures/marathon";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: ../shared (the upstream fixtures) is absent in this clone");
    return;
  }
  for (const char* name : {"app.json", "app-check-http-example.json"}) {
    INFO(name);
    std::ifstream in(dir + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(unknown_details(json::parse(text.str())) == json::array());
  }
}

TEST_CASE("dcos-local answers an unknown app field with Marathon's 422",
          "[local][server][marathon]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  auto created = post_json(cli, marathon("/v2/apps"),
                           {{"id", "/typo"}, {"cmd", "sleep 300"}, {"instanses", 3}, {"mem", 16}});
  REQUIRE(created);
  CHECK(created->status == 422);
  CHECK(body_json(created) == json::parse(R"({"message":"Object is not valid",
          "details":[{"path":"/instanses","errors":["is not a field of an app"]}]})"));
  get_json(cli, marathon("/v2/apps/typo"), 404);

  create_app(
      cli,
      {{"id", "/fields"}, {"cmd", "sleep 300"}, {"cpus", 0.05}, {"mem", 16}, {"instances", 0}});
  auto updated = put_json(cli, marathon("/v2/apps/fields"),
                          {{"container", {{"type", "MESOS"}, {"dockr", json::object()}}}});
  REQUIRE(updated);
  CHECK(updated->status == 422);
  CHECK(body_json(updated)["details"] ==
        json::parse(R"([{"path":"/container/dockr","errors":["is not a field of /container"]}])"));
  CHECK_FALSE(get_json(cli, marathon("/v2/apps/fields"))["app"].contains("container"));

  // The app as GET shows it (tasks, version and all) is accepted back.
  json shown = get_json(cli, marathon("/v2/apps/fields"))["app"];
  shown.erase("version");
  auto back = put_json(cli, marathon("/v2/apps/fields"), shown);
  REQUIRE(back);
  INFO(back->body);
  CHECK(back->status == 200);

  auto grouped =
      post_json(cli, marathon("/v2/groups"),
                json::parse(R"({"id":"/g","apps":[{"id":"a","cmd":"sleep 1","mem":16,"cpu":1}]})"));
  REQUIRE(grouped);
  CHECK(grouped->status == 422);
  INFO(grouped->body);
  CHECK(grouped->body.find("cpu") != std::string::npos);
}
