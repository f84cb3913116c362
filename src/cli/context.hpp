// The Context is everything a command may touch outside its own arguments: the three streams,
// facts about the terminal, the environment, the clock, the configuration (loaded on first
// use) and a factory for HTTP clients. main() builds one from the real process; tests build
// one from string streams and a fake transport, so every command runs the same in both.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "client/config_store.hpp"
#include "client/http_client.hpp"
#include "client/services.hpp"
#include "client/session.hpp"

namespace dcos {

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  int width = 80;  ///< columns of the terminal on stdout; meaningful only when stdout_tty
};

class Context {
 public:
  using TransportFactory = std::function<std::unique_ptr<Transport>()>;
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  Context(std::ostream& out, std::ostream& err, std::istream& in, Terminal terminal, EnvLookup env,
          TransportFactory transports);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  std::ostream& out;  ///< data only
  std::ostream& err;  ///< messages, warnings, progress, traces
  std::istream& in;
  Terminal terminal;
  EnvLookup env;
  Clock now;
  HttpClient::Sleeper sleep;
  const std::atomic<bool>* interrupted = nullptr;

  int verbosity = 0;                          ///< 0 quiet, 1 -v, 2 -vv
  std::optional<std::string> cluster_choice;  ///< --cluster, else DCOS_CLUSTER when set

  /// Colour is used only on a terminal and never when NO_COLOR is set.
  bool color() const;
  /// The width tables must fit: the terminal's, or none when stdout is not a terminal.
  std::optional<int> table_width() const {
    return terminal.stdout_tty ? std::optional<int>(terminal.width) : std::nullopt;
  }
  /// Writes a warning line to stderr.
  void warn(const std::string& message);
  /// Writes an info line to stderr when -v or more was given.
  void info(const std::string& message);

  /// The configuration folder ($DCOS_DIR or ~/.dcos), resolved on first use.
  Result<ConfigStore*> store();
  /// The current cluster (see ConfigStore::current), loaded on first use; warns once when its
  /// dcos.toml is readable by others.
  Result<ClusterConfig*> cluster();
  /// A client for `service` of the current cluster, sharing one transport (one connection).
  Result<HttpClient> client(Service service);
  /// The connection settings of `service` of the current cluster, token renewal included.
  Result<ClientOptions> service_options(Service service);
  /// A client for explicit options (e.g. a cluster being set up), on the shared transport.
  HttpClient client(ClientOptions options);
  /// A client on a transport of its own, for requests made in parallel on other threads.
  HttpClient client(ClientOptions options, Transport& own_transport);
  /// A new transport (one connection), for a thread of its own.
  std::unique_ptr<Transport> new_transport() { return transports_(); }

 private:
  Transport& transport();
  /// The credentials of the current cluster, made with it on first use.
  Result<Session*> session();

  TransportFactory transports_;
  std::unique_ptr<Transport> transport_;
  std::optional<ConfigStore> store_;
  std::optional<ClusterConfig> cluster_;
  std::unique_ptr<Session> session_;  // after cluster_: it holds a reference to its config
};

}  // namespace dcos
