// The Mesos master's operator API v1 (POST <mesos>/api/v1), spoken in JSON (spec:
// mesos-cosmos-api.md §1.4): the registered agents with their activation and drain state, the
// leading master's own description, and the maintenance calls that change an agent or end a
// framework. Every call sends and accepts application/json. The real CLI reads GET_AGENTS in
// protobuf; the master answers the same data in JSON, which needs no protobuf library here.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// One agent of GET_AGENTS (`agents` and `recovered_agents`).
struct OperatorAgent {
  std::string id;        ///< agent_info.id.value
  std::string hostname;  ///< agent_info.hostname
  std::string pid;
  bool active = false;       ///< connected to the master
  bool deactivated = false;  ///< deactivated by an operator (or by a drain)
  /// drain_info.state (DRAINING, DRAINED); "" when the agent is not being drained.
  std::string drain_state;
  bool recovered = false;  ///< listed under recovered_agents (not re-registered yet)
  nlohmann::json raw;
};

/// GET_MASTER's master_info: the leading master.
struct MasterInfo {
  std::string id;
  std::string pid;
  std::string hostname;
  std::string ip;  ///< address.ip, else the address part of `pid`
  std::string version;
  std::string region;  ///< domain.fault_domain.region.name, "" without a fault domain
  std::string zone;
  nlohmann::json raw;
};

/// What DRAIN_AGENT asks for.
struct DrainRequest {
  bool mark_gone = false;  ///< decommission the agent once drained
  /// Longest time Mesos grants a task to end before it kills it; the task's own kill grace
  /// period when absent.
  std::optional<std::chrono::milliseconds> max_grace_period;
};

class MesosOperator {
 public:
  /// `http` is a client for the Mesos master (its base URL ends before /api/v1).
  explicit MesosOperator(HttpClient http) : http_(std::move(http)) {}

  /// GET_AGENTS: the registered agents, then the recovered ones.
  Result<std::vector<OperatorAgent>> agents();
  /// GET_MASTER: the leading master.
  Result<MasterInfo> master();

  /// MARK_AGENT_GONE; 404 is not_found "could not mark agent '<id>' as gone".
  Status mark_agent_gone(const std::string& agent_id);
  /// DEACTIVATE_AGENT; 404 is not_found "could not deactivate agent '<id>'".
  Status deactivate_agent(const std::string& agent_id);
  /// REACTIVATE_AGENT; 404 is not_found "could not reactivate agent '<id>'".
  Status reactivate_agent(const std::string& agent_id);
  /// DRAIN_AGENT; 404 is not_found "could not drain agent '<id>'".
  Status drain_agent(const std::string& agent_id, const DrainRequest& request);
  /// TEARDOWN of a framework and all its tasks; 404 is not_found
  /// "could not teardown framework '<id>'".
  Status teardown(const std::string& framework_id);

 private:
  /// Sends `call` and returns the answer's object (empty for calls that answer nothing). 503 is
  /// "could not connect to the leading mesos master"; a 404 becomes `not_found` with
  /// `missing`'s text when it is not empty.
  Result<nlohmann::json> call(const nlohmann::json& call, const std::string& missing = {});

  HttpClient http_;
};

}  // namespace dcos
