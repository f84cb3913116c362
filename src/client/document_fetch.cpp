#include "client/document_fetch.hpp"

#include <chrono>
#include <utility>

namespace dcos {

ClientOptions document_options(const std::string& url,
                               const std::optional<std::string>& ssl_verify) {
  ClientOptions options;
  options.base_url = url;
  options.timeout = std::chrono::seconds(30);
  if (ssl_verify) options.tls = TlsSetting::parse(*ssl_verify);
  return options;
}

Result<std::string> fetch_document(HttpClient& http) {
  const std::string& url = http.options().base_url;
  auto response = http.send("GET", "", {}, {{"Accept", "application/json, application/yaml, */*"}});
  if (!response) {
    Error error = response.take_error();
    error.message = "can't read '" + url + "': " + error.message;
    return error;
  }
  if (response->status != 200)
    return Error::make(response->status == 404 ? ErrorKind::not_found : ErrorKind::generic,
                       "can't read '" + url + "': HTTP " + std::to_string(response->status));
  return std::move(response->body);
}

}  // namespace dcos
