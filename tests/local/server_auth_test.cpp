// Logins and TLS of the real dcos-local binary: the --auth gate, password and service-account
// logins, token lifetimes and HTTPS with a certificate the test makes itself.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>

#include "server_test_support.hpp"

using namespace dcos::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key rsa_key() {
  Key key(EVP_RSA_gen(2048), EVP_PKEY_free);
  REQUIRE(key);
  return key;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string public_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key) == 1);
  return bio_text(bio.get());
}

std::string private_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  return bio_text(bio.get());
}

// Unpadded base64url, written here so the test does not share the server's encoder.
std::string b64url(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += alphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
  }
  return out;
}

// An RS256 service login token, as `dcos auth login --private-key` makes one.
std::string service_token(EVP_PKEY* key, const json& claims) {
  std::string input =
      b64url(json{{"alg", "RS256"}, {"typ", "JWT"}}.dump()) + "." + b64url(claims.dump());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1);
  size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &size, data, input.size()) == 1);
  std::string signature(size, '\0');
  REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                         input.size()) == 1);
  signature.resize(size);
  return input + "." + b64url(signature);
}

// A self-signed certificate for 127.0.0.1 (subject and SAN), valid for an hour.
std::string self_signed_cert(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  REQUIRE(X509_set_version(cert.get(), 2) == 1);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  REQUIRE(X509_set_pubkey(cert.get(), key) == 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("dcos-local test"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  REQUIRE(X509_set_issuer_name(cert.get(), name) == 1);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    REQUIRE(ext != nullptr);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  REQUIRE(X509_sign(cert.get(), key, EVP_sha256()) > 0);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  return bio_text(bio.get());
}

// A folder for key and certificate files, removed at the end of the test.
struct TempDir {
  fs::path dir;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "dcos-local-auth-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

httplib::Result login(httplib::Client& cli, const json& body) {
  return post_json(cli, "/acs/api/v1/auth/login", body);
}

std::string login_token(httplib::Client& cli, const json& body) {
  auto res = login(cli, body);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  std::string token = body_json(res).value("token", "");
  REQUIRE_FALSE(token.empty());
  CHECK(res->get_header_value("Set-Cookie").find("dcos-acs-auth-cookie=" + token) == 0);
  return token;
}

int status_with(httplib::Client& cli, const std::string& path, const std::string& token) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "token=" + token);
  auto res = cli.Get(path, headers);
  REQUIRE(res);
  return res->status;
}

const json kInvalidCredentials = {{"title", "Unauthorized"},
                                  {"description", "The login credentials were invalid."},
                                  {"code", "ERR_INVALID_CREDENTIALS"}};

}  // namespace

TEST_CASE("with --auth every API needs a token that a password login issues",
          "[local][server][auth]") {
  LocalCluster cluster({"--auth"});
  auto cli = client_for(cluster);

  for (const std::string& path :
       {marathon("/v2/apps"), std::string("/mesos/master/state"), std::string("/metadata"),
        std::string("/pkgpanda/active.buildinfo.full.json"),
        std::string("/system/v1/logs/v2/task/x/file/stdout"),
        std::string("/mesos_dns/v1/version")}) {
    auto res = cli.Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status == 401);
    CHECK(res->get_header_value("WWW-Authenticate") == "acsjwt");
  }
  auto head = cli.Head("/pkgpanda/active.buildinfo.full.json");
  REQUIRE(head);
  CHECK(head->status == 401);
  auto post = post_json(cli, marathon("/v2/apps"), {{"id", "/sneaky"}, {"cmd", "sleep 1"}});
  REQUIRE(post);
  CHECK(post->status == 401);

  // These stay open, as Admin Router serves them without a token.
  json version = get_json(cli, "/dcos-metadata/dcos-version.json");
  CHECK(version["version"] == "2.2.0");
  CHECK(version["dcos-variant"] == "open");
  json providers = get_json(cli, "/acs/api/v1/auth/providers");
  CHECK(providers["dcos-users"]["authentication-type"] == "dcos-uid-password");
  CHECK(providers["dcos-users"]["config"]["start_flow_url"] == "/acs/api/v1/auth/login");

  auto res = login(cli, {{"uid", "bootstrapuser"}, {"password", "wrong"}});
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(body_json(res) == kInvalidCredentials);
  res = login(cli, {{"uid", "nobody"}, {"password", "deleteme"}});
  REQUIRE(res);
  CHECK(res->status == 401);
  res = cli.Post("/acs/api/v1/auth/login", "uid=bootstrapuser", "application/json");
  REQUIRE(res);
  CHECK(res->status == 400);
  CHECK(body_json(res)["code"] == "ERR_INVALID_DATA");

  std::string token = login_token(cli, {{"uid", "bootstrapuser"}, {"password", "deleteme"}});
  CHECK(status_with(cli, marathon("/v2/apps"), token) == 200);
  CHECK(status_with(cli, "/mesos/master/state", token) == 200);
  CHECK(status_with(cli, "/pkgpanda/active.buildinfo.full.json", token) == 200);
  CHECK(status_with(cli, "/metadata", token) == 200);
  // A tampered token, or one sent the wrong way, is refused.
  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  CHECK(status_with(cli, marathon("/v2/apps"), tampered) == 401);
  auto bearer = cli.Get(marathon("/v2/apps"), {{"Authorization", "Bearer " + token}});
  REQUIRE(bearer);
  CHECK(bearer->status == 401);
}

TEST_CASE("the --user flag replaces the default account", "[local][server][auth]") {
  LocalCluster cluster({"--auth", "--user", "alice:s3cret:with:colons", "--user", "bob:pw"});
  auto cli = client_for(cluster);
  auto res = login(cli, {{"uid", "bootstrapuser"}, {"password", "deleteme"}});
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(body_json(res) == kInvalidCredentials);
  std::string alice = login_token(cli, {{"uid", "alice"}, {"password", "s3cret:with:colons"}});
  std::string bob = login_token(cli, {{"uid", "bob"}, {"password", "pw"}});
  CHECK(status_with(cli, marathon("/v2/info"), alice) == 200);
  CHECK(status_with(cli, marathon("/v2/info"), bob) == 200);
}

TEST_CASE("a service account logs in with an RS256 token signed by its private key",
          "[local][server][auth]") {
  TempDir dir;
  Key key = rsa_key(), other = rsa_key();
  std::string pem = dir.write("svc.pub.pem", public_pem(key.get()));
  LocalCluster cluster({"--auth", "--service-account", "svc=" + pem});
  auto cli = client_for(cluster);

  json providers = get_json(cli, "/acs/api/v1/auth/providers");
  CHECK(providers["dcos-services"]["authentication-type"] == "dcos-uid-servicekey");

  int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::string token = login_token(
      cli,
      {{"uid", "svc"}, {"token", service_token(key.get(), {{"uid", "svc"}, {"exp", now + 300}})}});
  CHECK(status_with(cli, marathon("/v2/apps"), token) == 200);

  // Another key, another uid, an expired token or a password: all refused.
  for (const json& body :
       {json{{"uid", "svc"},
             {"token", service_token(other.get(), {{"uid", "svc"}, {"exp", now + 300}})}},
        json{{"uid", "svc"},
             {"token", service_token(key.get(), {{"uid", "root"}, {"exp", now + 300}})}},
        json{{"uid", "root"},
             {"token", service_token(key.get(), {{"uid", "root"}, {"exp", now + 300}})}},
        json{{"uid", "svc"},
             {"token", service_token(key.get(), {{"uid", "svc"}, {"exp", now - 10}})}},
        json{{"uid", "svc"}, {"password", "anything"}}}) {
    auto res = login(cli, body);
    REQUIRE(res);
    INFO(body.dump().substr(0, 80));
    CHECK(res->status == 401);
    CHECK(body_json(res) == kInvalidCredentials);
  }
}

TEST_CASE("with --token-ttl 1 a token works for about a second, then is refused",
          "[local][server][auth]") {
  LocalCluster cluster({"--auth", "--token-ttl", "1"});
  auto cli = client_for(cluster);
  // Log in just before a wall-clock second ends: the token must still work half a second
  // later, whatever the rounding of its expiry to whole seconds.
  auto ms_into_second = [] {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count() % 1000;
  };
  while (ms_into_second() < 900 || ms_into_second() > 950)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto issued = std::chrono::steady_clock::now();
  std::string token = login_token(cli, {{"uid", "bootstrapuser"}, {"password", "deleteme"}});
  CHECK(status_with(cli, marathon("/v2/apps"), token) == 200);
  std::this_thread::sleep_until(issued + 500ms);
  CHECK(status_with(cli, marathon("/v2/apps"), token) == 200);
  bool refused =
      eventually([&] { return status_with(cli, marathon("/v2/apps"), token) == 401; }, 3s);
  CHECK(refused);
  auto lifetime = std::chrono::steady_clock::now() - issued;
  CHECK(lifetime >= 900ms);
  CHECK(lifetime <= 2500ms);
  // A new login works again.
  std::string fresh = login_token(cli, {{"uid", "bootstrapuser"}, {"password", "deleteme"}});
  CHECK(status_with(cli, marathon("/v2/apps"), fresh) == 200);
}

TEST_CASE("HTTPS with the test's own certificate, and the CA download", "[local][server][auth]") {
  TempDir dir;
  Key key = rsa_key();
  std::string cert_pem = self_signed_cert(key.get());
  std::string cert = dir.write("cert.pem", cert_pem);
  std::string key_file = dir.write("key.pem", private_pem(key.get()));
  LocalCluster cluster({"--tls-cert", cert, "--tls-key", key_file});
  REQUIRE(cluster.url().rfind("https://127.0.0.1:", 0) == 0);

  // Verified against the certificate itself as the CA, host name included.
  httplib::SSLClient tls(cluster.host(), cluster.port());
  tls.set_ca_cert_path(cert);
  tls.enable_server_certificate_verification(true);
  tls.set_connection_timeout(5);
  tls.set_read_timeout(10);
  auto res = tls.Get("/ca/dcos-ca.crt");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == cert_pem);
  res = tls.Get(marathon("/v2/info"));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(body_json(res)["name"] == "marathon");
  res = tls.Post(marathon("/v2/apps"), json{{"id", "/secure"}, {"cmd", "sleep 300"}}.dump(),
                 "application/json");
  REQUIRE(res);
  CHECK(res->status == 201);
  CHECK(body_json(res)["id"] == "/secure");

  // Without the CA, verification fails; without verification it works.
  httplib::SSLClient strict(cluster.host(), cluster.port());
  strict.enable_server_certificate_verification(true);
  strict.set_connection_timeout(5);
  CHECK_FALSE(strict.Get("/ca/dcos-ca.crt"));
  httplib::SSLClient insecure(cluster.host(), cluster.port());
  insecure.enable_server_certificate_verification(false);
  auto open = insecure.Get("/dcos-metadata/dcos-version.json");
  REQUIRE(open);
  CHECK(open->status == 200);

  // Plain HTTP on the TLS port gets no answer.
  auto plain = client_for(cluster);
  plain.set_read_timeout(3);
  auto none = plain.Get(marathon("/v2/info"));
  CHECK((!none || none->status >= 400));
}
