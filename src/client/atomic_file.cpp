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

Result<StreamedFile> StreamedFile::create(const std::filesystem::path& target) {
  const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  const std::string stem = "." + target.filename().string() + ".part-" + std::to_string(::getpid());
  // A name no other writer uses: this process's id, then the first free number.
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::filesystem::path temp = folder / (stem + "-" + std::to_string(attempt));
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return StreamedFile(target, std::move(temp), fd);
    if (errno != EEXIST) break;
  }
  return Error::make(ErrorKind::generic,
                     "cannot create a file in " + folder.string() + ": " + std::strerror(errno));
}

StreamedFile::StreamedFile(StreamedFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), fd_(other.fd_) {
  other.fd_ = -1;
  other.temp_.clear();
}

StreamedFile::~StreamedFile() { discard(); }

void StreamedFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

Status StreamedFile::write(std::string_view piece) {
  if (fd_ < 0) return Error::make(ErrorKind::generic, "cannot write " + target_.string());
  while (!piece.empty()) {
    ssize_t written = ::write(fd_, piece.data(), piece.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return Error::make(ErrorKind::generic,
                         "cannot write " + target_.string() + ": " + std::strerror(errno));
    }
    piece.remove_prefix(static_cast<size_t>(written));
  }
  return Status::success();
}

Status StreamedFile::commit() {
  if (fd_ < 0) return Error::make(ErrorKind::generic, "cannot write " + target_.string());
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    Error error = Error::make(ErrorKind::generic,
                              "cannot write " + target_.string() + ": " + std::strerror(errno));
    discard();
    return error;
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    Error error = Error::make(ErrorKind::generic,
                              "cannot create " + target_.string() + ": " + std::strerror(errno));
    discard();
    return error;
  }
  temp_.clear();
  return Status::success();
}

}  // namespace dcos
