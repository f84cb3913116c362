#include "client/iam.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "client/jwt_sign.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

constexpr const char* kProbePath = "/pkgpanda/active.buildinfo.full.json";
constexpr const char* kProvidersPath = "/acs/api/v1/auth/providers";
constexpr const char* kLoginPath = "/acs/api/v1/auth/login";

LoginProvider default_password_provider() {
  return {"dcos-users", "dcos-uid-password", "dcos-usercredential-post-receive-authtoken",
          kLoginPath, "Default DC/OS login provider"};
}

LoginProvider default_oidc_provider() {
  return {"dcos-oidc-auth0", "oidc-implicit-flow", "browser-prompt-oidcidtoken-get-authtoken",
          "/login?redirect_uri=urn:ietf:wg:oauth:2.0:oob", "Google, GitHub, or Microsoft"};
}

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Adds `provider`, replacing any provider with the same ID.
void put(std::vector<LoginProvider>& providers, LoginProvider provider) {
  std::erase_if(providers, [&](const LoginProvider& p) { return p.id == provider.id; });
  providers.push_back(std::move(provider));
}

// POSTs a JSON login body and returns the token from a 200 answer.
Result<std::string> post_login(HttpClient& client, const std::string& path,
                               const nlohmann::ordered_json& body) {
  auto response = client.send("POST", path.empty() ? kLoginPath : path,
                              body.dump(-1, ' ', false, json::error_handler_t::replace),
                              {{"Content-Type", "application/json"}});
  if (!response) return response.take_error();
  auto parsed = json::parse(response->body, nullptr, false);
  bool object = !parsed.is_discarded() && parsed.is_object();
  if (response->status != 200) {
    std::string description = object ? string_field(parsed, "description") : "";
    if (description.empty()) description = "couldn't log in";
    return Error::make(response->status >= 500 ? ErrorKind::server : ErrorKind::auth,
                       std::move(description));
  }
  std::string token = object ? string_field(parsed, "token") : "";
  if (token.empty()) {
    return Error::make(ErrorKind::server, "the cluster's login answer carried no token");
  }
  return token;
}

}  // namespace

Result<AuthProbe> detect_auth(HttpClient& client) {
  if (!client.options().token.empty()) {
    return Error::make(ErrorKind::generic,
                       "internal error: the authentication probe must be sent without a token");
  }
  auto response = client.send("HEAD", kProbePath);
  if (!response) return response.take_error();
  if (response->status == 200) return AuthProbe{};
  if (response->status != 401) {
    return Error::make(ErrorKind::generic,
                       "expected status code 401, got " + std::to_string(response->status));
  }
  AuthProbe probe{AuthChallenge::other,
                  std::string(trim(header_value(response->headers, "WWW-Authenticate")))};
  if (probe.header == "acsjwt") probe.challenge = AuthChallenge::acsjwt;
  if (probe.header == "oauthjwt") probe.challenge = AuthChallenge::oauthjwt;
  return probe;
}

Result<std::vector<LoginProvider>> login_providers(HttpClient& client, const AuthProbe& probe) {
  if (probe.challenge == AuthChallenge::none) {
    return Error::make(ErrorKind::generic, "authentication disabled");
  }
  auto response = client.send("GET", kProvidersPath);
  if (!response) return response.take_error();
  std::vector<LoginProvider> providers;
  if (response->status == 200) {
    const Error bad = Error::make(ErrorKind::server,
                                  "couldn't decode the cluster's list of login "
                                  "providers (GET " +
                                      std::string(kProvidersPath) + ")");
    auto parsed = json::parse(response->body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return bad;
    for (const auto& [id, value] : parsed.items()) {
      if (!value.is_object()) return bad;
      auto config = value.find("config");
      providers.push_back(
          {id, string_field(value, "authentication-type"), string_field(value, "client-method"),
           config != value.end() && config->is_object() ? string_field(*config, "start_flow_url")
                                                        : std::string(),
           string_field(value, "description")});
    }
    if (probe.challenge == AuthChallenge::oauthjwt) put(providers, default_oidc_provider());
  } else if (probe.challenge == AuthChallenge::acsjwt) {
    providers.push_back(default_password_provider());
  } else if (probe.challenge == AuthChallenge::oauthjwt) {
    providers.push_back(default_oidc_provider());
  } else {
    return Error::make(ErrorKind::generic,
                       "unsupported WWW-Authenticate challenge '" + probe.header + "'");
  }
  std::sort(providers.begin(), providers.end(),
            [](const LoginProvider& a, const LoginProvider& b) { return a.id < b.id; });
  return providers;
}

Result<std::string> login_with_password(HttpClient& client, const LoginProvider& provider,
                                        const std::string& uid, const std::string& password) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (!uid.empty()) body["uid"] = uid;
  if (!password.empty()) body["password"] = password;
  return post_login(client, provider.start_flow_url, body);
}

Result<std::string> login_with_service_key(HttpClient& client, const std::string& uid,
                                           const std::string& private_key_pem,
                                           std::chrono::system_clock::time_point now) {
  const auto expiry =
      std::chrono::time_point_cast<std::chrono::seconds>(now) + std::chrono::minutes(5);
  auto token =
      sign_rs256(private_key_pem, {{"uid", uid}, {"exp", expiry.time_since_epoch().count()}});
  if (!token) return token.take_error();
  return post_login(client, kLoginPath, {{"uid", uid}, {"token", *token}});
}

Result<std::string> login_with_id_token(HttpClient& client, const std::string& id_token) {
  return post_login(client, kLoginPath, {{"token", id_token}});
}

}  // namespace dcos
