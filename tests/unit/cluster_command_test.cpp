#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::Error;
using dcos::ErrorKind;
using dcos::testing::Harness;
using dcos::testing::read_file;

namespace {

std::string toml(const std::string& name, const std::string& url) {
  return "\n[cluster]\n  name = \"" + name +
         "\"\n\n[core]\n  dcos_acs_token = \"t\"\n"
         "  dcos_url = \"" +
         url + "\"\n";
}

const char* kUp = "11111111-aaaa-4000-8000-000000000001";
const char* kDown = "22222222-bbbb-4000-8000-000000000002";

void two_clusters(Harness& h) {
  h.add_cluster(kUp, toml("prod", "https://prod.example"), true);
  h.add_cluster(kDown, toml("lab", "https://lab.example"));
}

void versions(Harness& h) {
  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 200,
                 R"({"version":"2.2.0","dcos-variant":"open"})");
  h.http->expect("GET", "https://lab.example/dcos-metadata/dcos-version.json",
                 Error::make(ErrorKind::network, "connection refused"));
}

}  // namespace

TEST_CASE("cluster list probes every cluster and marks the attached one") {
  Harness h;
  two_clusters(h);
  versions(h);
  auto out = h.run({"cluster", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out.find("NAME") != std::string::npos);
  // Sorted by name: lab before prod; only prod is attached, available, with its version.
  auto lab = out.out.find("lab");
  auto prod = out.out.find("prod");
  REQUIRE(lab != std::string::npos);
  REQUIRE(prod != std::string::npos);
  CHECK(lab < prod);
  std::string prod_line = out.out.substr(out.out.rfind('\n', prod) + 1);
  prod_line = prod_line.substr(0, prod_line.find('\n'));
  CHECK(prod_line.find("*") != std::string::npos);
  CHECK(prod_line.find("AVAILABLE") != std::string::npos);
  CHECK(prod_line.find("2.2.0") != std::string::npos);
  CHECK(out.out.find("UNAVAILABLE  UNKNOWN") != std::string::npos);
}

TEST_CASE("cluster list --json has the real CLI's fields") {
  Harness h;
  two_clusters(h);
  versions(h);
  auto out = h.run({"cluster", "list", "--json"});
  REQUIRE(out.status == 0);
  auto list = nlohmann::json::parse(out.out);
  REQUIRE(list.size() == 2);
  CHECK(list[0] == nlohmann::json{{"attached", false},
                                  {"cluster_id", kDown},
                                  {"name", "lab"},
                                  {"status", "UNAVAILABLE"},
                                  {"url", "https://lab.example"},
                                  {"version", "UNKNOWN"}});
  CHECK(list[1]["attached"] == true);
  CHECK(list[1]["version"] == "2.2.0");
  CHECK(out.out.find("\n    {") != std::string::npos);  // 4-space indent
}

TEST_CASE("cluster list --attached without an attached cluster is an error") {
  Harness h;
  h.add_cluster(kUp, toml("prod", "https://prod.example"));
  h.add_cluster(kDown, toml("lab", "https://lab.example"));
  auto out = h.run({"cluster", "list", "--attached"});
  CHECK(out.status == 1);
  CHECK(out.err.find("no cluster is attached") != std::string::npos);
  CHECK(h.http->requests.empty());
}

TEST_CASE("cluster attach moves the marker, by name or by id prefix") {
  Harness h;
  two_clusters(h);
  auto by_name = h.run({"cluster", "attach", "lab"});
  REQUIRE(by_name.status == 0);
  CHECK(std::filesystem::exists(h.dcos_dir() / "clusters" / kDown / "attached"));
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp / "attached"));
  auto by_prefix = h.run({"cluster", "attach", "1111"});
  REQUIRE(by_prefix.status == 0);
  CHECK(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp / "attached"));
  auto missing = h.run({"cluster", "attach", "nope"});
  CHECK(missing.status == 3);
  CHECK(h.http->requests.empty());
}

TEST_CASE("cluster rename changes cluster.name and nothing else") {
  Harness h;
  two_clusters(h);
  REQUIRE(h.run({"cluster", "rename", "lab", "staging"}).status == 0);
  std::string text = read_file(h.dcos_dir() / "clusters" / kDown / "dcos.toml");
  CHECK(text.find("name = \"staging\"") != std::string::npos);
  CHECK(text.find("dcos_url = \"https://lab.example\"") != std::string::npos);
}

TEST_CASE("cluster remove takes a cluster or --all or --unavailable, not both") {
  Harness h;
  two_clusters(h);
  CHECK(h.run({"cluster", "remove"}).status == 2);
  CHECK(h.run({"cluster", "remove", "lab", "--all"}).status == 2);
  versions(h);
  REQUIRE(h.run({"cluster", "remove", "--unavailable"}).status == 0);
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kDown));
  CHECK(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp));
  REQUIRE(h.run({"cluster", "remove", "prod"}).status == 0);
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp));
}

TEST_CASE("cluster remove --all removes every cluster without asking any of them") {
  Harness h;
  two_clusters(h);
  REQUIRE(h.run({"cluster", "remove", "--all"}).status == 0);
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp));
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kDown));
  CHECK(h.http->requests.empty());
}

TEST_CASE("cluster open prints the URL of the current cluster") {
  Harness h;
  two_clusters(h);
  auto out = h.run({"cluster", "open"});
  CHECK(out.status == 0);
  CHECK(out.out == "https://prod.example\n");
}
