// dcos-local: a single-machine stand-in for a DC/OS cluster's HTTP APIs.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include "local/cluster.hpp"
#include "local/iam.hpp"
#include "local/seed.hpp"
#include "local/server.hpp"

namespace fs = std::filesystem;
using namespace dcos_local;

namespace {

bool loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || starts_with(host, "127.");
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "dcos-local: %s\nRun 'dcos-local --help' for usage.\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  std::vector<std::string> users, accounts;
  CLI::App app{
      "Serves the DC/OS HTTP APIs (Marathon, Mesos master and agents, IAM, metadata) on this "
      "machine and runs apps as local processes. Prints its base URL on the first line of "
      "stdout once it accepts connections; stops its tasks and exits 0 on SIGINT or SIGTERM.",
      "dcos-local"};
  app.add_option("--port", opt.port, "TCP port; 0 picks a free one")->check(CLI::Range(0, 65535));
  app.add_option("--host", opt.host, "address to listen on (loopback only unless --auth)");
  app.add_option("--work-dir", opt.work_dir,
                 "folder for sandboxes (default: a temporary folder removed at exit)");
  app.add_flag("--auth", opt.auth, "require a login token on every API, as DC/OS does");
  app.add_option("--user", users,
                 "uid:password allowed to log in (default bootstrapuser:deleteme)");
  app.add_option("--service-account", accounts,
                 "uid=public-key.pem of a service account allowed to log in with an RS256 token");
  app.add_option("--token-ttl", opt.token_ttl_s, "lifetime of login tokens in seconds")
      ->check(CLI::PositiveNumber);
  app.add_option("--seed", opt.seed, "initial cluster: none or demo")
      ->check(CLI::IsMember({"none", "demo"}));
  app.add_option("--scale", opt.scale,
                 "also create N apps with 3 simulated tasks each, and one more agent per 50 apps")
      ->check(CLI::Range(0, 100000));
  app.add_option("--agents", opt.agents,
                 "at least N private agents (default 2, plus one public agent); a Cassandra "
                 "ring needs one agent per node")
      ->check(CLI::Range(1, 1000));
  app.add_option("--history", opt.history,
                 "also create M completed tasks (finished, failed, killed), with no process")
      ->check(CLI::Range(0, 1000000));
  app.add_flag("--no-log-api", opt.no_log_api,
               "answer 404 on every /system/v1/.../logs path, as a cluster without dcos-log");
  app.add_option("--deploy-delay", opt.deploy_delay_ms,
                 "milliseconds each deployment step and task start take")
      ->check(CLI::Range(0, 600000));
  app.add_option("--tls-cert", opt.tls_cert, "serve HTTPS with this PEM certificate")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", opt.tls_key, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-ca", opt.tls_ca, "CA certificate served at /ca/dcos-ca.crt")
      ->check(CLI::ExistingFile);
  app.add_option("--time-scale", opt.time_scale,
                 "factor F (0 < F <= 1) given to every task as DCOS_LOCAL_TIME_SCALE: the "
                 "emulated services (Cassandra...) wait F times their usual intervals")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("-q,--quiet", opt.quiet, "do not log requests to stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  if (!(opt.time_scale > 0)) return usage_error("--time-scale wants a factor above 0, up to 1");
  if (opt.tls_cert.empty() != opt.tls_key.empty())
    return usage_error("--tls-cert and --tls-key go together");
  if (!opt.auth && !loopback(opt.host))
    return usage_error("refusing to listen on " + opt.host +
                       " without --auth: dcos-local runs the commands clients send it, so only "
                       "loopback addresses are allowed unless logins are required");
  for (const std::string& u : users) {
    size_t colon = u.find(':');
    if (colon == std::string::npos || colon == 0)
      return usage_error("--user wants uid:password, got '" + u.substr(0, colon) + "...'");
    opt.users.emplace_back(u.substr(0, colon), u.substr(colon + 1));
  }
  if (opt.users.empty()) opt.users.emplace_back("bootstrapuser", "deleteme");
  for (const std::string& a : accounts) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) return usage_error("--service-account wants uid=file");
    std::ifstream in(a.substr(eq + 1));
    if (!in) return usage_error("cannot read public key file " + a.substr(eq + 1));
    std::stringstream pem;
    pem << in.rdbuf();
    opt.service_accounts.emplace_back(a.substr(0, eq), pem.str());
  }

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
    fs::create_directories(opt.work_dir, ec);
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
  if (port < 0) return give_up("cannot listen on " + opt.host + ":" + std::to_string(opt.port));
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
