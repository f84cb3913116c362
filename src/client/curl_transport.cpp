#include "client/curl_transport.hpp"

#include <curl/curl.h>
#include <dlfcn.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <string>

#include "client/strings.hpp"

namespace dcos {
namespace {

/// The few libcurl entry points we use, resolved from libcurl.so.4 at run time.
struct CurlApi {
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_reset)(CURL*) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
};

template <typename F>
bool resolve(void* library, const char* name, F& target) {
  target = reinterpret_cast<F>(dlsym(library, name));
  return target != nullptr;
}

/// Loads libcurl once per process; later calls return the same table or the same error.
Result<const CurlApi*> load_curl() {
  static CurlApi api;
  static std::string failure;
  static bool loaded = [] {
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* reason = dlerror();
      failure = reason != nullptr ? reason : "unknown dlopen failure";
      return false;
    }
    bool all = resolve(library, "curl_global_init", api.global_init) &&
               resolve(library, "curl_easy_init", api.easy_init) &&
               resolve(library, "curl_easy_setopt", api.easy_setopt) &&
               resolve(library, "curl_easy_perform", api.easy_perform) &&
               resolve(library, "curl_easy_getinfo", api.easy_getinfo) &&
               resolve(library, "curl_easy_reset", api.easy_reset) &&
               resolve(library, "curl_easy_cleanup", api.easy_cleanup) &&
               resolve(library, "curl_slist_append", api.slist_append) &&
               resolve(library, "curl_slist_free_all", api.slist_free_all) &&
               resolve(library, "curl_easy_strerror", api.easy_strerror);
    if (!all) {
      failure = "libcurl.so.4 lacks an expected function";
      return false;
    }
    api.global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  if (!loaded) {
    return Error::make(ErrorKind::generic, "cannot load the HTTP library: " + failure,
                       "install the libcurl4 package (apt-get install libcurl4)");
  }
  return &api;
}

/// Owns a curl_slist and frees it with the loaded library.
class HeaderList {
 public:
  explicit HeaderList(const CurlApi& api) : api_(api) {}
  ~HeaderList() {
    if (list_ != nullptr) api_.slist_free_all(list_);
  }
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  void add(const std::string& line) { list_ = api_.slist_append(list_, line.c_str()); }
  curl_slist* get() const { return list_; }

 private:
  const CurlApi& api_;
  curl_slist* list_ = nullptr;
};

size_t write_body(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

/// What the body and progress callbacks of one transfer work with.
struct Transfer {
  const CurlApi* api = nullptr;
  CURL* curl = nullptr;
  HttpResponse* response = nullptr;
  const ResponseSink* sink = nullptr;  ///< null: the body is collected in response->body
  const std::atomic<bool>* interrupted = nullptr;
  const HttpRequest* request = nullptr;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool answered = false;  ///< some of the answer (its status line at least) has come
  bool told_slow = false;
  bool head_given = false;
  bool stopped = false;  ///< the sink asked to stop: not an error

  /// Hands the head to the sink once; false when the sink wants no more.
  bool give_head() {
    if (head_given) return !stopped;
    head_given = true;
    api->easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
    if (sink->on_head && !sink->on_head(*response)) stopped = true;
    return !stopped;
  }
};

size_t write_header(char* data, size_t size, size_t count, void* target) {
  auto* transfer = static_cast<Transfer*>(target);
  transfer->answered = true;
  HttpResponse* response = transfer->response;
  std::string_view line(data, size * count);
  if (starts_with(line, "HTTP/")) {
    response->headers.clear();  // a new response after a redirect or 100 Continue
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    response->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                   std::string(trim(line.substr(colon + 1))));
    return size * count;
  }
  // The blank line after the headers: a stream's head goes to the sink now, not with the
  // first piece of its body, which may be long in coming (a command's output, a quiet log).
  if (transfer->sink != nullptr && trim(line).empty() && !transfer->head_given) {
    long status = 0;
    transfer->api->easy_getinfo(transfer->curl, CURLINFO_RESPONSE_CODE, &status);
    const bool redirect =
        status >= 300 && status < 400 && !header_value(response->headers, "Location").empty();
    if (status >= 200 && !redirect && !transfer->give_head()) return 0;
  }
  return size * count;
}

size_t write_streamed(char* data, size_t size, size_t count, void* target) {
  auto* transfer = static_cast<Transfer*>(target);
  const size_t bytes = size * count;
  if (!transfer->give_head()) return 0;  // a short count makes libcurl stop the transfer
  if (transfer->sink->on_data && !transfer->sink->on_data(std::string_view(data, bytes))) {
    transfer->stopped = true;
    return 0;
  }
  return bytes;
}

int check_progress(void* target, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(target);
  if (transfer->interrupted != nullptr && transfer->interrupted->load()) return 1;
  const HttpRequest& request = *transfer->request;
  if (request.on_slow && !transfer->answered && !transfer->told_slow &&
      std::chrono::steady_clock::now() - transfer->started >= request.slow_after) {
    transfer->told_slow = true;
    request.on_slow();
  }
  if (transfer->sink != nullptr && transfer->sink->keep_going && !transfer->sink->keep_going()) {
    transfer->stopped = true;
    return 1;
  }
  return 0;
}

size_t read_source(char* buffer, size_t size, size_t count, void* source) {
  return (*static_cast<const BodySource*>(source))(buffer, size * count);
}

std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of(":/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// scheme://host[:port] of `url`, with `scheme` in place of its own.
std::string origin_of(const std::string& url, const std::string& scheme) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  return scheme + "://" +
         url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// True when a TLS handshake failed because the server answered in plain HTTP: OpenSSL reads
/// the start of "HTTP/1.1 400" as a TLS record and names what is wrong with it.
bool plain_http_answer(CURLcode code, const std::string& reason, const HttpRequest& request) {
  if (code != CURLE_SSL_CONNECT_ERROR || !starts_with(request.url, "https://")) return false;
  const std::string lower = to_lower(reason);
  for (const char* sign : {"wrong version number", "packet length too long", "unknown protocol",
                           "record layer failure"}) {
    if (lower.find(sign) != std::string::npos) return true;
  }
  return false;
}

/// True when the TLS failure means that no trusted authority vouches for the server: its issuer
/// is unknown, it signed itself, or there is no CA bundle to check against at all. The
/// certificate verification result is OpenSSL's X509 error number (libcurl.so.4 is the
/// OpenSSL build of libcurl).
bool unknown_authority(CURLcode code, long verify_result, const HttpRequest& request) {
  if (code == CURLE_SSL_CACERT_BADFILE) return request.tls.ca_file.empty();  // no system bundle
  if (code != CURLE_PEER_FAILED_VERIFICATION) return false;
  switch (verify_result) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      return true;
    default:
      return false;
  }
}

/// How far a request got before its time ran out.
struct Progress {
  bool connected = false;
  bool answered = false;
};

/// "10 s", "0.3 s".
std::string seconds_text(std::chrono::milliseconds limit) {
  const auto ms = limit.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
}

/// A request that ran out of time; ids: the URL, the limit that ran out ("10 s") and how far
/// it got: "connect" (no connection), "answer" (connected, not a byte back) or "body" (the
/// answer was still coming). src/cli/errors.cpp words the hint from them.
Error timeout_error(Progress progress, const HttpRequest& request) {
  const bool total_first =
      request.timeout.count() > 0 &&
      (request.connect_timeout.count() <= 0 || request.timeout <= request.connect_timeout);
  if (!progress.connected) {
    const std::string limit = seconds_text(total_first ? request.timeout : request.connect_timeout);
    return Error::detailed(ErrorKind::timeout,
                           "cannot connect to " + request.url + ": no connection within " + limit,
                           ErrorDetail::timed_out, {request.url, limit, "connect"});
  }
  const std::string limit = seconds_text(request.timeout);
  if (!progress.answered)
    return Error::detailed(ErrorKind::timeout, "no answer from " + request.url + " within " + limit,
                           ErrorDetail::timed_out, {request.url, limit, "answer"});
  return Error::detailed(ErrorKind::timeout,
                         "the answer from " + request.url + " was not complete within " + limit,
                         ErrorDetail::timed_out, {request.url, limit, "body"});
}

std::string scheme_of(const HttpRequest& request) {
  auto end = request.url.find("://");
  return end == std::string::npos ? "http" : request.url.substr(0, end);
}

Error transfer_error(CURLcode code, long verify_result, const CurlApi& api, const char* detail,
                     const HttpRequest& request, Progress progress) {
  std::string reason = detail[0] != '\0' ? detail : api.easy_strerror(code);
  switch (code) {
    // The hint depends on where the URL came from, which the HttpClient knows (Error::ids).
    case CURLE_COULDNT_CONNECT:
      return Error::detailed(ErrorKind::network, "cannot connect to " + request.url + ": " + reason,
                             ErrorDetail::unreachable,
                             {origin_of(request.url, scheme_of(request))});
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return Error::detailed(
          ErrorKind::network, "cannot resolve the host of " + request.url + ": " + reason,
          ErrorDetail::unreachable, {origin_of(request.url, scheme_of(request))});
    case CURLE_OPERATION_TIMEDOUT:
      return timeout_error(progress, request);
    case CURLE_SSL_CONNECT_ERROR:
      if (plain_http_answer(code, reason, request))
        return Error::detailed(
            ErrorKind::tls,
            "TLS error with " + origin_of(request.url, "https") + ": the server speaks plain HTTP",
            ErrorDetail::plain_http, {origin_of(request.url, "http")});
      [[fallthrough]];
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE: {
      std::string ca = request.tls.ca_file.empty() ? "system CA certificates" : request.tls.ca_file;
      return Error::detailed(
          ErrorKind::tls, "TLS error with " + host_of(request.url) + " (CA: " + ca + "): " + reason,
          unknown_authority(code, verify_result, request) ? ErrorDetail::tls_unknown_authority
                                                          : ErrorDetail::tls_failure);
    }
    case CURLE_ABORTED_BY_CALLBACK:
      return Error::make(ErrorKind::cancelled, "interrupted");
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE: {
      Error error = Error::make(ErrorKind::network,
                                "connection to " + host_of(request.url) + " failed: " + reason);
      error.transient = true;
      return error;
    }
    default:
      return Error::make(ErrorKind::network, "request to " + request.url + " failed: " + reason);
  }
}

}  // namespace

struct CurlTransport::Impl {
  const CurlApi* api = nullptr;
  CURL* handle = nullptr;
  ~Impl() {
    if (handle != nullptr) api->easy_cleanup(handle);
  }
};

CurlTransport::CurlTransport(const std::atomic<bool>* interrupted)
    : impl_(std::make_unique<Impl>()), interrupted_(interrupted) {}

CurlTransport::~CurlTransport() = default;

Result<HttpResponse> CurlTransport::perform(const HttpRequest& request) {
  return run(request, nullptr);
}

Result<HttpResponse> CurlTransport::perform_stream(const HttpRequest& request,
                                                   const ResponseSink& sink) {
  return run(request, &sink);
}

Result<HttpResponse> CurlTransport::run(const HttpRequest& request, const ResponseSink* sink) {
  if (impl_->api == nullptr) {
    auto api = load_curl();
    if (!api) return api.error();
    impl_->api = *api;
    impl_->handle = impl_->api->easy_init();
    if (impl_->handle == nullptr) {
      return Error::make(ErrorKind::generic, "cannot initialise the HTTP library");
    }
  }
  const CurlApi& api = *impl_->api;
  CURL* curl = impl_->handle;
  api.easy_reset(curl);  // clears options, keeps the connection cache

  HttpResponse response;
  Transfer transfer{&api, curl, &response, sink, interrupted_, &request};
  char detail[CURL_ERROR_SIZE] = {0};
  HeaderList headers(api);
  for (const auto& [name, value] : request.headers) headers.add(name + ": " + value);
  headers.add("Expect:");  // no 100-continue round trip for request bodies
  if (request.body_source) headers.add("Transfer-Encoding: chunked");

  api.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  api.easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                  static_cast<long>(request.connect_timeout.count()));
  api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  if (sink != nullptr) {
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_streamed);
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  } else {
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  }
  api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  api.easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (interrupted_ != nullptr || (sink != nullptr && sink->keep_going) || request.on_slow) {
    api.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_progress);
    api.easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
  }
  if (!request.tls.verify) {
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!request.tls.ca_file.empty()) {
    api.easy_setopt(curl, CURLOPT_CAINFO, request.tls.ca_file.c_str());
  }

  if (request.method == "HEAD") {
    api.easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (request.body_source) {
    api.easy_setopt(curl, CURLOPT_POST, 1L);
    if (request.method != "POST")
      api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    api.easy_setopt(curl, CURLOPT_READFUNCTION, read_source);
    api.easy_setopt(curl, CURLOPT_READDATA, &request.body_source);
  } else if (request.method != "GET" || !request.body.empty()) {
    api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method != "DELETE") {
      api.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
      api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                      static_cast<curl_off_t>(request.body.size()));
    }
  }

  CURLcode code = api.easy_perform(curl);
  if (transfer.stopped) code = CURLE_OK;  // the sink had what it wanted
  if (code != CURLE_OK) {
    long verify_result = X509_V_OK;  // set by libcurl only when it checked a certificate
    api.easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verify_result);
    // Seconds until the request could be sent (a reused connection: almost none); 0 when the
    // connection (TLS included) never stood.
    double ready_time = 0;
    api.easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME, &ready_time);
    return transfer_error(code, verify_result, api, detail, request,
                          {ready_time > 0, transfer.answered});
  }
  api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  if (sink != nullptr) transfer.give_head();  // a response without a body still has a head
  return response;
}

}  // namespace dcos
