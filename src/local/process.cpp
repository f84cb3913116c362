#include "local/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>

namespace dcos_local {
namespace {

// strerror() may share a static buffer between threads; the GNU strerror_r does not.
std::string errno_text(int err) {
  char buf[256];
  return ::strerror_r(err, buf, sizeof buf);
}

// What the child writes to the error pipe when it cannot reach exec.
struct ChildFailure {
  int stage;
  int err;
};
enum Stage { kStdio = 0, kSetsid, kChdir, kExec };

int open_output(const std::string& path) {
  const char* p = path.empty() ? "/dev/null" : path.c_str();
  return ::open(p, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

void close_fd(int fd) {
  if (fd >= 0) ::close(fd);
}

std::vector<std::string> build_env(const SpawnSpec& spec) {
  std::map<std::string, std::string> vars;
  const char* path = ::getenv("PATH");
  vars["PATH"] = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  if (const char* home = ::getenv("HOME")) vars["HOME"] = home;
  const char* lang = ::getenv("LANG");
  vars["LANG"] = lang != nullptr ? lang : "C.UTF-8";
  for (const auto& [key, value] : spec.env) vars[key] = value;
  std::vector<std::string> out;
  for (const auto& [key, value] : vars) out.push_back(key + "=" + value);
  return out;
}

// Moves fd onto target. dup2 onto itself would keep O_CLOEXEC, so that case clears it.
// The parent opened stdin, stdout, stderr in that order, so no move clobbers a later source.
bool place_fd(int fd, int target) {
  if (fd == target) return ::fcntl(fd, F_SETFD, 0) == 0;
  return ::dup2(fd, target) == target;
}

// Closes every fd above 2 except keep (the error pipe, which is CLOEXEC anyway).
void close_other_fds(int keep, int fallback_limit) {
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
  bool below_ok = keep <= 3 || ::close_range(3, keep - 1, 0) == 0;
  if (below_ok && ::close_range(keep + 1, ~0U, 0) == 0) return;
#endif
  for (int fd = 3; fd < fallback_limit; ++fd) {
    if (fd != keep) ::close(fd);
  }
}

// Tells the parent why the child could not exec, then gives up.
[[noreturn]] void child_fail(int report_fd, Stage stage) {
  ChildFailure failure{stage, errno};
  ssize_t ignored = ::write(report_fd, &failure, sizeof failure);
  (void)ignored;
  ::_exit(127);
}

// Runs in the forked child: only async-signal-safe calls from here on.
[[noreturn]] void run_child(int in_fd, int out_fd, int err_fd, int report_fd, const char* cwd,
                            char* const* argv, char* const* envp, int fd_limit) {
  // The server blocks SIGINT/SIGTERM for sigwait and may ignore others; tasks must not inherit
  // that, or they could never be stopped with SIGTERM.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  if (::setsid() < 0) child_fail(report_fd, kSetsid);
  if (!place_fd(in_fd, 0) || !place_fd(out_fd, 1) || !place_fd(err_fd, 2))
    child_fail(report_fd, kStdio);
  if (cwd != nullptr && ::chdir(cwd) != 0) child_fail(report_fd, kChdir);
  close_other_fds(report_fd, fd_limit);
  ::execve(argv[0], argv, envp);
  child_fail(report_fd, kExec);
}

std::string failure_text(const ChildFailure& failure, const SpawnSpec& spec) {
  switch (failure.stage) {
    case kStdio:
      return "cannot redirect task output: " + errno_text(failure.err);
    case kSetsid:
      return "cannot start a new session: " + errno_text(failure.err);
    case kChdir:
      return "cannot change to directory '" + spec.cwd + "': " + errno_text(failure.err);
    default:
      return "cannot execute /bin/sh: " + errno_text(failure.err);
  }
}

}  // namespace

Spawned spawn_shell(const SpawnSpec& spec) {
  // Everything that allocates happens before fork: in a multithreaded parent the child
  // may only use async-signal-safe functions.
  std::string shell = "/bin/sh", dash_c = "-c", command = spec.command;
  char* argv[] = {shell.data(), dash_c.data(), command.data(), nullptr};
  std::vector<std::string> env_strings = build_env(spec);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const char* cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();

  int fd_limit = 1024;
  if (struct rlimit lim{}; ::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
    fd_limit = static_cast<int>(std::min<rlim_t>(lim.rlim_cur, 65536));
  }

  // All fds are CLOEXEC so tasks spawned concurrently by other threads never inherit them.
  int in_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out_fd = open_output(spec.stdout_path);
  int err_fd = open_output(spec.stderr_path);
  int report[2] = {-1, -1};
  std::string error;
  if (in_fd < 0) {
    error = "cannot open /dev/null: " + errno_text(errno);
  } else if (out_fd < 0) {
    error = "cannot open '" + spec.stdout_path + "': " + errno_text(errno);
  } else if (err_fd < 0) {
    error = "cannot open '" + spec.stderr_path + "': " + errno_text(errno);
  } else if (::pipe2(report, O_CLOEXEC) != 0) {
    error = "cannot create pipe: " + errno_text(errno);
  }

  pid_t pid = -1;
  if (error.empty()) {
    pid = ::fork();
    if (pid == 0) run_child(in_fd, out_fd, err_fd, report[1], cwd, argv, envp.data(), fd_limit);
    if (pid < 0) error = "cannot fork: " + errno_text(errno);
  }
  close_fd(in_fd);
  close_fd(out_fd);
  close_fd(err_fd);
  close_fd(report[1]);

  if (pid > 0) {
    // The pipe closes without data once exec succeeds (CLOEXEC); data means the child failed.
    ChildFailure failure{};
    ssize_t n;
    do {
      n = ::read(report[0], &failure, sizeof failure);
    } while (n < 0 && errno == EINTR);
    if (n == static_cast<ssize_t>(sizeof failure)) {
      error = failure_text(failure, spec);
      while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
      }
      pid = -1;
    }
  }
  close_fd(report[0]);
  if (!error.empty()) return Spawned{-1, error};
  return Spawned{pid, ""};
}

void signal_group(pid_t pid, int sig) {
  // kill(0 or -1) would hit our own group or everything we may signal: never do that.
  if (pid <= 1) return;
  ::kill(-pid, sig);  // ESRCH just means the group is already gone
}

std::optional<ExitStatus> try_reap(pid_t pid) {
  if (pid <= 0) return ExitStatus{false, -1};
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return std::nullopt;
  if (r < 0) return ExitStatus{false, -1};
  if (WIFSIGNALED(status)) return ExitStatus{true, WTERMSIG(status)};
  return ExitStatus{false, WEXITSTATUS(status)};
}

std::optional<ExitStatus> reap_task_group(pid_t pid) {
  if (pid <= 1) return ExitStatus{false, -1};
  siginfo_t info{};
  int r;
  do {
    r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (r < 0 && errno == EINTR);
  if (r < 0) return ExitStatus{false, -1};
  if (info.si_pid == 0) return std::nullopt;  // still running
  signal_group(pid, SIGKILL);
  return try_reap(pid);
}

std::string describe(const ExitStatus& status) {
  if (!status.signaled) return "Command exited with status " + std::to_string(status.code);
  // sigdescr_np is the thread-safe replacement for strsignal.
  const char* name = ::sigdescr_np(status.code);
  std::string text = "Command terminated by signal " + std::to_string(status.code);
  if (name != nullptr) text += std::string(" (") + name + ")";
  return text;
}

bool group_alive(pid_t pgid) {
  if (pgid <= 1) return false;
  // EPERM still means someone is in the group, just not ours to signal.
  return ::kill(-pgid, 0) == 0 || errno == EPERM;
}

}  // namespace dcos_local
