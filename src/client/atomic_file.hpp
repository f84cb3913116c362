// Crash-safe file replacement: the new contents go to a temporary file in the same folder,
// which is flushed to disk and then renamed over the target, so a reader (or a crash) sees
// either the old file or the new one, never a torn or empty one.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

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

/// A new file written piece by piece (a download) under a temporary name in the target's
/// folder, and put in place by commit(): until then the target is untouched, and a writer
/// dropped without commit() removes its temporary file. The file gets the usual mode for new
/// files (0666 less the umask). Unlike write_file_atomically() nothing is fsync'ed: a crash
/// may lose the file, never leave half of it under its name.
class StreamedFile {
 public:
  /// Creates the temporary file beside `target`.
  static Result<StreamedFile> create(const std::filesystem::path& target);

  StreamedFile(StreamedFile&& other) noexcept;
  StreamedFile& operator=(StreamedFile&&) = delete;
  StreamedFile(const StreamedFile&) = delete;
  ~StreamedFile();

  Status write(std::string_view piece);
  /// Closes the file and renames it over the target.
  Status commit();

 private:
  StreamedFile(std::filesystem::path target, std::filesystem::path temp, int fd)
      : target_(std::move(target)), temp_(std::move(temp)), fd_(fd) {}
  void discard();

  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
};

}  // namespace dcos
