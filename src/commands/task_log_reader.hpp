// Reading one task's sandbox log the way `dcos task log` does, shared with `dcos service log`
// (which prints the log of a service's one task): through the DC/OS log API, or the agent's
// files API on a cluster without it; and following it until the task ends or Ctrl-C. It lives
// beside the groups rather than in src/commands/task because two groups use it.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "cli/context.hpp"
#include "client/agent_files.hpp"
#include "client/dcos_logs.hpp"
#include "client/mesos.hpp"

namespace dcos {

/// How often a follow asks the master whether the task has ended.
inline constexpr std::chrono::seconds kTaskStatePoll{2};

/// Reads one task's log by whichever API the cluster has: the log API first, the files API
/// from the first 404 (ErrorDetail::log_api_missing) on.
class TaskLogReader {
 public:
  TaskLogReader(HttpClient admin_router, MesosTask task, std::string file);

  /// The last `lines` lines (0: the whole file), as text.
  Result<std::string> tail(long long lines);
  /// The last `lines` lines, then each new line, until `follow` says to stop.
  Status follow(long long lines, LogFollow& follow);
  /// What was written after `cursor` (the last event of a follow) and not yet handed over;
  /// the last `lines` lines when nothing was handed over yet.
  Result<std::string> rest(const std::string& cursor, long long lines);

 private:
  LogClient logs_;
  AgentFiles files_;
  MesosTask task_;
  std::string file_;
  bool use_files_ = false;
};

/// A client for `service` on a transport of its own (for a thread, or a poll beside a stream);
/// `transport` keeps it alive.
Result<HttpClient> own_client(Context& context, Service service,
                              std::unique_ptr<Transport>& transport);

/// Prints `file` of `task` from its last `lines` lines on, each line as it is written, until
/// the task ends (then what it wrote last; success when it finished, a generic Error naming
/// its state otherwise) or Ctrl-C (cancelled). On a terminal, says on stderr that it waits.
Status follow_task_log(const MesosTask& task, const std::string& file, long long lines,
                       HttpClient admin_router, Context& context);

}  // namespace dcos
