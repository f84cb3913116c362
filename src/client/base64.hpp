// Standard base64 (RFC 4648 section 4, with '=' padding): how the JSON form of a protobuf
// carries `bytes` fields, such as the data of a Mesos ProcessIO message.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dcos {

std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes, or nullopt when it is not base64. Padding may be left out;
/// whitespace is not accepted.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace dcos
