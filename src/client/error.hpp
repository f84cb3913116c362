// Errors as values. Every fallible call in the client library and the commands returns a
// Result<T> (or a Status): either a value or an Error that carries a category, a one-line
// message, an optional hint and, where the caller may want to react or advise, a detail code.
// Categories decide the process exit code in one place (src/cli/errors.cpp); nothing below the
// dispatcher prints or exits.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dcos {

/// What kind of failure an Error is; the CLI maps each kind to an exit code.
enum class ErrorKind {
  generic,        ///< anything else (exit 1)
  usage,          ///< bad command line: unknown command or flag, wrong argument count (exit 2)
  not_found,      ///< the named thing does not exist (exit 3)
  auth,           ///< missing, invalid or expired credentials (exit 4)
  forbidden,      ///< authenticated but not allowed (exit 1)
  conflict,       ///< the server refuses because of concurrent work, e.g. a deployment (exit 1)
  invalid,        ///< input rejected by validation, locally or by the server (exit 1)
  config,         ///< configuration missing or malformed (exit 1)
  tls,            ///< TLS handshake or certificate failure (exit 1)
  network,        ///< connection refused, reset, DNS failure (exit 1)
  timeout,        ///< the request or the wait took too long (exit 1)
  server,         ///< the server answered 5xx (exit 1)
  cancelled,      ///< interrupted by the user (exit 130)
  still_running,  ///< waiting for a deployment gave up; it goes on in the cluster (exit 5)
  ambiguous,      ///< an id or pattern names several things and none exactly (exit 6)
  remote_exit,    ///< a command run in the cluster (task exec) failed: exit with its status
};

/// Which known situation an Error is, for callers that react to it (setup fetches the cluster's
/// CA on an unknown authority) and for the CLI, which alone knows the command words that get a
/// user out of it (src/cli/errors.cpp turns each code into its hint). Most errors have none.
enum class ErrorDetail {
  none,
  not_logged_in,          ///< the cluster refused the request for want of a valid token
  no_matching_cluster,    ///< no configured cluster has the id or name asked for
  no_cluster,             ///< no cluster is configured at all
  cluster_not_attached,   ///< several clusters are configured and none is attached
  several_attached,       ///< more than one cluster carries the attached marker
  dcos_url_unset,         ///< the cluster's configuration lacks core.dcos_url
  config_unreadable,      ///< a configuration file is not valid TOML
  tls_unknown_authority,  ///< the certificate chains to no trusted CA (or no CA is installed)
  tls_failure,            ///< any other TLS failure: wrong host, expired, handshake
  deployment_locked,      ///< Marathon refused: the deployments in Error::ids hold the object
  log_api_missing,        ///< the cluster answers 404 for the DC/OS log API (none installed)
  cosmos,      ///< Cosmos answered an error body: ids[0] is its `type` (PackageNotFound, …), then
               ///< what the type names (AmbiguousAppId's app ids, VersionNotFound's package)
  plain_http,  ///< an https:// URL reached a server that speaks plain HTTP: ids[0] is the
               ///< http:// address to use instead, ids[1] the setting the URL came from
  unreachable,         ///< connection refused or host unknown: ids[0] is the address tried, ids[1]
                       ///< the setting it came from (empty: typed in, or a document's own URL)
  env_token_rejected,  ///< the cluster refused the token taken from the variable ids[0]
  timed_out,  ///< a request ran out of time: ids are its URL, the limit ("10 s") and how far
              ///< it got ("connect", "answer": connected but nothing back, "body": incomplete)
};

/// A failure: what went wrong (one line, no trailing newline) and, where it helps, what to do.
struct Error {
  ErrorKind kind = ErrorKind::generic;
  std::string message;
  /// Advice that needs no command words (e.g. which setting to check); the CLI adds the
  /// hint of `detail` when this is empty.
  std::string hint;
  /// True when repeating the same request may succeed (connection reset, empty reply).
  bool transient = false;
  ErrorDetail detail = ErrorDetail::none;
  /// What the detail is about, when it is about named things (the locking deployments).
  std::vector<std::string> ids;
  /// For remote_exit: the exit status to pass on (1 to 255).
  int exit_status = 0;

  static Error make(ErrorKind kind, std::string message, std::string hint = {}) {
    return Error{kind, std::move(message), std::move(hint), false, ErrorDetail::none, {}, 0};
  }
  /// An Error in one of the known situations; its hint is left to whoever presents it.
  static Error detailed(ErrorKind kind, std::string message, ErrorDetail detail,
                        std::vector<std::string> ids = {}) {
    return Error{kind, std::move(message), {}, false, detail, std::move(ids), 0};
  }
  /// A failure the command has already explained on its own (e.g. `app diff` found
  /// differences): only the exit status tells it.
  static Error silent(ErrorKind kind = ErrorKind::generic) {
    return Error{kind, {}, {}, false, ErrorDetail::none, {}, 0};
  }
  /// A command run in the cluster ended with `status` (not 0): nothing is printed, and dcos
  /// exits with the same status.
  static Error remote_exit(int status) {
    return Error{ErrorKind::remote_exit, {}, {}, false, ErrorDetail::none, {}, status};
  }
};

/// Either a T or an Error. Deliberately small: has_value / value / error, nothing clever.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(data_); }
  Error&& take_error() { return std::get<Error>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

/// Success or an Error, for operations that produce no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  static Status success() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace dcos
