// `dcos marathon app list|show` against dcos-local started with its demo apps.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::Outcome;
using nlohmann::json;

namespace {

/// The whitespace-separated words of the table line whose first cell is `id`; empty if none.
std::vector<std::string> row_words(const std::string& table, const std::string& id) {
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream cells(line);
    std::vector<std::string> words;
    for (std::string word; cells >> word;) words.push_back(word);
    if (!words.empty() && words.front() == id) return words;
  }
  return {};
}

/// `marathon app list` until /demo/hello runs both its tasks, 30 seconds at most.
Outcome list_when_running(Cli& cli) {
  Outcome list;
  dcos::testing::eventually([&] {
    list = cli.run({"marathon", "app", "list"});
    auto hello = row_words(list.out, "/demo/hello");
    return list.status == 0 && hello.size() > 3 && hello[3] == "2/2";
  });
  return list;
}

}  // namespace

TEST_CASE("marathon app list and show against the demo apps of dcos-local") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);

  Outcome list = list_when_running(cli);
  INFO(list.err);
  REQUIRE(list.status == 0);
  CHECK(list.err.empty());
  // The ID column is as wide as /mesosphere/cd-demo-app (23), its header on the left.
  CHECK(list.out.rfind("  ID" + std::string(21, ' ') + "  " +
                           "MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER  ",
                       0) == 0);
  auto hello = row_words(list.out, "/demo/hello");
  REQUIRE(hello.size() >= 9);
  CHECK(hello[1] == "32");
  CHECK(hello[2] == "0.1");
  CHECK(hello[3] == "2/2");
  CHECK((hello[4] == "0/2" || hello[4] == "1/2" || hello[4] == "2/2"));
  CHECK(hello[6] == "false");
  CHECK(hello[7] == "MESOS");
  CHECK(list.out.find("  echo \"hello from $MESOS_TAS...  ") != std::string::npos);
  auto docker = row_words(list.out, "/mesosphere/cd-demo-app");
  REQUIRE(docker.size() >= 9);
  CHECK(docker[1] == "512");
  CHECK(docker[2] == "1");
  CHECK(docker[4] == "---");
  CHECK(docker[7] == "DOCKER");
  CHECK(docker[8] == "---");
  CHECK(row_words(list.out, "/demo/worker").size() >= 9);

  auto quiet = cli.run({"marathon", "app", "list", "-q"});
  REQUIRE(quiet.status == 0);
  std::istringstream ids(quiet.out);
  std::set<std::string> seen;
  for (std::string id; std::getline(ids, id);) seen.insert(id);
  CHECK(seen == std::set<std::string>{"/demo/hello", "/demo/worker", "/mesosphere/cd-demo-app"});

  auto listed = cli.run({"marathon", "app", "list", "--json"});
  REQUIRE(listed.status == 0);
  CHECK(listed.out.rfind("[\n    {\n        \"", 0) == 0);
  auto apps = json::parse(listed.out);
  REQUIRE(apps.is_array());
  CHECK(apps.size() == 3);
  for (const auto& app : apps) {
    if (app.at("id") != "/demo/hello") continue;
    CHECK(app.at("labels") == json{{"tier", "demo"}});
    CHECK(app.at("healthChecks").size() == 1);
    CHECK(app.at("tasksRunning") == 2);
  }

  auto shown = cli.run({"marathon", "app", "show", "/demo/hello"});
  INFO(shown.err);
  REQUIRE(shown.status == 0);
  auto hello_app = json::parse(shown.out);
  CHECK(hello_app.at("id") == "/demo/hello");
  CHECK(hello_app.at("instances") == 2);
  CHECK(hello_app.at("tasks").size() == 2);
  CHECK(shown.out.rfind("{\n    \"", 0) == 0);

  auto yaml = cli.run({"marathon", "app", "show", "demo/hello", "--yaml"});
  REQUIRE(yaml.status == 0);
  CHECK(yaml.out.find("\nid: /demo/hello\n") != std::string::npos);
  CHECK(yaml.out.find("\ninstances: 2\n") != std::string::npos);
  CHECK(yaml.out.find("\nlabels:\n  tier: demo\n") != std::string::npos);

  auto current = cli.run({"marathon", "app", "show", "/demo/hello", "--app-version=-0"});
  REQUIRE(current.status == 0);
  CHECK(json::parse(current.out).at("id") == "/demo/hello");
  auto older = cli.run({"marathon", "app", "show", "/demo/hello", "--app-version=-1"});
  CHECK(older.status == 3);
  CHECK(older.err == "Error: application '/demo/hello' only has 1 version(s)\n");

  auto missing = cli.run({"marathon", "app", "show", "/demo/nope"});
  CHECK(missing.status == 3);
  CHECK(missing.out.empty());
  CHECK(missing.err == "Error: app '/demo/nope' does not exist\n");

  auto invalid = cli.run({"marathon", "app", "show", "/Demo/Hello"});
  CHECK(invalid.status == 2);
  CHECK(invalid.err.rfind("Error: invalid app id '/Demo/Hello': ", 0) == 0);
}
