// `dcos package` given bad input against dcos-local: each a one-line error with its exit code and
// nothing installed or changed in Marathon; and `dcos package repo` with a second dcos-local's
// repository.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/package_cluster.hpp"

using dcos::testing::LocalCluster;
using dcos::testing::Outcome;
using dcos::testing::PackageCluster;
using nlohmann::json;

namespace {

/// The error line (and hint line, when given) and nothing on stdout.
void check_error(const Outcome& outcome, int status, const std::string& error,
                 const std::string& hint = {}) {
  CHECK(outcome.status == status);
  CHECK(outcome.out.empty());
  CHECK(outcome.err == "Error: " + error + "\n" + (hint.empty() ? "" : "Hint: " + hint + "\n"));
}

}  // namespace

TEST_CASE("package errors: unknown package or version, nothing installed", "[package][errors]") {
  PackageCluster c;
  check_error(c.run({"package", "install", "no-such-package", "--yes"}), 3,
              "Package [no-such-package] not found",
              "find the package's name with 'dcos package search'");
  check_error(c.run({"package", "describe", "no-such-package"}), 3,
              "Package [no-such-package] not found",
              "find the package's name with 'dcos package search'");
  check_error(c.run({"package", "install", "hello-world", "--package-version", "9.9.9", "--yes"}),
              3, "Version [9.9.9] of package [hello-world] not found",
              "see its versions with 'dcos package describe hello-world --package-versions'");
  check_error(c.run({"package", "describe", "kafka", "--package-version", "0.0.1"}), 3,
              "Version [0.0.1] of package [kafka] not found",
              "see its versions with 'dcos package describe kafka --package-versions'");
  CHECK(c.apps().empty());
}

TEST_CASE("package errors: options files that are missing, not JSON or rejected by the schema",
          "[package][errors]") {
  PackageCluster c;
  const std::string missing = (c.cli.home.path() / "missing.json").string();
  check_error(c.run({"package", "install", "hello-world", "--options", missing, "--yes"}), 2,
              "couldn't find options file '" + missing + "'");

  const std::string broken = c.file("broken.json", "{\n  \"service\": {\n    \"name\": oops\n}");
  check_error(c.run({"package", "install", "hello-world", "--options", broken, "--yes"}), 2,
              "options file '" + broken +
                  "' is not valid JSON: line 3, column 13: invalid literal; last read: "
                  "'\"name\": o'");
  check_error(c.run({"package", "install", "hello-world", "--options", broken, "--render"}), 2,
              "options file '" + broken +
                  "' is not valid JSON: line 3, column 13: invalid literal; last read: "
                  "'\"name\": o'");

  // One line per problem, with its JSON path: an unknown option and a string for a number.
  const std::string rejected =
      c.file("rejected.json", R"({"cassandra": {"nodes": 3, "resources": {"cpus": "three"}}})");
  auto refused = c.run({"package", "install", "cassandra", "--options", rejected, "--yes"});
  CHECK(refused.status == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err ==
        "Error: the options of '" + rejected +
            "' do not fit the schema of package cassandra 0.2.0-1:\n"
            "  cassandra: unknown option 'nodes' (allowed: bootstrap-grace-time-seconds, "
            "cluster-name, data-directory, dc, framework, health-check-interval-seconds, "
            "node-count, resources, seed-count, zk, zk-timeout-ms)\n"
            "  cassandra.resources.cpus: expected a number, got string \"three\"\n"
            "Hint: see the options with 'dcos package describe cassandra --config'; nothing was "
            "installed\n");
  auto render = c.run({"package", "describe", "cassandra", "--app", "--options", rejected});
  CHECK(render.status == 2);
  CHECK(render.err == refused.err);

  const std::string too_small = c.file("small.json", R"({"service": {"instances": -1}})");
  auto small = c.run({"package", "install", "hello-world", "--options", too_small, "--yes"});
  CHECK(small.status == 2);
  CHECK(small.err.find("\n  service.instances: ") != std::string::npos);
  CHECK(c.apps().empty());
}

TEST_CASE("package errors: uninstall of what is not installed, no terminal and no --yes",
          "[package][errors]") {
  PackageCluster c;
  check_error(c.run({"package", "uninstall", "kafka", "--yes"}), 3,
              "Package [kafka] is not installed", "see what is installed with 'dcos package list'");
  REQUIRE(c.run({"package", "install", "kafka", "--yes"}).status == 0);
  check_error(c.run({"package", "uninstall", "kafka", "--app-id", "/other", "--yes"}), 3,
              "Package [kafka] with id [/other] is not installed",
              "see what is installed with 'dcos package list'");

  // Without a terminal, the questions need --yes: a usage error before any request.
  auto install = c.run({"-v", "package", "install", "hello-world"});
  check_error(install, 2,
              "cannot ask for confirmation to install hello-world without a terminal; add --yes "
              "to go ahead");
  auto uninstall = c.run({"-v", "package", "uninstall", "kafka"});
  check_error(uninstall, 2,
              "cannot ask for confirmation to uninstall kafka without a terminal; add --yes to "
              "go ahead");
  CHECK(c.app_ids() == std::set<std::string>{"/kafka"});
}

TEST_CASE("package repo: list, add another dcos-local's repository, remove, import",
          "[package][repo]") {
  PackageCluster c;
  LocalCluster other;
  const std::string ours = c.cluster.url() + "/_dcos_local/universe/repo";
  const std::string theirs = other.url() + "/_dcos_local/universe/repo";

  auto listed = c.run({"package", "repo", "list"});
  CHECK(listed.status == 0);
  CHECK(listed.out == "Universe: " + ours + "\n");
  CHECK(json::parse(c.run({"package", "repo", "list", "--json"}).out) ==
        json({{"repositories", {{{"name", "Universe"}, {"uri", ours}}}}}));

  auto added = c.run({"package", "repo", "add", "other", theirs, "--index", "0"});
  CHECK(added.status == 0);
  CHECK(added.out.empty());
  CHECK(added.err.empty());
  CHECK(c.run({"package", "repo", "list"}).out ==
        "other: " + theirs + "\nUniverse: " + ours + "\n");
  // The first repository's packages win: they come from the other dcos-local now.
  json rendered = json::parse(c.run({"package", "install", "hello-world", "--render"}).out);
  CHECK(rendered["labels"]["DCOS_PACKAGE_SOURCE"] == theirs);

  check_error(c.run({"package", "repo", "add", "other", theirs + "?again"}), 1,
              "Repository name [other] is already present in the list",
              "see the repositories with 'dcos package repo list'");
  check_error(c.run({"package", "repo", "add", "ftp", "ftp://example.com/repo"}), 1,
              "Repository URI [ftp://example.com/repo] uses an unsupported scheme. Only http and "
              "https are supported");
  {
    LocalCluster closed;
    const std::string url = closed.url() + "/repo";
    closed.stop();
    check_error(c.run({"package", "repo", "add", "closed", url}), 1,
                "Could not access data at URI for repository [closed]: " + url);
  }

  CHECK(c.run({"package", "repo", "remove", "other"}).status == 0);
  CHECK(c.run({"package", "repo", "list"}).out == "Universe: " + ours + "\n");
  auto gone = c.run({"package", "repo", "remove", "other"});
  CHECK(gone.status == 3);
  CHECK(gone.err.rfind("Error: ", 0) == 0);

  // Without any repository, search has nothing, and keeps its shapes.
  CHECK(c.run({"package", "repo", "remove", "Universe"}).status == 0);
  CHECK(c.run({"package", "repo", "list"}).out.empty());
  auto search = c.run({"package", "search"});
  CHECK(search.status == 0);
  CHECK(search.out.find('\n') == search.out.size() - 1);  // the header alone
  CHECK(c.run({"package", "search", "--json"}).out == "{\n    \"packages\": []\n}\n");

  // import: each repository at its place; one without a uri is skipped with a warning.
  const std::string file = c.file("repos.json", json({{"repositories",
                                                       {{{"name", "Universe"}, {"uri", ours}},
                                                        {{"name", "broken"}},
                                                        {{"name", "other"}, {"uri", theirs}}}}})
                                                    .dump());
  auto imported = c.run({"package", "repo", "import", file});
  CHECK(imported.status == 0);
  CHECK(imported.out.empty());
  CHECK(imported.err == "Added repo 'Universe' (" + ours + ") at index 0\n" +
                            "Warning: Repo missing name or uri. Skipping.\n" +
                            "Warning: Error (Index (2) is out of range. Index value must be "
                            "between 0 and 1 inclusive.) while adding repo 'other' (" +
                            theirs + "). Skipping.\n");
  CHECK(c.run({"package", "repo", "list"}).out == "Universe: " + ours + "\n");
  check_error(c.run({"package", "repo", "import", file + ".missing"}), 2,
              "path '" + file + ".missing' does not exist");
  CHECK(c.apps().empty());
}
