// Agent maintenance as the Mesos master does it for the operator API: deactivating and
// reactivating agents, draining them (their tasks are killed, Marathon places them elsewhere)
// and marking them gone. Statuses and reasons follow Mesos's master (src/master/http.cpp).
#include <algorithm>

#include "local/cluster.hpp"

namespace dcos_local {

namespace {

const char* kMaster = "master";
const char* kMesosMaster = "dcos-mesos-master.service";

// The agent with this id, gone or not.
Agent* find(std::vector<Agent>& agents, const std::string& id) {
  for (Agent& a : agents)
    if (a.id == id) return &a;
  return nullptr;
}

// The agent with this id that is still part of the cluster.
Agent* find_live(std::vector<Agent>& agents, const std::string& id) {
  Agent* a = find(agents, id);
  return a && !a->gone ? a : nullptr;
}

}  // namespace

CallResult Cluster::deactivate_agent(const std::string& id) {
  Agent* a = find_live(agents, id);
  if (!a) return {400, "Unknown agent"};
  a->deactivated = true;
  journal.log(kMaster, kMesosMaster, Priority::info, "Deactivating agent " + id);
  return {};
}

CallResult Cluster::reactivate_agent(const std::string& id) {
  Agent* a = find_live(agents, id);
  if (!a || !a->deactivated) return {400, "Agent is not deactivated"};
  if (a->drain && a->drain->state == "DRAINING")
    return {400, "Agent is still in the DRAINING state"};
  a->deactivated = false;
  a->drain.reset();
  journal.log(kMaster, kMesosMaster, Priority::info, "Reactivating agent " + id);
  // Apps waiting for room may fit on it now.
  for (const auto& [app_id, app] : apps) touch(app_id);
  for (const auto& [pod_id, pod] : pods) touch(pod_id);
  return {};
}

CallResult Cluster::drain_agent(const std::string& id, bool mark_gone,
                                std::optional<int64_t> max_grace_ns) {
  Agent* a = find_live(agents, id);
  if (!a) return {400, "Unknown agent"};
  Drain drain;
  drain.mark_gone = mark_gone;
  drain.max_grace_ns = max_grace_ns;
  drain.started_ms = now_ms();
  a->drain = drain;
  a->deactivated = true;
  size_t count = 0;
  int64_t max_grace_ms = max_grace_ns ? *max_grace_ns / 1000000 : -1;
  for (auto& [task_id, task] : tasks) {
    if (task.agent_id != id) continue;
    ++count;
    if (mark_gone) task.end_state = "TASK_GONE_BY_OPERATOR";
    kill_task(task, true, max_grace_ms);
  }
  journal.log(kMaster, kMesosMaster, Priority::info,
              "Transitioning agent " + id + " to the DRAINING state; agent has " +
                  std::to_string(count) + " tasks");
  journal.log(id, a->unit(), Priority::info,
              "Initiating drain of the agent; killing " + std::to_string(count) + " tasks");
  progress_drains();
  return {};
}

CallResult Cluster::mark_agent_gone(const std::string& id) {
  Agent* a = find(agents, id);
  if (!a) return {404, "Agent '" + id + "' not found"};
  if (a->gone) return {};  // already gone: Mesos answers 200
  journal.log(kMaster, kMesosMaster, Priority::info, "Marking agent '" + id + "' as gone");
  remove_agent(*a);
  return {};
}

void Cluster::remove_agent(Agent& a) {
  a.gone = true;
  a.deactivated = true;
  // Its tasks are gone with it; their processes get no grace period.
  for (auto& [task_id, task] : tasks) {
    if (task.agent_id != a.id) continue;
    task.end_state = "TASK_GONE_BY_OPERATOR";
    if (task.killing) {
      task.kill_deadline_ms = now_ms();
    } else {
      kill_task(task, true, 0);
    }
  }
  journal.log(a.id, a.unit(), Priority::info,
              "Agent " + a.id + " has been removed from the cluster");
  for (const auto& [app_id, app] : apps) touch(app_id);
  for (const auto& [pod_id, pod] : pods) touch(pod_id);
}

void Cluster::progress_drains() {
  for (Agent& a : agents) {
    if (a.gone || !a.drain || a.drain->state != "DRAINING") continue;
    bool busy = std::any_of(tasks.begin(), tasks.end(),
                            [&a](const auto& entry) { return entry.second.agent_id == a.id; });
    if (busy) continue;
    if (a.drain->mark_gone) {
      // Mesos marks a drained agent gone at once, without a DRAINED state in between.
      journal.log(kMaster, kMesosMaster, Priority::info,
                  "Marking agent " + a.id + " in the DRAINED state as gone");
      remove_agent(a);
      continue;
    }
    a.drain->state = "DRAINED";
    journal.log(kMaster, kMesosMaster, Priority::info,
                "Agent " + a.id + " successfully marked as DRAINED");
  }
}

}  // namespace dcos_local
