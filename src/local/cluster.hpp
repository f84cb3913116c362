// The emulated cluster: agents, Marathon apps and pods, tasks (real processes or simulated),
// deployments. One mutex guards it all; HTTP handlers and the scheduler thread take it.
#pragma once

#include <sys/types.h>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "local/app_spec.hpp"
#include "local/events.hpp"
#include "local/framework.hpp"
#include "local/journal.hpp"
#include "local/options.hpp"
#include "local/util.hpp"

namespace dcos_local {

// An agent's drain (DRAIN_AGENT): its state goes DRAINING, then DRAINED once no task is left
// (or the agent is marked gone, with mark_gone).
struct Drain {
  std::string state = "DRAINING";
  bool mark_gone = false;
  std::optional<int64_t> max_grace_ns;
  int64_t started_ms = 0;
};

struct Agent {
  std::string id;
  std::string ip;         // a distinct loopback address per agent; also its hostname
  std::string public_ip;  // public agents only: another loopback address
  bool is_public = false;
  double cpus = 0, mem = 0, disk = 0;
  int port_begin = 0, port_end = 0;
  // Where port picking starts (Marathon's and the offers'): random per run, so that two
  // dcos-local runs on one machine, whose agents share addresses, rarely hand a task the same
  // address and port.
  int port_first = 0;
  int64_t registered_ms = 0;
  std::string region = "local", zone = "local-a";
  bool deactivated = false;  // DEACTIVATE_AGENT or DRAIN_AGENT: no new tasks
  bool gone = false;         // MARK_AGENT_GONE, or drained with mark_gone: no longer listed
  std::optional<Drain> drain;
  // The journald unit of its Mesos agent.
  std::string unit() const {
    return is_public ? "dcos-mesos-slave-public.service" : "dcos-mesos-slave.service";
  }
};

/// The answer of an operator call that changes the cluster: 200, or Mesos's status and reason.
struct CallResult {
  int status = 200;
  std::string message;
};

struct HealthState {
  bool alive = false;
  int consecutive_failures = 0;
  std::string first_success, last_success, last_failure, last_failure_cause;
  int64_t next_at_ms = 0;
  bool checked = false;
};

struct TaskStatus {
  std::string state;
  int64_t at_ms = 0;
  std::optional<bool> healthy;
};

struct Task {
  std::string id;  // <app>.instance-<uuid>._app.1, or <pod>.instance-<uuid>.<container>
  // The framework that launched it: empty for Marathon (Cluster::framework_id); then
  // run_spec_id is "framework:<id>" and `name` is the TaskInfo's name.
  std::string framework_id;
  std::string name;
  std::string instance_id;  // <app>.instance-<uuid>
  std::string run_spec_id;  // app or pod id
  bool is_pod = false;
  std::string container_name;  // pods only
  std::string agent_id;
  std::string state = "TASK_STAGING";
  std::vector<TaskStatus> statuses;
  std::string version;         // app version the task was launched with
  std::string config_version;  // lastConfigChangeAt at launch: a restart replaces older ones
  int64_t staged_ms = 0, started_ms = 0;
  std::vector<int> ports, service_ports;
  double cpus = 0, mem = 0, disk = 0;
  std::string container_id;
  std::string sandbox;  // real directory
  bool simulated = false;
  pid_t pid = -1;
  bool killing = false;
  bool kill_expected = false;
  std::string end_state;  // set when the kill should end in this state (TASK_GONE_BY_OPERATOR)
  // Its /master/state JSON once it is terminal (made on first use; terminal tasks never change).
  mutable std::string state_json;
  int64_t kill_deadline_ms = 0;
  std::string message;
  std::vector<HealthState> health;
  json labels = json::object();
  // The app or pod definition the task was launched from, shared by every task of that
  // version (30,000 tasks must not mean 30,000 copies).
  std::shared_ptr<const json> spec;
  const json& def() const { return *spec; }
};

struct App {
  json def;  // normalised, with version and versionInfo
  std::map<std::string, json> versions;
  int64_t backoff_until_ms = 0;
  double backoff_s = 0;
  json last_task_failure;  // null when none
};

struct Pod {
  json def;
  std::map<std::string, json> versions;
  int64_t backoff_until_ms = 0;
};

struct Action {
  std::string action;
  std::string target;
  bool pod = false;
};

struct Deployment {
  std::string id;
  std::string version;
  std::vector<std::vector<Action>> steps;
  size_t step = 0;  // index of the current step
  int64_t step_started_ms = 0;
  std::map<std::string, std::optional<json>> previous_apps;  // for a rollback
  std::map<std::string, std::optional<json>> previous_pods;
  int failures = 0;
};

class Cluster {
 public:
  Cluster(Options options, EventBus& events);
  ~Cluster();

  std::mutex mu;
  Journal journal;  // the nodes' journald entries; has its own lock
  LogStreams log_streams;

  const Options& options() const { return options_; }
  EventBus& events() { return events_; }

  std::string cluster_id, master_id, framework_id;  // framework_id: Marathon's
  std::string master_url;  // http(s)://host:port once the server listens (DCOS_LOCAL_MASTER)
  // With --auth, tasks get it as DCOS_LOCAL_TOKEN and pass the auth gate with
  // "Authorization: token=<it>" (a scheduler subscribing to the master). Never changes.
  std::string task_token;
  int64_t started_ms = 0;
  std::string work_dir;
  std::vector<Agent> agents;
  std::map<std::string, App> apps;
  std::map<std::string, Pod> pods;
  std::map<std::string, std::string> groups;  // explicit group id -> version
  std::map<std::string, Task> tasks;          // live tasks (staging, running, killing)
  std::deque<Task> completed;                 // terminal tasks, newest last
  std::vector<Deployment> deployments;
  int64_t last_version_ms = 0;
  std::map<std::string, Framework> frameworks;  // other frameworks, by id (frameworks.cpp)
  std::deque<Framework> completed_frameworks;   // torn down, newest last

  // --- operations; the caller holds `mu` ---
  std::string next_version();  // strictly increasing timestamps
  const Agent* agent(const std::string& id) const;
  Deployment* deployment_of(const std::string& run_spec_id, bool pod = false);
  // 409 body when any of `ids` is locked by a deployment.
  std::optional<ApiError> locked(const std::vector<std::string>& app_ids,
                                 const std::vector<std::string>& pod_ids = {});
  // Cancels the deployments touching these ids (force=true).
  void cancel_deployments_of(const std::vector<std::string>& app_ids,
                             const std::vector<std::string>& pod_ids = {});
  // Stores a new or changed app and returns the action its deployment runs.
  std::string put_app(json def, const std::string& version);
  void remove_app(const std::string& id);
  void put_pod(json def, const std::string& version);
  void remove_pod(const std::string& id);
  Deployment& start_deployment(std::vector<std::vector<Action>> steps,
                               const std::map<std::string, std::optional<json>>& previous_apps,
                               const std::map<std::string, std::optional<json>>& previous_pods,
                               const std::string& version);
  void finish_deployment(const std::string& id, bool success, const std::string& reason = {});
  void assign_service_ports(json& app);
  void release_service_ports(const json& app);
  // Kills a live task: SIGTERM now, SIGKILL after the grace period (capped by max_grace_ms
  // when that is not negative).
  void kill_task(Task& task, bool expected, int64_t max_grace_ms = -1);
  // The agent with this id that is still part of the cluster (not gone), or null.
  const Agent* live_agent(const std::string& id) const;
  // How many terminal tasks the master keeps (max_completed_tasks_per_framework).
  size_t completed_capacity() const;

  // --- agent maintenance (maintenance.cpp); statuses as Mesos answers them ---
  CallResult deactivate_agent(const std::string& id);
  CallResult reactivate_agent(const std::string& id);
  CallResult drain_agent(const std::string& id, bool mark_gone,
                         std::optional<int64_t> max_grace_ns);
  CallResult mark_agent_gone(const std::string& id);
  // Moves draining agents on once their last task has ended (from tick()).
  void progress_drains();
  std::vector<const Task*> tasks_of(const std::string& run_spec_id) const;
  std::vector<Task*> live_tasks_of(const std::string& run_spec_id);
  bool is_group(const std::string& id) const;
  std::set<std::string> all_groups() const;

  // The framework id of a task (Marathon's for Marathon's tasks).
  const std::string& framework_of(const Task& t) const {
    return t.framework_id.empty() ? framework_id : t.framework_id;
  }
  // What every task's environment gets from dcos-local: DCOS_LOCAL_MASTER, _BIN, _STATE and
  // _TIME_SCALE (its state folder is made on first use).
  std::vector<std::pair<std::string, std::string>> local_env() const;

  // --- frameworks of the v1 scheduler API (frameworks.cpp, framework_calls.cpp) ---
  struct Subscription {
    CallResult result;  // 200 on success
    std::string framework_id, stream_id;
    std::shared_ptr<FrameworkStream> stream;
  };
  Subscription subscribe(const json& framework_info);
  // A call other than SUBSCRIBE; `stream_id` is the Mesos-Stream-Id header (null: absent).
  CallResult framework_call(const json& call, const std::optional<std::string>& stream_id);
  // The SUBSCRIBE connection of this subscription went away.
  void disconnect_framework(const std::string& id, const std::string& stream_id);
  // TEARDOWN by the operator or the framework: kills its tasks, completes it.
  CallResult teardown_framework(const std::string& id);
  void close_framework_streams();                                // server shutdown
  const Framework* find_framework(const std::string& id) const;  // live or completed
  // Ids of the live (not torn down) frameworks with this name, as Cosmos's uninstall asks.
  std::vector<std::string> framework_ids_named(const std::string& name) const;

  // --- scheduler ---
  void tick();               // reconcile apps and pods, reap, progress deployments
  void run_health_checks();  // runs due checks (takes `mu` itself, probes without it)
  void shutdown();           // kills every process and waits for them
  // Marks an app or pod for the next reconcile pass.
  void touch(const std::string& run_spec_id) { dirty_.insert(run_spec_id); }

 private:
  void reconcile_app(App& app, int64_t now);
  // Offers, rescinds, heartbeats and failover timeouts of the frameworks (from tick()).
  void progress_frameworks(int64_t now);
  void make_offers(Framework& f, int64_t now);
  Resources free_resources(const Agent& a) const;  // not used by tasks nor offered
  void remove_offer(Framework& f, const std::string& offer_id, bool rescind);
  CallResult accept(Framework& f, const json& accept, int64_t now);
  void launch_framework_task(Framework& f, const json& info, const Agent& agent, Resources& left,
                             int64_t now);
  // An UPDATE event of the task's current state to its framework's stream.
  void send_update(const Task& t, const std::string& reason = {},
                   const std::string& source = "SOURCE_EXECUTOR");
  void remove_framework(const std::string& id, int64_t now);
  void reconcile_pod(Pod& pod, int64_t now);
  bool launch(const json& def, bool pod, const std::string& container_name, int64_t now,
              const std::string& instance_id = {});
  bool step_done(const Deployment& d, int64_t now) const;
  void reap(int64_t now);
  void finish_task(Task task, const std::string& state, const std::string& message, int64_t now);
  void emit_status(const Task& task);
  void log_started();                 // the nodes' start-up entries in the journal
  void log_status(const Task& task);  // a status update, as master, agent and Marathon log it
  void remove_agent(Agent& agent);
  std::vector<int> pick_ports(const Agent& agent, size_t count, const std::vector<int>& wanted);

  Options options_;
  EventBus& events_;
  struct Usage {
    double cpus = 0, mem = 0, disk = 0;
    size_t count = 0;
  };
  std::map<std::string, Usage> usage_;                    // agent id -> what tasks hold
  std::map<std::string, std::set<std::string>> by_spec_;  // run spec id -> live task ids
  std::multiset<int> service_ports_;                      // one entry per app using the port
  std::map<std::string, std::weak_ptr<const json>> shared_defs_;  // "<id>@<version>"
  std::set<std::string> busy_;                   // tasks staging, with a process, or being killed
  std::set<std::string> checked_;                // tasks with health checks
  std::set<std::string> dirty_;                  // run specs to reconcile next tick
  std::multimap<int64_t, std::string> wakeups_;  // backoff ends
  int64_t last_full_pass_ms_ = 0;
  std::shared_ptr<const json> shared_def(const json& def);
  std::map<std::string, std::set<int>> used_ports_;  // agent id -> host ports in use
  std::map<std::string, size_t> agent_index_;        // agent id -> place in `agents`
  int next_framework_ = 2;                           // Marathon is -0001
  int64_t next_offer_ = 1;
};

bool terminal_state(const std::string& state);

// The systemd units of a master or an agent node, with their descriptions (cluster_journal.cpp).
std::vector<std::pair<std::string, std::string>> node_units(bool master, bool public_agent);

}  // namespace dcos_local
