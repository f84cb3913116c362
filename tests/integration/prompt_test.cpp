// Prompts at a real terminal: the test runs dcos with stdin and stderr on a pseudo-terminal and
// stdout on a pipe, answers the questions, and checks that they went to stderr, that the
// password was not echoed, and that stdout stayed clean.
#include <catch2/catch.hpp>

#include "support/local_cluster.hpp"
#include "support/process.hpp"
#include "support/terminal.hpp"
#include "support/test_pki.hpp"

using dcos::testing::LocalCluster;
using dcos::testing::TempDir;
using dcos::testing::Terminal;
using dcos::testing::TestCa;
using dcos::testing::write_pem;
namespace fs = std::filesystem;

TEST_CASE("at a terminal, setup asks for username and password on stderr without echo") {
  LocalCluster cluster({"--auth", "--user", "alice:pa55word"});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Username: "));
  term.type("alice\n");
  REQUIRE(term.wait_for("Password: "));
  term.type("pa55word\n");
  CHECK(term.finish() == 0);
  CHECK(term.out.empty());                                   // stdout carries data only
  CHECK(term.screen.find("alice") != std::string::npos);     // echoed
  CHECK(term.screen.find("pa55word") == std::string::npos);  // not echoed
  CHECK(fs::exists(home.path() / ".dcos" / "clusters"));
}

TEST_CASE("at a terminal, an unknown cluster CA is shown with its fingerprint and confirmed") {
  TempDir certs;
  TestCa ca;
  auto leaf = ca.issue({"IP:127.0.0.1"});
  auto ca_file = write_pem(certs.path() / "ca.pem", ca.pem().cert, 0644);
  auto cert = write_pem(certs.path() / "server.pem", leaf.cert, 0644);
  auto key = write_pem(certs.path() / "server.key", leaf.key, 0600);
  LocalCluster cluster({"--tls-cert", cert, "--tls-key", key, "--tls-ca", ca_file});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Do you trust it? [y/n]: "));
  CHECK(term.screen.find(ca.sha256_fingerprint()) != std::string::npos);
  CHECK(term.screen.find("dcos-test Root CA") != std::string::npos);
  term.type("yes\n");
  CHECK(term.finish() == 0);
  bool stored = false;
  for (const auto& dir : fs::directory_iterator(home.path() / ".dcos" / "clusters"))
    stored = fs::exists(dir.path() / "dcos_ca.crt");
  CHECK(stored);

  TempDir other;
  Terminal refuse({"cluster", "setup", cluster.url()}, other.path());
  REQUIRE(refuse.wait_for("Do you trust it? [y/n]: "));
  refuse.type("n\n");
  CHECK(refuse.finish() == 1);
  CHECK_FALSE(fs::exists(other.path() / ".dcos" / "clusters"));
}

TEST_CASE("at a terminal, marathon app add refuses to read a definition from it") {
  LocalCluster cluster;
  TempDir home;
  {
    Terminal setup({"cluster", "setup", cluster.url()}, home.path());
    REQUIRE(setup.finish() == 0);
  }
  Terminal term({"-v", "marathon", "app", "add"}, home.path());
  CHECK(term.finish() == 2);
  CHECK(term.out.empty());
  CHECK(term.screen.find("stdin is a terminal") != std::string::npos);
  CHECK(term.screen.find("dcos marathon app add < app.json") != std::string::npos);
  CHECK(term.screen.find("> GET") == std::string::npos);  // nothing was sent
}

TEST_CASE("at a terminal, --wait draws its progress on stderr; stdout keeps the data") {
  LocalCluster cluster({"--deploy-delay", "1500"});
  TempDir home;
  {
    Terminal setup({"cluster", "setup", cluster.url()}, home.path());
    REQUIRE(setup.finish() == 0);
  }
  dcos::testing::write_file(home.path() / "app.json",
                            R"({"id":"/slow","cmd":"sleep 300","cpus":0.1,"mem":16})");
  Terminal term({"marathon", "app", "add", (home.path() / "app.json").string(), "--wait"},
                home.path());
  REQUIRE(term.wait_for("Deployment "));
  CHECK(term.finish() == 0);
  CHECK(term.out.rfind("Created deployment ", 0) == 0);
  CHECK(term.out.find('\n') == term.out.size() - 1);
  CHECK(term.screen.find("\r\033[Kdeployment ") != std::string::npos);
  CHECK(term.screen.find("/slow 0/1 running") != std::string::npos);
  CHECK(term.screen.find(" finished in ") != std::string::npos);
}
