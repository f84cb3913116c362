// What one poll of a Marathon deployment means, decided without I/O: the `--wait` loop
// (marathon_wait.cpp) fetches the deployments and the apps, records what it saw here, and asks
// judge_poll() whether to keep going (and what progress to draw), or how the wait ends: done,
// failed (tasks keep failing, or the deployment ended short of tasks), replaced by another
// deployment (a rollback or a forced change), or still running when time or polls ran out.
// Nothing here reads a clock, sleeps or prints, so every outcome can be tested on its own.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/error.hpp"
#include "client/marathon.hpp"

namespace dcos {

/// Failed tasks of an app's new version after which the wait stops (the deployment would
/// otherwise retry for as long as the limit allows).
inline constexpr int kFailuresToGiveUp = 3;

/// What the wait has learnt about one app the deployment touches.
struct AppWatch {
  std::string baseline_failure;        ///< lastTaskFailure.taskId when the wait began
  std::set<std::string> failed_tasks;  ///< failures of the app's current version since then
  std::string last_failure;            ///< the newest failure's message
  std::string last_failed_task;        ///< the newest failed task's id
  long long running = 0, healthy = 0, wanted = 0;
  bool checks = false;  ///< the app has health checks: healthy tasks are what counts
  bool gone = false;    ///< the app no longer exists (the deployment removes it)
  bool seen = false;    ///< fetched at least once
};

/// Updates `watch` with what GET /v2/apps/<id> answered; `app` is null when the app is gone.
/// The first sighting takes the app's lastTaskFailure as the baseline, so only failures of the
/// app's current version that happen during the wait are counted.
void record_app(AppWatch& watch, const MarathonApp* app);

/// Everything the wait has gathered across polls.
struct WaitTrack {
  std::string id;                         ///< the deployment followed
  std::map<std::string, AppWatch> apps;   ///< the apps it touches, by id
  std::set<std::string> pods;             ///< the pods it touches
  std::set<std::string> others_at_start;  ///< deployments already running beside it
};

/// How much of the wait is used up at this poll.
struct WaitBudget {
  std::chrono::milliseconds elapsed{0};            ///< since the wait began
  std::optional<std::chrono::milliseconds> limit;  ///< --wait's duration
  bool last_poll = false;  ///< the poll budget (WaitSettings::max_polls) is used up
};

enum class WaitOutcome { going, done, failed, replaced, still_running };

struct WaitVerdict {
  WaitOutcome outcome = WaitOutcome::going;
  /// The progress line to draw before acting on the verdict; empty when nothing is drawn.
  std::string progress;
  /// The error the wait ends with (failed, replaced, still_running); success otherwise.
  Status status;
};

/// Decides what a poll means, given what the wait has gathered (`track`, its apps refreshed by
/// this poll), the deployments listed now, and the budget used (see the file comment).
WaitVerdict judge_poll(const WaitTrack& track, const std::vector<MarathonDeployment>& listed,
                       const WaitBudget& budget);

/// Seconds with one decimal, as progress and messages show durations: "2.5s".
std::string seconds_text(std::chrono::milliseconds elapsed);

}  // namespace dcos
