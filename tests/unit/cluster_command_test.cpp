#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/jwt_sign.hpp"
#include "client/token_claims.hpp"
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

namespace {

/// An unsigned JWT with these claims: enough for the CLI, which reads but never verifies.
std::string jwt(const nlohmann::json& claims) {
  return dcos::base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + dcos::base64url(claims.dump()) +
         ".c2ln";
}

std::string with_token(const std::string& name, const std::string& url, const std::string& token,
                       const std::string& extra = "") {
  return "\n[cluster]\n  name = \"" + name + "\"\n\n[core]\n  dcos_acs_token = \"" + token +
         "\"\n  dcos_url = \"" + url + "\"\n" + extra;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

}  // namespace

TEST_CASE("token claims: uid and exp of a JWT, nothing from an opaque token") {
  auto claims = dcos::read_token_claims(jwt({{"uid", "alice"}, {"exp", 1'700'000'000}}));
  REQUIRE(claims);
  CHECK(claims->uid == "alice");
  CHECK(claims->expires == 1'700'000'000);
  CHECK_FALSE(dcos::read_token_claims("t"));
  CHECK_FALSE(dcos::read_token_claims("a.b.c"));
  CHECK(dcos::token_expired(jwt({{"exp", 1'699'999'999}}), kNow));
  CHECK_FALSE(dcos::token_expired(jwt({{"exp", 1'700'000'100}}), kNow));
  CHECK_FALSE(dcos::token_expired(jwt({{"uid", "alice"}}), kNow));
  CHECK_FALSE(dcos::token_expired("t", kNow));
}

// Issue 13, point 12: a broken dcos.toml is one BROKEN row, with its file and reason.
TEST_CASE("cluster list shows a cluster with a broken dcos.toml as BROKEN and lists the others") {
  Harness h;
  auto broken = h.add_cluster(kDown, "[core\n", true);
  h.add_cluster(kUp, toml("prod", "https://prod.example"));
  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 200,
                 R"({"version":"2.2.0"})");
  auto out = h.run({"cluster", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out.find("BROKEN") != std::string::npos);
  CHECK(out.out.find("AVAILABLE  2.2.0") != std::string::npos);
  // The attached marker stays on the broken cluster.
  CHECK(out.out.find("*  " + std::string(kDown)) != std::string::npos);
  CHECK(out.err.find("Warning: cluster " + std::string(kDown) + " is broken: " +
                     (broken / "dcos.toml").string() + ":1:") != std::string::npos);

  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 200,
                 R"({"version":"2.2.0"})");
  auto json = h.run({"cluster", "list", "--json"});
  REQUIRE(json.status == 0);
  auto list = nlohmann::json::parse(json.out);
  REQUIRE(list.size() == 2);
  auto bad = list[0]["cluster_id"] == kDown ? list[0] : list[1];
  CHECK(bad["status"] == "BROKEN");
  CHECK(bad["attached"] == true);
  CHECK(bad["file"] == (broken / "dcos.toml").string());
  CHECK(bad["error"].get<std::string>().find("invalid TOML") != std::string::npos);

  // It can still be removed by its id; --unavailable leaves it alone.
  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 200,
                 R"({"version":"2.2.0"})");
  REQUIRE(h.run({"cluster", "remove", "--unavailable"}).status == 0);
  CHECK(std::filesystem::exists(broken));
  auto removed = h.run({"cluster", "remove", kDown});
  INFO(removed.err);
  CHECK(removed.status == 0);
  CHECK_FALSE(std::filesystem::exists(broken));
}

// Issue 13, point 14: an expired token (JWT exp in the past) needs a login.
TEST_CASE("cluster list shows a cluster whose token expired as UNAUTHENTICATED with a hint") {
  Harness h;
  h.clock = kNow;
  h.add_cluster(kUp, with_token("prod", "https://prod.example", jwt({{"exp", 1'600'000'000}})),
                true);
  h.add_cluster(kDown, with_token("lab", "https://lab.example", jwt({{"exp", 1'800'000'000}})));
  const char* kKeyed = "33333333-cccc-4000-8000-000000000003";
  h.add_cluster(kKeyed, with_token("ci", "https://ci.example", jwt({{"exp", 1'600'000'000}}),
                                   "  dcos_private_key = \"/k.pem\"\n"
                                   "  dcos_service_account = \"ci-bot\"\n"));
  for (const char* url : {"https://prod.example", "https://lab.example", "https://ci.example"})
    h.http->expect("GET", std::string(url) + "/dcos-metadata/dcos-version.json", 200,
                   R"({"version":"2.2.0"})");
  auto out = h.run({"cluster", "list", "--json"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  auto list = nlohmann::json::parse(out.out);
  REQUIRE(list.size() == 3);
  CHECK(list[0]["name"] == "ci");
  CHECK(list[0]["status"] == "AVAILABLE");  // the stored key renews the token
  CHECK(list[1]["name"] == "lab");
  CHECK(list[1]["status"] == "AVAILABLE");
  CHECK(list[2]["name"] == "prod");
  CHECK(list[2]["status"] == "UNAUTHENTICATED");
  CHECK(list[2]["version"] == "2.2.0");
  CHECK(out.err ==
        "Warning: the token of cluster \"prod\" has expired: run 'dcos --cluster prod auth "
        "login'\n");
}

TEST_CASE(
    "an expired token on a cluster that refuses it is UNAUTHENTICATED, one that is down "
    "UNAVAILABLE") {
  Harness h;
  h.clock = kNow;
  h.add_cluster(kUp, with_token("prod", "https://prod.example", jwt({{"exp", 1'600'000'000}})));
  h.add_cluster(kDown, with_token("lab", "https://lab.example", jwt({{"exp", 1'600'000'000}})));
  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 401,
                 R"({"code":"UNAUTHORIZED"})");
  h.http->expect("GET", "https://lab.example/dcos-metadata/dcos-version.json",
                 Error::make(ErrorKind::network, "connection refused"));
  auto out = h.run({"cluster", "list"});
  REQUIRE(out.status == 0);
  CHECK(out.out.find("prod  " + std::string(kUp) + "  UNAUTHENTICATED") != std::string::npos);
  CHECK(out.out.find("UNAVAILABLE") != std::string::npos);
  // Only the cluster that does not answer is removed by --unavailable.
  h.http->expect("GET", "https://prod.example/dcos-metadata/dcos-version.json", 401,
                 R"({"code":"UNAUTHORIZED"})");
  h.http->expect("GET", "https://lab.example/dcos-metadata/dcos-version.json",
                 Error::make(ErrorKind::network, "connection refused"));
  REQUIRE(h.run({"cluster", "remove", "--unavailable"}).status == 0);
  CHECK(std::filesystem::exists(h.dcos_dir() / "clusters" / kUp));
  CHECK_FALSE(std::filesystem::exists(h.dcos_dir() / "clusters" / kDown));
}

// Issue 13, point 12: names must tell clusters apart.
TEST_CASE("cluster rename refuses a name another cluster has, or another cluster's id") {
  Harness h;
  two_clusters(h);
  auto taken = h.run({"cluster", "rename", "lab", "prod"});
  CHECK(taken.status == 1);
  CHECK(taken.err.find("another cluster is already called \"prod\" (" + std::string(kUp) + ")") !=
        std::string::npos);
  CHECK(read_file(h.dcos_dir() / "clusters" / kDown / "dcos.toml").find("name = \"lab\"") !=
        std::string::npos);
  auto id = h.run({"cluster", "rename", "lab", kUp});
  CHECK(id.status == 1);
  CHECK(id.err.find("is the id of another cluster") != std::string::npos);
  CHECK(h.run({"cluster", "rename", "lab", "lab"}).status == 0);  // its own name is fine
}

// Issue 13, point 9: attach says what it did, on stderr.
TEST_CASE("cluster attach confirms the cluster, its URL and the token's user on stderr") {
  Harness h;
  two_clusters(h);
  auto plain = h.run({"cluster", "attach", "lab"});
  REQUIRE(plain.status == 0);
  CHECK(plain.out.empty());
  CHECK(plain.err == "Attached to cluster \"lab\" (https://lab.example)\n");
  h.add_cluster(kUp, with_token("prod", "https://prod.example", jwt({{"uid", "alice"}})));
  auto user = h.run({"cluster", "attach", "prod"});
  CHECK(user.err == "Attached to cluster \"prod\" (https://prod.example) as alice\n");
}
