// The real `dcos-local cassandra-scheduler` and its `cassandra-node` processes against a small
// Mesos master (cassandra_fake_mesos.hpp): bootstrap to a healthy ring, a repair, recovery of a
// killed server, and a scheduler restart that keeps its framework and its targets.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>

#include "local/cassandra_fake_mesos.hpp"
#include "support/eventually.hpp"
#include "support/temp_dir.hpp"

using namespace dcos::testing;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The scheduler as Marathon would start it, with the env of the package's app (§3.3).
class Scheduler {
 public:
  Scheduler(const FakeMesos& mesos, const fs::path& work, int port, const std::string& nodes)
      : port_(port) {
    dcos_local::SpawnSpec spec;
    spec.command = std::string("exec '") + DCOS_LOCAL_BINARY + "' cassandra-scheduler";
    spec.stdout_path = (work / "scheduler.out").string();
    spec.cwd = work.string();
    spec.stderr_path = (work / "scheduler.err").string();
    spec.env = {{"PORT0", std::to_string(port)},
                {"HOST", "127.0.0.1"},
                {"DCOS_LOCAL_MASTER", mesos.url()},
                {"DCOS_LOCAL_STATE", (work / "state").string()},
                {"DCOS_LOCAL_TIME_SCALE", "0.02"},
                {"CASSANDRA_CLUSTER_NAME", "dev"},
                {"CASSANDRA_NODE_COUNT", nodes},
                {"CASSANDRA_SEED_COUNT", "2"},
                {"CASSANDRA_RESOURCE_CPU_CORES", "0.1"},
                {"CASSANDRA_RESOURCE_MEM_MB", "768"},
                {"CASSANDRA_RESOURCE_DISK_MB", "16"},
                {"CASSANDRA_HEALTH_CHECK_INTERVAL_SECONDS", "15"},
                {"CASSANDRA_BOOTSTRAP_GRACE_TIME_SECONDS", "15"}};
    pid_ = dcos_local::spawn_shell(spec).pid;
    REQUIRE(pid_ > 0);
  }
  ~Scheduler() { stop(); }
  void stop() {
    if (pid_ <= 0) return;
    dcos_local::signal_group(pid_, SIGTERM);
    while (!dcos_local::reap_task_group(pid_))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    pid_ = -1;
  }
  httplib::Result get(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path.c_str());
  }
  httplib::Result post(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    return client.Post(path.c_str());
  }
  std::optional<json> get_json(const std::string& path) {
    auto res = get(path);
    if (!res || res->status != 200) return std::nullopt;
    return json::parse(res->body);
  }
  // A document the scheduler must serve now.
  json must_get(const std::string& path) {
    auto res = get(path);
    INFO(path << ": " << httplib::to_string(res.error()));
    REQUIRE(res);
    INFO(path << " answered " << res->status << ": " << res->body);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  }
  bool healthy() {
    auto res = get("/health/cluster");
    return res && res->status == 200;
  }

 private:
  int port_;
  pid_t pid_ = -1;
};

// A port nothing listens on. (An httplib::Server would keep its socket open, with
// SO_REUSEPORT, and take half of the scheduler's connections.)
int free_local_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("the scheduler brings a ring up, repairs it, recovers a server and survives a restart",
          "[cassandra][scheduler]") {
  TempDir work;
  FakeMesos mesos(DCOS_LOCAL_BINARY, "0.02", work.path() / "agents");
  int port = free_local_port();
  auto scheduler = std::make_unique<Scheduler>(mesos, work.path(), port, "3");

  REQUIRE(eventually([&] { return scheduler->healthy(); }));
  json nodes = scheduler->must_get("/node/all");
  REQUIRE(nodes["nodes"].size() == 3);
  for (const json& n : nodes["nodes"]) {
    CHECK(n["tasks"].contains("METADATA"));
    CHECK(n["tasks"].contains("SERVER"));
    CHECK(n["healthCheckDetails"]["operationMode"] == "NORMAL");
    CHECK(n["workdir"].get<std::string>().find(n["executorId"].get<std::string>()) !=
          std::string::npos);
  }
  CHECK(nodes["nodes"][0]["seedNode"] == true);
  CHECK(nodes["nodes"][2]["seedNode"] == false);
  json config = scheduler->must_get("/config");
  CHECK(config["frameworkId"] == "fake-framework-0001");

  // A repair goes through every node and every keyspace but system.
  auto started = scheduler->post("/cluster/repair/start");
  REQUIRE(started);
  CHECK(started->body == "{\n  \"started\" : true\n}");
  bool repaired = eventually([&] {
    auto last = scheduler->get_json("/cluster/repair/last");
    return last && (*last)["present"] == true;
  });
  INFO("repair status: " << scheduler->must_get("/cluster/repair/status").dump()
                         << "\nnodes: " << scheduler->must_get("/node/all").dump());
  REQUIRE(repaired);
  json repair = scheduler->must_get("/cluster/repair/last")["repair"];
  REQUIRE(repair["completedNodes"].size() == 3);
  for (const json& part : repair["completedNodes"]) {
    CHECK_FALSE(part.contains("failure"));
    CHECK(part["processedKeyspaces"].size() == 3);
    CHECK(part["processedKeyspaces"]["system_auth"]["status"] == "FINISHED");
  }

  // A killed server is relaunched on its node.
  json node = scheduler->must_get("/node/all")["nodes"][2];
  pid_t server_pid = node["cassandraDaemonPid"].get<pid_t>();
  REQUIRE(server_pid > 0);
  ::kill(server_pid, SIGKILL);
  REQUIRE(eventually([&] {
    auto all = scheduler->get_json("/node/all");
    if (!all) return false;
    const json& n = (*all)["nodes"][2];
    return n["cassandraDaemonPid"].is_number() && n["cassandraDaemonPid"] != server_pid &&
           scheduler->healthy();
  }));

  // A restarted scheduler reads its state: same framework, same targets, env ignored.
  scheduler->stop();
  REQUIRE(fs::exists(work.path() / "state" / "cassandra-mesos" / "dev" / "state.json"));
  scheduler = std::make_unique<Scheduler>(mesos, work.path(), port, "5");
  REQUIRE(eventually([&] { return scheduler->get_json("/config").has_value(); }));
  config = scheduler->must_get("/config");
  CHECK(config["targetNumberOfNodes"] == 3);
  REQUIRE(eventually([&] { return scheduler->healthy(); }));
  auto subscriptions = mesos.subscriptions();
  REQUIRE(subscriptions.size() >= 2);
  CHECK(subscriptions.back()["subscribe"]["framework_info"]["id"]["value"] ==
        "fake-framework-0001");
  CHECK(subscriptions.back()["subscribe"]["framework_info"]["name"] == "cassandra.dev");
  CHECK(scheduler->must_get("/node/all")["nodes"].size() == 3);
}
