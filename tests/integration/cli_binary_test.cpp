// Integration tests: the real build/dcos binary, its exit codes and streams, its config files
// on disk, and its HTTP requests to a listener on 127.0.0.1.
#include <sys/stat.h>

#include <httplib.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <mutex>
#include <thread>

#include "support/cli_runner.hpp"
#include "support/local_server.hpp"
#include "support/process.hpp"

using dcos::testing::Cli;
using dcos::testing::read_file;
using dcos::testing::TempDir;

namespace {

/// A stand-in for the cluster's Admin Router: serves the version document and records the
/// Authorization header it was sent.
class VersionServer {
 public:
  VersionServer() {
    server.Get("/slow/dcos-metadata/dcos-version.json",
               [](const httplib::Request&, httplib::Response& response) {
                 std::this_thread::sleep_for(std::chrono::milliseconds(2900));
                 response.set_content("{}", "application/json");
               });
    server.Get("/dcos-metadata/dcos-version.json", [this](const httplib::Request& request,
                                                          httplib::Response& response) {
      std::lock_guard lock(seen_lock_);
      seen_authorization_ = request.get_header_value("Authorization");
      seen_user_agent_ = request.get_header_value("User-Agent");
      response.set_content(
          R"({"version":"2.2.5","dcos-variant":"open","dcos-image-commit":"c0ffee","bootstrap-id":"b00t"})",
          "application/json");
    });
    running = std::make_unique<dcos::testing::ServerThread>(server);
  }
  std::string url() const { return running->url(); }
  // Read on the test's thread, written on the server's: the lock makes that an ordered exchange.
  std::string seen_authorization() {
    std::lock_guard lock(seen_lock_);
    return seen_authorization_;
  }
  std::string seen_user_agent() {
    std::lock_guard lock(seen_lock_);
    return seen_user_agent_;
  }

  httplib::Server server;
  std::unique_ptr<dcos::testing::ServerThread> running;

 private:
  std::mutex seen_lock_;
  std::string seen_authorization_;
  std::string seen_user_agent_;
};

}  // namespace

TEST_CASE("binary: help goes to stdout with exit 0") {
  Cli cli;
  auto result = cli.run({});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out.find("Usage:\n    dcos [command]") != std::string::npos);
  CHECK(cli.run({"config", "--help"}).out.find("dcos config [command]") != std::string::npos);
}

TEST_CASE("binary: unknown commands and flags exit 2 with one error line and a hint") {
  Cli cli;
  auto command = cli.run({"clustr"});
  CHECK(command.status == 2);
  CHECK(command.out.empty());
  CHECK(command.err.rfind("Error: unknown command \"clustr\" for \"dcos\"\n", 0) == 0);
  auto flag = cli.run({"--frobnicate"});
  CHECK(flag.status == 2);
  CHECK(flag.err.rfind("Error: unknown flag \"--frobnicate\"", 0) == 0);
}

TEST_CASE("binary: --version needs no cluster and makes no request") {
  Cli cli;
  auto result = cli.run({"--version"});
  CHECK(result.status == 0);
  CHECK(result.out.rfind("dcoscli.version=", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(cli.home.path() / ".dcos"));
}

TEST_CASE("binary: --version asks the cluster over HTTP, -vv never shows the token") {
  VersionServer server;
  Cli cli;
  cli.add_cluster(
      "6a1d9c2e-0000-4000-8000-000000000001",
      "[core]\ndcos_url = \"" + server.url() + "\"\ndcos_acs_token = \"tok-SECRET-42\"\n");
  auto result = cli.run({"-vv", "--version"});
  CHECK(result.status == 0);
  CHECK(result.out.find("dcos.version=2.2.5\ndcos.variant=open\ndcos.commit=c0ffee\n"
                        "dcos.bootstrap-id=b00t\n") != std::string::npos);
  CHECK(server.seen_authorization() == "token=tok-SECRET-42");
  CHECK(server.seen_user_agent().rfind("dcos-cli/", 0) == 0);
  CHECK(server.seen_user_agent().find(" linux") != std::string::npos);
  CHECK(result.err.find("> GET " + server.url() + "/dcos-metadata/dcos-version.json") !=
        std::string::npos);
  CHECK(result.err.find("Authorization: ***") != std::string::npos);
  CHECK(result.err.find("tok-SECRET-42") == std::string::npos);
  CHECK(result.out.find("tok-SECRET-42") == std::string::npos);
}

TEST_CASE("binary: --version with an unreachable cluster prints N/A quickly") {
  std::string url;
  {
    VersionServer closed;
    url = closed.url();
  }
  Cli cli;
  cli.add_cluster("6a1d9c2e-0000-4000-8000-000000000002", "[core]\ndcos_url = \"" + url + "\"\n");
  auto result = cli.run({"--version"});
  CHECK(result.status == 0);
  CHECK(result.out.find("dcos.version=N/A") != std::string::npos);
}

TEST_CASE("binary: config set and show round-trip through a 0600 file") {
  Cli cli;
  auto dir =
      cli.add_cluster("6a1d9c2e-0000-4000-8000-000000000003",
                      "[core]\ndcos_url = \"https://c.example\"\ndcos_acs_token = \"tok\"\n");
  CHECK(cli.run({"config", "set", "core.timeout", "30"}).status == 0);
  CHECK(cli.run({"config", "show", "core.timeout"}).out == "30\n");
  auto all = cli.run({"config", "show"});
  CHECK(all.out.find("core.dcos_acs_token ********\n") != std::string::npos);
  CHECK(all.out.find("tok\n") == std::string::npos);
  struct stat info {};
  REQUIRE(::stat((dir / "dcos.toml").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  auto bad = cli.run({"config", "set", "core.pagination", "maybe"});
  CHECK(bad.status == 1);
  CHECK(bad.err == "Error: core.pagination expects a boolean (true or false), got \"maybe\"\n");
  CHECK(read_file(dir / "dcos.toml").find("maybe") == std::string::npos);
}

TEST_CASE("binary: help exit-codes") {
  Cli cli;
  auto result = cli.run({"help", "exit-codes"});
  CHECK(result.status == 0);
  CHECK(result.out.find("130") != std::string::npos);
}

TEST_CASE("binary: Ctrl-C during a request exits 130 at once") {
  VersionServer server;
  Cli cli;
  cli.add_cluster("6a1d9c2e-0000-4000-8000-000000000004",
                  "[core]\ndcos_url = \"" + server.url() + "/slow\"\n");
  TempDir output;
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int err = ::open((output.path() / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err, STDERR_FILENO);
    int out = ::open("/dev/null", O_WRONLY);
    ::dup2(out, STDOUT_FILENO);
    std::string home = "DCOS_DIR=" + (cli.home.path() / ".dcos").string();
    char* env[] = {home.data(), nullptr};
    char* argv[] = {const_cast<char*>(DCOS_BINARY), const_cast<char*>("--version"), nullptr};
    ::execve(argv[0], argv, env);
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the request is in flight
  auto interrupted_at = std::chrono::steady_clock::now();
  ::kill(child, SIGINT);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(std::chrono::steady_clock::now() - interrupted_at < std::chrono::milliseconds(1800));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(read_file(output.path() / "stderr") == "Error: interrupted\n");
}
