// Fetching a document (an app, pod or group definition) from an http(s) URL. The document is
// someone else's file, not the cluster's: the request carries no credentials, and any server
// may answer.
#pragma once

#include <optional>
#include <string>

#include "client/http_client.hpp"

namespace dcos {

/// Options for a client whose base URL is the document's `url`: no token, a 30-second limit,
/// and `ssl_verify` (the DCOS_SSL_VERIFY setting, when there is one) for TLS.
ClientOptions document_options(const std::string& url,
                               const std::optional<std::string>& ssl_verify);

/// GETs the client's base URL and returns the body. Failures name the URL: "can't read '<url>':
/// <reason>", with not_found for a 404.
Result<std::string> fetch_document(HttpClient& http);

}  // namespace dcos
