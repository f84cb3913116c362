// HttpClient turns a Transport into a DC/OS service client: it joins paths to a base URL,
// adds the token and user agent, applies the cluster's timeouts and TLS setting, retries
// idempotent requests on transient failures, traces exchanges for -v/-vv with every secret
// replaced by ***, and turns error statuses into Errors with the right category.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "client/http.hpp"

namespace dcos {

/// Receives trace lines (no trailing newline) for -v (headers) and -vv (bodies too). Every
/// line of an exchange starts with its request number, `[3] > GET <url>` for the request and
/// `[3] GET <url> -> 200 OK (12 ms)` for the response, so that parallel requests can be told
/// apart.
struct Tracer {
  int level = 0;  ///< 0 none, 1 request/response lines and headers, 2 also bodies
  std::function<void(const std::string&)> write;
  /// Numbers the requests; clients that share it (a command's main client and its fan-out
  /// clients) number them in one sequence. Null: each client counts on its own.
  std::shared_ptr<std::atomic<unsigned>> sequence;
};

/// What a client tells a person while a request keeps them waiting: when no answer has begun
/// `after` the request was sent, show(url) once; clear() when the request has ended (answered,
/// failed or interrupted), before anything else is written. Empty `show`: nothing is said.
/// Requests that stream a body of their own (an interactive session's input) never show it:
/// their answer comes only when the input ends.
struct WaitNotice {
  std::chrono::milliseconds after{1000};
  std::function<void(const std::string& url)> show;
  std::function<void()> clear;
};

struct ClientOptions {
  std::string base_url;  ///< no trailing slash
  std::string token;     ///< sent as "Authorization: token=<token>" when non-empty
  std::string user_agent;
  TlsSetting tls;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{180'000};
  int max_attempts = 3;  ///< for idempotent requests on transient failures
  std::chrono::milliseconds first_backoff{200};
  /// Called once when a request sent with a token gets 401: returns a fresh token (for
  /// example by logging in again with a service account's key), and the request is retried
  /// with it. Empty: a 401 is returned as it is.
  std::function<Result<std::string>()> refresh_token;
  /// The configuration key base_url comes from (core.dcos_url, marathon.url, …) and its value,
  /// for hints about a wrong address; empty when the URL was typed in or is a document's own.
  std::string url_setting;
  std::string url_setting_value;
};

class HttpClient {
 public:
  using Sleeper = std::function<void(std::chrono::milliseconds)>;

  HttpClient(Transport& transport, ClientOptions options, Tracer tracer, Sleeper sleeper,
             WaitNotice notice = {});

  /// Sends a request to base_url + path and returns the response, whatever its status.
  Result<HttpResponse> send(const std::string& method, const std::string& path,
                            const std::string& body = {}, Headers headers = {});

  /// Like send(), but a status of 400 or more becomes an Error (see error_for_status).
  Result<HttpResponse> request(const std::string& method, const std::string& path,
                               const std::string& body = {}, Headers headers = {});

  Result<HttpResponse> get(const std::string& path, Headers headers = {}) {
    return request("GET", path, {}, std::move(headers));
  }

  /// A request whose response body goes to `sink` as it arrives (see ResponseSink), for
  /// large or endless bodies. There is no overall time limit (the connect timeout holds) and
  /// no retry, except once after a refused token when the request has no streamed body. A
  /// status of 400 or more is an Error as with request(); its body never reaches the sink.
  /// `source`, when set, streams the request body.
  Result<HttpResponse> stream(const std::string& method, const std::string& path,
                              const ResponseSink& sink, Headers headers = {},
                              const std::string& body = {}, BodySource source = {});

  /// GET `path` with the body handed to `sink` as it arrives, for documents too large to hold
  /// (a big cluster's state). Retried as get() is (a transient failure, 502/503/504, once after
  /// a refused token) while none of the body has reached the sink; the client's overall timeout
  /// holds. As with send(), any status comes back as a response: the body of a status of 400
  /// or more is not handed on but kept (its start) in the response for the error message.
  Result<HttpResponse> get_streamed(const std::string& path, const ResponseSink& sink,
                                    Headers headers = {});

  const ClientOptions& options() const { return options_; }

 private:
  Result<HttpResponse> send_once(const std::string& method, const std::string& path,
                                 const std::string& body, const Headers& headers);
  HttpRequest make_request(const std::string& method, const std::string& path,
                           const std::string& body, const Headers& headers) const;
  Result<HttpResponse> stream_once(const HttpRequest& request, const ResponseSink& sink);
  Result<HttpResponse> get_streamed_once(const std::string& path, const ResponseSink& sink,
                                         const Headers& headers);
  /// The transport's perform (sink null) or perform_stream, with the wait notice around it.
  Result<HttpResponse> perform(HttpRequest request, const ResponseSink* sink);
  /// One traced exchange: its number and when it was sent.
  struct Exchange {
    unsigned number = 0;
    std::chrono::steady_clock::time_point sent;
  };
  Exchange trace_request(const HttpRequest& request) const;
  void trace_response(const Exchange& exchange, const HttpRequest& request,
                      const HttpResponse& response) const;
  void trace_failure(const Exchange& exchange, const HttpRequest& request,
                     const Error& error) const;
  void trace_note(const Exchange& exchange, const std::string& note) const;
  /// A transport's Error with what only this client knows added: where the URL came from.
  Error placed(Error error) const;

  Transport& transport_;
  ClientOptions options_;
  Tracer tracer_;
  Sleeper sleeper_;
  WaitNotice notice_;
};

/// The Error for an HTTP error status: 401 auth (hint: log in), 403 forbidden, 404 not found,
/// 409 conflict, 400/422 invalid, 5xx server; the message names the request and carries the
/// server's own message when the body has one.
Error error_for_status(const std::string& method, const std::string& url,
                       const HttpResponse& response, bool had_token);

/// The server's own message in an error body: the JSON "message", "description" or
/// "error" field, else the first line of a short text body.
std::string server_message(const std::string& body);

/// Replaces secrets in a body for tracing: values of token/password/secret-like JSON fields,
/// and every occurrence of `token` itself.
std::string redact_body(const std::string& body, const std::string& token);

}  // namespace dcos
