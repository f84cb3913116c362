// The libcurl implementation of Transport. libcurl is loaded with dlopen on the first request,
// so that commands which never touch the network (help, version without a cluster, config,
// completion) do not pay for the ~35 shared libraries it pulls in. One easy handle is kept for
// the life of the transport, so consecutive requests reuse the connection.
#pragma once

#include <atomic>
#include <memory>

#include "client/http.hpp"

namespace dcos {

class CurlTransport final : public Transport {
 public:
  /// `interrupted`, when given, aborts a transfer in flight as soon as it becomes true.
  explicit CurlTransport(const std::atomic<bool>* interrupted = nullptr);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> perform(const HttpRequest& request) override;
  Result<HttpResponse> perform_stream(const HttpRequest& request,
                                      const ResponseSink& sink) override;

 private:
  Result<HttpResponse> run(const HttpRequest& request, const ResponseSink* sink);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  const std::atomic<bool>* interrupted_;
};

}  // namespace dcos
