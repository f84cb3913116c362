// /package/repository/{list,add,delete} and /capabilities.
#include "local/cosmos/service.hpp"

namespace dcos_local::cosmos {

namespace {

void reply_list(httplib::Response& res, const RpcRequest& rpc,
                Outcome<std::vector<Repository>> outcome) {
  if (auto* e = std::get_if<CosmosError>(&outcome)) return reply_error(res, *e);
  reply_ok(res, rpc.response_type, repositories_json(std::get<std::vector<Repository>>(outcome)));
}

void list(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  reply_ok(res, rpc.response_type, repositories_json(cosmos.repositories.list()));
}

void add(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string name, uri;
  if (!required_string(rpc.body, "name", name, res) || !required_string(rpc.body, "uri", uri, res))
    return;
  std::optional<int64_t> index;
  if (rpc.body.contains("index") && !rpc.body["index"].is_null()) {
    if (!rpc.body["index"].is_number_integer()) return reply_error(res, not_parsed("index"));
    index = rpc.body["index"].get<int64_t>();
  }
  reply_list(res, rpc, cosmos.repositories.add(name, uri, index));
}

void remove(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string name, uri;
  if (!optional_string(rpc.body, "name", name, res) || !optional_string(rpc.body, "uri", uri, res))
    return;
  reply_list(res, rpc, cosmos.repositories.remove(name, uri));
}

void capabilities(Cosmos&, const RpcRequest& rpc, httplib::Response& res) {
  json list = json::array();
  for (const char* name :
       {"PACKAGE_MANAGEMENT", "SUPPORT_CLUSTER_REPORT", "METRONOME", "LOGGING", "LOGGING_V2"})
    list.push_back({{"name", name}});
  reply_ok(res, rpc.response_type, {{"capabilities", list}});
}

}  // namespace

void register_repository_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos) {
  rpc_route(server, cosmos, "/package/repository/list", package_types("repository.list"), list);
  rpc_route(server, cosmos, "/package/repository/add", package_types("repository.add"), add);
  rpc_route(server, cosmos, "/package/repository/delete", package_types("repository.delete"),
            remove);
  rpc_route(server, cosmos, "/capabilities", {"", {vnd("capabilities", "v1")}}, capabilities);
}

}  // namespace dcos_local::cosmos
