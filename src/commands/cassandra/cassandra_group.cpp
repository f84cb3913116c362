// `dcos cassandra`: our own commands for the 2015 Cassandra service (cassandra-mesos 0.2.0,
// package `cassandra` 0.2.0-1), over its REST API at /service/cassandra.<ring>/. That package
// shipped no working CLI, and the later `dcos cassandra` belongs to a different service with a
// different API, so these verbs are modelled on neither: they are a built-in addition of this
// CLI. Each verb family lives in its own file of this folder; this one registers them.
#include "commands/cassandra/cassandra_verbs.hpp"

namespace dcos {

void register_cassandra_commands(CommandTable& table) {
  table.group("cassandra node",
              {.summary = "List, inspect, stop, start, restart, terminate and replace nodes"});
  register_cassandra_node(table);
  register_cassandra_replace(table);
  register_cassandra_health(table);
  register_cassandra_jobs(table);
  register_cassandra_scale(table);
  register_cassandra_connection(table);
}

}  // namespace dcos
