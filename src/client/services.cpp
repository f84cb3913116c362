#include "client/services.hpp"

#include "client/strings.hpp"
#include "client/user_agent.hpp"

namespace dcos {
namespace {

std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

/// The key the service's URL comes from: its own override when set, else core.dcos_url.
std::string url_setting_of(const Config& config, Service service) {
  const char* key = service == Service::marathon ? "marathon.url"
                    : service == Service::mesos  ? "core.mesos_master_url"
                    : service == Service::cosmos ? "package.cosmos_url"
                                                 : "core.dcos_url";
  return config.get(key).empty() ? "core.dcos_url" : key;
}

}  // namespace

Result<std::string> service_url(const Config& config, Service service) {
  const std::string dcos_url = without_trailing_slashes(config.get("core.dcos_url"));
  if (dcos_url.empty()) {
    return Error::detailed(ErrorKind::config, "core.dcos_url is not set for this cluster",
                           ErrorDetail::dcos_url_unset);
  }
  auto override_or = [&](const char* key, const char* suffix) {
    std::string url = without_trailing_slashes(config.get(key));
    return url.empty() ? dcos_url + suffix : url;
  };
  switch (service) {
    case Service::admin_router:
      return dcos_url;
    case Service::marathon:
      return override_or("marathon.url", "/service/marathon");
    case Service::mesos:
      return override_or("core.mesos_master_url", "/mesos");
    case Service::cosmos:
      return override_or("package.cosmos_url", "");
  }
  return dcos_url;
}

Result<ClientOptions> client_options(const Config& config, Service service, const EnvLookup& env) {
  auto base = service_url(config, service);
  if (!base) return base.error();
  ClientOptions options;
  options.base_url = *base;
  options.url_setting = url_setting_of(config, service);
  options.url_setting_value = without_trailing_slashes(config.get(options.url_setting));
  options.token = config.get("core.dcos_acs_token");
  options.user_agent = kUserAgent;
  options.tls = TlsSetting::parse(effective_value(config, "core.ssl_verify", env).value_or(""));

  const std::string timeout = effective_value(config, "core.timeout", env).value_or("");
  if (!timeout.empty()) {
    auto seconds = parse_int(trim(timeout));
    if (!seconds || *seconds < 0) {
      bool from_env = env && env("DCOS_TIMEOUT").has_value();
      return Error::make(ErrorKind::config,
                         std::string(from_env ? "DCOS_TIMEOUT" : "core.timeout") +
                             " expects a whole number of seconds, got \"" + timeout + "\"");
    }
    options.timeout = std::chrono::seconds(*seconds);
    if (*seconds == 0) options.connect_timeout = std::chrono::milliseconds(0);
  }
  return options;
}

}  // namespace dcos
