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
