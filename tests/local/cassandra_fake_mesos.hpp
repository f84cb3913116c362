// A small Mesos master for the Cassandra scheduler's tests, speaking the v1 scheduler API
// subset of contract B: one RecordIO event stream, offers from three agents on 127.0.0.2-4,
// task launches as real local processes (the scheduler's `dcos-local cassandra-node` commands),
// kills, reconciliation, and a terminal update when a task's process ends.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "local/process.hpp"
#include "local/recordio.hpp"
#include "local/util.hpp"
#include "support/local_server.hpp"

namespace dcos::testing {

class FakeMesos {
 public:
  using json = nlohmann::json;

  FakeMesos(std::string binary, std::string time_scale, std::filesystem::path work)
      : binary_(std::move(binary)), scale_(std::move(time_scale)), work_(std::move(work)) {
    for (int i = 0; i < 3; ++i) {
      Agent a;
      a.id = "S" + std::to_string(i);
      a.ip = "127.0.0." + std::to_string(2 + i);
      for (int k = 0; k < 4; ++k) a.ports.push_back(free_port(a.ip));
      agents_.push_back(a);
    }
    server_.Post("/mesos/api/v1/scheduler", [this](const auto& req, auto& res) { call(req, res); });
    thread_.emplace(server_);
    ticker_ = std::thread([this] {
      while (!stopping_) {
        tick();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
  }

  ~FakeMesos() {
    stopping_ = true;
    cv_.notify_all();
    ticker_.join();
    thread_.reset();
    for (auto& [id, t] : tasks_)
      if (!t.done) {
        dcos_local::signal_group(t.pid, SIGKILL);
        while (!dcos_local::reap_task_group(t.pid))
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
  }

  std::string url() const { return thread_->url(); }

  /// The SUBSCRIBE calls received, oldest first.
  std::vector<json> subscriptions() {
    std::lock_guard lock(mutex_);
    return subscriptions_;
  }

 private:
  struct Agent {
    std::string id, ip;
    std::vector<int> ports;
    bool offered = false;
    int64_t next_offer_ms = 0;
    std::string offer_id;
  };
  struct Task {
    std::string agent;
    pid_t pid = -1;
    double cpus = 0, mem = 0, disk = 0;
    std::vector<int> ports;
    bool killed = false, done = false;
  };

  static int free_port(const std::string& ip) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    ::inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  void push(const json& event) {
    events_.push_back(dcos_local::record(event.dump()));
    cv_.notify_all();
  }

  void update(const std::string& task_id, const std::string& agent, const std::string& state,
              const std::string& message = "") {
    push({{"type", "UPDATE"},
          {"update",
           {{"status",
             {{"task_id", {{"value", task_id}}},
              {"agent_id", {{"value", agent}}},
              {"state", state},
              {"source", "SOURCE_EXECUTOR"},
              {"message", message},
              {"uuid", "dXVpZA=="}}}}}});
  }

  void call(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    std::string type = body.is_object() ? body.value("type", "") : "";
    std::lock_guard lock(mutex_);
    if (type == "SUBSCRIBE") {
      subscriptions_.push_back(body);
      std::string id = body.value("/subscribe/framework_info/id/value"_json_pointer, "");
      framework_id_ = id.empty() ? "fake-framework-0001" : id;
      int generation = ++generation_;
      events_.clear();
      push({{"type", "SUBSCRIBED"},
            {"subscribed",
             {{"framework_id", {{"value", framework_id_}}}, {"heartbeat_interval_seconds", 15}}}});
      for (Agent& a : agents_) a.offered = false;
      res.set_header("Mesos-Stream-Id", "stream-" + std::to_string(generation));
      res.set_chunked_content_provider(
          "application/json", [this, generation](size_t, httplib::DataSink& sink) {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(100),
                         [&] { return !events_.empty() || stopping_; });
            if (stopping_ || generation != generation_) return false;
            while (!events_.empty()) {
              std::string e = events_.front();
              events_.pop_front();
              if (!sink.write(e.data(), e.size())) return false;
            }
            return true;
          });
      return;
    }
    res.status = 202;
    if (type == "ACCEPT" || type == "DECLINE") {
      const json& part = body[type == "ACCEPT" ? "accept" : "decline"];
      std::string offer = part.value("/offer_ids/0/value"_json_pointer, "");
      double refuse = part.value("/filters/refuse_seconds"_json_pointer, 5.0);
      for (Agent& a : agents_)
        if (a.offered && a.offer_id == offer) {
          a.offered = false;
          a.next_offer_ms = dcos_local::now_ms() + static_cast<int64_t>(refuse * 1000);
          if (type == "ACCEPT")
            for (const json& op : part["operations"])
              for (const json& info : op["launch"]["task_infos"]) launch(a, info);
        }
    } else if (type == "KILL") {
      auto it = tasks_.find(body.value("/kill/task_id/value"_json_pointer, ""));
      if (it != tasks_.end() && !it->second.done) {
        it->second.killed = true;
        dcos_local::signal_group(it->second.pid, SIGTERM);
      }
    } else if (type == "RECONCILE") {
      for (const auto& [id, t] : tasks_)
        if (!t.done) update(id, t.agent, "TASK_RUNNING");
    }
  }

  void launch(const Agent& agent, const json& info) {
    std::string id = info.value("/task_id/value"_json_pointer, "");
    Task t;
    t.agent = agent.id;
    for (const json& r : info["resources"]) {
      double v = r.value("/scalar/value"_json_pointer, 0.0);
      std::string name = r.value("name", "");
      if (name == "cpus") t.cpus += v;
      if (name == "mem") t.mem += v;
      if (name == "disk") t.disk += v;
      for (const json& range : r.value("/ranges/range"_json_pointer, json::array()))
        for (int p = range["begin"]; p <= range["end"].get<int>(); ++p) t.ports.push_back(p);
    }
    std::filesystem::path sandbox = work_ / agent.id / id;
    std::filesystem::create_directories(sandbox);
    dcos_local::SpawnSpec spec;
    spec.command = info.value("/command/value"_json_pointer, "");
    spec.cwd = sandbox.string();
    spec.stdout_path = (sandbox / "stdout").string();
    spec.stderr_path = (sandbox / "stderr").string();
    for (const json& v : info.value("/command/environment/variables"_json_pointer, json::array()))
      spec.env.emplace_back(v["name"], v["value"]);
    spec.env.insert(spec.env.end(), {{"HOST", agent.ip},
                                     {"MESOS_TASK_ID", id},
                                     {"MESOS_SANDBOX", sandbox.string()},
                                     {"DCOS_LOCAL_BIN", binary_},
                                     {"DCOS_LOCAL_TIME_SCALE", scale_}});
    t.pid = dcos_local::spawn_shell(spec).pid;
    tasks_[id] = t;
    update(id, agent.id, "TASK_RUNNING");
  }

  void tick() {
    std::lock_guard lock(mutex_);
    for (auto& [id, t] : tasks_) {
      if (t.done) continue;
      auto status = dcos_local::reap_task_group(t.pid);
      if (!status) continue;
      t.done = true;
      update(id, t.agent,
             t.killed ? "TASK_KILLED"
                      : (!status->signaled && status->code == 0 ? "TASK_FINISHED" : "TASK_FAILED"),
             dcos_local::describe(*status));
    }
    if (framework_id_.empty()) return;
    for (Agent& a : agents_) {
      if (a.offered || dcos_local::now_ms() < a.next_offer_ms) continue;
      double cpus = 8, mem = 16384, disk = 65536;
      std::set<int> used;
      for (const auto& [id, t] : tasks_)
        if (!t.done && t.agent == a.id) {
          cpus -= t.cpus;
          mem -= t.mem;
          disk -= t.disk;
          used.insert(t.ports.begin(), t.ports.end());
        }
      json ranges = json::array();
      auto add_range = [&](int begin, int end) {
        for (int p = begin; p <= end; ++p) {
          if (used.count(p)) continue;
          int q = p;
          while (q + 1 <= end && !used.count(q + 1)) ++q;
          ranges.push_back({{"begin", p}, {"end", q}});
          p = q;
        }
      };
      add_range(7000, 10000);
      for (int p : a.ports) add_range(p, p);
      a.offered = true;
      a.offer_id = "offer-" + std::to_string(++offers_);
      auto scalar = [](const char* name, double v) {
        return json{{"name", name}, {"type", "SCALAR"}, {"scalar", {{"value", v}}}, {"role", "*"}};
      };
      push({{"type", "OFFERS"},
            {"offers",
             {{"offers", json::array({{{"id", {{"value", a.offer_id}}},
                                       {"framework_id", {{"value", framework_id_}}},
                                       {"agent_id", {{"value", a.id}}},
                                       {"hostname", a.ip},
                                       {"resources", json::array({scalar("cpus", cpus),
                                                                  scalar("mem", mem),
                                                                  scalar("disk", disk),
                                                                  {{"name", "ports"},
                                                                   {"type", "RANGES"},
                                                                   {"ranges", {{"range", ranges}}},
                                                                   {"role", "*"}}})}}})}}}});
    }
  }

  std::string binary_, scale_;
  std::filesystem::path work_;
  std::vector<Agent> agents_;
  std::map<std::string, Task> tasks_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::string> events_;
  std::vector<json> subscriptions_;
  std::string framework_id_;
  int generation_ = 0, offers_ = 0;
  std::atomic<bool> stopping_{false};
  httplib::Server server_;
  std::optional<ServerThread> thread_;
  std::thread ticker_;
};

}  // namespace dcos::testing
