#include "client/http_client.hpp"

#include <nlohmann/json.hpp>

#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr const char* kRedacted = "***";

bool idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
         method == "OPTIONS";
}

bool retryable_status(long status) { return status == 502 || status == 503 || status == 504; }

bool secret_key(const std::string& key) {
  std::string lower = to_lower(key);
  for (const char* word : {"token", "password", "secret", "private_key", "privatekey"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

void redact_json(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if (secret_key(key) && member.is_string()) {
        member = kRedacted;
      } else {
        redact_json(member);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) redact_json(element);
  }
}

std::string replace_all(std::string text, const std::string& needle, const std::string& with) {
  if (needle.empty()) return text;
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + with.size())) {
    text.replace(pos, needle.size(), with);
  }
  return text;
}

std::string numbered(unsigned number, const std::string& line) {
  return "[" + std::to_string(number) + "] " + line;
}

std::string took(std::chrono::steady_clock::time_point since) {
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - since);
  return " (" + std::to_string(elapsed.count()) + " ms)";
}

}  // namespace

std::string redact_body(const std::string& body, const std::string& token) {
  std::string text = body;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_discarded() && (parsed.is_object() || parsed.is_array())) {
    redact_json(parsed);
    text = parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return replace_all(std::move(text), token, kRedacted);
}

std::string server_message(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object()) {
    for (const char* field : {"message", "description", "error", "title"}) {
      auto it = parsed.find(field);
      if (it != parsed.end() && it->is_string() && !it->get<std::string>().empty()) {
        return it->get<std::string>();
      }
    }
    return {};
  }
  std::string_view text = trim(body);
  if (text.empty() || text.front() == '<') return {};  // HTML error pages say nothing useful
  text = text.substr(0, text.find('\n'));
  if (text.size() > 200) return std::string(text.substr(0, 200)) + "…";
  return std::string(text);
}

Error error_for_status(const std::string& method, const std::string& url,
                       const HttpResponse& response, bool had_token) {
  const std::string what = method + " " + url;
  const std::string said = server_message(response.body);
  const std::string suffix = said.empty() ? "" : ": " + said;
  const long status = response.status;
  switch (status) {
    case 401:
      return Error::detailed(ErrorKind::auth,
                             had_token
                                 ? "the cluster rejected your token; it is invalid or has expired"
                                 : "the cluster requires you to log in",
                             ErrorDetail::not_logged_in);
    case 403:
      return Error::make(
          ErrorKind::forbidden,
          "you are not authorized to perform this operation (HTTP 403 from " + what + ")" + suffix);
    case 404:
      return Error::make(ErrorKind::not_found, "not found (HTTP 404 from " + what + ")" + suffix);
    case 409:
      return Error::make(ErrorKind::conflict, "conflict (HTTP 409 from " + what + ")" + suffix);
    case 400:
    case 422:
      return Error::make(ErrorKind::invalid, "the server rejected the request (HTTP " +
                                                 std::to_string(status) + " from " + what + ")" +
                                                 suffix);
    default:
      break;
  }
  ErrorKind kind = status >= 500 ? ErrorKind::server : ErrorKind::generic;
  return Error::make(kind, "HTTP " + std::to_string(status) + " from " + what + suffix);
}

HttpClient::HttpClient(Transport& transport, ClientOptions options, Tracer tracer, Sleeper sleeper,
                       WaitNotice notice)
    : transport_(transport),
      options_(std::move(options)),
      tracer_(std::move(tracer)),
      sleeper_(std::move(sleeper)),
      notice_(std::move(notice)) {
  if (!tracer_.sequence) tracer_.sequence = std::make_shared<std::atomic<unsigned>>(0);
}

Result<HttpResponse> HttpClient::perform(HttpRequest request, const ResponseSink* sink) {
  bool shown = false;
  if (notice_.show && !request.body_source) {
    request.slow_after = notice_.after;
    request.on_slow = [this, &shown, url = request.url] {
      shown = true;
      notice_.show(url);
    };
  }
  auto clear = [this, &shown] {
    if (shown && notice_.clear) notice_.clear();
    shown = false;
  };
  if (sink == nullptr) {
    auto response = transport_.perform(request);
    clear();
    return response;
  }
  // A stream's answer may go on for long after its head: the notice goes when the head comes.
  ResponseSink noticed = *sink;
  noticed.on_head = [&clear, sink](const HttpResponse& head) {
    clear();
    return !sink->on_head || sink->on_head(head);
  };
  auto response = transport_.perform_stream(request, noticed);
  clear();
  return response;
}

Result<HttpResponse> HttpClient::send(const std::string& method, const std::string& path,
                                      const std::string& body, Headers headers) {
  auto response = send_once(method, path, body, headers);
  if (!response || response->status != 401 || options_.token.empty() || !options_.refresh_token)
    return response;
  auto refresh = std::move(options_.refresh_token);  // once per client, whatever happens
  options_.refresh_token = nullptr;
  if (tracer_.level > 0) tracer_.write("* the token was refused; logging in again");
  auto token = refresh();
  if (!token) return token.error();
  options_.token = *token;
  return send_once(method, path, body, headers);
}

HttpRequest HttpClient::make_request(const std::string& method, const std::string& path,
                                     const std::string& body, const Headers& headers) const {
  HttpRequest request;
  request.method = method;
  request.url = options_.base_url + path;
  request.body = body;
  request.connect_timeout = options_.connect_timeout;
  request.timeout = options_.timeout;
  request.tls = options_.tls;
  if (!options_.token.empty()) {
    request.headers.emplace_back("Authorization", "token=" + options_.token);
  }
  if (!options_.user_agent.empty() && header_value(headers, "User-Agent").empty()) {
    request.headers.emplace_back("User-Agent", options_.user_agent);
  }
  for (const auto& header : headers) request.headers.push_back(header);
  return request;
}

Result<HttpResponse> HttpClient::send_once(const std::string& method, const std::string& path,
                                           const std::string& body, const Headers& headers) {
  HttpRequest request = make_request(method, path, body, headers);
  const int attempts = idempotent(method) ? std::max(1, options_.max_attempts) : 1;
  std::chrono::milliseconds backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    const Exchange exchange = trace_request(request);
    auto response = perform(request, nullptr);
    bool last = attempt >= attempts;
    if (!response) {
      trace_failure(exchange, request, response.error());
      if (last || !response.error().transient) return placed(response.take_error());
      trace_note(exchange, "* retrying after: " + response.error().message);
    } else {
      trace_response(exchange, request, *response);
      if (last || !retryable_status(response->status)) return response;
      trace_note(exchange, "* retrying after HTTP " + std::to_string(response->status));
    }
    if (sleeper_) sleeper_(backoff);
    backoff *= 2;
  }
}

Result<HttpResponse> HttpClient::request(const std::string& method, const std::string& path,
                                         const std::string& body, Headers headers) {
  auto response = send(method, path, body, std::move(headers));
  if (response && response->status >= 400) {
    return error_for_status(method, options_.base_url + path, *response, !options_.token.empty());
  }
  return response;
}

Result<HttpResponse> HttpClient::stream(const std::string& method, const std::string& path,
                                        const ResponseSink& sink, Headers headers,
                                        const std::string& body, BodySource source) {
  HttpRequest request = make_request(method, path, body, headers);
  request.timeout = std::chrono::milliseconds(0);
  request.body_source = std::move(source);
  auto response = stream_once(request, sink);
  if (response && response->status == 401 && !options_.token.empty() && options_.refresh_token &&
      !request.body_source) {
    auto refresh = std::move(options_.refresh_token);
    options_.refresh_token = nullptr;
    if (tracer_.level > 0) tracer_.write("* the token was refused; logging in again");
    auto token = refresh();
    if (!token) return token.error();
    options_.token = *token;
    request = make_request(method, path, body, headers);
    request.timeout = std::chrono::milliseconds(0);
    response = stream_once(request, sink);
  }
  if (response && response->status >= 400)
    return error_for_status(method, request.url, *response, !options_.token.empty());
  return response;
}

Result<HttpResponse> HttpClient::get_streamed(const std::string& path, const ResponseSink& sink,
                                              Headers headers) {
  auto response = get_streamed_once(path, sink, headers);
  if (!response || response->status != 401 || options_.token.empty() || !options_.refresh_token)
    return response;
  auto refresh = std::move(options_.refresh_token);
  options_.refresh_token = nullptr;
  if (tracer_.level > 0) tracer_.write("* the token was refused; logging in again");
  auto token = refresh();
  if (!token) return token.error();
  options_.token = *token;
  return get_streamed_once(path, sink, headers);
}

Result<HttpResponse> HttpClient::get_streamed_once(const std::string& path,
                                                   const ResponseSink& sink,
                                                   const Headers& headers) {
  const HttpRequest request = make_request("GET", path, {}, headers);
  const int attempts = std::max(1, options_.max_attempts);
  std::chrono::milliseconds backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    bool delivered = false;
    ResponseSink counted = sink;
    counted.on_data = [&](std::string_view piece) {
      delivered = true;
      return !sink.on_data || sink.on_data(piece);
    };
    auto response = stream_once(request, counted);
    if (delivered || attempt >= attempts) return response;
    if (!response) {
      if (!response.error().transient) return response;
      if (tracer_.level > 0) tracer_.write("* retrying after: " + response.error().message);
    } else {
      if (!retryable_status(response->status)) return response;
      if (tracer_.level > 0)
        tracer_.write("* retrying after HTTP " + std::to_string(response->status));
    }
    if (sleeper_) sleeper_(backoff);
    backoff *= 2;
  }
}

Result<HttpResponse> HttpClient::stream_once(const HttpRequest& request, const ResponseSink& sink) {
  // An error response is kept (its start) for the error message instead of being handed on.
  constexpr size_t kKeptErrorBytes = 64 * 1024;
  bool failed = false;
  std::string error_body;
  ResponseSink inner;
  const Exchange exchange = trace_request(request);
  inner.on_head = [&](const HttpResponse& head) {
    trace_response(exchange, request, head);
    failed = head.status >= 400;
    if (failed) return true;
    return !sink.on_head || sink.on_head(head);
  };
  inner.on_data = [&](std::string_view piece) {
    if (!failed) return !sink.on_data || sink.on_data(piece);
    error_body.append(
        piece.substr(0, kKeptErrorBytes - std::min(kKeptErrorBytes, error_body.size())));
    return true;
  };
  inner.keep_going = sink.keep_going;
  auto response = perform(request, &inner);
  if (!response) {
    trace_failure(exchange, request, response.error());
    return placed(response.take_error());
  }
  if (failed) {
    response->body = std::move(error_body);
    if (tracer_.level >= 2 && !response->body.empty())
      trace_note(exchange, redact_body(response->body, options_.token));
  }
  return response;
}

HttpClient::Exchange HttpClient::trace_request(const HttpRequest& request) const {
  Exchange exchange{0, std::chrono::steady_clock::now()};
  if (tracer_.level <= 0 || !tracer_.write) return exchange;
  exchange.number = ++*tracer_.sequence;
  tracer_.write(numbered(exchange.number, "> " + request.method + " " + request.url));
  for (const auto& [name, value] : request.headers) {
    bool secret = iequals(name, "Authorization") || iequals(name, "Cookie");
    tracer_.write(numbered(exchange.number, "> " + name + ": " + (secret ? kRedacted : value)));
  }
  if (tracer_.level >= 2 && !request.body.empty()) {
    tracer_.write(numbered(exchange.number, redact_body(request.body, options_.token)));
  }
  return exchange;
}

void HttpClient::trace_response(const Exchange& exchange, const HttpRequest& request,
                                const HttpResponse& response) const {
  if (tracer_.level <= 0 || !tracer_.write) return;
  std::string status = std::to_string(response.status);
  if (auto reason = reason_phrase(response.status); !reason.empty())
    status += " " + std::string(reason);
  tracer_.write(numbered(
      exchange.number, request.method + " " + request.url + " -> " + status + took(exchange.sent)));
  for (const auto& [name, value] : response.headers) {
    bool secret = iequals(name, "Set-Cookie");
    tracer_.write(numbered(exchange.number, "< " + name + ": " + (secret ? kRedacted : value)));
  }
  if (tracer_.level >= 2 && !response.body.empty()) {
    tracer_.write(numbered(exchange.number, redact_body(response.body, options_.token)));
  }
}

void HttpClient::trace_failure(const Exchange& exchange, const HttpRequest& request,
                               const Error& error) const {
  if (tracer_.level <= 0 || !tracer_.write) return;
  tracer_.write(numbered(exchange.number, request.method + " " + request.url + " -> failed: " +
                                              redact_body(error.message, options_.token) +
                                              took(exchange.sent)));
}

void HttpClient::trace_note(const Exchange& exchange, const std::string& note) const {
  if (tracer_.level <= 0 || !tracer_.write) return;
  tracer_.write(numbered(exchange.number, note));
}

Error HttpClient::placed(Error error) const {
  if (error.detail != ErrorDetail::plain_http && error.detail != ErrorDetail::unreachable)
    return error;
  // Name the address as the user gave it (with its path), not only the server's origin.
  const std::string& base =
      options_.url_setting.empty() ? options_.base_url : options_.url_setting_value;
  if (error.detail == ErrorDetail::plain_http && starts_with(base, "https://"))
    error.ids = {"http://" + base.substr(8)};
  else if (error.detail == ErrorDetail::unreachable && !base.empty())
    error.ids = {base};
  error.ids.resize(1);
  error.ids.push_back(options_.url_setting);
  return error;
}

}  // namespace dcos
