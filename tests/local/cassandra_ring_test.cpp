// The Cassandra ring's rules without any I/O (cassandra-api.md §6-§9): acquisition, bootstrap
// timing, target states, replace, seeds, jobs, scale and the health report, on a fake clock.
#include <algorithm>

#include "local/cassandra/state_store.hpp"
#include "local/cassandra/views.hpp"
#include "local/cassandra_fake_ring.hpp"

using namespace dcos::testing;

namespace {

bool has_role(const std::vector<Launch>& launches, const std::string& role) {
  return std::any_of(launches.begin(), launches.end(),
                     [&](const Launch& l) { return l.role == role; });
}

bool cluster_healthy(const Ring& ring) { return health_report(ring)["healthy"].get<bool>(); }

}  // namespace

TEST_CASE("the ring acquires one node per agent, seeds first, and starts servers one window apart",
          "[cassandra]") {
  FakeRing f;
  auto first = f.offer_from(0);
  REQUIRE(first.size() == 1);
  CHECK(first[0].task_id == "cassandra.dev.node.0.executor");
  CHECK(first[0].role == "metadata");
  CHECK(f.ring.find(FakeRing::host(0))->seed);
  // The seeds are not all acquired yet: no server starts anywhere.
  CHECK(f.offer_from(0).empty());
  f.offer_from(1);
  CHECK(f.executor(1) == "cassandra.dev.node.1.executor");
  CHECK(f.ring.find(FakeRing::host(1))->seed);

  auto server = f.offer_from(0);
  REQUIRE(has_role(server, "server"));
  CHECK(server[0].task_id == "cassandra.dev.node.0.executor.server");
  CHECK(server[0].name == "cassandra.dev.node");
  // The third node (not a seed) and the second server wait for the bootstrap window.
  CHECK(f.offer_from(2).empty());
  CHECK(f.offer_from(1).empty());
  f.now += f.ring.bootstrap_window_ms();
  CHECK(has_role(f.offer_from(1), "server"));
  CHECK(!f.ring.find(FakeRing::host(2)));
  f.now += f.ring.bootstrap_window_ms();
  CHECK(has_role(f.offer_from(2), "metadata"));
  CHECK_FALSE(f.ring.find(FakeRing::host(2))->seed);
  f.now += f.ring.bootstrap_window_ms();
  // A non-seed waits for a seed that reports NORMAL.
  f.report(0, "JOINING");
  CHECK(f.offer_from(2).empty());
  f.report(0, "NORMAL");
  CHECK(has_role(f.offer_from(2), "server"));
  CHECK_FALSE(cluster_healthy(f.ring));
  f.report(1, "NORMAL");
  f.report(2, "NORMAL");
  CHECK(cluster_healthy(f.ring));
  CHECK(f.offer_from(0).empty());  // nothing more to do
}

TEST_CASE("the health report lists the six checks and follows the reports", "[cassandra]") {
  FakeRing f;
  f.bring_up();
  ojson report = health_report(f.ring);
  std::vector<std::string> names;
  for (const auto& r : report["results"]) names.push_back(r["name"]);
  CHECK(names == std::vector<std::string>{"nodeCount", "seedCount", "allHealthy",
                                          "operatingModeNormal", "lastHealthCheckNewerThan",
                                          "nodesHaveServerTask"});
  CHECK(report["healthy"] == true);
  CHECK(report["results"][4]["expected"][0] == f.now - 300000);
  f.now += 300001;  // every report is now older than five minutes
  CHECK_FALSE(cluster_healthy(f.ring));
  for (int agent = 0; agent < 3; ++agent) f.report(agent, "NORMAL");
  CHECK(cluster_healthy(f.ring));
  f.report(1, "", false);
  report = health_report(f.ring);
  CHECK(report["results"][2]["actual"] == ojson::parse("[true,false,true]"));
  CHECK(report["results"][3]["actual"][1] == "");
}

TEST_CASE("stop, start and restart kill and relaunch the server; terminate is final",
          "[cassandra]") {
  FakeRing f;
  f.bring_up();
  std::string server = f.executor(2) + ".server";
  f.ring.set_target(FakeRing::host(2), RunState::stop);
  auto kills = f.ring.kills();
  REQUIRE(kills.size() == 1);
  CHECK(kills[0].task_id == server);
  CHECK(f.ring.kills().empty());  // not repeated at once
  f.update(server, "TASK_KILLED");
  f.now += f.ring.bootstrap_window_ms();
  CHECK(f.offer_from(2).empty());
  CHECK_FALSE(cluster_healthy(f.ring));
  f.ring.set_target(f.executor(2), RunState::run);
  CHECK(has_role(f.offer_from(2), "server"));

  f.report(2, "NORMAL");
  f.ring.set_target(FakeRing::host(2), RunState::restart);
  REQUIRE(f.ring.kills().size() == 1);
  f.update(server, "TASK_KILLED");
  f.now += f.ring.bootstrap_window_ms();
  CHECK(has_role(f.offer_from(2), "server"));
  CHECK(f.ring.find(FakeRing::host(2))->target == RunState::run);

  f.ring.set_target(FakeRing::host(2), RunState::terminate);
  REQUIRE(f.ring.kills().size() == 1);
  f.update(server, "TASK_KILLED");
  auto executor_kill = f.ring.kills();
  REQUIRE(executor_kill.size() == 1);
  CHECK(executor_kill[0].task_id == "cassandra.dev.node.2.executor");
  f.update("cassandra.dev.node.2.executor", "TASK_KILLED");
  CHECK(f.ring.set_target(FakeRing::host(2), RunState::run)->target == RunState::terminate);
  // The terminated node stays listed and keeps its agent: nothing is launched there again.
  f.now += f.ring.bootstrap_window_ms();
  CHECK(f.offer_from(2).empty());
  CHECK(f.ring.find(FakeRing::host(2))->tasks.empty());
  CHECK(f.ring.current_nodes() == 2);
}

TEST_CASE("replace checks its preconditions and the replacement takes the old node's place",
          "[cassandra]") {
  FakeRing f;
  f.bring_up();
  CHECK(f.ring.replace("10.9.9.9") == 404);
  CHECK(f.ring.replace(FakeRing::host(0)) == 400);  // a seed
  CHECK(f.ring.replace(FakeRing::host(2)) == 400);  // live
  f.report(2, "NORMAL", false);
  CHECK(f.ring.replace(FakeRing::host(2)) == 400);  // not terminated
  f.ring.set_target(FakeRing::host(2), RunState::terminate);
  CHECK(f.ring.replace(FakeRing::host(2)) == 400);  // its tasks still run
  for (int i = 0; i < 2; ++i)
    for (const Kill& k : f.ring.kills()) f.update(k.task_id, "TASK_KILLED");
  CHECK(f.ring.replace(FakeRing::host(2)) == 200);
  CHECK(f.ring.replace(FakeRing::host(2)) == 400);  // already queued
  CHECK(f.ring.state().replace_nodes == std::vector<std::string>{"127.0.0.4"});

  // A fourth agent: the new node carries replacementForIp until its first healthy report.
  Offer fourth = f.offer(3);
  auto launches = f.ring.offer(fourth);
  REQUIRE(launches.size() == 1);
  CHECK(launches[0].task_id == "cassandra.dev.node.3.executor");
  const Node* fresh = f.ring.find(FakeRing::host(3));
  REQUIRE(fresh->replacement_for_ip == std::optional<std::string>("127.0.0.4"));
  CHECK(f.ring.state().replace_nodes.empty());
  f.update(launches[0].task_id, "TASK_RUNNING");
  f.ring.executor_started(launches[0].task_id, "/sandbox");
  f.now += f.ring.bootstrap_window_ms();
  auto server = f.offer_from(3);
  REQUIRE(has_role(server, "server"));
  auto env = server[0].env;
  CHECK(std::count(env.begin(), env.end(),
                   std::pair<std::string, std::string>{"CASSANDRA_REPLACE_ADDRESS", "127.0.0.4"}));
  f.report(3, "NORMAL");
  CHECK_FALSE(f.ring.find("127.0.0.4"));
  CHECK_FALSE(f.ring.find(FakeRing::host(3))->replacement_for_ip);
  CHECK(cluster_healthy(f.ring));
}

TEST_CASE("seed changes wait for the seeds, keep a live seed and roll out CONFIG tasks",
          "[cassandra]") {
  FakeRing f;
  f.offer_from(0);
  auto early = f.ring.set_seed(FakeRing::host(0), false);
  CHECK(early.status == 400);
  CHECK(early.error ==
        "Must not change seed status while initial number of seed nodes has not been acquired");
  CHECK(f.ring.set_seed("nobody", true).status == 404);
  f.bring_up();
  auto same = f.ring.set_seed(FakeRing::host(0), true);
  CHECK((same.status == 200 && !same.success && same.seed && same.old_seed));
  f.report(1, "NORMAL", false);  // node 0 is the last live seed
  auto last = f.ring.set_seed(FakeRing::host(0), false);
  CHECK(last.status == 400);
  CHECK(last.error == "Must not remove the last live seed node");
  f.report(1, "NORMAL");
  auto made = f.ring.set_seed(FakeRing::host(2), true);
  CHECK((made.status == 200 && made.success && made.seed && !made.old_seed));
  auto config = f.offer_from(0);
  REQUIRE(has_role(config, "config"));
  CHECK(config[0].task_id == "cassandra.dev.node.0.executor.config");
  CHECK(f.ring.find(FakeRing::host(0))->task(kConfig));
}

TEST_CASE("a repair runs node by node and becomes the last repair", "[cassandra]") {
  FakeRing f;
  f.bring_up();
  REQUIRE(f.ring.start_job(JobType::repair));
  CHECK_FALSE(f.ring.start_job(JobType::cleanup));  // one job of any type at a time
  CHECK_FALSE(f.ring.abort_job(JobType::cleanup));
  auto task = f.offer_from(1);
  REQUIRE(has_role(task, "repair"));
  CHECK(task[0].task_id == "cassandra.dev.node.1.executor.REPAIR");
  CHECK(f.offer_from(0).empty());  // node 0 waits for node 1
  f.ring.job_progress(f.executor(1), {false, {{"system_auth", "FINISHED", 12}}, {"keyspace1"}});
  ojson job = job_view(f.ring, f.ring.state().current_job);
  CHECK(job["currentNode"]["processedKeyspaces"]["system_auth"]["status"] == "FINISHED");
  CHECK(job["currentNode"]["remainingKeyspaces"] == ojson::parse(R"(["keyspace1"])"));
  f.ring.job_progress(f.executor(1), {true, {{"system_auth", "FINISHED", 12}}, {}});
  f.update(task[0].task_id, "TASK_FINISHED");
  for (int agent : {0, 2}) {
    auto t = f.offer_from(agent);
    REQUIRE(has_role(t, "repair"));
    f.ring.job_progress(f.executor(agent), {true, {}, {}});
  }
  CHECK_FALSE(f.ring.state().current_job);
  const ClusterJob& last = f.ring.state().last_jobs.at(JobType::repair);
  CHECK(last.finished == f.now);
  REQUIRE(last.completed.size() == 3);
  CHECK(last.completed[0].executor_id == f.executor(1));
}

TEST_CASE("a job skips nodes that are not live, and an aborted job is never the last one",
          "[cassandra]") {
  FakeRing f;
  f.bring_up();
  f.report(0, "NORMAL", false);
  REQUIRE(f.ring.start_job(JobType::cleanup));
  CHECK(f.offer_from(0).empty());  // skipped: not live
  auto task = f.offer_from(1);
  REQUIRE(has_role(task, "cleanup"));
  CHECK(f.ring.abort_job(JobType::cleanup));
  CHECK_FALSE(f.ring.abort_job(JobType::cleanup));
  f.update(task[0].task_id, "TASK_FAILED", "SOURCE_EXECUTOR", "boom");
  REQUIRE(f.ring.state().current_job);
  CHECK(f.ring.state().current_job->completed[0].failure ==
        std::optional<std::string>(
            "TaskStatus:TASK_FAILED, reason:, source:SOURCE_EXECUTOR, healthy:false, "
            "message:boom"));
  f.offer_from(2);  // the next offer drops the aborted job
  CHECK_FALSE(f.ring.state().current_job);
  CHECK(f.ring.state().last_jobs.empty());
}

TEST_CASE("a rolling restart bounces each server and fails nodes that are stopped", "[cassandra]") {
  FakeRing f;
  f.bring_up();
  f.ring.set_target(FakeRing::host(2), RunState::stop);
  for (const Kill& k : f.ring.kills()) f.update(k.task_id, "TASK_KILLED");
  REQUIRE(f.ring.start_job(JobType::restart));
  CHECK(f.offer_from(2).empty());
  const auto& stopped = f.ring.state().current_job->completed;
  REQUIRE(stopped.size() == 1);
  CHECK(stopped[0].failure ==
        std::optional<std::string>("Node cannot be restarted when in status STOP"));
  f.offer_from(0);
  CHECK(f.ring.find(FakeRing::host(0))->target == RunState::restart);
  auto kills = f.ring.kills();
  REQUIRE(kills.size() == 1);
  f.update(kills[0].task_id, "TASK_KILLED");
  f.now += f.ring.bootstrap_window_ms();
  REQUIRE(has_role(f.offer_from(0), "server"));
  f.ring.tick();
  CHECK(f.ring.state().current_job->current);  // no report from the new server yet
  f.now += 1000;
  f.report(0, "NORMAL");
  f.ring.tick();
  CHECK_FALSE(f.ring.state().current_job->current);
  // Node 1 does not come back within ten minutes.
  f.offer_from(1);
  for (const Kill& k : f.ring.kills()) f.update(k.task_id, "TASK_KILLED");
  f.now += 600001;
  f.ring.tick();
  CHECK_FALSE(f.ring.state().current_job);
  const ClusterJob& last = f.ring.state().last_jobs.at(JobType::restart);
  CHECK(last.completed.back().failure == std::optional<std::string>("Timeout after 600000ms"));
}

TEST_CASE("scale only grows the ring, and the new nodes are not seeds", "[cassandra]") {
  FakeRing f;
  f.bring_up();
  CHECK_FALSE(f.ring.scale(2));
  CHECK(f.ring.scale(3));
  CHECK(f.ring.scale(4));
  CHECK_FALSE(cluster_healthy(f.ring));
  f.now += f.ring.bootstrap_window_ms();
  auto launches = f.ring.offer(f.offer(3));
  REQUIRE(launches.size() == 1);
  CHECK_FALSE(f.ring.find(FakeRing::host(3))->seed);
}

TEST_CASE("a lost server is relaunched and a lost executor comes back under a new id",
          "[cassandra]") {
  FakeRing f;
  f.bring_up();
  f.update(f.executor(1) + ".server", "TASK_FAILED", "SOURCE_AGENT", "Command exited with 137");
  const Node* node = f.ring.find(FakeRing::host(1));
  CHECK_FALSE(node->last_report()->healthy);
  CHECK(node->last_report()->msg == "Command exited with 137");
  f.now += f.ring.bootstrap_window_ms();
  CHECK(has_role(f.offer_from(1), "server"));

  f.update(f.executor(1), "TASK_LOST", "SOURCE_MASTER");
  CHECK_FALSE(f.ring.find(FakeRing::host(1))->executor_id);
  auto kills = f.ring.kills();  // the executor's server goes with it
  REQUIRE(kills.size() == 1);
  CHECK(kills[0].task_id == "cassandra.dev.node.1.executor.server");
  auto again = f.offer_from(1);
  REQUIRE(again.size() == 1);
  CHECK(again[0].task_id == "cassandra.dev.node.3.executor");
}

TEST_CASE("offers without the resources or the fixed ports are declined", "[cassandra]") {
  FakeRing f;
  Offer small = f.offer(0);
  small.resources.mem_mb = 4000;
  CHECK(f.ring.offer(small).empty());
  Offer no_ports = f.offer(0);
  no_ports.ports = {{20000, 20999}};
  CHECK(f.ring.offer(no_ports).empty());
  CHECK(f.ring.state().nodes.empty());
}

TEST_CASE("the state survives a JSON round trip, and the env only configures a first start",
          "[cassandra]") {
  FakeRing f;
  f.bring_up();
  f.ring.start_job(JobType::repair);
  for (int agent = 0; agent < 3; ++agent) {
    f.offer_from(agent);
    f.ring.job_progress(f.executor(agent), {true, {{"system_auth", "FINISHED", 5}}, {}});
  }
  REQUIRE(f.ring.state().last_jobs.count(JobType::repair));
  f.ring.start_job(JobType::cleanup);
  f.offer_from(0);
  auto text = state_to_json(f.ring.state()).dump();
  auto back = state_from_json(nlohmann::json::parse(text));
  REQUIRE(back);
  CHECK(state_to_json(*back).dump() == text);

  std::map<std::string, std::string> vars{{"CASSANDRA_CLUSTER_NAME", "dev"},
                                          {"CASSANDRA_NODE_COUNT", "3"},
                                          {"CASSANDRA_SEED_COUNT", "2"},
                                          {"CASSANDRA_RESOURCE_CPU_CORES", "3.0"},
                                          {"CASSANDRA_RESOURCE_MEM_MB", "6144"}};
  Env env = [&](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
  auto config = config_from_env(env);
  CHECK(config.error.empty());
  CHECK(config.config.framework_name == "cassandra.dev");
  CHECK(config.config.server.cpus == 3.0);
  CHECK(config.config.heap_mb == 3072);
  vars["CASSANDRA_SEED_COUNT"] = "4";
  CHECK_FALSE(config_from_env(env).error.empty());
  vars.erase("CASSANDRA_CLUSTER_NAME");
  vars["CASSANDRA_SEED_COUNT"] = "1";
  CHECK(config_from_env(env).config.framework_name == "cassandra");
}

TEST_CASE("Jackson's pretty printer and compact form", "[cassandra]") {
  ojson doc = ojson::parse(R"({"a":[],"b":{},"c":["x","y"],"d":[{"e":1.0,"f":null}],"g":true})");
  CHECK(pretty(doc) ==
        "{\n  \"a\" : [ ],\n  \"b\" : { },\n  \"c\" : [ \"x\", \"y\" ],\n  \"d\" : [ {\n"
        "    \"e\" : 1.0,\n    \"f\" : null\n  } ],\n  \"g\" : true\n}");
  CHECK(compact(doc) == R"({"a":[],"b":{},"c":["x","y"],"d":[{"e":1.0,"f":null}],"g":true})");
}
