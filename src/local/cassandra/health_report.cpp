// The cluster health report (§8): six checks over the nodes that are not terminated.
#include "local/cassandra/views.hpp"

namespace dcos_local::cassandra {
namespace {

constexpr int64_t kReportMaxAgeMs = 5 * 60 * 1000;

ojson check(const char* name, bool ok, ojson expected, ojson actual) {
  ojson out = ojson::object();
  out["name"] = name;
  out["ok"] = ok;
  out["expected"] = std::move(expected);
  out["actual"] = std::move(actual);
  return out;
}

ojson repeated(const ojson& value, int times) {
  ojson out = ojson::array();
  for (int i = 0; i < times; ++i) out.push_back(value);
  return out;
}

}  // namespace

ojson health_report(const Ring& ring) {
  const RingConfig& c = ring.config();
  int target = c.target_nodes;
  ojson healthy = ojson::array(), modes = ojson::array(), times = ojson::array(),
        servers = ojson::array();
  for (const Node& n : ring.state().nodes) {
    if (n.target == RunState::terminate) continue;
    servers.push_back(n.task(kServer) != nullptr);
    const HealthReport* r = n.last_report();
    if (!n.executor_id || !r) continue;
    healthy.push_back(r->healthy);
    modes.push_back(r->info ? r->info->operation_mode : "");
    times.push_back(r->timestamp);
  }
  int64_t oldest = ring.now() - ring.scaled(kReportMaxAgeMs);
  ojson expected_healthy = repeated(true, target), expected_modes = repeated("NORMAL", target),
        expected_times = repeated(oldest, target), expected_servers = repeated(true, target);
  bool fresh = times.size() == expected_times.size();
  for (const ojson& t : times) fresh = fresh && t.get<int64_t>() >= oldest;

  ojson results = ojson::array();
  results.push_back(
      check("nodeCount", ring.current_nodes() == target, target, ring.current_nodes()));
  results.push_back(check("seedCount", ring.current_seeds() == c.target_seeds, c.target_seeds,
                          ring.current_seeds()));
  results.push_back(check("allHealthy", healthy == expected_healthy, expected_healthy, healthy));
  results.push_back(check("operatingModeNormal", modes == expected_modes, expected_modes, modes));
  results.push_back(check("lastHealthCheckNewerThan", fresh, expected_times, times));
  results.push_back(
      check("nodesHaveServerTask", servers == expected_servers, expected_servers, servers));
  bool all_ok = true;
  for (const ojson& r : results) all_ok = all_ok && r["ok"].get<bool>();
  ojson out = ojson::object();
  out["healthy"] = all_ok;
  out["results"] = results;
  return out;
}

}  // namespace dcos_local::cassandra
