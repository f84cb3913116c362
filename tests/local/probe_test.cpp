#include "local/probe.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace dcos_local;
using std::chrono::milliseconds;

namespace {

// A TCP listener on 127.0.0.1 with a kernel-chosen port.
struct Listener {
  int fd = -1;
  int port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port = ntohs(addr.sin_port);
  }
  ~Listener() {
    if (fd >= 0) ::close(fd);
  }
};

// A port nothing listens on: bind one, then close it again.
int closed_port() {
  Listener l;
  int port = l.port;
  ::close(l.fd);
  l.fd = -1;
  return port;
}

// Answers exactly one request with the given status line, recording what it received.
struct OneShotHttp {
  Listener listener;
  std::string request;
  std::thread thread;
  explicit OneShotHttp(std::string status_line) {
    thread = std::thread([this, status_line] {
      int conn = ::accept(listener.fd, nullptr, nullptr);
      if (conn < 0) return;
      char buf[2048];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(conn, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, static_cast<size_t>(n));
      }
      std::string reply = status_line + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
      ssize_t ignored = ::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL);
      (void)ignored;
      ::close(conn);
    });
  }
  // Joins the server thread, after which request holds everything it read.
  std::string received() {
    thread.join();
    return request;
  }
  ~OneShotHttp() {
    if (thread.joinable()) thread.join();
  }
};

}  // namespace

TEST_CASE("probe_tcp succeeds against a listening socket", "[local][probe]") {
  Listener l;
  ProbeResult result = probe_tcp("127.0.0.1", l.port, milliseconds(1000));
  CHECK(result.ok);
  CHECK(result.cause.empty());
}

TEST_CASE("probe_tcp fails on a closed port", "[local][probe]") {
  ProbeResult result = probe_tcp("127.0.0.1", closed_port(), milliseconds(1000));
  CHECK_FALSE(result.ok);
  CHECK(result.cause.find("refused") != std::string::npos);
}

TEST_CASE("probe_http is healthy on 200 and sends a proper request", "[local][probe]") {
  OneShotHttp server("HTTP/1.1 200 OK");
  ProbeResult result = probe_http("127.0.0.1", server.listener.port, "/health", milliseconds(2000));
  CHECK(result.ok);
  std::string request = server.received();
  CHECK(request.rfind("GET /health HTTP/1.1\r\n", 0) == 0);
  CHECK(request.find("\r\nHost: 127.0.0.1:") != std::string::npos);
  CHECK(request.find("\r\nConnection: close\r\n") != std::string::npos);
}

TEST_CASE("probe_http treats redirects as healthy", "[local][probe]") {
  OneShotHttp server("HTTP/1.1 302 Found");
  CHECK(probe_http("127.0.0.1", server.listener.port, "/", milliseconds(2000)).ok);
}

TEST_CASE("probe_http fails on 500", "[local][probe]") {
  OneShotHttp server("HTTP/1.1 500 Internal Server Error");
  ProbeResult result = probe_http("127.0.0.1", server.listener.port, "/", milliseconds(2000));
  CHECK_FALSE(result.ok);
  CHECK(result.cause.find("500") != std::string::npos);
}

TEST_CASE("probe_http counts 1xx as healthy only when told to ignore it", "[local][probe]") {
  {
    OneShotHttp server("HTTP/1.1 101 Switching Protocols");
    CHECK_FALSE(probe_http("127.0.0.1", server.listener.port, "/", milliseconds(2000)).ok);
  }
  OneShotHttp server("HTTP/1.1 101 Switching Protocols");
  CHECK(probe_http("127.0.0.1", server.listener.port, "/", milliseconds(2000), true).ok);
}

TEST_CASE("probe_http fails on a closed port", "[local][probe]") {
  ProbeResult result = probe_http("127.0.0.1", closed_port(), "/", milliseconds(1000));
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.cause.empty());
}

TEST_CASE("probe_http gives up on a server that never answers", "[local][probe]") {
  Listener silent;  // accepts in the kernel backlog but never replies
  auto start = std::chrono::steady_clock::now();
  ProbeResult result = probe_http("127.0.0.1", silent.port, "/", milliseconds(200));
  auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(result.ok);
  CHECK(took < milliseconds(1500));
}

TEST_CASE("probe_command passes on exit 0 and fails otherwise", "[local][probe]") {
  CHECK(probe_command("true", "/", {}, milliseconds(2000)).ok);
  ProbeResult failed = probe_command("exit 3", "/", {}, milliseconds(2000));
  CHECK_FALSE(failed.ok);
  CHECK(failed.cause == "exit code 3");
  CHECK(probe_command("test \"$CHECK_VAR\" = yes", "/", {{"CHECK_VAR", "yes"}}, milliseconds(2000))
            .ok);
}

TEST_CASE("probe_command times out and kills the command", "[local][probe]") {
  auto start = std::chrono::steady_clock::now();
  ProbeResult result = probe_command("sleep 5", "/", {}, milliseconds(200));
  auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(result.ok);
  CHECK(result.cause == "timed out after 200 ms");
  CHECK(took < milliseconds(2000));
}

TEST_CASE("probe_command is safe to run from several threads at once", "[local][probe]") {
  std::vector<std::string> causes(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < causes.size(); ++i) {
    threads.emplace_back([i, &causes] {
      causes[i] = probe_command("exit " + std::to_string(i + 1), "/", {}, milliseconds(5000)).cause;
    });
  }
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < causes.size(); ++i)
    CHECK(causes[i] == "exit code " + std::to_string(i + 1));
}

TEST_CASE("probe_command reports a missing cwd", "[local][probe]") {
  ProbeResult result = probe_command("true", "/no/such/dir", {}, milliseconds(2000));
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.cause.empty());
}
