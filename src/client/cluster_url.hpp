// The one rule for a cluster URL a person types (`cluster setup <url>`, `auth list-providers
// <url>`): http:// or https://, a bare host gets https://, any other scheme is refused rather
// than glued behind https:// ("https://ftp://x").
#pragma once

#include <string>
#include <string_view>

#include "client/error.hpp"

namespace dcos {

struct ClusterUrl {
  std::string url;            ///< scheme and host in lower case, no trailing slash
  bool scheme_added = false;  ///< the text had no scheme; https:// was put in front
};

/// The scheme of `text` in lower case ("ftp" for ftp://x), or empty when it names none.
std::string url_scheme(std::string_view text);

/// `text` as a cluster URL, or a usage error for another scheme or a missing host.
Result<ClusterUrl> normalize_cluster_url(std::string_view text);

}  // namespace dcos
