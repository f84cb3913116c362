#include "client/secret_file.hpp"
#include "client/number_format.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dcos {
namespace {

Error io_error(const std::string& path, int error) {
  ErrorKind kind = error == ENOENT ? ErrorKind::not_found : ErrorKind::generic;
  return Error::make(kind, "couldn't read '" + path + "': " + std::strerror(error));
}

// Closes the descriptor on every way out of read_secret_file.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<std::string> read_secret_file(const std::string& path) {
  // Permissions first, as the real CLI does: a too-open file is refused even if unreadable.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return io_error(path, errno);
  const unsigned perm = info.st_mode & 0777;
  if ((perm & 0177) != 0) {
    const std::string mode = octal(perm, 0, true);
    // The real CLI's wording, which users and scripts may look for.
    return Error::make(ErrorKind::invalid, "permissions " + mode + " for '" + path +
                                               "' are too open, expected 0400 or 0600");
  }
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return io_error(path, errno);
  std::string contents;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path, errno);
    }
    contents.append(buffer, static_cast<size_t>(n));
  }
  return contents;
}

std::string trim_password(std::string text) {
  size_t end = text.find_last_not_of(" \t\n\v\f\r");
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text;
}

}  // namespace dcos
