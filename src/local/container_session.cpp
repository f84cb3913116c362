#include "local/container_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dcos_local {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

/// Output waiting to be taken above which the pump stops reading the pipes.
constexpr size_t kMaxQueued = 1024 * 1024;
/// How long output may still come after the command exited (from what it left behind).
constexpr milliseconds kDrainAfterExit{2000};
/// How long a finished session stays known, for WAIT_CONTAINER.
constexpr std::chrono::minutes kKeepFinished{10};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string env_value(const std::vector<std::pair<std::string, std::string>>& env,
                      const std::string& name) {
  for (const auto& [key, value] : env)
    if (key == name) return value;
  return {};
}

/// Where the program may be: itself when it names a path, else each folder of PATH.
std::vector<std::string> candidates(const SessionSpec& spec) {
  if (spec.program.find('/') != std::string::npos) return {spec.program};
  std::string path = env_value(spec.env, "PATH");
  if (path.empty()) path = "/usr/local/bin:/usr/bin:/bin";
  std::vector<std::string> found;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    found.push_back((dir.empty() ? "." : dir) + "/" + spec.program);
    start = end + 1;
  }
  return found;
}

/// Runs in the forked child: only async-signal-safe calls.
[[noreturn]] void run_child(int in_fd, int out_fd, int err_fd, const char* cwd,
                            const std::vector<char*>& programs, char* const* argv,
                            char* const* envp, const std::string& not_found,
                            const std::string& not_runnable, const std::string& no_cwd) {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::setsid();
  ::dup2(in_fd, 0);
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  for (int fd = 3; fd < 1024; ++fd) ::close(fd);
  if (::chdir(cwd) != 0) {
    ssize_t ignored = ::write(2, no_cwd.data(), no_cwd.size());
    (void)ignored;
    ::_exit(127);
  }
  bool denied = false;
  for (char* program : programs) {
    ::execve(program, argv, envp);
    if (errno == EACCES) denied = true;
  }
  const std::string& why = denied ? not_runnable : not_found;
  ssize_t ignored = ::write(2, why.data(), why.size());
  (void)ignored;
  ::_exit(denied ? 126 : 127);
}

}  // namespace

std::shared_ptr<ContainerSession> ContainerSession::start(const SessionSpec& spec,
                                                          std::string& error) {
  // Everything that allocates happens before fork.
  std::vector<std::string> paths = candidates(spec);
  std::vector<char*> programs;
  for (auto& path : paths) programs.push_back(path.data());
  std::vector<std::string> args = spec.argv;
  if (args.empty()) args.push_back(spec.program);
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : spec.env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string not_found = "dcos-local: cannot run '" + spec.program + "': not found\n";
  const std::string not_runnable =
      "dcos-local: cannot run '" + spec.program + "': permission denied\n";
  const std::string no_cwd = "dcos-local: cannot enter the sandbox '" + spec.cwd + "'\n";

  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
      (!spec.tty && ::pipe2(err, O_CLOEXEC) != 0)) {
    error = std::string("cannot create pipes: ") + std::strerror(errno);
    for (int* fds : {in, out, err}) {
      close_fd(fds[0]);
      close_fd(fds[1]);
    }
    return nullptr;
  }
  const int child_err = spec.tty ? out[1] : err[1];
  pid_t pid = ::fork();
  if (pid == 0)
    run_child(in[0], out[1], child_err, spec.cwd.c_str(), programs, argv.data(), envp.data(),
              not_found, not_runnable, no_cwd);
  close_fd(in[0]);
  close_fd(out[1]);
  close_fd(err[1]);
  if (pid < 0) {
    error = std::string("cannot fork: ") + std::strerror(errno);
    close_fd(in[1]);
    close_fd(out[0]);
    close_fd(err[0]);
    return nullptr;
  }
  std::shared_ptr<ContainerSession> session(new ContainerSession());
  session->pid_ = pid;
  session->stdin_fd_ = in[1];
  session->stdout_fd_ = out[0];
  session->stderr_fd_ = err[0];
  session->tty_ = spec.tty;
  session->pump_ = std::thread([raw = session.get()] { raw->pump(); });
  return session;
}

ContainerSession::~ContainerSession() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  kill();
  if (pump_.joinable()) pump_.join();
  close_fd(stdin_fd_);
}

void ContainerSession::pump() {
  std::optional<steady_clock::time_point> exited_at;
  char buffer[16 * 1024];
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (!status_) {
        int status = 0;
        pid_t reaped = ::waitpid(pid_, &status, WNOHANG);
        if (reaped == pid_ || (reaped < 0 && errno == ECHILD)) {
          // The command is gone; so is whatever it left running in its session.
          ::kill(-pid_, SIGKILL);
          status_ = reaped == pid_ ? status : 0;
          exited_at = steady_clock::now();
          changed_.notify_all();
        }
      }
      const bool late = exited_at && steady_clock::now() - *exited_at > kDrainAfterExit;
      if ((stdout_fd_ < 0 && stderr_fd_ < 0 && status_) || late) {
        close_fd(stdout_fd_);
        close_fd(stderr_fd_);
        drained_ = true;
        changed_.notify_all();
        return;
      }
      if (queued_bytes_ > kMaxQueued) {
        changed_.wait_for(lock, milliseconds(100));
        continue;
      }
    }
    pollfd fds[2];
    nfds_t count = 0;
    for (int fd : {stdout_fd_, stderr_fd_})
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    if (count == 0) {
      std::this_thread::sleep_for(milliseconds(20));
      continue;
    }
    if (::poll(fds, count, 100) <= 0) continue;
    for (nfds_t i = 0; i < count; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const bool is_stderr = fds[i].fd == stderr_fd_;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      std::lock_guard lock(mu_);
      if (n <= 0) {
        close_fd(is_stderr ? stderr_fd_ : stdout_fd_);
      } else {
        queue_.push_back({is_stderr, std::string(buffer, static_cast<size_t>(n))});
        queued_bytes_ += static_cast<size_t>(n);
      }
      changed_.notify_all();
    }
  }
}

std::vector<OutputPiece> ContainerSession::take_output(milliseconds wait, bool& ended) {
  std::unique_lock lock(mu_);
  changed_.wait_for(lock, wait, [this] { return !queue_.empty() || drained_; });
  std::vector<OutputPiece> taken;
  taken.swap(queue_);
  queued_bytes_ = 0;
  ended = drained_;
  changed_.notify_all();
  return taken;
}

bool ContainerSession::write_input(const std::string& bytes) {
  std::lock_guard lock(input_mu_);
  std::string_view rest = bytes;
  bool close_after = false;
  if (tty_) {
    // A terminal turns Ctrl-D into the end of input; these pipes need it done by hand.
    size_t eot = rest.find('\x04');
    if (eot != std::string_view::npos) {
      rest = rest.substr(0, eot);
      close_after = true;
    }
  }
  while (!rest.empty() && stdin_fd_ >= 0) {
    ssize_t n = ::write(stdin_fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close_fd(stdin_fd_);
      return false;
    }
    rest.remove_prefix(static_cast<size_t>(n));
  }
  if (close_after) close_fd(stdin_fd_);
  return stdin_fd_ >= 0 || close_after;
}

void ContainerSession::close_input() {
  std::lock_guard lock(input_mu_);
  close_fd(stdin_fd_);
}

bool ContainerSession::claim_input() {
  std::lock_guard lock(mu_);
  if (input_claimed_) return false;
  input_claimed_ = true;
  return true;
}

std::optional<int> ContainerSession::wait_status(std::optional<milliseconds> wait) {
  std::unique_lock lock(mu_);
  auto done = [this] { return status_.has_value(); };
  if (wait)
    changed_.wait_for(lock, *wait, done);
  else
    changed_.wait(lock, done);
  return status_;
}

bool ContainerSession::finished() {
  std::lock_guard lock(mu_);
  return status_.has_value();
}

void ContainerSession::kill() {
  // Under the lock: the pump reaps under it too, so the pid cannot have been reused yet.
  std::lock_guard lock(mu_);
  if (!status_ && pid_ > 1) ::kill(-pid_, SIGKILL);
}

SessionRegistry::~SessionRegistry() {
  std::lock_guard lock(mu_);
  for (auto& [id, entry] : sessions_) entry.session->kill();
}

void SessionRegistry::add(const std::string& container_id,
                          std::shared_ptr<ContainerSession> session) {
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(sessions_, [now](const auto& item) {
    return now - item.second.added > kKeepFinished && item.second.session->finished();
  });
  sessions_[container_id] = Entry{std::move(session), now};
}

std::shared_ptr<ContainerSession> SessionRegistry::find(const std::string& container_id) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(container_id);
  return it == sessions_.end() ? nullptr : it->second.session;
}

}  // namespace dcos_local
