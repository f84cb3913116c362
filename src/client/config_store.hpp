// The folder of cluster configurations, $DCOS_DIR (default ~/.dcos): one directory per cluster
// under clusters/, named by the cluster's id and holding dcos.toml and, for the attached
// cluster, an empty `attached` file. Decides which cluster is current with the real CLI's
// rules, and resolves a cluster argument (exact id, exact name, unique id prefix).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/config.hpp"

namespace dcos {

struct ClusterConfig {
  std::string id;
  std::filesystem::path dir;
  bool attached = false;
  Config config;
  std::optional<Error> load_error;  ///< set when dcos.toml could not be read or parsed

  /// cluster.name, or the id when the config has no name.
  std::string name() const;
  std::filesystem::path file() const { return dir / "dcos.toml"; }
  /// `cluster "<name>" (<url>) as <user>`, for the confirmations of setup, attach and login;
  /// the user is the token's `uid` and is left out when the token names none.
  std::string summary() const;
};

/// Whether a lookup may return a cluster whose dcos.toml cannot be read (to remove it).
enum class Broken { refused, allowed };

class ConfigStore {
 public:
  explicit ConfigStore(std::filesystem::path root) : root_(std::move(root)) {}

  /// $DCOS_DIR made absolute against the working directory, else $HOME/.dcos.
  static Result<std::filesystem::path> default_root(const EnvLookup& env);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path clusters_dir() const { return root_ / "clusters"; }

  /// Every cluster directory, sorted by id; a broken dcos.toml is reported in load_error.
  Result<std::vector<ClusterConfig>> clusters() const;

  /// The cluster commands act on: `selector` (the caller's choice of cluster, if any) when given,
  /// else the only cluster, else the attached one.
  Result<ClusterConfig> current(const std::optional<std::string>& selector) const;

  /// Resolves a cluster argument: exact id, then exact name, then unique id prefix. A cluster
  /// whose dcos.toml is broken is its load error, unless `broken` allows it.
  Result<ClusterConfig> find(const std::string& selector, Broken broken = Broken::refused) const;

  /// Refuses `name` for the cluster `id` when another cluster already answers to it (as its
  /// name or its id), since `--cluster <name>` and `cluster attach <name>` could not tell them
  /// apart; the hint says how to pick another name.
  Status check_unique_name(const std::string& id, const std::string& name,
                           const std::string& hint) const;

  /// Makes `id` the attached cluster, moving the marker from the previous one.
  Status attach(const std::string& id) const;

 private:
  std::filesystem::path root_;
};

}  // namespace dcos
