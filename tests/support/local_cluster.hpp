// Starts the real dcos-local binary on a free port for a test and stops it afterwards
// (SIGTERM, then a wait), so every integration test talks to a cluster over real HTTP.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dcos::testing {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class LocalCluster {
 public:
  /// `args` are extra dcos-local flags; --port 0 and -q are always given. Throws when the
  /// server does not print its URL within 10 s.
  explicit LocalCluster(std::vector<std::string> args = {}, bool quiet = true) {
    std::vector<std::string> argv = {DCOS_LOCAL_BINARY, "--port", "0"};
    if (quiet) argv.push_back("-q");
    argv.insert(argv.end(), args.begin(), args.end());
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::string pattern =
        (std::filesystem::temp_directory_path() / "dcos-local-log-XXXXXX").string();
    err_path_ = pattern;
    int fd = ::mkstemp(err_path_.data());
    if (fd >= 0) ::close(fd);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(err, STDERR_FILENO);
      ::close(out[0]);
      std::vector<char*> ptrs;
      for (auto& a : argv) ptrs.push_back(a.data());
      ptrs.push_back(nullptr);
      ::execv(ptrs[0], ptrs.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_fd_ = out[0];
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (line.find('\n') == std::string::npos) {
      pollfd p{out_fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
      char buf[256];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    if (line.find('\n') == std::string::npos) {
      stop();
      throw std::runtime_error("dcos-local did not start: " + slurp(err_path_));
    }
    url_ = line.substr(0, line.find('\n'));
    auto colon = url_.rfind(':');
    host_ = url_.substr(url_.find("//") + 2, colon - url_.find("//") - 2);
    port_ = std::stoi(url_.substr(colon + 1));
  }
  ~LocalCluster() {
    stop();
    std::error_code ignored;
    std::filesystem::remove(err_path_, ignored);
  }
  LocalCluster(const LocalCluster&) = delete;
  LocalCluster& operator=(const LocalCluster&) = delete;

  const std::string& url() const { return url_; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return slurp(err_path_); }

  /// SIGTERM and wait; returns the exit status (or -1 when already stopped).
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (out_fd_ >= 0) ::close(out_fd_);
    out_fd_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  std::string err_path_;
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string url_, host_;
  int port_ = 0;
};

}  // namespace dcos::testing
