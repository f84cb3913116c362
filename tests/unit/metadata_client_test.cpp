#include <catch2/catch.hpp>

#include "client/metadata.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::ErrorKind;
using dcos::MetadataClient;
using dcos::testing::FakeTransport;

namespace {

const std::string kBase = "https://dcos.example";

struct Fixture {
  FakeTransport transport;

  MetadataClient client(const std::string& token = "tok") {
    dcos::ClientOptions options;
    options.base_url = kBase;
    options.token = token;
    options.user_agent = "dcos-test";
    options.max_attempts = 1;
    return MetadataClient(dcos::HttpClient(transport, options, {}, {}));
  }
};

}  // namespace

TEST_CASE("metadata client: version reads the upstream version document") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/dcos-metadata/dcos-version.json", 200,
                     dcos::testing::fixture("dcos", "metadata/dcos-version.dcos-ui.json"));
  auto version = f.client().version();
  REQUIRE(version.ok());
  CHECK(version->version == "2.2.0");
  CHECK(version->image_commit == "43eff42b8eb9c5bf5d27b0d56e42b9ffe9ae2b32");
  CHECK(version->bootstrap_id == "88d5b8c52eba580b9ee8418410a0d85cfe4c19e5");
  CHECK_FALSE(version->variant.has_value());  // this capture predates dcos-variant
  CHECK(version->raw["version"] == "2.2.0");
  REQUIRE(f.transport.requests.size() == 1);
  const auto& request = f.transport.requests.front();
  CHECK(request.method == "GET");
  CHECK(dcos::header_value(request.headers, "Authorization") == "token=tok");
  CHECK(dcos::header_value(request.headers, "User-Agent") == "dcos-test");
}

TEST_CASE("metadata client: version fields that are absent or not strings are unset") {
  Fixture f;
  f.transport.expect("GET", kBase + "/dcos-metadata/dcos-version.json", 200,
                     R"({"version":"","dcos-variant":"open","bootstrap-id":7})");
  auto version = f.client().version();
  REQUIRE(version.ok());
  CHECK(version->version == "");
  CHECK(version->variant == "open");
  CHECK_FALSE(version->image_commit.has_value());
  CHECK_FALSE(version->bootstrap_id.has_value());
}

TEST_CASE("metadata client: a version answer that is not a JSON object is a server error") {
  Fixture f;
  f.transport.expect("GET", kBase + "/dcos-metadata/dcos-version.json", 200, "<html></html>");
  f.transport.expect("GET", kBase + "/dcos-metadata/dcos-version.json", 200, "[1]");
  f.transport.expect("GET", kBase + "/dcos-metadata/dcos-version.json", 404, "");
  auto client = f.client();
  auto html = client.version();
  REQUIRE_FALSE(html.ok());
  CHECK(html.error().kind == ErrorKind::server);
  CHECK(html.error().message ==
        "GET /dcos-metadata/dcos-version.json did not answer with a JSON object");
  CHECK(client.version().error().kind == ErrorKind::server);
  CHECK(client.version().error().kind == ErrorKind::not_found);
  CHECK(f.transport.unused().empty());
}

TEST_CASE("metadata client: quick probe options allow 3 seconds and one attempt") {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.token = "tok";
  auto quick = dcos::quick_probe_options(options);
  CHECK(quick.timeout == std::chrono::seconds(3));
  CHECK(quick.connect_timeout == std::chrono::seconds(3));
  CHECK(quick.max_attempts == 1);
  CHECK(quick.base_url == kBase);
  CHECK(quick.token == "tok");
}

TEST_CASE("metadata client: metadata reads the cluster id of the upstream payload") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/metadata", 200,
                     dcos::testing::fixture("dcos", "metadata/metadata.dcos-ui.json"));
  auto metadata = f.client().metadata();
  REQUIRE(metadata.ok());
  CHECK(metadata->cluster_id ==
        "arn:aws:cloudformation:us-west-2:273854932432:stack/jp-ujlja1s/"
        "32421800-a023-11e5-b8c6-50442edf8e6e");
  CHECK(metadata->public_ipv4 == "52.34.108.176");
  CHECK(metadata->raw.size() == 2);
  REQUIRE(f.transport.requests.size() == 1);
  CHECK(f.transport.requests[0].method == "GET");
  CHECK(dcos::header_value(f.transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("metadata client: metadata that is not an object is a server error naming the path") {
  Fixture f;
  f.transport.expect("GET", kBase + "/metadata", 200, "\"x\"");
  auto metadata = f.client().metadata();
  REQUIRE_FALSE(metadata.ok());
  CHECK(metadata.error().kind == ErrorKind::server);
  CHECK(metadata.error().message == "GET /metadata did not answer with a JSON object");
}

TEST_CASE("metadata client: the CA certificate comes back as the server sent it") {
  Fixture f;
  const std::string pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  f.transport.expect("GET", kBase + "/ca/dcos-ca.crt", 200, pem);
  auto certificate = f.client("").ca_certificate();
  REQUIRE(certificate.ok());
  CHECK(*certificate == pem);
  REQUIRE(f.transport.requests.size() == 1);
  CHECK(f.transport.requests[0].method == "GET");
  CHECK(dcos::header_value(f.transport.requests[0].headers, "Authorization").empty());
}

TEST_CASE("metadata client: the root probe sends HEAD / and refuses an error status") {
  Fixture f;
  f.transport.expect("HEAD", kBase + "/", 200, "");
  f.transport.expect("HEAD", kBase + "/", 302, "");
  f.transport.expect("HEAD", kBase + "/", 404, "");
  f.transport.expect("HEAD", kBase + "/",
                     dcos::Error::make(ErrorKind::tls, "unable to get local issuer certificate"));
  auto client = f.client("");
  CHECK(client.probe_root().ok());
  CHECK(client.probe_root().ok());
  auto missing = client.probe_root();
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().kind == ErrorKind::server);
  CHECK(missing.error().message ==
        "no DC/OS cluster at https://dcos.example: HEAD / answered HTTP 404");
  auto untrusted = client.probe_root();
  REQUIRE_FALSE(untrusted.ok());
  CHECK(untrusted.error().kind == ErrorKind::tls);
  CHECK(untrusted.error().message == "unable to get local issuer certificate");
  CHECK(f.transport.unused().empty());
}

TEST_CASE("metadata client: the cluster name comes from the master's state summary") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect(
      "GET", kBase + "/mesos/master/state-summary", 200,
      dcos::testing::fixture("mesos", "state/master-state-summary.cassandra.dcos-ui.json"));
  f.transport.expect("GET", kBase + "/mesos/master/state-summary", 200, R"({"slaves":[]})");
  auto client = f.client();
  auto name = client.cluster_name();
  REQUIRE(name.ok());
  CHECK(*name == "kenneth-yduz2ye");
  auto unnamed = client.cluster_name();
  REQUIRE(unnamed.ok());
  CHECK(*unnamed == "");
  CHECK(dcos::header_value(f.transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("metadata client: setup probe options allow 5 seconds to connect and 10 in all") {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.timeout = std::chrono::seconds(180);
  auto probe = dcos::setup_probe_options(options);
  CHECK(probe.connect_timeout == std::chrono::seconds(5));
  CHECK(probe.timeout == std::chrono::seconds(10));
  CHECK(probe.timeout == dcos::kSetupProbeLimit);
  CHECK(probe.base_url == kBase);
}
