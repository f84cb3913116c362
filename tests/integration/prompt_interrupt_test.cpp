// Ctrl-C, SIGTERM and empty answers at the login prompts, at a real terminal: the test runs
// dcos on a pseudo-terminal, types ^C (the line discipline raises SIGINT, as at a real
// terminal) and checks the exit status, where the error went, and that echo is back on.
#include <catch2/catch.hpp>

#include "support/local_cluster.hpp"
#include "support/process.hpp"
#include "support/terminal.hpp"

using dcos::testing::LocalCluster;
using dcos::testing::TempDir;
using dcos::testing::Terminal;
namespace fs = std::filesystem;

namespace {

/// True when `text` appears in `screen` as a line of its own (the terminal shows \r\n).
bool own_line(const std::string& screen, const std::string& text) {
  const size_t at = screen.find(text);
  if (at == std::string::npos || at == 0 || screen[at - 1] != '\n') return false;
  const size_t end = at + text.size();
  return end < screen.size() && (screen[end] == '\r' || screen[end] == '\n');
}

}  // namespace

TEST_CASE("at a terminal, one Ctrl-C at Username: ends setup at once with exit 130") {
  LocalCluster cluster({"--auth", "--user", "alice:pa55word"});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Username: "));
  term.interrupt();
  REQUIRE(term.wait_for("Error: interrupted"));
  CHECK(term.finish() == 130);
  CHECK(own_line(term.screen, "Error: interrupted"));
  CHECK(term.echo_on());
  CHECK(term.out.empty());
  CHECK_FALSE(fs::exists(home.path() / ".dcos" / "clusters"));
}

TEST_CASE("at a terminal, one Ctrl-C at Password: ends setup with echo back on") {
  LocalCluster cluster({"--auth", "--user", "alice:pa55word"});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Username: "));
  term.type("alice\n");
  REQUIRE(term.wait_for("Password: "));
  term.interrupt();
  REQUIRE(term.wait_for("Error: interrupted"));
  CHECK(term.finish() == 130);
  CHECK(own_line(term.screen, "Error: interrupted"));
  CHECK(term.echo_on());
  CHECK_FALSE(fs::exists(home.path() / ".dcos" / "clusters"));
}

TEST_CASE("at a terminal, SIGTERM at Password: ends dcos with exit 143 and echo back on") {
  LocalCluster cluster({"--auth", "--user", "alice:pa55word"});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Username: "));
  term.type("alice\n");
  REQUIRE(term.wait_for("Password: "));
  term.signal(SIGTERM);
  REQUIRE(term.wait_for("Error: terminated"));
  CHECK(term.finish() == 143);
  CHECK(own_line(term.screen, "Error: terminated"));
  CHECK(term.echo_on());
}

TEST_CASE("at a terminal, an empty Username: is asked again, three times at most") {
  LocalCluster cluster({"--auth", "--user", "alice:pa55word"});
  TempDir home;
  Terminal term({"cluster", "setup", cluster.url()}, home.path());
  REQUIRE(term.wait_for("Username: "));
  term.type("\n");
  REQUIRE(term.wait_for("Username: \r\nUsername: "));
  term.type("alice\n");
  REQUIRE(term.wait_for("Password: "));
  term.type("pa55word\n");
  CHECK(term.finish() == 0);

  TempDir other;
  Terminal empty({"cluster", "setup", cluster.url()}, other.path());
  REQUIRE(empty.wait_for("Username: "));
  empty.type("\n\n\n");
  REQUIRE(empty.wait_for("no user name was given"));
  CHECK(empty.finish() == 2);
  CHECK(empty.screen.find("Password: ") == std::string::npos);
}
