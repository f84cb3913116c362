#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "support/harness.hpp"
#include "support/local_server.hpp"
#include "support/test_pki.hpp"

using dcos::testing::parse_cert;
using dcos::testing::TempDir;
using dcos::testing::TestCa;
using dcos::testing::write_pem;

namespace {

using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)>;

// Verifies `leaf_pem` for TLS server use against a store trusting only `ca`. Returns
// X509_V_OK on success, else the verification error.
int verify(const std::string& leaf_pem, const TestCa& ca) {
  auto leaf = parse_cert(leaf_pem);
  auto root = parse_cert(ca.pem().cert);
  StorePtr store(X509_STORE_new(), X509_STORE_free);
  REQUIRE(store);
  REQUIRE(X509_STORE_add_cert(store.get(), root.get()) == 1);
  StoreCtxPtr ctx(X509_STORE_CTX_new(), X509_STORE_CTX_free);
  REQUIRE(ctx);
  REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), nullptr) == 1);
  REQUIRE(X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER) == 1);
  int verified = X509_verify_cert(ctx.get());
  int error = X509_STORE_CTX_get_error(ctx.get());
  CHECK((verified == 1) == (error == X509_V_OK));
  return error;
}

std::string bytes_of(const ASN1_OCTET_STRING* bytes) {
  REQUIRE(bytes != nullptr);
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(bytes)),
                     static_cast<std::size_t>(ASN1_STRING_length(bytes)));
}

unsigned file_mode(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return static_cast<unsigned>(info.st_mode & 07777);
}

}  // namespace

TEST_CASE("a leaf verifies against its own CA and not against another", "[pki]") {
  TestCa ca;
  TestCa other("dcos-test Other CA");
  auto leaf = ca.issue({"IP:127.0.0.1", "DNS:localhost"});
  CHECK(leaf.cert.rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
  CHECK(leaf.key.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  CHECK(verify(leaf.cert, ca) == X509_V_OK);
  CHECK(verify(leaf.cert, other) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

TEST_CASE("CA and leaf carry the requested extensions", "[pki]") {
  TestCa ca("dcos-test Extensions CA");
  auto root = parse_cert(ca.pem().cert);
  auto leaf = parse_cert(ca.issue({"DNS:localhost"}).cert);

  CHECK(X509_check_ca(root.get()) == 1);
  CHECK(X509_get_key_usage(root.get()) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  int critical = 0;
  auto* constraints = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(root.get(), NID_basic_constraints, &critical, nullptr));
  REQUIRE(constraints != nullptr);
  CHECK(constraints->ca != 0);
  CHECK(critical == 1);
  BASIC_CONSTRAINTS_free(constraints);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(root.get()), NID_commonName, cn, sizeof cn);
  CHECK(std::string(cn) == "dcos-test Extensions CA");
  CHECK(X509_NAME_cmp(X509_get_subject_name(root.get()), X509_get_issuer_name(root.get())) == 0);

  CHECK(X509_check_ca(leaf.get()) == 0);
  CHECK(X509_get_key_usage(leaf.get()) == (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  CHECK(X509_get_extended_key_usage(leaf.get()) == XKU_SSL_SERVER);
  CHECK(X509_check_purpose(leaf.get(), X509_PURPOSE_SSL_SERVER, 0) == 1);
  CHECK(X509_NAME_cmp(X509_get_issuer_name(leaf.get()), X509_get_subject_name(root.get())) == 0);
  CHECK(bytes_of(X509_get0_authority_key_id(leaf.get())) ==
        bytes_of(X509_get0_subject_key_id(root.get())));
  CHECK(bytes_of(X509_get0_subject_key_id(leaf.get())) !=
        bytes_of(X509_get0_subject_key_id(root.get())));
  CHECK(X509_get_signature_nid(leaf.get()) == NID_sha256WithRSAEncryption);
  CHECK(X509_get_version(leaf.get()) == X509_VERSION_3);

  // Serials are random: two leaves of one CA differ.
  auto second = parse_cert(ca.issue({"DNS:localhost"}).cert);
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(leaf.get()),
                         X509_get0_serialNumber(second.get())) != 0);
}

TEST_CASE("a leaf whose window lies in the past fails as expired", "[pki]") {
  TestCa ca;
  auto expired = ca.issue({"IP:127.0.0.1"}, -7200, -3600);
  CHECK(verify(expired.cert, ca) == X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST_CASE("the leaf's subjectAltName decides which host and IP it serves", "[pki]") {
  TestCa ca;
  auto local = parse_cert(ca.issue({"IP:127.0.0.1", "DNS:localhost"}).cert);
  CHECK(X509_check_ip_asc(local.get(), "127.0.0.1", 0) == 1);
  CHECK(X509_check_ip_asc(local.get(), "127.0.0.2", 0) == 0);
  CHECK(X509_check_host(local.get(), "localhost", 0, 0, nullptr) == 1);

  auto other = parse_cert(ca.issue({"DNS:other.example"}).cert);
  CHECK(X509_check_host(other.get(), "localhost", 0, 0, nullptr) == 0);
  CHECK(X509_check_host(other.get(), "other.example", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(other.get(), "127.0.0.1", 0) == 0);
}

TEST_CASE("the CA fingerprint is the SHA-256 of its DER in colon-separated hex", "[pki]") {
  TestCa ca;
  std::string fingerprint = ca.sha256_fingerprint();
  REQUIRE(fingerprint.size() == 32 * 3 - 1);
  for (std::size_t i = 0; i < fingerprint.size(); ++i) {
    char c = fingerprint[i];
    if (i % 3 == 2) {
      CHECK(c == ':');
    } else {
      CHECK(((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')));
    }
  }
  CHECK(ca.sha256_fingerprint() == fingerprint);
  CHECK(TestCa().sha256_fingerprint() != fingerprint);

  // Recomputed from the PEM text: DER, then SHA-256.
  auto root = parse_cert(ca.pem().cert);
  unsigned char* der = nullptr;
  int der_size = i2d_X509(root.get(), &der);
  REQUIRE(der_size > 0);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  REQUIRE(EVP_Digest(der, static_cast<std::size_t>(der_size), digest, &digest_size, EVP_sha256(),
                     nullptr) == 1);
  OPENSSL_free(der);
  REQUIRE(digest_size == 32);
  char expected[8];
  for (unsigned int i = 0; i < digest_size; ++i) {
    std::snprintf(expected, sizeof expected, "%02X", digest[i]);
    CHECK(fingerprint.substr(i * 3, 2) == expected);
  }
}

TEST_CASE("write_pem sets the requested mode whatever the umask", "[pki]") {
  TempDir dir;
  mode_t old_mask = ::umask(0077);
  auto cert = write_pem(dir.path() / "cert.pem", "certificate\n", 0644);
  ::umask(0000);
  auto key = write_pem(dir.path() / "key.pem", "secret\n", 0600);
  ::umask(old_mask);
  CHECK(cert == (dir.path() / "cert.pem").string());
  CHECK(file_mode(cert) == 0644);
  CHECK(file_mode(key) == 0600);
  CHECK(dcos::testing::read_file(key) == "secret\n");
  // Rewriting replaces the contents and narrows the mode.
  write_pem(cert, "short", 0600);
  CHECK(dcos::testing::read_file(cert) == "short");
  CHECK(file_mode(cert) == 0600);
  CHECK_THROWS_AS(write_pem(dir.path() / "missing" / "x.pem", "x", 0600), std::runtime_error);
}

TEST_CASE("a TLS handshake succeeds with the issuing CA and fails with another", "[pki]") {
  TempDir dir;
  TestCa ca;
  TestCa other("dcos-test Other CA");
  auto leaf = ca.issue({"IP:127.0.0.1", "DNS:localhost"});
  auto cert = write_pem(dir.path() / "server.crt", leaf.cert, 0644);
  auto key = write_pem(dir.path() / "server.key", leaf.key, 0600);
  auto ca_file = write_pem(dir.path() / "ca.crt", ca.pem().cert, 0644);
  auto other_file = write_pem(dir.path() / "other.crt", other.pem().cert, 0644);

  httplib::SSLServer server(cert.c_str(), key.c_str());
  REQUIRE(server.is_valid());
  server.Get("/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("pong", "text/plain");
  });
  dcos::testing::ServerThread running(server);

  httplib::SSLClient trusting("127.0.0.1", running.port());
  trusting.set_ca_cert_path(ca_file);
  trusting.enable_server_certificate_verification(true);
  trusting.set_connection_timeout(5);
  trusting.set_read_timeout(5);
  auto res = trusting.Get("/ping");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "pong");

  httplib::SSLClient distrusting("127.0.0.1", running.port());
  distrusting.set_ca_cert_path(other_file);
  distrusting.enable_server_certificate_verification(true);
  distrusting.set_connection_timeout(5);
  distrusting.set_read_timeout(5);
  auto refused = distrusting.Get("/ping");
  CHECK_FALSE(refused);
  CHECK(refused.error() == httplib::Error::SSLServerVerification);
  CHECK(distrusting.get_openssl_verify_result() == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}
