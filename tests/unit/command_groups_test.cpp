// The group table (src/commands/groups.cpp) is the one list of top-level groups: help lists
// every row (and `help`), each row's register function builds verbs under its own word only.
#include <catch2/catch.hpp>
#include <set>

#include "commands/groups.hpp"
#include "support/harness.hpp"

using dcos::testing::Harness;

TEST_CASE("dcos --help lists every group of the table, and help") {
  Harness h;
  auto help = h.run({"--help"});
  REQUIRE(help.status == 0);
  for (const auto& group : dcos::command_groups()) {
    INFO(group.name);
    CHECK(help.out.find("\n    " + std::string(group.name) + "\n        " + group.summary + "\n") !=
          std::string::npos);
  }
  CHECK(help.out.find("\n    help\n        Show help for a command") != std::string::npos);
}

TEST_CASE("each group of the table has verbs of its own and its row's description") {
  for (const auto& group : dcos::command_groups()) {
    INFO(group.name);
    Harness h;
    auto help = h.run({group.name, "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.rfind(std::string(group.description) + "\n\n", 0) == 0);
    CHECK(help.out.find("\nCommands:\n") != std::string::npos);
    CHECK(help.out.find("Usage:\n    dcos " + std::string(group.name) + " [command]\n") !=
          std::string::npos);
  }
}

TEST_CASE("group names in the table are unique and do not clash with the frame's words") {
  std::set<std::string> names;
  for (const auto& group : dcos::command_groups()) {
    CHECK(names.insert(group.name).second);
    CHECK(std::string(group.name) != "help");
    CHECK(group.register_commands != nullptr);
  }
}
