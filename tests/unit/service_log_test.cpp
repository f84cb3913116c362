// `dcos service log` against a fake cluster: marathon's own journal on the master of the
// leading Marathon (formats, the <file> refusal, the deprecated flags), and a service's task:
// the app found by its DCOS_PACKAGE_FRAMEWORK_NAME label, its one task, whose log is read and
// followed as `task log` does; every selection error in the real CLI's words.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::kMarathonUrl;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example";
const std::string kMarathonLog =
    kBase + "/system/v1/leader/marathon/logs/v2/component/dcos-marathon.service";
const std::string kApps = kMarathonUrl + "/v2/apps";

std::string marathon_entries() {
  json entry = {{"fields",
                 {{"MESSAGE", "Received status update for task web.1: TASK_RUNNING"},
                  {"PRIORITY", "6"},
                  {"SYSLOG_IDENTIFIER", "marathon"},
                  {"_PID", "42"}}},
                {"cursor", "s=9"},
                {"monotonic_timestamp", 7},
                {"realtime_timestamp", 1550515267000000}};
  return entry.dump() + "\n";
}

json app(const std::string& id, const std::string& framework_name) {
  json labels = {{"DCOS_PACKAGE_NAME", "hello-world"}};
  if (!framework_name.empty()) labels["DCOS_PACKAGE_FRAMEWORK_NAME"] = framework_name;
  return {{"id", id}, {"cmd", "sleep 1"}, {"labels", labels}};
}

std::string apps(const std::vector<json>& list) { return json{{"apps", list}}.dump(); }

std::string app_with_tasks(const std::string& id, const std::vector<std::string>& tasks) {
  json entries = json::array();
  for (const auto& task : tasks) entries.push_back({{"id", task}, {"appId", id}});
  return json{{"app", {{"id", id}, {"tasks", entries}}}}.dump();
}

std::string mesos_task(const std::string& id, const std::string& state) {
  json task = {
      {"id", id},
      {"name", "hello-world"},
      {"state", state},
      {"slave_id", "S1"},
      {"framework_id", "F1"},
      {"executor_id", ""},
      {"statuses", json::array({{{"state", state},
                                 {"container_status", {{"container_id", {{"value", "C1"}}}}}}})}};
  return json{{"tasks", json::array({task})}}.dump();
}

std::string task_log(const std::string& id, const std::string& file, const std::string& query) {
  return kBase + "/system/v1/logs/v2/task/" + id + "/file/" + file + "?" + query;
}

/// The requests that find the task of service "hello-world".
void expect_hello_task(ClusterHarness& h, const std::string& state = "TASK_RUNNING") {
  h.http->expect(
      "GET", kApps, 200,
      apps({app("/other", "other"), app("/hello-world", "hello-world"), app("/plain", "")}));
  h.http->expect("GET", kApps + "/hello-world", 200,
                 app_with_tasks("/hello-world", {"hello-world.1"}));
  h.http->expect("GET", kBase + "/mesos/master/tasks?task_id=hello-world.1", 200,
                 mesos_task("hello-world.1", state));
}

}  // namespace

TEST_CASE("service log marathon prints Marathon's journal on the leading Marathon's master") {
  ClusterHarness h;
  h.http->expect("GET", kMarathonLog + "?skip=-10", 200, marathon_entries());
  auto out = h.run({"service", "log", "marathon"});
  CHECK(out.status == 0);
  CHECK(out.err.empty());
  CHECK(out.out ==
        "2019-02-18 18:41:07 UTC marathon [42]: Received status update for task web.1: "
        "TASK_RUNNING\n");
  CHECK(dcos::header_value(h.http->requests[0].headers, "Accept") == "application/json");

  h.http->expect("GET", kMarathonLog + "?skip=-1", 200, marathon_entries());
  auto json_out = h.run({"service", "log", "marathon", "--lines", "1", "-o", "json",
                         "--ssh-config-file", "/tmp/ssh", "--user", "core"});
  CHECK(json_out.status == 0);
  CHECK(json_out.err == "The --ssh-config-file flag is deprecated.\n");
  CHECK(json::parse(json_out.out)["__CURSOR"] == "s=9");
  CHECK(json::parse(json_out.out)["SYSLOG_IDENTIFIER"] == "marathon");
}

TEST_CASE("service log marathon refuses a <file> and a bad format before any request") {
  ClusterHarness h;
  auto file = h.run({"service", "log", "marathon", "stderr"});
  CHECK(file.status == 2);
  CHECK(file.err == "Error: the <file> argument is invalid for marathon\n");
  auto format = h.run({"service", "log", "marathon", "-o", "xml"});
  CHECK(format.status == 2);
  CHECK(format.err == "Error: invalid output format 'xml': use short, cat, json or json-pretty\n");
  auto missing = h.run({"service", "log"});
  CHECK(missing.status == 2);
  CHECK(h.http->requests.empty());
}

TEST_CASE("service log marathon --follow streams until Ctrl-C") {
  ClusterHarness h;
  json entry = json::parse(marathon_entries());
  h.http->expect("GET", kMarathonLog + "?skip=-10", 200, "id: s=9\ndata: " + entry.dump() + "\n\n");
  h.http->expect("GET", kMarathonLog, dcos::Error::make(dcos::ErrorKind::cancelled, "interrupted"));
  auto out = h.run({"service", "log", "marathon", "--follow", "-o", "cat"});
  CHECK(out.status == 130);
  CHECK(out.out == "Received status update for task web.1: TASK_RUNNING\n");
  CHECK(dcos::header_value(h.http->requests[1].headers, "Last-Event-ID") == "s=9");
}

TEST_CASE("service log <name> prints the log of the one task of the service's app") {
  ClusterHarness h;
  expect_hello_task(h);
  h.http->expect("GET", task_log("hello-world.1", "stderr", "cursor=END&skip=-5"), 200,
                 "starting\nready\n");
  auto out = h.run({"service", "log", "hello-world", "stderr", "--lines", "5", "-o", "json"});
  CHECK(out.status == 0);
  CHECK(out.out == "starting\nready\n");
  CHECK(out.err.empty());  // -o is ignored for a task's log (said at -v)
  CHECK(dcos::header_value(h.http->requests.back().headers, "Accept") == "text/plain");

  expect_hello_task(h);
  h.http->expect("GET", task_log("hello-world.1", "stdout", "cursor=END&skip=-10"), 204, "");
  auto empty = h.run({"service", "log", "hello-world"});
  CHECK(empty.status == 3);
  CHECK(empty.err == "Error: no logs found for task 'hello-world.1' (stdout)\n");
}

TEST_CASE("service log <name> --follow of a task that ended prints its last lines and its end") {
  ClusterHarness h;
  h.terminal.stderr_tty = true;
  expect_hello_task(h, "TASK_FINISHED");
  h.http->expect("GET", task_log("hello-world.1", "stdout", "cursor=END&skip=-10"), 200,
                 "hello\nworld\nbye\n");
  auto out = h.run({"service", "log", "hello-world", "--follow"});
  CHECK(out.status == 0);
  CHECK(out.out == "hello\nworld\nbye\n");
  CHECK(out.err == "task hello-world.1 finished\n");
  CHECK(dcos::header_value(h.http->requests.back().headers, "Accept") == "text/plain");
}

TEST_CASE("service log <name>: no app, several apps, not exactly one task") {
  ClusterHarness h;
  h.http->expect("GET", kApps, 200, apps({app("/other", "other"), app("/plain", "")}));
  auto none = h.run({"service", "log", "hello-world"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: no marathon apps found for service name [hello-world]\n");

  h.http->expect("GET", kApps, 200,
                 apps({app("/a/hello", "hello-world"), app("/b/hello", "hello-world")}));
  auto several = h.run({"service", "log", "hello-world"});
  CHECK(several.status == 6);
  CHECK(several.err ==
        "Error: multiple marathon apps found for service name [hello-world]: "
        "[/a/hello, /b/hello]\n");

  for (const std::vector<std::string>& tasks :
       {std::vector<std::string>{}, std::vector<std::string>{"hello-world.1", "hello-world.2"}}) {
    h.http->expect("GET", kApps, 200, apps({app("/hello-world", "hello-world")}));
    h.http->expect("GET", kApps + "/hello-world", 200, app_with_tasks("/hello-world", tasks));
    auto wrong = h.run({"service", "log", "hello-world"});
    CHECK(wrong.status == 1);
    CHECK(wrong.err ==
          "Error: expected marathon app [/hello-world] to be running 1 task, but "
          "instead found " +
              std::to_string(tasks.size()) + " tasks\n");
  }

  h.http->expect("GET", kApps, 200, apps({app("/hello-world", "hello-world")}));
  h.http->expect("GET", kApps + "/hello-world", 200,
                 app_with_tasks("/hello-world", {"hello-world.1"}));
  h.http->expect("GET", kBase + "/mesos/master/tasks?task_id=hello-world.1", 200,
                 R"({"tasks":[]})");
  auto gone = h.run({"service", "log", "hello-world"});
  CHECK(gone.status == 3);
  CHECK(gone.err == "Error: the master no longer knows task 'hello-world.1'\n");
}
