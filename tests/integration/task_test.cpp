// `dcos task list` against dcos-local started with its demo apps: the rows come from the Mesos
// master's state over HTTP, the agents' hosts and fault domains included.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"
#include "support/table_rows.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::Outcome;
using dcos::testing::table_rows;
using nlohmann::json;

namespace {

/// `task list --json` until the demo's four tasks run, 30 seconds at most.
json running_tasks(Cli& cli) {
  json tasks = json::array();
  dcos::testing::eventually([&] {
    auto listed = cli.run({"task", "list", "--json"});
    if (listed.status == 0) tasks = json::parse(listed.out);
    return tasks.size() == 4;
  });
  return tasks;
}

}  // namespace

TEST_CASE("task list shows the Mesos tasks of dcos-local with their agents") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);

  json tasks = running_tasks(cli);
  REQUIRE(tasks.size() == 4);
  for (const auto& task : tasks) CHECK(task.at("state") == "TASK_RUNNING");

  auto table = cli.run({"task", "list"});
  REQUIRE(table.status == 0);
  CHECK(table.err.empty());
  CHECK(table.out.find("NAME") < table.out.find("HOST"));
  CHECK(table.out.find("AGENT ID") < table.out.find("REGION"));
  auto listed = table_rows(table.out);
  REQUIRE(listed.size() == 4);
  for (const auto& row : listed) {
    REQUIRE(row.size() == 8);
    CHECK(row[2] == "root");
    CHECK(row[3] == "TASK_RUNNING");
    CHECK(row[6] == "local");  // dcos-local's agents have a fault domain
    CHECK(row[7] == "local-a");
  }

  auto hello = cli.run({"task", "list", "demo_hello", "-q"});
  REQUIRE(hello.status == 0);
  CHECK(std::count(hello.out.begin(), hello.out.end(), '\n') == 2);
  auto glob = cli.run({"task", "list", "demo_*.instance-*", "-q"});
  CHECK(std::count(glob.out.begin(), glob.out.end(), '\n') == 3);

  const std::string agent = tasks[0].at("slave_id");
  auto on_agent = cli.run({"task", "list", "--agent-id", agent, "--json"});
  REQUIRE(on_agent.status == 0);
  for (const auto& task : json::parse(on_agent.out)) CHECK(task.at("slave_id") == agent);

  auto none = cli.run({"task", "list", "no-such-task"});
  CHECK(none.status == 3);
  CHECK(none.out.empty());
  CHECK(none.err == "Error: no task ID found containing 'no-such-task'\n");
  auto none_json = cli.run({"task", "list", "no-such-task", "--json"});
  CHECK(none_json.status == 0);
  CHECK(none_json.out == "[]\n");
  CHECK(cli.run({"task", "list", "--completed", "-q"}).out.empty());
}
