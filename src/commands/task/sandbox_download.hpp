// Copying files out of a task's sandbox onto this machine, for `dcos task download`: the
// entries of one folder on the agent whose names match a glob, folders with everything in
// them, each file streamed (never held whole) to a temporary name beside its target and
// renamed when it is complete. At a terminal, stderr shows one line per file, updated as the
// bytes come; anywhere else nothing is said but errors.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "cli/context.hpp"
#include "client/agent_files.hpp"

namespace dcos {

/// What a download pattern names: the entries of `folder` (an agent path) whose names match
/// `glob` ("" = every entry, copied into the target itself).
struct DownloadPlan {
  std::string folder;
  std::string glob;
};

/// The plan for `pattern` in `sandbox`. "/" (or "" or ".") is the whole sandbox. Otherwise the
/// last component is a glob over the names in the folder the rest names ("logs/*.txt"); a
/// pattern ending in "/" (or "." or "..") names a folder whose contents are copied into the
/// target, as rsync reads a trailing slash. Paths never climb above the sandbox.
DownloadPlan plan_download(const std::string& sandbox, const std::string& pattern);

/// What a download did.
struct DownloadTally {
  size_t files = 0;     ///< files written
  uint64_t bytes = 0;   ///< bytes written
  size_t failures = 0;  ///< files or folders that could not be copied (reported on stderr)
};

class SandboxDownload {
 public:
  SandboxDownload(AgentFiles& files, std::string agent_id, Context& context)
      : files_(files), agent_id_(std::move(agent_id)), context_(context) {}

  /// Copies what `plan` names into `target` (created when missing, with its parents). A file
  /// or folder that fails is reported on stderr ("Error: could not fetch file 'x': ...") and
  /// the rest go on; the result is then "could not download all matched files". not_found
  /// ("no file or directory matched '<pattern>'") when the listing has nothing that matches or
  /// its folder does not exist. Ctrl-C stops at once, leaving no partial file behind.
  Status run(const DownloadPlan& plan, const std::string& pattern,
             const std::filesystem::path& target);

  const DownloadTally& tally() const { return tally_; }

 private:
  /// Copies `entry` (a file, or a folder with its contents) to `target`; false when the
  /// download was cancelled.
  bool copy_entry(const FileEntry& entry, const std::filesystem::path& target,
                  const std::string& shown, int depth);
  /// Copies the contents of the agent folder `path` into the existing folder `target`.
  bool copy_folder(const std::string& path, const std::filesystem::path& target,
                   const std::string& shown, int depth);
  bool copy_file(const FileEntry& entry, const std::filesystem::path& target,
                 const std::string& shown);
  /// Reports one failure on stderr and counts it.
  void fail(const std::string& message);

  AgentFiles& files_;
  std::string agent_id_;
  Context& context_;
  DownloadTally tally_;
};

}  // namespace dcos
