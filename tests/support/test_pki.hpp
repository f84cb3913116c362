// A throw-away PKI for TLS tests, built in memory with libcrypto (OpenSSL 3) when a test runs:
// a root CA and server certificates it signs, as PEM text, plus a way to write them to files.
// No `openssl` command is needed. Every failure throws std::runtime_error naming the step and
// carrying OpenSSL's error queue, so a broken setup fails the test that asked for it.
#pragma once

#include <fcntl.h>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dcos::testing {

namespace pki_detail {

/// A unique_ptr deleter calling an OpenSSL free function.
template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* pointer) const {
    Free(pointer);
  }
};

using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;

/// Throws with `what` and everything on OpenSSL's error queue (which it empties).
[[noreturn]] inline void fail(const std::string& what) {
  std::string message = "test_pki: " + what;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    message += "; ";
    message += text;
  }
  throw std::runtime_error(message);
}

inline void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

/// A fresh RSA 2048 key pair.
inline KeyPtr rsa_key() {
  KeyPtr key(EVP_RSA_gen(2048));
  check(key != nullptr, "RSA key generation");
  return key;
}

/// The contents of a memory BIO as a string.
inline std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

inline BioPtr memory_bio() {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio != nullptr, "BIO_new");
  return bio;
}

inline std::string cert_pem(X509* cert) {
  BioPtr bio = memory_bio();
  check(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  return bio_text(bio.get());
}

/// The private key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").
inline std::string key_pem(EVP_PKEY* key) {
  BioPtr bio = memory_bio();
  check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return bio_text(bio.get());
}

/// A name holding a single commonName.
inline NamePtr common_name(const std::string& cn) {
  NamePtr name(X509_NAME_new());
  check(name != nullptr, "X509_NAME_new");
  check(X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
                                   0) == 1,
        "X509_NAME_add_entry_by_txt");
  return name;
}

/// A v3 certificate for `key` with a random positive 64-bit serial, the given subject and
/// validity (seconds from now), not yet carrying an issuer, extensions or signature.
inline X509Ptr new_cert(EVP_PKEY* key, const X509_NAME* subject, long not_before_offset,
                        long not_after_offset) {
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "X509_set_version");
  BignumPtr serial(BN_new());
  check(serial != nullptr, "BN_new");
  do {  // 64 random bits, read as an unsigned number; zero is not a valid serial
    check(BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "BN_rand");
  } while (BN_is_zero(serial.get()));
  check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr,
        "BN_to_ASN1_INTEGER");
  check(X509_set_subject_name(cert.get(), subject) == 1, "X509_set_subject_name");
  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_offset) != nullptr,
        "X509_gmtime_adj (notBefore)");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_after_offset) != nullptr,
        "X509_gmtime_adj (notAfter)");
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  return cert;
}

/// Adds one extension, written in openssl.cnf syntax, with `ctx` giving issuer and subject.
inline void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  check(extension != nullptr, "X509V3_EXT_conf_nid");
  check(X509_add_ext(cert, extension.get(), -1) == 1, "X509_add_ext");
}

}  // namespace pki_detail

/// An owning X509 pointer.
using X509Ptr = pki_detail::X509Ptr;

/// Parses the first certificate of a PEM text; throws when there is none.
inline X509Ptr parse_cert(const std::string& pem) {
  pki_detail::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  pki_detail::check(bio != nullptr, "BIO_new_mem_buf");
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  pki_detail::check(cert != nullptr, "PEM_read_bio_X509");
  return cert;
}

/// A certificate and its private key, both as PEM text.
struct Pem {
  std::string cert;
  std::string key;  // unencrypted PKCS#8
};

/// A self-signed root CA (RSA 2048, SHA-256, valid from a day ago for ten years) that issues
/// server certificates. Generating keys takes tens of milliseconds, so share one per test.
/// Move-only.
class TestCa {
 public:
  explicit TestCa(const std::string& common_name = "dcos-test Root CA")
      : key_(pki_detail::rsa_key()) {
    auto name = pki_detail::common_name(common_name);
    cert_ = pki_detail::new_cert(key_.get(), name.get(), -86400, 3650L * 86400);
    pki_detail::check(X509_set_issuer_name(cert_.get(), name.get()) == 1, "X509_set_issuer_name");
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert_.get(), cert_.get(), nullptr, nullptr, 0);
    pki_detail::add_extension(cert_.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
    pki_detail::add_extension(cert_.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    pki_detail::add_extension(cert_.get(), &ctx, NID_subject_key_identifier, "hash");
    pki_detail::check(X509_sign(cert_.get(), key_.get(), EVP_sha256()) > 0, "X509_sign (CA)");
  }

  /// The CA certificate and key.
  Pem pem() const { return {pki_detail::cert_pem(cert_.get()), pki_detail::key_pem(key_.get())}; }

  /// A server certificate for a fresh RSA 2048 key, signed by this CA with SHA-256.
  /// `san` lists subjectAltName entries in openssl.cnf form ("IP:127.0.0.1", "DNS:localhost");
  /// none means no subjectAltName extension. The validity window is given in seconds from now;
  /// negative values lie in the past, so {-7200, -3600} yields an expired certificate.
  /// The subject is CN=dcos-test server, which matches no host name: only the SAN does.
  Pem issue(const std::vector<std::string>& san, long not_before_offset = -60,
            long not_after_offset = 86400) const {
    pki_detail::KeyPtr key = pki_detail::rsa_key();
    auto subject = pki_detail::common_name("dcos-test server");
    X509Ptr cert =
        pki_detail::new_cert(key.get(), subject.get(), not_before_offset, not_after_offset);
    pki_detail::check(X509_set_issuer_name(cert.get(), X509_get_subject_name(cert_.get())) == 1,
                      "X509_set_issuer_name");
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert_.get(), cert.get(), nullptr, nullptr, 0);
    pki_detail::add_extension(cert.get(), &ctx, NID_basic_constraints, "CA:FALSE");
    pki_detail::add_extension(cert.get(), &ctx, NID_key_usage,
                              "critical,digitalSignature,keyEncipherment");
    pki_detail::add_extension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
    pki_detail::add_extension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    pki_detail::add_extension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    if (!san.empty()) {
      std::string joined;
      for (const auto& entry : san) joined += (joined.empty() ? "" : ",") + entry;
      pki_detail::add_extension(cert.get(), &ctx, NID_subject_alt_name, joined);
    }
    pki_detail::check(X509_sign(cert.get(), key_.get(), EVP_sha256()) > 0, "X509_sign (leaf)");
    return {pki_detail::cert_pem(cert.get()), pki_detail::key_pem(key.get())};
  }

  /// SHA-256 of the CA certificate's DER as upper-case hex pairs joined by ':' (95 chars).
  std::string sha256_fingerprint() const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    pki_detail::check(X509_digest(cert_.get(), EVP_sha256(), digest, &length) == 1, "X509_digest");
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
      if (i > 0) text += ':';
      text += hex[digest[i] >> 4];
      text += hex[digest[i] & 0x0f];
    }
    return text;
  }

 private:
  pki_detail::KeyPtr key_;
  X509Ptr cert_;
};

/// Writes `text` to `path` (replacing any file there) with exactly the permission bits `mode`,
/// whatever the umask: 0600 for keys, 0644 for certificates. The mode is set before any byte
/// is written, so a key is never readable by others. Returns the path as a string; throws on
/// any I/O error.
inline std::string write_pem(const std::filesystem::path& path, const std::string& text,
                             unsigned mode) {
  auto fail = [&](const char* step) {
    throw std::runtime_error("test_pki: " + std::string(step) + " " + path.string() + ": " +
                             std::strerror(errno));
  };
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("open");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) fail("fchmod");
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    written += static_cast<std::size_t>(n);
  }
  return path.string();
}

}  // namespace dcos::testing
