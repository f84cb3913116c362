#include "cli/errors.hpp"

namespace dcos {
namespace {

/// The advice for a Cosmos error, by its type (ids[0]).
std::string cosmos_hint(const Error& error) {
  if (error.ids.empty()) return {};
  const std::string& type = error.ids.front();
  if (type == "PackageNotFound") return "find the package's name with 'dcos package search'";
  if (type == "VersionNotFound" && error.ids.size() > 1)
    return "see its versions with 'dcos package describe " + error.ids[1] + " --package-versions'";
  if (type == "PackageNotInstalled" || type == "UninstallNonExistentAppForPackage")
    return "see what is installed with 'dcos package list'";
  if (type == "AmbiguousAppId")
    return "name one with --app-id <app-id>, or add --all to uninstall every one";
  if (type == "PackageAlreadyInstalled")
    return "install another instance under an id of its own with --app-id (or the package's "
           "name option)";
  if (type == "MultipleFrameworkIds")
    return "shut them down with 'dcos service shutdown <framework-id>'";
  if (type == "RepositoryAlreadyPresent" || type == "RepositoryNotPresent")
    return "see the repositories with 'dcos package repo list'";
  if (type == "JsonSchemaMismatch" || type == "OptionsNotAllowed")
    return "see the package's options with 'dcos package describe <package> --config'";
  return {};
}

/// The advice for a request that ran out of time (ids: URL, limit, how far it got). It never
/// asks someone who has just waited the whole limit for an answer that never began to wait
/// longer: only an answer that was still coming may just need more time.
std::string timeout_hint(const Error& error) {
  if (error.ids.size() < 3) return {};
  const std::string& url = error.ids[0];
  const std::string& stage = error.ids[2];
  if (stage == "connect")
    return "check that " + url +
           " is right and that the cluster is up and reachable from here (a firewall may be "
           "dropping the connection)";
  if (stage == "answer")
    return "the server took the connection but never answered: check that " + url +
           " is a DC/OS cluster and that the cluster is healthy (core.timeout, or DCOS_TIMEOUT, "
           "limits how long requests wait)";
  return "the answer from " + url + " was still coming after " + error.ids[1] +
         "; if it is just large, raise core.timeout (or DCOS_TIMEOUT; 0 means no limit)";
}

/// An https:// URL reached a plain-HTTP server: ids[0] the http:// URL, ids[1] its setting.
std::string plain_http_hint(const Error& error) {
  if (error.ids.empty()) return {};
  std::string hint = "the server speaks plain HTTP: did you mean " + error.ids[0] + "?";
  if (error.ids.size() > 1 && !error.ids[1].empty())
    hint += " If so, run 'dcos config set " + error.ids[1] + " " + error.ids[0] + "'";
  return hint;
}

/// Nothing answers at an address: name the setting it came from, or the address itself when
/// it was typed in (cluster setup) or is a document's URL (app add https://…).
std::string unreachable_hint(const Error& error) {
  if (error.ids.size() > 1 && !error.ids[1].empty())
    return "check that " + error.ids[1] + " is right and the cluster is reachable";
  if (error.ids.empty()) return "check that the address is right and the server is reachable";
  return "check that " + error.ids[0] + " is the right address and the server is reachable";
}

/// The advice for a detail code; these name commands and flags, which the client never does.
std::string detail_hint(const Error& error) {
  switch (error.detail) {
    case ErrorDetail::none:
    case ErrorDetail::log_api_missing:  // commands fall back to the files API instead
      return {};
    case ErrorDetail::not_logged_in:
      return "run 'dcos auth login'";
    case ErrorDetail::no_matching_cluster:
      return "run 'dcos cluster list' to see the configured clusters";
    case ErrorDetail::no_cluster:
      return "run 'dcos cluster setup <url>' to add one";
    case ErrorDetail::cluster_not_attached:
      return "run 'dcos cluster attach <name>', or pick one per call with --cluster";
    case ErrorDetail::several_attached:
      return "run 'dcos cluster attach <name>' to choose one";
    case ErrorDetail::dcos_url_unset:
      return "run 'dcos config set core.dcos_url <url>' or 'dcos cluster setup <url>'";
    case ErrorDetail::config_unreadable:
      return "fix the file by hand, or remove it and run 'dcos cluster setup' again";
    case ErrorDetail::tls_unknown_authority:
    case ErrorDetail::tls_failure:
      return "to choose how certificates are checked, run 'dcos config set core.ssl_verify "
             "<true|false|path-to-CA-bundle>'";
    case ErrorDetail::cosmos:
      return cosmos_hint(error);
    case ErrorDetail::timed_out:
      return timeout_hint(error);
    case ErrorDetail::deployment_locked:
      if (error.ids.empty()) return {};
      return "add --force to cancel " + std::string(error.ids.size() > 1 ? "them" : "it") +
             " and apply the change anyway, or wait for it with 'dcos marathon deployment watch " +
             error.ids.front() + "'";
    case ErrorDetail::plain_http:
      return plain_http_hint(error);
    case ErrorDetail::unreachable:
      return unreachable_hint(error);
    case ErrorDetail::env_token_rejected:
      if (error.ids.empty()) return {};
      return "set " + error.ids.front() + " to a valid token, or unset it to log in with a user " +
             "name and password";
  }
  return {};
}

}  // namespace

std::string hint_for(const Error& error) {
  return error.hint.empty() ? detail_hint(error) : error.hint;
}

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return exit_code::usage;
    case ErrorKind::not_found:
      return exit_code::not_found;
    case ErrorKind::auth:
      return exit_code::auth;
    case ErrorKind::still_running:
      return exit_code::still_running;
    case ErrorKind::ambiguous:
      return exit_code::ambiguous;
    case ErrorKind::cancelled:
      return exit_code::interrupted;
    default:
      return exit_code::error;
  }
}

int report_error(std::ostream& err, const Error& error) {
  if (error.kind == ErrorKind::remote_exit && error.exit_status > 0 && error.exit_status < 256)
    return error.exit_status;
  const std::string hint = hint_for(error);
  if (error.message.empty() && hint.empty()) return exit_code_for(error.kind);
  err << "Error: " << error.message << "\n";
  if (!hint.empty()) err << "Hint: " << hint << "\n";
  return exit_code_for(error.kind);
}

std::string_view exit_code_table() {
  return "  0    success\n"
         "  1    the command failed (server error, conflict, invalid input, TLS or network)\n"
         "  2    usage error: unknown command or flag, wrong number of arguments,\n"
         "       package options the schema rejects, a config key that does not exist\n"
         "  3    not found: the named cluster, key, app, task, file, package, version or\n"
         "       Cassandra node does not exist\n"
         "  4    authentication: not logged in, or the token was rejected or has expired\n"
         "  5    --wait gave up: the deployment did not finish in time (it goes on)\n"
         "  6    ambiguous: the id or pattern matches several tasks, agents, services,\n"
         "       package apps or Cassandra rings\n"
         "  n    task exec and task attach: the exit status of the command in the task\n"
         "  130  interrupted (Ctrl-C)\n"
         "  143  terminated (SIGTERM)\n";
}

}  // namespace dcos
