// Health checks that dcos-local runs for real: TCP and HTTP probes against listeners this test
// opens and closes, and COMMAND checks run in the task's sandbox; their results feed the app's
// health counts, and a task that keeps failing is killed and replaced.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>

#include "local/server_test_support.hpp"

using namespace dcos::testing;

namespace {

// A TCP listener on every address (the agents are 127.0.0.2-4), closed on destruction.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~Listener() { close(); }
  int port() const { return port_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

json app_counts(httplib::Client& cli, const std::string& id) {
  return get_json(cli, marathon("/v2/apps" + id))["app"];
}

json check(const std::string& protocol, json extra) {
  json c = {{"protocol", protocol},
            {"gracePeriodSeconds", 0},
            {"intervalSeconds", 1},
            {"timeoutSeconds", 1},
            {"maxConsecutiveFailures", 2}};
  for (auto& [k, v] : extra.items()) c[k] = v;
  return c;
}

}  // namespace

TEST_CASE("a TCP check follows its port, and a failing task is killed and replaced",
          "[local][server][health]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  auto listener = std::make_unique<Listener>();
  create_app(cli, {{"id", "/tcp"},
                   {"cmd", "sleep 300"},
                   {"cpus", 0.1},
                   {"mem", 16},
                   {"healthChecks", {check("TCP", {{"port", listener->port()}})}}});
  json app;
  REQUIRE(eventually([&] {
    app = app_counts(cli, "/tcp");
    return app["tasksHealthy"] == 1 && app["tasksUnhealthy"] == 0;
  }));
  json task = app["tasks"][0];
  REQUIRE(task["healthCheckResults"][0]["alive"] == true);
  std::string first = task["id"];

  listener->close();  // nothing listens any more: the check fails, twice, and the task goes
  REQUIRE(eventually(
      [&] {
        json tasks = app_tasks(cli, "/tcp");
        return tasks.size() == 1 && tasks[0]["id"] != first;
      },
      std::chrono::seconds(15)));
  app = app_counts(cli, "/tcp");
  CHECK(app["tasksHealthy"] == 0);
}

TEST_CASE("an HTTP check counts 2xx as healthy and 5xx as unhealthy", "[local][server][health]") {
  std::atomic<int> status{200};
  httplib::Server web;
  web.Get("/health", [&status](const httplib::Request&, httplib::Response& res) {
    res.status = status;
    res.set_content("ok", "text/plain");
  });
  int port = web.bind_to_any_port("0.0.0.0");
  std::thread serving([&web] { web.listen_after_bind(); });
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(
      cli,
      {{"id", "/web"},
       {"cmd", "sleep 300"},
       {"cpus", 0.1},
       {"mem", 16},
       {"healthChecks",
        {check("HTTP", {{"port", port}, {"path", "/health"}, {"maxConsecutiveFailures", 0}})}}});
  REQUIRE(eventually([&] { return app_counts(cli, "/web")["tasksHealthy"] == 1; }));
  status = 503;
  json app;
  REQUIRE(eventually([&] {
    app = app_counts(cli, "/web");
    return app["tasksUnhealthy"] == 1;
  }));
  json result = app["tasks"][0]["healthCheckResults"][0];
  CHECK(result["alive"] == false);
  CHECK(result["consecutiveFailures"].get<int>() >= 1);
  CHECK_FALSE(result["lastFailureCause"].get<std::string>().empty());
  web.stop();
  serving.join();
}

TEST_CASE("a COMMAND check runs in the task's sandbox with its environment",
          "[local][server][health]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  // Healthy only once the task has written its marker file into its sandbox.
  create_app(cli, {{"id", "/cmd"},
                   {"cmd", "sleep 1; echo \"$MESOS_TASK_ID\" > ready; sleep 300"},
                   {"cpus", 0.1},
                   {"mem", 16},
                   {"healthChecks",
                    {check("COMMAND", {{"command", {{"value", "grep -q \"$MESOS_TASK_ID\" ready"}}},
                                       {"gracePeriodSeconds", 30}})}}});
  json app = app_counts(cli, "/cmd");
  CHECK(app["tasksHealthy"] == 1);  // the deployment waited for the check to pass
  CHECK(app["tasksRunning"] == 1);
}
