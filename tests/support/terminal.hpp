// A real terminal for integration tests: runs dcos with stdin and stderr on a pseudo-terminal
// and stdout on a pipe, so a test can answer its questions and check what went where.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace dcos::testing {

class Terminal {
 public:
  Terminal(std::vector<std::string> args, const std::filesystem::path& home) {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    std::string dcos_dir = (home / ".dcos").string();
    pid_ = ::forkpty(&master_, nullptr, nullptr, nullptr);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::setenv("DCOS_DIR", dcos_dir.c_str(), 1);
      ::setenv("HOME", home.c_str(), 1);
      for (const char* name : {"DCOS_USERNAME", "DCOS_PASSWORD", "DCOS_CLUSTER",
                               "DCOS_CLUSTER_SETUP_ACS_TOKEN", "DCOS_SSL_VERIFY"})
        ::unsetenv(name);
      args.insert(args.begin(), DCOS_BINARY);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
  }
  ~Terminal() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(master_);
    ::close(out_);
  }

  /// Reads the terminal until `text` has appeared (10 s at most); returns everything read.
  bool wait_for(const std::string& text) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (screen.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      pollfd p{master_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[512];
      ssize_t n = ::read(master_, buf, sizeof buf);
      if (n <= 0) return false;
      screen.append(buf, static_cast<size_t>(n));
    }
    return true;
  }
  void type(const std::string& text) {
    REQUIRE(::write(master_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }
  /// Waits for the exit status and collects stdout.
  int finish() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out_, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    // Drain what is left on the terminal.
    pollfd p{master_, POLLIN, 0};
    while (::poll(&p, 1, 50) > 0 && (n = ::read(master_, buf, sizeof buf)) > 0)
      screen.append(buf, static_cast<size_t>(n));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  /// Types Ctrl-C: the terminal's line discipline sends dcos SIGINT, as at a real terminal.
  void interrupt() { type("\x03"); }
  /// Sends dcos a signal directly (SIGTERM from a supervisor).
  void signal(int number) {
    if (pid_ > 0) ::kill(pid_, number);
  }
  /// Whether the terminal echoes what is typed (its modes as dcos left them, after it ended).
  bool echo_on() const {
    termios modes{};
    REQUIRE(::tcgetattr(master_, &modes) == 0);
    return (modes.c_lflag & ECHO) != 0;
  }

  std::string screen;  ///< what appeared on the terminal (stderr, and the echo of input)
  std::string out;     ///< stdout

 private:
  pid_t pid_ = -1;
  int master_ = -1;
  int out_ = -1;
};

}  // namespace dcos::testing
