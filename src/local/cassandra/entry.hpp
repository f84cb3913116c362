// The two subcommands of dcos-local that make up the Cassandra service: the scheduler (run by
// Marathon) and a node process (the executor's METADATA task, the server, and the job tasks).
#pragma once

namespace dcos_local::cassandra {

/// `dcos-local cassandra-scheduler`: argv[0] is the subcommand's name.
int run_scheduler(int argc, char** argv);
/// `dcos-local cassandra-node --role metadata|server|repair|cleanup|config`.
int run_node(int argc, char** argv);

}  // namespace dcos_local::cassandra
