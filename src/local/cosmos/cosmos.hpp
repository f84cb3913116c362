// Cosmos, the DC/OS package manager, inside dcos-local (mesos-cosmos-api.md §2): the
// /package/* RPCs, /capabilities and /cosmos/service/describe with Cosmos's media types and
// errors, over the bundled repository (served at /_dcos_local/universe/repo) and any
// repository added at run time. Installs and uninstalls go through dcos-local's own Marathon.
#pragma once

#include <string>
#include <vector>

#include <httplib.h>

#include "local/cluster.hpp"

namespace dcos_local {

/// Registers every Cosmos route and the bundled repository's route.
void register_cosmos(httplib::Server& server, Cluster& cluster);

/// What uninstall found when it looked for the Mesos framework named by an app's
/// DCOS_PACKAGE_FRAMEWORK_NAME label: the ids of the registered frameworks of that name.
/// Exactly one is torn down (its tasks killed, the framework completed); with several,
/// nothing is done and the caller reports MultipleFrameworkIds.
struct FrameworkTeardown {
  std::vector<std::string> ids;
};

/// Tears down the framework named `name` if exactly one is registered. Takes `cluster.mu`.
/// Marathon itself is never torn down; several live frameworks of that name are all returned
/// and none is touched.
FrameworkTeardown teardown_framework_named(Cluster& cluster, const std::string& name);

}  // namespace dcos_local
