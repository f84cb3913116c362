// Cosmos's package repositories: the ordered list (the bundled `Universe` first), add and
// delete with Cosmos's errors, fetching each repository as Cosmos's universe client does (with
// a one-minute cache flushed on every change), and the merged, ordered package list that
// search, describe, install and the rest select from (mesos-cosmos-api.md §2.4, §3.7).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "local/cosmos/media.hpp"
#include "local/util.hpp"

namespace dcos_local::cosmos {

struct Repository {
  std::string name, uri;
};

/// A package of a repository: its definition as the repo JSON holds it (releaseVersion
/// included), where it comes from, and that repository's place in the list.
struct Package {
  json def;
  std::string source;  ///< the repository URI (label DCOS_PACKAGE_SOURCE)
  size_t repo_index = 0;

  std::string name() const { return def.value("name", ""); }
  std::string version() const { return def.value("version", ""); }
  int64_t release() const { return def.value("releaseVersion", int64_t{0}); }
};

template <class T>
using Outcome = std::variant<T, CosmosError>;

class Repositories {
 public:
  /// `bundled` is the repo JSON served in-process for the `Universe` entry.
  explicit Repositories(json bundled) : bundled_(std::move(bundled)) {}

  /// Fixes the bundled repository's URI from the first request's listening address
  /// (`<scheme>://<addr>:<port>/_dcos_local/universe/repo`); later calls change nothing.
  void set_base_url(const std::string& base_url);

  std::vector<Repository> list();
  Outcome<std::vector<Repository>> add(const std::string& name, const std::string& uri,
                                       std::optional<int64_t> index);
  Outcome<std::vector<Repository>> remove(const std::string& name, const std::string& uri);

  /// Every package of every repository in merge order: by name, then repository index, then
  /// releaseVersion descending; a (name, version) pair comes from its first repository only.
  Outcome<std::vector<Package>> packages();

 private:
  struct Entry {
    Repository repo;
    std::optional<json> cached;  // its `packages` array
    int64_t fetched_ms = 0;
  };
  Outcome<json> fetch(const Repository& repo, bool adding);

  std::mutex mu_;
  json bundled_;
  std::string bundled_uri_;
  std::vector<Entry> entries_;
  bool started_ = false;
};

/// The package a describe/install/render asks for: the first in merge order with this name
/// (and version, when given); PackageNotFound or VersionNotFound otherwise.
Outcome<Package> select_package(const std::vector<Package>& packages, const std::string& name,
                                const std::string& version);

json repositories_json(const std::vector<Repository>& list);

}  // namespace dcos_local::cosmos
