// The JSON documents of the REST API (§5), built from a Ring, with keys in the scheduler's order.
#pragma once

#include <string>

#include "local/cassandra/jackson.hpp"
#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {

ojson config_view(const Ring& ring);
ojson node_all_view(const Ring& ring);
ojson seeds_view(const Ring& ring);
/// {ip, hostname, executorId, targetRunState}: the answer of stop/start/restart/terminate.
ojson node_target_view(const Node& node);
/// A job object (§5.5); null when absent.
ojson job_view(const Ring& ring, const std::optional<ClusterJob>& job);
/// The health report of §8: {healthy, results:[{name, ok, expected, actual}]}.
ojson health_report(const Ring& ring);
/// /qa/report/resources as JSON, and its text/plain variant.
ojson resources_view(const Ring& ring);
std::string resources_text(const Ring& ring);

}  // namespace dcos_local::cassandra
