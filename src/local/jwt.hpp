// Tokens for the emulated DC/OS IAM: HS256 auth tokens that this process issues and checks, and
// RS256 service-account login tokens checked against a public key. Nothing here throws.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace dcos_local {

/// Unpadded base64url (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);
/// Decodes unpadded (or correctly padded) base64url. nullopt on a bad character or length.
std::optional<std::string> base64url_decode(std::string_view text);

/// The outcome of checking a token. On success `ok` is true, `uid` is the "uid" claim and
/// `reason` is empty. Otherwise `reason` is one of "expired", "invalid signature" (also for a
/// header naming another algorithm), "malformed", or, from verify_rs256 only, "invalid key"
/// (the PEM could not be read as an RSA public key).
struct TokenCheck {
  bool ok = false;
  std::string uid;
  std::string reason;
};

/// Issues and verifies DC/OS auth tokens: compact JWTs {"alg":"HS256","typ":"JWT"} with claims
/// {"uid":..., "exp":...}, signed with a random 32-byte key made at construction (so tokens do
/// not survive a restart). issue() and verify() are const and safe to call from many threads
/// if the clock is.
class TokenIssuer {
 public:
  using Clock = std::function<int64_t()>;  // unix seconds

  /// An empty clock means the real time.
  explicit TokenIssuer(std::chrono::seconds ttl, Clock clock = {});

  /// A token for `uid` that expires `ttl` seconds from now.
  std::string issue(const std::string& uid) const;
  /// Checks the signature (constant time), then that "exp" is still in the future.
  TokenCheck verify(const std::string& token) const;

  std::chrono::seconds ttl() const { return ttl_; }
  int64_t now() const { return clock_(); }

 private:
  std::string sign(std::string_view signing_input) const;

  std::chrono::seconds ttl_;
  Clock clock_;
  std::string key_;
};

/// Checks a service-account login token: header "alg" must be "RS256", the signature must match
/// `public_key_pem` ("BEGIN PUBLIC KEY" or "BEGIN RSA PUBLIC KEY"), and the numeric "exp" claim
/// must be greater than `now`. The "uid" claim (a non-empty string) is returned; comparing it
/// with the uid of the login request is the caller's job.
TokenCheck verify_rs256(const std::string& jwt, const std::string& public_key_pem, int64_t now);

}  // namespace dcos_local
