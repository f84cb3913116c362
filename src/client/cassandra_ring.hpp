// Which Cassandra rings a cluster runs, as Marathon knows them: each 2015 Cassandra service is
// a Marathon app (`/cassandra/<ring>`) labelled DCOS_PACKAGE_NAME=cassandra, whose label
// DCOS_PACKAGE_FRAMEWORK_NAME names its Mesos framework (`cassandra.<ring>`), which is also
// the name Admin Router serves its API under (/service/cassandra.<ring>/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/marathon.hpp"

namespace dcos {

/// One installed ring.
struct CassandraRing {
  std::string app_id;          ///< e.g. /cassandra/dev
  std::string framework_name;  ///< e.g. cassandra.dev
};

/// The rings of GET /v2/apps?label=DCOS_PACKAGE_NAME==cassandra, in Marathon's order. An app
/// without the framework-name label is named as the package names it: cassandra.<last part of
/// its id>.
Result<std::vector<CassandraRing>> installed_cassandra_rings(MarathonClient& marathon);

/// The framework name a ring name implies: `cassandra.dev` stays as it is, `dev` becomes
/// `cassandra.dev` (the package prefixes the cluster-name option with "cassandra.").
std::string cassandra_framework_name(std::string_view ring);

/// Where Admin Router serves the API of the framework, to append to core.dcos_url:
/// /service/<framework name>.
std::string cassandra_service_path(std::string_view framework_name);

/// The ring name of a framework name: `cassandra.dev` gives `dev`; other names stay as they are.
std::string cassandra_ring_name(std::string_view framework_name);

}  // namespace dcos
