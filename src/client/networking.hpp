// The DC/OS networking API (dcos-net) as Admin Router serves it: GET /net/v1/nodes, which
// maps each node's private IP to its public IPs (spec: mesos-cosmos-api.md §4, fixture
// dcos/networking/net-v1-nodes.dcos-ui.json).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct NetworkNode {
  std::string private_ip;
  std::vector<std::string> public_ips;
  std::string hostname;
  nlohmann::json raw;
};

class NetworkingClient {
 public:
  /// `http` is a client for the cluster's Admin Router (its base URL is the cluster URL).
  explicit NetworkingClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /net/v1/nodes; an answer that is not a JSON list is a server Error.
  Result<std::vector<NetworkNode>> nodes();

 private:
  HttpClient http_;
};

}  // namespace dcos
