#pragma once

#include "local/cluster.hpp"

namespace dcos_local {

void seed_demo(Cluster& c);
void seed_scale(Cluster& c, int n);
// M completed tasks (finished, failed and killed) spread over the private agents.
void seed_history(Cluster& c, int m);

}  // namespace dcos_local
