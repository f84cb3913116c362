// The decisions of the cassandra-mesos 0.2.0 scheduler for one ring, without any I/O: offers go
// in and task launches come out, task updates and health reports change the nodes, and the
// operator's calls (the REST API) change targets, seeds and jobs. The clock is injected, and
// every wait (bootstrap window, report age, restart timeout) is multiplied by the time scale.
// Not thread-safe: the scheduler holds one lock around it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "local/cassandra/ring_types.hpp"

namespace dcos_local::cassandra {

using Clock = std::function<int64_t()>;  ///< milliseconds since the epoch

struct PortRange {
  int begin = 0, end = 0;
};

struct Offer {
  std::string id, agent_id, hostname;  ///< hostname: the agent's address, as Mesos offers it
  Resources resources;
  std::vector<PortRange> ports;
};

/// A task to launch on the offer's agent: `cassandra-node --role <role>` with `env`.
struct Launch {
  std::string task_id, name, role;
  Resources resources;
  std::vector<int> ports;
  std::vector<std::pair<std::string, std::string>> env;
};

struct Kill {
  std::string task_id, agent_id;
};

/// A Mesos task status, as far as the scheduler reads it.
struct TaskUpdate {
  std::string task_id, state, source, reason, message;
  bool healthy = false;
};

/// What a node's server says about a repair or cleanup it runs.
struct JobProgress {
  bool done = false;
  std::vector<KeyspaceResult> processed;
  std::vector<std::string> remaining;
};

/// The answer to make-seed / make-non-seed.
struct SeedChange {
  int status = 200;  ///< 200, 400 or 404
  bool old_seed = false, success = false, seed = false;
  std::string error;  ///< for 400
};

class Ring {
 public:
  Ring(RingState state, double time_scale, Clock clock);

  const RingState& state() const { return state_; }
  const RingConfig& config() const { return state_.config; }
  int64_t now() const { return clock_(); }
  double time_scale() const { return scale_; }

  // --- Mesos side -----------------------------------------------------------------------
  void set_framework_id(const std::string& id) { state_.config.framework_id = id; }
  /// The tasks to launch from this offer; empty means decline it.
  std::vector<Launch> offer(const Offer& offer);
  void task_update(const TaskUpdate& update);
  /// Tasks that must end (stopped, restarted or terminated nodes, lost executors). A kill is
  /// repeated only after a while, so calling this often is fine.
  std::vector<Kill> kills();
  /// Time-driven steps: rolling-restart progress and its timeout.
  void tick();

  // --- Reports from the node processes --------------------------------------------------
  void executor_started(const std::string& executor_id, const std::string& workdir);
  void record_health(const std::string& executor_id, HealthReport report,
                     std::optional<int64_t> pid);
  void job_progress(const std::string& executor_id, const JobProgress& progress);

  // --- Queries ----------------------------------------------------------------------------
  /// By IP, hostname or executor id; the first match wins.
  const Node* find(const std::string& ref) const;
  const Node* find_by_executor(const std::string& executor_id) const;
  bool live(const Node& node) const;
  std::vector<const Node*> live_nodes() const;
  int current_nodes() const;  ///< not in TERMINATE
  int current_seeds() const;
  int64_t bootstrap_window_ms() const;
  int64_t next_server_launch_ms() const;
  int64_t scaled(int64_t ms) const;

  // --- Operator side (REST API) -----------------------------------------------------------
  /// Null for an unknown node; TERMINATE stays TERMINATE.
  const Node* set_target(const std::string& ref, RunState target);
  /// 404 unknown node, 400 a failed precondition (§6.3), 200 queued.
  int replace(const std::string& ref);
  const Node* set_rack_dc(const std::string& ref, const std::optional<std::string>& rack,
                          const std::optional<std::string>& dc);
  SeedChange set_seed(const std::string& ref, bool seed);
  /// False when n is below the target (the target never shrinks).
  bool scale(int n);
  bool start_job(JobType type);
  bool abort_job(JobType type);

 private:
  Node* find_mutable(const std::string& ref);
  Node* node_of_task(const std::string& task_id);
  std::vector<Launch> acquire(const Offer& offer);
  std::vector<Launch> progress_node(Node& node, const Offer& offer);
  std::optional<Launch> job_step(Node& node, const Offer& offer);
  Launch launch_executor(Node& node, const Offer& offer);
  Launch launch_server(Node& node, const Offer& offer);
  Launch task_launch(Node& node, const std::string& type, const std::string& id,
                     const std::string& name, Resources resources, const std::string& role);
  bool server_may_start(const Node& node) const;
  bool all_seeds_acquired() const;
  void complete_current(std::optional<std::string> failure);
  void finish_job_if_done();
  void lose_executor(Node& node);
  std::vector<std::string> seed_ips() const;

  RingState state_;
  double scale_;
  Clock clock_;
  std::vector<Kill> pending_kills_;                      ///< tasks of lost executors
  std::vector<std::pair<std::string, int64_t>> killed_;  ///< task id, when a kill was sent
};

}  // namespace dcos_local::cassandra
