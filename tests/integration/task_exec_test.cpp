// `dcos task exec` and `dcos task attach` against dcos-local's demo cluster: commands run in
// the sandbox of a real task process with its environment, their output split over stdout and
// stderr, stdin sent with -i, and dcos exiting with the command's status.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using nlohmann::json;

namespace {

/// The id of the demo's one worker task, once it runs.
std::string worker_task(Cli& cli) {
  std::string id;
  dcos::testing::eventually([&] {
    auto listed = cli.run({"task", "list", "demo_worker", "-q"});
    if (listed.status == 0 && !listed.out.empty()) id = listed.out.substr(0, listed.out.find('\n'));
    return !id.empty();
  });
  return id;
}

}  // namespace

TEST_CASE("task exec runs commands inside a dcos-local task") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
  const std::string task = worker_task(cli);
  REQUIRE(!task.empty());

  auto seven = cli.run({"task", "exec", task, "sh", "-c", "exit 7"});
  CHECK(seven.status == 7);
  CHECK(seven.out.empty());
  CHECK(seven.err.empty());

  auto cat = cli.run({"task", "exec", "-i", task, "cat"}, "hi\n");
  CHECK(cat.status == 0);
  CHECK(cat.out == "hi\n");
  CHECK(cat.err.empty());

  auto split = cli.run({"task", "exec", task, "sh", "-c", "echo out; echo err >&2"});
  CHECK(split.status == 0);
  CHECK(split.out == "out\n");
  CHECK(split.err == "err\n");

  // The sandbox and the environment are the task's.
  auto where =
      cli.run({"task", "exec", task, "sh", "-c", "pwd; echo $MESOS_SANDBOX; echo $MESOS_TASK_ID"});
  REQUIRE(where.status == 0);
  std::istringstream lines(where.out);
  std::string cwd, sandbox, task_id;
  std::getline(lines, cwd);
  std::getline(lines, sandbox);
  std::getline(lines, task_id);
  CHECK(cwd == sandbox);
  CHECK(sandbox.find("/runs/") != std::string::npos);
  CHECK(task_id == task);

  // Everything after the task belongs to the command, flags included; no shell runs it.
  auto echoed = cli.run({"task", "exec", task, "echo", "-i", "--help", "$HOME"});
  CHECK(echoed.status == 0);
  CHECK(echoed.out == "-i --help $HOME\n");

  auto missing = cli.run({"task", "exec", task, "no-such-program"});
  CHECK(missing.status == 127);
  CHECK(missing.err == "dcos-local: cannot run 'no-such-program': not found\n");

  auto killed = cli.run({"task", "exec", task, "sh", "-c", "kill -9 $$"});
  CHECK(killed.status == 137);

  auto unknown = cli.run({"task", "exec", "no-such-task", "true"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no task ID found containing 'no-such-task'\n");

  auto ambiguous = cli.run({"task", "exec", "demo_hello", "true"});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.err.rfind("Error: 'demo_hello' matches 2 tasks: ", 0) == 0);

  auto tty = cli.run({"task", "exec", "-t", task, "true"});
  CHECK(tty.status == 2);
  CHECK(tty.err ==
        "Error: -t/--tty needs a terminal, and stdin is not one\n"
        "Hint: leave out -t when stdin is a pipe or a file (add -i to send it)\n");

  auto simulated = cli.run({"task", "exec", "cd-demo-app", "true"});
  CHECK(simulated.status == 1);
  CHECK(simulated.err.find("is simulated") != std::string::npos);
}

TEST_CASE("task attach explains that a task launched without a TTY has no output to attach to") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  const std::string task = worker_task(cli);
  REQUIRE(!task.empty());
  for (auto args : {std::vector<std::string>{"task", "attach", task},
                    std::vector<std::string>{"task", "attach", "--no-stdin", task}}) {
    auto attached = cli.run(args);
    CHECK(attached.status == 1);
    CHECK(attached.out.empty());
    CHECK(
        attached.err.find("was launched without a TTY, so there is no output to attach to (the "
                          "agent says: I/O switchboard server was disabled for this container)") !=
        std::string::npos);
  }
  CHECK(cli.run({"task", "attach", "no-such-task"}).status == 3);
}
