// --wait: following a Marathon deployment to its end. The deployment is polled on
// GET /v2/deployments until it is gone, while the apps it touches are watched for failing
// tasks; what each poll means is decided by judge_poll() (marathon_wait_verdict.hpp). A
// terminal on stderr gets one progress line, redrawn in place (step, action, tasks running and
// healthy out of wanted); a pipe gets nothing extra. The outcome is the exit status: 0 done,
// 1 failed or replaced (with the reason), 5 still running when time ran out.
#pragma once

#include "cli/flags.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "client/duration.hpp"
#include "client/marathon.hpp"

namespace dcos {

/// The duration --wait uses when given without a value.
inline constexpr std::chrono::minutes kDefaultWait{10};

/// Adds `--wait[=<duration>]` to `app`; `value` stays empty when the flag is absent.
void add_wait_flag(Flags& app, std::string& value);

/// The --wait limit to apply: nullopt when the flag was not given. A bad duration is a usage
/// Error, so commands check it before sending anything.
Result<std::optional<std::chrono::milliseconds>> wait_limit(const std::string& value);

struct WaitSettings {
  std::optional<std::chrono::milliseconds> limit;     ///< give up after this long
  std::optional<std::chrono::milliseconds> interval;  ///< fixed poll interval; else adaptive
  std::optional<long long> max_polls;                 ///< give up after this many polls
  bool always_show = false;  ///< progress also when stderr is not a terminal (one line per change)
  std::vector<std::string> apps;  ///< ids the deployment is known to touch, before it is seen
};

/// Follows deployment `id` until it is gone from /v2/deployments, then checks that its apps
/// run. Errors: failed (generic, exit 1), still_running (exit 5), cancelled (Ctrl-C).
Status wait_for_deployment(Context& context, MarathonClient& marathon, const std::string& id,
                           const WaitSettings& settings);

/// What finish_change prints: "Created deployment <id>" (yes), nothing (no: the verb printed its
/// own confirmation), or Marathon's answer as JSON (json: the verb's --json).
enum class Announce { yes, no, json };

/// Announce::json with --json, else Announce::yes.
inline Announce announce_for(bool json) { return json ? Announce::json : Announce::yes; }

/// What every changing command does with its result: announces the deployment and, when
/// `limit` is set, waits for it.
Status finish_change(Context& context, MarathonClient& marathon, const DeploymentResult& result,
                     std::optional<std::chrono::milliseconds> limit,
                     const std::vector<std::string>& apps, Announce announce = Announce::yes);

}  // namespace dcos
