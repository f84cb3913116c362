// The verbs of `dcos cassandra`, one register function per file of src/commands/cassandra.
#pragma once

#include "cli/command_table.hpp"

namespace dcos {

void register_cassandra_node(CommandTable& table);
void register_cassandra_replace(CommandTable& table);
void register_cassandra_health(CommandTable& table);
void register_cassandra_jobs(CommandTable& table);
void register_cassandra_scale(CommandTable& table);
void register_cassandra_connection(CommandTable& table);

}  // namespace dcos
