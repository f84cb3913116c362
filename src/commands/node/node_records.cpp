#include "commands/node/node_records.hpp"

#include <cmath>
#include <unordered_map>

#include "client/number_format.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string or_na(const std::string& text) { return text.empty() ? "N/A" : text; }

std::vector<std::string> ips_of(const NodeSources& sources, const std::string& private_ip) {
  auto it = sources.public_ips.find(private_ip);
  return it == sources.public_ips.end() ? std::vector<std::string>() : it->second;
}

NodeRecord agent_record(const NodeSources& sources, MesosAgent& agent,
                        const std::unordered_map<std::string, std::string>& statuses) {
  // An agent the operator API no longer lists (it left between the two calls) keeps an empty
  // status, as the real CLI shows it.
  const auto known = statuses.find(agent.id);
  const std::string status = known == statuses.end() ? "" : known->second;
  const auto public_ips = ips_of(sources, agent.ip);
  NodeRecord node;
  node.id = agent.id;
  node.record = std::move(agent.raw);
  node.record["type"] = agent.is_public ? "agent (public)" : "agent";
  node.record["region"] = agent.region;
  node.record["zone"] = agent.zone;
  node.record["public_ips"] = public_ips;
  node.record["status"] = status;
  node.cells = {agent.hostname,      agent.ip, join(public_ips, ", "), agent.id,
                node.record["type"], status,   or_na(agent.region),    or_na(agent.zone)};
  return node;
}

NodeRecord master_record(const NodeSources& sources, const DnsHost& host) {
  const bool leads = host.ip == sources.summary.hostname;
  const MasterInfo* leader = leads && sources.leader ? &*sources.leader : nullptr;
  // Masters share the leader's region; only the leader's own zone and id are known.
  const std::string region = sources.leader ? sources.leader->region : "";
  const auto public_ips = ips_of(sources, host.ip);
  NodeRecord node;
  node.id = leader ? leader->id : "";
  node.record = {{"host", host.host},
                 {"ip", host.ip},
                 {"public_ips", public_ips},
                 {"type", leads ? "master (leader)" : "master (standby)"},
                 {"region", region},
                 {"zone", leader ? leader->zone : ""},
                 {"id", node.id},
                 {"pid", leader ? leader->pid : ""},
                 {"version", leader ? leader->version : ""}};
  node.cells = {host.host,           host.ip, join(public_ips, ", "), or_na(node.id),
                node.record["type"], "",      or_na(region),          or_na(node.record["zone"])};
  return node;
}

}  // namespace

std::string agent_status(const OperatorAgent& agent) {
  if (!agent.drain_state.empty() && agent.drain_state != "UNKNOWN") return agent.drain_state;
  if (agent.deactivated) return "DEACTIVATED";
  if (agent.active) return "ACTIVE";
  return "UNKNOWN";
}

std::vector<NodeRecord> node_records(NodeSources sources) {
  std::unordered_map<std::string, std::string> statuses;  // by agent id; the last listed wins
  for (const auto& known : sources.agents) statuses[known.id] = agent_status(known);
  std::vector<NodeRecord> nodes;
  nodes.reserve(sources.summary.agents.size() + sources.masters.size());
  for (auto& agent : sources.summary.agents)
    nodes.push_back(agent_record(sources, agent, statuses));
  for (const auto& host : sources.masters) nodes.push_back(master_record(sources, host));
  return nodes;
}

std::string field_text(const json& record, const std::string& path) {
  const json* at = &record;
  for (const auto& key : split(path, '.')) {
    if (!at->is_object()) return "";
    auto next = at->find(key);
    if (next == at->end()) return "";
    at = &*next;
  }
  if (at->is_string()) return at->get<std::string>();
  if (at->is_boolean()) return at->get<bool>() ? "true" : "false";
  if (at->is_number_integer() || at->is_number_unsigned()) return at->dump();
  if (at->is_number_float()) {
    const double value = at->get<double>();
    return value == std::floor(value) && std::fabs(value) < 1e15 ? fixed_decimal(value, 0)
                                                                 : trimmed_decimal(value);
  }
  if (at->is_null()) return "";
  return at->dump();
}

}  // namespace dcos
