// A child process whose stdout the test reads line by line while it runs (a followed log),
// with its stderr kept in a file, and which the test may interrupt like a user's Ctrl-C.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/harness.hpp"

namespace dcos::testing {

class Spawned {
 public:
  Spawned(std::vector<std::string> argv, const std::map<std::string, std::string>& env) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    err_path_ = dir_.path() / "stderr";
    std::vector<std::string> env_strings;
    for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp, args;
    for (auto& entry : env_strings) envp.push_back(entry.data());
    envp.push_back(nullptr);
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      int in = ::open("/dev/null", O_RDONLY);
      int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(in, STDIN_FILENO);
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      ::close(out[0]);
      ::execve(args[0], args.data(), envp.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_fd_ = out[0];
  }
  ~Spawned() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) ::close(out_fd_);
  }
  Spawned(const Spawned&) = delete;
  Spawned& operator=(const Spawned&) = delete;

  /// The next line of stdout (without its newline); nullopt at the end of the output or when
  /// none came within `patience` (a generous bound, only there so a broken build cannot hang).
  std::optional<std::string> line(std::chrono::seconds patience = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
      if (auto end = buffer_.find('\n'); end != std::string::npos) {
        std::string text = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return text;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      pollfd p{out_fd_, POLLIN, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) return std::nullopt;
      char piece[4096];
      ssize_t n = ::read(out_fd_, piece, sizeof piece);
      if (n <= 0) return std::nullopt;
      buffer_.append(piece, static_cast<size_t>(n));
    }
  }

  void signal(int number) { ::kill(pid_, number); }

  /// Waits for the exit; the status as a shell reports it.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string err() const { return read_file(err_path_); }

 private:
  TempDir dir_;
  std::filesystem::path err_path_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

}  // namespace dcos::testing
