// RS256 signing of JSON Web Tokens, for the service-account login: the CLI proves it holds a
// service account's private key by signing a short-lived token with it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "client/error.hpp"

namespace dcos {

/// URL-safe base64 (RFC 4648 section 5) without '=' padding, as JWTs use.
std::string base64url(std::string_view bytes);

/// A compact JWT carrying `claims`, with header {"alg":"RS256","typ":"JWT"}, signed with the
/// RSA private key in `private_key_pem` (PKCS#1 or PKCS#8 PEM). An unreadable, encrypted or
/// non-RSA key is an Error of kind invalid; no message ever quotes the key.
Result<std::string> sign_rs256(const std::string& private_key_pem, const nlohmann::json& claims);

}  // namespace dcos
