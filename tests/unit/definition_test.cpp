#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/definition.hpp"
#include "client/resolve.hpp"

using dcos::ErrorKind;
using dcos::parse_definition;
using dcos::parse_properties;
using dcos::property_value;
using nlohmann::json;

TEST_CASE("a JSON definition is parsed as JSON and a bad one points at line and column") {
  auto app = parse_definition("  {\"id\": \"/a\", \"instances\": 2}\n", "app.json");
  REQUIRE(app.ok());
  CHECK(*app == json({{"id", "/a"}, {"instances", 2}}));

  auto bad = parse_definition("{\n  \"id\": \"/a\",\n  \"cmd\": \"x\" \"y\"\n}", "app.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::invalid);
  CHECK(bad.error().message.rfind("app.json: line 3, column ", 0) == 0);
  CHECK(bad.error().message.find("invalid JSON") != std::string::npos);
  CHECK(bad.error().message.find('\n') == std::string::npos);

  auto truncated = parse_definition("{\"id\": \"/a\",", "stdin");
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().message.rfind("stdin: line 1, column ", 0) == 0);
}

TEST_CASE("a YAML definition is typed like YAML 1.2: quoted scalars stay text") {
  auto app = parse_definition(
      "id: /demo/hello\n"
      "instances: 2\n"
      "cpus: 0.5\n"
      "cmd: 'sleep 100'\n"
      "port: \"8080\"\n"
      "healthy: true\n"
      "note: yes\n"
      "nothing: ~\n"
      "args: [a, 1]\n"
      "labels:\n  tier: web\n",
      "app.yaml");
  REQUIRE(app.ok());
  CHECK((*app)["id"] == "/demo/hello");
  CHECK((*app)["instances"] == 2);
  CHECK((*app)["instances"].is_number_integer());
  CHECK((*app)["cpus"] == 0.5);
  CHECK((*app)["cmd"] == "sleep 100");
  CHECK((*app)["port"] == "8080");
  CHECK((*app)["healthy"] == true);
  CHECK((*app)["note"] == "yes");
  CHECK((*app)["nothing"].is_null());
  CHECK((*app)["args"] == json({"a", 1}));
  CHECK((*app)["labels"]["tier"] == "web");
}

TEST_CASE("bad YAML, empty input and a lone value are one-line errors") {
  auto bad = parse_definition("id: /x\ncmd: [a\nfoo: 1\n", "app.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.rfind("app.yaml: line ", 0) == 0);
  CHECK(bad.error().message.find("invalid YAML") != std::string::npos);

  auto empty = parse_definition(" \n\t", "stdin");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "stdin is empty: expected a JSON or YAML definition");

  auto scalar = parse_definition("just text", "stdin");
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().kind == ErrorKind::invalid);
}

TEST_CASE("properties are typed as the real CLI types them") {
  CHECK(property_value("3") == 3);
  CHECK(property_value("-2") == -2);
  CHECK(property_value("0.25") == 0.25);
  CHECK(property_value("TRUE") == true);
  CHECK(property_value("false") == false);
  CHECK(property_value("null").is_null());
  CHECK(property_value("[1,\"a\"]") == json({1, "a"}));
  CHECK(property_value("{\"KEY\":\"/value\"}") == json({{"KEY", "/value"}}));
  CHECK(property_value("'sleep 100'") == "sleep 100");
  CHECK(property_value("\"42\"") == 42);
  CHECK(property_value("https://example.com/x") == "https://example.com/x");
  CHECK(property_value("[not json") == "[not json");
  CHECK(property_value("") == "");

  auto object = parse_properties({"cpus=1", "mem=20", "cmd='sleep 100'", "env={\"A\":\"b=c\"}"});
  REQUIRE(object.ok());
  CHECK(*object == json({{"cpus", 1}, {"mem", 20}, {"cmd", "sleep 100"}, {"env", {{"A", "b=c"}}}}));
}

TEST_CASE("a property without '=' or given twice is refused") {
  auto missing = parse_properties({"cpus"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "'cpus' is not a property: write it as key=value");
  auto twice = parse_properties({"cpus=1", "'cpus'=2"});
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().message == "the key 'cpus' is given more than once");
}

TEST_CASE("ids resolve exactly, then by unique prefix, else the candidates are listed") {
  std::vector<std::string> ids = {"web.instance-1", "web.instance-12", "api.instance-3"};
  CHECK(*dcos::resolve_id("web.instance-1", ids, "task") == "web.instance-1");
  CHECK(*dcos::resolve_id("api", ids, "task") == "api.instance-3");
  auto several = dcos::resolve_id("web", ids, "task");
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().kind == ErrorKind::ambiguous);
  CHECK(several.error().message == "'web' matches 2 tasks: web.instance-1, web.instance-12");
  auto none = dcos::resolve_id("db", ids, "task");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == ErrorKind::not_found);
  CHECK(none.error().message == "task 'db' does not exist");
}

TEST_CASE("a pattern that is no prefix resolves as a glob, then as a part of the id") {
  std::vector<std::string> ids = {"web.1a", "web.2b", "api.3c", "api.3c"};
  CHECK(*dcos::resolve_id("*.2?", ids, "task") == "web.2b");
  CHECK(*dcos::resolve_id("3c", ids, "task") == "api.3c");  // listed twice, still one task
  CHECK(*dcos::resolve_index("1a", ids, "task") == 0);
  auto glob = dcos::resolve_id("web.*", ids, "task");
  REQUIRE_FALSE(glob.ok());
  CHECK(glob.error().kind == ErrorKind::ambiguous);
  CHECK(glob.error().message == "'web.*' matches 2 tasks: web.1a, web.2b");
  auto part = dcos::resolve_id("b", ids, "task");
  REQUIRE_FALSE(part.ok());
  CHECK(part.error().kind == ErrorKind::ambiguous);
  CHECK(dcos::id_matches("web.1a", "eb."));
  CHECK(dcos::id_matches("web.1a", "w*a"));
  CHECK_FALSE(dcos::id_matches("web.1a", "x*"));
  CHECK(dcos::id_matches("anything", ""));
}
