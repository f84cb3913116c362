#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/jwt_sign.hpp"

namespace {

// A fresh 2048-bit RSA key as PEM, PKCS#8 or the traditional PKCS#1 form.
std::string generate_key_pem(bool pkcs1) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  REQUIRE(key != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  int ok =
      pkcs1 ? PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
            : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  REQUIRE(ok == 1);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

}  // namespace

TEST_CASE("base64url has no padding and uses the URL-safe alphabet", "[jwt]") {
  CHECK(dcos::base64url("").empty());
  CHECK(dcos::base64url("f") == "Zg");
  CHECK(dcos::base64url("fo") == "Zm8");
  CHECK(dcos::base64url("foo") == "Zm9v");
  CHECK(dcos::base64url("foob") == "Zm9vYg");
  CHECK(dcos::base64url("\xfb\xff") == "-_8");
}

TEST_CASE("sign_rs256 reads PKCS#1 and PKCS#8 keys", "[jwt]") {
  for (bool pkcs1 : {true, false}) {
    std::string pem = generate_key_pem(pkcs1);
    CHECK(pem.find(pkcs1 ? "BEGIN RSA PRIVATE KEY" : "BEGIN PRIVATE KEY") != std::string::npos);
    auto token = dcos::sign_rs256(pem, {{"uid", "svc"}});
    REQUIRE(token.ok());
    CHECK(token->rfind(dcos::base64url(R"({"alg":"RS256","typ":"JWT"})") + ".", 0) == 0);
    CHECK(std::count(token->begin(), token->end(), '.') == 2);
  }
}

TEST_CASE("sign_rs256 refuses a garbage key without quoting it", "[jwt]") {
  const std::string garbage =
      "-----BEGIN RSA PRIVATE KEY-----\nNOTAKEYATALLsecretish\n-----END RSA PRIVATE KEY-----\n";
  auto token = dcos::sign_rs256(garbage, {{"uid", "svc"}});
  REQUIRE_FALSE(token.ok());
  CHECK(token.error().kind == dcos::ErrorKind::invalid);
  CHECK(token.error().message.find("NOTAKEY") == std::string::npos);
  CHECK(token.error().message.find("BEGIN") == std::string::npos);
  CHECK_FALSE(dcos::sign_rs256("", {{"uid", "svc"}}).ok());
}
