// The JSON Schema draft-4 library (src/jsonschema): the official JSON-Schema-Test-Suite, the
// messages a person reads, defaults and merge, deep input, and the 2015 Cassandra package's
// option schemas from ../shared.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "jsonschema/json_schema.hpp"
#include "support/harness.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// The cases of the suite this library does not run, each with its reason. An empty group
/// skips the whole file.
struct Skipped {
  const char* file;
  const char* group;
  const char* reason;
};
constexpr Skipped kSkipped[] = {
    {"refRemote.json", "", "every case loads schemas from a server: remote $refs are not followed"},
    {"definitions.json", "valid definition",
     "validates against the draft-4 meta-schema, a remote $ref (http://json-schema.org/…)"},
    {"definitions.json", "invalid definition",
     "validates against the draft-4 meta-schema, a remote $ref (http://json-schema.org/…)"},
    {"ref.json", "remote ref, containing refs itself",
     "validates against the draft-4 meta-schema, a remote $ref (http://json-schema.org/…)"},
};

const Skipped* skipped(const std::string& file, const std::string& group) {
  for (const Skipped& skip : kSkipped) {
    if (file == skip.file && (std::string(skip.group).empty() || group == skip.group)) return &skip;
  }
  return nullptr;
}

std::vector<std::string> described(const json& schema, const json& instance) {
  std::vector<std::string> lines;
  for (const auto& problem : jsonschema::validate(schema, instance)) {
    lines.push_back(jsonschema::describe(problem));
  }
  return lines;
}

std::string nested_arrays(size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

}  // namespace

TEST_CASE("the official draft-4 test suite: every verdict as expected", "[json_schema]") {
  fs::path suite = DCOS_JSON_SCHEMA_SUITE;
  std::error_code error;
  if (!fs::is_directory(suite, error)) {
    WARN(
        "skipped: the JSON-Schema-Test-Suite (Debian's json-schema-test-suite) is not installed at "
        << suite.string());
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(suite)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry);
  }
  std::sort(files.begin(), files.end());
  size_t run = 0;
  std::set<std::string> skips_seen;
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    for (const json& group : json::parse(dcos::testing::read_file(file))) {
      const std::string title = group.at("description").get<std::string>();
      if (const Skipped* skip = skipped(name, title)) {
        skips_seen.insert(std::string(skip->file) + "/" + skip->group);
        continue;
      }
      for (const json& test : group.at("tests")) {
        INFO(name << " / " << title << " / " << test.at("description").get<std::string>());
        auto problems = jsonschema::validate(group.at("schema"), test.at("data"));
        std::string first = problems.empty() ? "" : jsonschema::describe(problems.front());
        INFO("first problem: " << first);
        CHECK(problems.empty() == test.at("valid").get<bool>());
        ++run;
      }
    }
  }
  CHECK(run > 250);
  CHECK(skips_seen.size() == std::size(kSkipped));  // no stale entry in the skip list
}

TEST_CASE("problems read as a person would say them", "[json_schema]") {
  json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "cassandra": {
        "type": "object",
        "additionalProperties": false,
        "required": ["cluster-name"],
        "properties": {
          "cluster-name": {"type": "string"},
          "framework": {"type": "object"},
          "health-check-interval-seconds": {"type": "integer", "minimum": 15},
          "resources": {"type": "object", "properties": {"cpus": {"type": "number"}}}
        }
      },
      "ports": {"type": "array", "items": {"type": "integer"}},
      "mode": {"enum": ["fast", "safe", 3]}
    }
  })");
  json options = json::parse(R"({"cassandra": {"nodes": 3, "health-check-interval-seconds": 5,
    "resources": {"cpus": "3"}}, "ports": [1, 2, "x"], "mode": "slow"})");
  CHECK(described(schema, options) ==
        std::vector<std::string>{
            "cassandra: missing required option 'cluster-name'",
            "cassandra.health-check-interval-seconds: expected at least 15, got 5",
            "cassandra: unknown option 'nodes' (allowed: cluster-name, framework, "
            "health-check-interval-seconds, resources)",
            "cassandra.resources.cpus: expected a number, got string \"3\"",
            "mode: expected one of \"fast\", \"safe\", 3, got \"slow\"",
            "ports[2]: expected an integer, got string \"x\"",
        });
  auto problems = jsonschema::validate(schema, options);
  REQUIRE(problems.size() == 6);
  CHECK(problems[1].pointer == "/cassandra/health-check-interval-seconds");
  CHECK(problems[1].keyword == "minimum");
  CHECK(problems[1].schema_pointer ==
        "/properties/cassandra/properties/health-check-interval-seconds/minimum");

  CHECK(described(json::parse(R"({"minimum": 0, "exclusiveMinimum": true})"), 0) ==
        std::vector<std::string>{"(root): expected more than 0, got 0"});
  CHECK(described(json::parse(R"({"type": ["string", "null"]})"), true) ==
        std::vector<std::string>{"(root): expected a string or null, got boolean true"});
  CHECK(described(json::parse(R"({"anyOf": [{"type": "integer"}, {"minimum": 2}]})"), 1.5) ==
        std::vector<std::string>{"(root): expected any of: an integer | at least 2, got 1.5"});
  CHECK(described(json::parse(R"({"dependencies": {"tls": ["cert"]}})"), json{{"tls", true}}) ==
        std::vector<std::string>{"(root): option 'tls' requires option 'cert'"});
  CHECK(
      described(json::parse(R"({"properties": {"a b": {"type": "string"}}})"), json{{"a b", 1}}) ==
      std::vector<std::string>{"[\"a b\"]: expected a string, got number 1"});
}

TEST_CASE("lengths count code points; 1.0 is an integer", "[json_schema]") {
  json two = json::parse(R"({"maxLength": 2})");
  CHECK(jsonschema::validate(two, "日本").empty());
  CHECK(described(two, "日本語") ==
        std::vector<std::string>{
            "(root): expected at most 2 characters, got \"日本語\" (3 characters)"});
  CHECK(jsonschema::validate(json::parse(R"({"type": "integer"})"), json::parse("1.0")).empty());
  CHECK_FALSE(jsonschema::validate(json::parse(R"({"type": "integer"})"), 1.5).empty());
  CHECK(jsonschema::validate(json::parse(R"({"pattern": "^[a-z-]+$"})"), "cluster-name").empty());
  CHECK(jsonschema::validate(json::parse(R"({"pattern": "^[a-z-]+$"})"), std::string(4096, 'a'))
            .empty());
  CHECK(described(json::parse(R"({"pattern": "^[a-z-]+$"})"), std::string(100000, 'a')) ==
        std::vector<std::string>{"(root): expected a string of at most 4096 bytes to match against "
                                 "/^[a-z-]+$/, got \"" +
                                 std::string(60, 'a') + "…\" (100000 characters)"});
  CHECK(described(json::parse(R"({"pattern": "^[a-z-]+$"})"), "Dev") ==
        std::vector<std::string>{"(root): expected a string matching /^[a-z-]+$/, got \"Dev\""});
}

TEST_CASE("references: remote ones are listed and skipped, broken local ones are problems",
          "[json_schema]") {
  json schema = json::parse(R"({"properties": {
    "a": {"$ref": "http://example.com/other.json#/definitions/x"},
    "b": {"$ref": "#/definitions/missing"},
    "c": {"$ref": "#/definitions/port"}},
    "definitions": {"port": {"type": "integer", "maximum": 65535}}})");
  CHECK(jsonschema::remote_references(schema) ==
        std::vector<std::string>{"http://example.com/other.json#/definitions/x"});
  CHECK(jsonschema::validate(schema, json{{"a", "anything"}}).empty());
  CHECK(described(schema, json{{"b", 1}}) ==
        std::vector<std::string>{
            "b: expected a reference to a part of the schema, got \"#/definitions/missing\""});
  CHECK(described(schema, json{{"c", 70000}}) ==
        std::vector<std::string>{"c: expected at most 65535, got 70000"});
}

TEST_CASE("defaults: nested through properties, empty sections left out", "[json_schema]") {
  json schema = json::parse(R"({"type": "object", "properties": {
    "service": {"type": "object", "properties": {
      "name": {"type": "string", "default": "kafka"},
      "cpus": {"type": "number", "default": 1},
      "secret": {"type": "string"}}},
    "nothing": {"type": "object", "properties": {"x": {"type": "string"}}},
    "brokers": {"type": "array", "default": [1, 2]},
    "whole": {"type": "object", "default": {"a": 1}, "properties": {"b": {"default": 2}}}}})");
  CHECK(jsonschema::defaults(schema) ==
        json::parse(R"({"service": {"name": "kafka", "cpus": 1}, "brokers": [1, 2],
                        "whole": {"a": 1}})"));
  CHECK(jsonschema::defaults(json::parse(R"({"type": "string"})")) == json::object());
}

TEST_CASE("merge: objects key by key, anything else replaced", "[json_schema]") {
  json base = json::parse(R"({"a": {"b": 1, "c": [1, 2]}, "d": 1, "e": {"f": 1}})");
  json overlay = json::parse(R"({"a": {"c": [3], "g": true}, "d": {"x": 1}, "e": null})");
  CHECK(jsonschema::merge(base, overlay) ==
        json::parse(R"({"a": {"b": 1, "c": [3], "g": true}, "d": {"x": 1}, "e": null})"));
  CHECK(jsonschema::merge(base, json::object()) == base);
  CHECK(jsonschema::merge(json{{"a", 1}}, 5) == 5);
}

TEST_CASE("100,000 levels of nesting give a problem, not a crash", "[json_schema]") {
  json deep = json::parse(nested_arrays(100000));
  auto problems = jsonschema::validate(json::parse(R"({"items": {"$ref": "#"}})"), deep);
  REQUIRE_FALSE(problems.empty());
  CHECK(problems.back().keyword == "depth");
  CHECK(jsonschema::describe(problems.back()).find("at most 256 levels of nesting") !=
        std::string::npos);
  CHECK(jsonschema::validate(json::parse(R"({"type": "array"})"), deep).empty());

  json pair = json::parse("[" + nested_arrays(100000) + "," + nested_arrays(100000) + "]");
  CHECK(described(json::parse(R"({"uniqueItems": true})"), pair) ==
        std::vector<std::string>{"(root): expected unique items, got equal items [0] and [1]"});

  json loop = json::parse(R"({"$ref": "#"})");
  REQUIRE(jsonschema::validate(loop, 1).size() == 1);
  CHECK(jsonschema::validate(loop, 1)[0].keyword == "depth");
}

TEST_CASE("the talk's Cassandra options over each revision's defaults", "[json_schema]") {
  REQUIRE_SHARED();
  fs::path universe = dcos::testing::shared_dir() / "fixtures" / "cassandra" / "universe";
  fs::path options_file =
      dcos::testing::shared_dir() / "fixtures" / "cassandra" / "options" / "talk-options-dev.json";
  std::error_code error;
  if (!fs::is_directory(universe, error) || !fs::is_regular_file(options_file, error)) {
    WARN("skipped: ../shared/fixtures/cassandra has no universe/ or options/");
    return;
  }
  json options = json::parse(dcos::testing::read_file(options_file));
  size_t revisions = 0;
  for (const auto& version : fs::directory_iterator(universe)) {
    if (!version.is_directory()) continue;
    for (const auto& revision : fs::directory_iterator(version.path())) {
      fs::path config = revision.path() / "config.json";
      if (!fs::is_regular_file(config, error)) continue;
      ++revisions;
      INFO(config.string());
      json schema = json::parse(dcos::testing::read_file(config));
      json resolved = jsonschema::merge(jsonschema::defaults(schema), options);
      CHECK(resolved["cassandra"]["cluster-name"] == "dev");
      auto problems = described(schema, resolved);
      CHECK(problems.empty());
      for (const auto& line : problems) UNSCOPED_INFO(line);

      json wrong = options;
      wrong["cassandra"]["nodes"] = 3;
      wrong["cassandra"]["health-check-interval-seconds"] = 5;
      auto lines = described(schema, jsonschema::merge(jsonschema::defaults(schema), wrong));
      REQUIRE(lines.size() == 2);
      CHECK(lines[0] == "cassandra.health-check-interval-seconds: expected at least 15, got 5");
      CHECK(lines[1].rfind("cassandra: unknown option 'nodes' (allowed: ", 0) == 0);
      CHECK(lines[1].find("cluster-name") != std::string::npos);
    }
  }
  CHECK(revisions >= 2);
}
