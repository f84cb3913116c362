// The HTTP transport abstraction. A Transport sends one fully formed request and returns the
// raw response, or an Error for failures below HTTP (connection refused, TLS, timeout). It
// knows nothing of DC/OS: base URLs, tokens, retries, tracing and status-code meaning live in
// HttpClient (http_client.hpp). The real implementation is CurlTransport; tests use a fake
// that serves canned responses and records what was asked.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// An ordered list of header fields; names compared case-insensitively by header_value().
using Headers = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (case-insensitive), or "" when absent.
std::string header_value(const Headers& headers, std::string_view name);

/// How to verify the server's TLS certificate: system roots, not at all, or a CA bundle file.
struct TlsSetting {
  bool verify = true;
  std::string ca_file;  ///< empty: system roots

  /// Parses the `core.ssl_verify` forms: "", true/false spellings, or a CA path.
  static TlsSetting parse(std::string_view value);
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{180'000};  ///< whole request; zero means none
  TlsSetting tls;
};

struct HttpResponse {
  long status = 0;
  Headers headers;
  std::string body;
};

/// Sends requests. Implementations keep connections open between calls.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Performs `request`; an HTTP error status is a successful response, not an Error.
  virtual Result<HttpResponse> perform(const HttpRequest& request) = 0;
};

}  // namespace dcos
