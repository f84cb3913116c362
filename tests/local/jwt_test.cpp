#include "local/jwt.hpp"

#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

using dcos_local::base64url_decode;
using dcos_local::base64url_encode;
using dcos_local::TokenIssuer;
using dcos_local::verify_rs256;

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Key generation is slow, so each test binary makes two keys once.
EVP_PKEY* test_key(int which) {
  static Pkey keys[2] = {Pkey(EVP_RSA_gen(2048)), Pkey(EVP_RSA_gen(2048))};
  REQUIRE(keys[which]);
  return keys[which].get();
}

// "type-specific" gives PKCS#1 ("BEGIN RSA PUBLIC KEY"), "SubjectPublicKeyInfo" gives SPKI.
std::string public_pem(EVP_PKEY* key, const char* structure) {
  OSSL_ENCODER_CTX* encoder =
      OSSL_ENCODER_CTX_new_for_pkey(key, EVP_PKEY_PUBLIC_KEY, "PEM", structure, nullptr);
  REQUIRE(encoder != nullptr);
  unsigned char* data = nullptr;
  size_t size = 0;
  int ok = OSSL_ENCODER_to_data(encoder, &data, &size);
  OSSL_ENCODER_CTX_free(encoder);
  REQUIRE(ok == 1);
  std::string pem(reinterpret_cast<char*>(data), size);
  OPENSSL_free(data);
  return pem;
}

std::string rs256_sign(EVP_PKEY* key, const std::string& input) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  REQUIRE(ctx != nullptr);
  size_t size = 0;
  std::string sig;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestSign(ctx, nullptr, &size, nullptr, 0) == 1;
  if (ok) {
    sig.resize(size);
    ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &size,
                        reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    sig.resize(size);
  }
  EVP_MD_CTX_free(ctx);
  REQUIRE(ok);
  return sig;
}

std::string encode_json(const nlohmann::json& value) { return base64url_encode(value.dump()); }

// A service login token like the CLI's: {"alg":"RS256","typ":"JWT"}.{"exp":...,"uid":...}.
std::string service_token(EVP_PKEY* key, const std::string& uid, int64_t exp,
                          const std::string& alg = "RS256") {
  std::string input =
      encode_json({{"alg", alg}, {"typ", "JWT"}}) + "." + encode_json({{"exp", exp}, {"uid", uid}});
  return input + "." + base64url_encode(rs256_sign(key, input));
}

// Replaces the payload part of a token, keeping its header and signature.
std::string with_payload(const std::string& token, const std::string& payload) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  return token.substr(0, first + 1) + payload + token.substr(second);
}

std::string payload_of(const std::string& token) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  return *base64url_decode(token.substr(first + 1, second - first - 1));
}

constexpr int64_t kNow = 1700000000;

}  // namespace

TEST_CASE("base64url round-trips every length without padding") {
  std::string bytes;
  for (int i = 0; i < 70; ++i) {
    std::string encoded = base64url_encode(bytes);
    CHECK(encoded.find_first_of("=+/") == std::string::npos);
    auto decoded = base64url_decode(encoded);
    REQUIRE(decoded);
    CHECK(*decoded == bytes);
    bytes.push_back(static_cast<char>(i * 37 + 250));
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  CHECK(base64url_decode("aGk=") == std::optional<std::string>("hi"));
  CHECK_FALSE(base64url_decode("a+b/"));
  CHECK_FALSE(base64url_decode("abcde"));
  CHECK_FALSE(base64url_decode("ab.c"));
}

TEST_CASE("a service login token signed with the matching key verifies") {
  std::string token = service_token(test_key(0), "bootstrapuser", kNow + 300);
  for (const char* structure : {"SubjectPublicKeyInfo", "type-specific"}) {
    std::string pem = public_pem(test_key(0), structure);
    INFO(pem);
    auto check = verify_rs256(token, pem, kNow);
    CHECK(check.ok);
    CHECK(check.uid == "bootstrapuser");
    CHECK(check.reason.empty());
  }
  CHECK(public_pem(test_key(0), "type-specific").find("BEGIN RSA PUBLIC KEY") != std::string::npos);
  CHECK(public_pem(test_key(0), "SubjectPublicKeyInfo").find("BEGIN PUBLIC KEY") !=
        std::string::npos);
}

TEST_CASE("a service login token signed with another key is rejected") {
  std::string token = service_token(test_key(1), "svc", kNow + 300);
  auto check = verify_rs256(token, public_pem(test_key(0), "SubjectPublicKeyInfo"), kNow);
  CHECK_FALSE(check.ok);
  CHECK(check.uid.empty());
  CHECK(check.reason == "invalid signature");
}

TEST_CASE("a service login token with a changed payload is rejected") {
  std::string pem = public_pem(test_key(0), "SubjectPublicKeyInfo");
  std::string token = service_token(test_key(0), "svc", kNow + 300);
  std::string forged = with_payload(token, encode_json({{"exp", kNow + 300}, {"uid", "root"}}));
  CHECK(verify_rs256(forged, pem, kNow).reason == "invalid signature");
}

TEST_CASE("an expired service login token is rejected") {
  std::string pem = public_pem(test_key(0), "SubjectPublicKeyInfo");
  std::string token = service_token(test_key(0), "svc", kNow);
  CHECK(verify_rs256(token, pem, kNow - 1).ok);
  auto check = verify_rs256(token, pem, kNow);
  CHECK_FALSE(check.ok);
  CHECK(check.reason == "expired");
}

TEST_CASE("verify_rs256 accepts only the RS256 algorithm") {
  std::string pem = public_pem(test_key(0), "SubjectPublicKeyInfo");
  std::string claims = encode_json({{"exp", kNow + 300}, {"uid", "svc"}});
  std::string none = encode_json({{"alg", "none"}, {"typ", "JWT"}}) + "." + claims + ".";
  CHECK(verify_rs256(none, pem, kNow).reason == "invalid signature");
  // A validly signed token whose header names HS256 is still refused.
  std::string hs = service_token(test_key(0), "svc", kNow + 300, "HS256");
  CHECK(verify_rs256(hs, pem, kNow).reason == "invalid signature");
  TokenIssuer issuer(std::chrono::seconds(60), [] { return kNow; });
  CHECK_FALSE(verify_rs256(issuer.issue("svc"), pem, kNow).ok);
}

TEST_CASE("verify_rs256 reports malformed tokens, missing claims and unusable keys") {
  std::string pem = public_pem(test_key(0), "SubjectPublicKeyInfo");
  CHECK(verify_rs256("", pem, kNow).reason == "malformed");
  CHECK(verify_rs256("a.b", pem, kNow).reason == "malformed");
  CHECK(verify_rs256("a.b.c.d", pem, kNow).reason == "malformed");
  CHECK(verify_rs256("!!.e30.AA", pem, kNow).reason == "malformed");
  std::string header = encode_json({{"alg", "RS256"}, {"typ", "JWT"}});
  for (const nlohmann::json& claims :
       {nlohmann::json{{"uid", "svc"}}, nlohmann::json{{"exp", kNow + 60}},
        nlohmann::json{{"exp", "soon"}, {"uid", "svc"}},
        nlohmann::json{{"exp", kNow + 60}, {"uid", 7}}}) {
    std::string input = header + "." + encode_json(claims);
    std::string token = input + "." + base64url_encode(rs256_sign(test_key(0), input));
    INFO(claims.dump());
    CHECK(verify_rs256(token, pem, kNow).reason == "malformed");
  }
  std::string token = service_token(test_key(0), "svc", kNow + 300);
  CHECK(verify_rs256(token, "not a key", kNow).reason == "invalid key");
  CHECK(verify_rs256(token, "", kNow).reason == "invalid key");
}

TEST_CASE("issued auth tokens verify until the clock passes their TTL") {
  int64_t now = kNow;
  TokenIssuer issuer(std::chrono::seconds(3600), [&now] { return now; });
  std::string token = issuer.issue("alice");
  auto header = nlohmann::json::parse(*base64url_decode(token.substr(0, token.find('.'))));
  CHECK(header == nlohmann::json{{"alg", "HS256"}, {"typ", "JWT"}});
  CHECK(nlohmann::json::parse(payload_of(token)) ==
        nlohmann::json{{"uid", "alice"}, {"exp", kNow + 3600}});

  auto check = issuer.verify(token);
  CHECK(check.ok);
  CHECK(check.uid == "alice");
  now = kNow + 3599;
  CHECK(issuer.verify(token).ok);
  now = kNow + 3600;
  check = issuer.verify(token);
  CHECK_FALSE(check.ok);
  CHECK(check.uid.empty());
  CHECK(check.reason == "expired");
}

TEST_CASE("tampered or foreign auth tokens fail verification") {
  TokenIssuer issuer(std::chrono::seconds(60), [] { return kNow; });
  std::string token = issuer.issue("alice");
  std::string forged =
      with_payload(token, encode_json({{"uid", "bootstrapuser"}, {"exp", kNow + 60}}));
  CHECK(issuer.verify(forged).reason == "invalid signature");
  // A character inside the signature: the last one also carries padding bits, and changing
  // only those would still decode to the same signature.
  std::string flipped = token;
  char& c = flipped[flipped.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  CHECK(issuer.verify(flipped).reason == "invalid signature");
  TokenIssuer other(std::chrono::seconds(60), [] { return kNow; });
  CHECK(other.verify(token).reason == "invalid signature");
  std::string none = encode_json({{"alg", "none"}}) + "." + payload_of(token) + ".";
  CHECK(issuer.verify(none).reason == "invalid signature");
  CHECK(issuer.verify("garbage").reason == "malformed");
  CHECK(issuer.verify(token + ".x").reason == "malformed");
}

TEST_CASE("the default issuer clock is the real time") {
  TokenIssuer issuer(std::chrono::seconds(5));
  int64_t real = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  CHECK(std::llabs(issuer.now() - real) <= 2);
  CHECK(issuer.ttl() == std::chrono::seconds(5));
  CHECK(issuer.verify(issuer.issue("bob")).uid == "bob");
}
