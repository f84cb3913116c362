// `dcos-local cassandra-node`: the processes of one Cassandra node, started as Mesos tasks by
// the scheduler. `metadata` stands for the executor (it tells the scheduler its sandbox),
// `server` emulates the Cassandra daemon and serves its JMX-like state over HTTP, `repair` and
// `cleanup` ask the server to work through its keyspaces and wait for it, and `config` hands
// the server a new seed list.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <httplib.h>

#include "local/cassandra/entry.hpp"
#include "local/cassandra/node_model.hpp"
#include "local/server.hpp"
#include "local/util.hpp"

namespace dcos_local::cassandra {
namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

double time_scale() {
  double scale = std::atof(env_or("DCOS_LOCAL_TIME_SCALE", "1").c_str());
  return scale > 0 ? scale : 1;
}

void say(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

int serve(httplib::Server& server) {
  std::string host = env_or("HOST", "127.0.0.1");
  int port = std::atoi(env_or("CASSANDRA_NODE_PORT", "0").c_str());
  // bind_server leaves SO_REUSEPORT off: another process on this address and port is an error
  // here, not a silent share of the connections.
  if (port <= 0 || bind_server(server, host, port) != port) {
    std::fprintf(stderr, "cassandra-node: cannot listen on %s:%d\n", host.c_str(), port);
    return 1;
  }
  return server.listen_after_bind() ? 0 : 1;
}

int run_metadata() {
  httplib::Server server;
  std::string workdir = env_or("MESOS_SANDBOX", std::filesystem::current_path().string());
  say("executor " + env_or("CASSANDRA_EXECUTOR_ID", "") + " started in " + workdir);
  server.Get("/executor", [&](const httplib::Request&, httplib::Response& res) {
    json doc = {{"executorId", env_or("CASSANDRA_EXECUTOR_ID", "")},
                {"workdir", workdir},
                {"ip", env_or("HOST", "127.0.0.1")}};
    res.set_content(doc.dump(), "application/json");
  });
  return serve(server);
}

int run_server() {
  const int64_t started = now_ms();
  const double scale = time_scale();
  ServerIdentity identity{env_or("CASSANDRA_CLUSTER_NAME", "cassandra"),
                          env_or("CASSANDRA_DC", "DC1"), env_or("CASSANDRA_RACK", "RAC1"),
                          env_or("HOST", "127.0.0.1"), uuid4()};
  std::mutex mutex;
  std::string seeds = env_or("CASSANDRA_SEEDS", "");
  std::optional<KeyspaceJob> job;
  say("Cassandra " + std::string(kCassandraVersion) + " starting: cluster " +
      identity.cluster_name + ", seeds " + seeds +
      (std::getenv("CASSANDRA_REPLACE_ADDRESS")
           ? ", replacing " + env_or("CASSANDRA_REPLACE_ADDRESS", "")
           : std::string()));

  httplib::Server server;
  server.Get("/status", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    HealthInfo info = server_info(now_ms() - started, scale, identity);
    json doc = {{"pid", static_cast<int64_t>(::getpid())},
                {"healthy", true},
                {"seeds", seeds},
                {"info",
                 {{"version", info.version},
                  {"operationMode", info.operation_mode},
                  {"clusterName", info.cluster_name},
                  {"dataCenter", info.data_center},
                  {"rack", info.rack},
                  {"endpoint", info.endpoint},
                  {"hostId", info.host_id},
                  {"joined", info.joined},
                  {"gossipInitialized", info.gossip_initialized},
                  {"gossipRunning", info.gossip_running},
                  {"nativeTransportRunning", info.native_transport_running},
                  {"rpcServerRunning", info.rpc_server_running},
                  {"tokenCount", info.token_count},
                  {"uptimeMillis", info.uptime_millis}}}};
    res.set_content(doc.dump(), "application/json");
  });
  server.Post("/job", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    if (server_info(now_ms() - started, scale, identity).operation_mode != "NORMAL") {
      res.status = 409;
      res.set_content("Cassandra is not in mode NORMAL", "text/plain");
      return;
    }
    job = KeyspaceJob{req.get_param_value("type"), req.get_param_value("token"), now_ms(), scale};
    say(job->type + " started");
    res.set_content(job->progress(now_ms()).dump(), "application/json");
  });
  server.Get("/job", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    if (!job) {
      res.status = 404;
      return;
    }
    res.set_content(job->progress(now_ms()).dump(), "application/json");
  });
  server.Post("/seeds", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    seeds = req.body;
    say("seeds are now " + seeds);
    res.status = 204;
  });
  return serve(server);
}

// The job and config tasks talk to their node's server at CASSANDRA_SERVER_URL.
int run_job(const std::string& type) {
  httplib::Client server(env_or("CASSANDRA_SERVER_URL", "http://127.0.0.1:0"));
  server.set_connection_timeout(5);
  std::string token = env_or("CASSANDRA_JOB_TOKEN", "");
  auto start = server.Post(("/job?type=" + type + "&token=" + token).c_str());
  if (!start || start->status != 200) {
    std::fprintf(stderr, "cassandra-node: the server refused the %s: %s\n", type.c_str(),
                 start ? start->body.c_str() : httplib::to_string(start.error()).c_str());
    return 1;
  }
  while (true) {
    auto progress = server.Get("/job");
    if (!progress || progress->status != 200) {
      std::fprintf(stderr, "cassandra-node: lost the server during the %s\n", type.c_str());
      return 1;
    }
    json doc = json::parse(progress->body, nullptr, false);
    if (doc.is_object() && doc.value("token", "") != token) {
      std::fprintf(stderr, "cassandra-node: another job replaced this %s\n", type.c_str());
      return 1;
    }
    if (doc.is_object() && doc.value("done", false)) {
      say(type + " done: " + doc["processed"].dump());
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

int run_config() {
  httplib::Client server(env_or("CASSANDRA_SERVER_URL", "http://127.0.0.1:0"));
  server.set_connection_timeout(5);
  auto res = server.Post("/seeds", env_or("CASSANDRA_SEEDS", ""), "text/plain");
  if (!res || res->status >= 300) {
    std::fprintf(stderr, "cassandra-node: could not update the seeds\n");
    return 1;
  }
  say("seeds updated: " + env_or("CASSANDRA_SEEDS", ""));
  return 0;
}

}  // namespace

int run_node(int argc, char** argv) {
  std::string role;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--role") role = argv[i + 1];
  if (role == "metadata") return run_metadata();
  if (role == "server") return run_server();
  if (role == "repair") return run_job("REPAIR");
  if (role == "cleanup") return run_job("CLEANUP");
  if (role == "config") return run_config();
  std::fprintf(stderr,
               "usage: dcos-local cassandra-node --role metadata|server|repair|cleanup|config\n");
  return 2;
}

}  // namespace dcos_local::cassandra
