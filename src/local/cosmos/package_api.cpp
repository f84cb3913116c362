// /package/search, /package/describe, /package/list-versions and /package/render.
#include <algorithm>
#include <map>
#include <regex>

#include "local/cosmos/render.hpp"
#include "local/cosmos/service.hpp"

namespace dcos_local::cosmos {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A query with '*' is a whole-string glob (case-sensitive); any other is a case-insensitive
// substring. Either is tried on the name, the description and each tag.
std::function<bool(const std::string&)> matcher(const std::string& query) {
  if (query.find('*') == std::string::npos) {
    std::string q = lower(query);
    return [q](const std::string& s) { return lower(s).find(q) != std::string::npos; };
  }
  std::string pattern = "^";
  for (char c : query) {
    if (c == '*') {
      pattern += ".*";
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      pattern += c;
    } else {
      pattern += '\\';
      pattern += c;
    }
  }
  std::regex re(pattern + "$");
  return [re](const std::string& s) { return std::regex_match(s, re); };
}

bool package_matches(const json& p, const std::function<bool(const std::string&)>& match) {
  if (match(p.value("name", "")) || match(p.value("description", ""))) return true;
  for (const json& tag : p.value("tags", json::array()))
    if (tag.is_string() && match(tag.get<std::string>())) return true;
  return false;
}

void search(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string query;
  if (!optional_string(rpc.body, "query", query, res)) return;
  auto packages = all_packages(cosmos, res);
  if (!packages) return;
  auto match = matcher(query);
  std::vector<json> results;
  std::map<std::string, size_t> by_name;
  for (const Package& p : *packages) {
    auto it = by_name.find(p.name());
    if (it != by_name.end()) {
      results[it->second]["versions"][p.version()] = p.release();
      continue;
    }
    by_name[p.name()] = results.size();
    json r = {{"name", p.name()},
              {"currentVersion", p.version()},
              {"versions", {{p.version(), p.release()}}},
              {"description", p.def.value("description", "")},
              {"framework", p.def.value("framework", false)},
              {"tags", p.def.value("tags", json::array())},
              {"selected", p.def.value("selected", false)}};
    if (p.def.contains("resource") && p.def["resource"].contains("images"))
      r["images"] = p.def["resource"]["images"];
    r["matches"] = query.empty() || package_matches(p.def, match);
    results.push_back(r);
  }
  std::vector<json> kept;
  for (json& r : results)
    if (r["matches"].get<bool>()) {
      r.erase("matches");
      kept.push_back(r);
    }
  std::stable_sort(kept.begin(), kept.end(), [](const json& a, const json& b) {
    if (a["selected"] != b["selected"]) return a["selected"].get<bool>();
    return a["name"].get<std::string>() < b["name"].get<std::string>();
  });
  reply_ok(res, rpc.response_type, {{"packages", kept}});
}

// The package a request names with packageName and an optional packageVersion.
std::optional<Package> requested(Cosmos& cosmos, const json& body, httplib::Response& res) {
  std::string name, version;
  if (!required_string(body, "packageName", name, res)) return std::nullopt;
  if (!optional_string(body, "packageVersion", version, res)) return std::nullopt;
  auto packages = all_packages(cosmos, res);
  if (!packages) return std::nullopt;
  Outcome<Package> picked = select_package(*packages, name, version);
  if (auto* e = std::get_if<CosmosError>(&picked)) {
    reply_error(res, *e);
    return std::nullopt;
  }
  return std::get<Package>(picked);
}

void describe(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  auto package = requested(cosmos, rpc.body, res);
  if (!package) return;
  const json& def = package->def;
  if (rpc.response_type == vnd("package.describe-response", "v3"))
    return reply_ok(res, rpc.response_type, {{"package", def}});
  std::string pv = def.value("packagingVersion", "");
  if (pv == "5.0" ||
      (pv == "4.0" && (def.contains("upgradesFrom") || def.contains("downgradesTo"))))
    return reply_error(
        res, error("ConversionFromPackageToV2DescribeResponse",
                   "Package [" + package->name() + "] version [" + package->version() +
                       "] cannot be described in the v2 response (packaging version " + pv +
                       "); ask for the v3 describe response",
                   {{"packagingVersion", pv}}));
  json out = json::object();
  for (const char* key :
       {"packagingVersion", "name", "version", "maintainer", "description", "tags", "selected",
        "scm", "website", "framework", "preInstallNotes", "postInstallNotes", "postUninstallNotes",
        "licenses", "minDcosReleaseVersion", "marathon", "resource", "config", "command"})
    if (def.contains(key)) out[key] = def[key];
  out["selected"] = def.value("selected", false);
  out["framework"] = def.value("framework", false);
  reply_ok(res, rpc.response_type, out);
}

void list_versions(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  std::string name;
  if (!required_string(rpc.body, "packageName", name, res)) return;
  if (!rpc.body.contains("includePackageVersions") ||
      !rpc.body["includePackageVersions"].is_boolean())
    return reply_error(res, not_parsed("includePackageVersions"));
  auto packages = all_packages(cosmos, res);
  if (!packages) return;
  json results = json::object();
  for (const Package& p : *packages)
    if (p.name() == name) results[p.version()] = std::to_string(p.release());
  if (results.empty())
    return reply_error(
        res, error("PackageNotFound", "Package [" + name + "] not found", {{"packageName", name}}));
  reply_ok(res, rpc.response_type, {{"results", results}});
}

void render(Cosmos& cosmos, const RpcRequest& rpc, httplib::Response& res) {
  json options;
  std::string app_id;
  if (!read_options(rpc.body, options, res) || !optional_string(rpc.body, "appId", app_id, res))
    return;
  auto package = requested(cosmos, rpc.body, res);
  if (!package) return;
  Outcome<json> app = render_package(*package, options, app_id.empty() ? "" : app_id_of(app_id));
  if (auto* e = std::get_if<CosmosError>(&app)) return reply_error(res, *e);
  reply_ok(res, rpc.response_type, {{"marathonJson", std::get<json>(app)}});
}

}  // namespace

void register_package_routes(httplib::Server& server, const std::shared_ptr<Cosmos>& cosmos) {
  rpc_route(server, cosmos, "/package/search", package_types("search"), search);
  rpc_route(server, cosmos, "/package/describe", package_types("describe", {"v3", "v2"}), describe);
  rpc_route(server, cosmos, "/package/list-versions", package_types("list-versions"),
            list_versions);
  rpc_route(server, cosmos, "/package/render", package_types("render"), render);
}

}  // namespace dcos_local::cosmos
