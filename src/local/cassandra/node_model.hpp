// What an emulated Cassandra 2.1.4 server reports over time (operationMode STARTING, JOINING,
// then NORMAL), and how it works through the keyspaces of a repair or cleanup. Pure functions
// of the elapsed time, so both the node process and the tests use them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {

struct ServerIdentity {
  std::string cluster_name, dc, rack, endpoint, host_id;
};

/// The JMX view of a server that started `uptime_ms` ago; the phases last 10 s and 15 s at
/// time scale 1.
HealthInfo server_info(int64_t uptime_ms, double time_scale, const ServerIdentity& identity);

/// A repair or cleanup over the keyspaces other than `system`, one after the other.
struct KeyspaceJob {
  std::string type;   ///< REPAIR or CLEANUP
  std::string token;  ///< the scheduler's mark for this run of the job
  int64_t started_ms = 0;
  double time_scale = 1;

  static const std::vector<std::string>& keyspaces();
  /// {token, type, done, processed:[{keyspace, status, durationMillis}], remaining:[...]}
  nlohmann::json progress(int64_t now_ms) const;
};

/// Reads what progress() wrote.
JobProgress progress_from_json(const nlohmann::json& doc);

}  // namespace dcos_local::cassandra
