// A Transport for unit tests: serves canned responses for expected requests, records every
// request, and remembers unexpected ones (which fail) and expectations never used.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "client/http.hpp"

namespace dcos::testing {

class FakeTransport : public Transport {
 public:
  /// Serves `response` once for the next `method` `url` request (in the order added).
  void expect(const std::string& method, const std::string& url, Result<HttpResponse> response) {
    stubs_.push_back(Stub{method, url, std::move(response)});
  }
  void expect(const std::string& method, const std::string& url, long status,
              const std::string& body, Headers headers = {}) {
    expect(method, url, HttpResponse{status, std::move(headers), body});
  }

  /// Thread-safe: commands may send requests from several threads at once.
  Result<HttpResponse> perform(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    for (auto it = stubs_.begin(); it != stubs_.end(); ++it) {
      if (it->method == request.method && it->url == request.url) {
        auto response = std::move(it->response);
        stubs_.erase(it);
        return response;
      }
    }
    unexpected.push_back(request.method + " " + request.url);
    return Error::make(ErrorKind::generic,
                       "fake transport: unexpected " + request.method + " " + request.url);
  }

  /// Expectations that no request used.
  std::vector<std::string> unused() const {
    std::vector<std::string> names;
    for (const auto& stub : stubs_) names.push_back(stub.method + " " + stub.url);
    return names;
  }

  std::vector<HttpRequest> requests;
  std::vector<std::string> unexpected;

 private:
  struct Stub {
    std::string method;
    std::string url;
    Result<HttpResponse> response;
  };
  std::deque<Stub> stubs_;
  std::mutex mutex_;
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
