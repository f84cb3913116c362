// /package/install: render as /package/render does, then create the app through dcos-local's
// own Marathon (the function behind POST /v2/apps) and map Marathon's answer to Cosmos's.
#include "local/cosmos/labels.hpp"
#include "local/cosmos/render.hpp"
#include "local/cosmos/service.hpp"
#include "local/http_util.hpp"

namespace dcos_local::cosmos {

namespace {

// Cosmos's error for a Marathon answer other than 201 (§2.5 step 8).
CosmosError marathon_failure(const httplib::Response& answer) {
  int status = answer.status;
  json body = json::parse(answer.body, nullptr, false);
  if (status == 409)
    return error("PackageAlreadyInstalled", "Package is already installed", {}, 409);
  if (status >= 500)
    return error("MarathonBadGateway",
                 "Received response status code " + std::to_string(status) + " from Marathon",
                 {{"marathonStatus", status}, {"status", 502}}, 502);
  if (body.is_object() && body.contains("message") && body["message"].is_string())
    return error("MarathonBadResponse", body["message"].get<std::string>(),
                 {{"errors", body.value("details", json::array())}});
  return error("MarathonGenericError",
               "Received response status code " + std::to_string(status) + " from Marathon",
               {{"marathonStatus", status}, {"status", 500}}, 500);
}

// dcos-local's own rule, not Cosmos's: two apps with one DCOS_PACKAGE_FRAMEWORK_NAME would
// register one framework twice (two Cassandra rings of one cluster-name under two app ids), and
// uninstalling either would tear down both. The app that already runs that framework, if any.
std::string app_of_framework(Cluster& cluster, const json& app) {
  const json& labels = app.contains("labels") ? app["labels"] : json::object();
  const std::string framework = label(labels, "DCOS_PACKAGE_FRAMEWORK_NAME");
  if (framework.empty()) return {};
  std::lock_guard lock(cluster.mu);
  for (const auto& [id, other] : cluster.apps) {
    const json& theirs = other.def.contains("labels") ? other.def["labels"] : json::object();
    if (label(theirs, "DCOS_PACKAGE_FRAMEWORK_NAME") == framework) return id;
  }
  return {};
}

bool has_template(const json& def) {
  return def.contains("marathon") && def["marathon"].is_object() &&
         def["marathon"].contains("v2AppMustacheTemplate");
}

void install(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  json options;
  std::string name, version, app_id;
  if (!required_string(rpc.body, "packageName", name, res) ||
      !optional_string(rpc.body, "packageVersion", version, res) ||
      !read_options(rpc.body, options, res) || !optional_string(rpc.body, "appId", app_id, res))
    return;
  auto packages = all_packages(cosmos, res);
  if (!packages) return;
  Outcome<Package> picked = select_package(*packages, name, version);
  if (auto* e = std::get_if<CosmosError>(&picked)) return reply_error(res, *e);
  const Package& package = std::get<Package>(picked);
  const json& def = package.def;
  bool v2 = rpc.response_type == vnd("package.install-response", "v2");
  json reply = {{"packageName", package.name()}, {"packageVersion", package.version()}};
  if (v2) {
    if (def.contains("postInstallNotes")) reply["postInstallNotes"] = def["postInstallNotes"];
    if (def.contains("resource") && def["resource"].contains("cli"))
      reply["cli"] = def["resource"]["cli"];
  }
  if (!has_template(def) && v2) {
    // A CLI-only package: nothing for Marathon, but its options are still checked.
    Outcome<json> resolved = resolve_options(def, options);
    if (auto* e = std::get_if<CosmosError>(&resolved)) return reply_error(res, *e);
    return reply_ok(res, rpc.response_type, reply);
  }
  Outcome<json> app = render_package(package, options, app_id.empty() ? "" : app_id_of(app_id));
  if (auto* e = std::get_if<CosmosError>(&app)) return reply_error(res, *e);
  const json& rendered = std::get<json>(app);
  // The same id is left to Marathon, whose 409 gives Cosmos's own answer.
  std::string owner = app_of_framework(cosmos.cluster, rendered);
  if (!owner.empty() && owner != rendered.value("id", ""))
    return reply_error(res,
                       error("PackageAlreadyInstalled",
                             "Package is already installed: app [" + owner + "] runs framework [" +
                                 label(rendered["labels"], "DCOS_PACKAGE_FRAMEWORK_NAME") + "]",
                             {}, 409));
  httplib::Response answer;
  create_app(cosmos.cluster, rendered, false, answer);
  if (answer.status != 201) return reply_error(res, marathon_failure(answer));
  json created = json::parse(answer.body, nullptr, false);
  reply["appId"] = created.is_object() ? created.value("id", "") : "";
  reply_ok(res, rpc.response_type, reply);
}

}  // namespace

void register_install_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos) {
  rpc_route(server, cosmos, "/package/install", package_types("install", {"v2", "v1"}), install);
}

}  // namespace dcos_local::cosmos
