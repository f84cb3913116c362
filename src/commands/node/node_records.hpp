// The nodes `dcos node list` shows, built from what the cluster answered: every agent of the
// master's state summary (with its public IPs, its drain or activation status and its task
// counters), then every master Mesos-DNS knows, the leader marked. Pure: no I/O, so the rows
// and the JSON records are tested on upstream payloads alone.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/mesos.hpp"
#include "client/mesos_dns.hpp"
#include "client/mesos_operator.hpp"

namespace dcos {

/// What node list fetched. `leader` is absent when the master could not describe itself.
struct NodeSources {
  MesosSummary summary;
  std::vector<OperatorAgent> agents;
  std::optional<MasterInfo> leader;
  std::vector<DnsHost> masters;
  std::map<std::string, std::vector<std::string>> public_ips;  ///< by private IP
};

/// One node: its table cells and its JSON record.
struct NodeRecord {
  std::string id;                  ///< the Mesos id ("" for a standby master)
  std::vector<std::string> cells;  ///< HOSTNAME IP PUBLIC IP(S) ID TYPE STATUS REGION ZONE
  nlohmann::json record;
};

/// The agents (in the summary's order), then the masters (in Mesos-DNS's order). The agents'
/// records are moved from `sources` into the nodes'.
std::vector<NodeRecord> node_records(NodeSources sources);

/// The agent's status: its drain state (DRAINING, DRAINED), else DEACTIVATED, ACTIVE or
/// UNKNOWN (registered but not connected).
std::string agent_status(const OperatorAgent& agent);

/// The value at a dotted `path` of `record` as a table shows it: text as it is, whole numbers
/// without decimals, other numbers with up to 6, lists and objects as compact JSON; "" when
/// the path leads nowhere.
std::string field_text(const nlohmann::json& record, const std::string& path);

}  // namespace dcos
