// dcos-local's command line: its flags, its --help and --version (in the style of `dcos`'s own)
// and the checks of flag values that need no machine state. The start-up checks that do (the
// work folder, the port) are main's.
#pragma once

#include <optional>

#include "local/options.hpp"

namespace dcos_local {

/// Fills `options` from the command line. std::nullopt: go on and serve. Otherwise the exit
/// status of a command line that was all said and done: 0 after --help or --version (printed on
/// stdout), 2 after a usage error (on stderr, with a hint).
std::optional<int> parse_command_line(int argc, char** argv, Options& options);

}  // namespace dcos_local
