// What the Marathon client's unit tests share: the Marathon URL of the harness's cluster, its
// upstream payloads, and a MarathonClient on a fake transport that tries each request once.
#pragma once

#include <string>

#include "client/marathon.hpp"
#include "support/fake_transport.hpp"
#include "support/harness.hpp"

namespace dcos::testing {

inline const std::string kMarathonBase = "https://dcos.example/service/marathon";

/// The text of ../shared/fixtures/marathon/<name>.
inline std::string marathon_fixture(const std::string& name) { return fixture("marathon", name); }

/// A Marathon client with the token "tok" on `transport`, one attempt per request.
inline MarathonClient marathon_on(FakeTransport& transport) {
  ClientOptions options;
  options.base_url = kMarathonBase;
  options.token = "tok";
  options.max_attempts = 1;
  return MarathonClient(HttpClient(transport, options, {}, {}));
}

/// A fake transport and a Marathon client on it.
struct MarathonFixture {
  FakeTransport transport;
  MarathonClient marathon() { return marathon_on(transport); }
};

}  // namespace dcos::testing
