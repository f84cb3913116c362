// The fake transport's end-of-test check, tested on its own: every other unit test relies on
// it failing them when they leave an expectation unused or send a request they did not expect.
#include <catch2/catch.hpp>

#include "support/fake_transport.hpp"
#include "support/harness.hpp"

using dcos::HttpRequest;
using dcos::testing::FakeTransport;

namespace {

HttpRequest request(const std::string& method, const std::string& url) {
  HttpRequest sent;
  sent.method = method;
  sent.url = url;
  return sent;
}

/// Runs `use` on a fresh fake and returns what the fake reported when it was destroyed.
template <typename Use>
std::vector<std::string> reported_after(Use use) {
  std::vector<std::string> reported;
  {
    FakeTransport fake;
    fake.report_problems_to([&](const std::vector<std::string>& problems) { reported = problems; });
    use(fake);
  }
  return reported;
}

}  // namespace

TEST_CASE("the fake reports nothing when every expectation is used and every request expected") {
  auto reported = reported_after([](FakeTransport& fake) {
    fake.expect("GET", "https://a.example/one", 200, "one");
    CHECK(fake.perform(request("GET", "https://a.example/one")).ok());
  });
  CHECK(reported.empty());
}

TEST_CASE("the fake reports an expectation no request used and a request nothing expected") {
  auto reported = reported_after([](FakeTransport& fake) {
    fake.expect("GET", "https://a.example/one", 200, "one");
    fake.expect("DELETE", "https://a.example/two", 204, "");
    CHECK(fake.perform(request("GET", "https://a.example/one")).ok());
    CHECK_FALSE(fake.perform(request("POST", "https://a.example/three")).ok());
  });
  CHECK(reported ==
        std::vector<std::string>{"not expected: POST https://a.example/three",
                                 "expected but never sent: DELETE https://a.example/two"});
}

TEST_CASE("allow_unused accepts unused expectations but still reports unexpected requests") {
  auto unused_only = reported_after([](FakeTransport& fake) {
    fake.allow_unused("this test checks the opt-out itself");
    fake.expect("GET", "https://a.example/one", 200, "one");
  });
  CHECK(unused_only.empty());

  auto unexpected_too = reported_after([](FakeTransport& fake) {
    fake.allow_unused("this test checks the opt-out itself");
    fake.expect("GET", "https://a.example/one", 200, "one");
    CHECK_FALSE(fake.perform(request("GET", "https://a.example/other")).ok());
  });
  CHECK(unexpected_too == std::vector<std::string>{"not expected: GET https://a.example/other"});
}

// The two cases below must FAIL: [!shouldfail] makes Catch2 report them as passing only when
// they do. Neither asserts anything itself, so the failure can come only from the fake's
// default end-of-test check; were that check lost, these cases would pass and so fail the run.
TEST_CASE("a test that leaves an expectation unused fails on its own", "[!shouldfail]") {
  FakeTransport fake;
  fake.expect("GET", "https://a.example/never", 200, "");
}

TEST_CASE("a test that sends an unexpected request fails on its own", "[!shouldfail]") {
  FakeTransport fake;
  (void)fake.perform(request("GET", "https://a.example/surprise"));
}

TEST_CASE("a Harness test whose command never sends the expected request fails on its own",
          "[!shouldfail]") {
  dcos::testing::ClusterHarness h;
  h.http->expect("GET", dcos::testing::kMarathonUrl + "/v2/apps", 200, R"({"apps":[]})");
  (void)h.run({"config", "show", "core.dcos_url"});
}
