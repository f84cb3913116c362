// The tasks of a torn-down framework (`completed_frameworks` in the master's state) against a
// fake master: `task list`, `task log` and `task ls` reach them with --completed and --all (not
// without), and `service list --completed` shows the framework itself.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/strings.hpp"
#include "commands/task/task_find.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example";
const std::string kState = kBase + "/mesos/master/state";
const std::string kFrameworks = kBase + "/mesos/master/frameworks";

json task(const std::string& id, const std::string& state, const std::string& framework) {
  return {{"id", id},
          {"name", id.substr(0, id.find('.'))},
          {"state", state},
          {"slave_id", "S1"},
          {"framework_id", framework},
          {"executor_id", ""},
          {"statuses",
           json::array({{{"state", state},
                         {"container_status", {{"container_id", {{"value", "C-" + id}}}}}}})}};
}

json framework(const std::string& id, const std::string& name, const std::string& user, bool active,
               json tasks, json completed) {
  return {{"id", id},
          {"name", name},
          {"user", user},
          {"hostname", "10.0.0.9"},
          {"active", active},
          {"resources", {{"cpus", 0.0}, {"mem", 0.0}, {"disk", 0.0}}},
          {"tasks", std::move(tasks)},
          {"completed_tasks", std::move(completed)}};
}

/// Marathon with a running and an ended task; `probe`, torn down, whose task was killed with it
/// and whose other task had finished before; `completed_frameworks` first, as a master that
/// sorts its keys (dcos-local) sends it.
json master_state() {
  json marathon =
      framework("F1", "marathon", "root", true, json::array({task("web.1", "TASK_RUNNING", "F1")}),
                json::array({task("web.0", "TASK_FAILED", "F1")}));
  json probe = framework(
      "F2", "probe", "nobody", false, json::array(),
      json::array({task("echo.1", "TASK_KILLED", "F2"), task("echo.0", "TASK_FINISHED", "F2")}));
  return {{"completed_frameworks", json::array({probe})},
          {"frameworks", json::array({marathon})},
          {"slaves", json::array({{{"id", "S1"}, {"hostname", "10.0.0.1"}}})}};
}

std::string log_url(const std::string& id, const std::string& file) {
  return kBase + "/system/v1/logs/v2/task/" + id + "/file/" + file + "?cursor=END&skip=-10";
}

}  // namespace

TEST_CASE("find_tasks takes a torn-down framework's tasks only in the completed scope") {
  const json document = master_state();
  dcos::MesosState state;
  // The typed view takes a framework's task lists out of its record.
  for (const auto& item : document["frameworks"])
    state.frameworks.push_back(dcos::mesos_framework(item));
  for (const auto& item : document["completed_frameworks"])
    state.completed_frameworks.push_back(dcos::mesos_framework(item));
  auto ids = [&state](const std::string& pattern, bool all, bool completed) {
    std::vector<std::string> found;
    for (const auto& item :
         dcos::find_tasks(state, pattern, *dcos::TaskScope::from_flags(all, completed)))
      found.push_back(item.task->id + "@" + item.framework->name);
    return found;
  };
  CHECK(ids("", false, false) == std::vector<std::string>{"web.1@marathon"});
  CHECK(ids("", false, true) ==
        std::vector<std::string>{"web.0@marathon", "echo.1@probe", "echo.0@probe"});
  CHECK(ids("echo", true, false) == std::vector<std::string>{"echo.1@probe", "echo.0@probe"});
  CHECK(ids("echo", false, false).empty());

  auto one = dcos::find_one_task(state, "echo.1", *dcos::TaskScope::from_flags(false, true));
  REQUIRE(one);
  CHECK(one->framework->id == "F2");
  CHECK(dcos::task_query("", *dcos::TaskScope::from_flags(false, true)).completed_frameworks);
  CHECK_FALSE(dcos::task_query("", dcos::TaskScope{}).completed_frameworks);
}

TEST_CASE("task list --completed and --all list a torn-down framework's tasks") {
  ClusterHarness h;
  const std::string body = master_state().dump();
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "-q"}).out == "web.1\n");

  // In the order the master sends them: here the torn-down framework comes first.
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "--completed", "-q"}).out == "echo.1\necho.0\nweb.0\n");
  h.http->expect("GET", kState, 200, body);
  CHECK(h.run({"task", "list", "--all", "-q"}).out == "echo.1\necho.0\nweb.1\nweb.0\n");

  h.http->expect("GET", kState, 200, body);
  auto as_json = h.run({"task", "list", "echo.1", "--completed", "--json"});
  CHECK(as_json.status == 0);
  CHECK(json::parse(as_json.out) ==
        json::array({master_state()["completed_frameworks"][0]["completed_tasks"][0]}));

  // The table takes the user of the framework that ran the task.
  h.http->expect("GET", kState, 200, body);
  auto table = h.run({"task", "list", "echo", "--completed"});
  CHECK(table.status == 0);
  CHECK(table.out.find("  echo  10.0.0.1  nobody  TASK_KILLED    echo.1") != std::string::npos);

  h.http->expect("GET", kState, 200, body);
  auto running = h.run({"task", "list", "echo"});
  CHECK(running.status == 3);
  CHECK(running.err == "Error: no task ID found containing 'echo'\n");
}

TEST_CASE("task log --completed prints the log of a torn-down framework's task") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, master_state().dump());
  h.http->expect("GET", log_url("echo.1", "stdout"), 200, "hi\n");
  auto result = h.run({"task", "log", "--completed", "echo.1", "stdout"});
  CHECK(result.status == 0);
  CHECK(result.out == "hi\n");

  h.http->expect("GET", kState, 200, master_state().dump());
  auto running = h.run({"task", "log", "echo.1"});
  CHECK(running.status == 3);
  CHECK(running.err == "Error: no task ID found containing 'echo.1'\n");
}

TEST_CASE("task ls --completed lists the sandbox of a torn-down framework's task") {
  ClusterHarness h;
  const std::string agent = kBase + "/agent/S1/files/";
  const std::string dir = "/var/lib/mesos/slaves/S1/frameworks/F2/executors/echo.1/runs/C-echo.1";
  h.http->expect("GET", kState, 200, master_state().dump());
  h.http->expect("GET", agent + "debug", 200, json{{dir, dir}}.dump());
  json listing = json::array({{{"path", dir + "/stdout"},
                               {"mode", "-rw-r--r--"},
                               {"size", 3},
                               {"nlink", 1},
                               {"mtime", 0},
                               {"uid", "root"},
                               {"gid", "root"}}});
  h.http->expect("GET", agent + "browse?path=" + dcos::percent_encode(dir, "/"), 200,
                 listing.dump());
  auto result = h.run({"task", "ls", "echo.1", "--completed"});
  CHECK(result.status == 0);
  CHECK(result.out == "stdout\n");
}

TEST_CASE("service list --completed shows a torn-down framework, its ended tasks in --json") {
  ClusterHarness h;
  json lists = master_state();
  lists.erase("slaves");
  h.http->expect("GET", kFrameworks, 200, lists.dump());
  auto table = h.run({"service", "list", "--completed"});
  INFO(table.out);
  CHECK(table.status == 0);
  CHECK(table.out ==
        "  NAME      HOST      ACTIVE  TASKS  CPU  MEM  DISK  ID\n"
        "  marathon  10.0.0.9  True        1  0.0  0.0   0.0  F1\n"
        "  probe     10.0.0.9  False       0  0.0  0.0   0.0  F2\n");

  h.http->expect("GET", kFrameworks, 200, lists.dump());
  auto as_json = h.run({"service", "list", "--completed", "--json"});
  CHECK(as_json.status == 0);
  json printed = json::parse(as_json.out);
  REQUIRE(printed.size() == 2);
  CHECK(printed[1]["id"] == "F2");
  CHECK(printed[1]["completed_tasks"].size() == 2);
}
