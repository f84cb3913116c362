// `dcos service list` and `shutdown` against a fake master: the frameworks of /master/frameworks
// (built here, and the upstream state's), their table, JSON and names, and TEARDOWN with its
// confirmation rules.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/mesos.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kFrameworks = "https://dcos.example/mesos/master/frameworks";
const std::string kApi = "https://dcos.example/mesos/api/v1";

json framework(const std::string& id, const std::string& name, bool active, int tasks) {
  json list = json::array();
  for (int i = 0; i < tasks; ++i) list.push_back({{"id", name + "." + std::to_string(i)}});
  return {{"id", id},
          {"name", name},
          {"hostname", "10.0.0.9"},
          {"active", active},
          {"resources", {{"cpus", 1.25}, {"mem", 1024.0}, {"disk", 0.0}}},
          {"tasks", list},
          {"completed_tasks", json::array()},
          {"labels", json::array({{{"key", "k"}, {"value", "v"}}})}};
}

std::string frameworks() {
  return json{{"frameworks", json::array({framework("F-0001", "marathon", true, 3),
                                          framework("F-0002", "kafka", false, 0)})},
              {"completed_frameworks", json::array({framework("F-0000", "old", false, 0)})}}
      .dump();
}

}  // namespace

TEST_CASE("service list shows the active frameworks; --inactive and --completed add the rest") {
  ClusterHarness h;
  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto active = h.run({"service", "list"});
  CHECK(active.status == 0);
  CHECK(active.err.empty());
  CHECK(active.out ==
        "  NAME      HOST      ACTIVE  TASKS  CPU     MEM  DISK  ID\n"
        "  marathon  10.0.0.9  True        3  1.2  1024.0   0.0  F-0001\n");
  h.http->expect("GET", kFrameworks, 200, frameworks());
  CHECK(h.run({"service", "list", "--inactive", "--completed", "-q"}).out ==
        "marathon\nkafka\nold\n");
  h.http->expect("GET", kFrameworks, 200, frameworks());
  CHECK(h.run({"service", "list", "--completed", "--id-only"}).out == "F-0001\nF-0000\n");
}

TEST_CASE("service list --json: the framework records, tasks included; [] when none") {
  ClusterHarness h;
  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto listed = h.run({"service", "list", "--json"});
  CHECK(listed.status == 0);
  CHECK(json::parse(listed.out) == json::array({framework("F-0001", "marathon", true, 3)}));
  h.http->expect("GET", kFrameworks, 200, R"({"frameworks":[],"completed_frameworks":[]})");
  auto none = h.run({"service", "list", "--json"});
  CHECK(none.status == 0);
  CHECK(none.out == "[]\n");
}

TEST_CASE("dcos service alone is the deprecated service list") {
  ClusterHarness h;
  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto alias = h.run({"service", "--inactive"});
  CHECK(alias.status == 0);
  CHECK(alias.err ==
        "Getting the list of services from `dcos service` is deprecated. Please use "
        "`dcos service list`.\n");
  CHECK(alias.out.find("kafka") != std::string::npos);
  h.env["DCOS_CLI_STRICT_DEPRECATIONS"] = "";
  auto strict = h.run({"service"});
  CHECK(strict.out.find("\nCommands:\n    list\n") != std::string::npos);
  CHECK(strict.out.find("    --completed\n") != std::string::npos);
}

TEST_CASE("mesos client: the upstream state's frameworks keep their records whole") {
  REQUIRE_SHARED();
  const std::string body =
      dcos::testing::fixture("mesos/state", "master-state.mesos-0.27.cassandra.dcos-ui.json");
  auto raw = json::parse(body);
  ClusterHarness h;
  json lists = {{"frameworks", raw["frameworks"]},
                {"completed_frameworks", raw["completed_frameworks"]}};
  h.http->expect("GET", kFrameworks, 200, lists.dump());
  auto result = h.run({"service", "list", "--json", "--inactive", "--completed"});
  REQUIRE(result.status == 0);
  json expected = raw["frameworks"];
  for (const auto& done : raw["completed_frameworks"]) expected.push_back(done);
  for (auto& one : expected) {
    if (!one.contains("completed_tasks")) one["completed_tasks"] = json::array();
    if (!one.contains("tasks")) one["tasks"] = json::array();
  }
  CHECK(json::parse(result.out) == expected);
  h.http->expect("GET", kFrameworks, 200, lists.dump());
  auto table = h.run({"service", "list"});
  CHECK(table.out.find("  cassandra  ") != std::string::npos);
}

TEST_CASE("service shutdown --yes tears the framework a unique prefix names down") {
  ClusterHarness h;
  h.http->expect("GET", kFrameworks, 200, frameworks());
  h.http->expect_call("POST", kApi, "TEARDOWN", 200, "");
  auto result = h.run({"service", "shutdown", "F-0002", "--yes"});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err.empty());
  REQUIRE(h.http->requests.size() == 2);
  CHECK(json::parse(h.http->requests[1].body) ==
        json{{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", "F-0002"}}}}}});

  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto ambiguous = h.run({"service", "shutdown", "F-", "--yes"});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.err ==
        "Error: 'F-' matches 2 frameworks: F-0001, F-0002\nHint: give more of the framework id\n");

  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto unknown = h.run({"service", "shutdown", "F-9", "--yes"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: framework 'F-9' does not exist\n");

  h.http->expect("GET", kFrameworks, 200, frameworks());
  h.http->expect_call("POST", kApi, "TEARDOWN", 404, "");
  auto gone = h.run({"service", "shutdown", "F-0001", "--yes"});
  CHECK(gone.status == 3);
  CHECK(gone.err == "Error: could not teardown framework 'F-0001'\n");
}

TEST_CASE("service shutdown asks only on a terminal; the default answer is no") {
  ClusterHarness h;
  auto piped = h.run({"service", "shutdown", "F-0001"});
  CHECK(piped.status == 2);
  CHECK(piped.err ==
        "Error: tearing down a service needs a confirmation; pass --yes to confirm without a "
        "terminal\n");
  CHECK(h.http->requests.empty());

  h.terminal.stdin_tty = true;
  h.input = "\n";
  h.http->expect("GET", kFrameworks, 200, frameworks());
  auto declined = h.run({"service", "shutdown", "F-0001"});
  CHECK(declined.status == 1);
  CHECK(declined.err ==
        "Do you really want to teardown marathon (F-0001) with all its tasks? [yes/no] "
        "Error: not confirmed; nothing was torn down\n");

  h.input = "maybe\nYes\n";
  h.http->expect("GET", kFrameworks, 200, frameworks());
  h.http->expect_call("POST", kApi, "TEARDOWN", 200, "");
  auto accepted = h.run({"service", "shutdown", "F-0001"});
  CHECK(accepted.status == 0);
  CHECK(h.http->requests.back().body.find("F-0001") != std::string::npos);
}

TEST_CASE("service list --json prints byte for byte what write_json of the records printed") {
  // Inactive and torn down frameworks included, the torn down one listed first by the master
  // (as a master with sorted keys lists it), with running and completed tasks: the streamed
  // records keep write_json's layout and put the torn down frameworks last.
  json running = framework("F-0001", "marathon", true, 2);
  running["completed_tasks"] = json::array({{{"id", "old.1"}, {"state", "TASK_FINISHED"}}});
  running["zzz"] = {{"after", "tasks"}};
  json gone = framework("F-0000", "old", false, 1);
  const std::string body =
      json{{"completed_frameworks", json::array({gone})},
           {"frameworks", json::array({running, framework("F-0002", "kafka", false, 0)})}}
          .dump();
  ClusterHarness h;
  h.http->expect("GET", kFrameworks, 200, body);
  auto listed = h.run({"service", "list", "--json", "--inactive", "--completed"});
  CHECK(listed.status == 0);
  const json expected = json::array({running, framework("F-0002", "kafka", false, 0), gone});
  CHECK(listed.out == expected.dump(4) + "\n");
}
