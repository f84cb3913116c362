#include "client/jwt_sign.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace dcos {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;

// Refuses to ask for a pass phrase: OpenSSL's default would prompt on the terminal.
int no_passphrase(char*, int, int, void*) { return -1; }

Error key_error() {
  ERR_clear_error();
  return Error::make(ErrorKind::invalid,
                     "the private key is not an unencrypted RSA private key in PEM form "
                     "(PKCS#1 or PKCS#8)");
}

}  // namespace

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                 static_cast<unsigned char>(bytes[i + 1]) << 8 |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(n >> shift) & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

Result<std::string> sign_rs256(const std::string& private_key_pem, const nlohmann::json& claims) {
  BioPtr bio(BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())));
  if (!bio) return key_error();
  // PEM_read_bio_PrivateKey reads both "RSA PRIVATE KEY" (PKCS#1) and "PRIVATE KEY" (PKCS#8).
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key || !EVP_PKEY_is_a(key.get(), "RSA")) return key_error();

  const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  // Replacing invalid UTF-8 keeps dump() from throwing on a malformed user ID.
  const std::string payload = claims.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string input = base64url(header.dump()) + "." + base64url(payload);

  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    ERR_clear_error();
    return Error::make(ErrorKind::generic, "couldn't sign the login token with the private key");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    ERR_clear_error();
    return Error::make(ErrorKind::generic, "couldn't sign the login token with the private key");
  }
  signature.resize(size);
  return input + "." + base64url(signature);
}

}  // namespace dcos
