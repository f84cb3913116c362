// TLS against dcos-local serving HTTPS with a certificate this test makes: a trusted CA, an
// unknown CA (refused, or downloaded and trusted with --yes), --insecure, a certificate for
// another host, and an expired one.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support/cli_runner.hpp"
#include "support/local_cluster.hpp"
#include "support/test_pki.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::read_file;
using dcos::testing::TempDir;
using dcos::testing::TestCa;
using dcos::testing::write_pem;
namespace fs = std::filesystem;

namespace {

struct Https {
  TempDir dir;
  TestCa ca;
  std::string ca_file, cert_file, key_file;

  explicit Https(const std::vector<std::string>& san, long not_before = -60,
                 long not_after = 86400) {
    auto leaf = ca.issue(san, not_before, not_after);
    ca_file = write_pem(dir.path() / "ca.pem", ca.pem().cert, 0644);
    cert_file = write_pem(dir.path() / "server.pem", leaf.cert, 0644);
    key_file = write_pem(dir.path() / "server.key", leaf.key, 0600);
  }
  std::vector<std::string> flags() const {
    return {"--tls-cert", cert_file, "--tls-key", key_file, "--tls-ca", ca_file};
  }
};

}  // namespace

TEST_CASE("HTTPS with the cluster's CA given by --ca-certs") {
  Https tls({"IP:127.0.0.1"});
  LocalCluster cluster(tls.flags());
  REQUIRE(cluster.url().rfind("https://", 0) == 0);
  Cli cli;
  auto out = cli.run({"cluster", "setup", cluster.url(), "--ca-certs", tls.ca_file});
  INFO(out.err);
  REQUIRE(out.status == 0);
  fs::path dir = cli.cluster_dirs().at(0);
  CHECK(read_file(dir / "dcos_ca.crt") == read_file(tls.ca_file));
  CHECK(read_file(dir / "dcos.toml").find("ssl_verify = \"" + (dir / "dcos_ca.crt").string()) !=
        std::string::npos);
  struct stat info {};
  REQUIRE(::stat((dir / "dcos_ca.crt").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0644);
  // Later requests check the certificate with that CA.
  auto version = cli.run({"--version"});
  CHECK(version.out.find("dcos.version=2.2.0") != std::string::npos);
}

TEST_CASE("an unknown CA is refused without a terminal, and trusted with --yes") {
  Https tls({"IP:127.0.0.1"});
  LocalCluster cluster(tls.flags());
  Cli cli;
  auto refused = cli.run({"cluster", "setup", cluster.url()});
  CHECK(refused.status == 1);
  CHECK(refused.err.find("not trusted") != std::string::npos);
  CHECK(refused.err.find(tls.ca.sha256_fingerprint()) != std::string::npos);
  CHECK(cli.cluster_dirs().empty());

  auto trusted = cli.run({"cluster", "setup", cluster.url(), "--yes"});
  INFO(trusted.err);
  REQUIRE(trusted.status == 0);
  fs::path dir = cli.cluster_dirs().at(0);
  CHECK(read_file(dir / "dcos_ca.crt") == read_file(tls.ca_file));
  CHECK(cli.run({"--version"}).out.find("dcos.version=2.2.0") != std::string::npos);
  // Pointing ssl_verify at the system CAs makes the same cluster fail, naming the reason.
  REQUIRE(cli.run({"config", "set", "core.ssl_verify", "true"}).status == 0);
  auto list = cli.run({"cluster", "list"});
  CHECK(list.out.find("UNAVAILABLE") != std::string::npos);
}

TEST_CASE("the insecure flag skips certificate checks and says so in the config") {
  Https tls({"IP:127.0.0.1"});
  LocalCluster cluster(tls.flags());
  Cli cli;
  auto out = cli.run({"cluster", "setup", cluster.url(), "--insecure"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  fs::path dir = cli.cluster_dirs().at(0);
  CHECK(read_file(dir / "dcos.toml").find("ssl_verify = \"false\"") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "dcos_ca.crt"));
}

TEST_CASE("a certificate for another host is refused with the host and the reason") {
  Https tls({"DNS:other.example"});
  LocalCluster cluster(tls.flags());
  Cli cli;
  auto out = cli.run({"cluster", "setup", cluster.url(), "--ca-certs", tls.ca_file});
  CHECK(out.status == 1);
  CHECK(out.err.find("127.0.0.1") != std::string::npos);
  CHECK(out.err.find(tls.ca_file) != std::string::npos);
  CHECK(out.err.find("core.ssl_verify") != std::string::npos);
  CHECK(cli.cluster_dirs().empty());
}

TEST_CASE("an expired certificate is refused") {
  Https tls({"IP:127.0.0.1"}, -7200, -3600);
  LocalCluster cluster(tls.flags());
  Cli cli;
  auto out = cli.run({"cluster", "setup", cluster.url(), "--ca-certs", tls.ca_file});
  CHECK(out.status == 1);
  CHECK(out.err.find("expired") != std::string::npos);
  CHECK(cli.cluster_dirs().empty());
}

TEST_CASE("HTTPS with authentication: setup logs in over TLS and later calls carry the token") {
  Https tls({"IP:127.0.0.1", "DNS:localhost"});
  auto flags = tls.flags();
  flags.push_back("--auth");
  LocalCluster cluster(flags);
  Cli cli;
  auto out = cli.run({"cluster", "setup", cluster.url(), "--ca-certs", tls.ca_file, "--username",
                      "bootstrapuser", "--password", "deleteme"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto about = cli.run({"marathon", "about"});
  CHECK(about.status == 0);
  CHECK(about.out.find("\"elected\": true") != std::string::npos);
}
