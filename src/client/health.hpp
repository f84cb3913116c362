// The DC/OS diagnostics service (dcos-diagnostics) as Admin Router serves it under
// /system/health/v1: the systemd units a node runs and their health (spec:
// mesos-cosmos-api.md §4, fixture dcos/health/node-units.dcos-ui.json).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct HealthUnit {
  std::string id;  ///< the unit's name, e.g. dcos-mesos-master.service
  int health = 0;  ///< 0 healthy, 1 unhealthy, 3 unknown
  nlohmann::json raw;
};

class HealthClient {
 public:
  /// `http` is a client for the cluster's Admin Router (its base URL is the cluster URL).
  explicit HealthClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /system/health/v1/nodes/<host>/units: the units of the node at `host` (an IP or a
  /// hostname), in the server's order. An answer without a `units` list is a server Error.
  Result<std::vector<HealthUnit>> units(const std::string& host);

 private:
  HttpClient http_;
};

}  // namespace dcos
