// The Context is everything a command may touch outside its own arguments: the three streams,
// facts about the terminal, the environment, the clock, the configuration (loaded on first
// use), a factory for HTTP clients, and the side effects on the machine (opening a browser,
// terminal echo, running another program). main() builds one from the real process; tests build one
// from string streams, a fake transport and recording effects, so every command runs the same in
// both.
//
// Threads. A command runs on the main thread, and everything here is for that thread, except:
//   - client(options, own_transport) and new_transport(): a thread of a parallel fetch makes
//     its client with them (made on the main thread or on that thread, then used only there);
//   - the clients' -v/-vv tracing, info() and warn(): they write whole lines under one lock
//     that the Context owns, so lines from several threads never interleave;
//   - now and sleep, which hold no state.
// The main thread itself must not write to `err` directly while a parallel fetch is running
// (it may trace, info() or warn(), which take the lock). Clients made by client(Service) share
// the one main transport and are for the main thread only. Token renewal may run on any thread:
// the Session serialises it with a lock of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/config_store.hpp"
#include "client/fan_out.hpp"
#include "client/http_client.hpp"
#include "client/services.hpp"
#include "client/session.hpp"

namespace dcos {

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  /// Columns of the terminal on stdout; when stdout is no terminal, of the one on stderr (for
  /// progress and notices there); 80 when neither is one.
  int width = 80;
};

/// What a command does to the machine beyond its streams. main() installs the real ones
/// (src/cli/system_effects.cpp); a Context starts with ones that do nothing, so a test sees
/// what was asked and nothing happens on the machine that runs it.
struct Effects {
  /// Opens `url` in the user's browser without waiting for it.
  std::function<void(const std::string& url)> open_browser = [](const std::string&) {};
  /// Turns echo of what is typed on stdin's terminal off (false) or back to how it was (true).
  /// False when stdin is no terminal whose modes can change.
  std::function<bool(bool on)> set_echo = [](bool) { return false; };
  /// Runs the program `argv` (argv[0] is looked up in PATH) on this process's stdin, stdout and
  /// stderr and waits for it: its exit status (128 + the signal when a signal ended it), or an
  /// Error when it could not be started.
  std::function<Result<int>(const std::vector<std::string>& argv)> run_program =
      [](const std::vector<std::string>&) -> Result<int> { return 0; };
  /// Puts stdin's terminal in raw mode (true: keys reach the program one by one, Ctrl-C
  /// included, nothing is echoed; output is still translated) or back to how it was (false).
  /// False when stdin is no terminal whose modes can change.
  std::function<bool(bool on)> set_raw = [](bool) { return false; };
  /// The rows and columns of the terminal on stdin, 0x0 when unknown.
  std::function<std::pair<int, int>()> window_size = [] { return std::pair<int, int>(0, 0); };
  /// Reads what stdin has, up to `size` bytes, waiting at most `wait` for some: the count read,
  /// 0 at the end of input, -1 when nothing came in time. Empty (the default): callers read
  /// the Context's `in` stream instead, which blocks until there is data.
  std::function<long(char* buffer, size_t size, std::chrono::milliseconds wait)> read_stdin;
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
  Effects effects;

  int verbosity = 0;                          ///< 0 quiet, 1 -v, 2 -vv
  std::optional<std::string> cluster_choice;  ///< --cluster, else DCOS_CLUSTER when set

  /// Colour is used only on a terminal and never when NO_COLOR is set.
  bool color() const;
  /// --wide (set by print_list): tables show every column in full even on a terminal.
  bool wide_tables = false;

  /// The width tables must fit: the terminal's, or none when stdout is not a terminal or
  /// --wide was given.
  std::optional<int> table_width() const {
    return terminal.stdout_tty && !wide_tables ? std::optional<int>(terminal.width) : std::nullopt;
  }
  /// Writes a warning line to stderr (any thread).
  void warn(const std::string& message);
  /// Writes an info line to stderr when -v or more was given (any thread).
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
  /// On a terminal (stderr), its requests say what they wait for when no answer has come after
  /// a second ("Waiting for <url> …", cleared when the request ends).
  HttpClient client(ClientOptions options);
  /// A client on a transport of its own, for requests made in parallel on other threads.
  HttpClient client(ClientOptions options, Transport& own_transport);
  /// A new transport (one connection), for a thread of its own.
  std::unique_ptr<Transport> new_transport() { return transports_(); }
  /// How a fan-out (client/fan_out.hpp) makes its workers' transports and traced clients.
  ClientFactory client_factory();

 private:
  Transport& transport();
  /// The credentials of the current cluster, made with it on first use.
  Result<Session*> session();

  /// Writes one line to stderr under err_lock_.
  void write_err_line(const std::string& line);
  Tracer tracer();
  /// The "Waiting for <url> …" notice of the main thread's clients; none off a terminal.
  WaitNotice wait_notice();

  std::mutex err_lock_;  ///< one line at a time on stderr from several threads
  /// Numbers the traced requests of every client of this command, fan-out included.
  std::shared_ptr<std::atomic<unsigned>> trace_sequence_ =
      std::make_shared<std::atomic<unsigned>>(0);
  TransportFactory transports_;
  std::unique_ptr<Transport> transport_;
  std::optional<ConfigStore> store_;
  std::optional<ClusterConfig> cluster_;
  std::unique_ptr<Session> session_;  // after cluster_: it holds a reference to its config
};

}  // namespace dcos
