#include "commands/marathon_wait.hpp"

#include <algorithm>

#include "cli/flags.hpp"
#include "cli/output.hpp"
#include "client/strings.hpp"
#include "commands/marathon_wait_verdict.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstPoll{100};
constexpr milliseconds kLongestPoll{1000};

/// Refreshes `watch` from GET /v2/apps/<id>; a vanished app (a removal) is noted, not an error.
Status observe_app(MarathonClient& marathon, const std::string& id, AppWatch& watch) {
  auto app = marathon.get_app(id);
  if (!app) {
    if (app.error().kind != ErrorKind::not_found) return app.error();
    record_app(watch, nullptr);
    return Status::success();
  }
  record_app(watch, &*app);
  return Status::success();
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

}  // namespace

void add_wait_flag(Flags& app, std::string& value) {
  app.add_duration_flag("--wait{10m}", value,
                        "Wait until the deployment finishes, at most this long (default 10m; "
                        "e.g. --wait 90s or --wait=90s); exit 5 when time runs out");
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
  WaitTrack track;
  track.id = id;
  for (const auto& app : settings.apps) track.apps[app];
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
    for (const auto& deployment : *deployments) {
      if (deployment.id == id) {
        for (const auto& app : deployment.affected_apps) track.apps[app];
        track.pods.insert(deployment.affected_pods.begin(), deployment.affected_pods.end());
      } else if (first) {
        track.others_at_start.insert(deployment.id);
      }
    }
    first = false;
    for (auto& [app, watch] : track.apps)
      if (Status seen = observe_app(marathon, app, watch); !seen) return seen;

    WaitBudget budget;
    budget.elapsed = elapsed();
    budget.limit = settings.limit;
    budget.last_poll = settings.max_polls && poll >= *settings.max_polls;
    WaitVerdict verdict = judge_poll(track, *deployments, budget);
    if (!verdict.progress.empty()) progress.show(verdict.progress);
    switch (verdict.outcome) {
      case WaitOutcome::going:
        break;
      case WaitOutcome::done:
        progress.clear();
        if (context.terminal.stderr_tty || settings.always_show)
          context.err << "Deployment " << id << " finished in " << seconds_text(budget.elapsed)
                      << "\n";
        return Status::success();
      case WaitOutcome::failed:
      case WaitOutcome::replaced:
      case WaitOutcome::still_running:
        progress.clear();
        return verdict.status;
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
                     Announce announce) {
  if (announce == Announce::yes && !result.id.empty())
    context.out << "Created deployment " << result.id << "\n";
  if (announce == Announce::json) write_json(context.out, result.document());
  if (!limit || result.id.empty()) return Status::success();
  context.out.flush();
  WaitSettings settings;
  settings.limit = limit;
  settings.apps = apps;
  return wait_for_deployment(context, marathon, result.id, settings);
}

}  // namespace dcos
