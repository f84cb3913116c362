#include "local/probe.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "local/process.hpp"

namespace dcos_local {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string errno_text(int err) {
  char buf[256];
  return ::strerror_r(err, buf, sizeof buf);  // GNU variant: thread-safe, returns the text
}

std::string duration_text(milliseconds timeout) {
  if (timeout.count() % 1000 == 0) return std::to_string(timeout.count() / 1000) + "s";
  return std::to_string(timeout.count()) + " ms";
}

// Milliseconds left for poll(); 0 once the deadline has passed.
int remaining(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Waits for events on fd, retrying on EINTR; false on timeout or poll failure.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd pfd{fd, events, 0};
    int n = ::poll(&pfd, 1, remaining(deadline));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Connects a non-blocking socket to host:port before the deadline; returns -1 and sets cause
// on failure. Tries every resolved address, as a real client would.
int connect_before(const std::string& host, int port, Clock::time_point deadline,
                   milliseconds timeout, std::string& cause) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* list = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (rc != 0) {
    cause = "cannot resolve " + host + ": " + ::gai_strerror(rc);
    return -1;
  }
  const std::string target = host + ":" + std::to_string(port);
  cause = "no address for " + target;
  int fd = -1;
  for (addrinfo* ai = list; ai != nullptr && fd < 0; ai = ai->ai_next) {
    int s =
        ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (s < 0) {
      cause = "cannot create socket: " + errno_text(errno);
      continue;
    }
    int err = 0;
    if (::connect(s, ai->ai_addr, ai->ai_addrlen) != 0) {
      err = errno;
      if (err == EINPROGRESS) {
        if (!wait_for(s, POLLOUT, deadline)) {
          err = ETIMEDOUT;
        } else {
          socklen_t len = sizeof err;
          if (::getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        }
      }
    }
    if (err == 0) {
      fd = s;
    } else {
      ::close(s);
      cause = err == ETIMEDOUT
                  ? "connecting to " + target + " timed out after " + duration_text(timeout)
                  : "cannot connect to " + target + ": " + errno_text(err);
    }
  }
  ::freeaddrinfo(list);
  return fd;
}

// Returns the numeric status from an HTTP status line, or -1 if it is not one.
int parse_status(const std::string& line) {
  if (line.rfind("HTTP/", 0) != 0) return -1;
  auto space = line.find(' ');
  if (space == std::string::npos || line.size() < space + 4) return -1;
  int status = 0;
  for (size_t i = space + 1; i < space + 4; ++i) {
    if (line[i] < '0' || line[i] > '9') return -1;
    status = status * 10 + (line[i] - '0');
  }
  return status;
}

}  // namespace

ProbeResult probe_tcp(const std::string& host, int port, milliseconds timeout) {
  std::string cause;
  int fd = connect_before(host, port, Clock::now() + timeout, timeout, cause);
  if (fd < 0) return {false, cause};
  ::close(fd);
  return {true, ""};
}

ProbeResult probe_http(const std::string& host, int port, const std::string& path,
                       milliseconds timeout, bool ignore_1xx) {
  const auto deadline = Clock::now() + timeout;
  std::string cause;
  int fd = connect_before(host, port, deadline, timeout, cause);
  if (fd < 0) return {false, cause};

  // IPv6 literals need brackets in the Host header.
  std::string authority = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  authority += ":" + std::to_string(port);
  const std::string request = "GET " + (path.empty() ? std::string("/") : path) +
                              " HTTP/1.1\r\nHost: " + authority +
                              "\r\nUser-Agent: dcos-local-health\r\nAccept: */*\r\n"
                              "Connection: close\r\n\r\n";
  const std::string late = "no answer within " + duration_text(timeout);
  size_t sent = 0;
  while (sent < request.size()) {
    if (!wait_for(fd, POLLOUT, deadline)) return ::close(fd), ProbeResult{false, late};
    // MSG_NOSIGNAL: a peer that hangs up must not SIGPIPE the whole server.
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno != EINTR && errno != EAGAIN) {
      cause = "cannot send request: " + errno_text(errno);
      return ::close(fd), ProbeResult{false, cause};
    }
    if (n > 0) sent += static_cast<size_t>(n);
  }

  // Only the status line matters, so stop reading at the first line break.
  std::string head;
  while (head.find("\r\n") == std::string::npos && head.size() < 4096) {
    if (!wait_for(fd, POLLIN, deadline)) return ::close(fd), ProbeResult{false, late};
    char buf[512];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      cause = "cannot read response: " + errno_text(errno);
      return ::close(fd), ProbeResult{false, cause};
    }
    head.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);

  int status = parse_status(head.substr(0, head.find("\r\n")));
  if (status < 0) return {false, "response is not HTTP"};
  if (status >= 200 && status < 400) return {true, ""};
  if (status < 200 && ignore_1xx) return {true, ""};
  return {false, "HTTP status " + std::to_string(status)};
}

ProbeResult probe_command(const std::string& shell_command, const std::string& cwd,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Spawned child = spawn_shell(SpawnSpec{shell_command, cwd, env, "/dev/null", "/dev/null"});
  if (child.pid < 0) return {false, child.error};

  // Wait for exit without reaping (WNOWAIT): while the zombie leader exists its pid cannot be
  // recycled, so the group kill below can only hit processes this check started.
  bool exited = false;
  for (;;) {
    siginfo_t info{};
    int rc = ::waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOHANG | WNOWAIT);
    // An error other than EINTR means there is nothing left to wait for.
    exited = (rc != 0 && errno != EINTR) || info.si_pid != 0;
    if (exited || Clock::now() >= deadline) break;
    std::this_thread::sleep_for(milliseconds(10));
  }
  signal_group(child.pid, SIGKILL);  // nothing a check starts may outlive it
  std::optional<ExitStatus> status;
  while (!(status = try_reap(child.pid))) std::this_thread::sleep_for(milliseconds(1));
  if (!exited) return {false, "timed out after " + duration_text(timeout)};
  if (status->signaled || status->code != 0) {
    return {false,
            status->signaled ? describe(*status) : "exit code " + std::to_string(status->code)};
  }
  return {true, ""};
}

}  // namespace dcos_local
