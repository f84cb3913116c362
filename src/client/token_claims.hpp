// What a DC/OS token says about itself: the `uid` and `exp` claims of its JWT payload, read
// without checking the signature (only the cluster can do that). Used for messages (who is
// logged in) and for `cluster list` (whose token has expired); never to trust a token.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dcos {

struct TokenClaims {
  std::string uid;                 ///< the user or service account, "" when absent
  std::optional<int64_t> expires;  ///< `exp`, in seconds since the epoch
};

/// The claims of `token` when it is a compact JWT whose payload is a JSON object; nullopt for
/// anything else (an opaque token, a damaged one).
std::optional<TokenClaims> read_token_claims(std::string_view token);

/// True when `token` is a JWT whose `exp` is at or before `now`; false when it has no `exp`
/// or is not a JWT (then only the cluster can tell).
bool token_expired(std::string_view token, std::chrono::system_clock::time_point now);

}  // namespace dcos
