// `dcos node log` and `dcos service log` against dcos-local: the real binary reading the
// emulated nodes' journals (dcos-log v2 component logs) and task sandboxes over HTTP, in every
// format, followed while the cluster does something new (through a dropped stream), stopped
// with Ctrl-C; and on a cluster without the log API.
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using nlohmann::json;

namespace {

struct Cluster {
  LocalCluster local;
  Cli cli;
  explicit Cluster(std::vector<std::string> flags = {"--seed", "demo"}) : local(std::move(flags)) {
    auto setup = cli.run({"cluster", "setup", local.url()});
    INFO(setup.err);
    REQUIRE(setup.status == 0);
  }
  /// The agents' ids, as node list --json has them.
  std::vector<std::string> agent_ids() {
    auto listed = cli.run({"node", "list", "--json"});
    REQUIRE(listed.status == 0);
    std::vector<std::string> ids;
    for (const auto& node : json::parse(listed.out))
      if (node.value("type", "").rfind("agent", 0) == 0) ids.push_back(node.at("id"));
    return ids;
  }
  /// Adds an app from its JSON definition and waits until its tasks run.
  void add_app(const json& definition) {
    auto added = cli.run({"marathon", "app", "add", "--wait=30s"}, definition.dump());
    INFO(added.err);
    REQUIRE(added.status == 0);
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const std::regex kShortLine(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC [^ :\[]+( \[\d+\])?: .*$)");

const std::vector<std::string> kJournalKeys = {"__CURSOR",
                                               "__MONOTONIC_TIMESTAMP",
                                               "__REALTIME_TIMESTAMP",
                                               "MESSAGE",
                                               "PRIORITY",
                                               "SYSLOG_FACILITY",
                                               "SYSLOG_IDENTIFIER",
                                               "_BOOT_ID",
                                               "_HOSTNAME",
                                               "_MACHINE_ID",
                                               "_TRANSPORT"};

/// The keys of one printed JSON object, in the order printed.
std::vector<std::string> keys_in_order(const std::string& object) {
  std::vector<std::string> keys;
  const auto parsed = nlohmann::ordered_json::parse(object);
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  return keys;
}

}  // namespace

TEST_CASE("node log --leader: short and json, --lines, --filter, --component") {
  Cluster c;
  auto plain = c.cli.run({"node", "log", "--leader"});
  INFO(plain.err);
  REQUIRE(plain.status == 0);
  CHECK(plain.err.empty());
  auto lines = lines_of(plain.out);
  CHECK(lines.size() == 10);
  for (const auto& line : lines) CHECK(std::regex_match(line, kShortLine));

  auto as_json = c.cli.run({"node", "log", "--leader", "--lines", "3", "-o", "json"});
  REQUIRE(as_json.status == 0);
  auto objects = lines_of(as_json.out);
  REQUIRE(objects.size() == 3);
  for (const auto& object : objects) {
    CHECK(keys_in_order(object) == kJournalKeys);
    auto entry = json::parse(object);
    CHECK(entry["__REALTIME_TIMESTAMP"].is_number_integer());
    CHECK(entry["_HOSTNAME"] == "127.0.0.1");
  }
  auto pretty = c.cli.run({"node", "log", "--leader", "--lines", "1", "-o", "json-pretty"});
  REQUIRE(pretty.status == 0);
  CHECK(pretty.out.rfind("{\n    \"__CURSOR\": \"s=", 0) == 0);
  CHECK(json::parse(pretty.out).size() == kJournalKeys.size());

  auto master = c.cli.run(
      {"node", "log", "--leader", "--all", "--component", "dcos-mesos-master", "-o", "cat"});
  REQUIRE(master.status == 0);
  CHECK(master.out.find("Elected as the leading master!\n") != std::string::npos);
  CHECK(master.out.find("Started Mesos Master") != std::string::npos);  // systemd's UNIT= entry
  CHECK(master.out.find("Registered as ") == std::string::npos);        // Marathon's unit

  auto filtered = c.cli.run(
      {"node", "log", "--leader", "--all", "--filter", "SYSLOG_IDENTIFIER:marathon", "-o", "json"});
  REQUIRE(filtered.status == 0);
  auto marathon = lines_of(filtered.out);
  REQUIRE_FALSE(marathon.empty());
  for (const auto& object : marathon) CHECK(json::parse(object)["SYSLOG_IDENTIFIER"] == "marathon");

  auto nothing = c.cli.run({"node", "log", "--leader", "--filter", "SYSLOG_IDENTIFIER:nobody"});
  CHECK(nothing.status == 3);
  CHECK(nothing.err.rfind("Error: no logs found for ", 0) == 0);
}

TEST_CASE("node log <agent>: a unique part of the agent's id, and the errors") {
  Cluster c;
  auto ids = c.agent_ids();
  REQUIRE(ids.size() >= 2);
  const std::string id = ids[0];
  // dcos-local's agent ids are <cluster>-S<n>: S<n> is a unique part of one of them.
  const std::string part = id.substr(id.rfind('-') + 1);
  auto agent = c.cli.run({"node", "log", "--filter", "PRIORITY:6", part, "--all", "-o", "json"});
  INFO(agent.err);
  REQUIRE(agent.status == 0);
  bool registered = false;
  for (const auto& object : lines_of(agent.out)) {
    auto entry = json::parse(object);
    CHECK(entry["_HOSTNAME"] != "127.0.0.1");  // the agent's own journal, not the master's
    if (entry["MESSAGE"].get<std::string>().find("given agent ID " + id) != std::string::npos)
      registered = true;
  }
  CHECK(registered);
  auto deprecated = c.cli.run({"node", "log", "--mesos-id", id, "--lines", "1"});
  CHECK(deprecated.status == 0);
  CHECK(deprecated.err ==
        "The --mesos-id option is deprecated, please pass an argument instead.\n");
  CHECK(lines_of(deprecated.out).size() == 1);

  const std::string common = id.substr(0, id.rfind('-') + 1);  // every agent's prefix
  CHECK(c.cli.run({"node", "log", common}).status == 6);
  auto unknown = c.cli.run({"node", "log", "no-such-agent"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'no-such-agent' not found\n");
  auto neither = c.cli.run({"node", "log"});
  CHECK(neither.status == 2);
  CHECK(neither.err == "Error: '--leader' or '<mesos-id>' must be provided\n");
  auto both = c.cli.run({"node", "log", "--leader", id});
  CHECK(both.status == 2);
  auto filter = c.cli.run({"node", "log", "--leader", "--filter", "PRIORITY=6"});
  CHECK(filter.status == 2);
  CHECK(filter.err == "Error: invalid filter argument PRIORITY=6, must be --filter=key:value\n");
  auto format = c.cli.run({"node", "log", "--leader", "-o", "syslog"});
  CHECK(format.status == 2);
}

TEST_CASE("node log --follow prints new entries, survives a dropped stream, ends with Ctrl-C") {
  Cluster c;
  auto follower = c.cli.start({"node", "log", "--leader", "--follow", "--lines", "1", "--component",
                               "dcos-marathon", "-o", "cat"});
  REQUIRE(dcos::testing::eventually([&] { return !follower->out().empty(); }));

  c.add_app({{"id", "/followed-one"}, {"cmd", "sleep 300"}, {"cpus", 0.01}, {"mem", 16}});
  CHECK(dcos::testing::eventually(
      [&] { return follower->out().find("of /followed-one on agent") != std::string::npos; }));

  httplib::Client hook(c.local.host(), c.local.port());
  auto dropped = hook.Post("/_dcos_local/drop-log-streams", "", "application/json");
  REQUIRE(dropped);
  CHECK(json::parse(dropped->body)["dropped"].get<int>() >= 1);
  c.add_app({{"id", "/followed-two"}, {"cmd", "sleep 300"}, {"cpus", 0.01}, {"mem", 16}});
  CHECK(dcos::testing::eventually(
      [&] { return follower->out().find("of /followed-two on agent") != std::string::npos; }));

  follower->signal(SIGINT);
  CHECK(follower->wait() == 130);
  CHECK(follower->err() == "Error: interrupted\n");
  // Reconnecting lost nothing and repeated nothing.
  const std::string out = follower->out();
  auto count = [&](const std::string& text) {
    size_t n = 0;
    for (size_t at = out.find(text); at != std::string::npos; at = out.find(text, at + 1)) ++n;
    return n;
  };
  CHECK(count("Launching task followed-one.") == 1);
  CHECK(count("Launching task followed-two.") == 1);
}

TEST_CASE("service log marathon and a service's task against dcos-local") {
  Cluster c;
  auto marathon = c.cli.run({"service", "log", "marathon", "--lines", "5"});
  INFO(marathon.err);
  REQUIRE(marathon.status == 0);
  auto lines = lines_of(marathon.out);
  CHECK(lines.size() == 5);
  for (const auto& line : lines) {
    CHECK(std::regex_match(line, kShortLine));
    CHECK((line.find(" marathon [") != std::string::npos ||
           line.find(" systemd [") != std::string::npos));
  }
  auto as_json = c.cli.run({"service", "log", "marathon", "--lines", "2", "-o", "json"});
  REQUIRE(as_json.status == 0);
  for (const auto& object : lines_of(as_json.out)) CHECK(keys_in_order(object) == kJournalKeys);
  auto file = c.cli.run({"service", "log", "marathon", "stdout"});
  CHECK(file.status == 2);
  CHECK(file.err == "Error: the <file> argument is invalid for marathon\n");

  json labels = {{"DCOS_PACKAGE_FRAMEWORK_NAME", "greeter"}, {"DCOS_PACKAGE_NAME", "greeter"}};
  c.add_app({{"id", "/greeter"},
             {"cmd", "echo hello from the greeter; echo oops >&2; sleep 300"},
             {"cpus", 0.01},
             {"mem", 16},
             {"labels", labels}});
  std::string out;
  CHECK(dcos::testing::eventually([&] {
    auto read = c.cli.run({"service", "log", "greeter"});
    out = read.out;
    return read.status == 0 && out.find("hello from the greeter\n") != std::string::npos;
  }));
  auto err = c.cli.run({"service", "log", "greeter", "stderr", "--ssh-config-file", "x"});
  CHECK(err.status == 0);
  CHECK(err.out.find("oops\n") != std::string::npos);
  CHECK(err.err == "The --ssh-config-file flag is deprecated.\n");

  auto follower = c.cli.start({"service", "log", "greeter", "--follow"});
  CHECK(dcos::testing::eventually(
      [&] { return follower->out().find("hello from the greeter\n") != std::string::npos; }));
  follower->signal(SIGINT);
  CHECK(follower->wait() == 130);

  auto none = c.cli.run({"service", "log", "nobody"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: no marathon apps found for service name [nobody]\n");

  c.add_app({{"id", "/idle"},
             {"cmd", "sleep 300"},
             {"instances", 0},
             {"labels", {{"DCOS_PACKAGE_FRAMEWORK_NAME", "idle"}}}});
  auto idle = c.cli.run({"service", "log", "idle"});
  CHECK(idle.status == 1);
  CHECK(idle.err ==
        "Error: expected marathon app [/idle] to be running 1 task, but instead found 0 tasks\n");

  c.add_app({{"id", "/greeter-copy"}, {"cmd", "sleep 300"}, {"instances", 0}, {"labels", labels}});
  auto several = c.cli.run({"service", "log", "greeter"});
  CHECK(several.status == 6);
  CHECK(several.err ==
        "Error: multiple marathon apps found for service name [greeter]: [/greeter, "
        "/greeter-copy]\n");
}

TEST_CASE("node log and service log marathon on a cluster without the log API") {
  Cluster c({"--no-log-api"});
  auto node = c.cli.run({"node", "log", "--leader"});
  CHECK(node.status == 3);
  CHECK(node.err ==
        "Error: the cluster has no DC/OS log API (HTTP 404 for the journal on leader/mesos)\n");
  auto followed = c.cli.run({"node", "log", "--leader", "--follow"});
  CHECK(followed.status == 3);
  auto marathon = c.cli.run({"service", "log", "marathon"});
  CHECK(marathon.status == 3);
  CHECK(marathon.err ==
        "Error: the cluster has no DC/OS log API (HTTP 404 for "
        "dcos-marathon.service on leader/marathon)\n");
}
