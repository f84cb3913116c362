#include "cli/context.hpp"
#include "client/number_format.hpp"

#include <mutex>
#include <ostream>
#include <thread>

namespace dcos {
namespace {

/// `text` cut to `columns` characters (UTF-8), ending in "…" when cut.
std::string fit_columns(const std::string& text, int columns) {
  auto starts_char = [&text](size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  };
  long chars = 0;
  for (size_t i = 0; i < text.size(); ++i) chars += starts_char(i) ? 1 : 0;
  if (columns < 2 || chars <= columns) return text;
  long kept = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (starts_char(i) && kept++ == columns - 1) return text.substr(0, i) + "…";
  }
  return text;
}

}  // namespace

Context::Context(std::ostream& out_stream, std::ostream& err_stream, std::istream& in_stream,
                 Terminal term, EnvLookup environment, TransportFactory transports)
    : out(out_stream),
      err(err_stream),
      in(in_stream),
      terminal(term),
      env(std::move(environment)),
      now([] { return std::chrono::system_clock::now(); }),
      sleep([](std::chrono::milliseconds pause) { std::this_thread::sleep_for(pause); }),
      transports_(std::move(transports)) {}

Context::~Context() = default;

bool Context::color() const { return terminal.stdout_tty && !(env && env("NO_COLOR").has_value()); }

void Context::write_err_line(const std::string& line) {
  std::lock_guard lock(err_lock_);
  err << line << "\n";
}

void Context::warn(const std::string& message) { write_err_line("Warning: " + message); }

void Context::info(const std::string& message) {
  if (verbosity >= 1) write_err_line(message);
}

Result<ConfigStore*> Context::store() {
  if (!store_) {
    auto root = ConfigStore::default_root(env);
    if (!root) return root.error();
    store_.emplace(*root);
  }
  return &*store_;
}

Result<ClusterConfig*> Context::cluster() {
  if (!cluster_) {
    auto config_store = store();
    if (!config_store) return config_store.error();
    auto current = (*config_store)->current(cluster_choice);
    if (!current) return current.error();
    cluster_.emplace(std::move(current).value());
    const unsigned mode = cluster_->config.mode_on_disk();
    if ((mode & 0077) != 0) {
      warn(cluster_->file().string() + " has mode " + octal(mode, 4) +
           " but holds your token; run 'chmod 600 " + cluster_->file().string() + "'");
    }
  }
  return &*cluster_;
}

Transport& Context::transport() {
  if (!transport_) transport_ = transports_();
  return *transport_;
}

Tracer Context::tracer() {
  Tracer tracer;
  tracer.level = verbosity >= 2 ? 2 : verbosity;
  // The main client and the clients of parallel fetches may trace at the same time.
  tracer.write = [this](const std::string& line) { write_err_line(line); };
  tracer.sequence = trace_sequence_;
  return tracer;
}

WaitNotice Context::wait_notice() {
  WaitNotice notice;
  if (!terminal.stderr_tty) return notice;
  // One row, kept short of the edge (a ^C echoed after it must not wrap), so that going back
  // to its start and erasing to the end of the row removes it all.
  notice.show = [this](const std::string& url) {
    std::lock_guard lock(err_lock_);
    err << fit_columns("Waiting for " + url + " …", terminal.width - 3) << std::flush;
  };
  notice.clear = [this] {
    std::lock_guard lock(err_lock_);
    err << "\r\033[K" << std::flush;
  };
  return notice;
}

HttpClient Context::client(ClientOptions options) {
  return HttpClient(transport(), std::move(options), tracer(), sleep, wait_notice());
}

HttpClient Context::client(ClientOptions options, Transport& own_transport) {
  return HttpClient(own_transport, std::move(options), tracer(), sleep);
}

ClientFactory Context::client_factory() {
  return ClientFactory{[this] { return new_transport(); },
                       [this](ClientOptions options, Transport& own_transport) {
                         return client(std::move(options), own_transport);
                       }};
}

Result<HttpClient> Context::client(Service service) {
  auto options = service_options(service);
  if (!options) return options.error();
  return client(std::move(options).value());
}

Result<Session*> Context::session() {
  if (!session_) {
    auto current = cluster();
    if (!current) return current.error();
    SessionHooks hooks;
    hooks.new_transport = [this] { return new_transport(); };
    hooks.client = [this](ClientOptions options, Transport& own) {
      return client(std::move(options), own);
    };
    hooks.now = [this] { return now(); };
    hooks.renewed = [this](const std::string& account) {
      info("The token had expired; logged in again as " + account);
    };
    session_ = std::make_unique<Session>((*current)->config, env, std::move(hooks));
  }
  return session_.get();
}

Result<ClientOptions> Context::service_options(Service service) {
  auto current = session();
  if (!current) return current.error();
  return (*current)->options(service);
}

}  // namespace dcos
