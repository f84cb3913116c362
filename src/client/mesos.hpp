// The Mesos master's view of the cluster, as the task, node and service commands read it:
// GET <mesos>/master/state (everything), /master/state-summary (agents and frameworks with
// per-state task counters, no tasks) and /master/frameworks (the frameworks with their tasks),
// with typed views kept beside the server's own JSON (a task's JSON form is its state record,
// unchanged). The operator API v1 lives in client/mesos_operator.hpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct MesosAgent {
  std::string id;
  std::string hostname;
  std::string pid;         ///< slave(1)@10.0.1.108:5051
  std::string ip;          ///< the address part of `pid` (10.0.1.108); "" when `pid` has none
  bool is_public = false;  ///< attribute public_ip is "true" (a DC/OS public agent)
  std::string region;      ///< domain.fault_domain.region.name; "" when the agent has no domain
  std::string zone;        ///< domain.fault_domain.zone.name; "" when the agent has no domain
  nlohmann::json raw;
};

/// The address part of a libprocess pid (`name@ip:port`), or "" when it has none.
std::string pid_address(const std::string& pid);

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
  std::string hostname;
  bool active = false;
  /// `resources` (what the framework holds: used and offered): cpus, mem (MB), disk (MB).
  double cpus = 0;
  double mem = 0;
  double disk = 0;
  std::vector<MesosTask> tasks;            ///< running (and staging) tasks
  std::vector<MesosTask> completed_tasks;  ///< tasks that ended
  nlohmann::json raw;                      ///< the record without `tasks`/`completed_tasks`

  /// The server's record whole again: `raw` with its `tasks` and `completed_tasks`.
  nlohmann::json record() const;
};

/// Whether a task in `state` has ended for good (finished, failed, killed, lost, ...).
bool terminal_task_state(const std::string& state);

struct MesosState {
  std::vector<MesosAgent> agents;                    ///< `slaves`, in the server's order
  std::vector<MesosFramework> frameworks;            ///< active and inactive, not completed ones
  std::vector<MesosFramework> completed_frameworks;  ///< frameworks that were torn down
  const MesosAgent* agent(const std::string& id) const;
  const MesosFramework* framework(const std::string& id) const;
};

/// GET /master/state-summary: the leading master's hostname, the cluster's name and the
/// agents, each with the counters TASK_STAGING, TASK_RUNNING, ... in its `raw` record.
struct MesosSummary {
  std::string hostname;  ///< the leading master's hostname (on DC/OS its private IP)
  std::string cluster;
  std::vector<MesosAgent> agents;
};

/// GET /master/frameworks.
struct MesosFrameworks {
  std::vector<MesosFramework> frameworks;            ///< active and inactive
  std::vector<MesosFramework> completed_frameworks;  ///< torn down
};

class MesosClient {
 public:
  /// `http` is a client for the Mesos master (its base URL ends before /master).
  explicit MesosClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /master/state.
  Result<MesosState> state();
  /// GET /master/state-summary.
  Result<MesosSummary> state_summary();
  /// GET /master/frameworks.
  Result<MesosFrameworks> frameworks();

  /// One task by its exact id, from the narrow GET /master/tasks?task_id=<id>; not_found when
  /// the master no longer knows it.
  Result<MesosTask> task(const std::string& task_id);
  /// The current state of one task (TASK_RUNNING, TASK_FAILED, ...), as task() reads it.
  Result<std::string> task_state(const std::string& task_id);

 private:
  /// GET `path`, which must answer a JSON object; 503 means no leading master.
  Result<nlohmann::json> get_object(const std::string& path);

  HttpClient http_;
};

}  // namespace dcos
