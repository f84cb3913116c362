// Cosmos's media types and errors: parsing `type/subtype;k=v` values, the Content-Type and
// Accept rules of its RPC endpoints (a bare application/json is refused, as Cosmos does), and
// the `{type, message, data}` error bodies with the error media type.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "local/util.hpp"

namespace dcos_local::cosmos {

/// A parsed media type; type, subtype and parameter names are lower-cased.
struct MediaType {
  std::string type, subtype;
  std::map<std::string, std::string> params;

  /// `type/subtype;k=v;…` with the parameters in order of their names.
  std::string str() const;
};

std::optional<MediaType> parse_media_type(const std::string& text);

/// `application/vnd.dcos.<name>+json;charset=utf-8;version=<version>`.
std::string vnd(const std::string& name, const std::string& version);

/// The media type of every Cosmos error body.
inline constexpr const char* kErrorMediaType =
    "application/vnd.dcos.package.error+json;charset=utf-8;version=v1";

/// A Cosmos error: its HTTP status, `type`, `message` and `data` (null when it has none).
struct CosmosError {
  int status = 400;
  std::string type;
  std::string message;
  json data;
};

CosmosError error(std::string type, std::string message, json data = nullptr, int status = 400);

/// Writes the error with the error media type; null members of `data` are dropped.
void reply_error(httplib::Response& res, const CosmosError& e);

/// Writes a 200 with exactly `media_type` as Content-Type; null members are dropped.
void reply_ok(httplib::Response& res, const std::string& media_type, json body);

/// What one RPC accepts and can answer.
struct RpcTypes {
  std::string request;                 ///< "" for GET endpoints without a body
  std::vector<std::string> responses;  ///< in the server's order of preference
};

/// A validated RPC request: the parsed body (an object; `{}` for GET) and the response media
/// type negotiated from Accept.
struct RpcRequest {
  json body;
  std::string response_type;
};

/// Checks Host, Content-Type, Accept and the body as Cosmos's request reader does; on failure
/// the error (one, or `multiple_errors`) has been written to `res` and nullopt is returned.
std::optional<RpcRequest> read_rpc(const httplib::Request& req, httplib::Response& res,
                                   const RpcTypes& types);

/// The `not_parsed` error of a body member that is missing or of the wrong type.
CosmosError not_parsed(const std::string& field);

/// Reads an optional string member; a present non-string fails with not_parsed.
bool optional_string(const json& body, const std::string& field, std::string& out,
                     httplib::Response& res);
/// Reads a required string member; absent or non-string fails with not_parsed.
bool required_string(const json& body, const std::string& field, std::string& out,
                     httplib::Response& res);

/// Removes null object members at any depth, as Cosmos's encoder does.
void drop_nulls(json& value);

}  // namespace dcos_local::cosmos
