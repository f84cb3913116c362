// The real side effects of a command on the machine (see Effects in context.hpp): starting the
// desktop's URL opener, switching the terminal's echo and raw mode, reading stdin with a
// time limit, and running another program (ssh) on our own streams. main() installs them;
// tests do not.
#pragma once

#include "cli/context.hpp"

namespace dcos {

/// Effects that act on this process's terminal (stdin) and start xdg-open.
Effects system_effects();

/// Puts stdin's terminal modes back as they were before the effects turned echo off or raw
/// mode on, when they did; otherwise nothing. Async-signal-safe: for a signal handler that
/// ends the process at once, so that it never leaves the terminal without echo.
void restore_terminal_now();

}  // namespace dcos
