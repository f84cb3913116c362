// The shared list printer: which flags a verb gets, and which of its renderings is printed.
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/list_output.hpp"

using dcos::ListFlags;
using dcos::ListMode;
using dcos::ListRenderings;
using dcos::Result;
using dcos::Status;

namespace {

/// Parses `args` for a verb with the given help texts; returns the flags it set.
ListFlags parse(const dcos::ListFlagHelp& help, std::vector<std::string> args) {
  CLI::App app("list");
  ListFlags flags;
  dcos::Flags front(app);
  dcos::add_list_flags(front, flags, help);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last to first
  app.parse(args);
  return flags;
}

/// Renderings that each write a word, and record which was called.
ListRenderings renderings(std::ostream& out, std::vector<std::string>& called) {
  ListRenderings r;
  r.table = [&out, &called]() -> Status {
    called.push_back("table");
    out << "  ID  \n  a   \n";
    return Status::success();
  };
  r.json = [&called]() -> Result<nlohmann::json> {
    called.push_back("json");
    return nlohmann::json::array({{{"id", "a"}}});
  };
  r.ids = [&called]() -> Result<std::vector<std::string>> {
    called.push_back("ids");
    return std::vector<std::string>{"a", "b"};
  };
  return r;
}

}  // namespace

TEST_CASE("add_list_flags adds the flags a verb has help for, with that help") {
  const dcos::ListFlagHelp both{.json = "Print JSON", .quiet = "Print only the ids"};
  CHECK(parse(both, {}).json == false);
  CHECK(parse(both, {"--json"}).json);
  CHECK(parse(both, {"-q"}).quiet);
  CHECK(parse(both, {"--quiet"}).quiet);

  CLI::App app("list");
  ListFlags flags;
  dcos::Flags front(app);
  dcos::add_list_flags(front, flags, both);
  const std::string help = app.help();
  CHECK(help.find("Print JSON") != std::string::npos);
  CHECK(help.find("-q,--quiet") != std::string::npos);
  CHECK(help.find("Print only the ids") != std::string::npos);
  CHECK(help.find("--json") < help.find("--quiet"));

  // Most list verbs of the real CLI have only --json; `config keys` has only -q.
  CHECK_THROWS_AS(parse({.json = "Print JSON"}, {"-q"}), CLI::ParseError);
  CHECK_THROWS_AS(parse({.quiet = "Print only the key names"}, {"--json"}), CLI::ParseError);
  CHECK(parse({.quiet = "Print only the key names"}, {"-q"}).quiet);
}

TEST_CASE("list_mode: -q wins over --json, which wins over the table") {
  CHECK(dcos::list_mode({}) == ListMode::table);
  CHECK(dcos::list_mode({.json = true}) == ListMode::json);
  CHECK(dcos::list_mode({.quiet = true}) == ListMode::ids);
  CHECK(dcos::list_mode({.json = true, .quiet = true}) == ListMode::ids);
}

TEST_CASE("print_list prints only the form the flags ask for") {
  std::ostringstream out;
  std::vector<std::string> called;
  auto r = renderings(out, called);
  SECTION("table") {
    CHECK(dcos::print_list(out, out, {}, r).ok());
    CHECK(out.str() == "  ID  \n  a   \n");
    CHECK(called == std::vector<std::string>{"table"});
  }
  SECTION("json, indented by 4") {
    CHECK(dcos::print_list(out, out, {.json = true}, r).ok());
    CHECK(out.str() == "[\n    {\n        \"id\": \"a\"\n    }\n]\n");
    CHECK(called == std::vector<std::string>{"json"});
  }
  SECTION("ids, one per line, also beside --json") {
    CHECK(dcos::print_list(out, out, {.json = GENERATE(false, true), .quiet = true}, r).ok());
    CHECK(out.str() == "a\nb\n");
    CHECK(called == std::vector<std::string>{"ids"});
  }
}

TEST_CASE("print_list passes a rendering's error on and prints nothing for it") {
  std::ostringstream out;
  ListRenderings r;
  r.table = [] { return Status(dcos::Error::make(dcos::ErrorKind::generic, "no table")); };
  r.json = []() -> Result<nlohmann::json> {
    return dcos::Error::make(dcos::ErrorKind::server, "no json");
  };
  r.ids = []() -> Result<std::vector<std::string>> {
    return dcos::Error::make(dcos::ErrorKind::generic, "there are no deployments");
  };
  auto table = dcos::print_list(out, out, {}, r);
  REQUIRE(!table.ok());
  CHECK(table.error().message == "no table");
  auto json = dcos::print_list(out, out, {.json = true}, r);
  REQUIRE(!json.ok());
  CHECK(json.error().kind == dcos::ErrorKind::server);
  auto ids = dcos::print_list(out, out, {.quiet = true}, r);
  REQUIRE(!ids.ok());
  CHECK(ids.error().message == "there are no deployments");
  CHECK(out.str().empty());
}
