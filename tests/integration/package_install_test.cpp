// `dcos package install` with options against dcos-local: an options file for every bundled
// package, the seed's Cassandra options (one ring per cluster name), two instances of one
// package and the uninstall that must choose, install --wait, and the question at a terminal.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/package_cluster.hpp"
#include "support/terminal.hpp"

using dcos::testing::PackageCluster;
using dcos::testing::Terminal;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Options for each bundled package that move it to another app id, and an env variable of the
/// app that shows they were used.
struct Customised {
  json options;
  std::string app_id;
  std::string env;
  std::string value;
};

std::map<std::string, Customised> customised() {
  return {
      {"cassandra",
       {{{"cassandra", {{"cluster-name", "two"}}}},
        "/cassandra/two",
        "CASSANDRA_CLUSTER_NAME",
        "two"}},
      {"hello-world",
       {{{"service", {{"name", "hello-two"}, {"message", "hi there"}}}},
        "/hello-two",
        "HELLO_MESSAGE",
        "hi there"}},
      {"kafka",
       {{{"service", {{"name", "kafka-two"}}}, {"brokers", {{"count", 1}}}},
        "/kafka-two",
        "BROKER_COUNT",
        "1"}},
      {"marathon-lb",
       {{{"marathon-lb", {{"name", "lb-two"}, {"haproxy-group", "internal"}}}},
        "/lb-two",
        "HAPROXY_GROUP",
        "internal"}},
  };
}

/// The seed's Cassandra options: its fixture when ../shared is there, else the same content.
std::string seed_options(PackageCluster& c) {
  const fs::path fixture =
      fs::path(DCOS_SHARED_DIR) / "fixtures" / "cassandra" / "options" / "talk-options-dev.json";
  if (fs::exists(fixture)) return fixture.string();
  WARN("../shared is missing: the seed's Cassandra options are written by the test");
  return c.file("talk-options-dev.json", R"({"cassandra": {"cluster-name": "dev", "resources": )"
                                         R"({"cpus": 3.0, "mem": 6144, "disk": 30720}}})");
}

}  // namespace

TEST_CASE("package install --options, for every bundled package", "[package]") {
  PackageCluster c;
  auto packages = dcos::testing::bundled_packages();
  auto custom = customised();
  REQUIRE(custom.size() == packages.size());
  for (const auto& [name, b] : packages) {
    INFO(name);
    const Customised& wanted = custom.at(name);
    auto options = c.file(name + "-options.json", wanted.options.dump(2));

    auto rendered = c.run({"package", "install", name, "--options", options, "--render"});
    REQUIRE(rendered.status == 0);
    CHECK(json::parse(rendered.out)["env"][wanted.env] == wanted.value);

    auto installed = c.run({"package", "install", name, "--options", options, "--yes"});
    CHECK(installed.status == 0);
    CHECK(installed.err.find("Installing Marathon app for package [" + name + "] version [" +
                             b.version + "]\n") != std::string::npos);
    json app = c.app(wanted.app_id);
    REQUIRE(app.is_object());
    CHECK(app["env"][wanted.env] == wanted.value);

    auto listed = c.run({"package", "list", "--app-id", wanted.app_id, "--json"});
    REQUIRE(listed.status == 0);
    REQUIRE(json::parse(listed.out).size() == 1);
    CHECK(json::parse(listed.out)[0]["apps"] == json::array({wanted.app_id}));

    auto removed = c.run({"package", "uninstall", name, "--app-id", wanted.app_id, "--yes"});
    CHECK(removed.status == 0);
    CHECK(dcos::testing::eventually([&] { return c.app_ids().count(wanted.app_id) == 0; }));
  }
  CHECK(c.apps().empty());
}

TEST_CASE("cassandra with the seed's options is /cassandra/dev; one ring per cluster name",
          "[package][cassandra]") {
  PackageCluster c;
  const std::string options = seed_options(c);
  auto installed = c.run({"package", "install", "cassandra", "--options", options, "--yes"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  json app = c.app("/cassandra/dev");
  REQUIRE(app.is_object());
  CHECK(app["labels"]["DCOS_PACKAGE_FRAMEWORK_NAME"] == "cassandra.dev");
  CHECK(app["labels"]["DCOS_PACKAGE_NAME"] == "cassandra");
  CHECK(app["env"]["CASSANDRA_CLUSTER_NAME"] == "dev");
  CHECK(app["env"]["CASSANDRA_RESOURCE_CPU_CORES"] == "3");  // Cosmos renders 3.0 as 3
  CHECK(app["env"]["CASSANDRA_RESOURCE_MEM_MB"] == "6144");
  CHECK(app["env"]["CASSANDRA_RESOURCE_DISK_MB"] == "30720");
  CHECK(app["env"]["CASSANDRA_NODE_COUNT"] == "3");
  CHECK(app["env"]["CASSANDRA_SEED_COUNT"] == "2");
  CHECK(app["env"]["CASSANDRA_ZK"] == "zk://master.mesos:2181/cassandra-mesos/dev");
  CHECK(app["instances"] == 1);
  CHECK(app["cpus"] == 0.5);
  CHECK(app["mem"] == 512);

  // The same cluster name again is refused, under its own id or another one.
  auto again = c.run({"package", "install", "cassandra", "--options", options, "--yes"});
  CHECK(again.status == 1);
  CHECK(again.out.empty());
  CHECK(again.err.find("\nError: Package is already installed: app [/cassandra/dev] exists\n"
                       "Hint: ") != std::string::npos);
  auto elsewhere = c.run(
      {"package", "install", "cassandra", "--options", options, "--app-id", "/dev-2", "--yes"});
  CHECK(elsewhere.status == 1);
  CHECK(elsewhere.err.find("\nError: Package is already installed: app [/cassandra/dev] runs "
                           "framework [cassandra.dev]\n") != std::string::npos);
  CHECK(c.app_ids() == std::set<std::string>{"/cassandra/dev"});

  // Another cluster name is a second ring.
  auto prod = c.file("prod.json", R"({"cassandra": {"cluster-name": "prod"}})");
  auto second = c.run({"package", "install", "cassandra", "--options", prod, "--yes"});
  CHECK(second.status == 0);
  CHECK(c.app_ids() == std::set<std::string>{"/cassandra/dev", "/cassandra/prod"});
  CHECK(c.app("/cassandra/prod")["labels"]["DCOS_PACKAGE_FRAMEWORK_NAME"] == "cassandra.prod");
  json listed = json::parse(c.run({"package", "list", "cassandra", "--json"}).out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["apps"] == json::array({"/cassandra/dev", "/cassandra/prod"}));

  auto both = c.run({"package", "uninstall", "cassandra", "--yes"});
  CHECK(both.status == 6);
  CHECK(both.err.rfind("Error: Multiple apps named [cassandra] are installed: [/cassandra/dev, "
                       "/cassandra/prod]\n",
                       0) == 0);
  CHECK(c.app_ids().size() == 2);
  auto all = c.run({"package", "uninstall", "cassandra", "--all", "--yes"});
  CHECK(all.status == 0);
  CHECK(all.err.find("Uninstalled package [cassandra] version [0.2.0-1]\n") !=
        all.err.rfind("Uninstalled package [cassandra] version [0.2.0-1]\n"));
  CHECK(dcos::testing::eventually([&] { return c.apps().empty(); }));
}

TEST_CASE("two instances of a package: uninstall names one with --app-id or takes --all",
          "[package]") {
  PackageCluster c;
  REQUIRE(c.run({"package", "install", "hello-world", "--yes"}).status == 0);
  REQUIRE(c.run({"package", "install", "hello-world", "--app-id", "/hello-2", "--yes"}).status ==
          0);
  CHECK(c.app_ids() == std::set<std::string>{"/hello-2", "/hello-world"});

  auto ambiguous = c.run({"package", "uninstall", "hello-world", "--yes"});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.out.empty());
  CHECK(ambiguous.err ==
        "Error: Multiple apps named [hello-world] are installed: [/hello-2, /hello-world]\n"
        "Hint: name one with --app-id <app-id>, or add --all to uninstall every one\n");
  CHECK(c.app_ids().size() == 2);

  auto one = c.run({"package", "uninstall", "hello-world", "--app-id", "/hello-2", "--yes"});
  CHECK(one.status == 0);
  CHECK(one.err ==
        "Uninstalled package [hello-world] version [1.0.0]\n"
        "hello-world has been removed.\n");
  CHECK(dcos::testing::eventually(
      [&] { return c.app_ids() == std::set<std::string>{"/hello-world"}; }));

  REQUIRE(c.run({"package", "install", "hello-world", "--app-id", "hello-3", "--yes"}).status == 0);
  auto all = c.run({"package", "uninstall", "hello-world", "--all", "--yes"});
  CHECK(all.status == 0);
  CHECK(all.err ==
        "Uninstalled package [hello-world] version [1.0.0]\n"
        "hello-world has been removed.\n"
        "Uninstalled package [hello-world] version [1.0.0]\n"
        "hello-world has been removed.\n");
  CHECK(dcos::testing::eventually([&] { return c.apps().empty(); }));
}

TEST_CASE("package install --wait returns once hello-world's deployment is done", "[package]") {
  PackageCluster c;
  auto installed = c.run({"package", "install", "hello-world", "--yes", "--wait"});
  INFO(installed.err);
  CHECK(installed.status == 0);
  CHECK(installed.out.empty());
  json app = c.app("/hello-world");
  REQUIRE(app.is_object());
  CHECK(app["tasksRunning"] == 1);
  CHECK(app["deployments"].empty());
}

TEST_CASE("at a terminal, install asks 'Continue installing? [yes/no]' and Enter means yes",
          "[package]") {
  PackageCluster c;
  const fs::path home = c.cli.home.path();
  {
    Terminal no({"package", "install", "hello-world"}, home);
    REQUIRE(no.wait_for("Continue installing? [yes/no]: "));
    no.type("no\n");
    CHECK(no.finish() == 1);
    CHECK(no.screen.find("installation cancelled; nothing was installed") != std::string::npos);
  }
  CHECK(c.apps().empty());
  Terminal enter({"package", "install", "hello-world"}, home);
  REQUIRE(enter.wait_for("Continue installing? [yes/no]: "));
  enter.type("\n");
  CHECK(enter.finish() == 0);
  CHECK(enter.out.empty());
  CHECK(enter.screen.find("Installing Marathon app for package [hello-world] version [1.0.0]") !=
        std::string::npos);
  CHECK(c.app_ids() == std::set<std::string>{"/hello-world"});
}
