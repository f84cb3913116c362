// The command line of the system `ssh` that `dcos node ssh` runs, built from what the user
// chose: pure, so every combination of options, config file, user, proxy and remote command is
// tested without running anything. The layout is the real CLI's (spec: core-cli.md §3.5):
//   ssh [-o opt]... [-F cfg] [-l user] -A -t <host> [command...]
//   ssh [-o opt]... [-F cfg] -A -t [-l user] <proxy> ssh [-o opt]... [-l user] -A -t <host>
//       ' command... '
// -l is left out when a config file is given (the file names the user). Through a proxy the
// remote command is wrapped between two ' words so that the proxy's shell hands it to the inner
// ssh as one argument; without a proxy it is passed as it is (the real CLI wraps it there too,
// which makes the remote shell look for a program named after the whole command).
#pragma once

#include <string>
#include <vector>

namespace dcos {

struct SshSpec {
  std::vector<std::string> options;  ///< each becomes -o <option>
  std::string config_file;           ///< -F <file>; "" for none
  std::string user;                  ///< -l <user>; "" for none
  std::string proxy;                 ///< the host to hop through; "" to connect directly
  std::string host;                  ///< the node
  std::vector<std::string> command;  ///< the remote command; empty for a login shell
};

/// argv of the ssh process, "ssh" first.
std::vector<std::string> ssh_argv(const SshSpec& spec);

/// `argv` as one line a shell reads back to the same words (what --dry-run prints).
std::string shell_line(const std::vector<std::string>& argv);

}  // namespace dcos
