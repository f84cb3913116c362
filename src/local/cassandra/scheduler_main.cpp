// `dcos-local cassandra-scheduler`: the cassandra-mesos 0.2.0 scheduler as Marathon runs it.
// It reads its configuration from the env on a first start and from its state folder after
// that, serves the REST API on $HOST:$PORT0, and drives the ring through the Mesos master at
// $DCOS_LOCAL_MASTER. SIGTERM or SIGINT saves the state and ends it.
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "local/cassandra/driver.hpp"
#include "local/cassandra/entry.hpp"
#include "local/cassandra/state_store.hpp"
#include "local/server.hpp"
#include "local/util.hpp"

namespace dcos_local::cassandra {
namespace {

std::optional<std::string> getenv_opt(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "cassandra-scheduler: %s\n", message.c_str());
  return code;
}

}  // namespace

int run_scheduler(int, char**) {
  auto port = getenv_opt("PORT0");
  if (!port || std::atoi(port->c_str()) <= 0) return fail(5, "PORT0 is not set");
  std::string host = getenv_opt("HOST").value_or("localhost");
  auto master = getenv_opt("DCOS_LOCAL_MASTER");
  if (!master || master->empty()) return fail(1, "DCOS_LOCAL_MASTER is not set");
  double scale = std::atof(getenv_opt("DCOS_LOCAL_TIME_SCALE").value_or("1").c_str());
  if (scale <= 0) scale = 1;

  std::string name = getenv_opt("CASSANDRA_CLUSTER_NAME").value_or("");
  std::filesystem::path root = getenv_opt("DCOS_LOCAL_STATE").value_or("state");
  std::string dir = (root / "cassandra-mesos" / (name.empty() ? "cassandra" : name)).string();
  std::optional<RingState> state = load_state(dir);
  if (!state) {  // a first start: the env decides, once
    ConfigFromEnv config = config_from_env(getenv_opt);
    if (!config.error.empty()) return fail(1, config.error);
    state = RingState{config.config, {}, {}, 0, 0, std::nullopt, {}};
  }
  RingHost ring_host{{}, Ring(std::move(*state), scale, now_ms), [] {}};
  std::string saved;
  auto persist = [&] {  // called with the ring's lock held
    std::string text = state_to_json(ring_host.ring.state()).dump();
    if (text == saved) return;
    if (save_state(dir, text))
      saved = text;
    else
      std::fprintf(stderr, "cassandra-scheduler: cannot write the state in %s\n", dir.c_str());
  };
  ring_host.changed = persist;
  {
    std::lock_guard lock(ring_host.mutex);
    persist();
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  register_api(server, ring_host);
  // Without SO_REUSEPORT (bind_server): a port taken by another process is an error to report.
  if (bind_server(server, host, std::atoi(port->c_str())) <= 0)
    return fail(1, "cannot listen on " + host + ":" + *port);
  std::fprintf(stderr, "cassandra-scheduler: framework %s serving on %s:%s, state in %s\n",
               ring_host.ring.config().framework_name.c_str(), host.c_str(), port->c_str(),
               dir.c_str());

  std::atomic<bool> running{true};
  Driver driver(ring_host, *master, persist);
  driver.set_token(getenv_opt("DCOS_LOCAL_TOKEN").value_or(""));
  std::thread api([&] { server.listen_after_bind(); });
  std::thread poller([&] { driver.run_poller(running); });
  // The event stream may sit in a read for up to a heartbeat; it is left behind at exit.
  std::thread([&] { driver.run_subscription(running); }).detach();

  int sig = 0;
  sigwait(&signals, &sig);
  running = false;
  server.stop();
  api.join();
  poller.join();
  std::lock_guard lock(ring_host.mutex);
  persist();
  std::fflush(stderr);
  std::_Exit(0);  // the subscription thread still holds references to this frame
}

}  // namespace dcos_local::cassandra
