// The Universe repository format (mesos-cosmos-api.md §3.7): the repo JSON built from the
// bundled package sources, its media types, and the universe server's `GET .../repo`, which
// picks v3, v4 or v5 from Accept and labels the same document with that version.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <httplib.h>

#include "local/cosmos/embedded.hpp"
#include "local/util.hpp"

namespace dcos_local::cosmos {

/// Where dcos-local serves its bundled repository.
inline constexpr const char* kBundledRepoPath = "/_dcos_local/universe/repo";

/// `application/vnd.dcos.universe.repo+json;charset=utf-8;version=<v>`.
std::string universe_repo_type(const std::string& version);

/// What Cosmos sends as Accept when it fetches a repository: v5, v4, then v3.
std::string universe_accept_header();

/// The repo version ("v3", "v4" or "v5") of a repository response's Content-Type, or nullopt
/// when it is not a universe repo type Cosmos decodes.
std::optional<std::string> universe_repo_version(const std::string& content_type);

/// The repo JSON `{"packages":[…]}` of the files `<name>/<revision>/<file>`: package.json
/// with releaseVersion from the revision, the base64 template under marathon, config,
/// resource and command. Files outside that layout are ignored; a file that is not valid
/// JSON, or a revision without package.json, is an error (the message says which file).
struct RepoBuild {
  json repo;
  std::string error;
};
RepoBuild build_repo(std::span<const EmbeddedFile> files);

/// Serves `repo` at kBundledRepoPath with the universe server's content negotiation.
void register_universe_repo(httplib::Server& server, json repo);

}  // namespace dcos_local::cosmos
