// The client of the 2015 Cassandra service (client/cassandra.hpp) against a fake transport:
// every upstream example of ../shared/fixtures/cassandra that an endpoint answers decodes into
// its view (the docs' booleans-as-text included), the scheduler's empty error bodies become
// clear errors, replace's refusal comes back as a value and replace_block finds the real
// reason, and the rings come from Marathon's labelled apps.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/cassandra.hpp"
#include "client/cassandra_ring.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::CassandraClient;
using dcos::CassandraJob;
using dcos::ErrorKind;
using dcos::NodeAction;
using dcos::ReplaceBlock;
using dcos::testing::FakeTransport;
using dcos::testing::fixture;
using nlohmann::json;

namespace {

const std::string kApi = "https://dcos.example/service/cassandra.dev";

CassandraClient ring(FakeTransport& transport) {
  dcos::ClientOptions options;
  options.base_url = kApi;
  options.token = "tok";
  options.max_attempts = 1;
  return CassandraClient(dcos::HttpClient(transport, options, {}, {}), "cassandra.dev");
}

std::string cassandra_fixture(const std::string& name) { return fixture("cassandra", name); }

/// A node of /node/all as the code sends it.
json node(const std::string& ip, bool seed, const std::string& state, bool server,
          bool executor = true, bool healthy = true) {
  json tasks = json::object();
  const std::string executor_id =
      "cassandra.dev.node." + ip.substr(ip.rfind('.') + 1) + ".executor";
  if (executor)
    tasks["METADATA"] = {{"cpuCores", 0.1},
                         {"diskMb", 0},
                         {"memMb", 32},
                         {"taskId", executor_id},
                         {"taskName", executor_id}};
  if (server)
    tasks["SERVER"] = {{"cpuCores", 3.0},
                       {"diskMb", 30720},
                       {"memMb", 6144},
                       {"taskId", executor_id + ".server"},
                       {"taskName", "cassandra.dev.node"}};
  return {{"tasks", tasks},
          {"executorId", executor ? json(executor_id) : json(nullptr)},
          {"ip", ip},
          {"hostname", "agent-" + ip},
          {"targetRunState", state},
          {"jmxPort", 7199},
          {"seedNode", seed},
          {"healthCheckDetails",
           {{"healthy", healthy},
            {"operationMode", "NORMAL"},
            {"nativeTransportRunning", healthy},
            {"rpcServerRunning", healthy}}}};
}

dcos::CassandraNodes nodes_of(json list, json queued = json::array()) {
  FakeTransport transport;
  transport.expect("GET", kApi + "/node/all", 200,
                   json{{"replaceNodes", queued}, {"nodesToAcquire", 0}, {"nodes", list}}.dump());
  auto nodes = ring(transport).nodes();
  REQUIRE(nodes.ok());
  return std::move(nodes).value();
}

}  // namespace

TEST_CASE("cassandra client: the docs' /node/all, /config and /node/seed/all decode",
          "[cassandra]") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto client = ring(transport);
  transport.expect("GET", kApi + "/node/all", 200, cassandra_fixture("node-all.json"));
  auto nodes = client.nodes();
  REQUIRE(nodes.ok());
  REQUIRE(nodes->nodes.size() == 2);
  const auto& first = nodes->nodes[0];
  CHECK(first.executor_id == "cassandra.node.0.executor");
  CHECK(first.ip == "127.0.0.2");
  CHECK(first.seed);
  CHECK(first.jmx_port == 64112);
  CHECK(first.daemon_pid == 6104);
  CHECK(first.last_health_check == 1426686217128);
  REQUIRE(first.health);
  CHECK(first.health->operation_mode == "NORMAL");
  CHECK(first.health->host_id == "4207396e-6aa0-432e-97d9-1a4df3c1057f");
  REQUIRE(first.tasks.size() == 2);
  CHECK(first.tasks[1].type == "SERVER");
  CHECK(first.tasks[1].task_id == "cassandra.node.0.executor.server");
  CHECK(first.tasks[1].mem_mb == 2048);
  CHECK(dcos::is_live(first));
  CHECK(nodes->nodes[1].health->operation_mode == "JOINING");
  CHECK_FALSE(dcos::is_live(nodes->nodes[1]));  // native transport not up yet
  CHECK(nodes->raw == json::parse(cassandra_fixture("node-all.json")));

  transport.expect("GET", kApi + "/config", 200, cassandra_fixture("config.json"));
  auto config = client.config();
  REQUIRE(config.ok());
  CHECK(config->framework_name == "cassandra");
  CHECK(config->native_port == 9042);
  CHECK(config->seeds == std::vector<std::string>{"127.0.0.1"});
  CHECK(config->health_check_interval_seconds == 10);
  CHECK_FALSE(config->current_job);
  CHECK(config->target_nodes == 0);  // the docs' example predates the count fields

  transport.expect("GET", kApi + "/node/seed/all", 200, cassandra_fixture("node-seed-all.json"));
  auto seeds = client.seeds();
  REQUIRE(seeds.ok());
  CHECK(seeds->seeds == std::vector<std::string>{"127.0.0.1"});
  CHECK(seeds->rpc_port == 9160);
  CHECK(seeds->jmx_port == 7199);
}

TEST_CASE("cassandra client: the docs' node answers decode, booleans written as text too",
          "[cassandra]") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto client = ring(transport);
  const std::pair<NodeAction, const char*> actions[] = {{NodeAction::stop, "STOP"},
                                                        {NodeAction::start, "RUN"},
                                                        {NodeAction::restart, "RESTART"},
                                                        {NodeAction::terminate, "TERMINATE"}};
  const char* files[] = {"node-stop.json", "node-start.json", "node-restart.json",
                         "node-terminate.json"};
  for (size_t i = 0; i < 4; ++i) {
    const std::string verb(dcos::action_path(actions[i].first));
    transport.expect("POST", kApi + "/node/127.0.0.1/" + verb, 200, cassandra_fixture(files[i]));
    auto state = client.set_node_state("127.0.0.1", actions[i].first);
    REQUIRE(state.ok());
    CHECK(state->target_run_state == actions[i].second);
    CHECK(state->executor_id == "cassandra.node.1.executor");
    CHECK(state->hostname == "localhost");
  }

  transport.expect("POST", kApi + "/node/127.0.0.1/replace", 200,
                   cassandra_fixture("node-replace-success.json"));
  auto replaced = client.replace("127.0.0.1");
  REQUIRE(replaced.ok());
  CHECK(replaced->success);
  CHECK(replaced->ip_to_replace == "127.0.0.1");
  CHECK(replaced->target_run_state == "TERMINATE");
  transport.expect("POST", kApi + "/node/127.0.0.1/replace", 400,
                   cassandra_fixture("node-replace-failure.json"));
  auto refused = client.replace("127.0.0.1");
  REQUIRE(refused.ok());
  CHECK_FALSE(refused->success);
  CHECK(refused->reason == "Some error message");

  transport.expect("POST", kApi + "/node/127.0.0.1/make-seed", 200,
                   cassandra_fixture("node-make-seed-success.json"));
  auto made = client.set_seed("127.0.0.1", true);
  REQUIRE(made.ok());
  CHECK(made->success);
  CHECK(made->seed);
  CHECK_FALSE(made->old_seed);
  transport.expect("POST", kApi + "/node/127.0.0.1/make-seed", 400,
                   cassandra_fixture("node-make-seed-failure.json"));
  auto not_made = client.set_seed("127.0.0.1", true);
  REQUIRE(not_made.ok());
  CHECK_FALSE(not_made->success);
  CHECK(not_made->error == "Some error message");

  transport.expect("POST", kApi + "/node/127.0.0.1/rackdc", 200,
                   cassandra_fixture("node-rackdc-response.json"));
  auto moved = client.set_rack_dc("127.0.0.1", "RACK2", "DC2");
  REQUIRE(moved.ok());
  CHECK(moved->success);
  CHECK(moved->rack == "RACK2");
  CHECK(json::parse(transport.requests.back().body) ==
        json::parse(cassandra_fixture("node-rackdc-request.json")));
  CHECK(dcos::header_value(transport.requests.back().headers, "Content-Type") ==
        "application/json");
}

TEST_CASE("cassandra client: the docs' job answers decode; rolling restart's doc keys do not",
          "[cassandra]") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto client = ring(transport);
  for (auto job : {CassandraJob::repair, CassandraJob::cleanup, CassandraJob::rolling_restart}) {
    const std::string word(dcos::job_path(job));
    transport.expect("POST", kApi + "/cluster/" + word + "/start", 200,
                     cassandra_fixture(word + "-start.json"));
    transport.expect("POST", kApi + "/cluster/" + word + "/abort", 200,
                     cassandra_fixture(word + "-abort.json"));
    auto started = client.start_job(job);
    REQUIRE(started.ok());
    CHECK(*started);
    auto aborted = client.abort_job(job);
    REQUIRE(aborted.ok());
    CHECK(*aborted);
  }

  transport.expect("GET", kApi + "/cluster/repair/status", 200,
                   cassandra_fixture("repair-status.json"));
  auto repair = client.job_status(CassandraJob::repair);
  REQUIRE(repair.ok());
  CHECK(repair->flag);
  REQUIRE(repair->job);
  CHECK(repair->job->type == "REPAIR");
  CHECK(repair->job->started == 1426686829672);
  CHECK_FALSE(repair->job->finished);
  REQUIRE(repair->job->current);
  CHECK(repair->job->current->executor_id == "cassandra.node.0.executor");
  REQUIRE(repair->job->completed.size() == 1);
  CHECK(repair->job->completed[0].processed_keyspaces ==
        std::vector<std::pair<std::string, std::string>>{{"system_traces", "FINISHED"}});

  transport.expect("GET", kApi + "/cluster/repair/last", 200,
                   cassandra_fixture("repair-last.json"));
  auto last = client.last_job(CassandraJob::repair);
  REQUIRE(last.ok());
  CHECK(last->flag);
  REQUIRE(last->job);

  transport.expect("GET", kApi + "/cluster/cleanup/status", 200,
                   cassandra_fixture("cleanup-status.json"));
  transport.expect("GET", kApi + "/cluster/cleanup/last", 200,
                   cassandra_fixture("cleanup-last.json"));
  auto cleanup = client.job_status(CassandraJob::cleanup);
  REQUIRE(cleanup.ok());
  REQUIRE(cleanup->job);
  CHECK(cleanup->job->remaining_nodes == std::vector<std::string>{"cassandra.node.0.executor"});
  CHECK(cleanup->job->completed[0].processed_keyspaces[0].second == "SUCCESS");
  auto cleanup_last = client.last_job(CassandraJob::cleanup);
  REQUIRE(cleanup_last.ok());
  CHECK(cleanup_last->flag);

  // The docs show "restart"/"cleanup" where the code sends "running"/"clusterRestart": read
  // as the code's keys, the example holds no job.
  transport.expect("GET", kApi + "/cluster/rolling-restart/status", 200,
                   cassandra_fixture("rolling-restart-status.json"));
  transport.expect("GET", kApi + "/cluster/rolling-restart/last", 200,
                   cassandra_fixture("rolling-restart-last.json"));
  auto restart = client.job_status(CassandraJob::rolling_restart);
  REQUIRE(restart.ok());
  CHECK_FALSE(restart->flag);
  CHECK_FALSE(restart->job);
  auto restart_last = client.last_job(CassandraJob::rolling_restart);
  REQUIRE(restart_last.ok());
  CHECK(restart_last->flag);
  CHECK_FALSE(restart_last->job);
  json keyed = json::parse(cassandra_fixture("rolling-restart-status.json"));
  transport.expect("GET", kApi + "/cluster/rolling-restart/status", 200,
                   json{{"running", true}, {"clusterRestart", keyed["cleanup"]}}.dump());
  auto code_keys = client.job_status(CassandraJob::rolling_restart);
  REQUIRE(code_keys.ok());
  REQUIRE(code_keys->job);
  CHECK(code_keys->job->type == "RESTART");
}

TEST_CASE("cassandra client: health, live nodes and the QA report decode", "[cassandra]") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto client = ring(transport);
  transport.expect("GET", kApi + "/health/cluster/report", 200,
                   cassandra_fixture("health-cluster-report.json"));
  auto report = client.health_report();
  REQUIRE(report.ok());
  CHECK_FALSE(report->healthy);
  REQUIRE(report->checks.size() == 6);
  CHECK(report->checks[0].name == "nodeCount");
  CHECK(report->checks[0].expected == 3);
  CHECK(report->checks[1].ok);
  CHECK(report->checks[3].actual == json::array({"NORMAL"}));

  transport.expect("GET", kApi + "/health/cluster", 200, cassandra_fixture("health-cluster.json"));
  transport.expect("GET", kApi + "/health/process", 200, cassandra_fixture("health-process.json"));
  auto cluster = client.cluster_healthy();
  REQUIRE(cluster.ok());
  CHECK(*cluster);
  auto process = client.process_healthy();
  REQUIRE(process.ok());
  CHECK(*process);

  transport.expect("GET", kApi + "/live-nodes?limit=3", 200, cassandra_fixture("live-nodes.json"));
  auto live = client.live_nodes(3);
  REQUIRE(live.ok());
  CHECK(live->nodes == std::vector<std::string>{"127.0.0.1", "127.0.0.2"});
  CHECK(live->native_port == 9042);
  CHECK(live->cluster_name.empty());
  transport.expect("GET", kApi + "/live-nodes/text?limit=2", 200,
                   cassandra_fixture("live-nodes-text.txt"));
  auto text = client.live_nodes_text(2);
  REQUIRE(text.ok());
  CHECK(*text == cassandra_fixture("live-nodes-text.txt"));
  CHECK(dcos::header_value(transport.requests.back().headers, "Accept") == "text/plain");

  transport.expect("GET", kApi + "/qa/report/resources", 200,
                   cassandra_fixture("qa-report-resources.json"));
  auto qa = client.qa_resources();
  REQUIRE(qa.ok());
  REQUIRE(qa->nodes.size() == 2);
  CHECK(qa->nodes[0].executor_id == "cassandra.node.0.executor");
  CHECK(qa->nodes[0].agent_base_uri == "http://127.0.0.2:5051/");
  CHECK(qa->nodes[0].jmx_port == 62008);
  CHECK(qa->nodes[1].log_files.size() == 2);
  transport.expect("GET", kApi + "/qa/report/resources", 200,
                   cassandra_fixture("qa-report-resources.txt"));
  auto qa_text = client.qa_resources_text();
  REQUIRE(qa_text.ok());
  CHECK(qa_text->rfind("JMX_PORT: 62008\n", 0) == 0);
}

TEST_CASE("cassandra client: the scheduler's empty error bodies become clear errors",
          "[cassandra]") {
  FakeTransport transport;
  auto client = ring(transport);
  transport.expect("POST", kApi + "/node/10.0.0.9/stop", 404, "");
  auto missing = client.set_node_state("10.0.0.9", NodeAction::stop);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::not_found);
  CHECK(missing.error().message == "no node 10.0.0.9 in ring cassandra.dev");

  transport.expect("POST", kApi + "/node/10.0.0.9/replace", 404,
                   R"({"success":false,"reason":"No such node"})");
  auto unknown = client.replace("10.0.0.9");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message == "no node 10.0.0.9 in ring cassandra.dev");

  transport.expect("GET", kApi + "/live-nodes?limit=3", 400, "");
  auto none = client.live_nodes(3);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == ErrorKind::not_found);
  CHECK(none.error().message.rfind("no node of ring cassandra.dev is live", 0) == 0);

  transport.expect("POST", kApi + "/scale/nodes?nodeCount=2", 400,
                   R"({"message":"Can not decrease the number of nodes."})");
  auto shrink = client.scale_nodes(2);
  REQUIRE_FALSE(shrink.ok());
  CHECK(shrink.error().kind == ErrorKind::invalid);
  CHECK(shrink.error().message ==
        "the Cassandra service cassandra.dev refused to scale to 2 nodes: Can not decrease the "
        "number of nodes.");

  transport.expect("GET", kApi + "/health/cluster", 500, "<html>Internal Server Error</html>");
  auto unhealthy = client.cluster_healthy();
  REQUIRE(unhealthy.ok());
  CHECK_FALSE(*unhealthy);

  transport.expect("GET", kApi + "/config", 404, "<html><body>Not Found</body></html>");
  auto gone = client.config();
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().kind == ErrorKind::not_found);
  CHECK(gone.error().message ==
        "the Cassandra service cassandra.dev does not answer GET /config (HTTP 404 from " + kApi +
            "/config)");

  transport.expect("GET", kApi + "/node/all", 503, "no running task");
  auto down = client.nodes();
  REQUIRE_FALSE(down.ok());
  CHECK(down.error().kind == ErrorKind::server);
  CHECK(down.error().message.find("is not running") != std::string::npos);

  transport.expect("POST", kApi + "/scale/nodes?nodeCount=5", 200, "{\n  \"newNodeCount\" : 5\n}");
  auto grown = client.scale_nodes(5);
  REQUIRE(grown.ok());
  CHECK(*grown == 5);
}

TEST_CASE("cassandra client: replace_block names the first failed precondition in order",
          "[cassandra]") {
  auto seed = node("10.0.0.1", true, "TERMINATE", false, false);
  auto live = node("10.0.0.2", false, "RUN", true);
  auto stopped = node("10.0.0.3", false, "STOP", false);
  auto terminating = node("10.0.0.4", false, "TERMINATE", false, true, false);
  auto gone = node("10.0.0.5", false, "TERMINATE", false, false, false);
  auto queued = node("10.0.0.6", false, "TERMINATE", false, false, false);
  auto nodes =
      nodes_of(json::array({seed, live, stopped, terminating, gone, queued}), {"10.0.0.6"});
  CHECK(dcos::replace_block(nodes, "10.0.0.9") == ReplaceBlock::unknown_node);
  CHECK(dcos::replace_block(nodes, "10.0.0.1") == ReplaceBlock::seed);
  CHECK(dcos::replace_block(nodes, "agent-10.0.0.2") == ReplaceBlock::live);
  CHECK(dcos::replace_block(nodes, "cassandra.dev.node.3.executor") ==
        ReplaceBlock::not_terminated);
  CHECK(dcos::replace_block(nodes, "10.0.0.4") == ReplaceBlock::tasks_running);
  CHECK(dcos::replace_block(nodes, "10.0.0.5") == ReplaceBlock::none);
  CHECK(dcos::replace_block(nodes, "10.0.0.6") == ReplaceBlock::already_queued);
  // A live node that is not terminated fails "not live" first, as the scheduler checks.
  CHECK(dcos::replace_block(nodes_of(json::array({node("10.0.0.7", false, "STOP", true)})),
                            "10.0.0.7") == ReplaceBlock::live);
}

TEST_CASE("cassandra rings: Marathon's labelled apps, one request with the label selector",
          "[cassandra]") {
  FakeTransport transport;
  dcos::ClientOptions options;
  options.base_url = dcos::testing::kMarathonUrl;
  options.max_attempts = 1;
  dcos::MarathonClient marathon(dcos::HttpClient(transport, options, {}, {}));
  transport.expect("GET",
                   dcos::testing::kMarathonUrl + "/v2/apps?label=DCOS_PACKAGE_NAME==cassandra", 200,
                   json{{"apps",
                         {{{"id", "/cassandra/dev"},
                           {"labels",
                            {{"DCOS_PACKAGE_NAME", "cassandra"},
                             {"DCOS_PACKAGE_FRAMEWORK_NAME", "cassandra.dev"}}}},
                          {{"id", "/db/user3"}, {"labels", {{"DCOS_PACKAGE_NAME", "cassandra"}}}}}}}
                       .dump());
  auto rings = dcos::installed_cassandra_rings(marathon);
  REQUIRE(rings.ok());
  REQUIRE(rings->size() == 2);
  CHECK((*rings)[0].app_id == "/cassandra/dev");
  CHECK((*rings)[0].framework_name == "cassandra.dev");
  CHECK((*rings)[1].framework_name == "cassandra.user3");
  CHECK(dcos::cassandra_framework_name("dev") == "cassandra.dev");
  CHECK(dcos::cassandra_framework_name("cassandra.dev") == "cassandra.dev");
  CHECK(dcos::cassandra_ring_name("cassandra.dev") == "dev");
  CHECK(dcos::cassandra_service_path("cassandra.dev") == "/service/cassandra.dev");
}
