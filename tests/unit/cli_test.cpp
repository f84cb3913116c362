#include <catch2/catch.hpp>

#include "support/harness.hpp"

using dcos::testing::Harness;

TEST_CASE("no arguments and --help print the top-level help on stdout") {
  Harness h;
  for (auto args : std::vector<std::vector<std::string>>{{}, {"--help"}, {"-h"}, {"help"}}) {
    auto result = h.run(args);
    CHECK(result.status == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find("Usage:\n    dcos [command]\n") != std::string::npos);
    CHECK(result.out.find("\n    config\n        Manage the DC/OS configuration file\n") !=
          std::string::npos);
    CHECK(result.out.find("--version") != std::string::npos);
    CHECK(result.out.find("--cluster <name|id>") != std::string::npos);
  }
}

TEST_CASE("groups and verbs have --help, a group without a verb prints its help") {
  Harness h;
  auto group = h.run({"config"});
  CHECK(group.status == 0);
  CHECK(group.out.find("Usage:\n    dcos config [command]\n") != std::string::npos);
  CHECK(group.out.find("    validate\n") != std::string::npos);
  auto verb = h.run({"config", "set", "--help"});
  CHECK(verb.status == 0);
  CHECK(verb.out.find("Usage:\n    dcos config set <name> <value> [flags]\n") != std::string::npos);
  CHECK(verb.out.find("Examples:\n") != std::string::npos);
  CHECK(h.run({"help", "config", "set"}).out == verb.out);
}

TEST_CASE("an unknown command exits 2 with a one-line error and a suggestion") {
  Harness h;
  auto result = h.run({"confg"});
  CHECK(result.status == 2);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "Error: unknown command \"confg\" for \"dcos\"\nHint: did you mean \"dcos config\"?\n");
  auto verb = h.run({"config", "shw"});
  CHECK(verb.status == 2);
  CHECK(verb.err.find("unknown command \"shw\" for \"dcos config\"") != std::string::npos);
  CHECK(verb.err.find("dcos config show") != std::string::npos);
}

TEST_CASE("unknown flags and wrong argument counts exit 2") {
  Harness h;
  auto flag = h.run({"config", "show", "--bogus"});
  CHECK(flag.status == 2);
  CHECK(flag.err.find("unknown flag \"--bogus\"") != std::string::npos);
  auto missing = h.run({"config", "set", "core.timeout"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("missing arguments for \"dcos config set\"") != std::string::npos);
  auto extra = h.run({"config", "show", "a", "b"});
  CHECK(extra.status == 2);
  CHECK(extra.err.find("too many arguments") != std::string::npos);
  auto help_topic = h.run({"help", "nope"});
  CHECK(help_topic.status == 2);
}

TEST_CASE("help exit-codes documents the exit codes") {
  Harness h;
  auto result = h.run({"help", "exit-codes"});
  CHECK(result.status == 0);
  CHECK(result.out.find("130") != std::string::npos);
  CHECK(result.out.find("authentication") != std::string::npos);
}

TEST_CASE("version flag without a cluster prints only the CLI version and makes no request") {
  Harness h;
  auto result = h.run({"--version"});
  CHECK(result.status == 0);
  CHECK(result.out.rfind("dcoscli.version=", 0) == 0);
  CHECK(std::count(result.out.begin(), result.out.end(), '\n') == 1);
  CHECK(h.http->requests.empty());
}

TEST_CASE("version flag with a cluster adds the cluster's version lines") {
  Harness h;
  h.add_cluster("c1", "[core]\ndcos_url = \"https://c.example\"\n");
  h.http->expect(
      "GET", "https://c.example/dcos-metadata/dcos-version.json", 200,
      R"({"version":"2.2.0","dcos-variant":"open","dcos-image-commit":"abc","bootstrap-id":"def"})");
  auto result = h.run({"--version"});
  CHECK(result.status == 0);
  CHECK(result.out.find("dcos.version=2.2.0\ndcos.variant=open\ndcos.commit=abc\n"
                        "dcos.bootstrap-id=def\n") != std::string::npos);
  CHECK(h.http->requests.front().timeout == std::chrono::seconds(3));
}

TEST_CASE("version flag with an unreachable cluster prints N/A") {
  Harness h;
  h.add_cluster("c1", "[core]\ndcos_url = \"https://c.example\"\n");
  h.http->expect("GET", "https://c.example/dcos-metadata/dcos-version.json",
                 dcos::Error::make(dcos::ErrorKind::network, "refused"));
  auto result = h.run({"--version"});
  CHECK(result.status == 0);
  CHECK(result.out.find("dcos.version=N/A\n") != std::string::npos);
}

TEST_CASE("global flags work after the command words") {
  Harness h;
  h.add_cluster("c1", "[core]\ndcos_url = \"https://c.example\"\n");
  auto result = h.run({"config", "set", "core.timeout", "9", "-v"});
  CHECK(result.status == 0);
  CHECK(result.err == "Config value core.timeout was set to 9\n");
}

TEST_CASE("deprecated --debug warns and still works") {
  Harness h;
  auto result = h.run({"--debug", "config", "keys", "-q"});
  CHECK(result.status == 0);
  CHECK(result.err.find("deprecated") != std::string::npos);
}

TEST_CASE("colour only on a terminal, and never with NO_COLOR") {
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;
  std::map<std::string, std::string> vars;
  dcos::EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  dcos::Terminal terminal;
  dcos::Context piped(out, err, in, terminal, env, [] { return nullptr; });
  CHECK_FALSE(piped.color());
  terminal.stdout_tty = true;
  dcos::Context tty(out, err, in, terminal, env, [] { return nullptr; });
  CHECK(tty.color());
  vars["NO_COLOR"] = "";
  CHECK_FALSE(tty.color());
}
