// The real binary on a real terminal of 50, 80 and 160 columns (issue 13, point 3): stdout on a
// pseudo-terminal of that size, against dcos-local's demo apps. Identifiers stay whole, lines
// fit, and the same command in a pipe shows everything.
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;

namespace {

/// Runs `dcos <args>` with stdin, stdout and stderr on a terminal `columns` wide; returns what
/// appeared on it with the terminal's "\r\n" made "\n".
std::string on_terminal(const Cli& cli, int columns, std::vector<std::string> args) {
  winsize size{};
  size.ws_row = 50;
  size.ws_col = static_cast<unsigned short>(columns);
  int master = -1;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::clearenv();
    for (const auto& [name, value] : cli.env) ::setenv(name.c_str(), value.c_str(), 1);
    args.insert(args.begin(), DCOS_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::string screen;
  char buffer[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;  // EIO once the child has gone and the terminal is drained
    screen.append(buffer, static_cast<size_t>(n));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::string text;
  for (char c : screen)
    if (c != '\r') text += c;
  return text;
}

/// Columns a line takes: its UTF-8 code points.
size_t width_of(const std::string& line) {
  size_t width = 0;
  for (char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("marathon app list on terminals of 50, 80 and 160 columns keeps every id whole") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
  dcos::testing::eventually([&] {
    return cli.run({"marathon", "app", "list", "-q"}).out.find("/mesosphere/cd-demo-app") !=
           std::string::npos;
  });
  auto piped = cli.run({"marathon", "app", "list"});
  REQUIRE(piped.status == 0);
  const auto ids = lines_of(cli.run({"marathon", "app", "list", "-q"}).out);
  REQUIRE(ids.size() >= 3);
  // The pipe has everything, uncut and without blanks at the ends of lines.
  CHECK(piped.out.find("…") == std::string::npos);
  CHECK(piped.out.find(" \n") == std::string::npos);
  CHECK(piped.out.find("ROLE") != std::string::npos);

  for (int columns : {50, 80, 160}) {
    INFO(columns << " columns");
    const std::string shown = on_terminal(cli, columns, {"marathon", "app", "list"});
    INFO(shown);
    for (const auto& id : ids) CHECK(shown.find("  " + id + " ") != std::string::npos);
    // The longest id is 23 columns: from 80 on every line fits.
    if (columns >= 80)
      for (const auto& line : lines_of(shown))
        CHECK(width_of(line) <= static_cast<size_t>(columns));
    if (columns == 160) CHECK(shown.find("ROLE") != std::string::npos);
    if (columns == 80) CHECK(shown.find("CONTAINER") == std::string::npos);
    if (columns == 50) CHECK(shown.find("DEPLOYMENT") == std::string::npos);
  }
  // --wide on the narrowest terminal shows what the pipe shows.
  const std::string wide = on_terminal(cli, 50, {"marathon", "app", "list", "--wide"});
  CHECK(wide.find("ROLE") != std::string::npos);
  CHECK(wide.find("CONTAINER") != std::string::npos);
}
