// The one place where an Error becomes what the user sees and the exit status a script gets.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "client/error.hpp"

namespace dcos {

/// Documented exit statuses (`dcos help exit-codes`).
namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int error = 1;
inline constexpr int usage = 2;
inline constexpr int not_found = 3;
inline constexpr int auth = 4;
inline constexpr int still_running = 5;
inline constexpr int ambiguous = 6;
inline constexpr int interrupted = 130;
}  // namespace exit_code

/// The exit status for an error of `kind`.
int exit_code_for(ErrorKind kind);

/// The hint the user sees: the error's own, else the one its detail code calls for (the
/// command or flag that helps), else "".
std::string hint_for(const Error& error);

/// Writes "Error: <message>" and, when there is one, "Hint: <hint>" to `err` (nothing for a
/// silent Error), and returns the exit status for the error.
int report_error(std::ostream& err, const Error& error);

/// The table behind `dcos help exit-codes`, one "<code>  <meaning>" per line.
std::string_view exit_code_table();

}  // namespace dcos
