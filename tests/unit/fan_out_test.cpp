#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "client/fan_out.hpp"
#include "support/fake_transport.hpp"

using dcos::ClientFactory;
using dcos::ClientOptions;
using dcos::ErrorKind;
using dcos::FanOutJob;
using dcos::HttpClient;
using dcos::Result;
using dcos::testing::FakeTransport;
using dcos::testing::SharedTransport;

namespace {

/// A factory over one fake that counts the transports it makes and records which thread used
/// which transport.
struct Recorder {
  std::shared_ptr<FakeTransport> fake = std::make_shared<FakeTransport>();
  size_t transports = 0;
  std::mutex mutex;
  std::map<const dcos::Transport*, std::set<std::thread::id>> users;

  ClientFactory factory() {
    return {[this] {
              ++transports;
              return std::make_unique<SharedTransport>(fake);
            },
            [this](ClientOptions options, dcos::Transport& transport) {
              std::lock_guard lock(mutex);
              users[&transport].insert(std::this_thread::get_id());
              return HttpClient(transport, std::move(options), {}, {});
            }};
  }
};

ClientOptions options_for(const std::string& base) {
  ClientOptions options;
  options.base_url = base;
  options.token = "tok";
  options.max_attempts = 1;
  return options;
}

/// A job that reads one item's body.
FanOutJob<std::string> read_item(int item) {
  return {options_for("https://dcos.example"), [item](HttpClient http) -> Result<std::string> {
            auto response = http.get("/items/" + std::to_string(item));
            if (!response) return response.take_error();
            return response->body;
          }};
}

/// Six items; the third is missing (404) and the fifth's connection is refused.
void expect_items(FakeTransport& fake) {
  for (int item = 0; item < 6; ++item) {
    std::string url = "https://dcos.example/items/" + std::to_string(item);
    if (item == 2) {
      fake.expect("GET", url, 404, "");
    } else if (item == 4) {
      fake.expect("GET", url, dcos::Error::make(ErrorKind::network, "connection refused"));
    } else {
      fake.expect("GET", url, 200, "body " + std::to_string(item));
    }
  }
}

void check_items(const std::vector<Result<std::string>>& results) {
  REQUIRE(results.size() == 6);
  for (int item : {0, 1, 3, 5}) {
    INFO(item);
    REQUIRE(results[item].ok());
    CHECK(*results[item] == "body " + std::to_string(item));
  }
  REQUIRE_FALSE(results[2].ok());
  CHECK(results[2].error().kind == ErrorKind::not_found);
  REQUIRE_FALSE(results[4].ok());
  CHECK(results[4].error().kind == ErrorKind::network);
  CHECK(results[4].error().message == "connection refused");
}

}  // namespace

TEST_CASE("fan-out: results come back in job order and each error stays with its job") {
  Recorder recorder;
  expect_items(*recorder.fake);
  std::vector<FanOutJob<std::string>> jobs;
  for (int item = 0; item < 6; ++item) jobs.push_back(read_item(item));
  auto results = dcos::fan_out(recorder.factory(), std::move(jobs));
  check_items(results);
  CHECK(recorder.transports == 6);  // no limit: a thread, and a connection, per job
  CHECK(recorder.fake->requests.size() == 6);
  CHECK(recorder.fake->unexpected.empty());
  CHECK(recorder.fake->unused().empty());
}

TEST_CASE("fan-out: a thread limit shares the jobs out and never a transport across threads") {
  Recorder recorder;
  expect_items(*recorder.fake);
  std::vector<FanOutJob<std::string>> jobs;
  for (int item = 0; item < 6; ++item) jobs.push_back(read_item(item));
  auto results = dcos::fan_out(recorder.factory(), std::move(jobs), {.max_threads = 2});
  check_items(results);
  CHECK(recorder.transports == 2);
  CHECK(recorder.users.size() <= 2);
  for (const auto& [transport, threads] : recorder.users) CHECK(threads.size() == 1);
  CHECK(recorder.fake->unused().empty());
}

TEST_CASE("fan-out: each job talks to the cluster its options name") {
  Recorder recorder;
  recorder.fake->expect("GET", "https://a.example/v", 200, "a");
  recorder.fake->expect("GET", "https://b.example/v", 200, "b");
  std::vector<FanOutJob<std::string>> jobs;
  for (const char* base : {"https://a.example", "https://b.example"}) {
    auto options = options_for(base);
    options.token = std::string("token-") + base[8];
    jobs.push_back({options, [](HttpClient http) -> Result<std::string> {
                      auto response = http.get("/v");
                      if (!response) return response.take_error();
                      return response->body;
                    }});
  }
  auto results = dcos::fan_out(recorder.factory(), std::move(jobs));
  REQUIRE(results.size() == 2);
  CHECK(*results[0] == "a");
  CHECK(*results[1] == "b");
  for (const auto& request : recorder.fake->requests) {
    std::string expected = request.url == "https://a.example/v" ? "token=token-a" : "token=token-b";
    CHECK(dcos::header_value(request.headers, "Authorization") == expected);
  }
}

TEST_CASE("fan-out: a job that throws ends with an error of its own") {
  Recorder recorder;
  recorder.fake->expect("GET", "https://dcos.example/items/0", 200, "body 0");
  std::vector<FanOutJob<std::string>> jobs;
  jobs.push_back(read_item(0));
  jobs.push_back({options_for("https://dcos.example"),
                  [](HttpClient) -> Result<std::string> { throw std::runtime_error("boom"); }});
  auto results = dcos::fan_out(recorder.factory(), std::move(jobs));
  REQUIRE(results.size() == 2);
  CHECK(*results[0] == "body 0");
  REQUIRE_FALSE(results[1].ok());
  CHECK(results[1].error().kind == ErrorKind::generic);
  CHECK(results[1].error().message.find("boom") != std::string::npos);
}

TEST_CASE("fan-out: started jobs run while the caller works, and no jobs need no transport") {
  Recorder recorder;
  recorder.fake->expect("GET", "https://dcos.example/items/1", 200, "body 1");
  recorder.fake->expect("GET", "https://dcos.example/main", 200, "main");
  std::vector<FanOutJob<std::string>> jobs;
  jobs.push_back(read_item(1));
  dcos::FanOut<std::string> side(recorder.factory(), std::move(jobs));
  // The caller's own request, on a transport of its own, while the side job may be running.
  FakeTransport& fake = *recorder.fake;
  HttpClient main_client(fake, options_for("https://dcos.example"), {}, {});
  CHECK(main_client.get("/main")->body == "main");
  auto results = side.wait();
  REQUIRE(results.size() == 1);
  CHECK(*results[0] == "body 1");
  CHECK(recorder.fake->unused().empty());

  Recorder idle;
  auto none = dcos::fan_out(idle.factory(), std::vector<FanOutJob<std::string>>{});
  CHECK(none.empty());
  CHECK(idle.transports == 0);
}
