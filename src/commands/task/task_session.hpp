// The interactive part of `task exec` and `task attach`: one container session, its output
// streamed to the local stdout and stderr as it comes, its stdin fed from the local stdin on a
// second connection and thread, the local terminal in raw mode while a TTY session runs (with
// an escape sequence that detaches), and the exit status of the remote command at the end.
#pragma once

#include <optional>
#include <string>

#include "cli/context.hpp"
#include "client/agent_io.hpp"

namespace dcos {

/// What one session does.
struct SessionPlan {
  std::string agent_id;
  ContainerId container;                ///< the container whose I/O this is
  std::optional<NestedCommand> launch;  ///< exec: start this command in `container` first
  bool input = false;                   ///< feed the local stdin to the container
  bool raw_terminal = false;            ///< put the local terminal in raw mode meanwhile
  std::string escape;                   ///< keys that detach (raw terminal only); "" none
  bool wait_for_exit = true;            ///< ask for the exit status when the output ends
};

/// Runs the session. Success when the remote command exited with 0 (or the user detached);
/// Error::remote_exit with its exit code (128 + signal when a signal ended it) otherwise.
Status run_session(const SessionPlan& plan, Context& context);

/// The bytes of an escape sequence setting such as "ctrl-p,ctrl-q" (the default when unset):
/// comma-separated keys, each "ctrl-<key>" (a letter or one of @[\]^_) or a single character.
/// An empty setting turns detaching off. Anything else is a usage Error.
Result<std::string> escape_sequence(const std::optional<std::string>& setting);

}  // namespace dcos
