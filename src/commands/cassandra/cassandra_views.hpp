// How `dcos cassandra` shows what the scheduler said, with no I/O: the node table and a node's
// details, the health report's table and verdict, and a cluster job node by node. `now` is the
// Context's clock, for the ages the views show.
#pragma once

#include <chrono>
#include <string>

#include "cli/output.hpp"
#include "client/cassandra.hpp"

namespace dcos {

/// node list: IP, HOSTNAME, EXECUTOR, STATE (target run state), SEED, MODE (operation mode),
/// HEALTHY, SERVER (a server task runs), LAST CHECK (age of the last health report).
Table node_table(const CassandraNodes& nodes, std::chrono::system_clock::time_point now);

/// node show: one `key  value` line per fact of the node, its tasks and its last report.
std::string node_details(const CassandraNode& node, std::chrono::system_clock::time_point now);

/// health: NAME, OK, EXPECTED, ACTUAL per check; report times are shown as ages.
Table health_table(const CassandraHealthReport& report, std::chrono::system_clock::time_point now);

/// The line under the health table: whether the ring is healthy and how many checks fail.
std::string health_verdict(const CassandraHealthReport& report, const std::string& framework);

/// A job (repair, cleanup, rolling restart) as `<job> status` shows it: one line on the job,
/// then a table of its nodes (done, running, waiting).
std::string job_report(const CassandraJobRun& job, bool running, const std::string& framework,
                       std::chrono::system_clock::time_point now);

/// "repair", "cleanup" or "rolling restart" for a job type (REPAIR, CLEANUP, RESTART).
std::string job_word(const std::string& type);

}  // namespace dcos
