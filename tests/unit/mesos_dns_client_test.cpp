#include <catch2/catch.hpp>

#include "client/mesos_dns.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::ErrorKind;
using dcos::MesosDnsClient;
using dcos::testing::FakeTransport;

namespace {

const std::string kBase = "https://dcos.example";

MesosDnsClient dns(FakeTransport& transport) {
  dcos::ClientOptions options;
  options.base_url = kBase;
  options.token = "tok";
  options.max_attempts = 1;
  return MesosDnsClient(dcos::HttpClient(transport, options, {}, {}));
}

}  // namespace

TEST_CASE("mesos-dns client: hosts reads the upstream answer in the server's order") {
  REQUIRE_SHARED();
  FakeTransport transport;
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/nginx.marathon.mesos", 200,
                   dcos::testing::fixture("dcos", "mesos-dns/v1-hosts.mesos-dns-docs.json"));
  auto hosts = dns(transport).hosts("nginx.marathon.mesos");
  REQUIRE(hosts.ok());
  REQUIRE(hosts->size() == 3);
  CHECK((*hosts)[0].host == "nginx.marathon.mesos.");
  CHECK((*hosts)[0].ip == "10.249.219.155");
  CHECK((*hosts)[2].ip == "10.156.230.230");
  CHECK((*hosts)[1].raw ==
        nlohmann::json{{"host", "nginx.marathon.mesos."}, {"ip", "10.190.238.173"}});
  REQUIRE(transport.requests.size() == 1);
  CHECK(transport.requests[0].method == "GET");
  CHECK(dcos::header_value(transport.requests[0].headers, "Authorization") == "token=tok");
}

TEST_CASE("mesos-dns client: entries that are not objects are skipped, a non-list is an error") {
  FakeTransport transport;
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/master.mesos", 200,
                   R"([1,{"host":"master.mesos.","ip":"10.0.0.1"},null])");
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/master.mesos", 200, "[]");
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/master.mesos", 200, R"({"host":"x"})");
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/master.mesos", 503, "");
  auto client = dns(transport);
  auto some = client.hosts("master.mesos");
  REQUIRE(some.ok());
  REQUIRE(some->size() == 1);
  CHECK(some->front().ip == "10.0.0.1");
  auto none = client.hosts("master.mesos");
  REQUIRE(none.ok());
  CHECK(none->empty());
  auto object = client.hosts("master.mesos");
  REQUIRE_FALSE(object.ok());
  CHECK(object.error().kind == ErrorKind::server);
  CHECK(object.error().message == "Mesos-DNS did not answer with a list of hosts");
  CHECK(client.hosts("master.mesos").error().kind == ErrorKind::server);
  CHECK(transport.unused().empty());
}

TEST_CASE("mesos-dns client: the name is one path segment") {
  FakeTransport transport;
  transport.expect("GET", kBase + "/mesos_dns/v1/hosts/a%2Fb.mesos", 200, "[]");
  CHECK(dns(transport).hosts("a/b.mesos").ok());
  CHECK(transport.unexpected.empty());
}
