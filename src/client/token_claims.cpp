#include "client/token_claims.hpp"

#include <nlohmann/json.hpp>

#include "client/base64.hpp"

namespace dcos {

std::optional<TokenClaims> read_token_claims(std::string_view token) {
  auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  // URL-safe base64 without padding: map it to the standard alphabet for the one decoder.
  std::string payload(token.substr(first + 1, second - first - 1));
  for (char& c : payload) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  auto bytes = base64_decode(payload);
  if (!bytes) return std::nullopt;
  auto json = nlohmann::json::parse(*bytes, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  TokenClaims claims;
  if (auto uid = json.find("uid"); uid != json.end() && uid->is_string()) {
    claims.uid = uid->get<std::string>();
  }
  if (auto exp = json.find("exp"); exp != json.end() && exp->is_number()) {
    claims.expires =
        exp->is_number_integer() ? exp->get<int64_t>() : static_cast<int64_t>(exp->get<double>());
  }
  return claims;
}

bool token_expired(std::string_view token, std::chrono::system_clock::time_point now) {
  auto claims = read_token_claims(token);
  if (!claims || !claims->expires) return false;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  return *claims->expires <= seconds.count();
}

}  // namespace dcos
