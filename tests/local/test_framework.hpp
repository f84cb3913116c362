// A Mesos framework written for the tests: it subscribes to dcos-local's v1 scheduler API over
// raw HTTP with cpp-httplib, splits the RecordIO stream into JSON events itself and makes
// calls with its stream id. It shares no code with dcos-local.
#pragma once

#include "server_test_support.hpp"

namespace dcos::testing {

class TestFramework {
 public:
  TestFramework(const LocalCluster& cluster, const json& framework_info)
      : cli_(cluster.host(), cluster.port()), calls_(client_for(cluster)) {
    cli_.set_connection_timeout(5);
    cli_.set_read_timeout(60);
    json body = {{"type", "SUBSCRIBE"}, {"subscribe", {{"framework_info", framework_info}}}};
    thread_ = std::thread([this, body] {
      httplib::Request req;
      req.method = "POST";
      req.path = "/mesos/api/v1/scheduler";
      req.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
      req.body = body.dump();
      req.response_handler = [this](const httplib::Response& r) {
        std::lock_guard lock(mu_);
        status_ = r.status;
        stream_id_ = r.get_header_value("Mesos-Stream-Id");
        cv_.notify_all();
        return true;
      };
      req.content_receiver = [this](const char* data, size_t n, uint64_t, uint64_t) {
        std::lock_guard lock(mu_);
        feed(std::string(data, n));
        cv_.notify_all();
        return !stopping_;
      };
      auto res = cli_.send(req);
      std::lock_guard lock(mu_);
      if (res && status_ == 0) status_ = res->status;
      if (res && body_.empty()) body_ = res->body;
      ended_ = true;
      cv_.notify_all();
    });
  }
  ~TestFramework() { close(); }
  TestFramework(const TestFramework&) = delete;
  TestFramework& operator=(const TestFramework&) = delete;

  /// The first event (from index `from` on) that satisfies `pred`; null on timeout.
  json wait_event(const std::function<bool(const json&)>& pred, size_t from = 0,
                  std::chrono::milliseconds limit = std::chrono::seconds(15)) {
    std::unique_lock lock(mu_);
    json found;
    cv_.wait_for(lock, limit, [&] {
      for (size_t i = from; i < events_.size(); ++i)
        if (pred(events_[i])) {
          found = events_[i];
          return true;
        }
      return ended_;
    });
    return found;
  }
  json wait_type(const std::string& type, size_t from = 0) {
    return wait_event([&](const json& e) { return e.value("type", "") == type; }, from);
  }
  /// The UPDATE with this task id and state, null on timeout.
  json wait_update(const std::string& task_id, const std::string& state, size_t from = 0) {
    return wait_event(
        [&](const json& e) {
          if (e.value("type", "") != "UPDATE") return false;
          const json& s = e["update"]["status"];
          return s["task_id"]["value"] == task_id && s["state"] == state;
        },
        from);
  }
  size_t event_count() {
    std::lock_guard lock(mu_);
    return events_.size();
  }
  bool wait_ended(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return ended_; });
  }
  int status() {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(10), [&] { return status_ != 0 || ended_; });
    return status_;
  }
  std::string stream_id() {
    status();
    std::lock_guard lock(mu_);
    return stream_id_;
  }
  std::string framework_id() {
    json e = wait_type("SUBSCRIBED");
    return e.is_null() ? "" : e["subscribed"]["framework_id"]["value"].get<std::string>();
  }

  /// A call with this framework's id and stream id; `type` names the body key.
  httplib::Result call(const std::string& type, const json& payload = json::object()) {
    std::string key = type;
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    json body = {{"type", type}, {"framework_id", {{"value", framework_id()}}}};
    if (!payload.empty()) body[key] = payload;
    httplib::Headers headers = {{"Mesos-Stream-Id", stream_id()}};
    return calls_.Post("/mesos/api/v1/scheduler", headers, body.dump(), "application/json");
  }

  /// Ends the subscription from this side (the connection closes).
  void close() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    while (true) {
      {
        std::unique_lock lock(mu_);
        if (cv_.wait_for(lock, std::chrono::milliseconds(20), [&] { return ended_; })) break;
      }
      cli_.stop();
    }
    if (thread_.joinable()) thread_.join();
  }

 private:
  // RecordIO: "<decimal length>\n<that many bytes>" per event.
  void feed(const std::string& piece) {
    pending_ += piece;
    while (true) {
      size_t nl = pending_.find('\n');
      if (nl == std::string::npos) return;
      size_t length = std::stoul(pending_.substr(0, nl));
      if (pending_.size() < nl + 1 + length) return;
      events_.push_back(json::parse(pending_.substr(nl + 1, length), nullptr, false));
      pending_.erase(0, nl + 1 + length);
    }
  }

  httplib::Client cli_;
  httplib::Client calls_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_, stream_id_, body_;
  std::vector<json> events_;
  int status_ = 0;
  bool ended_ = false;
  bool stopping_ = false;
};

/// A v1 scalar and a ports resource, as a framework puts them in a TaskInfo.
inline json scalar(const std::string& name, double value) {
  return {{"name", name}, {"type", "SCALAR"}, {"scalar", {{"value", value}}}, {"role", "*"}};
}
inline json port_range(int begin, int end) {
  return {{"name", "ports"},
          {"type", "RANGES"},
          {"ranges", {{"range", json::array({{{"begin", begin}, {"end", end}}})}}},
          {"role", "*"}};
}

}  // namespace dcos::testing
