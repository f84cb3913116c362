// `dcos cluster` and `dcos auth` against the real dcos-local binary with --auth: setup with
// each kind of credential, the files it writes, several clusters, logout, and secrets that
// never show in traces.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/jwt_sign.hpp"
#include "support/cli_runner.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::read_file;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

const char* kPassword = "deleteme";

}  // namespace

TEST_CASE("cluster setup with a password writes what the real CLI writes and attaches") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  auto out = cli.run(
      {"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password", kPassword});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out.empty());
  auto dirs = cli.cluster_dirs();
  REQUIRE(dirs.size() == 1);
  fs::path dir = dirs[0];
  CHECK(mode_of(dir / "dcos.toml") == 0600);
  CHECK(mode_of(dir / "attached") == 0644);
  CHECK(mode_of(dir) == 0755);
  std::string toml = read_file(dir / "dcos.toml");
  CHECK(toml.find("[cluster]\n  name = \"dcos-local\"") != std::string::npos);
  CHECK(toml.find("  dcos_url = \"" + cluster.url() + "\"") != std::string::npos);
  CHECK(toml.find("  timeout = 180") != std::string::npos);
  CHECK(toml.find("dcos_acs_token = \"ey") != std::string::npos);  // a JWT
  CHECK(toml.find("ssl_verify") == std::string::npos);             // http: none
  CHECK(toml.find(kPassword) == std::string::npos);

  // The directory name is the cluster's id from /metadata.
  auto list = cli.run({"cluster", "list", "--json"});
  REQUIRE(list.status == 0);
  auto clusters = nlohmann::json::parse(list.out);
  REQUIRE(clusters.size() == 1);
  CHECK(clusters[0]["cluster_id"] == dir.filename().string());
  CHECK(clusters[0]["attached"] == true);
  CHECK(clusters[0]["status"] == "AVAILABLE");

  // Setting it up again updates the same folder.
  auto again = cli.run({"cluster", "setup", cluster.url(), "--username", "bootstrapuser",
                        "--password", kPassword, "--name", "renamed"});
  REQUIRE(again.status == 0);
  REQUIRE(cli.cluster_dirs().size() == 1);
  CHECK(read_file(dir / "dcos.toml").find("name = \"renamed\"") != std::string::npos);
}

TEST_CASE("cluster setup without credentials and without a terminal fails at once with exit 4") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  auto started = std::chrono::steady_clock::now();
  auto out = cli.run({"cluster", "setup", cluster.url()});
  CHECK(out.status == 4);
  CHECK(out.err.find("Error: ") == 0);
  CHECK(out.err.find("--username") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(cli.cluster_dirs().empty());
}

TEST_CASE(
    "cluster setup takes the password from a file of mode 0600 only, or from the environment") {
  LocalCluster cluster({"--auth", "--user", "alice:s3cret"});
  Cli cli;
  auto loose = cli.secret("pw-loose", "s3cret\n", 0644);
  auto open_file = cli.run({"cluster", "setup", cluster.url(), "--username", "alice",
                            "--password-file", loose.string()});
  CHECK(open_file.status != 0);
  CHECK(open_file.err.find("0644") != std::string::npos);
  CHECK(cli.cluster_dirs().empty());

  auto tight = cli.secret("pw", "s3cret\n");
  auto file = cli.run({"cluster", "setup", cluster.url(), "--username", "alice", "--password-file",
                       tight.string()});
  INFO(file.err);
  CHECK(file.status == 0);

  Cli env_cli;
  env_cli.env["DCOS_USERNAME"] = "alice";
  env_cli.env["DCOS_PASSWORD"] = "s3cret";
  auto from_env = env_cli.run({"cluster", "setup", cluster.url()});
  INFO(from_env.err);
  CHECK(from_env.status == 0);

  Cli wrong;
  auto refused =
      wrong.run({"cluster", "setup", cluster.url(), "--username", "alice", "--password", "nope"});
  CHECK(refused.status == 4);
  CHECK(refused.err.find("The login credentials were invalid.") != std::string::npos);
}

TEST_CASE("cluster setup --password-env reads the password from the variable it names") {
  LocalCluster cluster({"--auth", "--user", "alice:s3cret"});
  Cli unset;
  auto missing = unset.run({"cluster", "setup", cluster.url(), "--username", "alice",
                            "--password-env", "CI_DCOS_PASSWORD"});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("CI_DCOS_PASSWORD") != std::string::npos);
  CHECK(unset.cluster_dirs().empty());

  Cli cli;
  cli.env["CI_DCOS_PASSWORD"] = "s3cret";
  cli.env["DCOS_PASSWORD"] = "nope";  // the flag's variable wins over DCOS_PASSWORD
  auto named = cli.run({"cluster", "setup", cluster.url(), "--username", "alice", "--password-env",
                        "CI_DCOS_PASSWORD"});
  INFO(named.err);
  CHECK(named.status == 0);
  CHECK(named.err.find("s3cret") == std::string::npos);
  CHECK(cli.cluster_dirs().size() == 1);
}

TEST_CASE("DCOS_CLUSTER_SETUP_ACS_TOKEN is stored without a login") {
  LocalCluster cluster({"--auth"});
  // Get a real token first.
  Cli first;
  REQUIRE(first
              .run({"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password",
                    kPassword})
              .status == 0);
  std::string toml = read_file(first.cluster_dirs()[0] / "dcos.toml");
  auto start = toml.find("dcos_acs_token = \"") + 18;
  std::string token = toml.substr(start, toml.find('"', start) - start);

  Cli cli;
  cli.env["DCOS_CLUSTER_SETUP_ACS_TOKEN"] = token;
  auto out = cli.run({"-vv", "cluster", "setup", cluster.url()});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.err.find("/acs/api/v1/auth/login") == std::string::npos);
  CHECK(out.err.find(token) == std::string::npos);
  CHECK(read_file(cli.cluster_dirs()[0] / "dcos.toml").find(token) != std::string::npos);
}

TEST_CASE("a login traced with -vv never shows the password or the token") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  auto out = cli.run({"-vv", "cluster", "setup", cluster.url(), "--username", "bootstrapuser",
                      "--password", kPassword});
  REQUIRE(out.status == 0);
  CHECK(out.err.find("POST " + cluster.url() + "/acs/api/v1/auth/login") != std::string::npos);
  CHECK(out.err.find(kPassword) == std::string::npos);
  std::string toml = read_file(cli.cluster_dirs()[0] / "dcos.toml");
  auto start = toml.find("dcos_acs_token = \"") + 18;
  std::string token = toml.substr(start, toml.find('"', start) - start);
  REQUIRE(token.size() > 20);
  CHECK(out.err.find(token) == std::string::npos);
  CHECK(out.out.find(token) == std::string::npos);

  auto login =
      cli.run({"-vv", "auth", "login", "--username", "bootstrapuser", "--password", kPassword});
  REQUIRE(login.status == 0);
  CHECK(login.err.find(kPassword) == std::string::npos);
  toml = read_file(cli.cluster_dirs()[0] / "dcos.toml");
  start = toml.find("dcos_acs_token = \"") + 18;
  std::string second = toml.substr(start, toml.find('"', start) - start);
  CHECK(login.err.find(second) == std::string::npos);
}

TEST_CASE("two clusters: list marks the attached one, attach, rename, --cluster and remove") {
  LocalCluster one({"--auth"});
  LocalCluster two;  // no authentication
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", one.url(), "--username", "bootstrapuser", "--password",
                   kPassword, "--name", "one"})
              .status == 0);
  auto noauth = cli.run({"cluster", "setup", two.url(), "--name", "two"});
  INFO(noauth.err);
  REQUIRE(noauth.status == 0);
  CHECK(noauth.err.find("does not require authenticated requests") != std::string::npos);
  REQUIRE(cli.cluster_dirs().size() == 2);

  auto list = nlohmann::json::parse(cli.run({"cluster", "list", "--json"}).out);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["name"] == "one");
  CHECK(list[0]["attached"] == false);  // the last setup attached "two"
  CHECK(list[1]["attached"] == true);

  REQUIRE(cli.run({"cluster", "attach", "one"}).status == 0);
  auto table = cli.run({"cluster", "list"});
  CHECK(table.out.find("*  one") != std::string::npos);

  // --cluster picks a cluster for one call and changes nothing.
  auto other = cli.run({"--cluster", "two", "config", "show", "cluster.name"});
  CHECK(other.out == "two\n");
  CHECK(cli.run({"config", "show", "cluster.name"}).out == "one\n");

  REQUIRE(cli.run({"cluster", "rename", "two", "second"}).status == 0);
  CHECK(cli.run({"--cluster", "second", "config", "show", "cluster.name"}).out == "second\n");

  two.stop();
  auto down = nlohmann::json::parse(cli.run({"cluster", "list", "--json"}).out);
  CHECK(down[1]["status"] == "UNAVAILABLE");
  REQUIRE(cli.run({"cluster", "remove", "--unavailable"}).status == 0);
  REQUIRE(cli.cluster_dirs().size() == 1);
  REQUIRE(cli.run({"cluster", "remove", "one"}).status == 0);
  CHECK(cli.cluster_dirs().empty());
}

TEST_CASE("auth logout removes the token, auth login stores a new one") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password",
                   kPassword})
              .status == 0);
  fs::path toml = cli.cluster_dirs()[0] / "dcos.toml";
  REQUIRE(cli.run({"auth", "logout"}).status == 0);
  CHECK(read_file(toml).find("dcos_acs_token") == std::string::npos);
  CHECK(mode_of(toml) == 0600);
  auto login = cli.run({"auth", "login"});  // no terminal, no credentials
  CHECK(login.status == 4);
  cli.env["DCOS_USERNAME"] = "bootstrapuser";
  cli.env["DCOS_PASSWORD"] = kPassword;
  REQUIRE(cli.run({"auth", "login"}).status == 0);
  CHECK(read_file(toml).find("dcos_acs_token") != std::string::npos);

  auto providers = cli.run({"auth", "list-providers"});
  CHECK(providers.out.find("dcos-users") != std::string::npos);
  CHECK(providers.out.find("LOGIN METHOD") != std::string::npos);
  auto json = nlohmann::json::parse(cli.run({"auth", "list-providers", "--json"}).out);
  CHECK(json["dcos-users"]["authentication-type"] == "dcos-uid-password");
}

// Issue 13, point 9: setup, attach and login say what they did (cluster, URL, user) on stderr.
TEST_CASE("setup, attach and login confirm the cluster, its URL and the user on stderr") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  auto setup = cli.run(
      {"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password", kPassword});
  REQUIRE(setup.status == 0);
  CHECK(setup.out.empty());
  CHECK(setup.err.find("Set up and attached to cluster \"dcos-local\" (" + cluster.url() +
                       ") as bootstrapuser\n") != std::string::npos);
  auto attach = cli.run({"cluster", "attach", "dcos-local"});
  REQUIRE(attach.status == 0);
  CHECK(attach.out.empty());
  CHECK(attach.err ==
        "Attached to cluster \"dcos-local\" (" + cluster.url() + ") as bootstrapuser\n");
  auto login = cli.run({"auth", "login", "--username", "bootstrapuser", "--password", kPassword});
  REQUIRE(login.status == 0);
  CHECK(login.out.empty());
  CHECK(login.err.find("Logged in to cluster \"dcos-local\" (" + cluster.url() +
                       ") as bootstrapuser\n") != std::string::npos);
}

// Issue 13, point 12: names tell clusters apart, and a name given once is kept.
TEST_CASE("a second cluster with a name already taken is refused; setup again keeps a rename") {
  LocalCluster one;
  LocalCluster two;
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", one.url()}).status == 0);
  auto same_name = cli.run({"cluster", "setup", two.url()});  // both call themselves dcos-local
  CHECK(same_name.status == 1);
  CHECK(same_name.err.find("another cluster is already called \"dcos-local\"") !=
        std::string::npos);
  CHECK(same_name.err.find("Hint: pass --name <name>") != std::string::npos);
  CHECK(cli.cluster_dirs().size() == 1);
  REQUIRE(cli.run({"cluster", "setup", two.url(), "--name", "two"}).status == 0);
  CHECK(cli.run({"cluster", "rename", "two", "dcos-local"}).status == 1);

  REQUIRE(cli.run({"cluster", "rename", "dcos-local", "first"}).status == 0);
  auto again = cli.run({"cluster", "setup", one.url()});
  INFO(again.err);
  REQUIRE(again.status == 0);
  CHECK(cli.run({"config", "show", "cluster.name"}).out == "first\n");
  auto names = nlohmann::json::parse(cli.run({"cluster", "list", "--json"}).out);
  REQUIRE(names.size() == 2);
  CHECK(names[0]["name"] == "first");
  CHECK(names[1]["name"] == "two");
}

// Issue 13, points 12 and 14: a broken file and an expired token are shown, not fatal.
TEST_CASE("cluster list shows a broken dcos.toml and an expired token, and lists the rest") {
  LocalCluster one({"--auth"});
  LocalCluster two;
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", one.url(), "--username", "bootstrapuser", "--password",
                   kPassword, "--name", "one"})
              .status == 0);
  REQUIRE(cli.run({"cluster", "setup", two.url(), "--name", "two"}).status == 0);
  // one's token: a JWT that expired long ago (the CLI reads exp, it never verifies).
  std::string expired = dcos::base64url(R"({"alg":"HS256","typ":"JWT"})") + "." +
                        dcos::base64url(R"({"uid":"bootstrapuser","exp":1000000000})") + ".c2ln";
  REQUIRE(cli.run({"--cluster", "one", "config", "set", "core.dcos_acs_token", expired}).status ==
          0);
  auto list = cli.run({"cluster", "list"});
  INFO(list.err);
  REQUIRE(list.status == 0);
  CHECK(list.out.find("UNAUTHENTICATED") != std::string::npos);
  CHECK(list.err.find("the token of cluster \"one\" has expired: run 'dcos --cluster one auth "
                      "login'") != std::string::npos);

  fs::path broken;
  for (const auto& dir : cli.cluster_dirs()) {
    if (read_file(dir / "dcos.toml").find("name = \"two\"") != std::string::npos) broken = dir;
  }
  REQUIRE_FALSE(broken.empty());
  dcos::testing::write_file(broken / "dcos.toml", "[core\n");
  auto with_broken = cli.run({"cluster", "list", "--json"});
  INFO(with_broken.err);
  REQUIRE(with_broken.status == 0);
  CHECK(with_broken.err.find((broken / "dcos.toml").string() + ":1:") != std::string::npos);
  auto items = nlohmann::json::parse(with_broken.out);
  REQUIRE(items.size() == 2);
  std::map<std::string, std::string> status;
  for (const auto& item : items) status[item["cluster_id"]] = item["status"];
  CHECK(status[broken.filename().string()] == "BROKEN");
  CHECK(status.size() == 2);

  // Logging in again makes it AVAILABLE.
  REQUIRE(cli.run({"--cluster", "one", "auth", "login", "--username", "bootstrapuser", "--password",
                   kPassword})
              .status == 0);
  CHECK(cli.run({"cluster", "list"}).out.find("UNAUTHENTICATED") == std::string::npos);
}

// Issue 13, point 2, against the real binary: a key typo is refused, a plugin's key kept.
TEST_CASE("config set of a mistyped key exits 2 with the likely key; config validate finds one") {
  LocalCluster cluster;
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url()}).status == 0);
  auto typo = cli.run({"config", "set", "core.timout", "30"});
  CHECK(typo.status == 2);
  CHECK(typo.err.find("Hint: did you mean core.timeout?") != std::string::npos);
  CHECK(read_file(cli.cluster_dirs()[0] / "dcos.toml").find("timout") == std::string::npos);
  CHECK(cli.run({"config", "set", "kafka.default_topic", "events"}).status == 0);
  CHECK(cli.run({"config", "validate"}).status == 0);
  // A file written by hand (or by an older CLI) with the typo is not called valid.
  fs::path toml = cli.cluster_dirs()[0] / "dcos.toml";
  dcos::testing::write_file(toml, read_file(toml) + "\n[marathon]\n  ulr = \"http://x\"\n");
  auto validate = cli.run({"config", "validate"});
  CHECK(validate.status == 1);
  CHECK(validate.err.find("marathon.ulr is not a known key; did you mean marathon.url?") !=
        std::string::npos);
}
