// dcos-local: a single-machine stand-in for a DC/OS cluster's HTTP APIs.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include "local/cassandra/entry.hpp"
#include "local/cluster.hpp"
#include "local/command_line.hpp"
#include "local/iam.hpp"
#include "local/seed.hpp"
#include "local/server.hpp"

namespace fs = std::filesystem;
using namespace dcos_local;

namespace {

/// Why `dir` cannot hold the work folder (created when missing), or "" when it can.
std::string unusable_work_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return ec.message();
  if (!fs::is_directory(dir, ec)) return std::strerror(ENOTDIR);
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return std::strerror(errno);
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  // The Cassandra service's own processes (run as tasks) are subcommands of this binary.
  if (argc > 1 && std::string(argv[1]) == "cassandra-scheduler")
    return cassandra::run_scheduler(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "cassandra-node")
    return cassandra::run_node(argc - 1, argv + 1);
  Options opt;
  if (auto done = parse_command_line(argc, argv, opt)) return *done;

  // Signals go to one thread that stops the server; task processes reset them (process.cpp).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  bool temporary = opt.work_dir.empty();
  std::error_code ec;
  if (temporary) {
    std::string tmpl = (fs::temp_directory_path() / "dcos-local-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
      std::fprintf(stderr, "dcos-local: cannot create a work folder in %s\n", tmpl.c_str());
      return 1;
    }
    opt.work_dir = tmpl;
  } else {
    if (std::string why = unusable_work_dir(opt.work_dir); !why.empty()) {
      std::fprintf(stderr, "dcos-local: cannot use --work-dir %s: %s\n", opt.work_dir.c_str(),
                   why.c_str());
      return 1;
    }
    opt.work_dir = fs::absolute(opt.work_dir).string();
  }

  EventBus events;
  Cluster cluster(opt, events);
  if (opt.seed == "demo") seed_demo(cluster);
  if (opt.scale > 0) seed_scale(cluster, opt.scale);
  if (opt.history > 0) seed_history(cluster, opt.history);
  Iam iam(cluster.options());
  auto server = make_server(cluster.options(), cluster, iam);
  // A failed start leaves neither a work folder nor (the tasks start below) a process behind.
  auto give_up = [&](const std::string& message) {
    std::fprintf(stderr, "dcos-local: %s\n", message.c_str());
    if (temporary) fs::remove_all(opt.work_dir, ec);
    return 1;
  };
  if (!server->is_valid()) return give_up("cannot load the TLS certificate or key");
  int port = bind_server(*server, opt.host, opt.port);
  if (port < 0)
    return give_up("cannot listen on " + opt.host + ":" + std::to_string(opt.port) + ": " +
                   bind_failure(opt.host, opt.port));
  std::string host = opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host;
  std::string url = std::string(opt.tls_cert.empty() ? "http" : "https") + "://" + host + ":" +
                    std::to_string(port);
  {
    std::lock_guard lock(cluster.mu);
    cluster.master_url = url;  // tasks get it as DCOS_LOCAL_MASTER
  }
  cluster.tick();  // scaled and seeded apps get their tasks before the first request
  std::printf("%s\n", url.c_str());
  std::fflush(stdout);

  std::atomic<bool> running{true};
  // An exception in a background loop must not end the process (std::terminate): it is
  // reported once per distinct message and the loop goes on.
  auto guarded = [](const char* what, std::string& last, const std::function<void()>& step) {
    try {
      step();
    } catch (const std::exception& e) {
      if (last != e.what()) std::fprintf(stderr, "dcos-local: %s failed: %s\n", what, e.what());
      last = e.what();
    }
  };
  std::thread scheduler([&] {
    std::string last;
    while (running) {
      guarded("scheduler", last, [&] { cluster.tick(); });
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::thread health([&] {
    std::string last;
    while (running) {
      guarded("health check", last, [&] { cluster.run_health_checks(); });
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (!opt.quiet) std::fprintf(stderr, "dcos-local: stopping (signal %d)\n", sig);
    events.close_all();
    {
      std::lock_guard lock(cluster.mu);
      cluster.close_framework_streams();
    }
    cluster.log_streams.drop_all();
    cluster.journal.wake_all();
    server->stop();
    // The tasks stop while the server finishes the requests it has (an idle keep-alive
    // connection holds it up to 5 s): once the scheduler has ended nothing is relaunched, and
    // ending the tasks also ends any health probe still waiting on one of them.
    running = false;
    scheduler.join();
    cluster.shutdown();
    health.join();
  });
  bool served = server->listen_after_bind();
  if (!served) {
    std::fprintf(stderr, "dcos-local: the server stopped accepting connections\n");
    ::kill(::getpid(), SIGTERM);  // wakes the waiter, which stops the tasks
  }
  waiter.join();
  if (temporary) fs::remove_all(opt.work_dir, ec);
  return served ? 0 : 1;
}
