// Errors as values. Every fallible call in the client library and the commands returns a
// Result<T> (or a Status): either a value or an Error that carries a category, a one-line
// message and an optional hint. Categories decide the process exit code in one place
// (src/cli/errors.cpp); nothing below the dispatcher prints or exits.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

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
  still_running,  ///< --wait gave up: the deployment goes on in the cluster (exit 5)
};

/// A failure: what went wrong (one line, no trailing newline) and, where it helps, what to do.
struct Error {
  ErrorKind kind = ErrorKind::generic;
  std::string message;
  std::string hint;
  /// True when repeating the same request may succeed (connection reset, empty reply).
  bool transient = false;

  static Error make(ErrorKind kind, std::string message, std::string hint = {}) {
    return Error{kind, std::move(message), std::move(hint), false};
  }
  /// A failure the command has already explained on its own (e.g. `app diff` found
  /// differences): only the exit status tells it.
  static Error silent(ErrorKind kind = ErrorKind::generic) { return Error{kind, {}, {}, false}; }
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
