// What the `dcos package` integration tests share: dcos-local with a CLI set up against it, the
// bundled packages read from their sources (src/local/universe), and Marathon's view of the apps
// through `dcos marathon app list --json`, the independent witness of what was installed.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"
#include "support/table_rows.hpp"

namespace dcos::testing {

/// A bundled package as its source folder has it (the highest revision).
struct Bundled {
  std::string name;
  std::string version;
  nlohmann::json package;  ///< package.json
  nlohmann::json config;   ///< config.json
  std::string mustache;    ///< marathon.json.mustache, as written
};

/// Every package under src/local/universe, by name.
inline std::map<std::string, Bundled> bundled_packages() {
  namespace fs = std::filesystem;
  std::map<std::string, Bundled> found;
  for (const auto& entry : fs::directory_iterator(DCOS_BUNDLED_UNIVERSE)) {
    if (!entry.is_directory()) continue;
    fs::path latest;
    long best = -1;
    for (const auto& revision : fs::directory_iterator(entry.path())) {
      long number = std::stol(revision.path().filename().string());
      if (number > best) {
        best = number;
        latest = revision.path();
      }
    }
    Bundled package;
    package.package = nlohmann::json::parse(slurp((latest / "package.json").string()));
    package.config = nlohmann::json::parse(slurp((latest / "config.json").string()));
    package.mustache = slurp((latest / "marathon.json.mustache").string());
    package.name = package.package.at("name");
    package.version = package.package.at("version");
    found[package.name] = package;
  }
  return found;
}

/// dcos-local and a CLI whose cluster it is.
struct PackageCluster {
  LocalCluster cluster;
  Cli cli;

  explicit PackageCluster(std::vector<std::string> args = {}) : cluster(std::move(args)) {
    auto setup = cli.run({"cluster", "setup", cluster.url()});
    INFO(setup.err);
    REQUIRE(setup.status == 0);
  }

  Outcome run(std::vector<std::string> args) { return cli.run(std::move(args)); }

  /// Marathon's apps (`dcos marathon app list --json`).
  nlohmann::json apps() {
    auto listed = cli.run({"marathon", "app", "list", "--json"});
    INFO(listed.err);
    REQUIRE(listed.status == 0);
    return nlohmann::json::parse(listed.out);
  }

  std::set<std::string> app_ids() {
    std::set<std::string> ids;
    for (const auto& app : apps()) ids.insert(app.at("id").get<std::string>());
    return ids;
  }

  /// One app of Marathon's list (null when absent).
  nlohmann::json app(const std::string& id) {
    for (auto& app : apps())
      if (app.at("id") == id) return app;
    return nullptr;
  }

  /// A file under the CLI's HOME holding `text`.
  std::string file(const std::string& name, const std::string& text) {
    auto path = cli.home.path() / name;
    write_file(path, text);
    return path.string();
  }
};

}  // namespace dcos::testing
