// The encodings Cosmos puts in app labels: base64 (standard alphabet, padded) and gzip.
#pragma once

#include <optional>
#include <string>

namespace dcos_local::cosmos {

std::string base64_encode(const std::string& bytes);
/// nullopt when `text` is not padded standard base64.
std::optional<std::string> base64_decode(const std::string& text);

/// A gzip member (RFC 1952) holding `bytes`.
std::string gzip(const std::string& bytes);
/// The bytes of a gzip member; nullopt when it is not one.
std::optional<std::string> gunzip(const std::string& data);

}  // namespace dcos_local::cosmos
