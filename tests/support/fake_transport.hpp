// A Transport for unit tests: serves canned responses for expected requests and records every
// request. It is strict, like gh's httpmock Verify: when the fake is destroyed at the end of a
// test, an expectation that no request used or a request that no expectation matched fails
// that test, without the test asking. A test that means to leave expectations unused says so,
// with its reason, through allow_unused().
#pragma once

#include <catch2/catch.hpp>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "client/http.hpp"

namespace dcos::testing {

/// Receives what the end-of-test check found (maybe nothing); the default fails the running
/// Catch2 test when there is something.
using ProblemReporter = std::function<void(const std::vector<std::string>& problems)>;

/// The default reporter: one CHECK, which fails naming every problem the fake found.
inline void fail_running_test(const std::vector<std::string>& problems) {
  std::string listed;
  for (const auto& problem : problems) listed += "\n  " + problem;
  INFO("the fake transport was not used as the test expected:" << listed);
  CHECK(problems.empty());
}

class FakeTransport : public Transport {
 public:
  FakeTransport() = default;
  FakeTransport(const FakeTransport&) = delete;
  FakeTransport& operator=(const FakeTransport&) = delete;

  /// The end-of-test check. It stays quiet while an exception unwinds the test (a REQUIRE
  /// already failed it, so the leftovers would only repeat that failure).
  ~FakeTransport() override {
    if (std::uncaught_exceptions() > 0) return;
    reporter_(problems());
  }

  /// Serves `response` once for the next `method` `url` request (in the order added).
  void expect(const std::string& method, const std::string& url, Result<HttpResponse> response) {
    std::lock_guard lock(mutex_);
    expected_.push_back(Expectation{method, url, std::move(response), {}});
  }
  void expect(const std::string& method, const std::string& url, long status,
              const std::string& body, Headers headers = {}) {
    expect(method, url, HttpResponse{status, std::move(headers), body});
  }

  /// Serves `response` once for the next `method` `url` request whose body contains
  /// `body_part`: for calls that share a URL and differ by body (the Mesos operator API), sent
  /// in parallel in an order no test can know.
  void expect_call(const std::string& method, const std::string& url, const std::string& body_part,
                   long status, const std::string& body) {
    std::lock_guard lock(mutex_);
    expected_.push_back(Expectation{method, url, HttpResponse{status, {}, body}, body_part});
  }

  /// The opt-out for a test that deliberately leaves expectations unused (for example one that
  /// expects more retries than the client makes): the end-of-test check then accepts them.
  /// Unexpected requests still fail. `why` says why, for the reader of the test; an empty
  /// reason does not opt out.
  void allow_unused(std::string why) {
    std::lock_guard lock(mutex_);
    unused_allowed_because_ = std::move(why);
  }

  /// Where the end-of-test check reports; only the fake's own tests replace the default.
  void report_problems_to(ProblemReporter reporter) { reporter_ = std::move(reporter); }

  /// Thread-safe: commands may send requests from several threads at once.
  Result<HttpResponse> perform(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    for (auto it = expected_.begin(); it != expected_.end(); ++it) {
      if (it->method == request.method && it->url == request.url &&
          (it->body_part.empty() || request.body.find(it->body_part) != std::string::npos)) {
        auto response = std::move(it->response);
        expected_.erase(it);
        return response;
      }
    }
    unexpected.push_back(request.method + " " + request.url);
    return Error::make(ErrorKind::generic,
                       "fake transport: unexpected " + request.method + " " + request.url);
  }

  /// Expectations that no request used.
  std::vector<std::string> unused() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const auto& expectation : expected_)
      names.push_back(expectation.method + " " + expectation.url +
                      (expectation.body_part.empty() ? "" : " (" + expectation.body_part + ")"));
    return names;
  }

  /// What the end-of-test check reports: each unused expectation (unless allowed) and each
  /// unexpected request.
  std::vector<std::string> problems() const {
    std::vector<std::string> found;
    bool unused_allowed = false;
    {
      std::lock_guard lock(mutex_);
      unused_allowed = !unused_allowed_because_.empty();
      for (const auto& request : unexpected) found.push_back("not expected: " + request);
    }
    if (!unused_allowed) {
      for (const auto& name : unused()) found.push_back("expected but never sent: " + name);
    }
    return found;
  }

  std::vector<HttpRequest> requests;
  std::vector<std::string> unexpected;

 private:
  struct Expectation {
    std::string method;
    std::string url;
    Result<HttpResponse> response;
    std::string body_part;  ///< "" matches any body
  };
  std::deque<Expectation> expected_;
  std::string unused_allowed_because_;
  ProblemReporter reporter_ = fail_running_test;
  mutable std::mutex mutex_;
};

/// Lets a Context own a transport while the test keeps the fake.
class SharedTransport : public Transport {
 public:
  explicit SharedTransport(std::shared_ptr<Transport> target) : target_(std::move(target)) {}
  Result<HttpResponse> perform(const HttpRequest& request) override {
    return target_->perform(request);
  }

 private:
  std::shared_ptr<Transport> target_;
};

}  // namespace dcos::testing
