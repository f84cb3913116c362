#include <catch2/catch.hpp>

#include "client/config_store.hpp"
#include "support/harness.hpp"

using dcos::ConfigStore;
using dcos::testing::TempDir;
using dcos::testing::write_file;

namespace {

const char* kFirst = "79893270-f9f1-4293-9225-e6e3900043a9";
const char* kSecond = "97193161-f7f1-2295-2514-a6b3918043b6";

/// A copy of one upstream fixture tree ($DCOS_DIR), so tests may write to it.
std::filesystem::path upstream_tree(const TempDir& dir, const std::string& name) {
  auto source = dcos::testing::shared_dir() /
                "peer-fixtures/dcos-cli/repo-1.2.0/pkg/config/testdata" / name / ".dcos";
  auto target = dir.path() / name;
  std::filesystem::copy(source, target, std::filesystem::copy_options::recursive);
  if (!std::filesystem::is_directory(target)) return target;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(target)) {
    std::filesystem::permissions(entry.path(), std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
  }
  return target;
}

}  // namespace

TEST_CASE("upstream fixtures: a single cluster is current, attached or not") {
  REQUIRE_SHARED();
  TempDir dir;
  for (const char* name : {"single_config_attached", "single_config_unattached"}) {
    ConfigStore store(upstream_tree(dir, name));
    auto current = store.current(std::nullopt);
    REQUIRE(current.ok());
    CHECK(current->id == kFirst);
    CHECK(current->name() == name);
  }
}

TEST_CASE("upstream fixtures: with several clusters the attached one is current") {
  REQUIRE_SHARED();
  TempDir dir;
  ConfigStore store(upstream_tree(dir, "multi_config_with_one_attached"));
  auto current = store.current(std::nullopt);
  REQUIRE(current.ok());
  CHECK(current->id == kSecond);
  CHECK(current->name() == "multi_config_with_one_attached");
}

TEST_CASE("upstream fixtures: none or several attached is an error") {
  REQUIRE_SHARED();
  TempDir dir;
  auto none =
      ConfigStore(upstream_tree(dir, "multi_config_with_none_attached")).current(std::nullopt);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message == "no cluster is attached");
  auto several = ConfigStore(upstream_tree(dir, "multiple_config_attached")).current(std::nullopt);
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().message.find("several clusters") == 0);
}

TEST_CASE("upstream fixtures: a 'clusters' file or a '.dcos' file means no clusters") {
  REQUIRE_SHARED();
  TempDir dir;
  for (const char* name : {"conflicting_clusters_file", "conflicting_.dcos_file"}) {
    ConfigStore store(upstream_tree(dir, name));
    auto clusters = store.clusters();
    REQUIRE(clusters.ok());
    CHECK(clusters->empty());
    CHECK(store.current(std::nullopt).error().message == "no cluster is configured");
  }
}

TEST_CASE("upstream fixtures: a selector finds by id, by name, by unique id prefix") {
  REQUIRE_SHARED();
  TempDir dir;
  ConfigStore store(upstream_tree(dir, "multi_config_with_one_attached"));
  CHECK(store.find(kFirst)->id == kFirst);
  CHECK(store.find("multi_config_with_one_attached")->id == kSecond);
  CHECK(store.find("7989")->id == kFirst);
  auto none = store.find("nope");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().kind == dcos::ErrorKind::not_found);

  ConfigStore same_name(upstream_tree(dir, "multi_config_with_same_name"));
  auto ambiguous = same_name.find("multi_config_with_same_name");
  REQUIRE_FALSE(ambiguous.ok());
  CHECK(ambiguous.error().message.find(kFirst) != std::string::npos);
  CHECK(ambiguous.error().message.find(kSecond) != std::string::npos);
  CHECK(same_name.current(std::string(kSecond))->config.get("core.dcos_url") ==
        "https://success.example.com");
}

TEST_CASE("upstream fixtures: attach moves the marker") {
  REQUIRE_SHARED();
  TempDir dir;
  ConfigStore store(upstream_tree(dir, "multi_config_with_one_attached"));
  REQUIRE(store.attach(kFirst));
  CHECK(store.current(std::nullopt)->id == kFirst);
  CHECK_FALSE(std::filesystem::exists(store.clusters_dir() / kSecond / "attached"));
}

TEST_CASE("a broken dcos.toml of the current cluster is reported with file and line") {
  TempDir dir;
  write_file(dir.path() / "clusters/abc/dcos.toml", "[core]\ndcos_url = \n");
  ConfigStore store(dir.path());
  auto current = store.current(std::nullopt);
  REQUIRE_FALSE(current.ok());
  CHECK(current.error().message.find("clusters/abc/dcos.toml:2:") != std::string::npos);
}

TEST_CASE("DCOS_DIR is made absolute, HOME/.dcos is the default") {
  std::map<std::string, std::string> vars{{"HOME", "/home/u"}};
  dcos::EnvLookup env = [&](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  CHECK(*ConfigStore::default_root(env) == "/home/u/.dcos");
  vars["DCOS_DIR"] = "rel";
  CHECK(*ConfigStore::default_root(env) == std::filesystem::current_path() / "rel");
}
