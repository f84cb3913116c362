// The flags front and help (issue 13, points 5, 10 and 11): "did you mean" for flag typos,
// `--wait 30s` with a space, placeholders, help wrapped at the terminal's width, the global flags
// in a command's help, `dcos help help`, and every flag the real CLI's cluster, auth and config
// verbs take.
#include <catch2/catch.hpp>
#include <sstream>

#include "client/strings.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::Harness;

namespace {

const std::string& kMarathon = dcos::testing::kMarathonUrl;

/// The lines of `section` ("Options:") in `help`, up to the blank line ending it.
std::vector<std::string> section_lines(const std::string& help, const std::string& section) {
  std::vector<std::string> lines;
  size_t at = help.find("\n" + section + "\n");
  if (at == std::string::npos) return lines;
  std::istringstream in(help.substr(at + section.size() + 2));
  for (std::string line; std::getline(in, line) && !line.empty();) lines.push_back(line);
  return lines;
}

/// Help of `args` (ending in --help) on a terminal `width` columns wide.
std::string help_at(const std::vector<std::string>& args, int width) {
  Harness h;
  h.terminal.stdout_tty = true;
  h.terminal.width = width;
  auto result = h.run(args);
  REQUIRE(result.status == 0);
  return result.out;
}

}  // namespace

TEST_CASE("a mistyped flag exits 2 with the flag it was probably meant to be") {
  Harness h;
  auto json = h.run({"config", "show", "--jsno"});
  CHECK(json.status == 2);
  CHECK(json.err ==
        "Error: unknown flag \"--jsno\" for \"dcos config show\"\n"
        "Hint: did you mean \"--json\"?\n");
  auto force = h.run({"marathon", "app", "update", "/x", "cmd=true", "--forc"});
  CHECK(force.status == 2);
  CHECK(force.err.find("Hint: did you mean \"--force\"?") != std::string::npos);
  // With a value, and a global flag (--cluster) mistyped after a verb.
  auto valued = h.run({"cluster", "setup", "https://x", "--nmae=prod"});
  CHECK(valued.err.find("did you mean \"--name\"?") != std::string::npos);
  auto global = h.run({"config", "show", "--clustr", "c1"});
  CHECK(global.err.find("did you mean \"--cluster\"?") != std::string::npos);
  // One dash for two: the flag with two.
  auto dash = h.run({"config", "show", "-json"});
  CHECK(dash.err.find("did you mean \"--json\"?") != std::string::npos);
  // Nothing close, or a short flag (every letter is one edit from another): the usage hint.
  for (const char* far : {"--bogus", "-x"}) {
    auto out = h.run({"config", "show", far});
    CHECK(out.status == 2);
    CHECK(out.err.find("Hint: run 'dcos config show --help' for usage") != std::string::npos);
  }
}

TEST_CASE("A --wait flag takes its duration as the next word too, as --wait=<duration>") {
  ClusterHarness h;
  const char* hello = R"({"app":{"id":"/demo/hello","instances":2,"tasksRunning":2,
    "version":"v1","deployments":[]}})";
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, hello);
  h.http->expect("PUT", kMarathon + "/v2/apps/demo/hello", 200, R"({"deploymentId":"d1"})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, "[]");
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 200, hello);
  // The flag before the properties, and a duration with a space: both read as --wait=30s.
  auto out = h.run({"marathon", "app", "update", "/demo/hello", "--wait", "30s", "cmd=true"});
  INFO(out.err);
  CHECK(out.status == 0);
  CHECK(out.out == "Created deployment d1\n");
}

TEST_CASE("A --wait flag followed by a word that is no duration leaves the word as an argument") {
  ClusterHarness h;
  // `--wait` then the app id: the id stays the positional argument, --wait takes its default.
  h.http->expect("GET", kMarathon + "/v2/apps/demo/hello", 404, R"({"message":"no"})");
  auto out = h.run({"marathon", "app", "restart", "--wait", "/demo/hello"});
  CHECK(out.status == 3);
  // A bare number stays an argument (--wait=90 is the form for seconds): one too many here.
  auto bare = h.run({"marathon", "app", "restart", "/demo/hello", "--wait", "90"});
  CHECK(bare.status == 2);
  CHECK(bare.err.find("too many arguments") != std::string::npos);
}

TEST_CASE("options that take a value show a placeholder in help") {
  Harness h;
  auto kill = h.run({"marathon", "app", "kill", "--help"});
  CHECK(kill.out.find("    --host <agent>\n") != std::string::npos);
  auto setup = h.run({"cluster", "setup", "--help"});
  // A placeholder of its own, or one made from the option's name.
  CHECK(setup.out.find("    --name <name>\n") != std::string::npos);
  CHECK(setup.out.find("    --password-env <var>\n") != std::string::npos);
  CHECK(setup.out.find("    --ca-certs <file>\n") != std::string::npos);
  CHECK(setup.out.find("    --insecure\n") != std::string::npos);  // a flag has none
  auto update = h.run({"marathon", "app", "update", "--help"});
  CHECK(update.out.find("    --wait[=<duration>]\n") != std::string::npos);
}

TEST_CASE("help wraps option texts at the terminal's width") {
  for (int width : {50, 80, 160}) {
    const std::string help = help_at({"cluster", "setup", "--help"}, width);
    INFO("width " << width << "\n" << help);
    auto options = section_lines(help, "Options:");
    REQUIRE_FALSE(options.empty());
    for (const auto& line : options) CHECK(static_cast<int>(line.size()) <= width);
    for (const auto& line : section_lines(help, "Global Flags:"))
      CHECK(static_cast<int>(line.size()) <= width);
    // The description, too: no line wider than the terminal.
    std::istringstream text(help.substr(0, help.find("\nUsage:")));
    for (std::string line; std::getline(text, line);) CHECK(static_cast<int>(line.size()) <= width);
    // Wide terminals keep a long option text on one line.
    const bool one_line =
        help.find(
            "Trust the CA certificate downloaded from the cluster without "
            "showing it for confirmation (the real CLI's flag);") != std::string::npos;
    CHECK(one_line == (width == 160));
  }
  // Piped, help is laid out for 80 columns.
  Harness piped;
  CHECK(piped.run({"cluster", "setup", "--help"}).out ==
        help_at({"cluster", "setup", "--help"}, 80));
}

TEST_CASE("a command's help lists the global flags; the top level's does not repeat them") {
  Harness h;
  auto show = h.run({"config", "show", "--help"});
  auto globals = section_lines(show.out, "Global Flags:");
  std::string joined;
  for (const auto& line : globals) joined += line + "\n";
  CHECK(joined.find("    -v\n") != std::string::npos);
  CHECK(joined.find("    --cluster <name|id>\n") != std::string::npos);
  CHECK(joined.find("    --version\n") != std::string::npos);
  CHECK(joined.find("--help") == std::string::npos);  // the command's own, under Options
  auto group = h.run({"marathon", "--help"});
  CHECK(group.out.find("\nGlobal Flags:\n") != std::string::npos);
  auto root = h.run({"--help"});
  CHECK(root.out.find("Global Flags:") == std::string::npos);
}

TEST_CASE("help is listed in the top-level help, and has help of its own") {
  Harness h;
  auto root = h.run({"--help"});
  CHECK(root.out.find("\n    help\n        Show help for a command") != std::string::npos);
  auto help = h.run({"help", "help"});
  INFO(help.err);
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage:\n    dcos help [<command>...|exit-codes] [flags]\n") !=
        std::string::npos);
  CHECK(h.run({"help", "--help"}).out == help.out);
}

TEST_CASE("The --no-check and --yes flags say what they do and how they differ") {
  Harness h;
  auto setup = h.run({"cluster", "setup", "--help"});
  CHECK(setup.out.find("Same as --no-check") != std::string::npos);
  CHECK(setup.out.find("unlike --insecure") != std::string::npos);
  auto install = h.run({"package", "install", "--help"});
  CHECK(install.out.find("there is no --no-check") != std::string::npos);
}

TEST_CASE("every flag of the real CLI's cluster, auth and config verbs is accepted") {
  // From spec/dcos-cli.md, sections 1.5 and 2. `cluster link` and `cluster unlink` (whole verbs,
  // not flags) are listed in the README as left out on purpose.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> verbs = {
      {{"config", "keys"}, {"-q", "--quiet"}},
      {{"config", "set"}, {}},
      {{"config", "show"}, {}},
      {{"config", "unset"}, {}},
      {{"cluster", "setup"},
       {"--ca-certs", "--insecure", "--no-check", "--name", "--no-timeout", "--provider",
        "--username", "--password", "--password-file", "--private-key", "--password-env"}},
      {{"cluster", "list"}, {"--attached", "--json"}},
      {{"cluster", "attach"}, {}},
      {{"cluster", "rename"}, {}},
      {{"cluster", "remove"}, {"--all", "--unavailable"}},
      {{"cluster", "open"}, {}},
      {{"auth", "login"},
       {"--provider", "--username", "--password", "--password-file", "--private-key"}},
      {{"auth", "logout"}, {}},
      {{"auth", "list-providers"}, {"--json"}},
  };
  Harness h;
  for (const auto& [words, flags] : verbs) {
    auto args = words;
    args.push_back("--help");
    auto help = h.run(args);
    INFO(dcos::join(words, " ") << "\n" << help.out << help.err);
    REQUIRE(help.status == 0);
    for (const auto& flag : flags) {
      INFO(flag);
      const bool listed = help.out.find("\n    " + flag + "\n") != std::string::npos ||
                          help.out.find("\n    " + flag + " <") != std::string::npos ||
                          help.out.find("\n    " + flag + ", ") != std::string::npos ||
                          help.out.find(", " + flag + "\n") != std::string::npos;
      CHECK(listed);
    }
  }
  // The hidden --names of cluster list (used by completion) is accepted too.
  CHECK(h.run({"cluster", "list", "--names"}).status == 0);
}
