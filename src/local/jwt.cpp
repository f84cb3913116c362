#include "local/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

namespace dcos_local {
namespace {

using nlohmann::json;

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kKeyBytes = 32;

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

TokenCheck failure(const char* reason) { return TokenCheck{false, "", reason}; }

// The three dot-separated parts of a compact JWT.
struct Parts {
  std::string_view signing_input;  // "header.payload"
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

std::optional<Parts> split(std::string_view token) {
  size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return Parts{token.substr(0, second), token.substr(0, first),
               token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

std::optional<json> decode_object(std::string_view part) {
  auto raw = base64url_decode(part);
  if (!raw) return std::nullopt;
  json value = json::parse(*raw, nullptr, false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

bool header_alg_is(const json& header, const char* alg) {
  auto it = header.find("alg");
  return it != header.end() && it->is_string() && it->get<std::string>() == alg;
}

// Reads "uid" and "exp" from verified claims.
TokenCheck check_claims(std::string_view payload, int64_t now) {
  auto claims = decode_object(payload);
  if (!claims) return failure("malformed");
  auto uid = claims->find("uid");
  auto exp = claims->find("exp");
  if (uid == claims->end() || !uid->is_string() || uid->get<std::string>().empty()) {
    return failure("malformed");
  }
  if (exp == claims->end() || !exp->is_number()) return failure("malformed");
  double expires = exp->get<double>();
  if (!std::isfinite(expires)) return failure("malformed");
  if (expires <= static_cast<double>(now)) return failure("expired");
  return TokenCheck{true, uid->get<std::string>(), ""};
}

int64_t real_time() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string random_key() {
  std::string key(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) == 1) {
    return key;
  }
  ERR_clear_error();
  std::random_device device;  // getrandom(2) on Linux
  for (char& byte : key) byte = static_cast<char>(device() & 0xff);
  return key;
}

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Accepts SubjectPublicKeyInfo ("PUBLIC KEY") and PKCS#1 ("RSA PUBLIC KEY") PEM.
Pkey load_rsa_public_key(const std::string& pem) {
  EVP_PKEY* key = nullptr;
  OSSL_DECODER_CTX* decoder = OSSL_DECODER_CTX_new_for_pkey(&key, "PEM", nullptr, "RSA",
                                                            EVP_PKEY_PUBLIC_KEY, nullptr, nullptr);
  if (decoder == nullptr) {
    ERR_clear_error();
    return nullptr;
  }
  const auto* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t size = pem.size();
  int decoded = OSSL_DECODER_from_data(decoder, &data, &size);
  OSSL_DECODER_CTX_free(decoder);
  Pkey result(key);
  if (decoded != 1 || !result || EVP_PKEY_is_a(result.get(), "RSA") != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return result;
}

bool rs256_signature_ok(EVP_PKEY* key, std::string_view signed_part, const std::string& sig) {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()),
                             sig.size(), reinterpret_cast<const unsigned char*>(signed_part.data()),
                             signed_part.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 0 && !text.empty()) {
    size_t pad = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    text.remove_suffix(pad);
  }
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = sextet(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

TokenIssuer::TokenIssuer(std::chrono::seconds ttl, Clock clock)
    : ttl_(ttl), clock_(clock ? std::move(clock) : Clock(real_time)), key_(random_key()) {}

std::string TokenIssuer::sign(std::string_view signing_input) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac,
           &size) == nullptr) {
    ERR_clear_error();
    return {};
  }
  return std::string(reinterpret_cast<const char*>(mac), size);
}

std::string TokenIssuer::issue(const std::string& uid) const {
  nlohmann::ordered_json claims;
  claims["uid"] = uid;
  claims["exp"] = clock_() + static_cast<int64_t>(ttl_.count());
  std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                      base64url_encode(claims.dump(-1, ' ', false, json::error_handler_t::replace));
  return input + "." + base64url_encode(sign(input));
}

TokenCheck TokenIssuer::verify(const std::string& token) const {
  auto parts = split(token);
  if (!parts) return failure("malformed");
  auto header = decode_object(parts->header);
  auto signature = base64url_decode(parts->signature);
  if (!header || !signature) return failure("malformed");
  if (!header_alg_is(*header, "HS256")) return failure("invalid signature");
  std::string expected = sign(parts->signing_input);
  if (expected.empty() || expected.size() != signature->size() ||
      CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) != 0) {
    return failure("invalid signature");
  }
  return check_claims(parts->payload, clock_());
}

TokenCheck verify_rs256(const std::string& jwt, const std::string& public_key_pem, int64_t now) {
  auto parts = split(jwt);
  if (!parts) return failure("malformed");
  auto header = decode_object(parts->header);
  auto signature = base64url_decode(parts->signature);
  if (!header || !signature) return failure("malformed");
  if (!header_alg_is(*header, "RS256")) return failure("invalid signature");
  Pkey key = load_rsa_public_key(public_key_pem);
  if (!key) return failure("invalid key");
  if (!rs256_signature_ok(key.get(), parts->signing_input, *signature)) {
    return failure("invalid signature");
  }
  return check_claims(parts->payload, now);
}

}  // namespace dcos_local
