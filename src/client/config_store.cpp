#include "client/config_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "client/strings.hpp"
#include "client/token_claims.hpp"

namespace dcos {
namespace {

constexpr const char* kAttached = "attached";

std::string describe(const std::vector<const ClusterConfig*>& matches) {
  std::vector<std::string> parts;
  for (const auto* cluster : matches) parts.push_back(cluster->name() + " (" + cluster->id + ")");
  return join(parts, ", ");
}

Result<ClusterConfig> usable(ClusterConfig cluster) {
  if (cluster.load_error) return *cluster.load_error;
  return cluster;
}

}  // namespace

std::string ClusterConfig::name() const {
  std::string name = config.get("cluster.name");
  return name.empty() ? id : name;
}

std::string ClusterConfig::summary() const {
  std::string text = "cluster \"" + name() + "\" (" + config.get("core.dcos_url") + ")";
  auto claims = read_token_claims(config.get("core.dcos_acs_token"));
  if (claims && !claims->uid.empty()) text += " as " + claims->uid;
  return text;
}

Result<std::filesystem::path> ConfigStore::default_root(const EnvLookup& env) {
  if (auto dir = env("DCOS_DIR"); dir && !dir->empty()) {
    std::error_code error;
    auto absolute = std::filesystem::absolute(*dir, error);
    if (error) return Error::make(ErrorKind::config, "cannot resolve DCOS_DIR: " + error.message());
    return absolute.lexically_normal();
  }
  auto home = env("HOME");
  if (!home || home->empty()) {
    return Error::make(ErrorKind::config, "cannot find the configuration folder: HOME is not set",
                       "set DCOS_DIR to the folder that should hold the cluster configurations");
  }
  return std::filesystem::path(*home) / ".dcos";
}

Result<std::vector<ClusterConfig>> ConfigStore::clusters() const {
  std::vector<ClusterConfig> clusters;
  std::error_code error;
  if (!std::filesystem::is_directory(clusters_dir(), error)) return clusters;
  for (const auto& entry : std::filesystem::directory_iterator(clusters_dir(), error)) {
    std::error_code entry_error;
    if (!entry.is_directory(entry_error)) continue;
    ClusterConfig cluster;
    cluster.id = entry.path().filename().string();
    cluster.dir = entry.path();
    cluster.attached = std::filesystem::is_regular_file(entry.path() / kAttached, entry_error);
    auto config = Config::load(cluster.file());
    if (config) {
      cluster.config = std::move(config).value();
    } else {
      cluster.config = Config{cluster.file()};
      cluster.load_error = config.error();
    }
    clusters.push_back(std::move(cluster));
  }
  if (error) {
    return Error::make(ErrorKind::config,
                       "cannot list " + clusters_dir().string() + ": " + error.message());
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const ClusterConfig& a, const ClusterConfig& b) { return a.id < b.id; });
  return clusters;
}

Result<ClusterConfig> ConfigStore::find(const std::string& selector, Broken broken) const {
  auto all = clusters();
  if (!all) return all.error();
  auto result = [broken](ClusterConfig cluster) -> Result<ClusterConfig> {
    if (broken == Broken::allowed) return cluster;
    return usable(std::move(cluster));
  };
  for (auto& cluster : *all) {
    if (cluster.id == selector) return result(std::move(cluster));
  }
  std::vector<const ClusterConfig*> by_name;
  std::vector<const ClusterConfig*> by_prefix;
  for (const auto& cluster : *all) {
    if (!cluster.load_error && cluster.config.get("cluster.name") == selector) {
      by_name.push_back(&cluster);
    }
    if (!selector.empty() && starts_with(cluster.id, selector)) by_prefix.push_back(&cluster);
  }
  const auto& matches = !by_name.empty() ? by_name : by_prefix;
  if (matches.size() == 1) return result(*matches.front());
  if (matches.empty()) {
    return Error::detailed(ErrorKind::not_found, "no cluster matches \"" + selector + "\"",
                           ErrorDetail::no_matching_cluster);
  }
  return Error::make(ErrorKind::usage,
                     "\"" + selector + "\" matches several clusters: " + describe(matches),
                     "name the cluster by its id");
}

Result<ClusterConfig> ConfigStore::current(const std::optional<std::string>& selector) const {
  if (selector) return find(*selector);
  auto all = clusters();
  if (!all) return all.error();
  if (all->empty()) {
    return Error::detailed(ErrorKind::config, "no cluster is configured", ErrorDetail::no_cluster);
  }
  if (all->size() == 1) return usable(std::move(all->front()));
  std::vector<const ClusterConfig*> attached;
  for (const auto& cluster : *all) {
    if (cluster.attached) attached.push_back(&cluster);
  }
  if (attached.empty()) {
    return Error::detailed(ErrorKind::config, "no cluster is attached",
                           ErrorDetail::cluster_not_attached);
  }
  if (attached.size() > 1) {
    return Error::detailed(ErrorKind::config,
                           "several clusters are marked attached: " + describe(attached),
                           ErrorDetail::several_attached);
  }
  return usable(*attached.front());
}

Status ConfigStore::check_unique_name(const std::string& id, const std::string& name,
                                      const std::string& hint) const {
  auto all = clusters();
  if (!all) return all.error();
  for (const auto& cluster : *all) {
    if (cluster.id == id) continue;
    if (cluster.id == name) {
      return Error::make(ErrorKind::invalid, "\"" + name + "\" is the id of another cluster", hint);
    }
    if (!cluster.load_error && cluster.name() == name) {
      return Error::make(ErrorKind::invalid,
                         "another cluster is already called \"" + name + "\" (" + cluster.id + ")",
                         hint);
    }
  }
  return Status::success();
}

Status ConfigStore::attach(const std::string& id) const {
  auto all = clusters();
  if (!all) return all.error();
  const std::filesystem::path target = clusters_dir() / id / kAttached;
  for (const auto& cluster : *all) {
    if (!cluster.attached || cluster.id == id) continue;
    const std::filesystem::path marker = cluster.dir / kAttached;
    if (::rename(marker.c_str(), target.c_str()) != 0) {
      return Error::make(ErrorKind::config,
                         "cannot move " + marker.string() + ": " + std::strerror(errno));
    }
  }
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::make(ErrorKind::config,
                       "cannot create " + target.string() + ": " + std::strerror(errno));
  }
  ::close(fd);
  return Status::success();
}

}  // namespace dcos
