// The tasks of a torn-down framework through the real dcos against dcos-local: a framework
// subscribes over the v1 scheduler API and runs a shell task, `dcos service shutdown` tears it
// down, and `task list`, `task log` and `task ls` still reach the killed task with --completed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"
#include "support/test_framework.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::TestFramework;
using nlohmann::json;

namespace {

/// Launches `command` as task `task_id` on the framework's first offer.
void launch(TestFramework& framework, const std::string& task_id, const std::string& command) {
  json offers = framework.wait_type("OFFERS");
  REQUIRE_FALSE(offers.is_null());
  const json offer = offers["offers"]["offers"][0];
  json task = {{"name", "echo"},
               {"task_id", {{"value", task_id}}},
               {"agent_id", offer["agent_id"]},
               {"resources", json::array({dcos::testing::scalar("cpus", 0.1),
                                          dcos::testing::scalar("mem", 32)})},
               {"command", {{"shell", true}, {"value", command}}}};
  auto accepted = framework.call(
      "ACCEPT",
      {{"offer_ids", json::array({offer["id"]})},
       {"operations",
        json::array({{{"type", "LAUNCH"}, {"launch", {{"task_infos", json::array({task})}}}}})}});
  REQUIRE(accepted);
  INFO(accepted->body);
  REQUIRE(accepted->status == 202);
}

/// The record of task `id` in `dcos task list <id> <scope> --json`; null when not listed.
json listed_task(Cli& cli, const std::string& id, const std::string& scope) {
  auto listed = cli.run({"task", "list", id, scope, "--json"});
  if (listed.status != 0) return json();
  for (const auto& task : json::parse(listed.out))
    if (task.at("id") == id) return task;
  return json();
}

}  // namespace

TEST_CASE("a torn-down framework's killed task is listed, logged and browsed with --completed") {
  LocalCluster cluster;
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);

  TestFramework framework(
      cluster, {{"user", ""}, {"name", "echoer"}, {"failover_timeout", 3600}, {"role", "*"}});
  const std::string framework_id = framework.framework_id();
  REQUIRE_FALSE(framework_id.empty());
  launch(framework, "echo-1", "echo hi; sleep 1000");
  REQUIRE_FALSE(framework.wait_update("echo-1", "TASK_RUNNING").is_null());
  CHECK(dcos::testing::eventually([&] {
    auto log = cli.run({"task", "log", "echo-1", "stdout"});
    return log.status == 0 && log.out == "hi\n";
  }));

  auto shutdown = cli.run({"service", "shutdown", framework_id, "--yes"});
  INFO(shutdown.err);
  REQUIRE(shutdown.status == 0);
  CHECK(shutdown.out.empty());

  json killed;
  CHECK(dcos::testing::eventually([&] {
    killed = listed_task(cli, "echo-1", "--completed");
    return !killed.is_null() && killed.at("state") == "TASK_KILLED";
  }));
  INFO(killed.dump());
  CHECK(killed.at("framework_id") == framework_id);
  CHECK(listed_task(cli, "echo-1", "--all").at("state") == "TASK_KILLED");

  auto running = cli.run({"task", "list", "echo-1", "--json"});
  CHECK(running.status == 0);
  CHECK(json::parse(running.out) == json::array());

  auto log = cli.run({"task", "log", "--completed", "echo-1", "stdout"});
  INFO(log.err);
  CHECK(log.status == 0);
  CHECK(log.out == "hi\n");

  auto files = cli.run({"task", "ls", "--completed", "echo-1"});
  INFO(files.err);
  CHECK(files.status == 0);
  CHECK(files.out.find("stdout") != std::string::npos);

  auto services = cli.run({"service", "list", "--completed", "--id-only"});
  CHECK(services.status == 0);
  CHECK(services.out.find(framework_id + "\n") != std::string::npos);
}
