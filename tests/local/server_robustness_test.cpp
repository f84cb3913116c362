// The real dcos-local binary under abuse: bad bodies, crashing tasks, shutdown, bad command
// lines and many concurrent clients.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <filesystem>
#include <sstream>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;

namespace {

json small_app(const std::string& id, const std::string& cmd, int instances = 1) {
  return {{"id", id}, {"cmd", cmd}, {"instances", instances}, {"cpus", 0.01}, {"mem", 1}};
}

// A raw HTTP/1.1 exchange, for requests cpp-httplib's client will not send.
std::string raw_exchange(const LocalCluster& cluster, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(cluster.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size()));
  // Read one response: the head, then Content-Length bytes (or up to EOF without one).
  std::string answer;
  char buf[4096];
  while (true) {
    size_t head = answer.find("\r\n\r\n");
    if (head != std::string::npos) {
      size_t length = answer.find("Content-Length: ");
      if (length != std::string::npos && length < head &&
          answer.size() >= head + 4 + std::stoul(answer.substr(length + 16)))
        break;
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return answer;
}

}  // namespace

TEST_CASE("malformed, empty and oversized bodies are refused and the server keeps serving",
          "[local][server][robustness]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);

  auto res = cli.Post(marathon("/v2/apps"), R"({"id": "/x", "cmd": )", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  json malformed = body_json(res);
  CHECK(malformed["message"] == "Invalid JSON");
  CHECK(malformed["details"].is_string());

  for (const char* empty : {"", "  \n"}) {
    res = cli.Post(marathon("/v2/apps"), empty, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    json j = body_json(res);
    CHECK(j["message"] == "Please specify data in JSON format");
    CHECK(j["details"].is_string());
  }
  res = cli.Put(marathon("/v2/apps/x"), "", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(body_json(res)["message"] == "Please specify data in JSON format");

  // A POST without Content-Length has an empty body (RFC 9112): it is answered at once.
  auto start = std::chrono::steady_clock::now();
  std::string answer =
      raw_exchange(cluster,
                   "POST /service/marathon/v2/apps HTTP/1.1\r\nHost: x\r\nContent-Type: "
                   "application/json\r\nConnection: close\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(answer.find("Please specify data in JSON format") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 2s);

  std::string big(5 * 1024 * 1024, ' ');
  big.replace(0, 9, R"({"id":"/)");
  res = cli.Post(marathon("/v2/apps"), big, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  res = cli.Post("/acs/api/v1/auth/login", big, "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(get_json(cli, marathon("/v2/apps"))["apps"] == json::array());

  // Unknown paths and methods.
  res = cli.Get("/no/such/thing");
  REQUIRE(res);
  CHECK(res->status == 404);
  res = cli.Get(marathon("/v2/no-such-thing"));
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(body_json(res) == json{{"message", "URI not found"}});
  res = cli.Delete("/mesos/master/state");
  REQUIRE(res);
  CHECK(res->status == 404);
  answer = raw_exchange(cluster,
                        "BREW /service/marathon/v2/apps HTTP/1.1\r\nHost: x\r\nConnection: "
                        "close\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
  answer = raw_exchange(cluster, "this is not HTTP\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);

  create_app(cli, small_app("/still-fine", "sleep 300"));
  CHECK(get_json(cli, marathon("/v2/apps/still-fine"))["app"]["id"] == "/still-fine");
}

TEST_CASE("well-formed JSON with wrong types inside is a client error, never a 500",
          "[local][server][robustness]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  struct Case {
    std::string method, path;
    json body;
  };
  const std::vector<Case> cases = {
      {"POST", "/v2/apps", {{"id", "/n1"}, {"cmd", "sleep 1"}, {"networks", {5}}}},
      {"POST", "/v2/apps", {{"id", "/n2"}, {"cmd", "sleep 1"}, {"networks", {{{"mode", 5}}}}}},
      {"POST",
       "/v2/apps",
       {{"id", "/n3"},
        {"cmd", "sleep 1"},
        {"networks", {{{"mode", "container/bridge"}}}},
        {"container", {{"type", "MESOS"}, {"portMappings", {5}}}}}},
      {"POST",
       "/v2/apps",
       {{"id", "/n4"},
        {"cmd", "sleep 1"},
        {"networks", {{{"mode", "container/bridge"}}}},
        {"container", {{"type", "MESOS"}, {"portMappings", {{{"hostPort", "any"}}}}}}}},
      {"POST", "/v2/apps", {{"id", "/n5"}, {"cmd", "sleep 1"}, {"healthChecks", {5}}}},
      {"POST",
       "/v2/apps",
       {{"id", "/n6"}, {"cmd", "sleep 1"}, {"healthChecks", {{{"command", {{"value", 5}}}}}}}},
      {"POST", "/v2/apps", {{"id", "/n7"}, {"cmd", "sleep 1"}, {"constraints", {5}}}},
      {"POST", "/v2/apps", {{"id", "/n8"}, {"cmd", "sleep 1"}, {"container", {{"docker", 5}}}}},
      {"PUT", "/v2/apps", json::array({5})},
      {"POST", "/v2/groups", {{"id", "/g1"}, {"apps", "none"}}},
      {"POST", "/v2/groups", {{"id", "/g2"}, {"groups", {{{"id", 5}}}}}},
      {"POST", "/v2/groups", {{"id", "/g3"}, {"groups", {5}}}},
      {"PUT", "/v2/groups/g4", {{"apps", {{{"id", "a"}, {"cmd", 5}}}}}},
      {"POST", "/v2/pods", {{"id", 5}, {"containers", {{{"name", "a"}}}}}},
      {"POST", "/v2/pods", {{"id", "/p2"}, {"containers", {{{"name", "a"}, {"resources", 5}}}}}},
      {"POST",
       "/v2/pods",
       {{"id", "/p3"}, {"containers", {{{"name", "a"}, {"exec", {{"command", {{"shell", 5}}}}}}}}}},
      {"POST", "/v2/pods", {{"id", "/p4"}, {"containers", {{{"name", "a"}, {"endpoints", {5}}}}}}},
      {"PUT", "/v2/pods/p5", {{"id", "/p5"}, {"containers", {5}}}},
      {"POST", "/v2/tasks/delete", {{"ids", {5, json::object()}}}},
      {"DELETE", "/v2/pods/p6::instances", {5}},
  };
  for (const Case& c : cases) {
    std::string body = c.body.dump();
    httplib::Result res = c.method == "POST" ? cli.Post(marathon(c.path), body, "application/json")
                          : c.method == "PUT"
                              ? cli.Put(marathon(c.path), body, "application/json")
                              : cli.Delete(marathon(c.path), body, "application/json");
    INFO(c.method << " " << c.path << " " << body);
    REQUIRE(res);
    INFO(res->status << " " << res->body);
    CHECK(res->status >= 400);
    CHECK(res->status < 500);
    CHECK(body_json(res).contains("message"));
  }
  for (const json& login :
       {json{{"uid", 5}, {"password", "x"}}, json{{"uid", "a"}, {"password", 5}},
        json{{"uid", "a"}, {"token", 5}}}) {
    auto res = post_json(cli, "/acs/api/v1/auth/login", login);
    INFO(login.dump());
    REQUIRE(res);
    INFO(res->status << " " << res->body);
    CHECK(res->status >= 400);
    CHECK(res->status < 500);
  }
  // None of them left anything behind, and the server still works.
  CHECK(get_json(cli, marathon("/v2/apps"))["apps"].empty());
  CHECK(get_json(cli, marathon("/v2/pods")).empty());

  // Nulls mean "not given": these are valid and their tasks must run without upsetting the
  // scheduler or the health checker.
  json bridged = small_app("/nulls/bridged", "sleep 300");
  bridged["networks"] = {{{"mode", "container/bridge"}, {"name", nullptr}}};
  bridged["container"] = {{"type", "MESOS"},
                          {"portMappings", {{{"containerPort", 80}, {"hostPort", nullptr}}}}};
  json checked = small_app("/nulls/checked", "sleep 300");
  checked["healthChecks"] = {{{"protocol", "COMMAND"},
                              {"command", {{"value", "true"}}},
                              {"port", nullptr},
                              {"intervalSeconds", 1}}};
  create_app(cli, bridged);
  create_app(cli, checked);
  auto res = post_json(cli, marathon("/v2/pods"),
                       {{"id", "/nulls/pod"},
                        {"scaling", nullptr},
                        {"containers",
                         {{{"name", "main"},
                           {"exec", {{"command", {{"shell", "sleep 300"}}}}},
                           {"resources", {{"cpus", nullptr}, {"mem", 16}}}}}}});
  REQUIRE(res);
  CHECK(res->status == 201);
  wait_running(cli, "/nulls/bridged", 1);
  json healthy;
  CHECK(eventually([&] {
    healthy = get_json(cli, marathon("/v2/apps/nulls/checked"))["app"];
    return healthy["tasksHealthy"] == 1;
  }));
  CHECK(eventually(
      [&] { return get_json(cli, marathon("/v2/pods/nulls/pod::status"))["status"] == "STABLE"; }));
  create_app(cli, small_app("/after", "sleep 300"));
}

TEST_CASE("a task whose process is killed fails, is replaced, and the server keeps serving",
          "[local][server][robustness]") {
  LocalCluster cluster;
  auto cli = client_for(cluster);
  create_app(cli, small_app("/fragile", "sleep 300"));
  json task = wait_running(cli, "/fragile", 1)[0];
  std::string task_id = task["id"];
  std::vector<pid_t> pids = task_pids(task_id);
  REQUIRE_FALSE(pids.empty());
  pid_t leader = -1;
  for (pid_t p : pids)
    if (::getpgid(p) == p) leader = p;
  REQUIRE(leader > 0);
  REQUIRE(::kill(leader, SIGKILL) == 0);

  json app;
  REQUIRE(eventually([&] {
    app = get_json(cli, marathon("/v2/apps/fragile"))["app"];
    return app.contains("lastTaskFailure") && app["lastTaskFailure"]["taskId"] == task_id;
  }));
  CHECK(app["lastTaskFailure"]["state"] == "TASK_FAILED");
  CHECK(app["lastTaskFailure"]["message"].get<std::string>().find("signal 9") != std::string::npos);
  json replacement = wait_running(cli, "/fragile", 1);
  CHECK(replacement[0]["id"] != task_id);
  CHECK_FALSE(task_pids(replacement[0]["id"]).empty());
  CHECK(eventually([&] { return task_pids(task_id).empty(); }, 5s));

  json failed = get_json(cli, "/mesos/master/tasks?task_id=" + task_id)["tasks"];
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["state"] == "TASK_FAILED");
  CHECK(get_json(cli, marathon("/v2/info"))["name"] == "marathon");
}

TEST_CASE("SIGTERM stops the server with exit 0 and no task process left",
          "[local][server][robustness]") {
  LocalCluster cluster;
  std::string work_dir, framework, worker_task;
  {
    auto cli = client_for(cluster);
    create_app(cli, small_app("/worker", "sleep 300", 2));
    // This one ignores SIGTERM, so shutdown has to escalate.
    create_app(cli, small_app("/stubborn", "trap '' TERM; sleep 300"));
    wait_running(cli, "/worker", 2);
    wait_running(cli, "/stubborn", 1);
    json state = get_json(
        cli, "/agent/" + app_tasks(cli, "/worker")[0]["slaveId"].get<std::string>() + "/state");
    work_dir = state["flags"]["work_dir"];
    framework = get_json(cli, "/mesos/master/state")["frameworks"][0]["id"];
    worker_task = app_tasks(cli, "/worker")[0]["id"];
  }
  REQUIRE(std::filesystem::is_directory(work_dir));
  REQUIRE(live_task_ids(framework).size() == 3);

  // Open streams and an idle keep-alive connection must not hold the shutdown up.
  StreamReader events(cluster.host(), cluster.port(), marathon("/v2/events"),
                      {{"Accept", "text/event-stream"}});
  REQUIRE(events.status() == 200);
  auto idle = client_for(cluster);
  idle.set_keep_alive(true);
  std::string log_url = "/system/v1/logs/v2/task/" + worker_task + "/file/stdout";
  auto redirect = idle.Get(log_url);
  REQUIRE(redirect);
  REQUIRE(redirect->status == 303);
  StreamReader logs(cluster.host(), cluster.port(),
                    redirect->get_header_value("Location") + "?cursor=END",
                    {{"Accept", "text/event-stream"}});
  REQUIRE(logs.status() == 200);

  auto asked = std::chrono::steady_clock::now();
  CHECK(stop_within(cluster, 10s) == 0);
  // The idle connection may hold the server for its 5 s keep-alive, but the stubborn task's
  // 3 s grace runs alongside, not after it.
  CHECK(std::chrono::steady_clock::now() - asked < 7s);
  CHECK(events.wait_ended(5s));
  CHECK(logs.wait_ended(5s));
  CHECK(live_task_ids(framework).empty());
  CHECK(pids_with_env("MESOS_FRAMEWORK_ID=" + framework).empty());
  CHECK_FALSE(std::filesystem::exists(work_dir));
}

TEST_CASE("bad command lines exit 2 with a usage hint on stderr", "[local][server][robustness]") {
  auto expect_usage = [](const std::vector<std::string>& args, const std::string& reason) {
    RunResult run = run_local(args);
    INFO(run.err);
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("dcos-local: ") == 0);
    CHECK(run.err.find(reason) != std::string::npos);
    CHECK(run.err.find("dcos-local --help") != std::string::npos);
  };
  expect_usage({"--no-such-flag"}, "no-such-flag");
  expect_usage({"--port", "70000"}, "port");
  expect_usage({"--port", "many"}, "port");
  expect_usage({"--seed", "galaxy"}, "seed");
  expect_usage({"--token-ttl", "0"}, "token-ttl");
  expect_usage({"--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem"}, "tls-cert");
  expect_usage({"--user", "nopassword", "--auth"}, "uid:password");
  expect_usage({"--service-account", "svc=/no/such/key.pem", "--auth"}, "/no/such/key.pem");
  expect_usage({"--host", "0.0.0.0"}, "without --auth");
  expect_usage({"--host", "192.168.1.1", "--port", "0"}, "without --auth");

  RunResult help = run_local({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("--deploy-delay") != std::string::npos);
  CHECK(help.out.find("--auth") != std::string::npos);
}

TEST_CASE("a port that is already in use is refused", "[local][server][robustness]") {
  LocalCluster first;
  // With --seed demo it has real tasks to start: none may outlive the failed start.
  RunResult second = run_local({"--port", std::to_string(first.port()), "-q", "--seed", "demo"});
  CHECK(second.status == 1);
  CHECK(second.out.empty());
  CHECK(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())) !=
        std::string::npos);
  CHECK(second.leftovers.empty());
  CHECK_FALSE(second.left_processes);
  auto cli = client_for(first);
  CHECK(get_json(cli, marathon("/v2/info"))["name"] == "marathon");
}

TEST_CASE("fifty concurrent clients all get correct answers", "[local][server][robustness]") {
  LocalCluster cluster;
  {
    auto cli = client_for(cluster);
    create_app(cli, small_app("/load/shared", "sleep 300", 2));
  }
  constexpr int kThreads = 50, kRounds = 4;
  // How fast the answers come is measured by bench/concurrent_clients.sh, not asserted here:
  // a timed assertion fails on a loaded machine. This test asserts that every answer is right.
  std::atomic<int> failures{0}, requests{0};
  std::mutex mu;
  std::vector<std::string> problems;
  auto note = [&](const std::string& what) {
    ++failures;
    std::lock_guard lock(mu);
    if (problems.size() < 20) problems.push_back(what);
  };
  auto worker = [&](int n) {
    httplib::Client cli = client_for(cluster);
    cli.set_keep_alive(n % 2 == 0);
    auto expect = [&](const char* what, const httplib::Result& res, int status,
                      const std::function<bool(const json&)>& ok) {
      ++requests;
      if (!res) return note(std::string(what) + ": " + httplib::to_string(res.error()));
      json j = json::parse(res->body, nullptr, false);
      if (res->status != status || j.is_discarded() || !ok(j))
        note(std::string(what) + ": " + std::to_string(res->status) + " " +
             res->body.substr(0, 200));
    };
    for (int round = 0; round < kRounds; ++round) {
      // A fresh id each round: the removal of the previous one may still be deploying.
      std::string own = "/load/client-" + std::to_string(n) + "-" + std::to_string(round);
      expect("list", cli.Get(marathon("/v2/apps")), 200, [](const json& j) {
        for (const json& a : j["apps"])
          if (a["id"] == "/load/shared") return true;
        return false;
      });
      expect("one", cli.Get(marathon("/v2/apps/load/shared")), 200, [](const json& j) {
        return j["app"]["id"] == "/load/shared" && j["app"]["instances"] == 2;
      });
      expect("state", cli.Get("/mesos/master/state"), 200,
             [](const json& j) { return j["slaves"].size() == 3 && j["frameworks"].size() == 1; });
      expect("create", post_json(cli, marathon("/v2/apps"), small_app(own, "sleep 300")), 201,
             [&](const json& j) { return j["id"] == own; });
      expect("tasks", cli.Get(marathon("/v2/apps" + own + "/tasks")), 200,
             [](const json& j) { return j["tasks"].is_array(); });
      expect("delete", cli.Delete(marathon("/v2/apps" + own)), 200,
             [](const json& j) { return j["deploymentId"].is_string(); });
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& t : threads) t.join();
  std::ostringstream summary;
  for (const auto& p : problems) summary << p << "\n";
  INFO(summary.str());
  CHECK(failures == 0);
  CHECK(requests == kThreads * kRounds * 6);

  // Afterwards only the shared app is left, and its processes alone.
  auto cli = client_for(cluster);
  json apps = get_json(cli, marathon("/v2/apps"))["apps"];
  REQUIRE(apps.size() == 1);
  CHECK(apps[0]["id"] == "/load/shared");
  std::string framework = get_json(cli, "/mesos/master/state")["frameworks"][0]["id"];
  std::set<std::string> shared;
  for (const json& t : app_tasks(cli, "/load/shared")) shared.insert(t["id"].get<std::string>());
  CHECK(shared.size() == 2);
  CHECK(eventually([&] { return live_task_ids(framework) == shared; }, 10s));
}
