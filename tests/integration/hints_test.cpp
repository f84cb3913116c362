// Errors that point the right way (issue 13, point 6) and -v traces that can be followed
// (point 14), against the real binaries: https:// to a plain-HTTP port, other schemes, a 404
// that is not Marathon's, a directory as a definition, a refused DCOS_CLUSTER_SETUP_ACS_TOKEN,
// hints that name the URL that failed when there is no core.dcos_url yet.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "support/cli_runner.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;

namespace {

/// The URL of a port nothing listens on any more.
std::string closed_url() {
  LocalCluster gone;
  std::string url = gone.url();
  gone.stop();
  return url;
}

std::string https_of(const std::string& http_url) { return "https://" + http_url.substr(7); }

}  // namespace

TEST_CASE("hints: https:// to dcos-local's plain-HTTP port says so and offers http://") {
  LocalCluster cluster;
  Cli cli;
  auto out = cli.run({"cluster", "setup", https_of(cluster.url())});
  INFO(out.err);
  CHECK(out.status == 1);
  CHECK(out.err.find("Hint: the server speaks plain HTTP: did you mean " + cluster.url() + "?") !=
        std::string::npos);
  CHECK(out.err.find("wrong version number") == std::string::npos);
  CHECK(out.err.find("config set") == std::string::npos);  // there is no cluster to configure
  CHECK(cli.cluster_dirs().empty());

  // A configured cluster whose core.dcos_url has the wrong scheme: the hint fixes the setting.
  cli.add_cluster("6a1d9c2e-0000-4000-8000-0000000000e1",
                  "[core]\ndcos_url = \"" + https_of(cluster.url()) + "\"\n");
  auto list = cli.run({"marathon", "app", "list"});
  INFO(list.err);
  CHECK(list.status == 1);
  CHECK(list.err.find("did you mean " + cluster.url() +
                      "? If so, run 'dcos config set "
                      "core.dcos_url " +
                      cluster.url() + "'") != std::string::npos);
}

TEST_CASE("hints: schemes other than http and https are refused with exit 2") {
  Cli cli;
  auto setup = cli.run({"cluster", "setup", "ftp://x"});
  CHECK(setup.status == 2);
  CHECK(setup.err.find("unsupported scheme ftp://") != std::string::npos);
  CHECK(setup.err.find("https://ftp://") == std::string::npos);
  CHECK(cli.cluster_dirs().empty());

  cli.add_cluster("6a1d9c2e-0000-4000-8000-0000000000e2",
                  "[core]\ndcos_url = \"https://a.example\"\n");
  auto set = cli.run({"config", "set", "core.dcos_url", "ftp://x"});
  CHECK(set.status == 2);
  CHECK(set.err.find("http:// or https://") != std::string::npos);
  auto bare = cli.run({"config", "set", "core.dcos_url", "b.example"});
  CHECK(bare.status == 2);
  CHECK(bare.err.find("Hint: did you mean https://b.example?") != std::string::npos);
  CHECK(cli.run({"config", "show", "core.dcos_url"}).out == "https://a.example\n");
}

TEST_CASE("hints: nothing listening names the URL during setup and for a definition URL") {
  const std::string url = closed_url();
  Cli cli;
  auto setup = cli.run({"cluster", "setup", url});
  INFO(setup.err);
  CHECK(setup.status == 1);
  CHECK(setup.err.find("Hint: check that " + url + " is the right address") != std::string::npos);
  CHECK(setup.err.find("core.dcos_url") == std::string::npos);

  LocalCluster cluster;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  auto add = cli.run({"marathon", "app", "add", url + "/app.json"});
  INFO(add.err);
  CHECK(add.status == 1);
  CHECK(add.err.find("Hint: check that " + url + "/app.json is the right address") !=
        std::string::npos);
  CHECK(add.err.find("core.dcos_url") == std::string::npos);

  // The cluster's own address still names the setting it comes from.
  cluster.stop();
  auto list = cli.run({"marathon", "app", "list"});
  CHECK(list.status == 1);
  CHECK(list.err.find("Hint: check that core.dcos_url is right") != std::string::npos);
}

TEST_CASE("hints: a refused DCOS_CLUSTER_SETUP_ACS_TOKEN names the variable") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  cli.env["DCOS_CLUSTER_SETUP_ACS_TOKEN"] = "not-a-valid-token";
  auto out = cli.run({"cluster", "setup", cluster.url()});
  INFO(out.err);
  CHECK(out.status == 4);
  CHECK(out.err.find("the cluster rejected the token in DCOS_CLUSTER_SETUP_ACS_TOKEN") !=
        std::string::npos);
  CHECK(out.err.find("Hint: set DCOS_CLUSTER_SETUP_ACS_TOKEN to a valid token") !=
        std::string::npos);
  CHECK(out.err.find("auth login") == std::string::npos);
  CHECK(out.err.find("not-a-valid-token") == std::string::npos);
}

TEST_CASE("hints: only Marathon's own 404 means the app does not exist") {
  LocalCluster cluster;
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  auto missing = cli.run({"marathon", "app", "show", "/nope"});
  CHECK(missing.status == 3);
  CHECK(missing.err == "Error: app '/nope' does not exist\n");

  // marathon.url pointing at a path the cluster does not serve: a 404 without Marathon's JSON.
  REQUIRE(cli.run({"config", "set", "marathon.url", cluster.url() + "/no-marathon-here"}).status ==
          0);
  auto wrong = cli.run({"marathon", "app", "show", "/nope"});
  INFO(wrong.err);
  CHECK(wrong.status == 1);
  CHECK(wrong.err.find("Error: Marathon is not reachable at " + cluster.url() +
                       "/no-marathon-here") != std::string::npos);
  CHECK(wrong.err.find("does not exist") == std::string::npos);
  CHECK(wrong.err.find("Hint: check that marathon.url is right") != std::string::npos);
}

TEST_CASE("hints: app add of a directory says it is a directory") {
  LocalCluster cluster;
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  const std::string dir = cli.home.path().string();
  auto out = cli.run({"marathon", "app", "add", dir});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: '" + dir + "' is a directory, not a definition file\n");
}

TEST_CASE("Verbose output: each response line names its request number, URL, status and duration") {
  LocalCluster cluster({"--seed", "demo"});
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  auto out = cli.run({"-v", "marathon", "app", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  // app list reads apps, deployments and queue in parallel: each answer names its request.
  const std::regex response(R"(\[(\d+)\] GET (\S+) -> 200 OK \(\d+ ms\))");
  std::set<std::string> numbers;
  std::set<std::string> urls;
  for (std::sregex_iterator it(out.err.begin(), out.err.end(), response), end; it != end; ++it) {
    numbers.insert((*it)[1]);
    urls.insert((*it)[2]);
    // Its request was traced under the same number.
    CHECK(out.err.find("[" + (*it)[1].str() + "] > GET " + (*it)[2].str()) != std::string::npos);
  }
  CHECK(numbers.size() >= 3);
  CHECK(numbers.size() == urls.size());
  CHECK(urls.count(cluster.url() + "/service/marathon/v2/apps") == 1);
  CHECK(urls.count(cluster.url() + "/service/marathon/v2/deployments") == 1);
}
