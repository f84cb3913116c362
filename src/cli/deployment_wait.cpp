#include "cli/deployment_wait.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "client/strings.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstPoll{100};
constexpr milliseconds kLongestPoll{1000};
constexpr int kFailuresToGiveUp = 3;  ///< failed tasks of the new version before we stop waiting

/// What the wait has learnt about one app the deployment touches.
struct AppWatch {
  std::string baseline_failure;        ///< lastTaskFailure.taskId when the wait began
  std::set<std::string> failed_tasks;  ///< failures of the app's current version since then
  std::string last_failure;            ///< the newest failure's message
  long long running = 0, healthy = 0, wanted = 0;
  bool checks = false;
  bool gone = false;
  bool seen = false;
};

std::string string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Refreshes `watch` from GET /v2/apps/<id>; a vanished app (a removal) is noted, not an error.
Status observe_app(MarathonClient& marathon, const std::string& id, AppWatch& watch) {
  auto app = marathon.get_app(id);
  if (!app) {
    if (app.error().kind != ErrorKind::not_found) return app.error();
    watch.gone = true;
    return Status::success();
  }
  watch.gone = false;
  watch.running = app->tasks_running;
  watch.healthy = app->tasks_healthy;
  watch.wanted = app->instances.value_or(0);
  watch.checks = app->health_checks > 0;
  std::string task, version, message;
  if (auto failure = app->raw.find("lastTaskFailure");
      failure != app->raw.end() && failure->is_object()) {
    task = string_at(*failure, "taskId");
    version = string_at(*failure, "version");
    message = string_at(*failure, "message");
  }
  if (!watch.seen) {
    watch.seen = true;
    watch.baseline_failure = task;
  } else if (!task.empty() && task != watch.baseline_failure && version == app->version) {
    watch.failed_tasks.insert(task);
    watch.last_failure = message.empty() ? "the task failed" : message;
  }
  return Status::success();
}

bool short_of_wanted(const AppWatch& watch) {
  long long ready = watch.checks ? watch.healthy : watch.running;
  return !watch.gone && ready < watch.wanted;
}

std::string seconds_text(milliseconds elapsed) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1fs", static_cast<double>(elapsed.count()) / 1000.0);
  return buffer;
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

/// Draws progress on stderr: redrawn in place on a terminal, one line per change otherwise
/// (only when asked to show it always).
class Progress {
 public:
  Progress(Context& context, bool always) : context_(context), always_(always) {}
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void show(const std::string& line) {
    if (context_.terminal.stderr_tty) {
      std::string text = line;
      size_t width = static_cast<size_t>(std::max(context_.terminal.width, 20)) - 1;
      if (text.size() > width) text = text.substr(0, width - 3) + "...";
      context_.err << "\r\033[K" << text << std::flush;
      drawn_ = true;
    } else if (always_) {
      // The elapsed time changes every poll; only a change of the rest is worth a line.
      std::string steady = line.substr(0, line.rfind(" ["));
      if (steady != last_) context_.err << line << "\n";
      last_ = steady;
    }
  }

  void clear() {
    if (drawn_) context_.err << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  Context& context_;
  bool always_;
  bool drawn_ = false;
  std::string last_;
};

Error still_running(const std::string& id, milliseconds waited) {
  return Error::make(ErrorKind::still_running,
                     "deployment " + id + " is still running after " + seconds_text(waited) +
                         "; it goes on in the cluster",
                     "follow it with 'dcos marathon deployment watch " + id +
                         "', or roll it back with 'dcos marathon deployment rollback " + id + "'");
}

Error failed(const std::string& id, const std::string& app, const AppWatch& watch,
             bool deployment_gone) {
  std::string message = "deployment " + id + (deployment_gone ? " ended, but " : ": ") + app +
                        " runs " + std::to_string(watch.checks ? watch.healthy : watch.running) +
                        " of " + std::to_string(watch.wanted) + (watch.checks ? " healthy" : "") +
                        " tasks; " + std::to_string(watch.failed_tasks.size()) +
                        " failed, the last with: " + watch.last_failure;
  std::string hint = deployment_gone
                         ? "see 'dcos marathon app show " + app + "' for lastTaskFailure"
                         : "it goes on in the cluster; roll it back with 'dcos "
                           "marathon deployment rollback " +
                               id + "'";
  return Error::make(ErrorKind::generic, message, hint);
}

}  // namespace

void add_wait_flag(CLI::App& app, std::string& value) {
  app.add_flag("--wait{10m}", value,
               "Wait until the deployment finishes, at most this long (default 10m; e.g. "
               "--wait=90s); exit 5 when time runs out")
      ->type_name("[=<duration>]");
}

Result<milliseconds> parse_duration(std::string_view text) {
  const std::string shown(text);
  auto bad = [&] {
    return Error::make(ErrorKind::usage, "invalid duration '" + shown +
                                             "': use a number of seconds or units such as 500ms, "
                                             "90s, 5m, 1h, 1m30s");
  };
  if (text.empty()) return bad();
  long long total = 0;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start || i - start > 9) return bad();
    long long number = parse_int(text.substr(start, i - start)).value_or(0);
    size_t unit_start = i;
    while (i < text.size() && (text[i] < '0' || text[i] > '9')) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    long long scale = 0;
    if (unit == "ms") {
      scale = 1;
    } else if (unit == "s" || (unit.empty() && !any && i == text.size())) {
      scale = 1000;
    } else if (unit == "m") {
      scale = 60'000;
    } else if (unit == "h") {
      scale = 3'600'000;
    } else {
      return bad();
    }
    total += number * scale;
    any = true;
  }
  if (total <= 0)
    return Error::make(ErrorKind::usage, "invalid duration '" + shown + "': it must be positive");
  return milliseconds(total);
}

Result<std::optional<milliseconds>> wait_limit(const std::string& value) {
  if (value.empty()) return std::optional<milliseconds>();
  auto duration = parse_duration(value);
  if (!duration) return duration.take_error();
  return std::optional<milliseconds>(*duration);
}

Status wait_for_deployment(Context& context, MarathonClient& marathon, const std::string& id,
                           const WaitSettings& settings) {
  const auto start = context.now();
  auto elapsed = [&] { return std::chrono::duration_cast<milliseconds>(context.now() - start); };
  Progress progress(context, settings.always_show);
  std::map<std::string, AppWatch> apps;
  for (const auto& app : settings.apps) apps[app];
  std::set<std::string> pods;
  std::set<std::string> others_at_start;  // deployments already running beside ours
  bool first = true;
  milliseconds pause = settings.interval.value_or(kFirstPoll);
  for (long long poll = 1;; ++poll) {
    if (context.interrupted != nullptr && context.interrupted->load()) {
      progress.clear();
      return Error::make(ErrorKind::cancelled,
                         "stopped waiting; deployment " + id + " goes on in the cluster");
    }
    auto deployments = marathon.list_deployments();
    if (!deployments) return deployments.error();
    auto ours = std::find_if(deployments->begin(), deployments->end(),
                             [&](const MarathonDeployment& d) { return d.id == id; });
    if (ours != deployments->end()) {
      for (const auto& app : ours->affected_apps) apps[app];
      pods.insert(ours->affected_pods.begin(), ours->affected_pods.end());
    }
    if (first)
      for (const auto& other : *deployments)
        if (other.id != id) others_at_start.insert(other.id);
    first = false;
    for (auto& [app, watch] : apps)
      if (Status seen = observe_app(marathon, app, watch); !seen) return seen;

    if (ours == deployments->end()) {
      progress.clear();
      for (const auto& other : *deployments) {
        if (others_at_start.count(other.id)) continue;
        for (const auto& app : other.affected_apps)
          if (apps.count(app))
            return Error::make(ErrorKind::generic,
                               "deployment " + id + " was cancelled; deployment " + other.id +
                                   " (a rollback or a forced change) now changes " + app);
        for (const auto& pod : other.affected_pods)
          if (pods.count(pod))
            return Error::make(ErrorKind::generic,
                               "deployment " + id + " was cancelled; deployment " + other.id +
                                   " (a rollback or a forced change) now changes " + pod);
      }
      for (const auto& [app, watch] : apps)
        if (!watch.failed_tasks.empty() && short_of_wanted(watch))
          return failed(id, app, watch, true);
      if (context.terminal.stderr_tty || settings.always_show)
        context.err << "Deployment " << id << " finished in " << seconds_text(elapsed()) << "\n";
      return Status::success();
    }

    for (const auto& [app, watch] : apps)
      if (static_cast<int>(watch.failed_tasks.size()) >= kFailuresToGiveUp)
        return failed(id, app, watch, false);
    progress.show(progress_line(*ours, apps, elapsed()));
    if (settings.limit && elapsed() >= *settings.limit) {
      progress.clear();
      return still_running(id, elapsed());
    }
    if (settings.max_polls && poll >= *settings.max_polls) {
      progress.clear();
      return still_running(id, elapsed());
    }
    milliseconds next = pause;
    if (settings.limit)
      next = std::min(next, std::max(milliseconds(1), *settings.limit - elapsed()));
    context.sleep(next);
    if (!settings.interval) pause = std::min(pause * 2, kLongestPoll);
  }
}

Status finish_change(Context& context, MarathonClient& marathon, const DeploymentResult& result,
                     std::optional<milliseconds> limit, const std::vector<std::string>& apps,
                     bool announce) {
  if (announce && !result.id.empty()) context.out << "Created deployment " << result.id << "\n";
  if (!limit || result.id.empty()) return Status::success();
  context.out.flush();
  WaitSettings settings;
  settings.limit = limit;
  settings.apps = apps;
  return wait_for_deployment(context, marathon, result.id, settings);
}

}  // namespace dcos
