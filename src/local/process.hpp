// Real task processes for dcos-local: spawning, signalling and reaping.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dcos_local {

struct SpawnSpec {
  std::string command;  // run as /bin/sh -c <command>
  std::string cwd;      // the sandbox directory; empty keeps the server's cwd
  std::vector<std::pair<std::string, std::string>> env;  // added on top of a minimal base env
  std::string stdout_path;  // created or appended, mode 0644; empty means /dev/null
  std::string stderr_path;
};

struct Spawned {
  pid_t pid = -1;
  std::string error;  // non-empty on failure, then pid is -1
};

// Starts the command in a new session, so its pid is also its process group id.
// Safe to call from any thread, even while the caller blocks signals.
Spawned spawn_shell(const SpawnSpec& spec);

// kill(-pid, sig); a group that is already gone is not an error.
void signal_group(pid_t pid, int sig);

struct ExitStatus {
  bool signaled = false;
  int code = 0;  // exit code, or the signal number when signaled
};

// Non-blocking reap of exactly this pid; nullopt while it is still running.
// If the pid cannot be waited for at all (already reaped, not our child), reports
// exit code -1 so callers polling it do not spin forever.
std::optional<ExitStatus> try_reap(pid_t pid);

// Like try_reap for a task's process group: once the leader has exited, and while its pid
// still names the group (it is not reaped yet, so it cannot be reused), SIGKILLs whatever the
// task left in the group, then reaps the leader.
std::optional<ExitStatus> reap_task_group(pid_t pid);

// Human-readable summary used as a Mesos task status message.
std::string describe(const ExitStatus& status);

// True while any process (including unreaped zombies) remains in the group.
bool group_alive(pid_t pgid);

}  // namespace dcos_local
