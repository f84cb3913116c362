// The HTTP transport abstraction. A Transport sends one fully formed request and returns the
// raw response, or an Error for failures below HTTP (connection refused, TLS, timeout). It
// knows nothing of DC/OS: base URLs, tokens, retries, tracing and status-code meaning live in
// HttpClient (http_client.hpp). The real implementation is CurlTransport; tests use a fake
// that serves canned responses and records what was asked.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// An ordered list of header fields; names compared case-insensitively by header_value().
using Headers = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (case-insensitive), or "" when absent.
std::string header_value(const Headers& headers, std::string_view name);

/// The standard reason phrase of a status ("Not Found" for 404), or "" for an unusual one.
std::string_view reason_phrase(long status);

/// How to verify the server's TLS certificate: system roots, not at all, or a CA bundle file.
struct TlsSetting {
  bool verify = true;
  std::string ca_file;  ///< empty: system roots

  /// Parses the `core.ssl_verify` forms: "", true/false spellings, or a CA path.
  static TlsSetting parse(std::string_view value);
};

/// Produces a request body as it goes (sent chunked): fills up to `size` bytes of `buffer` and
/// returns how many it wrote, 0 at the end. It may block until it has something to send.
using BodySource = std::function<size_t(char* buffer, size_t size)>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  BodySource body_source;  ///< when set, the body comes from here instead of `body`
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{180'000};  ///< whole request; zero means none
  TlsSetting tls;
  /// Called once by the transport when no byte of the answer has come `slow_after` after the
  /// request began (so that a person at a terminal is told what is being waited for). Empty:
  /// nothing is called. Transports that cannot tell may never call it.
  std::function<void()> on_slow;
  std::chrono::milliseconds slow_after{1000};
};

struct HttpResponse {
  long status = 0;
  Headers headers;
  std::string body;
};

/// Receives a response as it arrives, for bodies too large to hold (a big cluster's state, a
/// download) or that never end (a followed log, a container's output). Any of the three may
/// return false to stop the transfer; the transfer then ends as a success with what came.
struct ResponseSink {
  /// Status and headers of the final response (after redirects), before any of its body.
  std::function<bool(const HttpResponse& head)> on_head;
  /// The next piece of the body, in order.
  std::function<bool(std::string_view piece)> on_data;
  /// Asked now and then (about once a second) while the transfer waits for data.
  std::function<bool()> keep_going;
};

/// Sends requests. Implementations keep connections open between calls.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Performs `request`; an HTTP error status is a successful response, not an Error.
  virtual Result<HttpResponse> perform(const HttpRequest& request) = 0;
  /// Performs `request`, handing the response to `sink` as it arrives; the result carries the
  /// status and headers with an empty body. A connection that breaks after the head is an
  /// Error (network, transient), so a reader of an endless stream knows to reconnect. This
  /// default performs the request whole and hands over the body in one piece.
  virtual Result<HttpResponse> perform_stream(const HttpRequest& request, const ResponseSink& sink);
};

}  // namespace dcos
