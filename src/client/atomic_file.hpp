// Crash-safe file replacement: the new contents go to a temporary file in the same folder,
// which is flushed to disk and then renamed over the target, so a reader (or a crash) sees
// either the old file or the new one, never a torn or empty one.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "client/error.hpp"

namespace dcos {

struct AtomicWriteOptions {
  unsigned mode = 0600;
  /// Runs after the temporary file is durable and before the rename; a test uses it to
  /// simulate a crash at the worst moment.
  std::function<void()> before_commit;
};

/// Replaces `target` with `contents` atomically; the new file has `options.mode`.
Status write_file_atomically(const std::filesystem::path& target, const std::string& contents,
                             const AtomicWriteOptions& options = {});

}  // namespace dcos
