#include "client/iam.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/fake_transport.hpp"
#include "support/login_providers.hpp"

using dcos::AuthChallenge;
using dcos::AuthProbe;
using dcos::ErrorKind;
using dcos::LoginProvider;
using dcos::testing::FakeTransport;
using dcos::testing::ids;
using dcos::testing::provider;
using nlohmann::json;

namespace {

const std::string kBase = "https://cluster.example";
const std::string kProbe = kBase + "/pkgpanda/active.buildinfo.full.json";
const std::string kProviders = kBase + "/acs/api/v1/auth/providers";
const std::string kLogin = kBase + "/acs/api/v1/auth/login";

struct Fixture {
  FakeTransport transport;
  std::vector<std::string> trace;

  dcos::HttpClient client(int level = 0, std::string token = "") {
    dcos::ClientOptions options;
    options.base_url = kBase;
    options.token = std::move(token);
    dcos::Tracer tracer{level, [this](const std::string& line) { trace.push_back(line); }};
    return dcos::HttpClient(transport, options, tracer, [](std::chrono::milliseconds) {});
  }
  const dcos::HttpRequest& last() const { return transport.requests.back(); }
};

const char* kProviderMap = R"({
  "ldap": {"authentication-type": "dcos-uid-password-ldap",
           "client-method": "dcos-credential-post-receive-authtoken",
           "config": {"start_flow_url": "/acs/api/v1/auth/login?ldap"}, "description": "LDAP"},
  "dcos-users": {"authentication-type": "dcos-uid-password",
                 "client-method": "dcos-usercredential-post-receive-authtoken",
                 "config": {"start_flow_url": "/acs/api/v1/auth/login"},
                 "description": "Default DC/OS login provider"},
  "dcos-services": {"authentication-type": "dcos-uid-servicekey",
                    "client-method": "dcos-servicecredential-post-receive-authtoken",
                    "config": {"start_flow_url": "/acs/api/v1/auth/login"},
                    "description": "Service accounts"}})";

std::string base64url_decode(std::string text) {
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4 != 0) text += '=';
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  out.resize(static_cast<size_t>(n) - (text.size() - text.find_last_not_of('=') - 1));
  return out;
}

}  // namespace

TEST_CASE("detect_auth reads the probe without an Authorization header", "[iam]") {
  Fixture f;
  auto client = f.client();
  f.transport.expect("HEAD", kProbe, 200, "");
  auto none = dcos::detect_auth(client);
  REQUIRE(none.ok());
  CHECK(none->challenge == AuthChallenge::none);
  CHECK(dcos::header_value(f.last().headers, "Authorization").empty());

  for (auto [header, challenge] :
       std::vector<std::pair<std::string, AuthChallenge>>{{"acsjwt", AuthChallenge::acsjwt},
                                                          {"oauthjwt", AuthChallenge::oauthjwt},
                                                          {"Bearer", AuthChallenge::other}}) {
    f.transport.expect("HEAD", kProbe, 401, "", {{"WWW-Authenticate", header}});
    auto probe = dcos::detect_auth(client);
    REQUIRE(probe.ok());
    CHECK(probe->challenge == challenge);
    CHECK(probe->header == header);
  }

  f.transport.expect("HEAD", kProbe, 500, "");
  auto failed = dcos::detect_auth(client);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "expected status code 401, got 500");

  Fixture g;
  auto with_token = g.client(0, "tok");
  CHECK_FALSE(dcos::detect_auth(with_token).ok());
  CHECK(g.transport.requests.empty());
}

TEST_CASE("login_providers lists the cluster's providers sorted by ID", "[iam]") {
  Fixture f;
  auto client = f.client();
  f.transport.expect("GET", kProviders, 200, kProviderMap);
  auto providers = dcos::login_providers(client, {AuthChallenge::acsjwt, "acsjwt"});
  REQUIRE(providers.ok());
  CHECK(ids(*providers) == std::vector<std::string>{"dcos-services", "dcos-users", "ldap"});
  CHECK(providers->at(2).client_method == "dcos-credential-post-receive-authtoken");
  CHECK(providers->at(2).start_flow_url == "/acs/api/v1/auth/login?ldap");

  f.transport.expect("GET", kProviders, 200, kProviderMap);
  auto oauth = dcos::login_providers(client, {AuthChallenge::oauthjwt, "oauthjwt"});
  REQUIRE(oauth.ok());
  CHECK(ids(*oauth) ==
        std::vector<std::string>{"dcos-oidc-auth0", "dcos-services", "dcos-users", "ldap"});
}

TEST_CASE("login_providers falls back on the challenge when the endpoint is missing", "[iam]") {
  Fixture f;
  auto client = f.client();
  f.transport.expect("GET", kProviders, 404, "not found");
  auto users = dcos::login_providers(client, {AuthChallenge::acsjwt, "acsjwt"});
  REQUIRE(users.ok());
  REQUIRE(users->size() == 1);
  CHECK(users->front().id == "dcos-users");
  CHECK(users->front().type == "dcos-uid-password");
  CHECK(users->front().start_flow_url == "/acs/api/v1/auth/login");

  f.transport.expect("GET", kProviders, 404, "not found");
  auto oidc = dcos::login_providers(client, {AuthChallenge::oauthjwt, "oauthjwt"});
  REQUIRE(oidc.ok());
  REQUIRE(oidc->size() == 1);
  CHECK(oidc->front().id == "dcos-oidc-auth0");
  CHECK(oidc->front().type == "oidc-implicit-flow");
  CHECK(oidc->front().client_method == "browser-prompt-oidcidtoken-get-authtoken");
  CHECK(oidc->front().start_flow_url == "/login?redirect_uri=urn:ietf:wg:oauth:2.0:oob");
  CHECK(oidc->front().description == "Google, GitHub, or Microsoft");

  f.transport.expect("GET", kProviders, 404, "not found");
  auto other = dcos::login_providers(client, {AuthChallenge::other, "Bearer"});
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message == "unsupported WWW-Authenticate challenge 'Bearer'");

  auto disabled = dcos::login_providers(client, AuthProbe{});
  REQUIRE_FALSE(disabled.ok());
  CHECK(disabled.error().message == "authentication disabled");
}

TEST_CASE("password login posts the credentials and returns the token", "[iam]") {
  Fixture f;
  auto client = f.client();
  auto users = provider("dcos-users", "dcos-uid-password", "");
  f.transport.expect("POST", kLogin, 200, R"({"token":"acs-token"})");
  auto token = dcos::login_with_password(client, users, "bob", "hunter2");
  REQUIRE(token.ok());
  CHECK(*token == "acs-token");
  CHECK(dcos::header_value(f.last().headers, "Content-Type") == "application/json");
  CHECK(dcos::header_value(f.last().headers, "Authorization").empty());
  CHECK(json::parse(f.last().body) == json{{"uid", "bob"}, {"password", "hunter2"}});

  f.transport.expect("POST", kLogin, 200, R"({"token":"t2"})");
  REQUIRE(dcos::login_with_password(client, users, "bob", "").ok());
  CHECK(json::parse(f.last().body) == json{{"uid", "bob"}});

  f.transport.expect("POST", kLogin, 401,
                     R"({"title":"Bad","description":"The login credentials were invalid.",
                         "code":"ERR_INVALID_CREDENTIALS"})");
  auto refused = dcos::login_with_password(client, users, "bob", "hunter2");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == ErrorKind::auth);
  CHECK(refused.error().message == "The login credentials were invalid.");

  f.transport.expect("POST", kLogin, 401, "<html>nope</html>");
  auto opaque = dcos::login_with_password(client, users, "bob", "hunter2");
  REQUIRE_FALSE(opaque.ok());
  CHECK(opaque.error().message == "couldn't log in");
  CHECK(opaque.error().message.find("hunter2") == std::string::npos);
}

TEST_CASE("service login sends a JWT signed with the service key", "[iam]") {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  REQUIRE(key != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  REQUIRE(PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  const std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);

  Fixture f;
  auto client = f.client(2);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  f.transport.expect("POST", kLogin, 200, R"({"token":"acs-service-token"})");
  auto token = dcos::login_with_service_key(client, "svc", pem, now);
  REQUIRE(token.ok());
  CHECK(*token == "acs-service-token");

  json body = json::parse(f.last().body);
  CHECK(body["uid"] == "svc");
  const std::string jwt = body["token"];
  const size_t dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  REQUIRE(dot1 != dot2);
  CHECK(json::parse(base64url_decode(jwt.substr(0, dot1))) ==
        json{{"alg", "RS256"}, {"typ", "JWT"}});
  CHECK(json::parse(base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1))) ==
        json{{"uid", "svc"}, {"exp", 1'700'000'300}});

  const std::string input = jwt.substr(0, dot2);
  const std::string signature = base64url_decode(jwt.substr(dot2 + 1));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  REQUIRE(EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1);
  CHECK(EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                         input.size()) == 1);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);

  std::string trace;
  for (const auto& line : f.trace) trace += line + "\n";
  CHECK(trace.find("\"uid\":\"svc\"") != std::string::npos);
  CHECK(trace.find(jwt) == std::string::npos);
  CHECK(trace.find(jwt.substr(dot2 + 1)) == std::string::npos);
  CHECK(trace.find("acs-service-token") == std::string::npos);

  // A key that cannot sign fails before any request: nothing is expected, so a login POST would be
  // an unexpected request and fail the test.
  const size_t sent = f.transport.requests.size();
  auto bad_key = dcos::login_with_service_key(client, "svc", "not a key", now);
  REQUIRE_FALSE(bad_key.ok());
  CHECK(bad_key.error().kind == ErrorKind::invalid);
  CHECK(f.transport.requests.size() == sent);
}

TEST_CASE("a -vv trace of a password login shows neither password nor token", "[iam]") {
  Fixture f;
  auto client = f.client(2);
  f.transport.expect("POST", kLogin, 200, R"({"token":"eyJ.acs.tokenvalue"})");
  auto token = dcos::login_with_password(client, provider("dcos-users", "dcos-uid-password", ""),
                                         "bob", "hunter2");
  REQUIRE(token.ok());
  std::string trace;
  for (const auto& line : f.trace) trace += line + "\n";
  CHECK(trace.find("\"uid\":\"bob\"") != std::string::npos);
  CHECK(trace.find("hunter2") == std::string::npos);
  CHECK(trace.find("eyJ.acs.tokenvalue") == std::string::npos);
}
