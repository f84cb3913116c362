// The real side effects of a command on the machine (see Effects in context.hpp): starting the
// desktop's URL opener, switching the terminal's echo and raw mode, reading stdin with a
// time limit, and running another program (ssh) on our own streams. main() installs them;
// tests do not.
#pragma once

#include "cli/context.hpp"

namespace dcos {

/// Effects that act on this process's terminal (stdin) and start xdg-open.
Effects system_effects();

}  // namespace dcos
