// Tokens that stop working: after `auth logout`, and when they expire — with and without a
// service-account key stored by `cluster setup` to log in again.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <thread>

#include "support/cli_runner.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::read_file;
using dcos::testing::TempDir;
using dcos::testing::write_file;
namespace fs = std::filesystem;

namespace {

/// A service account's key pair: the private key for the CLI (0600), the public key for the
/// cluster.
struct KeyPair {
  TempDir dir;
  fs::path private_key = dir.path() / "ci-bot.pem";
  fs::path public_key = dir.path() / "ci-bot.pub.pem";
  std::string private_text;

  KeyPair() {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    auto pem = [](auto write) {
      std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
      write(bio.get());
      char* data = nullptr;
      long size = BIO_get_mem_data(bio.get(), &data);
      return std::string(data, static_cast<size_t>(size));
    };
    private_text = pem([&](BIO* bio) {
      PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    write_file(private_key, private_text);
    fs::permissions(private_key, fs::perms(0600));
    write_file(public_key, pem([&](BIO* bio) { PEM_write_bio_PUBKEY(bio, key.get()); }));
  }
};

std::string token_in(const std::string& toml) {
  auto start = toml.find("dcos_acs_token = \"");
  if (start == std::string::npos) return "";
  start += 18;
  return toml.substr(start, toml.find('"', start) - start);
}

}  // namespace

TEST_CASE("after logout a command that needs the cluster exits 4 with the login hint") {
  LocalCluster cluster({"--auth"});
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password",
                   "deleteme"})
              .status == 0);
  REQUIRE(cli.run({"marathon", "ping"}).status == 0);
  REQUIRE(cli.run({"auth", "logout"}).status == 0);
  auto out = cli.run({"marathon", "about"});
  CHECK(out.status == 4);
  CHECK(out.out.empty());
  CHECK(out.err.rfind("Error: ", 0) == 0);
  CHECK(out.err.find("Hint: run 'dcos auth login'") != std::string::npos);
}

TEST_CASE("an expired token without a stored key: exit 4 and the hint") {
  LocalCluster cluster({"--auth", "--token-ttl", "1"});
  Cli cli;
  REQUIRE(cli.run({"cluster", "setup", cluster.url(), "--username", "bootstrapuser", "--password",
                   "deleteme"})
              .status == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  auto out = cli.run({"marathon", "about"});
  CHECK(out.status == 4);
  CHECK(out.err.find("expired") != std::string::npos);
  CHECK(out.err.find("dcos auth login") != std::string::npos);
}

TEST_CASE("a service account logs in at setup and again by itself when its token expires") {
  KeyPair keys;
  LocalCluster cluster(
      {"--auth", "--token-ttl", "1", "--service-account", "ci-bot=" + keys.public_key.string()});
  Cli cli;
  auto setup = cli.run({"-vv", "cluster", "setup", cluster.url(), "--username", "ci-bot",
                        "--private-key", keys.private_key.string()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
  std::string toml = read_file(cli.cluster_dirs().at(0) / "dcos.toml");
  std::string first = token_in(toml);
  REQUIRE_FALSE(first.empty());
  CHECK(toml.find("dcos_service_account = \"ci-bot\"") != std::string::npos);
  CHECK(toml.find("dcos_private_key = \"" + keys.private_key.string() + "\"") != std::string::npos);
  CHECK(toml.find("PRIVATE KEY") == std::string::npos);
  // The trace shows the login but neither the key nor the token.
  CHECK(setup.err.find("/acs/api/v1/auth/login") != std::string::npos);
  CHECK(setup.err.find("PRIVATE KEY") == std::string::npos);
  CHECK(setup.err.find(first) == std::string::npos);

  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  auto about = cli.run({"marathon", "about"});
  INFO(about.err);
  CHECK(about.status == 0);
  CHECK(about.out.find("\"name\": \"marathon\"") != std::string::npos);
  std::string renewed = token_in(read_file(cli.cluster_dirs().at(0) / "dcos.toml"));
  CHECK_FALSE(renewed.empty());
  CHECK(renewed != first);

  // app list asks on two connections at once (apps; deployments and queue): both find the
  // token expired, and both go on with a renewed one.
  std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  auto list = cli.run({"marathon", "app", "list"});
  INFO(list.err);
  CHECK(list.status == 0);
  CHECK(list.err == "No apps.\n");  // an empty list is a note (issue 13)

  // A key file readable by others is refused, with the mode in the message.
  fs::permissions(keys.private_key, fs::perms(0644));
  Cli other;
  auto loose = other.run({"cluster", "setup", cluster.url(), "--username", "ci-bot",
                          "--private-key", keys.private_key.string()});
  CHECK(loose.status != 0);
  CHECK(loose.err.find("0644") != std::string::npos);
}
