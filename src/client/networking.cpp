#include "client/networking.hpp"

#include "client/json_fields.hpp"

namespace dcos {

Result<std::vector<NetworkNode>> NetworkingClient::nodes() {
  auto response = http_.get("/net/v1/nodes");
  if (!response) return response.take_error();
  auto list = nlohmann::json::parse(response->body, nullptr, false);
  if (!list.is_array())
    return Error::make(ErrorKind::server, "the networking API did not answer with a list of nodes");
  std::vector<NetworkNode> nodes;
  for (auto& entry : list) {
    if (!entry.is_object()) continue;
    NetworkNode node;
    node.private_ip = json_fields::string_field(entry, "private_ip");
    node.public_ips = json_fields::string_list(entry, "public_ips");
    node.hostname = json_fields::string_field(entry, "hostname");
    node.raw = std::move(entry);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

}  // namespace dcos
