// The credentials of one cluster and their renewal. A cluster set up with a service account
// keeps the account's name and the path of its private key (never the key) in dcos.toml. When
// the cluster refuses the stored token, the session logs in again with that key, saves the new
// token and hands it to the client that asked, which retries its request once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "client/config.hpp"
#include "client/http_client.hpp"
#include "client/services.hpp"

namespace dcos {

/// What a session needs from whoever runs it; the client library neither makes transports of
/// its own accord nor prints.
struct SessionHooks {
  /// A new transport (one connection). The renewal uses one of its own, since it may run on a
  /// thread beside the main one while the main transport is busy.
  std::function<std::unique_ptr<Transport>()> new_transport;
  /// A client for `options` on `transport` (tracing and back-off as the caller wants them).
  std::function<HttpClient(ClientOptions options, Transport& transport)> client;
  /// The current time, for the expiry of the signed login token.
  std::function<std::chrono::system_clock::time_point()> now;
  /// Told the account's name after each successful renewal.
  std::function<void(const std::string& account)> renewed;
};

class Session {
 public:
  /// `config` is the cluster's configuration; it must outlive the session, and the session
  /// must outlive every ClientOptions it hands out.
  Session(Config& config, EnvLookup env, SessionHooks hooks);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// The connection settings of `service`. When the cluster was set up with a service
  /// account, an expired token is renewed through renew() and the request retried once.
  Result<ClientOptions> options(Service service);

  /// True when the configuration names a service account and its key.
  bool can_renew() const { return !account_.empty() && !key_path_.empty(); }

  /// Logs in again with the service account's key, stores and saves the new token, and
  /// returns it. Threads that find the token expired together renew one at a time.
  Result<std::string> renew();

 private:
  Config& config_;
  EnvLookup env_;
  SessionHooks hooks_;
  std::string account_;
  std::string key_path_;
  std::mutex renewing_;
};

}  // namespace dcos
