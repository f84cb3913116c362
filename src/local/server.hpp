// Builds the HTTP(S) server with every route, the request log and the auth gate.
#pragma once

#include <memory>

#include <httplib.h>

#include "local/cluster.hpp"
#include "local/iam.hpp"

namespace dcos_local {

std::unique_ptr<httplib::Server> make_server(const Options& options, Cluster& cluster, Iam& iam);

// Binds host:port (0 picks a free port) without SO_REUSEPORT and with a listen backlog that
// many clients connecting at once do not overflow. Returns the port, or -1.
int bind_server(httplib::Server& server, const std::string& host, int port);

// Why binding host:port failed, in the operating system's words ("Address already in use"),
// found by trying it again with a socket of its own (the library keeps no errno).
std::string bind_failure(const std::string& host, int port);

}  // namespace dcos_local
