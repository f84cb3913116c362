// What the emulated nodes write to their journals about the cluster's life: start-up,
// registrations and task status updates. Everything here runs with the cluster mutex held.
#include <cstdio>

#include "local/cluster.hpp"

namespace dcos_local {

namespace {

const char* kMaster = "master";
const char* kMesosMaster = "dcos-mesos-master.service";
const char* kMarathon = "dcos-marathon.service";

// The units each kind of node runs, with the description systemd prints when starting them.
const std::pair<const char*, const char*> kMasterUnits[] = {
    {"dcos-adminrouter.service", "Admin Router Master: exposes a unified control plane proxy"},
    {"dcos-diagnostics.service", "DC/OS Diagnostics Master: DC/OS cluster health monitor"},
    {"dcos-log-master.service", "DC/OS Log Master: exposes node, component and container logs"},
    {"dcos-marathon.service", "Marathon: container orchestration engine"},
    {"dcos-mesos-dns.service", "Mesos DNS: DNS based service discovery"},
    {"dcos-mesos-master.service", "Mesos Master: distributed systems kernel"},
    {"dcos-metrics-master.service", "DC/OS Metrics Master: node and container metrics"},
    {"dcos-net.service", "DC/OS Net: a distributed networking layer"},
};
const std::pair<const char*, const char*> kAgentUnits[] = {
    {"dcos-adminrouter-agent.service", "Admin Router Agent: exposes a unified control plane"},
    {"dcos-diagnostics.service", "DC/OS Diagnostics Agent: DC/OS cluster health monitor"},
    {"dcos-log-agent.service", "DC/OS Log Agent: exposes node, component and container logs"},
    {"dcos-metrics-agent.service", "DC/OS Metrics Agent: node and container metrics"},
    {"dcos-net.service", "DC/OS Net: a distributed networking layer"},
};

std::string resources_text(const Task& t) {
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "cpus(allocated: *):%g; mem(allocated: *):%g; disk(allocated: *):%g", t.cpus, t.mem,
                t.disk);
  return buf;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> node_units(bool master, bool public_agent) {
  std::vector<std::pair<std::string, std::string>> out;
  if (master) {
    for (const auto& [unit, text] : kMasterUnits) out.emplace_back(unit, text);
    return out;
  }
  for (const auto& [unit, text] : kAgentUnits) out.emplace_back(unit, text);
  out.emplace_back(public_agent ? "dcos-mesos-slave-public.service" : "dcos-mesos-slave.service",
                   public_agent ? "Mesos Agent Public: distributed systems kernel public agent"
                                : "Mesos Agent: distributed systems kernel agent");
  return out;
}

void Cluster::log_started() {
  journal.add_node(kMaster, "127.0.0.1");
  for (const auto& [unit, text] : node_units(true, false))
    journal.log_systemd(kMaster, unit, "Started " + text + ".");
  journal.log(kMaster, kMesosMaster, Priority::info,
              "Master " + master_id + " (127.0.0.1) started on 127.0.0.1:5050");
  journal.log(kMaster, kMesosMaster, Priority::info, "Elected as the leading master!");
  for (const Agent& a : agents) {
    journal.add_node(a.id, a.ip);
    for (const auto& [unit, text] : node_units(false, a.is_public))
      journal.log_systemd(a.id, unit, "Started " + text + ".");
    journal.log(a.id, a.unit(), Priority::info,
                "Registered with master master@127.0.0.1:5050; given agent ID " + a.id);
    journal.log(kMaster, kMesosMaster, Priority::info,
                "Registered agent " + a.id + " at slave(1)@" + a.ip + ":5051 (" + a.ip + ")");
  }
  journal.log(kMaster, kMesosMaster, Priority::info,
              "Registered framework " + framework_id + " (marathon) at scheduler-" + master_id +
                  "@127.0.0.1:15101");
  journal.log(kMaster, kMarathon, Priority::info,
              "Registered as " + framework_id + " to master '" + master_id + "'");
}

void Cluster::log_status(const Task& t) {
  const Agent* a = agent(t.agent_id);
  std::string ip = a ? a->ip : "";
  std::string unit = a ? a->unit() : "dcos-mesos-slave.service";
  std::string of = " of framework " + framework_of(t);
  bool marathon = t.framework_id.empty();
  if (t.state == "TASK_STAGING") {
    if (marathon)
      journal.log(kMaster, kMarathon, Priority::info,
                  "Launching task " + t.id + " of " + t.run_spec_id + " on agent " + t.agent_id +
                      " (" + ip + ")");
    journal.log(kMaster, kMesosMaster, Priority::info,
                "Adding task " + t.id + " with resources " + resources_text(t) + " on agent " +
                    t.agent_id + " at slave(1)@" + ip + ":5051 (" + ip + ")");
    journal.log(t.agent_id, unit, Priority::info, "Launching task '" + t.id + "'" + of);
    return;
  }
  bool bad = t.state == "TASK_FAILED" || t.state == "TASK_ERROR" || t.state == "TASK_LOST" ||
             t.state == "TASK_GONE_BY_OPERATOR";
  Priority priority = bad ? Priority::warning : Priority::info;
  std::string why = t.message.empty() ? "" : ": " + t.message;
  journal.log(t.agent_id, unit, priority,
              "Handling status update " + t.state + " for task " + t.id + of + why);
  journal.log(
      kMaster, kMesosMaster, priority,
      "Status update " + t.state + " (Source: SOURCE_EXECUTOR) for task " + t.id + of + why);
  if (marathon)
    journal.log(kMaster, kMarathon, priority,
                "Received status update for task " + t.id + ": " + t.state + why);
}

}  // namespace dcos_local
