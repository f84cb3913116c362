#include "local/cassandra/node_model.hpp"

#include <cmath>

namespace dcos_local::cassandra {
namespace {

int64_t scaled(int64_t ms, double scale) {
  return static_cast<int64_t>(std::llround(static_cast<double>(ms) * scale));
}

}  // namespace

HealthInfo server_info(int64_t uptime_ms, double time_scale, const ServerIdentity& identity) {
  HealthInfo info;
  info.version = kCassandraVersion;
  info.cluster_name = identity.cluster_name;
  info.data_center = identity.dc;
  info.rack = identity.rack;
  info.endpoint = identity.endpoint;
  info.host_id = identity.host_id;
  info.uptime_millis = uptime_ms;
  bool gossiping = uptime_ms >= scaled(10000, time_scale);
  bool normal = uptime_ms >= scaled(25000, time_scale);
  info.operation_mode = normal ? "NORMAL" : gossiping ? "JOINING" : "STARTING";
  info.gossip_initialized = info.gossip_running = gossiping;
  info.joined = normal;
  info.token_count = normal ? 256 : 0;
  info.native_transport_running = info.rpc_server_running = normal;
  return info;
}

const std::vector<std::string>& KeyspaceJob::keyspaces() {
  static const std::vector<std::string> names{"system_auth", "system_traces", "keyspace1"};
  return names;
}

nlohmann::json KeyspaceJob::progress(int64_t now_ms) const {
  int64_t each = scaled(type == "REPAIR" ? 3000 : 1500, time_scale);
  nlohmann::json processed = nlohmann::json::array(), remaining = nlohmann::json::array();
  int64_t at = started_ms;
  for (const std::string& keyspace : keyspaces()) {
    at += each;
    if (at <= now_ms)
      processed.push_back({{"keyspace", keyspace},
                           {"status", type == "REPAIR" ? "FINISHED" : "SUCCESS"},
                           {"durationMillis", each}});
    else
      remaining.push_back(keyspace);
  }
  return {{"token", token},
          {"type", type},
          {"done", remaining.empty()},
          {"processed", processed},
          {"remaining", remaining}};
}

JobProgress progress_from_json(const nlohmann::json& doc) {
  JobProgress p;
  p.done = doc.value("done", false);
  for (const auto& k : doc.value("processed", nlohmann::json::array()))
    p.processed.push_back(
        {k.value("keyspace", ""), k.value("status", ""), k.value("durationMillis", int64_t{0})});
  p.remaining = doc.value("remaining", std::vector<std::string>{});
  return p;
}

}  // namespace dcos_local::cassandra
