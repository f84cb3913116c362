// Reading the files that hold login secrets (a password file, a service account's private key).
// Like the real CLI, a file that its group or others could read or write, or that its owner could
// execute, is refused before it is read.
#pragma once

#include <string>

#include "client/error.hpp"

namespace dcos {

/// The contents of the secret file at `path`. Refused (kind invalid) when its permission bits
/// have any bit of 0177 set; a missing file is kind not_found, other failures generic. Every
/// message names the path and none quotes the contents.
Result<std::string> read_secret_file(const std::string& path);

/// A password file's contents without the trailing blanks and line ends editors leave behind.
std::string trim_password(std::string text);

}  // namespace dcos
