// The Mesos files API of an agent, through Admin Router (<dcos_url>/agent/<agent-id>/files/...):
// where a task's sandbox is (files/debug), and reading a file of it in pieces (files/read).
// Task logs fall back to this when the cluster has no DC/OS log API.
#pragma once

#include <cstdint>
#include <string>

#include "client/http_client.hpp"
#include "client/mesos.hpp"

namespace dcos {

/// A piece of a file: `data` starts at byte `offset`.
struct FileChunk {
  std::string data;
  uint64_t offset = 0;
};

class AgentFiles {
 public:
  /// `http` is a client for Admin Router itself (core.dcos_url).
  explicit AgentFiles(HttpClient http) : http_(std::move(http)) {}

  /// The path of `task`'s sandbox as the agent's files API names it: the files/debug entry
  /// for /frameworks/<fw>/executors/<executor>/runs/<container> (the parent container for a
  /// nested task), with `/tasks/<task-id>` added for a nested (pod) task. not_found when the
  /// agent has no such entry (the sandbox was removed, or the agent is gone).
  Result<std::string> sandbox(const MesosTask& task);

  /// The size of the file at `path` on the agent (files/read with offset -1).
  Result<uint64_t> size(const std::string& agent_id, const std::string& path);

  /// Up to `length` bytes from `offset` (the agent may return fewer: it caps a read at
  /// 64 KiB); empty data at or past the end of the file.
  Result<FileChunk> read(const std::string& agent_id, const std::string& path, uint64_t offset,
                         uint64_t length);

  HttpClient& http() { return http_; }

 private:
  HttpClient http_;
};

}  // namespace dcos
