// What is installed: /package/uninstall, /package/list and /cosmos/service/describe, all read
// from the Marathon apps' DCOS_PACKAGE_* labels (mesos-cosmos-api.md §2.6, §2.7).
#include <algorithm>

#include "jsonschema/json_schema.hpp"
#include "local/cosmos/cosmos.hpp"
#include "local/cosmos/labels.hpp"
#include "local/cosmos/service.hpp"
#include "local/http_util.hpp"

namespace dcos_local::cosmos {

namespace {

// An installed app as uninstall and list see it.
struct Installed {
  std::string app_id;
  json labels;
};

std::vector<Installed> installed_apps(Cluster& c) {
  std::lock_guard lock(c.mu);
  std::vector<Installed> out;
  for (const auto& [id, app] : c.apps) {
    const json& labels = app.def.contains("labels") ? app.def["labels"] : json::object();
    if (!label(labels, "DCOS_PACKAGE_NAME").empty()) out.push_back({id, labels});
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void uninstall(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string name, app_id;
  if (!required_string(rpc.body, "packageName", name, res) ||
      !optional_string(rpc.body, "appId", app_id, res))
    return;
  if (rpc.body.contains("all") && !rpc.body["all"].is_null() && !rpc.body["all"].is_boolean())
    return reply_error(res, not_parsed("all"));
  bool all = rpc.body.value("all", false);
  std::vector<Installed> matching;
  for (Installed& app : installed_apps(cosmos.cluster))
    if (label(app.labels, "DCOS_PACKAGE_NAME") == name) matching.push_back(std::move(app));
  if (!app_id.empty()) {
    app_id = app_id_of(app_id);
    auto it = std::find_if(matching.begin(), matching.end(),
                           [&](const Installed& a) { return a.app_id == app_id; });
    if (it == matching.end())
      return reply_error(res,
                         error("UninstallNonExistentAppForPackage",
                               "Package [" + name + "] with id [" + app_id + "] is not installed",
                               {{"packageName", name}, {"appId", app_id}}));
    matching = {*it};
  } else if (matching.empty()) {
    return reply_error(res, error("PackageNotInstalled", "Package [" + name + "] is not installed",
                                  {{"packageName", name}}));
  } else if (matching.size() > 1 && !all) {
    std::vector<std::string> ids;
    for (const Installed& a : matching) ids.push_back(a.app_id);
    return reply_error(
        res, error("AmbiguousAppId",
                   "Multiple apps named [" + name + "] are installed: [" + joined(ids) + "]",
                   {{"packageName", name}, {"appIds", ids}}));
  }
  json results = json::array();
  for (const Installed& app : matching) {
    httplib::Response answer;
    delete_app(cosmos.cluster, app.app_id, true, answer);
    if (answer.status != 200)
      return reply_error(res, error("MarathonAppDeleteError",
                                    "Error while deleting marathon app '" + app.app_id + "'",
                                    {{"appId", app.app_id}}));
    std::string version = label(app.labels, "DCOS_PACKAGE_VERSION");
    std::string framework = label(app.labels, "DCOS_PACKAGE_FRAMEWORK_NAME");
    if (!framework.empty()) {
      FrameworkTeardown down = teardown_framework_named(cosmos.cluster, framework);
      if (down.ids.size() > 1)
        return reply_error(
            res, error("MultipleFrameworkIds",
                       "Uninstalled package [" + name + "] version [" + version +
                           "]\nUnable to shutdown [" + name + "] service framework with name [" +
                           framework +
                           "] because there are multiple framework ids matching this name: [" +
                           joined(down.ids) + "]",
                       {{"packageName", name},
                        {"packageVersion", version},
                        {"frameworkName", framework},
                        {"ids", down.ids}}));
    }
    json entry = {{"packageName", name}, {"appId", app.app_id}};
    if (!version.empty()) entry["packageVersion"] = version;
    if (auto def = stored_definition(app.labels); def && def->contains("postUninstallNotes"))
      entry["postUninstallNotes"] = (*def)["postUninstallNotes"];
    results.push_back(entry);
  }
  reply_ok(res, rpc.response_type, {{"results", results}});
}

void list(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string name, app_id;
  if (!optional_string(rpc.body, "packageName", name, res) ||
      !optional_string(rpc.body, "appId", app_id, res))
    return;
  if (!app_id.empty()) app_id = app_id_of(app_id);
  std::vector<std::pair<std::string, json>> entries;  // package name, entry
  for (const Installed& app : installed_apps(cosmos.cluster)) {
    std::string package = label(app.labels, "DCOS_PACKAGE_NAME");
    if ((!name.empty() && package != name) || (!app_id.empty() && app.app_id != app_id)) continue;
    auto def = stored_definition(app.labels);
    if (!def) continue;  // apps with only the old DCOS_PACKAGE_METADATA label are skipped
    json info = {{"packageDefinition", package_details(*def)}};
    if (def->contains("resource") && (*def)["resource"].is_object()) {
      json resource = json::object();
      for (const char* key : {"assets", "images"})
        if ((*def)["resource"].contains(key)) resource[key] = (*def)["resource"][key];
      if (!resource.empty()) info["resourceDefinition"] = resource;
    }
    entries.emplace_back(package, json{{"appId", app.app_id}, {"packageInformation", info}});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return a.second["appId"].template get<std::string>() <
           b.second["appId"].template get<std::string>();
  });
  json packages = json::array();
  for (auto& [package, entry] : entries) packages.push_back(entry);
  reply_ok(res, rpc.response_type, {{"packages", packages}});
}

void service_describe(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string app_id;
  if (!required_string(rpc.body, "appId", app_id, res)) return;
  app_id = app_id_of(app_id);
  std::optional<json> labels;
  {
    std::lock_guard lock(cosmos.cluster.mu);
    auto it = cosmos.cluster.apps.find(app_id);
    if (it != cosmos.cluster.apps.end())
      labels = it->second.def.contains("labels") ? it->second.def["labels"] : json::object();
  }
  if (!labels || label(*labels, "DCOS_PACKAGE_NAME").empty())
    return reply_error(res, error("MarathonAppNotFound",
                                  "Unable to locate service with marathon appId: '" + app_id + "'",
                                  {{"appId", app_id}}));
  auto packages = all_packages(cosmos, res);
  if (!packages) return;
  std::string name = label(*labels, "DCOS_PACKAGE_NAME");
  std::string version = label(*labels, "DCOS_PACKAGE_VERSION");
  std::optional<json> def = stored_definition(*labels);
  if (!def) {
    Outcome<Package> found = select_package(*packages, name, version);
    if (auto* e = std::get_if<CosmosError>(&found)) return reply_error(res, *e);
    def = std::get<Package>(found).def;
  }
  json upgrades = json::array(), downgrades = json::array();
  json allowed_down = def->value("downgradesTo", json::array());
  for (const Package& p : *packages) {
    if (p.name() != name || p.version() == version) continue;
    for (const json& from : p.def.value("upgradesFrom", json::array()))
      if (from == "*" || from == version) {
        upgrades.push_back(p.version());
        break;
      }
    for (const json& to : allowed_down)
      if (to == "*" || to == p.version()) {
        downgrades.push_back(p.version());
        break;
      }
  }
  json user = stored_options(*labels);
  json resolved = jsonschema::merge(
      def->contains("config") ? jsonschema::defaults((*def)["config"]) : json::object(), user);
  reply_ok(res, rpc.response_type,
           {{"package", *def},
            {"upgradesTo", upgrades},
            {"downgradesTo", downgrades},
            {"resolvedOptions", resolved},
            {"userProvidedOptions", user}});
}

}  // namespace

void register_installed_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos) {
  rpc_route(server, cosmos, "/package/uninstall", package_types("uninstall"), uninstall);
  rpc_route(server, cosmos, "/package/list", package_types("list"), list);
  rpc_route(server, cosmos, "/cosmos/service/describe",
            {vnd("service.describe-request", "v1"), {vnd("service.describe-response", "v1")}},
            service_describe);
}

}  // namespace dcos_local::cosmos
