#include "local/cassandra/driver.hpp"

#include <cstdio>
#include <thread>

#include "local/cassandra/node_model.hpp"
#include "local/recordio.hpp"

namespace dcos_local::cassandra {
namespace {

using Steady = std::chrono::steady_clock;
const char* kSchedulerPath = "/mesos/api/v1/scheduler";

void log(const std::string& line) {
  std::fprintf(stderr, "cassandra-scheduler: %s\n", line.c_str());
}

std::optional<json> get_json(const std::string& ip, int port, const std::string& path) {
  if (port <= 0) return std::nullopt;
  httplib::Client client(ip, port);
  client.set_connection_timeout(1);
  client.set_read_timeout(2);
  auto res = client.Get(path.c_str());
  if (!res || res->status != 200) return std::nullopt;
  json doc = json::parse(res->body, nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

HealthReport report_from(const std::optional<json>& doc, int64_t now) {
  HealthReport r;
  r.timestamp = now;
  if (!doc || !doc->contains("info")) {
    r.msg = "Cannot connect to the Cassandra server's JMX";
    return r;
  }
  const json& i = (*doc)["info"];
  HealthInfo info;
  info.version = i.value("version", "");
  info.operation_mode = i.value("operationMode", "");
  info.cluster_name = i.value("clusterName", "");
  info.data_center = i.value("dataCenter", "");
  info.rack = i.value("rack", "");
  info.endpoint = i.value("endpoint", "");
  info.host_id = i.value("hostId", "");
  info.joined = i.value("joined", false);
  info.gossip_initialized = i.value("gossipInitialized", false);
  info.gossip_running = i.value("gossipRunning", false);
  info.native_transport_running = i.value("nativeTransportRunning", false);
  info.rpc_server_running = i.value("rpcServerRunning", false);
  info.token_count = i.value("tokenCount", int64_t{0});
  info.uptime_millis = i.value("uptimeMillis", int64_t{0});
  r.healthy = doc->value("healthy", false);
  r.info = info;
  return r;
}

}  // namespace

Driver::Driver(RingHost& host, std::string master_url, std::function<void()> persist)
    : host_(host), master_(std::move(master_url)), persist_(std::move(persist)) {}

double Driver::refuse_seconds() const { return std::max(0.2, 5.0 * host_.ring.time_scale()); }

void Driver::post(const json& call) {
  std::string stream;
  {
    std::lock_guard lock(stream_mutex_);
    stream = stream_id_;
  }
  httplib::Client client(master_);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  httplib::Headers headers{{"Mesos-Stream-Id", stream}, {"Accept", "application/json"}};
  if (!token_.empty()) headers.emplace("Authorization", "token=" + token_);
  auto res = client.Post(kSchedulerPath, headers, call.dump(), "application/json");
  if (!res)
    log("call " + call.value("type", "") + " failed: " + httplib::to_string(res.error()));
  else if (res->status != 202)
    log("call " + call.value("type", "") + " answered " + std::to_string(res->status) + ": " +
        res->body);
}

void Driver::run_subscription(const std::atomic<bool>& running) {
  while (running) {
    json call;
    {
      std::lock_guard lock(host_.mutex);
      call = subscribe_call(host_.ring.config(), "");
    }
    httplib::Client client(master_);
    client.set_connection_timeout(5);
    client.set_read_timeout(60);  // heartbeats come every 15 s
    RecordReader reader;
    httplib::Request req;
    req.method = "POST";
    req.path = kSchedulerPath;
    req.headers = {{"Accept", "application/json"}, {"Content-Type", "application/json"}};
    if (!token_.empty()) req.headers.emplace("Authorization", "token=" + token_);
    req.body = call.dump();
    int status = 0;
    std::string refusal;
    req.response_handler = [&](const httplib::Response& res) {
      status = res.status;
      if (status == 200) {
        std::lock_guard lock(stream_mutex_);
        stream_id_ = res.get_header_value("Mesos-Stream-Id");
      }
      return true;
    };
    req.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
      if (status != 200) {
        refusal.append(data, size);
        return true;
      }
      std::vector<std::string> records;
      if (!reader.feed(std::string_view(data, size), records)) return false;
      for (const std::string& record : records) {
        json event = json::parse(record, nullptr, false);
        if (!event.is_discarded()) handle(event);
      }
      return running.load();
    };
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    client.send(req, res, error);
    if (status != 200 && status != 0) {
      log("SUBSCRIBE answered " + std::to_string(status) + ": " + refusal);
      if (status >= 400 && status < 500) {  // a removed framework: register anew
        std::lock_guard lock(host_.mutex);
        host_.ring.set_framework_id("");
      }
    } else if (error != httplib::Error::Success && running) {
      log("the subscription ended: " + httplib::to_string(error));
    }
    for (int i = 0; i < 10 && running; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

void Driver::handle(const json& event) {
  std::string type = event.value("type", "");
  if (type == "SUBSCRIBED") {
    subscribed(event.value("/subscribed/framework_id/value"_json_pointer, ""));
  } else if (type == "OFFERS") {
    for (const json& o : event.value("/offers/offers"_json_pointer, json::array())) {
      Offer offer = offer_from_json(o);
      std::vector<Launch> launches;
      std::string framework_id, role;
      {
        std::lock_guard lock(host_.mutex);
        launches = host_.ring.offer(offer);
        framework_id = host_.ring.config().framework_id;
        role = host_.ring.config().role;
        if (!launches.empty()) persist_();
      }
      for (const Launch& l : launches) log("launching " + l.task_id + " on " + offer.hostname);
      post(launches.empty() ? decline_call(framework_id, offer.id, refuse_seconds())
                            : accept_call(framework_id, offer, launches, role, refuse_seconds()));
    }
  } else if (type == "UPDATE") {
    StatusEvent status = status_from_json(event.value("/update/status"_json_pointer, json{}));
    std::string framework_id;
    {
      std::lock_guard lock(host_.mutex);
      unconfirmed_.erase(status.update.task_id);
      host_.ring.task_update(status.update);
      framework_id = host_.ring.config().framework_id;
      persist_();
    }
    if (status.update.state != "TASK_RUNNING")
      log(status.update.task_id + " is " + status.update.state +
          (status.update.message.empty() ? "" : ": " + status.update.message));
    if (!status.uuid.empty()) post(acknowledge_call(framework_id, status));
  } else if (type == "ERROR") {
    log("the master reports an error: " + event.value("/error/message"_json_pointer, ""));
    std::lock_guard lock(host_.mutex);
    host_.ring.set_framework_id("");
  }
}

void Driver::subscribed(const std::string& framework_id) {
  std::string previous;
  {
    std::lock_guard lock(host_.mutex);
    previous = host_.ring.config().framework_id;
    host_.ring.set_framework_id(framework_id);
    // Every task the ring knows must be confirmed by the master, or it is gone.
    unconfirmed_.clear();
    for (const Node& n : host_.ring.state().nodes)
      for (const NodeTask& t : n.tasks) unconfirmed_.insert(t.task_id);
    reconcile_deadline_ =
        Steady::now() + (previous == framework_id ? std::chrono::seconds(5) : Steady::duration{});
    persist_();
  }
  log("subscribed as framework " + framework_id);
  post(reconcile_call(framework_id));
}

void Driver::run_poller(const std::atomic<bool>& running) {
  Steady::time_point next_health = Steady::now();
  while (running) {
    std::vector<Kill> kills;
    std::string framework_id;
    {
      std::lock_guard lock(host_.mutex);
      if (!unconfirmed_.empty() && Steady::now() >= reconcile_deadline_) {
        for (const std::string& task : unconfirmed_)
          host_.ring.task_update({task, "TASK_LOST", "SOURCE_MASTER", "REASON_RECONCILIATION",
                                  "unknown to the master", false});
        unconfirmed_.clear();
      }
      host_.ring.tick();
      framework_id = host_.ring.config().framework_id;
      if (!framework_id.empty()) kills = host_.ring.kills();
      persist_();
    }
    for (const Kill& k : kills) {
      log("killing " + k.task_id);
      post(kill_call(framework_id, k));
    }
    bool health_due = Steady::now() >= next_health;
    if (health_due) {
      std::lock_guard lock(host_.mutex);
      next_health = Steady::now() + std::chrono::milliseconds(host_.ring.scaled(
                                        1000LL * host_.ring.config().health_interval_s));
    }
    poll_nodes(health_due);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void Driver::poll_nodes(bool health_due) {
  struct Target {
    std::string executor_id, ip;
    int executor_port = 0, server_port = 0;
    bool wants_workdir = false, has_server = false, runs_job = false;
    std::string job_token;
  };
  std::vector<Target> targets;
  {
    std::lock_guard lock(host_.mutex);
    const auto& job = host_.ring.state().current_job;
    for (const Node& n : host_.ring.state().nodes) {
      if (!n.executor_id) continue;
      Target t{*n.executor_id, n.ip, n.executor_port, n.server_port};
      const NodeTask* metadata = n.task(kMetadata);
      const NodeTask* server = n.task(kServer);
      t.wants_workdir = metadata && metadata->running && !n.workdir;
      t.has_server = server && server->running;
      if (job && job->type != JobType::restart && job->current &&
          job->current->executor_id == *n.executor_id) {
        // Polled even after the job's task ended: the server keeps the result it reads.
        t.runs_job = true;
        t.job_token = std::to_string(job->current->started.value_or(0));
      }
      targets.push_back(t);
    }
  }
  for (const Target& t : targets) {
    if (t.wants_workdir)
      if (auto doc = get_json(t.ip, t.executor_port, "/executor")) {
        std::lock_guard lock(host_.mutex);
        host_.ring.executor_started(t.executor_id, doc->value("workdir", ""));
      }
    if (t.has_server && health_due) {
      auto doc = get_json(t.ip, t.server_port, "/status");
      std::lock_guard lock(host_.mutex);
      std::optional<int64_t> pid;
      if (doc && doc->contains("pid")) pid = (*doc)["pid"].get<int64_t>();
      host_.ring.record_health(t.executor_id, report_from(doc, host_.ring.now()), pid);
    }
    if (t.runs_job)
      if (auto doc = get_json(t.ip, t.server_port, "/job");
          doc && doc->value("token", "") == t.job_token) {
        std::lock_guard lock(host_.mutex);
        host_.ring.job_progress(t.executor_id, progress_from_json(*doc));
      }
  }
}

}  // namespace dcos_local::cassandra
