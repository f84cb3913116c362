// The packages dcos-local bundles (src/local/universe/<name>/<revision>/, Universe's source
// layout): every file parses, package.json has the fields Universe requires, the defaults of
// config.json satisfy config.json, and the template renders, with the defaults, to a Marathon
// app that runs a local process. With ../shared, each package is also checked against
// Universe's own schemas. The rendering here follows Cosmos's rules (mustache without HTML
// escaping, strings JSON-escaped without quotes) closely enough to check the templates.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <kainjow/mustache.hpp>

#include "client/base64.hpp"
#include "jsonschema/json_schema.hpp"
#include "support/harness.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;
namespace mustache = kainjow::mustache;

struct Package {
  std::string name;
  std::string revision;
  fs::path dir;
};

std::vector<Package> bundled_packages() {
  std::vector<Package> packages;
  for (const auto& name : fs::directory_iterator(DCOS_BUNDLED_UNIVERSE)) {
    if (!name.is_directory()) continue;
    for (const auto& revision : fs::directory_iterator(name.path())) {
      if (revision.is_directory()) {
        packages.push_back({name.path().filename().string(), revision.path().filename().string(),
                            revision.path()});
      }
    }
  }
  std::sort(packages.begin(), packages.end(),
            [](const Package& a, const Package& b) { return a.dir < b.dir; });
  return packages;
}

/// The file as JSON, or null when it is absent.
json optional_json(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return nullptr;
  return json::parse(dcos::testing::read_file(file));
}

/// A JSON value as mustache data, the way Cosmos renders: strings JSON-escaped without their
/// quotes (kept inside arrays), integral numbers as integers, empty strings and null falsy.
mustache::data to_mustache(const json& value, bool in_array = false) {
  switch (value.type()) {
    case json::value_t::object: {
      mustache::data object{mustache::data::type::object};
      for (auto member = value.begin(); member != value.end(); ++member) {
        object.set(member.key(), to_mustache(*member));
      }
      return object;
    }
    case json::value_t::array: {
      mustache::list items;
      for (const json& item : value) items.push_back(to_mustache(item, true));
      return mustache::data{items};
    }
    case json::value_t::string: {
      if (value.get_ref<const std::string&>().empty()) return mustache::data{false};
      std::string text = value.dump();
      return mustache::data{in_array ? text : text.substr(1, text.size() - 2)};
    }
    case json::value_t::boolean:
      return mustache::data{value.get<bool>()};
    case json::value_t::null:
      return mustache::data{false};
    default:
      return mustache::data{value.dump()};
  }
}

/// The app that installing `package` with `options` would create (before Cosmos's labels).
json render(const Package& package, const json& options) {
  json config = optional_json(package.dir / "config.json");
  json resource = optional_json(package.dir / "resource.json");
  json merged =
      config.is_null() ? options : jsonschema::merge(jsonschema::defaults(config), options);
  json context =
      jsonschema::merge(merged, json{{"resource", resource.is_null() ? json::object() : resource}});
  mustache::mustache tmpl{dcos::testing::read_file(package.dir / "marathon.json.mustache")};
  tmpl.set_custom_escape([](const std::string& text) { return text; });
  INFO(tmpl.error_message());
  REQUIRE(tmpl.is_valid());
  std::string text = tmpl.render(to_mustache(context));
  INFO(text);
  REQUIRE(tmpl.is_valid());
  json app = json::parse(text, nullptr, false);
  REQUIRE_FALSE(app.is_discarded());
  return app;
}

std::vector<std::string> described(const json& schema, const json& instance) {
  std::vector<std::string> lines;
  for (const auto& problem : jsonschema::validate(schema, instance)) {
    lines.push_back(jsonschema::describe(problem));
  }
  return lines;
}

Package bundled(const std::string& name) {
  for (const Package& package : bundled_packages()) {
    if (package.name == name) return package;
  }
  FAIL("no bundled package " << name);
  return {};
}

}  // namespace

TEST_CASE("every bundled package is well formed", "[bundled_packages]") {
  auto packages = bundled_packages();
  REQUIRE(packages.size() >= 2);
  const std::regex name_pattern("^[a-z][a-z0-9-]*[a-z0-9]$");
  const std::regex version_pattern("^[-a-zA-Z0-9.]+$");
  const std::regex tag_pattern("^[^\\s]+$");
  for (const Package& package : packages) {
    INFO(package.dir.string());
    CHECK(std::regex_match(package.name, name_pattern));
    CHECK(std::regex_match(package.revision, std::regex("^(0|[1-9][0-9]*)$")));

    json definition = optional_json(package.dir / "package.json");
    REQUIRE(definition.is_object());
    for (const char* field : {"packagingVersion", "name", "version", "maintainer", "description"}) {
      INFO(field);
      REQUIRE(definition.contains(field));
      CHECK(definition[field].is_string());
      CHECK_FALSE(definition[field].get<std::string>().empty());
    }
    const std::string packaging = definition["packagingVersion"];
    CHECK((packaging == "2.0" || packaging == "3.0" || packaging == "4.0"));
    CHECK(definition["name"] == package.name);
    CHECK(std::regex_match(definition["version"].get<std::string>(), version_pattern));
    REQUIRE(definition.contains("tags"));
    REQUIRE(definition["tags"].is_array());
    for (const json& tag : definition["tags"]) {
      CHECK((tag.is_string() && std::regex_match(tag.get<std::string>(), tag_pattern)));
    }
    CHECK_FALSE(definition.contains("releaseVersion"));  // the revision folder gives it
    if (packaging == "2.0") CHECK(fs::is_regular_file(package.dir / "marathon.json.mustache"));

    json config = optional_json(package.dir / "config.json");
    if (!config.is_null()) {
      CHECK(config.value("type", "") == "object");
      CHECK(jsonschema::remote_references(config).empty());
      json defaults = jsonschema::defaults(config);
      std::vector<std::string> problems = described(config, defaults);
      for (const auto& line : problems) UNSCOPED_INFO(line);
      CHECK(problems.empty());
    }

    json resource = optional_json(package.dir / "resource.json");
    if (!resource.is_null()) {
      CHECK(resource.is_object());
      // dcos-local runs no containers and fetches nothing: no images, no downloads.
      CHECK(resource.value("/assets/container/docker"_json_pointer, json::object()).empty());
      CHECK(resource.value("/assets/uris"_json_pointer, json::object()).empty());
    }

    if (fs::is_regular_file(package.dir / "marathon.json.mustache")) {
      json app = render(package, json::object());
      CHECK(app.value("id", "") != "");
      CHECK((app.contains("cmd") || app.contains("args")));
      CHECK_FALSE(app.contains("/container/docker/image"_json_pointer));
      json labels = app.value("labels", json::object());
      for (const auto& label : labels.items()) CHECK(label.value().is_string());
      if (definition.value("framework", false)) {
        CHECK(app.value("/labels/DCOS_PACKAGE_FRAMEWORK_NAME"_json_pointer, "") != "");
      }
    }
  }
}

TEST_CASE("bundled packages satisfy Universe's own schemas", "[bundled_packages]") {
  REQUIRE_SHARED();
  fs::path schemas = dcos::testing::shared_dir() / "fixtures" / "universe" / "schema";
  json definitions = optional_json(schemas / "vX-repo-definitions.json");
  json config_schema = optional_json(schemas / "config-schema.json");
  if (definitions.is_null() || config_schema.is_null()) {
    WARN("skipped: ../shared/fixtures/universe/schema is incomplete");
    return;
  }
  for (const Package& package : bundled_packages()) {
    INFO(package.dir.string());
    json repo_entry = optional_json(package.dir / "package.json");
    repo_entry["releaseVersion"] = std::stoi(package.revision);
    for (const char* member : {"config", "resource"}) {
      json part = optional_json(package.dir / (std::string(member) + ".json"));
      if (!part.is_null()) repo_entry[member] = part;
    }
    if (fs::is_regular_file(package.dir / "marathon.json.mustache")) {
      repo_entry["marathon"]["v2AppMustacheTemplate"] =
          dcos::base64_encode(dcos::testing::read_file(package.dir / "marathon.json.mustache"));
    }
    std::string version = repo_entry["packagingVersion"];
    json schema = definitions;
    schema["$ref"] = "#/v" + version.substr(0, 1) + version.substr(2, 1) + "Package";
    for (const auto& line : described(schema, repo_entry)) UNSCOPED_INFO(line);
    CHECK(jsonschema::validate(schema, repo_entry).empty());
    if (repo_entry.contains("config")) {
      for (const auto& line : described(config_schema, repo_entry["config"])) UNSCOPED_INFO(line);
      CHECK(jsonschema::validate(config_schema, repo_entry["config"]).empty());
    }
  }
}

TEST_CASE("kafka: options shape the scheduler app, and wrong ones read well",
          "[bundled_packages]") {
  Package kafka = bundled("kafka");
  json app = render(kafka, json::object());
  CHECK(app["id"] == "kafka");
  CHECK(app["labels"] == json{{"DCOS_PACKAGE_FRAMEWORK_NAME", "kafka"},
                              {"DCOS_SERVICE_NAME", "kafka"},
                              {"MARATHON_SINGLE_INSTANCE_APP", "true"}});
  CHECK(app["env"]["BROKER_COUNT"] == "3");
  CHECK(app["env"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "true");
  CHECK(app["healthChecks"][0]["protocol"] == "COMMAND");

  app = render(kafka, json::parse(R"({"service": {"name": "events", "cpus": 0.25},
    "brokers": {"count": 1}, "kafka": {"auto_create_topics_enable": false}})"));
  CHECK(app["id"] == "events");
  CHECK(app["cpus"] == 0.25);
  CHECK(app["labels"]["DCOS_PACKAGE_FRAMEWORK_NAME"] == "events");
  CHECK(app["env"]["BROKER_COUNT"] == "1");
  CHECK(app["env"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false");

  json config = optional_json(kafka.dir / "config.json");
  json wrong =
      json::parse(R"({"service": {"nodes": 1, "name": "Kafka"}, "brokers": {"count": 0}})");
  CHECK(described(config, jsonschema::merge(jsonschema::defaults(config), wrong)) ==
        std::vector<std::string>{
            "brokers.count: expected at least 1, got 0",
            "service.name: expected a string matching /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, got "
            "\"Kafka\"",
            "service: unknown option 'nodes' (allowed: cpus, log-level, mem, name)",
        });
}

TEST_CASE("marathon-lb: a public-agent app whose ports follow bind-http-https",
          "[bundled_packages]") {
  Package lb = bundled("marathon-lb");
  json app = render(lb, json::object());
  CHECK(app["id"] == "marathon-lb");
  CHECK(app["acceptedResourceRoles"] == json::array({"slave_public"}));
  CHECK(app["portDefinitions"].size() == 4);
  CHECK(app["env"]["HAPROXY_GROUP"] == "external");
  CHECK(app["upgradeStrategy"]["minimumHealthCapacity"] == 0.5);

  app = render(lb, json::parse(R"({"marathon-lb": {"name": "internal-lb", "role": "*",
    "haproxy-group": "internal", "bind-http-https": false}})"));
  CHECK(app["id"] == "internal-lb");
  CHECK(app["acceptedResourceRoles"] == json::array({"*"}));
  REQUIRE(app["portDefinitions"].size() == 2);
  CHECK(app["portDefinitions"][0]["name"] == "stats");
  CHECK(app["env"]["BIND_HTTP_HTTPS"] == "false");

  json config = optional_json(lb.dir / "config.json");
  json wrong = json::parse(R"({"marathon-lb": {"cpus": "2", "instances": 1.5}})");
  CHECK(described(config, jsonschema::merge(jsonschema::defaults(config), wrong)) ==
        std::vector<std::string>{
            "marathon-lb.cpus: expected a number, got string \"2\"",
            "marathon-lb.instances: expected an integer, got number 1.5",
        });
}
