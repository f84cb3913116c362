// `dcos marathon app add|update` and the fields of an app, run as the real binary against
// dcos-local: typos refused with the closest field (exit 2, nothing sent), dotted keys changing
// one nested field, --force sending a typo on to Marathon (whose schema refuses it, in words),
// an update from a file, and Marathon's validation codes put into sentences.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using nlohmann::json;

namespace {

const char* kWeb = R"({"id":"/web","instances":0,"cpus":0.05,"mem":16,
  "env":{"A":"1"},
  "container":{"type":"DOCKER","docker":{"image":"nginx:1.25","forcePullImage":false}}})";

void set_up(Cli& cli, const LocalCluster& cluster) {
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
}

json app(Cli& cli, const std::string& id) {
  auto show = cli.run({"marathon", "app", "show", id});
  INFO(show.err);
  REQUIRE(show.status == 0);
  return json::parse(show.out);
}

std::string write(Cli& cli, const std::string& name, const std::string& text) {
  auto path = cli.home.path() / name;
  dcos::testing::write_file(path, text);
  return path.string();
}

}  // namespace

TEST_CASE("app fields: typos are refused, dotted keys merge, --force sends, files update") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  auto added = cli.run({"marathon", "app", "add"}, kWeb);
  INFO(added.err);
  REQUIRE(added.status == 0);

  // A typo is refused with the closest field; the app does not change.
  auto typo = cli.run({"-v", "marathon", "app", "update", "/web", "instanses=3"});
  CHECK(typo.status == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err.find("Error: unknown field in the changes to app '/web': instanses: not a field "
                      "of an app; did you mean instances?\n") != std::string::npos);
  CHECK(typo.err.find("\n> ") == std::string::npos);  // -v traced no request
  CHECK_FALSE(app(cli, "/web").contains("instanses"));

  // A dotted key changes one field of the nested object and keeps the others.
  auto image = cli.run({"marathon", "app", "update", "/web", "container.docker.image=nginx:1.27",
                        "env.LEVEL=debug"});
  INFO(image.err);
  REQUIRE(image.status == 0);
  json web = app(cli, "/web");
  CHECK(web["container"]["docker"]["image"] == "nginx:1.27");
  CHECK(web["container"]["type"] == "DOCKER");
  CHECK(web["env"] == json({{"A", "1"}, {"LEVEL", "debug"}}));
  CHECK_FALSE(web.contains("container.docker.image"));

  // --force lets the typo past the CLI; Marathon's schema (here dcos-local's) refuses it.
  auto forced = cli.run({"marathon", "app", "update", "--force", "/web", "instanses=3"});
  CHECK(forced.status == 1);
  CHECK(forced.err ==
        "Error: Marathon rejected the request for app '/web':\n"
        "  /instanses: is not a field of an app\n");

  // A file argument, with a property on top.
  const std::string v2 = write(cli, "v2.yaml", "cpus: 0.1\nmem: 32\n");
  auto from_file = cli.run({"marathon", "app", "update", "/web", v2, "mem=24"});
  INFO(from_file.err);
  REQUIRE(from_file.status == 0);
  web = app(cli, "/web");
  CHECK(web["cpus"] == 0.1);
  CHECK(web["mem"] == 24);

  // A definition file with a misplaced field is refused before anything is sent.
  const std::string bad = write(cli, "bad.json", R"({"id":"/other","cmd":"sleep 1","volumes":[]})");
  auto refused = cli.run({"marathon", "app", "add", bad});
  CHECK(refused.status == 2);
  CHECK(refused.err.rfind("Error: unknown field in the app definition: /volumes: not a field of "
                          "an app; did you mean /container/volumes?\n",
                          0) == 0);
  CHECK(cli.run({"marathon", "app", "show", "/other"}).status == 3);
}

TEST_CASE("app fields: Marathon's validation codes come back as sentences with the value") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  auto rejected = cli.run({"marathon", "app", "add"},
                          R"({"id":"/a","cmd":"sleep 1","cpus":-1,
                              "healthChecks":[{"protocol":"FOO"}]})");
  CHECK(rejected.status == 1);
  CHECK(rejected.err ==
        "Error: Marathon rejected the request for app '/a':\n"
        "  /cpus: must be at least 0.001, got -1\n"
        "  /healthChecks/0/protocol: unknown value \"FOO\" (one of HTTP, HTTPS, TCP, COMMAND, "
        "MESOS_HTTP, MESOS_HTTPS, MESOS_TCP)\n");
}
