#include "commands/marathon_wait_verdict.hpp"
#include "client/number_format.hpp"

#include <algorithm>

#include "client/strings.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

/// Tasks that count as ready: healthy ones when the app has health checks, else running ones.
long long ready_tasks(const AppWatch& watch) {
  return watch.checks ? watch.healthy : watch.running;
}

bool short_of_wanted(const AppWatch& watch) {
  return !watch.gone && ready_tasks(watch) < watch.wanted;
}

/// The progress line: step, actions, and per app running/healthy out of wanted.
std::string progress_line(const MarathonDeployment& deployment,
                          const std::map<std::string, AppWatch>& apps, milliseconds elapsed) {
  std::string line = "deployment " + deployment.id.substr(0, 8) + ": step " +
                     std::to_string(deployment.current_step) + "/" +
                     std::to_string(deployment.total_steps);
  std::vector<std::string> actions;
  for (const auto& action : deployment.current_actions)
    actions.push_back(action.action + " " + (action.app.empty() ? action.pod : action.app));
  if (!actions.empty()) line += " (" + join(actions, ", ") + ")";
  for (const auto& [id, watch] : apps) {
    if (!watch.seen || watch.gone) continue;
    line += "; " + id + " " + std::to_string(watch.running) + "/" + std::to_string(watch.wanted) +
            " running";
    if (watch.checks) line += ", " + std::to_string(watch.healthy) + " healthy";
    if (!watch.failed_tasks.empty())
      line += ", " + std::to_string(watch.failed_tasks.size()) + " failed";
  }
  return line + " [" + seconds_text(elapsed) + "]";
}

Error still_running(const std::string& id, milliseconds waited) {
  return Error::make(ErrorKind::still_running,
                     "deployment " + id + " is still running after " + seconds_text(waited) +
                         "; it goes on in the cluster",
                     "follow it with 'dcos marathon deployment watch " + id +
                         "', or roll it back with 'dcos marathon deployment rollback " + id + "'");
}

/// Where the deployment stood when the wait saw it fail.
enum class Deployment { listed, gone };

Error failed(const std::string& id, const std::string& app, const AppWatch& watch,
             Deployment deployment) {
  const bool deployment_gone = deployment == Deployment::gone;
  std::string message =
      "deployment " + id + (deployment_gone ? " ended, but " : ": ") + app + " runs " +
      std::to_string(ready_tasks(watch)) + " of " + std::to_string(watch.wanted) +
      (watch.checks ? " healthy" : "") + " tasks; " + std::to_string(watch.failed_tasks.size()) +
      " failed, the last" +
      (watch.last_failed_task.empty() ? "" : " (" + watch.last_failed_task + ")") +
      " with: " + watch.last_failure;
  // The failure message says little ("Command exited with status 3"): the task's own stderr
  // says why, and stays readable after the task ended.
  std::string hint = watch.last_failed_task.empty()
                         ? "see 'dcos marathon app show " + app + "' for lastTaskFailure"
                         : "read its stderr with 'dcos task log --completed " +
                               watch.last_failed_task + " stderr'";
  if (!deployment_gone)
    hint +=
        "; the deployment goes on in the cluster: roll it back with 'dcos marathon "
        "deployment rollback " +
        id + "'";
  return Error::make(ErrorKind::generic, message, hint);
}

Error replaced(const std::string& id, const std::string& other, const std::string& what) {
  return Error::make(ErrorKind::generic,
                     "deployment " + id + " was cancelled; deployment " + other +
                         " (a rollback or a forced change) now changes " + what);
}

WaitVerdict ends(WaitOutcome outcome, Error error, std::string progress = {}) {
  return WaitVerdict{outcome, std::move(progress), Status(std::move(error))};
}

/// Our deployment is no longer listed: it finished, was replaced, or ended short of tasks.
WaitVerdict judge_gone(const WaitTrack& track, const std::vector<MarathonDeployment>& listed) {
  // A deployment that was not there when the wait began and touches our apps or pods took
  // over from ours.
  for (const auto& other : listed) {
    if (track.others_at_start.count(other.id)) continue;
    for (const auto& app : other.affected_apps)
      if (track.apps.count(app))
        return ends(WaitOutcome::replaced, replaced(track.id, other.id, app));
    for (const auto& pod : other.affected_pods)
      if (track.pods.count(pod))
        return ends(WaitOutcome::replaced, replaced(track.id, other.id, pod));
  }
  for (const auto& [app, watch] : track.apps)
    if (!watch.failed_tasks.empty() && short_of_wanted(watch))
      return ends(WaitOutcome::failed, failed(track.id, app, watch, Deployment::gone));
  return WaitVerdict{WaitOutcome::done, {}, Status::success()};
}

}  // namespace

void record_app(AppWatch& watch, const MarathonApp* app) {
  if (app == nullptr) {
    watch.gone = true;
    return;
  }
  watch.gone = false;
  watch.running = app->tasks_running;
  watch.healthy = app->tasks_healthy;
  watch.wanted = app->instances.value_or(0);
  watch.checks = app->health_checks > 0;
  const std::string& task = app->last_task_failure.task_id;
  const std::string& version = app->last_task_failure.version;
  const std::string& message = app->last_task_failure.message;
  if (!watch.seen) {
    watch.seen = true;
    watch.baseline_failure = task;
  } else if (!task.empty() && task != watch.baseline_failure && version == app->version) {
    watch.failed_tasks.insert(task);
    watch.last_failure = message.empty() ? "the task failed" : message;
    watch.last_failed_task = task;
  }
}

WaitVerdict judge_poll(const WaitTrack& track, const std::vector<MarathonDeployment>& listed,
                       const WaitBudget& budget) {
  auto ours = std::find_if(listed.begin(), listed.end(),
                           [&](const MarathonDeployment& d) { return d.id == track.id; });
  if (ours == listed.end()) return judge_gone(track, listed);

  for (const auto& [app, watch] : track.apps)
    if (static_cast<int>(watch.failed_tasks.size()) >= kFailuresToGiveUp)
      return ends(WaitOutcome::failed, failed(track.id, app, watch, Deployment::listed));
  std::string progress = progress_line(*ours, track.apps, budget.elapsed);
  if ((budget.limit && budget.elapsed >= *budget.limit) || budget.last_poll)
    return ends(WaitOutcome::still_running, still_running(track.id, budget.elapsed),
                std::move(progress));
  return WaitVerdict{WaitOutcome::going, std::move(progress), Status::success()};
}

std::string seconds_text(milliseconds elapsed) {
  return fixed_decimal(static_cast<double>(elapsed.count()) / 1000.0, 1) + "s";
}

}  // namespace dcos
