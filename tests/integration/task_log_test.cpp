// `dcos task log` against dcos-local: the last lines of a running task and of a failed one
// (reached from the hint of a failed `--wait`), a follow that streams a task's lines while it
// runs, survives its connection being dropped, and ends with the task; and the files-API
// fallback of a cluster without the log API.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "client/curl_transport.hpp"
#include "client/http_client.hpp"
#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using nlohmann::json;

namespace {

void set_up(Cli& cli, const LocalCluster& cluster) {
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
}

/// The id of the app's one running task, once it runs.
std::string running_task(Cli& cli, const std::string& app) {
  std::string id;
  dcos::testing::eventually([&] {
    auto listed = cli.run({"task", "list", app, "--json"});
    if (listed.status != 0) return false;
    for (const auto& task : json::parse(listed.out))
      if (task.at("state") == "TASK_RUNNING") id = task.at("id");
    return !id.empty();
  });
  REQUIRE(!id.empty());
  return id;
}

std::string task_state(Cli& cli, const std::string& id) {
  auto listed = cli.run({"task", "list", id, "--all", "--json"});
  if (listed.status != 0) return "";
  for (const auto& task : json::parse(listed.out))
    if (task.at("id") == id) return task.at("state");
  return "";
}

/// Ends every open log stream of the cluster once (dcos-local's test hook); how many it ended.
int drop_log_streams(const LocalCluster& cluster) {
  dcos::CurlTransport transport;
  dcos::ClientOptions options;
  options.base_url = cluster.url();
  dcos::HttpClient http(transport, options, {}, nullptr);
  auto answer = http.request("POST", "/_dcos_local/drop-log-streams");
  REQUIRE(answer.ok());
  return json::parse(answer->body).at("dropped").get<int>();
}

/// The lines of what a background command printed so far.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("task log prints the last lines of a running task and of failed ones") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  auto added = cli.run({"marathon", "app", "add"},
                       R"({"id":"/talk","cpus":0.1,"mem":16,
                           "cmd":"for i in 1 2 3 4 5; do echo out $i; echo err $i >&2; done; sleep 300"})");
  REQUIRE(added.status == 0);
  const std::string id = running_task(cli, "talk");
  std::string out;
  dcos::testing::eventually([&] {
    out = cli.run({"task", "log", id}).out;
    return out.find("out 5") != std::string::npos;
  });
  CHECK(out == "out 1\nout 2\nout 3\nout 4\nout 5\n");
  auto err = cli.run({"task", "log", "talk", "stderr", "--lines", "2"});
  CHECK(err.status == 0);
  CHECK(err.out == "err 4\nerr 5\n");

  // A crash-looping app: --wait fails, and its hint is a command that shows why.
  auto crash = cli.run({"marathon", "app", "add", "--wait=2m"},
                       R"({"id":"/crash","cmd":"echo 'cannot read /etc/crash.conf' >&2; exit 3",
                           "cpus":0.1,"mem":16})");
  INFO(crash.err);
  REQUIRE(crash.status == 1);
  const std::string prefix = "Hint: read its stderr with 'dcos task log --completed ";
  const size_t at = crash.err.find(prefix);
  REQUIRE(at != std::string::npos);
  const size_t start = at + prefix.size();
  const std::string failed = crash.err.substr(start, crash.err.find(' ', start) - start);
  CHECK(crash.err.find("failed, the last (" + failed + ") with: ") != std::string::npos);
  auto why = cli.run({"task", "log", "--completed", failed, "stderr"});
  INFO(why.err);
  CHECK(why.status == 0);
  CHECK(why.out == "cannot read /etc/crash.conf\n");
  // Following a task that already failed prints its lines and its end at once.
  auto ended = cli.run({"task", "log", "--completed", "--follow", failed, "stderr"});
  CHECK(ended.status == 1);
  CHECK(ended.out == "cannot read /etc/crash.conf\n");
  CHECK(ended.err == "Error: task " + failed + " ended: TASK_FAILED\n");
  CHECK(cli.run({"marathon", "app", "remove", "/crash", "--force"}).status == 0);

  auto unknown = cli.run({"task", "log", "no-such-task"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no task ID found containing 'no-such-task'\n");
  CHECK(cli.run({"task", "log", "talk", "--all", "--completed"}).status == 2);
}

TEST_CASE("task log --follow streams lines while the task runs, through a dropped connection") {
  LocalCluster cluster;
  Cli cli;
  set_up(cli, cluster);
  auto added = cli.run({"marathon", "app", "add"},
                       R"({"id":"/ticker","cpus":0.1,"mem":16,
                           "cmd":"for i in $(seq 1 12); do echo tick $i; sleep 1; done; exit 4"})");
  REQUIRE(added.status == 0);
  const std::string id = running_task(cli, "ticker");

  auto follow = cli.start({"task", "log", "--follow", "--lines", "100", id});
  // Lines arrive while the task still runs: the follow streams, it does not wait for the end.
  REQUIRE(dcos::testing::eventually([&] { return lines_of(follow->out()).size() >= 3; }));
  CHECK(task_state(cli, id) == "TASK_RUNNING");
  CHECK(drop_log_streams(cluster) >= 1);
  CHECK(follow->wait() == 1);
  std::vector<std::string> expected;
  for (int i = 1; i <= 12; ++i) expected.push_back("tick " + std::to_string(i));
  CHECK(lines_of(follow->out()) == expected);  // each line once, in order, across the drop
  CHECK(follow->err() == "Error: task " + id + " ended: TASK_FAILED\n");
}

TEST_CASE("without the log API, task log reads the sandbox through the files API") {
  LocalCluster cluster({"--no-log-api"});
  Cli cli;
  set_up(cli, cluster);
  auto added = cli.run({"marathon", "app", "add"},
                       R"({"id":"/quiet","cmd":"echo one; echo two; echo three >&2; sleep 300",
                           "cpus":0.1,"mem":16})");
  REQUIRE(added.status == 0);
  const std::string id = running_task(cli, "quiet");
  std::string out;
  dcos::testing::eventually([&] {
    out = cli.run({"task", "log", "quiet"}).out;
    return out.find("two") != std::string::npos;
  });
  CHECK(out == "one\ntwo\n");
  CHECK(cli.run({"task", "log", "quiet", "stderr", "--lines", "1"}).out == "three\n");

  auto follow = cli.start({"task", "log", "--follow", id});
  CHECK(dcos::testing::eventually([&] { return follow->out() == "one\ntwo\n"; }));
  follow->signal(SIGINT);
  CHECK(follow->wait() == 130);
}
