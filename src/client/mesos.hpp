// The Mesos master's view of the cluster, as the task, node and service commands read it:
// GET <mesos>/master/state, with typed views of agents, frameworks and tasks kept beside the
// server's own JSON (a task's `--json` form is its state record, unchanged).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct MesosAgent {
  std::string id;
  std::string hostname;
  std::string region;  ///< domain.fault_domain.region.name; "" when the agent has no domain
  std::string zone;    ///< domain.fault_domain.zone.name; "" when the agent has no domain
  nlohmann::json raw;
};

struct MesosTask {
  std::string id;
  std::string name;
  std::string state;         ///< TASK_RUNNING, TASK_FINISHED, ...
  std::string agent_id;      ///< `slave_id`
  std::string framework_id;  ///< `framework_id`
  /// `executor_id`, or the task id when it is empty (command tasks run in an executor named
  /// after them): the `executors/<id>` part of the sandbox path.
  std::string executor_id;
  /// The container of the first status (`statuses[0].container_status.container_id`): its
  /// `value`, and its parent's value for a nested container (pod tasks), else "".
  std::string container_id;
  std::string parent_container_id;
  nlohmann::json raw;
};

struct MesosFramework {
  std::string id;
  std::string name;
  std::string user;
  bool active = false;
  std::vector<MesosTask> tasks;            ///< running (and staging) tasks
  std::vector<MesosTask> completed_tasks;  ///< tasks that ended
  nlohmann::json raw;                      ///< the record without `tasks`/`completed_tasks`
};

/// Whether a task in `state` has ended for good (finished, failed, killed, lost, ...).
bool terminal_task_state(const std::string& state);

struct MesosState {
  std::vector<MesosAgent> agents;          ///< `slaves`, in the server's order
  std::vector<MesosFramework> frameworks;  ///< active and inactive, not completed ones
  const MesosAgent* agent(const std::string& id) const;
  const MesosFramework* framework(const std::string& id) const;
};

class MesosClient {
 public:
  /// `http` is a client for the Mesos master (its base URL ends before /master).
  explicit MesosClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /master/state.
  Result<MesosState> state();

  /// The current state of one task (TASK_RUNNING, TASK_FAILED, ...), from the narrow
  /// GET /master/tasks?task_id=<id>; not_found when the master no longer knows it.
  Result<std::string> task_state(const std::string& task_id);

 private:
  HttpClient http_;
};

}  // namespace dcos
