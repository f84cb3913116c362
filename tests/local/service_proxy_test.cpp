// Admin Router's /service/<name>/ routing in dcos-local, and what every task learns of
// dcos-local from its environment (DCOS_LOCAL_*, --time-scale). The service behind the proxy is
// a server of the test, listening at the host and port Marathon gave the app's task (the task
// itself only sleeps), so no interpreter or tool is needed on the machine.
#include <sys/stat.h>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

json labelled_app(const std::string& id, const std::string& label, const std::string& name,
                  int instances = 1) {
  return {{"id", id},
          {"cmd", "sleep 1000"},
          {"instances", instances},
          {"cpus", 0.05},
          {"mem", 16},
          {"portDefinitions", json::array({{{"port", 0}}})},
          {"labels", {{label, name}}}};
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

TEST_CASE("/service/<name>/ proxies to the running task of the app with that label",
          "[service-proxy]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, labelled_app("/svc", "DCOS_SERVICE_NAME", "my-svc"));
  json task = wait_running(cli, "/svc", 1)[0];
  std::string host = task["host"];
  int port = task["ports"][0];

  httplib::Server service;
  service.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 201;
    res.set_header("X-Upstream", "yes");
    res.set_content(req.method + " " + req.get_param_value("x") + " " + req.body,
                    "application/x-test");
  });
  service.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("root", "text/plain");
  });
  if (!service.bind_to_port(host.c_str(), port)) {
    WARN("cannot listen at " << host << ":" << port << " (taken): the proxy test does not run");
    return;
  }
  std::thread serving([&] { service.listen_after_bind(); });
  struct Stop {
    httplib::Server& s;
    std::thread& t;
    ~Stop() {
      s.stop();
      t.join();
    }
  } stop{service, serving};
  REQUIRE(eventually([&] { return service.is_running(); }));

  auto res = cli.Post("/service/my-svc/echo?x=1", "payload", "text/plain");
  REQUIRE(res);
  CHECK(res->status == 201);
  CHECK(res->body == "POST 1 payload");
  CHECK(res->get_header_value("Content-Type") == "application/x-test");
  CHECK(res->get_header_value("X-Upstream") == "yes");
  auto root = cli.Get("/service/my-svc/");
  REQUIRE(root);
  CHECK(root->status == 200);
  CHECK(root->body == "root");
  // A caller that takes compressed answers gets one encoding, of the body it is sent: the
  // upstream's encoding is not passed through on top of the proxy's own.
  httplib::Client raw(cluster.host(), cluster.port());
  raw.set_decompress(false);
  auto packed = raw.Get("/service/my-svc/", {{"Accept-Encoding", "gzip"}});
  REQUIRE(packed);
  CHECK(packed->get_header_value_count("Content-Encoding") <= 1);
  auto plain = cli.Get("/service/my-svc/", {{"Accept-Encoding", "gzip"}});
  REQUIRE(plain);
  CHECK(plain->body == "root");

  // No such service: 404; an app with no running task: 503; Marathon stays Marathon.
  auto missing = cli.Get("/service/nothing-here/x");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  create_app(cli, labelled_app("/idle", "DCOS_PACKAGE_FRAMEWORK_NAME", "idle.svc", 0));
  auto idle = cli.Get("/service/idle.svc/x");
  REQUIRE(idle);
  CHECK(idle->status == 503);
  CHECK(idle->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(get_json(cli, marathon("/v2/apps"))["apps"].size() == 2);
}

TEST_CASE("every task learns the master, binary, state folder and time scale of dcos-local",
          "[service-proxy]") {
  LocalCluster cluster({"--time-scale", "0.05"});
  auto cli = client_for(cluster);
  create_app(cli, {{"id", "/envy"}, {"cmd", "sleep 1000"}, {"cpus", 0.05}, {"mem", 16}});
  std::string id = wait_running(cli, "/envy", 1)[0]["id"];
  std::vector<pid_t> pids;
  REQUIRE(eventually([&] { return !(pids = task_pids(id)).empty(); }));
  CHECK(env_of(pids[0], "DCOS_LOCAL_MASTER") == cluster.url());
  CHECK(env_of(pids[0], "DCOS_LOCAL_TIME_SCALE") == "0.05");
  std::string bin = env_of(pids[0], "DCOS_LOCAL_BIN");
  CHECK(bin.find("dcos-local") != std::string::npos);
  CHECK(is_directory(env_of(pids[0], "DCOS_LOCAL_STATE")));
}

TEST_CASE("dcos-local's --time-scale wants a factor above 0 and up to 1", "[service-proxy]") {
  for (const char* bad : {"0", "1.5", "-1", "x"}) {
    RunResult run = run_local({"--time-scale", bad});
    INFO(bad << ": " << run.err);
    CHECK(run.status == 2);
  }
  RunResult help = run_local({"--help"});
  CHECK(help.out.find("--time-scale") != std::string::npos);
}

TEST_CASE("with --auth a task reaches the APIs with the token dcos-local gave it",
          "[service-proxy]") {
  LocalCluster cluster({"--auth"});
  auto cli = client_for(cluster);
  auto denied = cli.Get("/mesos/master/state");
  REQUIRE(denied);
  REQUIRE(denied->status == 401);
  // A task's environment is only reachable by starting one, which needs a login.
  auto login = post_json(cli, "/acs/api/v1/auth/login",
                         {{"uid", "bootstrapuser"}, {"password", "deleteme"}});
  REQUIRE(login);
  REQUIRE(login->status == 200);
  httplib::Headers user = {
      {"Authorization", "token=" + body_json(login)["token"].get<std::string>()}};
  json app = {{"id", "/tokened"}, {"cmd", "sleep 1000"}, {"cpus", 0.05}, {"mem", 16}};
  auto created = cli.Post(marathon("/v2/apps"), user, app.dump(), "application/json");
  REQUIRE(created);
  REQUIRE(created->status == 201);
  std::vector<pid_t> pids;
  REQUIRE(eventually([&] { return !(pids = pids_with_env("MARATHON_APP_ID=/tokened")).empty(); }));
  std::string token = env_of(pids[0], "DCOS_LOCAL_TOKEN");
  REQUIRE_FALSE(token.empty());
  auto allowed =
      cli.Get("/mesos/master/state", httplib::Headers{{"Authorization", "token=" + token}});
  REQUIRE(allowed);
  CHECK(allowed->status == 200);
  auto forged =
      cli.Get("/mesos/master/state", httplib::Headers{{"Authorization", "token=" + token + "x"}});
  REQUIRE(forged);
  CHECK(forged->status == 401);
}
