// What a user is shown before trusting a cluster's CA: issuer, validity and the
// SHA-256 fingerprint of the first certificate of a PEM bundle.
#pragma once

#include <string>

#include "client/error.hpp"

namespace dcos {

struct CertificateInfo {
  std::string issuer;      ///< e.g. "CN=DC/OS Root CA, O=Mesosphere"
  std::string not_before;  ///< "2026-11-29 18:09:54 UTC"
  std::string not_after;
  std::string fingerprint;  ///< SHA-256 of the DER, "AB:CD:..." upper-case pairs
};

/// Reads the first certificate of `pem`; an Error when there is none.
Result<CertificateInfo> describe_certificate(const std::string& pem);

}  // namespace dcos
