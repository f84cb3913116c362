#include "client/http.hpp"

#include "client/strings.hpp"

namespace dcos {

std::string header_value(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

TlsSetting TlsSetting::parse(std::string_view value) {
  TlsSetting tls;
  if (value.empty()) return tls;
  if (auto flag = parse_bool(value)) {
    tls.verify = *flag;
    return tls;
  }
  tls.ca_file = std::string(value);
  return tls;
}

}  // namespace dcos
