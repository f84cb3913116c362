// The DC/OS metrics API (dcos-metrics v0) of one agent, as Admin Router serves it under
// /system/v1/agent/<agent-id>/metrics/v0 (spec: mesos-cosmos-api.md §4): the node's own
// datapoints (CPU, load, memory, file systems) and those of a container and of the application
// inside it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct Datapoint {
  std::string name;  ///< e.g. cpu.total, memory.free, mem.total_bytes
  double value = 0;
  std::string unit;  ///< bytes, percent, count, ... ("" when absent)
  /// The tags (e.g. path: /), sorted by name.
  std::vector<std::pair<std::string, std::string>> tags;
  nlohmann::json raw;  ///< the server's object, unchanged

  /// The value of tag `name`, or nullopt.
  std::optional<std::string> tag(const std::string& name) const;
};

struct MetricsReport {
  std::vector<Datapoint> datapoints;
  nlohmann::json raw;  ///< the whole answer (datapoints and dimensions)
};

class MetricsClient {
 public:
  /// `http` is a client for the cluster's Admin Router (its base URL is the cluster URL).
  explicit MetricsClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /system/v1/agent/<agent>/metrics/v0/node.
  Result<MetricsReport> node(const std::string& agent_id);
  /// GET .../metrics/v0/containers/<container>: nullopt when the agent has no data for it
  /// (204: nested containers, Docker executor).
  Result<std::optional<MetricsReport>> container(const std::string& agent_id,
                                                 const std::string& container_id);
  /// GET .../metrics/v0/containers/<container>/app: the application's own metrics; nullopt on
  /// 204.
  Result<std::optional<MetricsReport>> container_app(const std::string& agent_id,
                                                     const std::string& container_id);

 private:
  Result<std::optional<MetricsReport>> report(const std::string& path);

  HttpClient http_;
};

}  // namespace dcos
