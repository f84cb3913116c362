// Cluster jobs (§7): repair, cleanup and rolling restart, one job at a time, node by node.
#include <algorithm>

#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {
namespace {

constexpr Resources kJobTask{0.1, 16, 16};
constexpr int64_t kRestartTimeoutMs = 600000;

}  // namespace

bool Ring::start_job(JobType type) {
  if (state_.current_job) return false;
  ClusterJob job;
  job.type = type;
  job.started = now();
  for (const Node& n : state_.nodes)
    if (n.executor_id) job.remaining.push_back(*n.executor_id);
  state_.current_job = job;
  return true;
}

bool Ring::abort_job(JobType type) {
  auto& job = state_.current_job;
  if (!job || job->type != type || job->aborted) return false;
  job->aborted = true;
  return true;
}

std::optional<Launch> Ring::job_step(Node& node, const Offer& offer) {
  auto& job = state_.current_job;
  if (!job || job->current || !node.executor_id) return std::nullopt;
  auto it = std::find(job->remaining.begin(), job->remaining.end(), *node.executor_id);
  if (it == job->remaining.end()) return std::nullopt;
  bool restart = job->type == JobType::restart;
  if (!restart &&
      (offer.resources.cpus + 1e-9 < kJobTask.cpus || offer.resources.mem_mb < kJobTask.mem_mb ||
       offer.resources.disk_mb < kJobTask.disk_mb))
    return std::nullopt;  // wait for an offer with room for the job's task
  job->remaining.erase(it);
  NodeJob part;
  part.executor_id = *node.executor_id;
  part.task_id = *node.executor_id + "." + to_string(job->type);
  part.started = now();
  if (restart) {
    if (node.target == RunState::stop || node.target == RunState::terminate) {
      job->current = part;
      complete_current("Node cannot be restarted when in status " + to_string(node.target));
      return std::nullopt;
    }
    node.target = RunState::restart;
    job->current = part;
    return std::nullopt;
  }
  if (node.target != RunState::run || !live(node))
    return std::nullopt;  // skipped: it appears nowhere in the job
  job->current = part;
  std::string role = job->type == JobType::repair ? "repair" : "cleanup";
  Launch launch = task_launch(node, kClusterJob, part.task_id, part.task_id, kJobTask, role);
  launch.env.emplace_back("CASSANDRA_SERVER_URL",
                          "http://" + node.ip + ":" + std::to_string(node.server_port));
  launch.env.emplace_back("CASSANDRA_JOB", to_string(job->type));
  launch.env.emplace_back("CASSANDRA_JOB_TOKEN", std::to_string(*part.started));
  return launch;
}

void Ring::job_progress(const std::string& executor_id, const JobProgress& progress) {
  auto& job = state_.current_job;
  if (!job || !job->current || job->current->executor_id != executor_id ||
      job->type == JobType::restart)
    return;
  job->current->processed = progress.processed;
  job->current->remaining_keyspaces = progress.remaining;
  if (progress.done) complete_current(std::nullopt);
}

void Ring::complete_current(std::optional<std::string> failure) {
  auto& job = state_.current_job;
  NodeJob part = *job->current;
  part.finished = now();
  part.failure = std::move(failure);
  job->completed.push_back(std::move(part));
  job->current.reset();
  if (job->remaining.empty()) {
    job->finished = now();
    state_.last_jobs[job->type] = *job;
    job.reset();
  }
}

void Ring::finish_job_if_done() {
  auto& job = state_.current_job;
  if (!job || job->current || !job->remaining.empty()) return;
  if (!job->aborted) state_.last_jobs[job->type] = *job;
  job.reset();
}

void Ring::tick() {
  auto& job = state_.current_job;
  if (!job || job->type != JobType::restart || !job->current) return;
  const NodeJob& part = *job->current;
  const Node* node = find_by_executor(part.executor_id);
  if (!node) {
    complete_current("Task finished without any additional information");
    return;
  }
  const HealthReport* report = node->last_report();
  if (node->target == RunState::run && node->task(kServer) &&
      node->server_started_ms >= part.started.value_or(0) && report &&
      report->timestamp > node->server_started_ms && live(*node)) {
    complete_current(std::nullopt);
  } else if (now() - part.started.value_or(now()) > scaled(kRestartTimeoutMs)) {
    complete_current("Timeout after " + std::to_string(scaled(kRestartTimeoutMs)) + "ms");
  }
}

}  // namespace dcos_local::cassandra
