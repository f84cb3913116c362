// Health checks that really connect or run something, as Marathon/Mesos would.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace dcos_local {

struct ProbeResult {
  bool ok = false;
  std::string cause;  // why it failed; empty when ok
};

// Healthy when a TCP connection is established within the timeout.
ProbeResult probe_tcp(const std::string& host, int port, std::chrono::milliseconds timeout);

// GET path over plain HTTP/1.1; healthy on status 200-399. A 1xx answer counts as healthy
// only with ignore_1xx (Marathon then leaves the health state as it was). The whole
// exchange is bounded by timeout; name resolution is not, so pass numeric hosts.
ProbeResult probe_http(const std::string& host, int port, const std::string& path,
                       std::chrono::milliseconds timeout, bool ignore_1xx = false);

// Runs /bin/sh -c shell_command in its own process group with output discarded; healthy on
// exit code 0. On timeout, and also after it exits, anything left in the group is SIGKILLed
// so a check can never leak processes.
ProbeResult probe_command(const std::string& shell_command, const std::string& cwd,
                          const std::vector<std::pair<std::string, std::string>>& env,
                          std::chrono::milliseconds timeout);

}  // namespace dcos_local
