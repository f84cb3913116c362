// The login half of the DC/OS client: finding out whether and how a cluster wants callers to
// log in, choosing a login provider from the command-line flags, and trading credentials for
// a DC/OS authentication token. Prompts, menus and browsers belong to the commands.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// What the unauthenticated probe learned: no login needed, or the WWW-Authenticate scheme.
enum class AuthChallenge { none, acsjwt, oauthjwt, other };

struct AuthProbe {
  AuthChallenge challenge = AuthChallenge::none;
  std::string header;  ///< the WWW-Authenticate value as received (for `other`)
};

/// Sends HEAD /pkgpanda/active.buildinfo.full.json. `client` must carry no token (the probe
/// must go out without an Authorization header; a client with one is refused). 200 means
/// authentication is disabled, 401 names the scheme, any other status is an Error.
Result<AuthProbe> detect_auth(HttpClient& client);

/// One login provider as listed by /acs/api/v1/auth/providers, or synthesized from the probe.
struct LoginProvider {
  std::string id;
  std::string type;           ///< "authentication-type", e.g. dcos-uid-password
  std::string client_method;  ///< "client-method", e.g. dcos-usercredential-post-receive-authtoken
  std::string start_flow_url;
  std::string description;
};

/// The cluster's login providers sorted by ID. GET /acs/api/v1/auth/providers; when that is
/// not 200 the provider follows from the probe (acsjwt: dcos-users, oauthjwt: dcos-oidc-auth0).
/// A probe of `none` is the Error "authentication disabled".
Result<std::vector<LoginProvider>> login_providers(HttpClient& client, const AuthProbe& probe);

/// The providers as the JSON map that `auth list-providers --json` prints: ID to
/// {"authentication-type","client-method","config":{"start_flow_url"},"description"}.
nlohmann::json providers_json(const std::vector<LoginProvider>& providers);

/// The LOGIN METHOD column of `auth list-providers`; "" for types the CLI does not know.
std::string login_method_text(const LoginProvider& provider);

/// The login flags, after the command has applied DCOS_USERNAME / DCOS_PASSWORD.
struct LoginFlags {
  std::string provider, username, password, password_file, private_key;
};

/// The providers the flags leave possible: service keys need --private-key, a private key rules
/// out everything else, and browser methods are out once any credential is given.
std::vector<LoginProvider> compatible_providers(const std::vector<LoginProvider>& providers,
                                                const LoginFlags& flags);

/// Picks the provider without asking: --provider by ID, else dcos-uid-password when both a
/// username and a password are known, else the only compatible provider. Several compatible
/// providers are a usage Error listing their IDs (on a terminal the command shows a menu).
Result<LoginProvider> choose_provider(const std::vector<LoginProvider>& providers,
                                      const LoginFlags& flags);

/// POSTs {"uid","password"} (empty fields left out) to the provider's start_flow_url and returns
/// the DC/OS token. A refusal is an auth Error carrying the server's description.
Result<std::string> login_with_password(HttpClient& client, const LoginProvider& provider,
                                        const std::string& uid, const std::string& password);

/// Signs {"uid","exp":now+5min} with the service account's key (RS256) and POSTs
/// {"uid","token"} to /acs/api/v1/auth/login; returns the DC/OS token.
Result<std::string> login_with_service_key(HttpClient& client, const std::string& uid,
                                           const std::string& private_key_pem,
                                           std::chrono::system_clock::time_point now);

/// POSTs {"token"} (an OpenID Connect ID token from the browser) to /acs/api/v1/auth/login.
Result<std::string> login_with_id_token(HttpClient& client, const std::string& id_token);

}  // namespace dcos
