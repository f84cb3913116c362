// Streamed reads of the Mesos master's state (MesosClient::state/read_state/frameworks) against
// the upstream master states, delivered in pieces of every size: the same agents, frameworks and
// tasks as a whole-document parse; the queries' filters; malformed, truncated and refused
// answers as clean Errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/mesos.hpp"
#include "support/harness.hpp"

using dcos::MesosClient;
using dcos::MesosState;
using dcos::StateQuery;
using dcos::StateVisitor;
using dcos::Status;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example/mesos";

/// A fake that hands each streamed body over in pieces of `piece` bytes.
class PiecewiseTransport : public dcos::testing::FakeTransport {
 public:
  size_t piece = 1;
  dcos::Result<dcos::HttpResponse> perform_stream(const dcos::HttpRequest& request,
                                                  const dcos::ResponseSink& sink) override {
    auto response = perform(request);
    if (!response) return response;
    std::string body = std::move(response->body);
    response->body.clear();
    if (sink.on_head && !sink.on_head(*response)) return response;
    for (size_t at = 0; at < body.size(); at += piece)
      if (sink.on_data && !sink.on_data(std::string_view(body).substr(at, piece))) break;
    return response;
  }
};

MesosClient client(dcos::Transport& transport) {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.max_attempts = 3;
  options.first_backoff = std::chrono::milliseconds(0);
  return MesosClient(dcos::HttpClient(transport, options, {}, {}));
}

json task_view(const dcos::MesosTask& task) {
  return {{"id", task.id},
          {"name", task.name},
          {"state", task.state},
          {"agent", task.agent_id},
          {"framework", task.framework_id},
          {"executor", task.executor_id},
          {"container", task.container_id},
          {"parent", task.parent_container_id},
          {"raw", task.raw}};
}

json framework_view(const dcos::MesosFramework& framework) {
  json tasks = json::array(), ended = json::array();
  for (const auto& task : framework.tasks) tasks.push_back(task_view(task));
  for (const auto& task : framework.completed_tasks) ended.push_back(task_view(task));
  return {{"id", framework.id},
          {"name", framework.name},
          {"user", framework.user},
          {"host", framework.hostname},
          {"active", framework.active},
          {"cpus", framework.cpus},
          {"mem", framework.mem},
          {"disk", framework.disk},
          {"count", framework.task_count},
          {"raw", framework.raw},
          {"tasks", tasks},
          {"completed", ended}};
}

json agent_view(const dcos::MesosAgent& agent) {
  return {{"id", agent.id},
          {"hostname", agent.hostname},
          {"pid", agent.pid},
          {"ip", agent.ip},
          {"public", agent.is_public},
          {"region", agent.region},
          {"zone", agent.zone},
          {"raw", agent.raw}};
}

/// Everything a MesosState holds, typed fields and records, as one comparable value.
json view(const MesosState& state) {
  json agents = json::array(), frameworks = json::array(), completed = json::array();
  for (const auto& agent : state.agents) agents.push_back(agent_view(agent));
  for (const auto& framework : state.frameworks) frameworks.push_back(framework_view(framework));
  for (const auto& framework : state.completed_frameworks)
    completed.push_back(framework_view(framework));
  return {{"agents", agents}, {"frameworks", frameworks}, {"completed", completed}};
}

/// The state as a whole-document parse makes it: the typed views of each record.
MesosState parsed_whole(const std::string& body) {
  json document = json::parse(body);
  MesosState state;
  for (auto& agent : document["slaves"])
    if (agent.is_object()) state.agents.push_back(dcos::mesos_agent(agent));
  for (auto& framework : document["frameworks"])
    if (framework.is_object()) state.frameworks.push_back(dcos::mesos_framework(framework));
  if (document.contains("completed_frameworks"))
    for (auto& framework : document["completed_frameworks"])
      if (framework.is_object())
        state.completed_frameworks.push_back(dcos::mesos_framework(framework));
  return state;
}

const std::vector<std::string> kStates = {"master-state.mesos-0.23.completed-tasks.dcos-ui.json",
                                          "master-state.mesos-0.27.cassandra.dcos-ui.json",
                                          "master-state.mesos-1.2.kafka.dcos-ui.json",
                                          "master-state.mesos-docs-example.json"};

}  // namespace

TEST_CASE("mesos state: upstream states read in pieces of any size equal a whole parse") {
  REQUIRE_SHARED();
  for (const auto& name : kStates) {
    const std::string body = dcos::testing::fixture("mesos/state", name);
    const json expected = view(parsed_whole(body));
    std::vector<size_t> sizes;
    // Every size up to 300 bytes, then a spread of larger ones up to the whole document (every
    // size of the small documentation example).
    const size_t every = name == "master-state.mesos-docs-example.json" ? body.size() : 300;
    for (size_t size = 1; size <= every; ++size) sizes.push_back(size);
    for (size_t size = every + 1; size < body.size(); size = size * 5 / 4 + 7)
      sizes.push_back(size);
    sizes.push_back(body.size());
    for (size_t size : sizes) {
      INFO(name << " in pieces of " << size << " bytes");
      PiecewiseTransport transport;
      transport.piece = size;
      transport.expect("GET", kBase + "/master/state", 200, body);
      auto state = client(transport).state();
      REQUIRE(state.ok());
      REQUIRE(view(*state) == expected);
    }
  }
}

TEST_CASE("mesos state: without records only the typed fields are read, and they are the same") {
  REQUIRE_SHARED();
  for (const auto& name : kStates) {
    INFO(name);
    const std::string body = dcos::testing::fixture("mesos/state", name);
    json expected = view(parsed_whole(body));
    PiecewiseTransport transport;
    transport.piece = 61;
    transport.expect("GET", kBase + "/master/state", 200, body);
    StateQuery query;
    query.records = false;
    query.task_records = false;
    auto state = client(transport).state(query);
    REQUIRE(state.ok());
    // The same view with every record left out.
    for (auto& agent : expected["agents"]) agent["raw"] = nullptr;
    for (const char* list : {"frameworks", "completed"})
      for (auto& framework : expected[list]) {
        framework["raw"] = nullptr;
        for (const char* tasks : {"tasks", "completed"})
          for (auto& task : framework[tasks]) task["raw"] = nullptr;
      }
    CHECK(view(*state) == expected);
  }
}

TEST_CASE("mesos state: completed tasks not asked for are skipped, tasks filtered, counts kept") {
  REQUIRE_SHARED();
  const std::string body =
      dcos::testing::fixture("mesos/state", "master-state.mesos-0.23.completed-tasks.dcos-ui.json");
  const MesosState whole = parsed_whole(body);
  size_t running = 0, ended = 0;
  for (const auto& framework : whole.frameworks) {
    running += framework.tasks.size();
    ended += framework.completed_tasks.size();
  }
  REQUIRE(ended > 0);
  REQUIRE(running >= 1);
  const std::string wanted = whole.frameworks[0].tasks[0].id;

  dcos::testing::FakeTransport transport;
  transport.expect("GET", kBase + "/master/state", 200, body);
  StateQuery query;
  query.agents = false;
  query.completed_tasks = false;
  query.keep_task = [&](const dcos::MesosTask& task) { return task.id == wanted; };
  size_t visited = 0, completed_seen = 0, frameworks = 0, counted = 0;
  StateVisitor visitor;
  visitor.task = [&](dcos::MesosTask&& task, bool completed) {
    ++visited;
    completed_seen += completed ? 1 : 0;
    CHECK(task.id == wanted);
    return Status::success();
  };
  visitor.framework = [&](dcos::MesosFramework&& framework, bool) {
    ++frameworks;
    counted += framework.task_count;
    CHECK(framework.tasks.empty());
    CHECK(framework.completed_tasks.empty());
    return Status::success();
  };
  visitor.agent = [&](dcos::MesosAgent&&) {
    FAIL("agents were not asked for");
    return Status::success();
  };
  REQUIRE(client(transport).read_state(query, visitor).ok());
  CHECK(visited == 1);
  CHECK(completed_seen == 0);
  CHECK(frameworks == whole.frameworks.size() + whole.completed_frameworks.size());
  CHECK(counted >= running);
}

TEST_CASE("mesos state: a visitor's Error ends the read with it") {
  dcos::testing::FakeTransport transport;
  transport.expect("GET", kBase + "/master/state", 200,
                   R"({"slaves": [{"id": "S1"}, {"id": "S2"}], "frameworks": []})");
  StateVisitor visitor;
  size_t agents = 0;
  visitor.agent = [&](dcos::MesosAgent&&) -> Status {
    ++agents;
    return dcos::Error::make(dcos::ErrorKind::generic, "stdout is closed");
  };
  Status status = client(transport).read_state({}, visitor);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "stdout is closed");
  CHECK(agents == 1);
}

TEST_CASE("mesos state: malformed and truncated answers are clean errors") {
  const std::string good =
      R"({"slaves": [{"id": "S1", "hostname": "h"}], "frameworks": [{"id": "F1", "tasks": [{"id": "t1"}], "completed_tasks": [{"id": "t0"}]}]})";
  std::vector<std::string> bad = {
      "",
      "[]",
      "42",
      "<html>oops</html>",
      good + "x",
      R"({"frameworks": [{"id": "F1", "tasks": [{"id": "t1",}]}]})",
      R"({"frameworks": [{"id": "F1", "completed_tasks": [{"id": tru}]}]})"};
  for (size_t cut : {1, 10, 40, 80, 120}) bad.push_back(good.substr(0, cut));
  for (const auto& body : bad) {
    INFO("body: " << body);
    PiecewiseTransport transport;
    transport.piece = 5;
    transport.expect("GET", kBase + "/master/state", 200, body);
    auto state = client(transport).state();
    REQUIRE_FALSE(state.ok());
    CHECK(state.error().kind == dcos::ErrorKind::server);
    CHECK(state.error().message.rfind(
              "GET " + kBase + "/master/state did not answer with a JSON object", 0) == 0);
  }
}

TEST_CASE("mesos state: 503 is retried, then means no leading master; other statuses are errors") {
  dcos::testing::FakeTransport transport;
  transport.expect("GET", kBase + "/master/state", 503, "");
  transport.expect("GET", kBase + "/master/state", 200, R"({"slaves": [], "frameworks": []})");
  CHECK(client(transport).state().ok());
  for (int i = 0; i < 3; ++i) transport.expect("GET", kBase + "/master/state", 503, "");
  auto refused = client(transport).state();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "could not connect to the leading mesos master");
  transport.expect("GET", kBase + "/master/frameworks", 401, "");
  auto denied = client(transport).frameworks();
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().kind == dcos::ErrorKind::auth);
}

TEST_CASE("mesos frameworks: /master/frameworks read as a stream, tasks counted when skipped") {
  dcos::testing::FakeTransport transport;
  const std::string body =
      R"({"frameworks": [{"id": "F1", "name": "marathon", "active": true, "user": "root",
           "resources": {"cpus": 1.5, "mem": 64, "disk": 0},
           "tasks": [{"id": "a"}, {"id": "b"}, 7], "completed_tasks": [{"id": "c"}],
           "executors": [{"id": "e"}]}],
          "completed_frameworks": [{"id": "F0", "name": "gone", "tasks": []}]})";
  transport.expect("GET", kBase + "/master/frameworks", 200, body);
  auto all = client(transport).frameworks();
  REQUIRE(all.ok());
  REQUIRE(all->frameworks.size() == 1);
  CHECK(all->frameworks[0].tasks.size() == 2);
  CHECK(all->frameworks[0].task_count == 2);
  CHECK(all->frameworks[0].completed_tasks.size() == 1);
  CHECK(all->frameworks[0].cpus == 1.5);
  CHECK(all->frameworks[0].raw.contains("executors"));
  CHECK_FALSE(all->frameworks[0].raw.contains("tasks"));
  json record = json::parse(body)["frameworks"][0];
  record["tasks"] = json::array({{{"id", "a"}}, {{"id", "b"}}});  // the records among them
  CHECK(all->frameworks[0].record() == record);
  REQUIRE(all->completed_frameworks.size() == 1);
  CHECK(all->completed_frameworks[0].name == "gone");

  transport.expect("GET", kBase + "/master/frameworks", 200, body);
  StateQuery lean;
  lean.running_tasks = false;
  lean.completed_tasks = false;
  lean.records = false;
  std::vector<dcos::MesosFramework> seen;
  StateVisitor visitor;
  visitor.task = [](dcos::MesosTask&&, bool) {
    FAIL("tasks were not asked for");
    return Status::success();
  };
  visitor.framework = [&](dcos::MesosFramework&& framework, bool) {
    seen.push_back(std::move(framework));
    return Status::success();
  };
  REQUIRE(client(transport).read_frameworks(lean, visitor).ok());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].task_count == 2);
  CHECK(seen[0].name == "marathon");
  CHECK(seen[0].raw.is_null());
}
