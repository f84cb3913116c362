#include <catch2/catch.hpp>

#include "client/config.hpp"

using dcos::Config;
using dcos::ValueType;

namespace {

Config parsed(const std::string& text) {
  auto config = Config::parse(text, "test.toml");
  REQUIRE(config.ok());
  return std::move(config).value();
}

}  // namespace

TEST_CASE("config files written by the real CLI load with their types") {
  Config config = parsed(
      "\n[cluster]\n  name = \"fake-cluster\"\n\n[core]\n  dcos_acs_token = \"abc\"\n"
      "  dcos_url = \"http://127.0.0.1:18080\"\n  pagination = false\n  timeout = 180\n");
  CHECK(config.get("cluster.name") == "fake-cluster");
  CHECK(config.get("core.dcos_url") == "http://127.0.0.1:18080");
  CHECK(config.find("core.timeout")->type == ValueType::integer);
  CHECK(config.find("core.pagination")->type == ValueType::boolean);
  CHECK(config.get("core.pagination") == "false");
}

TEST_CASE("the file is written in the real CLI's layout") {
  Config config;
  REQUIRE(config.set("core.dcos_url", "http://127.0.0.1:18080"));
  REQUIRE(config.set("core.dcos_acs_token", "secret"));
  REQUIRE(config.set("core.timeout", "180"));
  REQUIRE(config.set("cluster.name", "fake-cluster"));
  CHECK(config.to_toml() ==
        "\n[cluster]\n  name = \"fake-cluster\"\n\n[core]\n  dcos_acs_token = \"secret\"\n"
        "  dcos_url = \"http://127.0.0.1:18080\"\n  timeout = 180\n");
}

TEST_CASE("top-level keys come first, nested tables are indented") {
  Config config;
  REQUIRE(config.set("foo", "bar"));
  REQUIRE(config.set("a.b.c", "1"));
  REQUIRE(config.set("a.x", "y"));
  CHECK(config.to_toml() == "foo = \"bar\"\n\n[a]\n  x = \"y\"\n\n  [a.b]\n    c = \"1\"\n");
  auto round_trip = Config::parse(config.to_toml(), "x");
  REQUIRE(round_trip.ok());
  CHECK(round_trip->values() == config.values());
}

TEST_CASE("strings with quotes, backslashes and newlines survive a round trip") {
  Config config;
  REQUIRE(config.set("test.escape", "a \"b\" \\c\nd\te"));
  auto round_trip = Config::parse(config.to_toml(), "x");
  REQUIRE(round_trip.ok());
  CHECK(round_trip->get("test.escape") == "a \"b\" \\c\nd\te");
}

TEST_CASE("set converts values by key type and rejects bad ones without changing anything") {
  Config config = parsed("[core]\ntimeout = 30\n");
  REQUIRE(config.set("core.timeout", "45"));
  CHECK(config.find("core.timeout")->type == ValueType::integer);

  auto bad = config.set("core.timeout", "abc");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "core.timeout expects a whole number of seconds, got \"abc\"");
  CHECK(config.get("core.timeout") == "45");

  REQUIRE(config.set("core.pagination", "False"));
  CHECK(config.find("core.pagination")->type == ValueType::boolean);
  CHECK(config.get("core.pagination") == "false");
  auto not_bool = config.set("core.reporting", "yes");
  REQUIRE_FALSE(not_bool.ok());
  CHECK(not_bool.error().message.find("core.reporting expects a boolean") == 0);

  REQUIRE(config.set("core.ssl_verify", "TRUE"));
  CHECK(config.get("core.ssl_verify") == "true");
  auto missing_ca = config.set("core.ssl_verify", "/nonexistent/ca.pem");
  REQUIRE_FALSE(missing_ca.ok());
  CHECK(missing_ca.error().message.find("/nonexistent/ca.pem") != std::string::npos);

  auto bad_url = config.set("core.dcos_url", "example.com");
  REQUIRE_FALSE(bad_url.ok());
  CHECK(bad_url.error().message.find("http:// or https://") != std::string::npos);

  auto bad_key = config.set("core..x", "1");
  REQUIRE_FALSE(bad_key.ok());
  CHECK(bad_key.error().kind == dcos::ErrorKind::usage);
}

TEST_CASE("changing core.dcos_url drops the token, setting the same URL keeps it") {
  Config config = parsed("[core]\ndcos_url = \"https://a.example\"\ndcos_acs_token = \"t\"\n");
  REQUIRE(config.set("core.dcos_url", "https://a.example"));
  CHECK(config.get("core.dcos_acs_token") == "t");
  REQUIRE(config.set("core.dcos_url", "https://b.example"));
  CHECK(config.find("core.dcos_acs_token") == nullptr);
}

TEST_CASE("unset reports whether the key existed, a section is not a key") {
  Config config = parsed("[core]\ndcos_url = \"https://a.example\"\ndcos_acs_token = \"t\"\n");
  CHECK(config.is_section("core"));
  CHECK_FALSE(config.unset("core"));
  CHECK_FALSE(config.unset("core.nothing"));
  CHECK(config.unset("core.dcos_url"));
  CHECK(config.values().empty());
}

TEST_CASE("malformed TOML gives an error naming the file and the line") {
  auto config = Config::parse("[core]\ndcos_url = \"http://x\"\ntimeout = = 3\n", "/d/dcos.toml");
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().kind == dcos::ErrorKind::config);
  CHECK(config.error().message.rfind("/d/dcos.toml:3:", 0) == 0);
}

TEST_CASE("JSON is not accepted as a config file") {
  CHECK_FALSE(Config::parse(R"({"core": {"dcos_url": "http://x"}})", "x").ok());
}

TEST_CASE("environment overrides apply to core.ssl_verify and core.timeout only") {
  Config config = parsed("[core]\ntimeout = 30\nssl_verify = \"true\"\ndcos_url = \"http://x\"\n");
  std::map<std::string, std::string> vars{
      {"DCOS_TIMEOUT", "5"}, {"DCOS_SSL_VERIFY", "false"}, {"DCOS_URL", "http://other"}};
  dcos::EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  CHECK(dcos::effective_value(config, "core.timeout", env) == "5");
  CHECK(dcos::effective_value(config, "core.ssl_verify", env) == "false");
  CHECK(dcos::effective_value(config, "core.dcos_url", env) == "http://x");
  CHECK_FALSE(dcos::effective_value(config, "core.ssh_user", env).has_value());
}

TEST_CASE("validate names each mistyped value") {
  Config config = parsed("[core]\ntimeout = \"soon\"\npagination = \"yes\"\n");
  auto problems = dcos::validate_config(config);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] == "core.dcos_url is not set");
  CHECK(problems[1] == "core.pagination should be a boolean");
  CHECK(problems[2] == "core.timeout should be an integer");
  CHECK(dcos::validate_config(parsed("[core]\ndcos_url = \"https://x\"\ntimeout = 5\n")).empty());
}
