// Runs a program as a child process with a chosen environment and captures its output, so
// integration tests can drive the real `dcos` binary exactly as a user's shell would.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "support/harness.hpp"

namespace dcos::testing {

/// Starts `argv` with exactly `env` as its environment, stdin from `in_path` and stdout and
/// stderr into the files named; the child's pid.
inline pid_t spawn_process(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env,
                           const std::filesystem::path& in_path,
                           const std::filesystem::path& out_path,
                           const std::filesystem::path& err_path) {
  std::vector<std::string> env_strings;
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> env_pointers;
  for (auto& entry : env_strings) env_pointers.push_back(entry.data());
  env_pointers.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (auto& arg : args) arg_pointers.push_back(arg.data());
  arg_pointers.push_back(nullptr);
  pid_t child = ::fork();
  if (child == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    ::_exit(127);
  }
  return child;
}

/// The exit status of a finished child as a shell reports it: 128 + the signal that ended it.
inline int wait_status(pid_t child) {
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Runs `argv` with exactly `env` as its environment and `input` on stdin; stdout and stderr
/// are captured through files in a temporary folder.
inline Outcome run_process(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env,
                           const std::string& input = {}) {
  TempDir dir;
  const auto in_path = dir.path() / "stdin";
  const auto out_path = dir.path() / "stdout";
  const auto err_path = dir.path() / "stderr";
  write_file(in_path, input);
  Outcome outcome;
  outcome.status = wait_status(spawn_process(argv, env, in_path, out_path, err_path));
  outcome.out = read_file(out_path);
  outcome.err = read_file(err_path);
  return outcome;
}

/// A program running in the background (a followed log), with stdout and stderr going to files
/// the test reads while it runs. The destructor kills it if the test did not wait for it.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& env)
      : out_path_(dir_.path() / "stdout"), err_path_(dir_.path() / "stderr") {
    pid_ = spawn_process(argv, env, "/dev/null", out_path_, err_path_);
  }
  ~BackgroundProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  /// What it wrote so far.
  std::string out() const { return read_file(out_path_); }
  std::string err() const { return read_file(err_path_); }
  void signal(int number) const {
    if (pid_ > 0) ::kill(pid_, number);
  }
  /// Waits for it to end: its exit status, or 128 + the signal that ended it.
  int wait() {
    if (pid_ <= 0) return -1;
    const int status = wait_status(pid_);
    pid_ = -1;
    return status;
  }

 private:
  TempDir dir_;
  std::filesystem::path out_path_, err_path_;
  pid_t pid_ = -1;
};

}  // namespace dcos::testing
