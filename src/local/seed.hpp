#pragma once

#include "local/cluster.hpp"

namespace dcos_local {

void seed_demo(Cluster& c);
void seed_scale(Cluster& c, int n);

}  // namespace dcos_local
