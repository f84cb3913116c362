// `dcos task list` against a fake Mesos master: rows, filters, the three output forms and the
// errors; and MesosClient::state() on an upstream master state.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/output.hpp"
#include "client/mesos.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kState = "https://dcos.example/mesos/master/state";

json task(const std::string& id, const std::string& name, const std::string& state,
          const std::string& agent) {
  return {
      {"id", id}, {"name", name}, {"state", state}, {"slave_id", agent}, {"framework_id", "F1"}};
}

/// Two agents (one with a fault domain), one framework with two running tasks (one on an agent
/// the master no longer lists) and one completed task.
std::string state() {
  json agents = json::array(
      {{{"id", "S1"},
        {"hostname", "10.0.0.1"},
        {"domain",
         {{"fault_domain", {{"region", {{"name", "eu"}}}, {"zone", {{"name", "eu-1"}}}}}}}},
       {{"id", "S2"}, {"hostname", "10.0.0.2"}}});
  json framework = {{"id", "F1"},
                    {"name", "marathon"},
                    {"user", "root"},
                    {"active", true},
                    {"tasks", json::array({task("web.1", "web", "TASK_RUNNING", "S1"),
                                           task("db.1", "db", "TASK_STAGING", "S9")})},
                    {"completed_tasks", json::array({task("web.0", "web", "TASK_FAILED", "S2")})}};
  return json{{"slaves", agents}, {"frameworks", json::array({framework})}}.dump();
}

}  // namespace

TEST_CASE("task list prints Mesos's running tasks with their agent and framework") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto result = h.run({"task", "list"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "  NAME  HOST      USER  STATE         ID     AGENT ID  REGION  ZONE\n"
        "  web   10.0.0.1  root  TASK_RUNNING  web.1  S1        eu      eu-1\n"
        "  db              root  TASK_STAGING  db.1   S9\n");
  REQUIRE(h.http->requests.size() == 1);
  CHECK(h.http->requests[0].url == kState);
}

TEST_CASE("task list --completed and --all, -q and --json") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "--completed", "-q"}).out == "web.0\n");
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "--all", "-q"}).out == "web.1\ndb.1\nweb.0\n");
  h.http->expect("GET", kState, 200, state());
  auto completed = h.run({"task", "list", "--completed"});
  CHECK(completed.out.find("  web   10.0.0.2  root  TASK_FAILED  web.0  S2        N/A     N/A\n") !=
        std::string::npos);
  h.http->expect("GET", kState, 200, state());
  auto as_json = h.run({"task", "list", "web", "--json"});
  CHECK(as_json.status == 0);
  CHECK(json::parse(as_json.out) == json::array({task("web.1", "web", "TASK_RUNNING", "S1")}));
}

TEST_CASE("task list filters by a part of the id, a glob, and the agent") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "eb.", "-q"}).out == "web.1\n");
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "*.[01]", "--all", "-q"}).out == "web.1\ndb.1\nweb.0\n");
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "--agent-id", "S9", "-q"}).out == "db.1\n");
}

TEST_CASE("task list: nothing found is exit 3, except with --json") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto none = h.run({"task", "list", "cache"});
  CHECK(none.status == 3);
  CHECK(none.out.empty());
  CHECK(none.err == "Error: no task ID found containing 'cache'\n");
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "cache", "--agent-id", "S1"}).err ==
        "Error: no task ID found containing 'cache' in agent 'S1'\n");
  h.http->expect("GET", kState, 200, state());
  CHECK(h.run({"task", "list", "--agent-id", "S7", "-q"}).err ==
        "Error: no task found in agent 'S7'\n");
  h.http->expect("GET", kState, 200, state());
  auto empty_json = h.run({"task", "list", "cache", "--json"});
  CHECK(empty_json.status == 0);
  CHECK(empty_json.out == "[]\n");
}

TEST_CASE("task list refuses --all with --completed before asking the cluster") {
  ClusterHarness h;
  auto both = h.run({"task", "list", "--all", "--completed"});
  CHECK(both.status == 2);
  CHECK(both.err == "Error: cannot accept both options --all and --completed\n");
  CHECK(h.http->requests.empty());
}

TEST_CASE("mesos client: the upstream master state's agents, frameworks and tasks") {
  REQUIRE_SHARED();
  const std::string body =
      dcos::testing::fixture("mesos/state", "master-state.mesos-1.2.kafka.dcos-ui.json");
  auto raw = json::parse(body);
  dcos::testing::FakeTransport transport;
  transport.expect("GET", "https://dcos.example/mesos/master/state", 200, body);
  dcos::ClientOptions options;
  options.base_url = "https://dcos.example/mesos";
  options.max_attempts = 1;
  auto state = dcos::MesosClient(dcos::HttpClient(transport, options, {}, {})).state();
  REQUIRE(state.ok());
  REQUIRE(state->agents.size() == raw["slaves"].size());
  CHECK(state->agents[0].id == raw["slaves"][0]["id"]);
  CHECK(state->agents[0].hostname == raw["slaves"][0]["hostname"]);
  REQUIRE(state->frameworks.size() == raw["frameworks"].size());
  const auto& kafka = state->frameworks[0];
  CHECK(kafka.name == "confluent-kafka");
  CHECK(kafka.user == "root");
  REQUIRE(kafka.tasks.size() == raw["frameworks"][0]["tasks"].size());
  CHECK(kafka.tasks[0].raw == raw["frameworks"][0]["tasks"][0]);
  CHECK(kafka.tasks[0].agent_id == raw["frameworks"][0]["tasks"][0]["slave_id"]);
  CHECK(state->agent(kafka.tasks[0].agent_id) != nullptr);
}

TEST_CASE("dcos task [<filter>] still lists, with a notice, unless deprecations are strict") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto old = h.run({"task", "web", "-q"});
  CHECK(old.status == 0);
  CHECK(old.out == "web.1\n");
  CHECK(old.err ==
        "Getting the list of tasks from `dcos task` is deprecated. Please use `dcos task list`.\n");
  h.env["DCOS_CLI_STRICT_DEPRECATIONS"] = "1";
  auto strict = h.run({"task"});
  CHECK(strict.status == 0);
  CHECK(strict.out.find("list") != std::string::npos);
  CHECK(h.http->requests.size() == 1);
}

TEST_CASE("task list keeps each framework's running tasks first, whatever order the master uses") {
  // Mesos itself lists `tasks` before `completed_tasks`; a master with sorted keys (dcos-local)
  // the other way round. Two frameworks, one of each order.
  const std::string body =
      R"({"frameworks": [
           {"id": "F1", "user": "root",
            "tasks": [{"id": "a.1", "name": "a", "state": "TASK_RUNNING", "slave_id": "S1"}],
            "completed_tasks": [{"id": "a.0", "name": "a", "state": "TASK_FAILED", "slave_id": "S1"}]},
           {"completed_tasks": [{"id": "b.0", "name": "b", "state": "TASK_KILLED", "slave_id": "S1"},
                                {"id": "b.00", "name": "b", "state": "TASK_FINISHED", "slave_id": "S1"}],
            "id": "F2",
            "tasks": [{"id": "b.1", "name": "b", "state": "TASK_RUNNING", "slave_id": "S1"}],
            "user": "nobody"}],
          "slaves": [{"id": "S1", "hostname": "10.0.0.1"}]})";
  const json parsed = json::parse(body);
  ClusterHarness h;
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "--all", "-q"}).out == "a.1\na.0\nb.1\nb.0\nb.00\n");
  h.http->expect("GET", kState, 200, body);
  auto as_json = h.run({"task", "list", "--all", "--json"});
  const json& f1 = parsed["frameworks"][0];
  const json& f2 = parsed["frameworks"][1];
  const json expected = json::array({f1["tasks"][0], f1["completed_tasks"][0], f2["tasks"][0],
                                     f2["completed_tasks"][0], f2["completed_tasks"][1]});
  CHECK(as_json.out == expected.dump(4) + "\n");
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "--all"}).out ==
        "  NAME  HOST      USER    STATE          ID    AGENT ID  REGION  ZONE\n"
        "  a     10.0.0.1  root    TASK_RUNNING   a.1   S1        N/A     N/A\n"
        "  a     10.0.0.1  root    TASK_FAILED    a.0   S1        N/A     N/A\n"
        "  b     10.0.0.1  nobody  TASK_RUNNING   b.1   S1        N/A     N/A\n"
        "  b     10.0.0.1  nobody  TASK_KILLED    b.0   S1        N/A     N/A\n"
        "  b     10.0.0.1  nobody  TASK_FINISHED  b.00  S1        N/A     N/A\n");
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "--completed", "-q"}).out == "a.0\nb.0\nb.00\n");
}

TEST_CASE("task list --json prints the records byte for byte as write_json did") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto as_json = h.run({"task", "list", "--all", "--json"});
  const json framework = json::parse(state())["frameworks"][0];
  CHECK(as_json.out ==
        json::array({framework["tasks"][0], framework["tasks"][1], framework["completed_tasks"][0]})
                .dump(4) +
            "\n");
}

TEST_CASE("task list: a state cut short is an error after what was already printed") {
  ClusterHarness h;
  const std::string whole = state();
  h.http->expect("GET", kState, 200, whole.substr(0, whole.size() - 3));
  auto cut = h.run({"task", "list"});
  CHECK(cut.status == 1);
  CHECK(cut.out.empty());
  CHECK(cut.err.rfind("Error: GET " + kState + " did not answer with a JSON object (invalid JSON",
                      0) == 0);
}

TEST_CASE("task list: a table too long for memory is kept in a file and printed the same") {
  // 12,000 tasks make well over the megabyte the table keeps in memory before it spills.
  json tasks = json::array();
  dcos::Table expected({"NAME", "HOST", "USER", "STATE", "ID", "AGENT ID", "REGION", "ZONE"});
  for (size_t column = 0; column < 8; ++column) expected.set_align(column, dcos::Align::left);
  for (int i = 0; i < 12000; ++i) {
    const std::string id = "app-" + std::to_string(i % 97) + ".instance-" + std::to_string(i);
    const std::string agent = i % 3 == 0 ? "S9" : "S1";
    tasks.push_back(task(id, "app-" + std::to_string(i % 97), "TASK_RUNNING", agent));
    expected.add_row({"app-" + std::to_string(i % 97), agent == "S1" ? "10.0.0.1" : "", "root",
                      "TASK_RUNNING", id, agent, agent == "S1" ? "eu" : "",
                      agent == "S1" ? "eu-1" : ""});
  }
  const json body = {
      {"frameworks", json::array({{{"id", "F1"}, {"user", "root"}, {"tasks", tasks}}})},
      {"slaves",
       json::array({{{"id", "S1"},
                     {"hostname", "10.0.0.1"},
                     {"domain",
                      {{"fault_domain",
                        {{"region", {{"name", "eu"}}}, {"zone", {{"name", "eu-1"}}}}}}}}})}};
  std::ostringstream table;
  expected.print(table);
  ClusterHarness h;
  h.http->expect("GET", kState, 200, body.dump());
  auto listed = h.run({"task", "list"});
  CHECK(listed.status == 0);
  CHECK(listed.out.size() == table.str().size());
  CHECK(listed.out == table.str());
}
