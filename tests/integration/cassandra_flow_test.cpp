// The seed's Cassandra flow end to end: the real dcos binary against dcos-local over HTTP, from
// `dcos package install cassandra` with the talk's options, through the ring's nodes, scaling,
// a crashed server, a replaced node and a repair, to a second ring and `package uninstall --all`.
// Every step is checked through dcos commands; processes are only touched (a server killed,
// leftovers looked for) through /proc.
#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/package_cluster.hpp"

using dcos::testing::eventually;
using dcos::testing::Outcome;
using dcos::testing::PackageCluster;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// The seed's options: its fixture when ../shared is there, else the same content.
std::string seed_options(PackageCluster& c) {
  const fs::path fixture =
      fs::path(DCOS_SHARED_DIR) / "fixtures" / "cassandra" / "options" / "talk-options-dev.json";
  if (fs::exists(fixture)) return fixture.string();
  WARN("../shared is missing: the seed's Cassandra options are written by the test");
  return c.file("talk-options-dev.json", R"({"cassandra": {"cluster-name": "dev", "resources": )"
                                         R"({"cpus": 3.0, "mem": 6144, "disk": 30720}}})");
}

/// The NUL-separated entries of /proc/<pid>/<file> (empty when unreadable).
std::vector<std::string> proc_entries(const fs::path& dir, const char* file) {
  std::string text = dcos::testing::slurp((dir / file).string());
  std::vector<std::string> entries;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    entries.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return entries;
}

/// The processes whose environment holds `entry` (NAME=value) and, when `command_part` is not
/// empty, whose command line holds it.
std::vector<pid_t> processes_with(const std::string& entry, const std::string& command_part = {}) {
  std::vector<pid_t> found;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator("/proc", ec)) {
    const std::string name = dir.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    auto env = proc_entries(dir.path(), "environ");
    if (std::find(env.begin(), env.end(), entry) == env.end()) continue;
    if (!command_part.empty()) {
      std::string command;
      for (const auto& arg : proc_entries(dir.path(), "cmdline")) command += arg + " ";
      if (command.find(command_part) == std::string::npos) continue;
    }
    found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

/// A dcos-local with room for two rings and a few replacements, and the CLI set up for it.
struct Flow {
  PackageCluster c{{"--agents", "10", "--time-scale", "0.02"}};

  /// `dcos cassandra <args> [--name ring]`.
  Outcome cassandra(std::vector<std::string> args, const std::string& ring = {}) {
    args.insert(args.begin(), "cassandra");
    if (!ring.empty()) {
      args.push_back("--name");
      args.push_back(ring);
    }
    return c.run(args);
  }

  /// /node/all through `dcos cassandra node list --json` (null when it fails).
  json nodes(const std::string& ring = {}) {
    auto listed = cassandra({"node", "list", "--json"}, ring);
    if (listed.status != 0) return nullptr;
    return json::parse(listed.out, nullptr, false);
  }

  json tasks() {
    auto listed = c.run({"task", "list", "--json"});
    INFO(listed.err);
    REQUIRE(listed.status == 0);
    return json::parse(listed.out);
  }
};

bool serving(const json& node) {
  const json& health = node["healthCheckDetails"];
  return node["targetRunState"] == "RUN" && node["tasks"].contains("SERVER") &&
         health.is_object() && health["healthy"] == true && health["operationMode"] == "NORMAL";
}

/// A ring of exactly `count` nodes, all serving, none queued or replacing.
bool ring_serves(const json& all, size_t count) {
  if (!all.is_object() || all["nodes"].size() != count || !all["replaceNodes"].empty())
    return false;
  for (const json& node : all["nodes"])
    if (!serving(node) || node.contains("replacementForIp")) return false;
  return true;
}

/// The first node matching `pick` (null when none).
template <typename Pick>
json find_node(const json& all, Pick pick) {
  for (const json& node : all["nodes"])
    if (pick(node)) return node;
  return nullptr;
}

std::set<std::string> ips(const json& all) {
  std::set<std::string> found;
  for (const json& node : all["nodes"]) found.insert(node["ip"].get<std::string>());
  return found;
}

}  // namespace

/// Prints dcos-local's log when a REQUIRE ends the test early.
struct LogOnFailure {
  const dcos::testing::LocalCluster& cluster;
  ~LogOnFailure() {
    if (std::uncaught_exceptions() > 0) std::cerr << "dcos-local's log:\n" << cluster.log();
  }
};

TEST_CASE(
    "the seed's Cassandra flow: install, nodes, scale, recovery, replace, repair, "
    "two rings, uninstall",
    "[cassandra_flow]") {
  Flow f;
  PackageCluster& c = f.c;
  LogOnFailure log{c.cluster};

  // 1. The seed's install, waiting for the scheduler app.
  auto installed =
      c.run({"package", "install", "cassandra", "--options=" + seed_options(c), "--yes", "--wait"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);

  // 2. Three nodes, two of them seeds, all healthy and NORMAL.
  json all;
  REQUIRE(eventually([&] { return ring_serves(all = f.nodes(), 3); }));
  size_t seeds = 0;
  for (const json& node : all["nodes"]) seeds += node["seedNode"] == true ? 1 : 0;
  CHECK(seeds == 2);
  REQUIRE(eventually([&] { return f.cassandra({"health"}).status == 0; }));
  auto health = f.cassandra({"health"});
  CHECK(health.out.find("Ring cassandra.dev is healthy.\n") != std::string::npos);
  auto table = f.cassandra({"node", "list"});
  REQUIRE(table.status == 0);
  std::set<std::string> listed;
  for (const auto& row : dcos::testing::table_rows(table.out)) listed.insert(row.at(0));
  CHECK(listed == ips(all));
  auto seed_list = f.cassandra({"seeds", "--json"});
  REQUIRE(seed_list.status == 0);
  std::set<std::string> seed_ips;
  const json seed_doc = json::parse(seed_list.out);
  for (const json& ip : seed_doc["seeds"]) seed_ips.insert(ip.get<std::string>());
  std::set<std::string> flagged;
  for (const json& node : all["nodes"])
    if (node["seedNode"] == true) flagged.insert(node["ip"].get<std::string>());
  CHECK(seed_ips == flagged);
  auto connection = f.cassandra({"connection"});
  REQUIRE(connection.status == 0);
  std::set<std::string> live;
  for (const auto& row : dcos::testing::table_rows("header\n" + connection.out)) {
    REQUIRE(row.size() == 1);
    auto colon = row[0].rfind(':');
    REQUIRE(colon != std::string::npos);
    CHECK(row[0].substr(colon + 1) == "9042");
    live.insert(row[0].substr(0, colon));
  }
  CHECK(live == ips(all));

  // 3. Up to four nodes; down to two is refused and changes nothing.
  auto scaled = f.cassandra({"scale", "--nodes", "4", "--wait"});
  INFO(scaled.err);
  REQUIRE(scaled.status == 0);
  REQUIRE(eventually([&] { return ring_serves(all = f.nodes(), 4); }));
  auto fewer = f.cassandra({"scale", "--nodes", "2"});
  CHECK(fewer.status == 1);
  CHECK(fewer.err.find("can only grow a ring") != std::string::npos);
  CHECK(ring_serves(f.nodes(), 4));
  CHECK(json::parse(f.cassandra({"node", "list", "--json"}).out)["nodesToAcquire"] == 0);

  // 4. A Cassandra server dies: the scheduler starts it again and the node serves again.
  const json crashed = find_node(all, [](const json& n) { return n["seedNode"] == false; });
  REQUIRE(crashed.is_object());
  const std::string crashed_ip = crashed["ip"];
  const std::string server_task = crashed["tasks"]["SERVER"]["taskId"];
  auto victims = processes_with("MESOS_TASK_ID=" + server_task);
  REQUIRE(!victims.empty());
  for (pid_t pid : victims) ::kill(pid, SIGKILL);
  auto back = [&] {
    json now = f.nodes();
    if (!ring_serves(now, 4)) return false;
    json node = find_node(now, [&](const json& n) { return n["ip"] == crashed_ip; });
    auto running =
        processes_with("MESOS_TASK_ID=" + node["tasks"]["SERVER"]["taskId"].get<std::string>());
    for (pid_t pid : running)
      if (std::find(victims.begin(), victims.end(), pid) != victims.end()) return false;
    return !running.empty();
  };
  REQUIRE(eventually(back));

  // 5. A non-seed node terminated and replaced. Terminating lowers the count under the target,
  // so the scheduler may take a free agent for a plain new node before the replace is queued
  // (cassandra-api.md §6.3 caveat): the queued address then waits for the next acquisition,
  // which one more node brings.
  const json gone = find_node(
      all, [&](const json& n) { return n["seedNode"] == false && n["ip"] != crashed_ip; });
  REQUIRE(gone.is_object());
  const std::string gone_ip = gone["ip"];
  auto terminated = f.cassandra({"node", "terminate", gone_ip});
  INFO(terminated.err);
  REQUIRE(terminated.status == 0);
  REQUIRE(eventually([&] {
    json node = find_node(f.nodes(), [&](const json& n) { return n["ip"] == gone_ip; });
    return node.is_object() && node["targetRunState"] == "TERMINATE" && node["tasks"].empty();
  }));
  auto replaced = f.cassandra({"node", "replace", gone_ip});
  INFO(replaced.err);
  REQUIRE(replaced.status == 0);
  CHECK(replaced.err.find("Queued " + gone_ip + " for replacement") != std::string::npos);
  auto replacing = [&](const json& n) { return n.value("replacementForIp", "") == gone_ip; };
  size_t target = 4;
  REQUIRE(eventually([&] {
    json now = f.nodes();
    if (!now.is_object()) return false;
    if (find_node(now, replacing).is_object()) return true;
    // The plain new node came first and the ring is back at its target: the address waits.
    size_t running = 0;
    for (const json& n : now["nodes"]) running += n["targetRunState"] != "TERMINATE" ? 1 : 0;
    return running == target && now["replaceNodes"] == json::array({gone_ip});
  }));
  if (!find_node(f.nodes(), replacing).is_object()) {
    target = 5;
    auto grown = f.cassandra({"scale", "--nodes", "5"});
    INFO(grown.err);
    REQUIRE(grown.status == 0);
    REQUIRE(eventually([&] { return find_node(f.nodes(), replacing).is_object(); }));
  }
  const std::string newcomer = find_node(f.nodes(), replacing)["ip"];
  CHECK(newcomer != gone_ip);
  // Once the newcomer reports healthy, the node it replaced leaves the list.
  REQUIRE(eventually([&] { return ring_serves(all = f.nodes(), target); }));
  CHECK(ips(all).count(gone_ip) == 0);
  CHECK(ips(all).count(newcomer) == 1);

  // A seed is never replaced, and the CLI says why.
  const json seed = find_node(all, [](const json& n) { return n["seedNode"] == true; });
  REQUIRE(seed.is_object());
  const std::string seed_ip = seed["ip"];
  auto refused = f.cassandra({"node", "replace", seed_ip});
  CHECK(refused.status == 1);
  CHECK(refused.err.find("it is a seed node, and seeds cannot be replaced") != std::string::npos);
  CHECK(ring_serves(f.nodes(), target));

  // 6. A repair runs on every node; then a cleanup.
  for (const std::string job : {"repair", "cleanup"}) {
    INFO(job);
    auto started = f.cassandra({job, "start"});
    INFO(started.err);
    REQUIRE(started.status == 0);
    const std::string key = job;
    json last;
    REQUIRE(eventually([&] {
      auto status = f.cassandra({job, "status", "--json"});
      if (status.status != 0) return false;
      last = json::parse(status.out, nullptr, false);
      return last.value("present", false) && last[key].is_object() &&
             !last[key]["finished"].is_null();
    }));
    std::set<std::string> done;
    for (const json& part : last[key]["completedNodes"]) {
      CHECK(!part.contains("failure"));
      done.insert(part["ip"].get<std::string>());
    }
    CHECK(done == ips(all));
    CHECK(last[key]["aborted"] == false);
    auto text = f.cassandra({job, "status"});
    CHECK(text.out.find("; " + std::to_string(target) + " of " + std::to_string(target) +
                        " nodes done\n") != std::string::npos);
  }

  // 7. A second ring: `dcos cassandra` then needs --name.
  auto prod_options = c.file("prod.json", R"({"cassandra": {"cluster-name": "prod"}})");
  auto second =
      c.run({"package", "install", "cassandra", "--options=" + prod_options, "--yes", "--wait"});
  INFO(second.err);
  REQUIRE(second.status == 0);
  REQUIRE(eventually([&] { return ring_serves(f.nodes("prod"), 3); }));
  CHECK(ring_serves(f.nodes("cassandra.dev"), target));
  auto which = f.cassandra({"node", "list"});
  CHECK(which.status == 6);
  CHECK(which.out.empty());
  CHECK(which.err.find("cassandra.dev (/cassandra/dev), cassandra.prod (/cassandra/prod)") !=
        std::string::npos);

  // 8. Both rings uninstalled: apps, frameworks, tasks and processes gone.
  auto removed = c.run({"package", "uninstall", "cassandra", "--all", "--yes"});
  INFO(removed.err);
  CHECK(removed.status == 0);
  CHECK(eventually([&] { return c.apps().empty(); }));
  auto frameworks = [&](bool completed) {
    std::vector<std::string> args = {"service", "list", "--json"};
    if (completed) args.push_back("--completed");
    auto listed = c.run(args);
    REQUIRE(listed.status == 0);
    std::set<std::string> names;
    for (const json& fw : json::parse(listed.out))
      if (!completed || fw.value("active", true) == false)
        names.insert(fw["name"].get<std::string>());
    return names;
  };
  CHECK(eventually([&] {
    auto names = frameworks(false);
    return names.count("cassandra.dev") == 0 && names.count("cassandra.prod") == 0;
  }));
  auto completed = frameworks(true);
  CHECK(completed.count("cassandra.dev") == 1);
  CHECK(completed.count("cassandra.prod") == 1);
  CHECK(eventually([&] {
    for (const json& task : f.tasks())
      if (task["name"].get<std::string>().find("cassandra") != std::string::npos) return false;
    return true;
  }));
  CHECK(eventually([&] {
    return processes_with("DCOS_LOCAL_MASTER=" + c.cluster.url(), "cassandra-").empty();
  }));
}
