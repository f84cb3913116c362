// `dcos package` against dcos-local's Cosmos over HTTP, for every bundled package: search (table
// and Cosmos's JSON), describe and its parts, the --render dry run, install --yes, list and
// uninstall --yes, with Marathon's app list as the witness of what was installed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/base64.hpp"
#include "support/package_cluster.hpp"

using dcos::testing::Bundled;
using dcos::testing::PackageCluster;
using dcos::testing::table_header;
using dcos::testing::table_rows;
using nlohmann::json;

namespace {

/// The app id each bundled package installs under with its default options.
std::map<std::string, std::string> default_app_ids() {
  return {{"cassandra", "/cassandra/dcos"},
          {"hello-world", "/hello-world"},
          {"kafka", "/kafka"},
          {"marathon-lb", "/marathon-lb"}};
}

/// A rendered app's id as Marathon will have it (templates may leave out the leading slash).
std::string absolute(const json& id) {
  const std::string text = id.is_string() ? id.get<std::string>() : "";
  return text.rfind('/', 0) == 0 ? text : "/" + text;
}

std::string search_description(const std::string& text) {
  return text.size() >= 80 ? text.substr(0, 76) + "..." : text;
}

std::string list_description(const std::string& text) {
  std::string cut = text.substr(0, text.find('\n'));
  if (cut.size() < text.size()) cut += "...";
  return cut.size() > 70 ? cut.substr(0, 66) + "..." : cut;
}

/// The leaf options of a config schema, as `a.b.c` paths.
void option_paths(const json& schema, const std::string& prefix, std::vector<std::string>& out) {
  if (!schema.contains("properties")) return;
  for (const auto& [name, property] : schema["properties"].items()) {
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    if (property.contains("properties") && !property["properties"].empty()) {
      option_paths(property, path, out);
    } else {
      out.push_back(path);
    }
  }
}

/// What `install --yes` prints on stderr for `package`.
std::string install_messages(const Bundled& bundled) {
  const json& p = bundled.package;
  const bool selected = p.value("selected", false);
  std::string text;
  if (!selected)
    text +=
        "This is a Community service. Community services are not tested for production "
        "environments. There may be bugs, incomplete features, incorrect documentation, or "
        "other discrepancies.\n";
  text +=
      "By Deploying, you agree to the Terms and Conditions "
      "https://mesosphere.com/catalog-terms-conditions/#" +
      std::string(selected ? "certified-services" : "community-services") + "\n";
  if (p.contains("preInstallNotes")) text += p["preInstallNotes"].get<std::string>() + "\n";
  text += "Installing Marathon app for package [" + bundled.name + "] version [" + bundled.version +
          "]\n";
  if (p.contains("postInstallNotes")) text += p["postInstallNotes"].get<std::string>() + "\n";
  return text;
}

}  // namespace

TEST_CASE("the package tests know every bundled package", "[package]") {
  std::set<std::string> bundled, known;
  for (const auto& [name, package] : dcos::testing::bundled_packages()) bundled.insert(name);
  for (const auto& [name, id] : default_app_ids()) known.insert(name);
  CHECK(bundled == known);
}

TEST_CASE("package search lists every bundled package as a table and as Cosmos's JSON",
          "[package]") {
  PackageCluster c;
  auto packages = dcos::testing::bundled_packages();

  auto as_json = c.run({"package", "search", "--json"});
  REQUIRE(as_json.status == 0);
  CHECK(as_json.err.empty());
  CHECK(as_json.out.rfind("{\n    \"packages\": [\n", 0) == 0);  // 4-space indent
  json found = json::parse(as_json.out);
  REQUIRE(found.size() == 1);
  REQUIRE(found["packages"].size() == packages.size());
  std::vector<std::string> order;
  for (const json& entry : found["packages"]) {
    const std::string name = entry.at("name");
    INFO(name);
    REQUIRE(packages.count(name) == 1);
    const json& p = packages[name].package;
    order.push_back(name);
    CHECK(entry["currentVersion"] == packages[name].version);
    CHECK(entry["versions"].contains(packages[name].version));
    CHECK(entry["description"] == p["description"]);
    CHECK(entry["framework"] == p.value("framework", false));
    CHECK(entry["selected"] == p.value("selected", false));
    CHECK(entry["tags"] == p["tags"]);
  }

  auto table = c.run({"package", "search"});
  REQUIRE(table.status == 0);
  CHECK(table.err.empty());
  CHECK(table_header(table.out) ==
        std::vector<std::string>{"NAME", "VERSION", "CERTIFIED", "FRAMEWORK", "DESCRIPTION"});
  auto rows = table_rows(table.out);
  REQUIRE(rows.size() == packages.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const Bundled& b = packages[order[i]];
    INFO(b.name);
    CHECK(rows[i][0] == b.name);  // Cosmos's order
    CHECK(rows[i][1] == b.version);
    CHECK(rows[i][2] == (b.package.value("selected", false) ? "true" : "false"));
    CHECK(rows[i][3] == (b.package.value("framework", false) ? "true" : "false"));
    CHECK(table.out.find(search_description(b.package["description"])) != std::string::npos);
  }

  // A query, including one that names another command of dcos.
  for (const auto& [query, name] : std::map<std::string, std::string>{
           {"cassandra", "cassandra"}, {"hello", "hello-world"}, {"marathon-*", "marathon-lb"}}) {
    INFO(query);
    auto one = c.run({"package", "search", query, "--json"});
    REQUIRE(one.status == 0);
    json result = json::parse(one.out);
    REQUIRE(result["packages"].size() == 1);
    CHECK(result["packages"][0]["name"] == name);
    auto row = table_rows(c.run({"package", "search", query}).out);
    REQUIRE(row.size() == 1);
    CHECK(row[0][0] == name);
  }

  auto none = c.run({"package", "search", "no-such-thing"});
  CHECK(none.status == 3);
  CHECK(none.out.empty());
  CHECK(none.err == "Error: no packages found\n");
  auto none_json = c.run({"package", "search", "no-such-thing", "--json"});
  CHECK(none_json.status == 0);
  CHECK(none_json.out == "{\n    \"packages\": []\n}\n");  // the object's shape is kept
}

TEST_CASE("package describe shows each bundled package and each part of it", "[package]") {
  PackageCluster c;
  for (const auto& [name, b] : dcos::testing::bundled_packages()) {
    INFO(name);
    auto plain = c.run({"package", "describe", name});
    REQUIRE(plain.status == 0);
    CHECK(plain.err.empty());
    CHECK(plain.out.rfind("{\n  \"package\": {\n", 0) == 0);  // 2-space indent
    json described = json::parse(plain.out);
    REQUIRE(described.size() == 1);
    const json& p = described["package"];
    CHECK(p["name"] == name);
    CHECK(p["version"] == b.version);
    CHECK(p["config"] == b.config);
    CHECK(p["description"] == b.package["description"]);
    auto text = dcos::base64_decode(p["marathon"]["v2AppMustacheTemplate"].get<std::string>());
    REQUIRE(text);
    CHECK(*text == b.mustache);

    auto config = c.run({"package", "describe", name, "--config"});
    REQUIRE(config.status == 0);
    CHECK(json::parse(config.out) == b.config);

    auto table = c.run({"package", "describe", name, "--config", "--table"});
    REQUIRE(table.status == 0);
    CHECK(table_header(table.out) ==
          std::vector<std::string>{"PATH", "TYPE", "DEFAULT", "DESCRIPTION"});
    std::vector<std::string> paths;
    option_paths(b.config, "", paths);
    auto rows = table_rows(table.out);
    CHECK(rows.size() >= paths.size());  // a long description may take two lines
    for (const auto& path : paths) CHECK(table.out.find("  " + path + "  ") != std::string::npos);

    auto app = c.run({"package", "describe", name, "--app"});
    REQUIRE(app.status == 0);
    CHECK(app.out == b.mustache);  // raw, as written

    auto versions = c.run({"package", "describe", name, "--package-versions"});
    REQUIRE(versions.status == 0);
    CHECK(versions.out == "[\n  \"" + b.version + "\"\n]\n");

    auto rendered = c.run({"package", "describe", name, "--app", "--render"});
    REQUIRE(rendered.status == 0);
    json marathon = json::parse(rendered.out);
    CHECK(absolute(marathon["id"]) == default_app_ids()[name]);
    CHECK(marathon["labels"]["DCOS_PACKAGE_NAME"] == name);
    CHECK(marathon["labels"]["DCOS_PACKAGE_VERSION"] == b.version);

    // --render with --options, and an app id of the caller's.
    auto options = c.file("describe-options.json", "{}");
    auto with = c.run({"package", "describe", name, "--app", "--render", "--options", options,
                       "--app-id", "/described"});
    REQUIRE(with.status == 0);
    CHECK(json::parse(with.out)["id"] == "/described");
  }
  CHECK(c.apps().empty());
}

TEST_CASE("package install --render is a dry run, as JSON or YAML", "[package]") {
  PackageCluster c;
  for (const auto& [name, b] : dcos::testing::bundled_packages()) {
    INFO(name);
    auto as_json = c.run({"package", "install", name, "--render"});
    REQUIRE(as_json.status == 0);
    CHECK(as_json.err.empty());
    CHECK(as_json.out.rfind("{\n    \"", 0) == 0);
    json app = json::parse(as_json.out);
    CHECK(absolute(app["id"]) == default_app_ids()[name]);
    CHECK(app["labels"]["DCOS_PACKAGE_NAME"] == name);

    auto as_yaml = c.run({"package", "install", name, "--render", "--yaml"});
    REQUIRE(as_yaml.status == 0);
    CHECK(as_yaml.out.find("\nid: " + app["id"].get<std::string>() + "\n") != std::string::npos);
    CHECK(as_yaml.out.find("  DCOS_PACKAGE_NAME: " + name + "\n") != std::string::npos);
    CHECK(as_yaml.out.rfind('{', 0) != 0);  // not JSON
  }
  CHECK(c.apps().empty());
  auto listed = c.run({"package", "list", "--json"});
  CHECK(listed.out == "[]\n");
}

TEST_CASE("package install --yes, list and uninstall --yes of every bundled package", "[package]") {
  PackageCluster c;
  auto packages = dcos::testing::bundled_packages();
  auto ids = default_app_ids();
  for (const auto& [name, b] : packages) {
    INFO(name);
    auto installed = c.run({"package", "install", name, "--yes"});
    CHECK(installed.status == 0);
    CHECK(installed.out.empty());
    CHECK(installed.err == install_messages(b));
    json app = c.app(ids[name]);
    REQUIRE(app.is_object());
    CHECK(app["labels"]["DCOS_PACKAGE_NAME"] == name);
    CHECK(app["labels"]["DCOS_PACKAGE_VERSION"] == b.version);
  }
  CHECK(c.apps().size() == packages.size());

  auto table = c.run({"package", "list"});
  REQUIRE(table.status == 0);
  CHECK(table_header(table.out) ==
        std::vector<std::string>{"NAME", "VERSION", "CERTIFIED", "APP", "COMMAND", "DESCRIPTION"});
  auto rows = table_rows(table.out);
  REQUIRE(rows.size() == packages.size());
  auto package = packages.begin();
  for (const auto& row : rows) {  // sorted by name
    const Bundled& b = package++->second;
    INFO(b.name);
    CHECK(row[0] == b.name);
    CHECK(row[1] == b.version);
    CHECK(row[3] == ids[b.name]);
    // Packages older than packaging 4.0 name a command, the others none.
    CHECK(row[4] == (b.package["packagingVersion"].get<std::string>() < "4.0" ? b.name : "---"));
    CHECK(table.out.find(list_description(b.package["description"])) != std::string::npos);
  }

  auto as_json = c.run({"package", "list", "--json"});
  REQUIRE(as_json.status == 0);
  CHECK(as_json.out.rfind("[\n    {\n", 0) == 0);
  json listed = json::parse(as_json.out);
  REQUIRE(listed.size() == packages.size());
  for (const json& entry : listed) {
    const std::string name = entry["name"];
    INFO(name);
    CHECK(entry["apps"] == json::array({ids[name]}));
    CHECK(entry["version"] == packages[name].version);
    CHECK(entry["description"] == packages[name].package["description"]);
  }
  auto one = c.run({"package", "list", "kafka", "--json"});
  CHECK(json::parse(one.out).size() == 1);
  auto by_app = c.run({"package", "list", "--app-id", "/marathon-lb", "--json"});
  REQUIRE(json::parse(by_app.out).size() == 1);
  CHECK(json::parse(by_app.out)[0]["name"] == "marathon-lb");

  for (const auto& [name, b] : packages) {
    INFO(name);
    auto removed = c.run({"package", "uninstall", name, "--yes"});
    CHECK(removed.status == 0);
    CHECK(removed.out.empty());
    CHECK(removed.err == "Uninstalled package [" + name + "] version [" + b.version + "]\n" +
                             b.package["postUninstallNotes"].get<std::string>() + "\n");
    const std::string id = ids[name];
    CHECK(dcos::testing::eventually([&] { return c.app_ids().count(id) == 0; }));
  }
  CHECK(c.apps().empty());
  // Nothing installed is an empty list (issue 13): a note, exit 0; a filter that matches
  // nothing is still not found.
  auto empty = c.run({"package", "list"});
  CHECK(empty.status == 0);
  CHECK(empty.out.empty());
  CHECK(empty.err == "No packages are installed.\n");
  auto unmatched = c.run({"package", "list", "nosuch"});
  CHECK(unmatched.status == 3);
  CHECK(unmatched.err == "Error: cannot find packages matching the provided filter\n");
  CHECK(c.run({"package", "list", "--json"}).out == "[]\n");
}
