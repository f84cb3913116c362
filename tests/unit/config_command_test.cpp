#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::Harness;
using dcos::testing::read_file;

namespace {

const char* kId = "2f8b9e1c-0b57-4f2e-9f0e-1a2b3c4d5e6f";
const std::string kToml =
    "\n[cluster]\n  name = \"prod\"\n\n[core]\n  dcos_acs_token = \"tok-123\"\n"
    "  dcos_url = \"https://prod.example\"\n  timeout = 180\n";

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("config keys lists every key with its description, -q only the names") {
  Harness h;
  auto full = h.run({"config", "keys"});
  CHECK(full.status == 0);
  CHECK(full.out.find("core.timeout : ") != std::string::npos);
  auto quiet = h.run({"config", "keys", "-q"});
  CHECK(quiet.out.find("core.dcos_url\n") != std::string::npos);
  CHECK(quiet.out.find(" : ") == std::string::npos);
  CHECK(h.http->requests.empty());
}

TEST_CASE("config show masks the token, show <key> prints one value") {
  Harness h;
  h.add_cluster(kId, kToml);
  auto all = h.run({"config", "show"});
  CHECK(all.status == 0);
  CHECK(all.out ==
        "cluster.name prod\ncore.dcos_acs_token ********\ncore.dcos_url https://prod.example\n"
        "core.timeout 180\n");
  CHECK(h.run({"config", "show", "core.timeout"}).out == "180\n");
  auto json = nlohmann::json::parse(h.run({"config", "show", "--json"}).out);
  CHECK(json["core.timeout"] == 180);
  CHECK(json["core.dcos_acs_token"] == "********");
}

TEST_CASE("config show applies DCOS_TIMEOUT and DCOS_SSL_VERIFY") {
  Harness h;
  h.add_cluster(kId, kToml);
  h.env["DCOS_TIMEOUT"] = "5";
  h.env["DCOS_SSL_VERIFY"] = "false";
  auto all = h.run({"config", "show"});
  CHECK(all.out.find("core.timeout 5\n") != std::string::npos);
  CHECK(all.out.find("core.ssl_verify false\n") != std::string::npos);
}

TEST_CASE("config show of an unknown key or a section exits 3") {
  Harness h;
  h.add_cluster(kId, kToml);
  auto missing = h.run({"config", "show", "core.nope"});
  CHECK(missing.status == 3);
  CHECK(missing.err.find("config key \"core.nope\" is not set") != std::string::npos);
  auto section = h.run({"config", "show", "core"});
  CHECK(section.status == 3);
  CHECK(section.err.find("is a section") != std::string::npos);
}

TEST_CASE("config set writes the file atomically with mode 0600 in the real layout") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  auto result = h.run({"config", "set", "core.ssh_user", "centos"});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err.empty());
  CHECK(read_file(dir / "dcos.toml") ==
        "\n[cluster]\n  name = \"prod\"\n\n[core]\n  dcos_acs_token = \"tok-123\"\n"
        "  dcos_url = \"https://prod.example\"\n  ssh_user = \"centos\"\n  timeout = 180\n");
  CHECK(mode_of(dir / "dcos.toml") == 0600);
}

TEST_CASE("a bad config value names the key and type, exits 1 and changes nothing") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  auto result = h.run({"config", "set", "core.timeout", "soon"});
  CHECK(result.status == 1);
  CHECK(result.err == "Error: core.timeout expects a whole number of seconds, got \"soon\"\n");
  CHECK(read_file(dir / "dcos.toml") == kToml);
}

TEST_CASE("a config file readable by others gives a warning, the next write makes it 0600") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  std::filesystem::permissions(dir / "dcos.toml", std::filesystem::perms(0644));
  auto shown = h.run({"config", "show", "core.timeout"});
  CHECK(shown.status == 0);
  CHECK(shown.err.find("Warning: ") == 0);
  CHECK(shown.err.find("0644") != std::string::npos);
  CHECK(h.run({"config", "set", "core.timeout", "10"}).status == 0);
  CHECK(mode_of(dir / "dcos.toml") == 0600);
}

TEST_CASE("config unset removes a key, unsetting what is not set exits 3") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  CHECK(h.run({"config", "unset", "core.timeout"}).status == 0);
  CHECK(read_file(dir / "dcos.toml").find("timeout") == std::string::npos);
  auto again = h.run({"config", "unset", "core.timeout"});
  CHECK(again.status == 3);
  CHECK(h.run({"config", "unset", "core.dcos_url"}).status == 0);
  CHECK(read_file(dir / "dcos.toml").find("tok-123") == std::string::npos);
}

TEST_CASE("config validate lists problems and exits 1, a good file passes") {
  Harness h;
  auto dir = h.add_cluster(kId, "[core]\ntimeout = \"x\"\n");
  auto bad = h.run({"config", "validate"});
  CHECK(bad.status == 1);
  CHECK(bad.err.find("core.dcos_url is not set") != std::string::npos);
  CHECK(bad.err.find("core.timeout should be an integer") != std::string::npos);
  dcos::testing::write_file(dir / "dcos.toml", kToml);
  CHECK(h.run({"config", "validate"}).status == 0);
}

TEST_CASE("without clusters, config commands say how to add one") {
  Harness h;
  auto result = h.run({"config", "show"});
  CHECK(result.status == 1);
  CHECK(result.err ==
        "Error: no cluster is configured\nHint: run 'dcos cluster setup <url>' to add one\n");
}

TEST_CASE("the cluster flag and DCOS_CLUSTER pick the cluster for one call") {
  Harness h;
  h.add_cluster("aaaa-1111", "[cluster]\nname = \"one\"\n[core]\ndcos_url = \"https://one\"\n",
                true);
  h.add_cluster("bbbb-2222", "[cluster]\nname = \"two\"\n[core]\ndcos_url = \"https://two\"\n");
  CHECK(h.run({"config", "show", "core.dcos_url"}).out == "https://one\n");
  CHECK(h.run({"--cluster", "two", "config", "show", "core.dcos_url"}).out == "https://two\n");
  CHECK(h.run({"config", "show", "core.dcos_url", "--cluster=bbbb"}).out == "https://two\n");
  h.env["DCOS_CLUSTER"] = "two";
  CHECK(h.run({"config", "show", "core.dcos_url"}).out == "https://two\n");
  CHECK(h.run({"--cluster", "one", "config", "show", "core.dcos_url"}).out == "https://one\n");
  auto unknown = h.run({"--cluster", "three", "config", "show"});
  CHECK(unknown.status == 3);
}

TEST_CASE("a malformed dcos.toml is reported with its path and line, and left alone") {
  Harness h;
  auto dir = h.add_cluster(kId, "[core]\ndcos_url = \"https://x\"\n[core\n");
  auto result = h.run({"config", "set", "core.timeout", "5"});
  CHECK(result.status == 1);
  CHECK(result.err.find((dir / "dcos.toml").string() + ":3:") != std::string::npos);
  CHECK(read_file(dir / "dcos.toml") == "[core]\ndcos_url = \"https://x\"\n[core\n");
}

// Issue 13, point 2: a typo in a key of a section the CLI owns is refused with the likely key.
TEST_CASE("config set refuses an unknown key of an owned section with 'did you mean', exit 2") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  auto typo = h.run({"config", "set", "core.timout", "30"});
  CHECK(typo.status == 2);
  CHECK(typo.err ==
        "Error: unknown config key \"core.timout\"\n"
        "Hint: did you mean core.timeout? ('dcos config keys' lists the keys)\n");
  auto bare = h.run({"config", "set", "timeout", "30"});
  CHECK(bare.status == 2);
  CHECK(bare.err.find("has no section") != std::string::npos);
  CHECK(bare.err.find("did you mean core.timeout?") != std::string::npos);
  auto deeper = h.run({"config", "set", "marathon.url.extra", "x"});
  CHECK(deeper.status == 2);
  CHECK(read_file(dir / "dcos.toml") == kToml);
}

TEST_CASE("config set keeps the keys of sections the CLI does not own, for plugins") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml);
  auto plugin = h.run({"config", "set", "kafka.default_topic", "events"});
  CHECK(plugin.status == 0);
  CHECK(plugin.err.empty());
  CHECK(h.run({"config", "show", "kafka.default_topic"}).out == "events\n");
  // A section that looks like one of ours is still a plugin's, but the likely key is named.
  auto near = h.run({"config", "set", "cor.timeout", "5"});
  CHECK(near.status == 0);
  CHECK(near.err == "Warning: cor.timeout is kept for a plugin; did you mean core.timeout?\n");
  CHECK(read_file(dir / "dcos.toml").find("[cor]\n  timeout = \"5\"") != std::string::npos);
}

TEST_CASE("config validate reports unknown keys of owned sections, not plugin keys") {
  Harness h;
  auto dir = h.add_cluster(kId, kToml + "  timout = 30\n\n[kafka]\n  topic = \"x\"\n");
  auto bad = h.run({"config", "validate"});
  CHECK(bad.status == 1);
  CHECK(bad.err.find((dir / "dcos.toml").string() +
                     ": core.timout is not a known key; did you mean core.timeout?\n") !=
        std::string::npos);
  CHECK(bad.err.find("kafka") == std::string::npos);
  CHECK(bad.err.find("1 problem(s)") != std::string::npos);
  dcos::testing::write_file(dir / "dcos.toml", kToml + "\n[kafka]\n  topic = \"x\"\n");
  CHECK(h.run({"config", "validate"}).status == 0);
}

TEST_CASE("config show and unset of a key that is not set suggest the likely key") {
  Harness h;
  h.add_cluster(kId, kToml);
  auto shown = h.run({"config", "show", "core.timout"});
  CHECK(shown.status == 3);
  CHECK(shown.err.find("Hint: did you mean core.timeout?") != std::string::npos);
}
