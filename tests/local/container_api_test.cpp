// dcos-local's agent container API over HTTP: a nested container session's RecordIO output,
// its stdin fed by a streamed ATTACH_CONTAINER_INPUT, its wait status, and the answers for
// containers and agents that do not exist or have no I/O to attach to; plus the RecordIO and
// base64 helpers of the emulator.
#include "local/recordio.hpp"
#include "server_test_support.hpp"

using namespace dcos::testing;
using dcos_local::from_base64;
using dcos_local::record;
using dcos_local::RecordReader;
using dcos_local::to_base64;

namespace {

struct RunningTask {
  std::string id, agent, container;
};

/// Starts an app of one long-running command task and returns where it runs.
RunningTask start_task(httplib::Client& cli) {
  create_app(cli, {{"id", "/shell"}, {"cmd", "sleep 1000"}, {"cpus", 0.1}, {"mem", 16}});
  json tasks = wait_running(cli, "/shell", 1);
  RunningTask task{tasks[0]["id"], tasks[0]["slaveId"], ""};
  json state = get_json(cli, "/mesos/master/state");
  for (const json& t : state["frameworks"][0]["tasks"])
    if (t["id"] == task.id)
      task.container = t["statuses"][0]["container_status"]["container_id"]["value"];
  REQUIRE(!task.container.empty());
  return task;
}

json launch_call(const RunningTask& task, const std::string& id, const json& command) {
  return {{"type", "LAUNCH_NESTED_CONTAINER_SESSION"},
          {"launch_nested_container_session",
           {{"container_id", {{"value", id}, {"parent", {{"value", task.container}}}}},
            {"command", command}}}};
}

/// stdout and stderr of a whole RecordIO output body.
std::pair<std::string, std::string> output_of(const std::string& body) {
  RecordReader reader;
  std::vector<std::string> records;
  REQUIRE(reader.feed(body, records));
  std::string out, err;
  for (const auto& text : records) {
    json message = json::parse(text);
    if (message["type"] != "DATA") continue;
    auto bytes = from_base64(message["data"]["data"].get<std::string>());
    REQUIRE(bytes);
    (message["data"]["type"] == "STDERR" ? err : out) += *bytes;
  }
  return {out, err};
}

std::string input_record(const json& attach) {
  return record(
      json{{"type", "ATTACH_CONTAINER_INPUT"}, {"attach_container_input", attach}}.dump());
}

std::string stdin_record(const std::string& bytes) {
  return input_record(
      {{"type", "PROCESS_IO"},
       {"process_io",
        {{"type", "DATA"}, {"data", {{"type", "STDIN"}, {"data", to_base64(bytes)}}}}}});
}

httplib::Result post_recordio(httplib::Client& cli, const std::string& path,
                              const std::string& body) {
  return cli.Post(
      path, {{"Message-Content-Type", "application/json"}},
      [body](size_t, httplib::DataSink& sink) {
        sink.write(body.data(), body.size());
        sink.done();
        return true;
      },
      "application/recordio");
}

}  // namespace

TEST_CASE("local RecordIO and base64 helpers", "[container]") {
  RecordReader reader;
  std::vector<std::string> records;
  const std::string stream = record("ab") + record("") + record("xyz");
  for (char c : stream) REQUIRE(reader.feed(std::string_view(&c, 1), records));
  CHECK(records == std::vector<std::string>{"ab", "", "xyz"});
  CHECK_FALSE(RecordReader().feed("x\n", records));
  CHECK(to_base64("test\n") == "dGVzdAo=");
  CHECK(from_base64("dGVzdAo=") == "test\n");
  CHECK(from_base64(to_base64(std::string("\0\xff", 2))) == std::string("\0\xff", 2));
}

TEST_CASE("a nested container session streams output, takes input and reports its status",
          "[container]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  RunningTask task = start_task(cli);
  const std::string api = "/slave/" + task.agent + "/api/v1";

  auto launched =
      post_json(cli, api,
                launch_call(task, "c-split",
                            {{"shell", false},
                             {"value", "sh"},
                             {"arguments", {"sh", "-c", "echo out; echo err >&2; pwd; exit 3"}}}));
  REQUIRE(launched);
  CHECK(launched->status == 200);
  CHECK(launched->get_header_value("Content-Type") == "application/recordio");
  CHECK(launched->get_header_value("Message-Content-Type") == "application/json");
  auto [out, err] = output_of(launched->body);
  CHECK(out.rfind("out\n", 0) == 0);
  CHECK(out.find("/runs/" + task.container + "\n") != std::string::npos);  // the task's sandbox
  CHECK(err == "err\n");

  for (const char* type : {"WAIT_CONTAINER", "WAIT_NESTED_CONTAINER"}) {
    std::string key =
        type == std::string("WAIT_CONTAINER") ? "wait_container" : "wait_nested_container";
    auto waited = post_json(
        cli, api,
        {{"type", type},
         {key,
          {{"container_id", {{"value", "c-split"}, {"parent", {{"value", task.container}}}}}}}});
    REQUIRE(waited);
    CHECK(waited->status == 200);
    CHECK(body_json(waited) == json{{"type", type}, {key, {{"exit_status", 3 << 8}}}});
  }

  // `cat` gets its stdin from a streamed ATTACH_CONTAINER_INPUT and ends at the empty DATA.
  auto session = std::async(std::launch::async, [&] {
    auto own = client_for(cluster);
    return post_json(
        own, api,
        launch_call(task, "c-cat", {{"shell", false}, {"value", "cat"}, {"arguments", {"cat"}}}));
  });
  const std::string input =
      input_record(
          {{"type", "CONTAINER_ID"},
           {"container_id", {{"value", "c-cat"}, {"parent", {{"value", task.container}}}}}}) +
      stdin_record("hello ") + stdin_record("world\n") + stdin_record("");
  int input_status = 0;
  eventually([&] {  // the session may not be registered the moment the launch was sent
    auto own = client_for(cluster);
    auto sent = post_recordio(own, api, input);
    input_status = sent ? sent->status : 0;
    return input_status != 404;
  });
  CHECK(input_status == 200);
  auto cat = session.get();
  REQUIRE(cat);
  CHECK(output_of(cat->body).first == "hello world\n");
}

TEST_CASE("the container API answers as Mesos for what it cannot do", "[container]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  RunningTask task = start_task(cli);
  const std::string api = "/agent/" + task.agent + "/api/v1";

  auto no_parent = post_json(cli, api,
                             {{"type", "LAUNCH_NESTED_CONTAINER_SESSION"},
                              {"launch_nested_container_session",
                               {{"container_id", {{"value", "x"}, {"parent", {{"value", "nope"}}}}},
                                {"command", {{"value", "true"}}}}}});
  REQUIRE(no_parent);
  CHECK(no_parent->status == 400);
  CHECK(no_parent->body.find("parent container nope does not exist") != std::string::npos);

  auto attach =
      post_json(cli, api,
                {{"type", "ATTACH_CONTAINER_OUTPUT"},
                 {"attach_container_output", {{"container_id", {{"value", task.container}}}}}});
  REQUIRE(attach);
  CHECK(attach->status == 500);
  CHECK(attach->body == "I/O switchboard server was disabled for this container");

  auto wait = post_json(
      cli, api,
      {{"type", "WAIT_CONTAINER"}, {"wait_container", {{"container_id", {{"value", "gone"}}}}}});
  REQUIRE(wait);
  CHECK(wait->status == 404);
  CHECK(wait->body == "Container gone cannot be found");

  auto input = post_recordio(
      cli, api, input_record({{"type", "CONTAINER_ID"}, {"container_id", {{"value", "gone"}}}}));
  REQUIRE(input);
  INFO(input->body);
  CHECK(input->status == 404);

  auto agent = post_json(cli, "/slave/no-such-agent/api/v1", {{"type", "WAIT_CONTAINER"}});
  REQUIRE(agent);
  CHECK(agent->status == 404);

  auto protobuf = cli.Post(api, "x", "application/x-protobuf");
  REQUIRE(protobuf);
  CHECK(protobuf->status == 415);
}
