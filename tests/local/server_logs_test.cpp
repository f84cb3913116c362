// Log APIs of the real dcos-local over HTTP: the journald-style component logs written from the
// emulator's own activity (JSON lines, text, SSE with cursors), the --no-log-api fallback to the
// files API, dropping log streams so clients can test resuming, and task logs of ended tasks.
#include <fstream>
#include <set>
#include <sstream>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

json small_app(const std::string& id, const std::string& cmd, int instances = 1) {
  return {{"id", id}, {"cmd", cmd}, {"instances", instances}, {"cpus", 0.05}, {"mem", 16}};
}

// Journal entries of a JSON-lines body.
std::vector<json> entries(const std::string& body) {
  std::vector<json> out;
  for (const std::string& line : split_lines(body)) {
    json e = json::parse(line, nullptr, false);
    REQUIRE(e.is_object());
    out.push_back(e);
  }
  return out;
}

std::vector<json> read_json(httplib::Client& cli, const std::string& path) {
  auto res = cli.Get(path, {{"Accept", "application/json"}});
  REQUIRE(res);
  INFO(path << " -> " << res->status << " " << res->body.substr(0, 500));
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  return entries(res->body);
}

std::vector<std::string> messages(const std::vector<json>& list) {
  std::vector<std::string> out;
  for (const json& e : list) out.push_back(e["fields"]["MESSAGE"]);
  return out;
}

// SSE frames "id: ...\ndata: ...\n\n" of a stream's text: (id, data JSON) pairs.
std::vector<std::pair<std::string, json>> sse_events(const std::string& text) {
  std::vector<std::pair<std::string, json>> out;
  size_t pos = 0;
  while (true) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) break;
    std::string frame = text.substr(pos, end - pos);
    pos = end + 2;
    std::string id;
    json data;
    for (const std::string& line : split_lines(frame)) {
      if (line.rfind("id: ", 0) == 0) id = line.substr(4);
      if (line.rfind("data: ", 0) == 0) data = json::parse(line.substr(6), nullptr, false);
    }
    out.emplace_back(id, data);
  }
  return out;
}

std::string task_sandbox(httplib::Client& cli, const std::string& agent,
                         const std::string& task_id) {
  json state = get_json(cli, "/agent/" + agent + "/state");
  for (const json& fw : state["frameworks"])
    for (const char* key : {"executors", "completed_executors"})
      for (const json& ex : fw[key])
        if (ex["id"] == task_id) return ex["directory"];
  return "";
}

}  // namespace

TEST_CASE("component logs are journal entries of what the emulator did, per node and unit",
          "[local][server][logs]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/journaled", "sleep 300"));
  json task = wait_running(cli, "/journaled", 1)[0];
  std::string task_id = task["id"], agent = task["slaveId"];

  // The master's Mesos unit recorded the launch and the status updates of the task.
  const std::string master = "/system/v1/leader/mesos/logs/v2/component";
  std::vector<json> all = read_json(cli, master + "/dcos-mesos-master.service");
  std::vector<std::string> text = messages(all);
  auto mentions = [&](const std::string& start) {
    return std::any_of(text.begin(), text.end(), [&](const std::string& m) {
      return m.rfind(start, 0) == 0 && m.find(task_id) != std::string::npos;
    });
  };
  CHECK(mentions("Adding task " + task_id));
  CHECK(mentions("Status update TASK_RUNNING"));
  auto own = std::find_if(all.begin(), all.end(), [](const json& e) {
    return e["fields"]["SYSLOG_IDENTIFIER"] == "mesos-master";
  });
  REQUIRE(own != all.end());
  const json& first = *own;
  for (const char* field : {"MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "_PID", "_HOSTNAME",
                            "_SYSTEMD_UNIT", "_BOOT_ID", "_TRANSPORT"})
    CHECK(first["fields"][field].is_string());
  CHECK(first["fields"]["_SYSTEMD_UNIT"] == "dcos-mesos-master.service");
  CHECK(first["fields"]["SYSLOG_IDENTIFIER"] == "mesos-master");
  CHECK(first["fields"]["_HOSTNAME"] == "127.0.0.1");
  CHECK(first["cursor"].get<std::string>().rfind("s=", 0) == 0);
  CHECK(first["realtime_timestamp"].is_number_integer());
  CHECK(first["monotonic_timestamp"].is_number_integer());
  // The same unit through /system/v1/logs (the master that got the request).
  CHECK(messages(read_json(cli, "/system/v1/logs/v2/component/dcos-mesos-master.service")) == text);

  // Marathon's unit, and systemd's own entry about it (UNIT=).
  std::vector<std::string> marathon = messages(read_json(cli, master + "/dcos-marathon.service"));
  CHECK(std::any_of(marathon.begin(), marathon.end(),
                    [](const std::string& m) { return m.rfind("Started Marathon", 0) == 0; }));
  CHECK(std::any_of(marathon.begin(), marathon.end(), [](const std::string& m) {
    return m.rfind("Deployment ", 0) == 0 && m.find("finished") != std::string::npos;
  }));
  // Admin Router's route to the master of the leading Marathon: here the one master.
  CHECK(messages(read_json(cli,
                           "/system/v1/leader/marathon/logs/v2/component/"
                           "dcos-marathon.service")) == marathon);

  // The agent's journal has its own unit, hostname and the launch of the task.
  std::vector<json> on_agent =
      read_json(cli, "/system/v1/agent/" + agent + "/logs/v2/component/dcos-mesos-slave.service");
  REQUIRE_FALSE(on_agent.empty());
  CHECK(on_agent[0]["fields"]["_HOSTNAME"] == task["host"]);
  std::vector<std::string> agent_text = messages(on_agent);
  std::string framework = get_json(cli, "/mesos/master/state")["frameworks"][0]["id"];
  std::string launch = "Launching task '" + task_id + "' of framework " + framework;
  CHECK(std::find(agent_text.begin(), agent_text.end(), launch) != agent_text.end());

  // HTTP requests to the master are in its log.
  get_json(cli, "/mesos/master/state-summary");
  // The request's line is written once its answer is sent, and the emulator's own work may log
  // a line in between: the request is soon among the last few lines.
  CHECK(eventually([&] {
    std::vector<std::string> recent =
        messages(read_json(cli, master + "/dcos-mesos-master.service?skip=-5"));
    return std::any_of(recent.begin(), recent.end(), [](const std::string& m) {
      return m.rfind("HTTP GET for /master/state-summary from 127.0.0.1:", 0) == 0;
    });
  }));

  // skip=-N is the last N; filters must all hold; limit caps; the text format is one line each.
  std::vector<json> last3 = read_json(cli, master + "/dcos-mesos-master.service?skip=-3");
  REQUIRE(last3.size() == 3);
  std::vector<json> filtered =
      read_json(cli, master + "?filter=SYSLOG_IDENTIFIER:mesos-master&filter=PRIORITY:6&limit=2");
  CHECK(filtered.size() == 2);
  for (const json& e : filtered) CHECK(e["fields"]["SYSLOG_IDENTIFIER"] == "mesos-master");
  auto res = cli.Get(master + "/dcos-marathon.service?skip=-2", {{"Accept", "text/plain"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(split_lines(res->body).size() == 2);
  CHECK(res->body.find(" marathon[") != std::string::npos);

  // A cursor resumes after its entry.
  std::string cursor = all[all.size() - 3]["cursor"];
  std::vector<json> after = read_json(cli, master + "/dcos-mesos-master.service?limit=2&cursor=" +
                                               httplib::detail::encode_query_param(cursor));
  REQUIRE(after.size() == 2);
  CHECK(after[0]["cursor"] == all[all.size() - 2]["cursor"]);

  // Nothing selected: 204. Bad parameters: 400. Unknown agent: 404.
  res = cli.Get(master + "/no-such.service", {{"Accept", "application/json"}});
  REQUIRE(res);
  CHECK(res->status == 204);
  res = cli.Get(master + "?filter=NOCOLON", {{"Accept", "application/json"}});
  REQUIRE(res);
  CHECK(res->status == 400);
  res = cli.Get(master + "?skip=many");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = cli.Get(master + "?cursor=s%3Dother%3Bi%3D1");
  REQUIRE(res);
  CHECK(res->status == 400);
  res = cli.Get("/system/v1/agent/nope/logs/v2/component");
  REQUIRE(res);
  CHECK(res->status == 404);
}

TEST_CASE("component log streams follow new entries and resume after Last-Event-ID",
          "[local][server][logs]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  const std::string path =
      "/system/v1/leader/mesos/logs/v2/component/dcos-mesos-master.service?skip=-1";
  StreamReader stream(cluster.host(), cluster.port(), path, {{"Accept", "text/event-stream"}});
  REQUIRE(stream.status() == 200);
  CHECK(stream.content_type().find("text/event-stream") == 0);
  REQUIRE(
      stream.wait_for([](const std::string& t) { return t.find("\n\n") != std::string::npos; }));
  // A request to the master is logged by the master, and arrives on the stream.
  get_json(cli, "/mesos/master/slaves");
  REQUIRE(stream.wait_contains("HTTP GET for /master/slaves"));
  auto events = sse_events(stream.text());
  REQUIRE(events.size() >= 2);
  for (const auto& [id, data] : events) CHECK(id == data["cursor"]);
  std::string resume = events[0].first;
  stream.close();

  // Reconnecting with the first event's id gives everything after it, nothing before.
  get_json(cli, "/mesos/master/frameworks");
  StreamReader again(cluster.host(), cluster.port(), path,
                     {{"Accept", "text/event-stream"}, {"Last-Event-ID", resume}});
  REQUIRE(again.wait_contains("HTTP GET for /master/frameworks"));
  auto resumed = sse_events(again.text());
  REQUIRE(resumed.size() >= 2);
  CHECK(resumed[0].first == events[1].first);
  for (const auto& [id, data] : resumed) CHECK(id != resume);
}

TEST_CASE("dropping log streams ends them once; task log streams resume from Last-Event-ID",
          "[local][server][logs]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/talker", "printf 'a\\nb\\nc\\n'; sleep 300"));
  json task = wait_running(cli, "/talker", 1)[0];
  std::string task_id = task["id"], agent = task["slaveId"];
  httplib::Client follow = client_for(cluster);
  follow.set_follow_location(true);
  std::string location;
  REQUIRE(eventually([&] {
    auto r = cli.Get("/system/v1/logs/v2/task/" + task_id + "/file/stdout");
    location = r ? r->get_header_value("Location") : "";
    auto text = follow.Get("/system/v1/logs/v2/task/" + task_id + "/file/stdout",
                           {{"Accept", "text/plain"}});
    return text && text->body == "a\nb\nc\n";
  }));
  std::string stream_path = location.substr(0, location.find('?'));

  StreamReader task_stream(cluster.host(), cluster.port(), stream_path + "?cursor=BEG",
                           {{"Accept", "text/event-stream"}});
  StreamReader component(cluster.host(), cluster.port(), "/system/v1/logs/v2/component?skip=-1",
                         {{"Accept", "text/event-stream"}});
  REQUIRE(task_stream.wait_contains("\"c\""));
  REQUIRE(component.status() == 200);
  auto res = cli.Post("/_dcos_local/drop-log-streams", "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(body_json(res)["dropped"].get<int>() >= 2);
  CHECK(task_stream.wait_ended(5s));
  CHECK(component.wait_ended(5s));

  // The task stream's events carry the byte offset after each line; resuming after "b" gives
  // "c" and what follows, never "a" or "b" again.
  auto events = sse_events(task_stream.text());
  REQUIRE(events.size() == 3);
  CHECK(events[1].first == "4");
  std::string sandbox = task_sandbox(cli, agent, task_id);
  REQUIRE_FALSE(sandbox.empty());
  StreamReader resumed(cluster.host(), cluster.port(), stream_path + "?cursor=BEG",
                       {{"Accept", "text/event-stream"}, {"Last-Event-ID", "4"}});
  REQUIRE(resumed.wait_contains("\"c\""));
  {
    std::ofstream out(sandbox + "/stdout", std::ios::app);
    out << "d\n";
  }
  REQUIRE(resumed.wait_contains("\"d\""));
  std::vector<std::string> got;
  for (const auto& [id, data] : sse_events(resumed.text()))
    got.push_back(data["fields"]["MESSAGE"]);
  CHECK(got == std::vector<std::string>{"c", "d"});
  // The drop was once: new streams stay open.
  CHECK_FALSE(resumed.ended());
}

TEST_CASE("ended tasks keep their logs and sandbox; --no-log-api leaves only the files API",
          "[local][server][logs]") {
  LocalCluster cluster({"--no-log-api"});
  auto cli = client_for(cluster);
  for (const std::string& path :
       {std::string("/system/v1/logs/v2/task/x/file/stdout"),
        std::string("/system/v1/logs/v2/component"),
        std::string("/system/v1/leader/mesos/logs/v2/component"),
        std::string("/system/v1/agent/a-S0/logs/v2/component/dcos-mesos-slave.service"),
        std::string("/system/v1/agent/a-S0/logs/v2/task/frameworks/f/executors/e/runs/r/stdout")}) {
    auto res = cli.Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 404);
  }
  CHECK(get_json(cli, "/net/v1/nodes").size() == 4);  // the rest of /system and DC/OS is there

  json failing = small_app("/failing", "echo out-line; echo err-line >&2; exit 3");
  failing["backoffSeconds"] = 600;
  REQUIRE(post_json(cli, marathon("/v2/apps"), failing)->status == 201);
  json done;
  REQUIRE(eventually([&] {
    for (const json& t : json(get_json(cli, "/mesos/master/tasks")["tasks"]))
      if (t["name"] == "failing" && t["state"] == "TASK_FAILED") done = t;
    return done.is_object();
  }));
  std::string agent = done["slave_id"], id = done["id"];
  std::string sandbox = task_sandbox(cli, agent, id);
  REQUIRE_FALSE(sandbox.empty());
  json debug = get_json(cli, "/agent/" + agent + "/files/debug");
  CHECK(debug.value(sandbox, "") == sandbox);
  json listing = get_json(cli, "/agent/" + agent + "/files/browse?path=" + sandbox);
  std::set<std::string> names;
  for (const json& e : listing) names.insert(e["path"].get<std::string>());
  CHECK(names.count(sandbox + "/stdout"));
  CHECK(names.count(sandbox + "/stderr"));
  CHECK(get_json(cli, "/agent/" + agent + "/files/read?offset=0&path=" + sandbox + "/stderr") ==
        json{{"data", "err-line\n"}, {"offset", 0}});
  auto res = cli.Get("/agent/" + agent + "/files/download?path=" + sandbox + "/stdout");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "out-line\n");
}

TEST_CASE("task logs of failed tasks: stderr, cursor=END&skip=-N and streams",
          "[local][server][logs]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  json failing = small_app("/crashing", "printf 'e1\\ne2\\ne3\\n' >&2; echo o1; exit 4");
  failing["backoffSeconds"] = 600;
  REQUIRE(post_json(cli, marathon("/v2/apps"), failing)->status == 201);
  std::string id;
  REQUIRE(eventually([&] {
    for (const json& t : json(get_json(cli, "/mesos/master/tasks")["tasks"]))
      if (t["name"] == "crashing" && t["state"] == "TASK_FAILED") id = t["id"];
    return !id.empty();
  }));
  httplib::Client follow = client_for(cluster);
  follow.set_follow_location(true);
  const std::string base = "/system/v1/logs/v2/task/" + id + "/file/";
  auto res = follow.Get(base + "stderr?cursor=END&skip=-2", {{"Accept", "text/plain"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "e2\ne3\n");
  res = follow.Get(base + "stdout?cursor=END&skip=-10", {{"Accept", "text/plain"}});
  REQUIRE(res);
  CHECK(res->body == "o1\n");
  auto redirect = cli.Get(base + "stderr?cursor=BEG");
  REQUIRE(redirect);
  REQUIRE(redirect->status == 303);
  std::string location = redirect->get_header_value("Location");
  StreamReader stream(cluster.host(), cluster.port(), location, {{"Accept", "text/event-stream"}});
  REQUIRE(stream.wait_contains("\"e3\""));
  auto events = sse_events(stream.text());
  REQUIRE(events.size() == 3);
  CHECK(events[2].first == "9");
}
