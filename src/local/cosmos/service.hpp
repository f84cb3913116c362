// Shared by the Cosmos route files: the state behind every route, and the registration of an
// RPC with its media types (validated before the handler runs).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <httplib.h>

#include "local/cluster.hpp"
#include "local/cosmos/media.hpp"
#include "local/cosmos/repositories.hpp"

namespace dcos_local::cosmos {

struct Cosmos {
  Cosmos(Cluster& c, json bundled) : cluster(c), repositories(std::move(bundled)) {}
  Cluster& cluster;
  Repositories repositories;
};

using RpcHandler = std::function<void(Cosmos&, const RpcRequest&, httplib::Response&)>;

/// Registers `path` (POST, or GET when `types.request` is empty): it fixes the bundled
/// repository's URL from the listening address, validates headers and body, then calls `fn`.
void rpc_route(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos,
               const std::string& path, RpcTypes types, RpcHandler fn);

/// `package.<kind>-request` v1 and the `package.<kind>-response` versions, best first.
RpcTypes package_types(const std::string& kind, std::vector<std::string> versions = {"v1"});

/// Cosmos's AppId: always absolute, no trailing slash.
std::string app_id_of(const std::string& text);

/// Reads the optional `options` member: an object, or {} when absent; not_parsed otherwise.
bool read_options(const json& body, json& out, httplib::Response& res);

/// The packages of every repository in merge order; on failure the error has been written.
std::optional<std::vector<Package>> all_packages(Cosmos& cosmos, httplib::Response& res);

void register_package_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos);
void register_install_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos);
void register_installed_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos);
void register_repository_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos);

}  // namespace dcos_local::cosmos
