// A server that takes the connection and never answers: setup gives up after its own short
// limit and names the URL, and on a terminal dcos says what it is waiting for meanwhile.
#include <catch2/catch.hpp>

#include "support/cli_runner.hpp"
#include "support/silent_server.hpp"
#include "support/terminal.hpp"

using dcos::testing::Cli;
using dcos::testing::SilentServer;
using dcos::testing::TempDir;
using dcos::testing::Terminal;

TEST_CASE("setup against a server that never answers gives up after its probe limit") {
  SilentServer server;
  Cli cli;
  auto setup = cli.run({"cluster", "setup", server.url()});
  CHECK(setup.status == 1);
  CHECK(setup.out.empty());
  CHECK(setup.err.find("Error: no answer from " + server.url() + "/ within 10 s\n") !=
        std::string::npos);
  const size_t hint = setup.err.find("Hint: ");
  REQUIRE(hint != std::string::npos);
  CHECK(setup.err.find(server.url(), hint) != std::string::npos);
  CHECK(setup.err.find("core.timeout", hint) != std::string::npos);
  CHECK(setup.err.find("raise", hint) == std::string::npos);  // no advice to wait longer
  CHECK(setup.err.find("Waiting for") == std::string::npos);  // not a terminal: no notice
  CHECK(cli.cluster_dirs().empty());
}

TEST_CASE("at a terminal, a request without an answer says what it waits for") {
  SilentServer server;
  TempDir home;
  Terminal term({"cluster", "setup", server.url()}, home.path());
  REQUIRE(term.wait_for("Waiting for " + server.url() + "/ …"));
  term.interrupt();
  REQUIRE(term.wait_for("Error: interrupted"));
  CHECK(term.finish() == 130);
  CHECK(term.out.empty());
  // The notice is erased before the error is written.
  CHECK(term.screen.find("\r\033[KError: interrupted") != std::string::npos);
}
