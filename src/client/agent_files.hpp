// The Mesos files API of an agent, through Admin Router (<dcos_url>/agent/<agent-id>/files/...):
// where a task's sandbox is (files/debug), reading a file of it in pieces (files/read), listing
// a folder (files/browse) and streaming a whole file (files/download). Task logs fall back to
// reading when the cluster has no DC/OS log API; listing and downloading sandboxes use the rest.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_client.hpp"
#include "client/mesos.hpp"

namespace dcos {

/// A piece of a file: `data` starts at byte `offset`.
struct FileChunk {
  std::string data;
  uint64_t offset = 0;
};

/// One entry of a files/browse listing.
struct FileEntry {
  std::string path;  ///< absolute, as the agent names it
  uint64_t nlink = 0;
  uint64_t size = 0;
  int64_t mtime = 0;  ///< seconds since the epoch
  std::string mode;   ///< ls-style: "drwxr-xr-x", "-rw-r--r--"
  std::string uid;    ///< user name (or number) of the owner
  std::string gid;    ///< group name (or number)
  nlohmann::json raw;

  bool is_directory() const { return !mode.empty() && mode[0] == 'd'; }
  /// The last component of `path`.
  std::string name() const;
};

/// Where a download's bytes go. `write` receives the body piece by piece, in order; an Error it
/// returns stops the transfer and becomes download()'s. `progress` (optional) hears the bytes
/// received so far after each piece, with the total when the agent sent a Content-Length of
/// the file itself (not of an encoded body).
/// `keep_going` (optional) is asked between pieces and while waiting; false cancels.
struct DownloadSink {
  std::function<Status(std::string_view piece)> write;
  std::function<void(uint64_t received, std::optional<uint64_t> total)> progress;
  std::function<bool()> keep_going;
};

/// The path `relative` names inside `folder` (an agent path), cleaned lexically: "." and empty
/// components go, ".." goes up but never above `folder`, a leading "/" means `folder` itself.
std::string path_within(const std::string& folder, std::string_view relative);

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

  /// The entries of the folder at `path` on the agent (files/browse), in the agent's order; a
  /// file lists itself. not_found ("'<path>': no such file or directory") when the agent has
  /// no such path or it is not in an attached folder.
  Result<std::vector<FileEntry>> browse(const std::string& agent_id, const std::string& path);

  /// Streams the file at `path` on the agent (files/download) into `sink` without holding it
  /// whole, and returns how many bytes came. not_found for a missing file, invalid for a
  /// folder (the agent answers 400), cancelled when `keep_going` said no, network when an
  /// unencoded body ends before the Content-Length the agent announced.
  Result<uint64_t> download(const std::string& agent_id, const std::string& path,
                            const DownloadSink& sink);

  HttpClient& http() { return http_; }

 private:
  HttpClient http_;
};

}  // namespace dcos
