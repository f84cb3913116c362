// dcos-local's start-up (issue 13, points 11 and 13): a port in use or an unusable --work-dir is
// one line with the system's reason and a non-zero exit; requests are logged only when asked;
// --help and --version look like dcos's own.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server_test_support.hpp"
#include "support/temp_dir.hpp"

using namespace dcos::testing;

namespace {

/// A TCP socket listening on 127.0.0.1 on a free port, closed when it goes.
class HeldPort {
 public:
  HeldPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd_, 1) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~HeldPort() { ::close(fd_); }
  HeldPort(const HeldPort&) = delete;
  HeldPort& operator=(const HeldPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

size_t count_lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("a port in use is one line with the system's reason, exit 1", "[local][startup]") {
  HeldPort held;
  RunResult run = run_local({"--port", std::to_string(held.port())});
  INFO(run.err);
  CHECK(run.status == 1);
  CHECK(run.out.empty());
  CHECK(run.err == "dcos-local: cannot listen on 127.0.0.1:" + std::to_string(held.port()) +
                       ": Address already in use\n");
  CHECK(run.leftovers.empty());
}

TEST_CASE("a --work-dir that is a file, or under one, is refused at start", "[local][startup]") {
  TempDir dir;
  const auto file = dir.path() / "not-a-folder";
  std::ofstream(file) << "x";
  for (const auto& work : {file, file / "below"}) {
    RunResult run = run_local({"--port", "0", "--work-dir", work.string()});
    INFO(run.err);
    CHECK(run.status == 1);
    CHECK(run.out.empty());  // no URL: it never served
    CHECK(count_lines(run.err) == 1);
    CHECK(run.err.find("dcos-local: cannot use --work-dir " + work.string() + ": ") == 0);
    const bool reason = run.err.find("Not a directory") != std::string::npos ||
                        run.err.find("File exists") != std::string::npos;
    CHECK(reason);
  }
}

TEST_CASE("requests are logged on stderr only with --log-requests", "[local][startup]") {
  for (bool asked : {false, true}) {
    std::vector<std::string> args;
    if (asked) args.push_back("--log-requests");
    LocalCluster cluster(args, /*quiet=*/false);
    auto cli = client_for(cluster);
    REQUIRE(get_json(cli, marathon("/v2/info"))["name"] == "marathon");
    cluster.stop();
    const std::string log = cluster.log();
    INFO(log);
    CHECK((log.find("GET /service/marathon/v2/info 200") != std::string::npos) == asked);
  }
}

TEST_CASE("dcos-local --help and --version in the style of dcos", "[local][startup]") {
  RunResult help = run_local({"--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("\nUsage:\n    dcos-local [flags]\n") != std::string::npos);
  CHECK(help.out.find("\nOptions:\n") != std::string::npos);
  CHECK(help.out.find("\n    --port <port>\n        TCP port; 0 picks a free one\n") !=
        std::string::npos);
  CHECK(help.out.find("\n    -q, --quiet\n") != std::string::npos);
  CHECK(help.out.find("\n    --log-requests\n") != std::string::npos);
  std::istringstream lines(help.out);
  for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 80);  // piped: 80

  RunResult version = run_local({"--version"});
  CHECK(version.status == 0);
  CHECK(version.out.find("dcos-local.version=") == 0);
  CHECK(version.out.find("\ndcos.version=") != std::string::npos);
  CHECK(version.leftovers.empty());  // nothing started
}
