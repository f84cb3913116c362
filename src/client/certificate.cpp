#include "client/certificate.hpp"
#include "client/number_format.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

namespace dcos {
namespace {

std::string format_time(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return "?";
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

Result<CertificateInfo> describe_certificate(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return Error::make(ErrorKind::generic, "out of memory reading a certificate");
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert)
    return Error::make(ErrorKind::tls, "the cluster's CA download is not a PEM certificate");
  CertificateInfo info;
  std::unique_ptr<BIO, decltype(&BIO_free)> name(BIO_new(BIO_s_mem()), &BIO_free);
  X509_NAME_print_ex(name.get(), X509_get_issuer_name(cert.get()), 0,
                     XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* text = nullptr;
  long length = BIO_get_mem_data(name.get(), &text);
  info.issuer.assign(text, static_cast<size_t>(length));
  info.not_before = format_time(X509_get0_notBefore(cert.get()));
  info.not_after = format_time(X509_get0_notAfter(cert.get()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  X509_digest(cert.get(), EVP_sha256(), digest, &size);
  info.fingerprint = hex_pairs(digest, size, ":");
  return info;
}

}  // namespace dcos
