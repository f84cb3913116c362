#include "cli/errors.hpp"

namespace dcos {

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
    case ErrorKind::cancelled:
      return exit_code::interrupted;
    default:
      return exit_code::error;
  }
}

int report_error(std::ostream& err, const Error& error) {
  if (error.message.empty() && error.hint.empty()) return exit_code_for(error.kind);
  err << "Error: " << error.message << "\n";
  if (!error.hint.empty()) err << "Hint: " << error.hint << "\n";
  return exit_code_for(error.kind);
}

std::string_view exit_code_table() {
  return "  0    success\n"
         "  1    the command failed (server error, conflict, invalid input, TLS or network)\n"
         "  2    usage error: unknown command or flag, wrong number of arguments\n"
         "  3    not found: the named cluster, key, app, task or file does not exist\n"
         "  4    authentication: not logged in, or the token was rejected or has expired\n"
         "  5    --wait gave up: the deployment did not finish in time (it goes on)\n"
         "  130  interrupted (Ctrl-C)\n";
}

}  // namespace dcos
