#include "cli/context.hpp"

#include "client/iam.hpp"
#include "client/secret_file.hpp"

#include <cstdio>
#include <mutex>
#include <ostream>
#include <thread>

namespace dcos {

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

void Context::warn(const std::string& message) { err << "Warning: " << message << "\n"; }

void Context::info(const std::string& message) {
  if (verbosity >= 1) err << message << "\n";
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
      char octal[16];
      std::snprintf(octal, sizeof octal, "%04o", mode);
      warn(cluster_->file().string() + " has mode " + octal +
           " but holds your token; run 'chmod 600 " + cluster_->file().string() + "'");
    }
  }
  return &*cluster_;
}

Transport& Context::transport() {
  if (!transport_) transport_ = transports_();
  return *transport_;
}

HttpClient Context::client(ClientOptions options) {
  Tracer tracer;
  tracer.level = verbosity >= 2 ? 2 : verbosity;
  tracer.write = [this](const std::string& line) { err << line << "\n"; };
  return HttpClient(transport(), std::move(options), std::move(tracer), sleep);
}

HttpClient Context::client(ClientOptions options, Transport& own_transport) {
  // Several threads may trace at once: one line at a time.
  static std::mutex trace_lock;
  Tracer tracer;
  tracer.level = verbosity >= 2 ? 2 : verbosity;
  tracer.write = [this](const std::string& line) {
    std::lock_guard lock(trace_lock);
    err << line << "\n";
  };
  return HttpClient(own_transport, std::move(options), std::move(tracer), sleep);
}

Result<HttpClient> Context::client(Service service) {
  auto options = service_options(service);
  if (!options) return options.error();
  return client(std::move(options).value());
}

Result<ClientOptions> Context::service_options(Service service) {
  auto current = cluster();
  if (!current) return current.error();
  auto options = client_options((*current)->config, service, env);
  if (!options) return options.error();
  ClusterConfig* cluster = *current;
  std::string account = cluster->config.get("core.dcos_service_account");
  std::string key = cluster->config.get("core.dcos_private_key");
  if (!account.empty() && !key.empty()) {
    // The cluster was set up with a service account: an expired token is renewed with its
    // key (read from the stored path) and saved, and the request is retried once.
    options->refresh_token = [this, cluster, account, key]() -> Result<std::string> {
      // Clients on other threads may find the token expired at the same time.
      static std::mutex renewing;
      std::lock_guard lock(renewing);
      auto bare_options = client_options(cluster->config, Service::admin_router, env);
      if (!bare_options) return bare_options.error();
      bare_options->token.clear();
      // A connection of its own: the renewal may run on a thread beside the main one.
      auto own = new_transport();
      HttpClient bare = client(std::move(bare_options).value(), *own);
      auto pem = read_secret_file(key);
      if (!pem) return pem.error();
      auto token = login_with_service_key(bare, account, *pem, now());
      if (!token) return token.error();
      if (Status set = cluster->config.set("core.dcos_acs_token", *token); !set) return set.error();
      if (Status saved = cluster->config.save(); !saved) return saved.error();
      info("The token had expired; logged in again as " + account);
      return token;
    };
  }
  return options;
}

}  // namespace dcos
