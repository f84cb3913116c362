#include "client/cluster_url.hpp"

#include <cctype>

#include "client/strings.hpp"

namespace dcos {

std::string url_scheme(std::string_view text) {
  text = trim(text);
  const auto end = text.find("://");
  if (end == std::string_view::npos || end == 0) return {};
  const std::string_view scheme = text.substr(0, end);
  if (!std::isalpha(static_cast<unsigned char>(scheme.front()))) return {};
  for (char c : scheme)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
  return to_lower(scheme);
}

Result<ClusterUrl> normalize_cluster_url(std::string_view text) {
  ClusterUrl result;
  std::string url(trim(text));
  const std::string scheme = url_scheme(url);
  if (scheme.empty()) {
    url = "https://" + url;
    result.scheme_added = true;
  } else if (scheme != "http" && scheme != "https") {
    return Error::make(ErrorKind::usage,
                       "unsupported scheme " + scheme + ":// in '" + std::string(trim(text)) +
                           "': a cluster URL starts with http:// or https://",
                       "give the cluster's address as https://<host> (or http://<host>)");
  } else {
    url = scheme + url.substr(scheme.size());
  }
  const size_t host_start = url.find("://") + 3;
  const size_t host_end = std::min(url.find_first_of("/?#", host_start), url.size());
  const std::string host = url.substr(host_start, host_end - host_start);
  if (host.empty())
    return Error::make(ErrorKind::usage,
                       "no host in the cluster URL '" + std::string(trim(text)) + "'");
  url = url.substr(0, host_start) + to_lower(host) + url.substr(host_end);
  while (url.size() > host_end && url.back() == '/') url.pop_back();
  result.url = std::move(url);
  return result;
}

}  // namespace dcos
