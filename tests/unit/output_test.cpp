#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/output.hpp"

using dcos::Align;
using dcos::Table;

namespace {

std::string render(const Table& table, std::optional<int> width = std::nullopt) {
  std::ostringstream out;
  table.print(out, width);
  return out.str();
}

}  // namespace

TEST_CASE("table layout: the real CLI's two-space gaps, headers aligned like their cells") {
  // The real CLI (spec core-cli 1.5) centred headers and ended every line in two blanks; this
  // one aligns a header like its cells and ends lines at their last character (issue 13).
  Table table({"ID", "MEM", "CPUS", "TASKS", "HEALTH", "DEPLOYMENT", "WAITING", "CONTAINER", "CMD",
               "ROLE"});
  for (size_t c = 0; c < 10; ++c) table.set_align(c, Align::left);
  table.add_row(
      {"/web", "64", "0.5", "1/2", "---", "---", "false", "DOCKER", "sleep 10", "slave_public"});
  CHECK(
      render(table) ==
      "  ID    MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER  CMD       ROLE\n"
      "  /web  64   0.5   1/2    ---     ---         false    DOCKER     sleep 10  slave_public\n");
}

TEST_CASE("numbers are right-aligned and text left-aligned by default") {
  Table table({"name", "count", "version"});
  table.add_row({"a", "1,234", "2.1.0"});
  table.add_row({"bbbbbb", "7", "1.12"});
  CHECK(render(table) ==
        "  NAME    COUNT  VERSION\n"
        "  a       1,234  2.1.0\n"
        "  bbbbbb      7     1.12\n");
}

TEST_CASE("an empty table prints only its header") {
  Table table({"cluster_id"});
  CHECK(render(table) == "  CLUSTER ID\n");
}

TEST_CASE("headers: underscores and dots between letters become spaces") {
  CHECK(dcos::format_header("tasks_running") == "TASKS RUNNING");
  CHECK(dcos::format_header("resources.cpus") == "RESOURCES CPUS");
  CHECK(dcos::format_header("v1.2") == "V1.2");
}

TEST_CASE("multi-line cells make taller rows") {
  Table table({"a", "b"});
  table.add_row({"x\ny", "z"});
  CHECK(render(table) ==
        "  A  B\n"
        "  x  z\n"
        "  y\n");
}

TEST_CASE("text cells are cut with an ellipsis only when a terminal width is given") {
  Table table({{"id", dcos::ColumnKind::identifier}, {"cmd", dcos::ColumnKind::text}});
  table.add_row({"app", std::string(60, 'x')});
  std::string piped = render(table);
  CHECK(piped.find(std::string(60, 'x')) != std::string::npos);
  std::string narrow = render(table, 40);
  CHECK(narrow.find("…") != std::string::npos);
  std::istringstream lines(narrow);
  for (std::string line; std::getline(lines, line);) CHECK(dcos::display_width(line) <= 40);
}

TEST_CASE("display width counts code points") { CHECK(dcos::display_width("héllo…") == 6); }

TEST_CASE("JSON is indented by four spaces, ends with a newline and keeps unknown fields") {
  auto value = nlohmann::json::parse(R"({"id":"/a","extra":{"x":[1,2]}})");
  std::ostringstream out;
  dcos::write_json(out, value);
  CHECK(out.str() ==
        "{\n    \"extra\": {\n        \"x\": [\n            1,\n            2\n        ]\n    },\n"
        "    \"id\": \"/a\"\n}\n");
  CHECK(nlohmann::json::parse(out.str()) == value);
}

TEST_CASE("JSON output survives invalid UTF-8 from a server") {
  nlohmann::json value = std::string("bad \xff byte");
  std::ostringstream out;
  dcos::write_json(out, value);
  CHECK(nlohmann::json::parse(out.str()).is_string());
}

TEST_CASE("YAML output quotes strings that would read back as other types") {
  auto value = nlohmann::json::parse(
      R"({"id":"/a","instances":2,"flag":"true","version":"1.10","on":true,"empty":"","none":null,"list":[1,"x"]})");
  std::ostringstream out;
  dcos::write_yaml(out, value);
  const std::string text = out.str();
  CHECK(text.find("flag: \"true\"") != std::string::npos);
  CHECK(text.find("version: \"1.10\"") != std::string::npos);
  CHECK(text.find("instances: 2") != std::string::npos);
  CHECK(text.find("on: true") != std::string::npos);
  CHECK(text.find("empty: \"\"") != std::string::npos);
  CHECK(text.find("id: /a") != std::string::npos);
  CHECK(text.find("none: ~") != std::string::npos);
}

TEST_CASE("quiet output is one id per line") {
  std::ostringstream out;
  dcos::write_ids(out, {"/a", "/b"});
  CHECK(out.str() == "/a\n/b\n");
}
