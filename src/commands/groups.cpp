#include "commands/groups.hpp"

namespace dcos {

// Each group's register function, defined in the group's own file; it adds the group's
// verbs and sub-groups (the group itself is made from its row).
void register_auth_commands(CommandTable& table);
void register_cassandra_commands(CommandTable& table);
void register_cluster_commands(CommandTable& table);
void register_config_commands(CommandTable& table);
void register_marathon_commands(CommandTable& table);
void register_node_commands(CommandTable& table);
void register_package_commands(CommandTable& table);
void register_service_commands(CommandTable& table);
void register_task_commands(CommandTable& table);

namespace {

constexpr CommandGroup kGroups[] = {
    {"auth", "Authenticate to DC/OS clusters",
     "Log in to the current cluster, log out, and list the ways it accepts logins.",
     register_auth_commands},
    {"cassandra", "Manage the 2015 Cassandra service (built in, our own addition)",
     "Drive the REST API of the 2015 Cassandra service (cassandra-mesos 0.2.0, package\n"
     "cassandra 0.2.0-1): its nodes, health report, repair and cleanup jobs, scale and\n"
     "connection points. That package shipped no working CLI; this group is this CLI's\n"
     "own addition, not the later DC/OS `dcos cassandra` of another service. --name\n"
     "picks the ring when several are installed.",
     register_cassandra_commands},
    {"cluster", "Manage your DC/OS clusters",
     "Set up, list, attach to, rename and remove the DC/OS clusters this CLI talks to.",
     register_cluster_commands},
    {"config", "Manage the DC/OS configuration file",
     "Read and change the configuration of the current cluster, stored in\n"
     "$DCOS_DIR/clusters/<cluster-id>/dcos.toml (DCOS_DIR defaults to ~/.dcos).",
     register_config_commands},
    {"marathon", "Deploy and manage applications to DC/OS", "Talk to the cluster's Marathon.",
     register_marathon_commands},
    {"node", "Display DC/OS node information",
     "Inspect the cluster's agents and masters: list them, read their metrics and\n"
     "components, resolve names, SSH into them, and drain, deactivate or decommission\n"
     "agents.",
     register_node_commands},
    {"package", "Install and manage DC/OS software packages",
     "Search the cluster's package repositories, describe, install and uninstall\n"
     "packages through Cosmos, list what is installed, and manage the repositories.",
     register_package_commands},
    {"service", "Manage DC/OS services",
     "List the Mesos frameworks of the cluster (the services), and shut one down.",
     register_service_commands},
    {"task", "Manage DC/OS tasks", "Inspect the tasks Mesos runs, whatever framework started them.",
     register_task_commands},
};

}  // namespace

std::span<const CommandGroup> command_groups() { return kGroups; }

}  // namespace dcos
