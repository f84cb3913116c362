#include "client/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dcos {
namespace {

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return Error::make(ErrorKind::config, what + " " + path.string() + ": " + std::strerror(errno));
}

/// Closes a descriptor on scope exit.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

}  // namespace

Status write_file_atomically(const std::filesystem::path& target, const std::string& contents,
                             const AtomicWriteOptions& options) {
  const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  const std::filesystem::path temp =
      folder / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()));

  ::unlink(temp.c_str());  // a leftover of an earlier crash of this same pid
  FileDescriptor file(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.mode));
  if (file.get() < 0) return io_error("cannot create", temp);
  ::fchmod(file.get(), options.mode);  // the umask must not widen or narrow what was asked

  const char* data = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t written = ::write(file.get(), data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      Error error = io_error("cannot write", temp);
      ::unlink(temp.c_str());
      return error;
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
  if (::fsync(file.get()) != 0 || ::close(file.release()) != 0) {
    Error error = io_error("cannot flush", temp);
    ::unlink(temp.c_str());
    return error;
  }
  if (options.before_commit) options.before_commit();
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    Error error = io_error("cannot replace", target);
    ::unlink(temp.c_str());
    return error;
  }
  FileDescriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // make the rename itself durable
  return Status::success();
}

}  // namespace dcos
