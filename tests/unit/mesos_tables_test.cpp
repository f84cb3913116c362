// The Mesos-side tables (task list, service list, node list, task ls --long, node and task
// metrics) against the retired Python CLI's expected tables
// (../shared/peer-fixtures/core-cli/python/lib/dcoscli/tests/unit/data). Each command is fed, in
// the real API shapes, the values the upstream table shows, and the two tables are compared word
// by word: alignment does not count, but column order, number formats and spellings do. The Go
// CLI we follow changed some layouts; each such change is undone on our table first, citing the
// section of ../shared/spec/core-cli.md that documents it. Nothing else is adjusted.
#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

using Words = std::vector<std::string>;

const std::string kMesos = "https://dcos.example/mesos";
const std::string kApi = kMesos + "/api/v1";
const std::string kAgentId = "20150630-004309-1695027628-5050-1649-S0";     // node.txt's agent
const std::string kTaskAgentId = "20150513-185808-177048842-5050-1220-S0";  // task.txt's
const std::string kTaskId = "test-app.d44dd7f2-f9b7-11e4-bb43-56847afe9799";
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

/// A table's non-empty lines as lists of words (exact case: True/False must match).
std::vector<Words> words(const std::string& table) {
  std::vector<Words> lines;
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);) {
    std::istringstream cells(line);
    Words row;
    for (std::string word; cells >> word;) row.push_back(word);
    if (!row.empty()) lines.push_back(row);
  }
  return lines;
}

std::vector<Words> upstream(const std::string& name) {
  return words(
      dcos::testing::read_file(dcos::testing::shared_dir() /
                               "peer-fixtures/core-cli/python/lib/dcoscli/tests/unit/data" / name));
}

/// `size` GiB as a whole number of bytes, the way the metrics API reports sizes.
double gib(double size) { return static_cast<double>(std::llround(size * kGiB)); }

json point(const std::string& name, double value, const std::string& unit, json tags = nullptr) {
  json p = {
      {"name", name}, {"value", value}, {"unit", unit}, {"timestamp", "2017-02-25T00:06:28Z"}};
  if (!tags.is_null()) p["tags"] = tags;
  return p;
}

/// The upstream task: test-app, run by root's Marathon on agent mock-hostname (no fault domain).
std::string task_state() {
  json task = {
      {"id", kTaskId},
      {"name", "test-app"},
      {"framework_id", "F0"},
      {"executor_id", ""},
      {"slave_id", kTaskAgentId},
      {"state", "TASK_RUNNING"},
      {"resources", {{"cpus", 0.1}, {"mem", 16.0}, {"disk", 0.0}, {"gpus", 0.0}}},
      {"statuses", json::array({{{"state", "TASK_RUNNING"},
                                 {"timestamp", 1431543135.0},
                                 {"container_status", {{"container_id", {{"value", "C1"}}}}}}})}};
  json agent = {{"id", kTaskAgentId},
                {"hostname", "mock-hostname"},
                {"pid", "slave(1)@172.17.8.101:5051"},
                {"attributes", json::object()}};
  json framework = {
      {"id", "F0"},     {"name", "marathon"},           {"user", "root"},
      {"active", true}, {"tasks", json::array({task})}, {"completed_tasks", json::array()}};
  return json{{"hostname", "172.17.8.100"},
              {"slaves", json::array({agent})},
              {"frameworks", json::array({framework})}}
      .dump();
}

/// The agent's report behind the upstream node details and summary: memory 16.98% used, the
/// root file system 30.30% used (its free space counts reserved blocks apart).
std::string node_report() {
  const json root = {{"path", "/"}};
  return json{{"datapoints",
               json::array({point("uptime", 1245, "count"),
                            point("cpu.cores", 4, "count"),
                            point("cpu.total", 74.94, "percent"),
                            point("cpu.user", 15.67, "percent"),
                            point("cpu.system", 59.27, "percent"),
                            point("cpu.idle", 24.38, "percent"),
                            point("cpu.wait", 0.03, "percent"),
                            point("load.1min", 2.85, "count"),
                            point("load.5min", 2.92, "count"),
                            point("load.15min", 2.74, "count"),
                            point("filesystem.capacity.total", gib(5.44), "bytes", root),
                            point("filesystem.capacity.used", gib(5.44 * 0.303), "bytes", root),
                            point("filesystem.capacity.free", gib(3.53), "bytes", root),
                            point("memory.total", gib(14.69), "bytes"),
                            point("memory.free", gib(14.69 * (1 - 0.1698)), "bytes"),
                            point("memory.buffers", gib(0.09), "bytes"),
                            point("memory.cached", gib(1.72), "bytes"),
                            point("swap.total", 0, "bytes"),
                            point("swap.free", 0, "bytes"),
                            point("swap.used", 0, "bytes")})},
              {"dimensions", {{"mesos_id", kAgentId}, {"hostname", "172.17.8.101"}}}}
      .dump();
}

/// GET_AGENTS listing the upstream agent, active.
std::string operator_agents() {
  json agent = {{"agent_info", {{"id", {{"value", kAgentId}}}, {"hostname", "dcos-01"}}},
                {"pid", "slave(1)@172.17.8.101:5051"},
                {"active", true},
                {"deactivated", false}};
  return json{{"type", "GET_AGENTS"}, {"get_agents", {{"agents", json::array({agent})}}}}.dump();
}

/// Sets TZ for one test (ls --long prints local time) and puts the old value back.
class ZoneGuard {
 public:
  explicit ZoneGuard(const char* zone) {
    if (const char* old = ::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ZoneGuard() {
    old_ ? ::setenv("TZ", old_->c_str(), 1) : ::unsetenv("TZ");
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("mesos tables: task list has the upstream row", "[mesos-tables]") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect("GET", kMesos + "/master/state", 200, task_state());
  auto out = h.run({"task", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto table = words(out.out);
  REQUIRE(table.size() == 2);
  // §6.2 (and mesos-cosmos-api §1.3): the column is AGENT ID, Python's was MESOS ID.
  CHECK(table[0][5] == "AGENT");
  table[0][5] = "MESOS";
  // §6.2: STATE is the full Mesos state, Python showed its letter.
  CHECK(table[1][3] == "TASK_RUNNING");
  table[1][3] = "R";
  // §6.2: a known agent without a fault domain shows N/A, Python showed ---.
  for (size_t cell : {6, 7}) {
    CHECK(table[1][cell] == "N/A");
    table[1][cell] = "---";
  }
  CHECK(table == upstream("task.txt"));
}

TEST_CASE("mesos tables: service list has the upstream row, unchanged", "[mesos-tables]") {
  REQUIRE_SHARED();
  ClusterHarness h;
  json marathon = {{"id", "20150502-231327-16842879-5050-3889-0000"},
                   {"name", "marathon"},
                   {"hostname", "mesos.vm"},
                   {"active", true},
                   {"user", "root"},
                   {"resources", {{"cpus", 0.2}, {"mem", 32.0}, {"disk", 0.0}, {"gpus", 0.0}}},
                   {"tasks", json::array()},
                   {"completed_tasks", json::array()}};
  h.http->expect("GET", kMesos + "/master/frameworks", 200,
                 json{{"frameworks", json::array({marathon})},
                      {"completed_frameworks", json::array()},
                      {"unregistered_frameworks", json::array()}}
                     .dump());
  auto out = h.run({"service", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  // §5: same columns; ACTIVE spelled True/False, CPU/MEM/DISK with one decimal.
  CHECK(words(out.out) == upstream("service.txt"));
}

TEST_CASE("mesos tables: node list has the upstream agent row", "[mesos-tables]") {
  REQUIRE_SHARED();
  ClusterHarness h;
  json agent = {{"id", kAgentId},
                {"hostname", "dcos-01"},
                {"pid", "slave(1)@172.17.8.101:5051"},
                {"attributes", json::object()},
                {"active", true},
                {"TASK_RUNNING", 0}};
  h.http->expect("GET", kMesos + "/master/state-summary", 200,
                 json{{"hostname", "172.17.8.100"},
                      {"cluster", "dcos"},
                      {"slaves", json::array({agent})},
                      {"frameworks", json::array()}}
                     .dump());
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, operator_agents());
  h.http->expect_call("POST", kApi, "GET_MASTER", 200,
                      json{{"type", "GET_MASTER"},
                           {"get_master",
                            {{"master_info",
                              {{"id", "M0"},
                               {"pid", "master@172.17.8.100:5050"},
                               {"hostname", "172.17.8.100"},
                               {"version", "1.11.0"}}}}}}
                          .dump());
  // The upstream table has no master row, so Mesos-DNS names none; no public IPs either.
  h.http->expect("GET", "https://dcos.example/mesos_dns/v1/hosts/master.mesos", 200, "[]");
  h.http->expect("GET", "https://dcos.example/net/v1/nodes", 200, "[]");
  auto out = h.run({"node", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto table = words(out.out);
  REQUIRE(table.size() == 2);
  // §3.1: the Go table adds PUBLIC IP(S) after IP (empty here) and STATUS after TYPE.
  CHECK(table[0] ==
        Words{"HOSTNAME", "IP", "PUBLIC", "IP(S)", "ID", "TYPE", "STATUS", "REGION", "ZONE"});
  table[0].erase(table[0].begin() + 6);
  table[0].erase(table[0].begin() + 2, table[0].begin() + 4);
  CHECK(table[1][4] == "ACTIVE");
  table[1].erase(table[1].begin() + 4);
  // REGION and ZONE are N/A in both (README: an agent without a fault domain shows N/A).
  CHECK(table == upstream("node.txt"));
}

TEST_CASE("mesos tables: task ls --long has the upstream rows", "[mesos-tables]") {
  REQUIRE_SHARED();
  ZoneGuard utc("UTC0");
  ClusterHarness h;
  h.http->expect("GET", kMesos + "/master/state", 200, task_state());
  const std::string files = "https://dcos.example/agent/" + kTaskAgentId + "/files/";
  // The agent attaches the run's folder under its own path, its `latest` link and a virtual path.
  const std::string runs =
      "/var/lib/mesos/slave/slaves/" + kTaskAgentId + "/frameworks/F0/executors/" + kTaskId;
  const std::string sandbox = runs + "/runs/C1";
  h.http->expect("GET", files + "debug", 200,
                 json{{sandbox, sandbox},
                      {runs + "/runs/latest", sandbox},
                      {"/frameworks/F0/executors/" + kTaskId + "/runs/latest", sandbox}}
                     .dump());
  auto entry = [&sandbox](const std::string& name, uint64_t size, int64_t mtime) {
    return json{{"path", sandbox + "/" + name}, {"nlink", 1},    {"size", size}, {"mtime", mtime},
                {"mode", "-rw-r--r--"},         {"uid", "root"}, {"gid", "root"}};
  };
  // 2015-07-16 23:31 and 23:33 UTC.
  h.http->expect(
      "GET", files + "browse?path=" + sandbox, 200,
      json::array({entry("stderr", 4507, 1437089460), entry("stdout", 353857, 1437089580)}).dump());
  auto out = h.run({"task", "ls", kTaskId, "--long"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto table = words(out.out);
  REQUIRE(table.size() == 3);
  // §6.4: the Go table has a header (MODE … NAME, the upstream column order); Python had none.
  CHECK(table[0] == Words{"MODE", "LINKS", "UID", "GID", "SIZE", "DATE", "NAME"});
  table.erase(table.begin());
  // §6.4: DATE is RFC822 ("16 Jul 15 23:31 UTC"); Python printed "Jul 16 23:31".
  for (auto& row : table) {
    REQUIRE(row.size() == 11);
    CHECK(row[7] == "15");
    CHECK(row[9] == "UTC");
    row = Words{row[0], row[1], row[2], row[3], row[4], row[6], row[5], row[8], row[10]};
  }
  CHECK(table == upstream("ls_long.txt"));
}

TEST_CASE("mesos tables: node metrics summary and details have the upstream rows",
          "[mesos-tables]") {
  REQUIRE_SHARED();
  ClusterHarness h;
  const std::string url = "https://dcos.example/system/v1/agent/" + kAgentId + "/metrics/v0/node";
  // metrics_summary.txt is the node summary: its load and CPU are the node details' ones.
  // §3.4 says the Go CLI divides bytes by 1e9; we keep real GiB (README), as Python did, so
  // neither table needs an adjustment.
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, operator_agents());
  h.http->expect("GET", url, 200, node_report());
  auto summary = h.run({"node", "metrics", "summary", "S0"});
  INFO(summary.err);
  REQUIRE(summary.status == 0);
  CHECK(words(summary.out) == upstream("metrics_summary.txt"));

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, operator_agents());
  h.http->expect("GET", url, 200, node_report());
  auto details = h.run({"node", "metrics", "details", kAgentId});
  INFO(details.err);
  REQUIRE(details.status == 0);
  CHECK(words(details.out) == upstream("metrics_node_details.txt"));
}

TEST_CASE("mesos tables: task metrics details has the upstream rows", "[mesos-tables]") {
  REQUIRE_SHARED();
  ClusterHarness h;
  const std::string url =
      "https://dcos.example/system/v1/agent/" + kTaskAgentId + "/metrics/v0/containers/C1";
  h.http->expect("GET", kMesos + "/master/state", 200, task_state());
  // The container's datapoints under the names the upstream table shows (DC/OS 1.9's; newer
  // clusters say cpus.user_time_secs, mem.total_bytes…): details prints whatever names come.
  h.http->expect(
      "GET", url, 200,
      json{{"datapoints",
            json::array(
                {point("cpus.user.time", 4902.86, "seconds"),
                 point("cpus.system.time", 8749.93, "seconds"), point("cpus.limit", 0.6, "count"),
                 point("cpus.throttled.time", 100.01, "seconds"),
                 point("mem.total", gib(0.01), "bytes"), point("mem.limit", gib(0.16), "bytes"),
                 point("disk.limit", 0, "bytes"), point("disk.used", 0, "bytes")})},
           {"dimensions", {{"container_id", "C1"}, {"executor_id", kTaskId}}}}
          .dump());
  h.http->expect("GET", url + "/app", 204, "");
  auto out = h.run({"task", "metrics", "details", kTaskId});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto table = words(out.out);
  REQUIRE(table.size() == 9);
  for (auto& row : table) {
    REQUIRE(row.size() == 2);
    if (row[0].rfind("mem.", 0) == 0 || row[0].rfind("disk.", 0) == 0) {
      // §6.7: the Go table prints bytes as a bare whole number; Python showed GiB (2^30).
      CHECK(row[1].find_first_not_of("0123456789") == std::string::npos);
      char size[32];
      std::snprintf(size, sizeof size, "%.2fGiB", std::stod(row[1]) / kGiB);
      row[1] = size;
    } else if (row[0] == "cpus.limit") {
      // §6.7: a value that is not whole has two decimals; Python printed the float (0.6).
      CHECK(row[1] == "0.60");
      row[1] = "0.6";
    }
  }
  CHECK(table == upstream("metrics_task_details.txt"));
}
