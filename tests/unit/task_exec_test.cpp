// `dcos task exec` and `task attach` against a fake master and agent: the calls' JSON (the
// nested container id, the command, the TTY), the RecordIO streams both ways, the exit status
// passed on, and what is refused before any request; plus the RecordIO and base64 codecs and
// the wait-status mapping on their own.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/agent_io.hpp"
#include "client/base64.hpp"
#include "client/recordio.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kState = "https://dcos.example/mesos/master/state";
const std::string kAgentApi = "https://dcos.example/slave/S1/api/v1";

json task(const std::string& id, const std::string& container) {
  return {{"id", id},
          {"name", "web"},
          {"state", "TASK_RUNNING"},
          {"slave_id", "S1"},
          {"framework_id", "F1"},
          {"statuses",
           json::array({{{"state", "TASK_RUNNING"},
                         {"container_status", {{"container_id", {{"value", container}}}}}}})}};
}

std::string state() {
  json framework = {{"id", "F1"},
                    {"name", "marathon"},
                    {"user", "root"},
                    {"active", true},
                    {"tasks", json::array({task("web.1", "C1"), task("web.2", "C2")})}};
  return json{{"slaves", json::array({{{"id", "S1"}, {"hostname", "10.0.0.1"}}})},
              {"frameworks", json::array({framework})}}
      .dump();
}

std::string output_record(const std::string& stream, const std::string& bytes) {
  json message = {{"type", "DATA"},
                  {"data", {{"type", stream}, {"data", dcos::base64_encode(bytes)}}}};
  return dcos::recordio_encode(message.dump());
}

std::string waited(int status) {
  return json{{"type", "WAIT_CONTAINER"}, {"wait_container", {{"exit_status", status}}}}.dump();
}

std::vector<json> records(const std::string& stream) {
  dcos::RecordIoDecoder decoder;
  std::vector<std::string> texts;
  REQUIRE(decoder.feed(stream, texts));
  std::vector<json> parsed;
  for (const auto& text : texts) parsed.push_back(json::parse(text));
  return parsed;
}

}  // namespace

TEST_CASE("RecordIO frames records and decodes them from any split of the stream") {
  CHECK(dcos::recordio_encode("hello") == "5\nhello");
  CHECK(dcos::recordio_encode("") == "0\n");
  const std::string stream = dcos::recordio_encode("first") + dcos::recordio_encode("") +
                             dcos::recordio_encode(std::string(300, 'x'));
  for (size_t piece : {size_t(1), size_t(2), size_t(7), stream.size()}) {
    dcos::RecordIoDecoder decoder;
    std::vector<std::string> found;
    for (size_t at = 0; at < stream.size(); at += piece)
      REQUIRE(decoder.feed(std::string_view(stream).substr(at, piece), found));
    CHECK(found == std::vector<std::string>{"first", "", std::string(300, 'x')});
    CHECK_FALSE(decoder.partial());
  }
  dcos::RecordIoDecoder partial;
  std::vector<std::string> found;
  REQUIRE(partial.feed("10\nabc", found));
  CHECK(found.empty());
  CHECK(partial.partial());

  dcos::RecordIoDecoder bad;
  auto status = bad.feed("x1\nabc", found);
  REQUIRE_FALSE(status);
  CHECK(status.error().message ==
        "the agent sent a malformed RecordIO stream: the record length 'x1'");
  dcos::RecordIoDecoder huge;
  CHECK_FALSE(huge.feed("99999999999\n", found));
}

TEST_CASE("base64 encodes and decodes the bytes of ProcessIO data") {
  CHECK(dcos::base64_encode("") == "");
  CHECK(dcos::base64_encode("f") == "Zg==");
  CHECK(dcos::base64_encode("fo") == "Zm8=");
  CHECK(dcos::base64_encode("foo") == "Zm9v");
  CHECK(dcos::base64_encode("test\n") == "dGVzdAo=");
  const std::string binary("\x00\xff\x10\x80 ok", 7);
  CHECK(dcos::base64_decode(dcos::base64_encode(binary)) == binary);
  CHECK(dcos::base64_decode("Zm9v") == "foo");
  CHECK(dcos::base64_decode("Zg") == "f");
  CHECK_FALSE(dcos::base64_decode("Zm9v!").has_value());
}

TEST_CASE("a wait(2) status becomes a shell's exit code") {
  CHECK(dcos::exit_code_from_wait_status(0) == 0);
  CHECK(dcos::exit_code_from_wait_status(7 << 8) == 7);
  CHECK(dcos::exit_code_from_wait_status(255 << 8) == 255);
  CHECK(dcos::exit_code_from_wait_status(9) == 137);   // SIGKILL
  CHECK(dcos::exit_code_from_wait_status(15) == 143);  // SIGTERM
}

TEST_CASE("task exec launches a nested container, streams its output and exits with its code") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 200,
                 output_record("STDOUT", "out\n") + output_record("STDERR", "err\n") +
                     output_record("STDOUT", "more\n"),
                 {{"Content-Type", "application/recordio"}});
  h.http->expect("POST", kAgentApi, 200, waited(7 << 8));
  auto result = h.run({"task", "exec", "web.1", "ls", "-la", "-i", "--help"});
  CHECK(result.status == 7);
  CHECK(result.out == "out\nmore\n");
  CHECK(result.err == "err\n");
  REQUIRE(h.http->requests.size() == 3);

  const auto& launch = h.http->requests[1];
  CHECK(dcos::header_value(launch.headers, "Content-Type") == "application/json");
  CHECK(dcos::header_value(launch.headers, "Accept") == "application/recordio");
  CHECK(dcos::header_value(launch.headers, "Message-Accept") == "application/json");
  CHECK(dcos::header_value(launch.headers, "Authorization") == "token=tok");
  json call = json::parse(launch.body);
  CHECK(call["type"] == "LAUNCH_NESTED_CONTAINER_SESSION");
  const json& session = call["launch_nested_container_session"];
  const json& id = session["container_id"];
  CHECK(id["parent"] == json{{"value", "C1"}});
  const std::string value = id["value"];
  CHECK(value.size() == 36);
  CHECK(value[14] == '4');  // a version 4 UUID
  CHECK(session["command"] ==
        json{{"shell", false}, {"value", "ls"}, {"arguments", {"ls", "-la", "-i", "--help"}}});
  CHECK(session["container"] == json{{"type", "MESOS"}});

  json wait = json::parse(h.http->requests[2].body);
  CHECK(wait == json{{"type", "WAIT_CONTAINER"}, {"wait_container", {{"container_id", id}}}});
  CHECK(dcos::header_value(h.http->requests[2].headers, "Accept") == "application/json");
}

TEST_CASE("task exec -i streams stdin as ATTACH_CONTAINER_INPUT records; exit 0 is success") {
  ClusterHarness h;
  h.input = "hello\n";
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 200, output_record("STDOUT", "hello\n"));
  h.http->expect("POST", kAgentApi, 200, "");
  h.http->expect("POST", kAgentApi, 200, waited(0));
  auto result = h.run({"task", "exec", "-i", "-u", "nobody", "web.2", "cat"});
  CHECK(result.status == 0);
  CHECK(result.out == "hello\n");
  CHECK(result.err.empty());
  REQUIRE(h.http->requests.size() == 4);
  json launch = json::parse(h.http->requests[1].body)["launch_nested_container_session"];
  CHECK(launch["command"]["user"] == "nobody");
  CHECK(launch["container_id"]["parent"]["value"] == "C2");

  const auto& input = h.http->requests[2];
  CHECK(dcos::header_value(input.headers, "Content-Type") == "application/recordio");
  CHECK(dcos::header_value(input.headers, "Message-Content-Type") == "application/json");
  auto sent = records(input.body);
  REQUIRE(sent.size() == 3);
  CHECK(sent[0] == json{{"type", "ATTACH_CONTAINER_INPUT"},
                        {"attach_container_input",
                         {{"type", "CONTAINER_ID"}, {"container_id", launch["container_id"]}}}});
  auto data = [](const std::string& bytes) {
    return json{{"type", "ATTACH_CONTAINER_INPUT"},
                {"attach_container_input",
                 {{"type", "PROCESS_IO"},
                  {"process_io",
                   {{"type", "DATA"},
                    {"data", {{"type", "STDIN"}, {"data", dcos::base64_encode(bytes)}}}}}}}};
  };
  CHECK(sent[1] == data("hello\n"));
  CHECK(sent[2] == data(""));  // the end of stdin
}

TEST_CASE("task exec -t asks for a TTY and TERM=xterm, and needs a terminal on stdin") {
  ClusterHarness h;
  auto refused = h.run({"task", "exec", "-t", "web.1", "bash"});
  CHECK(refused.status == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err ==
        "Error: -t/--tty needs a terminal, and stdin is not one\n"
        "Hint: leave out -t when stdin is a pipe or a file (add -i to send it)\n");
  CHECK(h.http->requests.empty());

  h.terminal.stdin_tty = true;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 200, output_record("STDOUT", "$ "));
  h.http->expect("POST", kAgentApi, 200, waited(0));
  auto result = h.run({"task", "exec", "-t", "web.1", "bash"});
  CHECK(result.status == 0);
  CHECK(result.out == "$ ");
  json launch = json::parse(h.http->requests[1].body)["launch_nested_container_session"];
  CHECK(launch["container"] == json{{"type", "MESOS"}, {"tty_info", json::object()}});
  CHECK(launch["command"]["environment"] ==
        json{{"variables", {{{"name", "TERM"}, {"type", "VALUE"}, {"value", "xterm"}}}}});
}

TEST_CASE("task exec: a signal's exit code, unknown and ambiguous tasks, a missing command") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 200, "");
  h.http->expect("POST", kAgentApi, 200, waited(9));
  CHECK(h.run({"task", "exec", "web.1", "sleep", "100"}).status == 137);

  h.http->expect("GET", kState, 200, state());
  auto unknown = h.run({"task", "exec", "db", "true"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no task ID found containing 'db'\n");

  h.http->expect("GET", kState, 200, state());
  auto ambiguous = h.run({"task", "exec", "web", "true"});
  CHECK(ambiguous.status == 6);

  auto missing = h.run({"task", "exec", "web.1"});
  CHECK(missing.status == 2);
}

TEST_CASE("task exec reports the agent's refusal of the launch") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 400, "Failed to launch container: parent container C1 is gone");
  auto result = h.run({"task", "exec", "web.1", "true"});
  CHECK(result.status == 1);
  CHECK(result.err == "Error: the server rejected the request (HTTP 400 from POST " + kAgentApi +
                          "): Failed to launch container: parent container C1 is gone\n");
}

TEST_CASE("task attach follows the task's container and explains a task without a TTY") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 200, output_record("STDOUT", "log line\n"));
  auto result = h.run({"task", "attach", "--no-stdin", "web.1"});
  CHECK(result.status == 0);  // a task's own container is not waited for
  CHECK(result.out == "log line\n");
  REQUIRE(h.http->requests.size() == 2);
  CHECK(json::parse(h.http->requests[1].body) ==
        json{{"type", "ATTACH_CONTAINER_OUTPUT"},
             {"attach_container_output", {{"container_id", {{"value", "C1"}}}}}});

  h.http->expect("GET", kState, 200, state());
  h.http->expect("POST", kAgentApi, 500, "I/O switchboard server was disabled for this container");
  auto refused = h.run({"task", "attach", "web.1"});
  CHECK(refused.status == 1);
  CHECK(refused.err ==
        "Error: container C1 was launched without a TTY, so there is no output to attach to (the "
        "agent says: I/O switchboard server was disabled for this container)\n");
}

TEST_CASE("DCOS_TASK_ESCAPE_SEQUENCE must name keys") {
  ClusterHarness h;
  h.env["DCOS_TASK_ESCAPE_SEQUENCE"] = "ctrl-p,banana";
  auto result = h.run({"task", "exec", "web.1", "true"});
  CHECK(result.status == 2);
  CHECK(result.err.find("'banana' is not a key") != std::string::npos);
  CHECK(h.http->requests.empty());
}
