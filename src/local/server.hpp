// Builds the HTTP(S) server with every route, the request log and the auth gate.
#pragma once

#include <memory>

#include <httplib.h>

#include "local/cluster.hpp"
#include "local/iam.hpp"

namespace dcos_local {

std::unique_ptr<httplib::Server> make_server(const Options& options, Cluster& cluster, Iam& iam);

}  // namespace dcos_local
