#include "client/http.hpp"

#include "client/strings.hpp"

namespace dcos {

std::string header_value(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

std::string_view reason_phrase(long status) {
  static constexpr std::pair<long, std::string_view> kPhrases[] = {
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {204, "No Content"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {409, "Conflict"},
      {413, "Payload Too Large"},
      {415, "Unsupported Media Type"},
      {422, "Unprocessable Entity"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  };
  for (const auto& [code, phrase] : kPhrases)
    if (code == status) return phrase;
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

namespace dcos {

Result<HttpResponse> Transport::perform_stream(const HttpRequest& request,
                                               const ResponseSink& sink) {
  HttpRequest whole = request;
  if (whole.body_source) {
    char buffer[16 * 1024];
    for (size_t n; (n = whole.body_source(buffer, sizeof buffer)) > 0;)
      whole.body.append(buffer, n);
    whole.body_source = nullptr;
  }
  auto response = perform(whole);
  if (!response) return response;
  std::string body = std::move(response->body);
  response->body.clear();
  if (sink.on_head && !sink.on_head(*response)) return response;
  if (!body.empty() && sink.on_data) sink.on_data(body);
  return response;
}

}  // namespace dcos
