// The files of the bundled package repository (src/local/universe), compiled into dcos-local
// by a build step (src/local/cosmos/embed_files.cmake), so the binary serves them from anywhere.
#pragma once

#include <span>
#include <string_view>

namespace dcos_local::cosmos {

struct EmbeddedFile {
  std::string_view path;   ///< relative to src/local/universe, e.g. "cassandra/0/package.json"
  std::string_view bytes;  ///< the file's exact content
};

/// Every file under src/local/universe, sorted by path (generated source).
std::span<const EmbeddedFile> universe_files();

}  // namespace dcos_local::cosmos
