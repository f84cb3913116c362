// Output written while a list is still being read (cli/streamed_output.hpp) is byte for byte
// what write_json writes for the whole list; the spill buffer gives back what it held, in
// order, from memory or from its temporary file.
#include "cli/streamed_output.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/output.hpp"

using nlohmann::json;

namespace {

std::string whole(const json& list) {
  std::ostringstream out;
  dcos::write_json(out, list);
  return out.str();
}

}  // namespace

TEST_CASE("streamed output: a JSON array written element by element equals write_json") {
  const std::vector<json> lists = {
      json::array(),
      json::array({1}),
      json::array({json::object(), json::array(), "x"}),
      json::array({{{"id", "a"},
                    {"statuses", {{{"state", "TASK_RUNNING"}, {"t", 1.5}}}},
                    {"labels", json::array()},
                    {"name", "caf\xc3\xa9 \"q\"\n"}},
                   {{"nested", {{"deeper", {{"list", {1, 2, {{"x", nullptr}}}}}}}}}}),
      json::array({std::string("bad \xff byte")}),
  };
  for (const auto& list : lists) {
    std::ostringstream out;
    dcos::JsonArrayWriter writer(out);
    for (const auto& element : list) writer.add(element);
    writer.finish();
    CHECK(out.str() == whole(list));
  }
}

TEST_CASE("streamed output: render_json at a depth indents every line after the first") {
  CHECK(dcos::render_json(json{{"a", 1}}, 0) == "{\n    \"a\": 1\n}");
  CHECK(dcos::render_json(json{{"a", 1}}, 2) == "{\n            \"a\": 1\n        }");
  CHECK(dcos::render_json(json("line\nbreak"), 3) == "\"line\\nbreak\"");
}

TEST_CASE("streamed output: a spill buffer gives back what it held, past its memory limit too") {
  dcos::SpillBuffer buffer(10);
  CHECK(buffer.empty());
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    const std::string piece = "piece " + std::to_string(i) + "\n";
    REQUIRE(buffer.append(piece).ok());
    expected += piece;
  }
  CHECK_FALSE(buffer.empty());
  std::ostringstream out;
  REQUIRE(buffer.write_to(out).ok());
  CHECK(out.str() == expected);
  CHECK(buffer.empty());
  // Used again after it has been emptied, and cleared.
  REQUIRE(buffer.append("0123456789abcdef").ok());
  REQUIRE(buffer.append("tail").ok());
  std::string drained;
  REQUIRE(buffer
              .drain([&](std::string_view piece) {
                drained += piece;
                return dcos::Status::success();
              })
              .ok());
  CHECK(drained == "0123456789abcdeftail");
  REQUIRE(buffer.append("0123456789abcdef").ok());
  buffer.clear();
  CHECK(buffer.empty());
  std::ostringstream none;
  REQUIRE(buffer.write_to(none).ok());
  CHECK(none.str().empty());
}

TEST_CASE("streamed output: a table's rows made on demand print as rows added") {
  const std::vector<std::vector<std::string>> rows = {
      {"web", "10.0.0.1", "12"}, {"a much longer name", "", "3"}, {"two\nlines", "h", "1,000"}};
  dcos::Table added({"NAME", "HOST", "COUNT"});
  for (const auto& row : rows) added.add_row(row);
  dcos::Table empty({"NAME", "HOST", "COUNT"});
  for (std::optional<int> width : {std::optional<int>(), std::optional<int>(24)}) {
    std::ostringstream a, b;
    added.print(a, width);
    empty.print_rows(
        b, rows.size(), [&](size_t i, std::vector<std::string>& cells) { cells = rows[i]; }, width);
    CHECK(a.str() == b.str());
  }
}

TEST_CASE("streamed output: a spill reader reads what is held, from file and memory, unchanged") {
  dcos::SpillBuffer buffer(100);
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    const std::string piece = std::to_string(i) + ",";
    REQUIRE(buffer.append(piece).ok());
    expected += piece;
  }
  REQUIRE(buffer.size() == expected.size());
  for (int pass = 0; pass < 2; ++pass) {
    dcos::SpillReader reader(buffer);
    std::string read;
    char chunk[7];
    for (;;) {
      auto got = reader.read(chunk, sizeof chunk);
      REQUIRE(got.ok());
      if (!*got) break;
      read.append(chunk, sizeof chunk);
    }
    CHECK(read == expected.substr(0, expected.size() / 7 * 7));
    // What is left is shorter than a chunk, and still there.
    auto rest = reader.read(chunk, expected.size() % 7);
    REQUIRE(rest.ok());
    CHECK(*rest);
  }
  // Appending after reading goes on at the end.
  REQUIRE(buffer.append("end").ok());
  std::ostringstream out;
  REQUIRE(buffer.write_to(out).ok());
  CHECK(out.str() == expected + "end");
}
