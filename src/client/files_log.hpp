// Task logs read through the agent's Mesos files API, for clusters without the DC/OS log API:
// the last lines of a sandbox file found by reading backwards from its end, and a follow that
// polls for what was appended.
#pragma once

#include <string>

#include "client/agent_files.hpp"
#include "client/dcos_logs.hpp"

namespace dcos {

class FilesLog {
 public:
  /// Reads `file` (e.g. "stdout") of `task`'s sandbox through `files`.
  FilesLog(AgentFiles& files, MesosTask task, std::string file)
      : files_(files), task_(std::move(task)), file_(std::move(file)) {}

  /// The last `lines` lines (0: the whole file).
  Result<std::string> tail(long long lines);
  /// Hands over the last `lines` lines, then each new line, polling about every
  /// `poll` until `follow` says to stop.
  Status follow(long long lines, LogFollow& follow,
                std::chrono::milliseconds poll = std::chrono::milliseconds(500));

 private:
  Result<std::string> path();
  /// The offset where the last `lines` lines of the file start, and the file's size.
  Result<std::pair<uint64_t, uint64_t>> tail_start(const std::string& path, long long lines);

  AgentFiles& files_;
  MesosTask task_;
  std::string file_;
  std::string path_;
};

}  // namespace dcos
