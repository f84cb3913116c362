// The edges of `dcos marathon`, run as the real binary against dcos-local (issue 13): a missing
// app, group, pod, task or deployment is not found (exit 3) for every verb, input the CLI can
// tell is wrong is a usage error (exit 2), neither prints anything on stdout; each change
// confirms in one line or, with --json, prints Marathon's answer; and every flag of the real
// CLI's `dcos marathon` usage is accepted.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/harness.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::eventually;
using dcos::testing::LocalCluster;
using dcos::testing::Outcome;
using nlohmann::json;

namespace {

void set_up(Cli& cli, const LocalCluster& cluster) {
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The deployment id of "Created deployment <id>\n".
std::string created(const Outcome& outcome) {
  const std::string prefix = "Created deployment ";
  REQUIRE(outcome.out.rfind(prefix, 0) == 0);
  REQUIRE(outcome.out.back() == '\n');
  return outcome.out.substr(prefix.size(), outcome.out.size() - prefix.size() - 1);
}

/// A command line and the exit status it must end with.
struct Case {
  std::vector<std::string> args;
  int status;
  std::string stdin_text = {};
};

}  // namespace

TEST_CASE("a missing thing is exit 3 and bad input exit 2 for every marathon verb") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  auto add = cli.run({"marathon", "app", "add", "--wait"},
                     R"({"id":"/web","cmd":"sleep 300","cpus":0.1,"mem":16,"instances":2})");
  INFO(add.err);
  REQUIRE(add.status == 0);
  REQUIRE(cli.run({"marathon", "group", "add", "--id=/shop"}).status == 0);
  const std::string pod =
      R"({"id":"/nope","containers":[{"name":"main","exec":{"command":{"shell":"sleep 9"}},
          "resources":{"cpus":0.1,"mem":16}}]})";

  const std::vector<Case> cases = {
      // The four of the issue.
      {{"marathon", "task", "list", "/nope"}, 3},
      {{"marathon", "group", "scale", "/nope", "2"}, 3},
      {{"marathon", "app", "kill", "/web", "--host", "10.99.99.99"}, 3},
      {{"marathon", "app", "show", "/web", "--app-version=yesterday"}, 2},
      // app
      {{"marathon", "app", "show", "/nope"}, 3},
      {{"marathon", "app", "show", "/web", "--app-version=2001-01-01T00:00:00.000Z"}, 3},
      {{"marathon", "app", "show", "/web", "--app-version=-9"}, 3},
      {{"marathon", "app", "show", "/web", "--app-version=2"}, 2},
      {{"marathon", "app", "version", "list", "/nope"}, 3},
      {{"marathon", "app", "version", "list", "/web", "--max-count=0"}, 2},
      {{"marathon", "app", "update", "/nope", "instances=3"}, 3},
      {{"marathon", "app", "remove", "/nope"}, 3},
      {{"marathon", "app", "restart", "/nope"}, 3},
      {{"marathon", "app", "start", "/nope"}, 3},
      {{"marathon", "app", "start", "/web", "many"}, 2},
      {{"marathon", "app", "stop", "/nope"}, 3},
      {{"marathon", "app", "kill", "/nope"}, 3},
      {{"marathon", "app", "kill", "/nope", "--scale"}, 3},
      {{"marathon", "app", "show", "Not/Valid"}, 2},
      // group
      {{"marathon", "group", "show", "/nope"}, 3},
      {{"marathon", "group", "show", "/shop", "--group-version=yesterday"}, 2},
      {{"marathon", "group", "update", "/nope", "enforceRole=false"}, 3},
      {{"marathon", "group", "remove", "/nope"}, 3},
      {{"marathon", "group", "scale", "/shop", "twice"}, 2},
      // pod
      {{"marathon", "pod", "show", "/nope"}, 3},
      {{"marathon", "pod", "update", "/nope"}, 3, pod},
      {{"marathon", "pod", "remove", "/nope"}, 3},
      {{"marathon", "pod", "kill", "/nope", "abc"}, 3},
      {{"marathon", "pod", "kill", "/nope"}, 2},
      // task
      {{"marathon", "task", "show", "nope"}, 3},
      {{"marathon", "task", "stop", "nope"}, 3},
      {{"marathon", "task", "kill", "nope"}, 3},
      {{"marathon", "task", "kill"}, 2},
      // deployment
      {{"marathon", "deployment", "list", "/nope"}, 3},
      {{"marathon", "deployment", "rollback", "nope"}, 3},
      {{"marathon", "deployment", "stop", "nope"}, 3},
      {{"marathon", "deployment", "watch", "nope"}, 3},
      {{"marathon", "deployment", "watch", "nope", "--interval=0"}, 2},
      // debug and the launch queue
      {{"marathon", "debug", "summary", "/nope"}, 3},
      {{"marathon", "debug", "details", "/nope"}, 3},
      {{"marathon", "delay", "reset", "/nope"}, 3},
  };
  for (const auto& c : cases) {
    std::string line;
    for (const auto& arg : c.args) line += arg + " ";
    auto outcome = cli.run(c.args, c.stdin_text);
    INFO(line << "-> " << outcome.status << "\nstdout: " << outcome.out
              << "\nstderr: " << outcome.err);
    CHECK(outcome.status == c.status);
    CHECK(outcome.out.empty());
    CHECK(outcome.err.rfind("Error: ", 0) == 0);
  }
  // Nothing was changed by any of them: no group or app appeared, /web still runs 2 tasks.
  CHECK(cli.run({"marathon", "group", "list", "-q"}).out == "/shop\n");
  CHECK(cli.run({"marathon", "app", "list", "-q"}).out == "/web\n");
  CHECK(lines_of(cli.run({"marathon", "task", "list", "/web", "-q"}).out).size() == 2);

  // The words of the errors name the thing.
  CHECK(cli.run({"marathon", "task", "list", "/nope"}).err ==
        "Error: app '/nope' does not exist\n");
  CHECK(cli.run({"marathon", "group", "scale", "/nope", "2"}).err ==
        "Error: group '/nope' does not exist\n");
  auto host = cli.run({"marathon", "app", "kill", "/web", "--host", "10.99.99.99"});
  CHECK(host.err ==
        "Error: app '/web' has no task on host '10.99.99.99'\n"
        "Hint: see where its tasks run with 'dcos marathon task list /web'\n");
  CHECK(cli.run({"marathon", "app", "show", "/web", "--app-version=yesterday"})
            .err.rfind("Error: invalid --app-version 'yesterday': give an ISO-8601 timestamp", 0) ==
        0);
}

TEST_CASE("changes confirm in one line, and --json prints Marathon's answer instead") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  const std::string web = R"({"id":"/web","cmd":"sleep 300","cpus":0.1,"mem":16,"instances":2})";
  auto add = cli.run({"marathon", "app", "add", "--json", "--wait"}, web);
  INFO(add.err);
  REQUIRE(add.status == 0);
  auto added = json::parse(add.out);
  CHECK(added["id"] == "/web");

  auto kill = cli.run({"marathon", "app", "kill", "/web"});
  INFO(kill.err);
  REQUIRE(kill.status == 0);
  CHECK(kill.out == "Killed 2 tasks of /web\n");
  REQUIRE(eventually([&] {
    return lines_of(cli.run({"marathon", "task", "list", "/web", "-q"}).out).size() == 2;
  }));
  auto ids = lines_of(cli.run({"marathon", "task", "list", "/web", "-q"}).out);
  auto verbose = cli.run({"marathon", "app", "kill", "/web", "-v"});
  REQUIRE(verbose.status == 0);
  auto lines = lines_of(verbose.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Killed 2 tasks of /web");
  CHECK(((lines[1] == "  " + ids[0] && lines[2] == "  " + ids[1]) ||
         (lines[1] == "  " + ids[1] && lines[2] == "  " + ids[0])));
  REQUIRE(eventually([&] {
    return lines_of(cli.run({"marathon", "task", "list", "/web", "-q"}).out).size() == 2;
  }));
  auto as_json = cli.run({"marathon", "app", "kill", "/web", "--json"});
  REQUIRE(as_json.status == 0);
  CHECK(json::parse(as_json.out)["tasks"].size() == 2);

  auto update = cli.run({"marathon", "app", "update", "/web", "instances=1", "--json", "--wait"});
  INFO(update.err);
  REQUIRE(update.status == 0);
  CHECK(json::parse(update.out)["deploymentId"].is_string());

  auto group = cli.run({"marathon", "group", "add", "--id=/shop", "--json"});
  REQUIRE(group.status == 0);
  CHECK(json::parse(group.out)["deploymentId"].is_string());
  auto scale = cli.run({"marathon", "group", "scale", "/shop", "2", "--wait"});
  INFO(scale.err);
  REQUIRE(scale.status == 0);
  created(scale);
  auto group_remove = cli.run({"marathon", "group", "remove", "/shop", "--json"});
  REQUIRE(group_remove.status == 0);
  CHECK(json::parse(group_remove.out)["deploymentId"].is_string());

  auto remove = cli.run({"marathon", "app", "remove", "/web", "--wait"});
  INFO(remove.err);
  REQUIRE(remove.status == 0);
  CHECK(remove.out == "Removed app /web\n");
}

TEST_CASE("every flag of the real CLI's `dcos marathon` usage is accepted") {
  REQUIRE_SHARED();
  const auto usage_file = dcos::testing::shared_dir() / "peer-fixtures" / "core-cli" / "python" /
                          "lib" / "dcoscli" / "dcoscli" / "data" / "help" / "marathon.txt";
  std::string usage = dcos::testing::read_file(usage_file);
  if (usage.empty()) {
    WARN("skipped: the real CLI's marathon usage is not in ../shared");
    return;
  }
  // The usage lines, continuation lines joined to the line they continue.
  std::vector<std::string> commands;
  bool in_usage = false;
  for (const auto& line : lines_of(usage)) {
    if (line.rfind("Usage:", 0) == 0) {
      in_usage = true;
      continue;
    }
    if (!in_usage) continue;
    if (line.find_first_not_of(' ') == std::string::npos) break;
    auto text = line.substr(line.find_first_not_of(' '));
    if (text.rfind("dcos marathon", 0) == 0) {
      commands.push_back(text);
    } else if (!commands.empty()) {
      commands.back() += " " + text;
    }
  }
  REQUIRE(commands.size() > 40);
  // Flags the CLI leaves out on purpose (README, "Deliberate differences").
  const std::set<std::string> omitted = {"--config-schema", "--info", "--version"};
  Cli cli;
  const std::regex flag(R"(--[a-z][a-z-]*)");
  for (const auto& command : commands) {
    std::vector<std::string> verb;
    std::istringstream words(command);
    words.ignore(std::string("dcos ").size());
    for (std::string word; words >> word;) {
      if (word.empty() || word[0] == '[' || word[0] == '<' || word[0] == '-') break;
      verb.push_back(word);
    }
    std::vector<std::string> args = verb;
    args.push_back("--help");
    auto help = cli.run(args);
    INFO(command << "\n" << help.out << help.err);
    CHECK(help.status == 0);
    for (std::sregex_iterator it(command.begin(), command.end(), flag), end; it != end; ++it) {
      const std::string name = it->str();
      if (name == "--help" || omitted.count(name)) continue;
      INFO(name);
      CHECK(help.out.find(name) != std::string::npos);
    }
  }
}
