#include "commands/auth_providers.hpp"

#include <nlohmann/json.hpp>

#include "client/strings.hpp"

namespace dcos {

nlohmann::json providers_json(const std::vector<LoginProvider>& providers) {
  nlohmann::json map = nlohmann::json::object();
  for (const auto& p : providers) {
    map[p.id] = {{"authentication-type", p.type},
                 {"client-method", p.client_method},
                 {"config", {{"start_flow_url", p.start_flow_url}}},
                 {"description", p.description}};
  }
  return map;
}

std::string login_method_text(const LoginProvider& provider) {
  // These strings are what the real CLI prints; scripts may parse them.
  const std::string& type = provider.type;
  if (type == "dcos-uid-password") {
    return "Log in using a standard DC/OS user account (username and password)";
  }
  if (type == "dcos-uid-servicekey") {
    return "Log in using a DC/OS service user account (username and private key)";
  }
  if (type == "dcos-uid-password-ldap") {
    return "Log in using an LDAP user account (username and password)";
  }
  if (type == "saml-sp-initiated") return "Log in using SAML 2.0 (" + provider.description + ")";
  if (type == "oidc-implicit-flow" || type == "oidc-authorization-code-flow") {
    return "Log in using OpenID Connect (" + provider.description + ")";
  }
  return {};
}

std::vector<LoginProvider> compatible_providers(const std::vector<LoginProvider>& providers,
                                                const LoginFlags& flags) {
  const bool key = !flags.private_key.empty();
  const bool credentials = key || !flags.username.empty() || !flags.password.empty() ||
                           !flags.password_file.empty() || !flags.password_env.empty();
  std::vector<LoginProvider> kept;
  for (const auto& p : providers) {
    bool fits = p.type == "dcos-uid-servicekey" ? key : !key;
    if (starts_with(p.client_method, "browser-") && credentials) fits = false;
    if (fits) kept.push_back(p);
  }
  return kept;
}

Result<LoginProvider> choose_provider(const std::vector<LoginProvider>& providers,
                                      const LoginFlags& flags) {
  if (!flags.provider.empty()) {
    for (const auto& p : providers) {
      if (p.id == flags.provider) return p;
    }
    return Error::make(ErrorKind::invalid, "unknown login provider ID '" + flags.provider + "'");
  }
  const bool password =
      !flags.password.empty() || !flags.password_file.empty() || !flags.password_env.empty();
  if (!flags.username.empty() && password) {
    for (const auto& p : providers) {
      if (p.type == "dcos-uid-password") return p;
    }
  }
  auto candidates = compatible_providers(providers, flags);
  if (candidates.empty()) {
    return Error::make(ErrorKind::generic, "couldn't determine a login provider");
  }
  if (candidates.size() == 1) return candidates.front();
  std::vector<std::string> ids;
  for (const auto& p : candidates) ids.push_back(p.id);
  return Error::make(ErrorKind::usage, "more than one login provider fits (" + join(ids, ", ") +
                                           "); choose one with --provider <id>");
}

}  // namespace dcos
