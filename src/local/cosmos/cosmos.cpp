#include "local/cosmos/cosmos.hpp"

#include <cstdio>

#include "local/cosmos/embedded.hpp"
#include "local/cosmos/service.hpp"
#include "local/cosmos/universe.hpp"

namespace dcos_local {

namespace cosmos {

void rpc_route(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos,
               const std::string& path, RpcTypes types, RpcHandler fn) {
  bool tls = !cosmos->cluster.options().tls_cert.empty();
  auto handler = [cosmos, types, fn, tls](const httplib::Request& req, httplib::Response& res) {
    std::string addr =
        req.local_addr.find(':') != std::string::npos ? "[" + req.local_addr + "]" : req.local_addr;
    cosmos->repositories.set_base_url(std::string(tls ? "https" : "http") + "://" + addr + ":" +
                                      std::to_string(req.local_port));
    auto rpc = read_rpc(req, res, types);
    if (rpc) fn(*cosmos, *rpc, res);
  };
  if (types.request.empty())
    server.Get(path, handler);
  else
    server.Post(path, handler);
}

RpcTypes package_types(const std::string& kind, std::vector<std::string> versions) {
  RpcTypes out{vnd("package." + kind + "-request", "v1"), {}};
  for (const std::string& v : versions)
    out.responses.push_back(vnd("package." + kind + "-response", v));
  return out;
}

std::string app_id_of(const std::string& text) { return normalize_id(text); }

bool read_options(const json& body, json& out, httplib::Response& res) {
  out = json::object();
  if (!body.contains("options") || body["options"].is_null()) return true;
  if (!body["options"].is_object()) {
    reply_error(res, not_parsed("options"));
    return false;
  }
  out = body["options"];
  return true;
}

std::optional<std::vector<Package>> all_packages(Cosmos& cosmos, httplib::Response& res) {
  Outcome<std::vector<Package>> packages = cosmos.repositories.packages();
  if (auto* e = std::get_if<CosmosError>(&packages)) {
    reply_error(res, *e);
    return std::nullopt;
  }
  return std::get<std::vector<Package>>(std::move(packages));
}

}  // namespace cosmos

FrameworkTeardown teardown_framework_named(Cluster& cluster, const std::string& name) {
  std::lock_guard lock(cluster.mu);
  FrameworkTeardown out;
  out.ids = cluster.framework_ids_named(name);
  // Several frameworks of one name: Cosmos refuses to guess (MultipleFrameworkIds).
  if (out.ids.size() == 1) cluster.teardown_framework(out.ids[0]);
  return out;
}

void register_cosmos(httplib::Server& server, Cluster& cluster) {
  using namespace cosmos;
  RepoBuild bundled = build_repo(universe_files());
  if (!bundled.error.empty()) {
    // A broken bundled package is a bug of this build; the rest of Cosmos still works.
    std::fprintf(stderr, "dcos-local: the bundled package repository is broken: %s\n",
                 bundled.error.c_str());
    bundled.repo = {{"packages", json::array()}};
  }
  register_universe_repo(server, bundled.repo);
  auto state = std::make_shared<Cosmos>(cluster, bundled.repo);
  register_package_routes(server, state);
  register_install_routes(server, state);
  register_installed_routes(server, state);
  register_repository_routes(server, state);
}

}  // namespace dcos_local
