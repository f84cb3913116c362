// Task and component logs: the SSE parser, the log API client (URLs, headers, 204/404, a
// follow that reconnects from its last event), the files-API fallback, and `dcos task log`
// against a fake cluster.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/dcos_logs.hpp"
#include "client/files_log.hpp"
#include "client/sse.hpp"
#include "support/harness.hpp"

using dcos::LogClient;
using dcos::LogEntry;
using dcos::LogFollow;
using dcos::testing::ClusterHarness;
using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example";
const std::string kState = kBase + "/mesos/master/state";

dcos::HttpClient client(FakeTransport& fake) {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.token = "secret-token";
  return dcos::HttpClient(fake, options, {}, nullptr);
}

std::string sse(const std::vector<std::pair<std::string, std::string>>& events) {
  std::string body;
  for (const auto& [id, message] : events)
    body += "id: " + id + "\ndata: " + json{{"fields", {{"MESSAGE", message}}}}.dump() + "\n\n";
  return body;
}

json task(const std::string& id, const std::string& state, const std::string& agent) {
  return {{"id", id},
          {"name", "web"},
          {"state", state},
          {"slave_id", agent},
          {"framework_id", "F1"},
          {"executor_id", ""},
          {"statuses",
           json::array({{{"state", state},
                         {"container_status", {{"container_id", {{"value", "C-" + id}}}}}}})}};
}

std::string state() {
  json framework = {{"id", "F1"},
                    {"name", "marathon"},
                    {"user", "root"},
                    {"active", true},
                    {"tasks", json::array({task("web.1", "TASK_RUNNING", "S1"),
                                           task("web.2", "TASK_RUNNING", "S1")})},
                    {"completed_tasks", json::array({task("web.0", "TASK_FAILED", "S2")})}};
  return json{{"slaves", json::array({{{"id", "S1"}, {"hostname", "h1"}}})},
              {"frameworks", json::array({framework})}}
      .dump();
}

std::string log_url(const std::string& id, const std::string& file, const std::string& query) {
  return kBase + "/system/v1/logs/v2/task/" + id + "/file/" + file + "?" + query;
}

}  // namespace

TEST_CASE("the SSE parser joins lines cut across pieces and skips comments") {
  std::vector<dcos::SseEvent> events;
  dcos::SseParser parser([&](const dcos::SseEvent& event) {
    events.push_back(event);
    return true;
  });
  const std::string stream =
      ": keep-alive\r\nid: 7\r\ndata: one\r\n\r\ndata: a\ndata: b\n\nid: 9\n";
  for (char c : stream) REQUIRE(parser.feed(std::string_view(&c, 1)));
  REQUIRE(events.size() == 2);
  CHECK(events[0].id == "7");
  CHECK(events[0].data == "one");
  CHECK(events[1].id == "7");  // an event without an id keeps the last one
  CHECK(events[1].data == "a\nb");
  dcos::SseParser stopper([](const dcos::SseEvent&) { return false; });
  CHECK_FALSE(stopper.feed("data: x\n\ndata: y\n\n"));
}

TEST_CASE("task_text asks for the last lines as plain text; 204 and 404 say what they mean") {
  FakeTransport fake;
  LogClient logs(client(fake));
  fake.expect("GET", log_url("web.1", "stderr", "cursor=END&skip=-3"), 200, "a\nb\nc\n");
  CHECK(*logs.task_text({"web.1", "stderr", 3}) == "a\nb\nc\n");
  CHECK(dcos::header_value(fake.requests[0].headers, "Accept") == "text/plain");
  fake.expect("GET", log_url("web.1", "stdout", "cursor=BEG"), 204, "");
  auto none = logs.task_text({"web.1", "stdout", 0});
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == dcos::ErrorKind::not_found);
  CHECK(none.error().message == "no logs found for task 'web.1' (stdout)");
  fake.expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-10"), 404, "");
  auto missing = logs.task_text({"web.1", "stdout", 10});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().detail == dcos::ErrorDetail::log_api_missing);
}

TEST_CASE("a followed task log reconnects from its last event after the stream ends") {
  FakeTransport fake;
  LogClient logs(client(fake));
  fake.expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-2"), 200,
              sse({{"10", "one"}, {"20", "two"}}));
  fake.expect("GET", log_url("web.1", "stdout", "cursor=20"), 200, sse({{"30", "three"}}));
  std::vector<std::string> lines;
  std::vector<std::string> drops;
  LogFollow follow;
  follow.on_entry = [&](const LogEntry& entry) {
    lines.push_back(entry.message);
    return lines.size() < 3;
  };
  follow.on_reconnect = [&](const dcos::Error& why) { drops.push_back(why.message); };
  REQUIRE(logs.follow_task({"web.1", "stdout", 2}, follow).ok());
  CHECK(lines == std::vector<std::string>{"one", "two", "three"});
  CHECK(drops.size() == 1);
  REQUIRE(fake.requests.size() == 2);
  CHECK(dcos::header_value(fake.requests[0].headers, "Accept") == "text/event-stream");
  CHECK(dcos::header_value(fake.requests[1].headers, "Last-Event-ID") == "20");
  CHECK(fake.requests[0].timeout.count() == 0);  // a follow has no overall time limit
}

TEST_CASE("a follow gives up after reconnecting in vain, and stops when told") {
  FakeTransport fake;
  LogClient logs(client(fake));
  for (int i = 0; i < 3; ++i)
    fake.expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-1"),
                dcos::Error::make(dcos::ErrorKind::network, "connection refused"));
  LogFollow follow;
  follow.on_entry = [](const LogEntry&) { return true; };
  follow.max_failed_reconnects = 2;
  auto status = logs.follow_task({"web.1", "stdout", 1}, follow);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "connection refused");

  fake.expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-1"), 200, "");
  LogFollow stop;
  stop.on_entry = [](const LogEntry&) { return true; };
  stop.keep_going = [] { return false; };
  CHECK(logs.follow_task({"web.1", "stdout", 1}, stop).ok());
}

TEST_CASE("component logs: route, unit, filters and one JSON entry per line") {
  FakeTransport fake;
  LogClient logs(client(fake));
  fake.expect("GET",
              kBase +
                  "/system/v1/leader/mesos/logs/v2/component/dcos-mesos-master.service"
                  "?skip=-5&filter=_PID:12&filter=PRIORITY:6",
              200,
              R"({"fields":{"MESSAGE":"up","PRIORITY":"6"},"cursor":"s=1","realtime_timestamp":1})"
              "\n"
              R"({"fields":{"MESSAGE":"still up"},"cursor":"s=2","realtime_timestamp":2})"
              "\n");
  auto entries =
      logs.component({"/leader/mesos", "dcos-mesos-master.service", 5, {"_PID:12", "PRIORITY:6"}});
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 2);
  CHECK((*entries)[0].message == "up");
  CHECK((*entries)[1].cursor == "s=2");
  CHECK((*entries)[0].record["fields"]["PRIORITY"] == "6");
  CHECK(dcos::header_value(fake.requests[0].headers, "Accept") == "application/json");
}

TEST_CASE("the files API serves the last lines when there is no log API") {
  FakeTransport fake;
  dcos::AgentFiles files(client(fake));
  const std::string sandbox = "/var/lib/mesos/slaves/S1/frameworks/F1/executors/web.1/runs/C-web.1";
  fake.expect("GET", kBase + "/agent/S1/files/debug", 200,
              json{{sandbox, sandbox}, {"/slave/log", "/var/log/mesos"}}.dump());
  const std::string read = kBase + "/agent/S1/files/read?path=" + sandbox + "/stderr";
  fake.expect("GET", read + "&offset=-1", 200, R"({"data":"","offset":12})");
  fake.expect("GET", read + "&offset=0&length=12", 200,
              R"({"data":"one\ntwo\nthree\n","offset":0})");
  fake.expect("GET", read + "&offset=4&length=8", 200, R"({"data":"two\nthree\n","offset":4})");
  dcos::MesosTask web;
  web.id = "web.1";
  web.agent_id = "S1";
  web.framework_id = "F1";
  web.executor_id = "web.1";
  web.container_id = "C-web.1";
  dcos::FilesLog log(files, web, "stderr");
  CHECK(*log.tail(2) == "two\nthree\n");
}

TEST_CASE("task log prints the last lines of each matching task, with headers for several") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-10"), 200, "one\n");
  auto one = h.run({"task", "log", "web.1"});
  CHECK(one.status == 0);
  CHECK(one.out == "one\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.1", "stderr", "cursor=END&skip=-4"), 200, "e1\n");
  h.http->expect("GET", log_url("web.2", "stderr", "cursor=END&skip=-4"), 200, "e2\n");
  auto two = h.run({"task", "log", "web", "stderr", "--lines", "-4"});
  CHECK(two.status == 0);
  CHECK(two.out == "===> web.1 <===\ne1\n===> web.2 <===\ne2\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.0", "stderr", "cursor=END&skip=-10"), 200, "boom\n");
  auto completed = h.run({"task", "log", "--completed", "web", "stderr"});
  CHECK(completed.status == 0);
  CHECK(completed.out == "boom\n");
}

TEST_CASE("task log errors: no match, a single failing task, several with one failing") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto none = h.run({"task", "log", "db"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: no task ID found containing 'db'\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-10"), 204, "");
  auto empty = h.run({"task", "log", "web.1"});
  CHECK(empty.status == 3);  // the real CLI printed the error and exited 0
  CHECK(empty.err == "Error: no logs found for task 'web.1' (stdout)\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-10"), 500, "agent gone");
  h.http->expect("GET", log_url("web.2", "stdout", "cursor=END&skip=-10"), 200, "fine\n");
  auto partly = h.run({"task", "log", "web"});
  CHECK(partly.status == 1);
  CHECK(partly.out == "===> web.1 <===\n===> web.2 <===\nfine\n");
  CHECK(partly.err.find("agent gone") != std::string::npos);
  CHECK(partly.err.find("Error: could not log all matched tasks\n") != std::string::npos);

  auto both = h.run({"task", "log", "web", "--all", "--completed"});
  CHECK(both.status == 2);
}

TEST_CASE("task log falls back to the files API on a cluster without the log API") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", log_url("web.1", "stdout", "cursor=END&skip=-1"), 404, "");
  const std::string sandbox = "/frameworks/F1/executors/web.1/runs/C-web.1";
  h.http->expect("GET", kBase + "/agent/S1/files/debug", 200, json{{sandbox, "/real"}}.dump());
  const std::string read = kBase + "/agent/S1/files/read?path=" + sandbox + "/stdout";
  h.http->expect("GET", read + "&offset=-1", 200, R"({"data":"","offset":6})");
  h.http->expect("GET", read + "&offset=0&length=6", 200, R"({"data":"a\nb\nc\n","offset":0})");
  h.http->expect("GET", read + "&offset=4&length=2", 200, R"({"data":"c\n","offset":4})");
  auto out = h.run({"task", "log", "web.1", "--lines", "1"});
  CHECK(out.status == 0);
  CHECK(out.out == "c\n");
}
