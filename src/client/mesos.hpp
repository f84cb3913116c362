// The Mesos master's view of the cluster, as the task, node and service commands read it:
// GET <mesos>/master/state (everything), /master/state-summary (agents and frameworks with
// per-state task counters, no tasks) and /master/frameworks (the frameworks with their tasks),
// with typed views kept beside the server's own JSON (a task's JSON form is its state record,
// unchanged). The operator API v1 lives in client/mesos_operator.hpp.
//
// A large cluster's state is hundreds of megabytes, so /master/state and /master/frameworks are
// read as they arrive (client/json_stream.hpp): a StateQuery says what to read, and a
// StateVisitor receives each agent, task and framework as soon as its record has ended. What the
// query leaves out is skipped unparsed, and nothing is held but the record being read.
#pragma once

#include <functional>
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
  /// How many records the server listed in `tasks`, also when a query did not read them.
  size_t task_count = 0;
  nlohmann::json raw;  ///< the record without `tasks`/`completed_tasks`

  /// The server's record whole again: `raw` with its `tasks` and `completed_tasks`.
  nlohmann::json record() const;
};

/// The typed views of a task's, a framework's and an agent's record (`raw` is the record; a
/// framework's has its task lists taken out into `tasks` and `completed_tasks`).
MesosTask mesos_task(nlohmann::json raw);
MesosFramework mesos_framework(nlohmann::json raw);
MesosAgent mesos_agent(nlohmann::json raw);

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

/// What a streamed read of /master/state or /master/frameworks takes; the rest is skipped.
struct StateQuery {
  bool agents = true;                ///< `slaves`
  bool frameworks = true;            ///< `frameworks` (active and inactive)
  bool completed_frameworks = true;  ///< `completed_frameworks`
  bool running_tasks = true;         ///< each framework's `tasks`
  bool completed_tasks = true;       ///< each framework's `completed_tasks`
  /// Keep each task's record in its `raw`; without it only the typed fields are read.
  bool task_records = true;
  /// Keep agents' and frameworks' records in their `raw`; without it only the typed fields are
  /// read (the other members of a framework are skipped).
  bool records = true;
  /// Only the tasks it accepts are visited (or kept); empty: every task.
  std::function<bool(const MesosTask&)> keep_task;
};

/// Receives a streamed read's records in the server's order, each as soon as it has ended. An
/// Error from any of them stops the read, which ends with it. Any may be left empty.
struct StateVisitor {
  std::function<Status(MesosAgent&&)> agent;
  /// A task of the framework being read (its record comes to `framework` once it ends);
  /// `completed`: from its `completed_tasks`.
  std::function<Status(MesosTask&&, bool completed)> task;
  /// A framework whose record has ended, without its tasks (they came to `task`);
  /// `completed`: from `completed_frameworks`.
  std::function<Status(MesosFramework&&, bool completed)> framework;
};

class MesosClient {
 public:
  /// `http` is a client for the Mesos master (its base URL ends before /master).
  explicit MesosClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /master/state, holding what `query` takes (by default everything).
  Result<MesosState> state(const StateQuery& query = {});
  /// GET /master/state, each record going to `visitor` as it ends; nothing is held.
  Status read_state(const StateQuery& query, const StateVisitor& visitor);
  /// GET /master/state-summary.
  Result<MesosSummary> state_summary();
  /// GET /master/frameworks.
  Result<MesosFrameworks> frameworks();
  /// GET /master/frameworks, streamed as read_state() streams the state.
  Status read_frameworks(const StateQuery& query, const StateVisitor& visitor);

  /// One task by its exact id, from the narrow GET /master/tasks?task_id=<id>; not_found when
  /// the master no longer knows it.
  Result<MesosTask> task(const std::string& task_id);
  /// The current state of one task (TASK_RUNNING, TASK_FAILED, ...), as task() reads it.
  Result<std::string> task_state(const std::string& task_id);

 private:
  /// GET `path`, which must answer a JSON object; 503 means no leading master.
  Result<nlohmann::json> get_object(const std::string& path);
  /// GET `path` (the state or the frameworks), streamed to `visitor`.
  Status read_streamed(const std::string& path, const StateQuery& query,
                       const StateVisitor& visitor);

  HttpClient http_;
};

}  // namespace dcos
