// The login half of the DC/OS client: finding out whether and how a cluster wants callers to
// log in, listing its login providers, and trading credentials for a DC/OS authentication
// token. Choosing a provider, prompts, menus and browsers belong to the commands.
#pragma once

#include <chrono>
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
