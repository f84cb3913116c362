// Where each DC/OS service of a cluster lives and how to reach it: the base URL per service
// (core.dcos_url, or the per-service override keys) and the connection settings (token,
// TLS, timeouts) that every request to the cluster uses.
#pragma once

#include <string>

#include "client/config.hpp"
#include "client/http_client.hpp"

namespace dcos {

enum class Service {
  admin_router,  ///< core.dcos_url itself: /metadata, /dcos-metadata, /acs, /system, ...
  marathon,      ///< marathon.url, else <dcos_url>/service/marathon
  mesos,         ///< core.mesos_master_url, else <dcos_url>/mesos
  cosmos,        ///< package.cosmos_url, else <dcos_url> (Cosmos's paths start with /package)
};

/// The base URL of `service` with no trailing slash, or a config error when core.dcos_url is
/// missing.
Result<std::string> service_url(const Config& config, Service service);

/// Client options for `service` of the cluster described by `config`: base URL, token,
/// user agent, TLS setting and timeouts (env overrides DCOS_SSL_VERIFY / DCOS_TIMEOUT apply).
Result<ClientOptions> client_options(const Config& config, Service service, const EnvLookup& env);

}  // namespace dcos
