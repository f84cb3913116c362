// `dcos node`, `dcos service` and `dcos task metrics` against dcos-local with its demo apps:
// the real binary over HTTP, with the API shapes of a real cluster (state summary, operator
// API v1 in JSON, Mesos-DNS, /net/v1/nodes, health units, metrics).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using nlohmann::json;

namespace {

struct Demo {
  LocalCluster cluster{{"--seed", "demo"}};
  Cli cli;
  Demo() {
    auto setup = cli.run({"cluster", "setup", cluster.url()});
    INFO(setup.err);
    REQUIRE(setup.status == 0);
  }
  /// The agents' records of node list --json.
  json agents() {
    auto listed = cli.run({"node", "list", "--json"});
    INFO(listed.err);
    REQUIRE(listed.status == 0);
    json agents = json::array();
    for (const auto& node : json::parse(listed.out))
      if (node.contains("pid") && node.value("type", "").rfind("agent", 0) == 0)
        agents.push_back(node);
    return agents;
  }
};

size_t lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

}  // namespace

TEST_CASE("node list and the deprecated dcos node against dcos-local") {
  Demo demo;
  auto table = demo.cli.run({"node", "list"});
  INFO(table.err);
  REQUIRE(table.status == 0);
  CHECK(table.err.empty());
  CHECK(table.out.rfind("  HOSTNAME  ", 0) == 0);
  CHECK(table.out.find("PUBLIC IP(S)") != std::string::npos);
  CHECK(table.out.find("master (leader)") != std::string::npos);
  CHECK(table.out.find("agent (public)") != std::string::npos);
  CHECK(table.out.find("ACTIVE") != std::string::npos);

  json agents = demo.agents();
  REQUIRE(agents.size() >= 2);
  for (const auto& agent : agents) {
    CHECK(agent.contains("TASK_RUNNING"));
    CHECK(agent.at("status") == "ACTIVE");
  }
  const std::string id = agents[0].at("id");

  auto one = demo.cli.run({"node", "list", "--mesos-id", id, "--json"});
  REQUIRE(one.status == 0);
  CHECK(json::parse(one.out).size() == 1);
  auto fields = demo.cli.run({"node", "list", "--field", "TASK_RUNNING"});
  CHECK(fields.out.find("TASK RUNNING") != std::string::npos);

  auto unknown = demo.cli.run({"node", "list", "--mesos-id", "no-such-node"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: node 'no-such-node' does not exist\n");
  // Every agent id of dcos-local ends with -S<n>: "-S" names them all.
  auto ambiguous = demo.cli.run({"node", "list", "--mesos-id", "-S"});
  CHECK(ambiguous.status == 6);

  auto alias = demo.cli.run({"node", "--json"});
  CHECK(alias.status == 0);
  CHECK(alias.err ==
        "Getting the list of nodes from `dcos node` is deprecated. Please use `dcos node list`.\n");
  CHECK(json::parse(alias.out).size() ==
        json::parse(demo.cli.run({"node", "list", "--json"}).out).size());
  auto bad_flag = demo.cli.run({"node", "list", "--bogus"});
  CHECK(bad_flag.status == 2);
}

TEST_CASE("node dns, list-components and ssh --dry-run against dcos-local") {
  Demo demo;
  auto dns = demo.cli.run({"node", "dns", "leader.mesos", "--json"});
  INFO(dns.err);
  REQUIRE(dns.status == 0);
  auto hosts = json::parse(dns.out);
  REQUIRE(hosts.size() == 1);
  const std::string leader_ip = hosts[0].at("ip");
  CHECK(demo.cli.run({"node", "dns", "leader.mesos"}).out.find(leader_ip) != std::string::npos);

  auto leader = demo.cli.run({"node", "list-components", "--leader"});
  INFO(leader.err);
  CHECK(leader.status == 0);
  CHECK(lines(leader.out) > 0);
  const std::string id = demo.agents()[0].at("id");
  auto agent = demo.cli.run({"node", "list-components", id, "--json"});
  CHECK(agent.status == 0);
  if (agent.status == 0) CHECK(json::parse(agent.out).is_array());
  auto neither = demo.cli.run({"node", "list-components"});
  CHECK(neither.status == 2);
  CHECK(neither.err == "Error: '--leader' or '<mesos-id>' must be provided\n");
  auto unknown = demo.cli.run({"node", "list-components", "no-such-agent"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'no-such-agent' not found\n");

  demo.cli.env["SSH_AUTH_SOCK"] = "/tmp/none";
  auto ssh = demo.cli.run({"node", "ssh", "--leader", "--user", "me", "--dry-run", "--", "uptime"});
  CHECK(ssh.status == 0);
  CHECK(ssh.out == "ssh -l me -A -t " + leader_ip + " uptime\n");
  auto to_agent =
      demo.cli.run({"node", "ssh", "--mesos-id", id, "--proxy-ip", "10.9.9.9", "--dry-run"});
  CHECK(to_agent.status == 0);
  CHECK(to_agent.out.rfind("ssh -A -t -l centos 10.9.9.9 ssh -l centos -A -t ", 0) == 0);
  CHECK(demo.cli.run({"node", "ssh", "--dry-run"}).status == 2);
}

TEST_CASE("node metrics and task metrics against dcos-local") {
  Demo demo;
  const std::string id = demo.agents()[0].at("id");
  auto summary = demo.cli.run({"node", "metrics", "summary", id});
  INFO(summary.err);
  CHECK(summary.status == 0);
  CHECK(summary.out.find("CPU") != std::string::npos);
  auto details = demo.cli.run({"node", "metrics", "details", id, "--json"});
  CHECK(details.status == 0);
  if (details.status == 0) CHECK(!json::parse(details.out).empty());
  CHECK(demo.cli.run({"node", "metrics", "summary", "no-such-agent"}).status == 3);

  json tasks;
  dcos::testing::eventually([&] {
    auto listed = demo.cli.run({"task", "list", "--json"});
    if (listed.status == 0) tasks = json::parse(listed.out);
    return tasks.size() == 4;
  });
  REQUIRE(!tasks.empty());
  const std::string task = tasks[0].at("id");
  auto task_summary = demo.cli.run({"task", "metrics", "summary", task});
  INFO(task_summary.err);
  CHECK(task_summary.status == 0);
  CHECK(task_summary.out.find("GiB") != std::string::npos);
  auto task_details = demo.cli.run({"task", "metrics", "details", task, "--json"});
  CHECK(task_details.status == 0);
  CHECK(demo.cli.run({"task", "metrics", "summary", "no-such-task"}).status == 3);
}

TEST_CASE("node maintenance verbs against dcos-local") {
  Demo demo;
  json agents = demo.agents();
  REQUIRE(agents.size() >= 2);
  const std::string id = agents[1].at("id");
  auto status_of = [&](const std::string& agent) {
    for (const auto& node : demo.agents())
      if (node.at("id") == agent) return node.at("status").get<std::string>();
    return std::string("gone");
  };
  auto deactivated = demo.cli.run({"node", "deactivate", id});
  INFO(deactivated.err);
  CHECK(deactivated.status == 0);
  CHECK(deactivated.out.empty());
  CHECK(status_of(id) == "DEACTIVATED");
  CHECK(demo.cli.run({"node", "reactivate", id}).status == 0);
  CHECK(status_of(id) == "ACTIVE");

  auto drained = demo.cli.run({"node", "drain", id, "--max-grace-period", "1s", "--wait=2m"});
  INFO(drained.err);
  CHECK(drained.status == 0);
  CHECK(status_of(id) == "DRAINED");
  CHECK(demo.cli.run({"node", "reactivate", id}).status == 0);

  auto unknown = demo.cli.run({"node", "deactivate", "no-such-agent"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'no-such-agent' not found\n");
  CHECK(demo.cli.run({"node", "deactivate", "S"}).status == 6);  // every id has -S<n>
  CHECK(demo.cli.run({"node", "drain", id, "--max-grace-period", "soon"}).status == 2);

  const std::string last = agents.back().at("id");
  auto gone = demo.cli.run({"node", "decommission", last});
  CHECK(gone.status == 0);
  CHECK(status_of(last) == "gone");
}

TEST_CASE("service list and shutdown against dcos-local") {
  Demo demo;
  auto table = demo.cli.run({"service", "list"});
  INFO(table.err);
  REQUIRE(table.status == 0);
  CHECK(table.out.rfind("  NAME  ", 0) == 0);
  CHECK(table.out.find("marathon") != std::string::npos);
  auto names = demo.cli.run({"service", "list", "-q"});
  CHECK(names.out.find("marathon\n") != std::string::npos);
  auto as_json = demo.cli.run({"service", "list", "--json"});
  REQUIRE(as_json.status == 0);
  auto frameworks = json::parse(as_json.out);
  REQUIRE(!frameworks.empty());
  const std::string id = frameworks[0].at("id");
  CHECK(frameworks[0].contains("tasks"));
  auto completed = demo.cli.run({"service", "list", "--completed", "--inactive", "--json"});
  CHECK(completed.status == 0);
  auto alias = demo.cli.run({"service"});
  CHECK(alias.status == 0);
  CHECK(alias.err.rfind("Getting the list of services from `dcos service` is deprecated.", 0) == 0);

  auto unconfirmed = demo.cli.run({"service", "shutdown", id});
  CHECK(unconfirmed.status == 2);
  CHECK(unconfirmed.err.find("pass --yes") != std::string::npos);
  auto unknown = demo.cli.run({"service", "shutdown", "no-such-framework", "--yes"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: framework 'no-such-framework' does not exist\n");
  auto prefix = demo.cli.run({"service", "shutdown", id.substr(0, id.size() - 2), "--yes"});
  INFO(prefix.err);
  // The unique prefix resolved and TEARDOWN was sent; dcos-local refuses (403) to tear down
  // the one framework that runs its apps, and the refusal comes back as one line.
  CHECK(prefix.status == 1);
  CHECK(prefix.err.rfind("Error: TEARDOWN: you are not authorized to perform this operation "
                         "(HTTP 403 from POST ",
                         0) == 0);
  CHECK(prefix.err.find("dcos-local does not tear down its Marathon framework\n") !=
        std::string::npos);
}
