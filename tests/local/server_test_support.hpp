// Helpers shared by the tests that start the real dcos-local binary and talk to it over HTTP
// with cpp-httplib's client: JSON requests, bounded polling, an SSE reader, a /proc scan for
// task processes and a runner for command lines that should not start a server.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/local_cluster.hpp"

namespace dcos::testing {

using json = nlohmann::json;

/// A Marathon API path as Admin Router serves it.
inline std::string marathon(const std::string& path) { return "/service/marathon" + path; }

/// A client for the cluster with timeouts short enough that a hung server fails the test.
inline httplib::Client client_for(const LocalCluster& cluster) {
  httplib::Client cli(cluster.host(), cluster.port());
  cli.set_connection_timeout(5);
  cli.set_read_timeout(15);
  cli.set_write_timeout(15);
  return cli;
}

/// Polls `done` until it returns true or `limit` has passed; returns its last answer.
template <class Pred>
bool eventually(Pred done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

/// The body as JSON; a discarded value when it is not JSON or there was no response.
inline json body_json(const httplib::Result& res) {
  if (!res) return json(json::value_t::discarded);
  return json::parse(res->body, nullptr, false);
}

inline httplib::Result post_json(httplib::Client& cli, const std::string& path, const json& body) {
  return cli.Post(path, body.dump(), "application/json");
}
inline httplib::Result put_json(httplib::Client& cli, const std::string& path, const json& body) {
  return cli.Put(path, body.dump(), "application/json");
}
inline httplib::Result patch_json(httplib::Client& cli, const std::string& path, const json& body) {
  return cli.Patch(path, body.dump(), "application/json");
}

/// GET that must answer `status` with a JSON body, which it returns.
inline json get_json(httplib::Client& cli, const std::string& path, int status = 200) {
  auto res = cli.Get(path);
  INFO("GET " << path);
  REQUIRE(res);
  INFO("-> " << res->status << " " << res->body.substr(0, 2000));
  REQUIRE(res->status == status);
  json j = json::parse(res->body, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

/// The tasks Marathon lists for an app ("/id").
inline json app_tasks(httplib::Client& cli, const std::string& app_id) {
  return get_json(cli, marathon("/v2/apps" + app_id + "/tasks"))["tasks"];
}

/// Waits until the app has exactly `count` tasks, all TASK_RUNNING, and returns them.
inline json wait_running(httplib::Client& cli, const std::string& app_id, size_t count,
                         std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  json tasks;
  bool ok = eventually(
      [&] {
        tasks = app_tasks(cli, app_id);
        if (tasks.size() != count) return false;
        for (const json& t : tasks)
          if (t["state"] != "TASK_RUNNING") return false;
        return true;
      },
      limit);
  INFO(app_id << " tasks: " << tasks.dump());
  REQUIRE(ok);
  return tasks;
}

/// True while /v2/deployments lists the deployment.
inline bool deployment_listed(httplib::Client& cli, const std::string& id) {
  for (const json& d : get_json(cli, marathon("/v2/deployments")))
    if (d["id"] == id) return true;
  return false;
}

inline void wait_deployment_gone(httplib::Client& cli, const std::string& id,
                                 std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  INFO("deployment " << id);
  REQUIRE(eventually([&] { return !deployment_listed(cli, id); }, limit));
}

/// Creates an app and waits for its deployment to finish; returns the deployment id.
inline std::string create_app(httplib::Client& cli, const json& app) {
  auto res = post_json(cli, marathon("/v2/apps"), app);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 201);
  std::string id = res->get_header_value("Marathon-Deployment-Id");
  REQUIRE_FALSE(id.empty());
  wait_deployment_gone(cli, id);
  return id;
}

/// Pids of live processes whose environment holds exactly `entry`, e.g. "MESOS_TASK_ID=x"
/// (or an entry starting with it, with `prefix`). Zombies have an empty environ, so a process
/// that ended counts as gone.
inline std::vector<pid_t> pids_with_env(const std::string& entry, bool prefix = false) {
  std::vector<pid_t> out;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) return out;
  while (const dirent* e = ::readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || pid <= 0) continue;
    std::string env = slurp("/proc/" + std::string(e->d_name) + "/environ");
    for (size_t pos = 0; pos < env.size();) {
      size_t nul = env.find('\0', pos);
      if (nul == std::string::npos) nul = env.size();
      size_t length = prefix ? std::min(nul - pos, entry.size()) : nul - pos;
      if (env.compare(pos, length, entry) == 0) {
        out.push_back(static_cast<pid_t>(pid));
        break;
      }
      pos = nul + 1;
    }
  }
  ::closedir(dir);
  return out;
}

inline std::vector<pid_t> task_pids(const std::string& task_id) {
  return pids_with_env("MESOS_TASK_ID=" + task_id);
}

/// The value of one variable in a process's environment ("" when unset or unreadable).
inline std::string env_of(pid_t pid, const std::string& key) {
  std::string env = slurp("/proc/" + std::to_string(pid) + "/environ");
  std::string prefix = key + "=";
  for (size_t pos = 0; pos < env.size();) {
    size_t nul = env.find('\0', pos);
    if (nul == std::string::npos) nul = env.size();
    if (env.compare(pos, prefix.size(), prefix) == 0)
      return env.substr(pos + prefix.size(), nul - pos - prefix.size());
    pos = nul + 1;
  }
  return "";
}

/// The task ids of every live process a cluster (by its framework id) started.
inline std::set<std::string> live_task_ids(const std::string& framework_id) {
  std::set<std::string> out;
  for (pid_t p : pids_with_env("MESOS_FRAMEWORK_ID=" + framework_id)) {
    std::string id = env_of(p, "MESOS_TASK_ID");
    if (!id.empty()) out.insert(id);
  }
  return out;
}

/// The command line of a process with its NULs turned into spaces.
inline std::string cmdline_of(pid_t pid) {
  std::string text = slurp("/proc/" + std::to_string(pid) + "/cmdline");
  for (char& c : text)
    if (c == '\0') c = ' ';
  return text;
}

/// Sends SIGTERM and waits for the exit status; SIGKILLs and fails past `limit`.
inline int stop_within(LocalCluster& cluster, std::chrono::milliseconds limit) {
  pid_t pid = cluster.pid();
  auto status = std::async(std::launch::async, [&cluster] { return cluster.stop(); });
  if (status.wait_for(limit) != std::future_status::ready) {
    ::kill(pid, SIGKILL);
    status.get();
    FAIL("dcos-local was still running " << limit.count() << " ms after SIGTERM");
  }
  return status.get();
}

/// Reads a streaming response (SSE) on a thread and keeps every byte received.
class StreamReader {
 public:
  StreamReader(const std::string& host, int port, const std::string& path, httplib::Headers headers)
      : cli_(host, port) {
    cli_.set_connection_timeout(5);
    cli_.set_read_timeout(30);
    thread_ = std::thread([this, path, headers] {
      auto res = cli_.Get(
          path, headers,
          [this](const httplib::Response& r) {
            std::lock_guard lock(mu_);
            status_ = r.status;
            content_type_ = r.get_header_value("Content-Type");
            cv_.notify_all();
            return true;
          },
          [this](const char* data, size_t n) {
            std::lock_guard lock(mu_);
            text_.append(data, n);
            cv_.notify_all();
            return !stopping_;
          });
      std::lock_guard lock(mu_);
      if (res && status_ == 0) status_ = res->status;
      ended_ = true;
      cv_.notify_all();
    });
  }
  ~StreamReader() { close(); }
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  /// Waits until the text received so far satisfies `pred` (false on timeout or stream end).
  bool wait_for(const std::function<bool(const std::string&)>& pred,
                std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, limit, [&] { return pred(text_) || ended_; });
    return pred(text_);
  }
  bool wait_contains(const std::string& needle,
                     std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    return wait_for([&](const std::string& t) { return t.find(needle) != std::string::npos; },
                    limit);
  }
  /// Waits for the response head; returns its status (0 when none came in time).
  int status(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, limit, [&] { return status_ != 0 || ended_; });
    return status_;
  }
  std::string content_type() {
    std::lock_guard lock(mu_);
    return content_type_;
  }
  std::string text() {
    std::lock_guard lock(mu_);
    return text_;
  }
  bool ended() {
    std::lock_guard lock(mu_);
    return ended_;
  }
  /// Waits until the server ends the stream by itself.
  bool wait_ended(std::chrono::milliseconds limit) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return ended_; });
  }
  void close() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    // stop() only aborts a request in flight, so repeat it until the thread is done.
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
  httplib::Client cli_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string text_, content_type_;
  int status_ = 0;
  bool ended_ = false;
  bool stopping_ = false;
};

/// One SSE frame: its event name and the parsed JSON of its data line.
struct SseEvent {
  std::string type;
  json data;
};

/// Splits Marathon's CRLF-framed event stream into events (heartbeats are skipped).
inline std::vector<SseEvent> parse_events(const std::string& text) {
  std::vector<SseEvent> out;
  size_t pos = 0;
  while (true) {
    size_t end = text.find("\r\n\r\n", pos);
    if (end == std::string::npos) break;
    std::string frame = text.substr(pos, end - pos);
    pos = end + 4;
    SseEvent e;
    size_t line_start = 0;
    while (line_start < frame.size()) {
      size_t line_end = frame.find("\r\n", line_start);
      if (line_end == std::string::npos) line_end = frame.size();
      std::string line = frame.substr(line_start, line_end - line_start);
      if (line.rfind("event: ", 0) == 0) e.type = line.substr(7);
      if (line.rfind("data: ", 0) == 0) e.data = json::parse(line.substr(6), nullptr, false);
      line_start = line_end + 2;
    }
    if (!e.type.empty()) out.push_back(e);
  }
  return out;
}

/// Exit status and output of a dcos-local run that is expected to end by itself.
struct RunResult {
  int status = -1;
  std::string out, err;
  std::vector<std::string> leftovers;  // what it left in its TMPDIR
  bool left_processes = false;         // task processes with a sandbox in that TMPDIR
};

inline RunResult run_local(const std::vector<std::string>& args,
                           std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  namespace fs = std::filesystem;
  std::string dir_template = (fs::temp_directory_path() / "dcos-local-run-XXXXXX").string();
  REQUIRE(::mkdtemp(dir_template.data()) != nullptr);
  fs::path dir = dir_template;
  std::string out_path = (dir / "out").string(), err_path = (dir / "err").string();
  std::vector<std::string> argv = {DCOS_LOCAL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("TMPDIR", dir.c_str(), 1);  // its temporary work folder goes here too
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    std::vector<char*> ptrs;
    for (auto& a : argv) ptrs.push_back(a.data());
    ptrs.push_back(nullptr);
    ::execv(ptrs[0], ptrs.data());
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  RunResult result;
  int status = 0;
  bool exited = eventually([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, limit);
  if (!exited) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name != "out" && name != "err") result.leftovers.push_back(name);
  }
  result.left_processes = !pids_with_env("MESOS_SANDBOX=" + dir.string(), true).empty();
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(exited);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace dcos::testing
