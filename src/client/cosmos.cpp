// The Cosmos RPCs: each builds its request body, names its media types and reads the answer into
// its typed view. How a package definition and an error body are read is in cosmos_parse.cpp.
#include "client/cosmos.hpp"

#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using json_fields::string_field;
using nlohmann::json;

/// The media type without its parameters, and its `version` parameter, lower-cased.
struct MediaType {
  std::string type;
  std::string version;
};

MediaType parse_media_type(const std::string& value) {
  MediaType parsed;
  auto parts = split(value, ';');
  if (parts.empty()) return parsed;
  parsed.type = to_lower(trim(parts[0]));
  for (size_t i = 1; i < parts.size(); ++i) {
    std::string parameter = to_lower(trim(parts[i]));
    if (starts_with(parameter, "version=")) parsed.version = parameter.substr(8);
  }
  return parsed;
}

bool same_media_type(const std::string& a, const std::string& b) {
  MediaType left = parse_media_type(a);
  MediaType right = parse_media_type(b);
  return left.type == right.type && left.version == right.version;
}

/// The path of an RPC: "search" → /package/search, "repository.add" → /package/repository/add.
std::string rpc_path(const std::string& op) {
  std::string path = "/package/" + op;
  for (size_t i = 9; i < path.size(); ++i)
    if (path[i] == '.') path[i] = '/';
  return path;
}

CosmosRepositories repositories_of(json raw) {
  CosmosRepositories list;
  if (auto repos = raw.find("repositories"); repos != raw.end() && repos->is_array())
    for (const auto& repo : *repos)
      if (repo.is_object())
        list.repositories.push_back({string_field(repo, "name"), string_field(repo, "uri")});
  list.raw = std::move(raw);
  return list;
}

json install_body(const CosmosInstallRequest& request) {
  json body = {{"packageName", request.package_name}};
  if (!request.package_version.empty()) body["packageVersion"] = request.package_version;
  if (!request.app_id.empty()) body["appId"] = request.app_id;
  if (request.options) body["options"] = *request.options;
  return body;
}

}  // namespace

namespace cosmos_media {

std::string package_type(const std::string& kind, const std::string& version) {
  return "application/vnd.dcos.package." + kind + "+json;charset=utf-8;version=" + version;
}

const std::string& error_type() {
  static const std::string type = package_type("error", "v1");
  return type;
}

}  // namespace cosmos_media

Result<json> CosmosClient::call(const std::string& op, const json& body,
                                const std::vector<std::string>& accepted, bool with_error_type,
                                const std::vector<std::string>& also_read) {
  std::string accept = join(accepted, ",");
  if (with_error_type) accept += "," + cosmos_media::error_type();
  Headers headers = {{"Content-Type", cosmos_media::package_type(op + "-request", "v1")},
                     {"Accept", accept}};
  const std::string path = rpc_path(op);
  auto response = http_.send(
      "POST", path, body.dump(-1, ' ', false, json::error_handler_t::replace), std::move(headers));
  if (!response) return response.take_error();
  const std::string type = header_value(response->headers, "Content-Type");
  const std::string url = http_.options().base_url + path;
  if (same_media_type(type, cosmos_media::error_type()) || response->status >= 400) {
    auto error_body = json::parse(response->body, nullptr, false);
    if (same_media_type(type, cosmos_media::error_type()) && error_body.is_object() &&
        !string_field(error_body, "message").empty())
      return cosmos_error(response->status, error_body);
    return error_for_status("POST", url, *response, !http_.options().token.empty());
  }
  bool known = false;
  for (const auto& candidate : accepted) known = known || same_media_type(type, candidate);
  for (const auto& candidate : also_read) known = known || same_media_type(type, candidate);
  if (!known)
    return Error::make(ErrorKind::server, "Cosmos answered POST " + url + " with Content-Type '" +
                                              type + "', expected '" + accepted.front() + "'");
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Error::make(ErrorKind::server,
                       "Cosmos answered POST " + url + " with a body that is not a JSON object");
  return parsed;
}

Result<CosmosSearch> CosmosClient::search(const std::string& query) {
  json body = json::object();
  if (!query.empty()) body["query"] = query;
  auto answer = call("search", body, {cosmos_media::package_type("search-response", "v1")});
  if (!answer) return answer.take_error();
  CosmosSearch found;
  if (auto packages = answer->find("packages"); packages != answer->end() && packages->is_array())
    for (const auto& entry : *packages) {
      if (!entry.is_object()) continue;
      CosmosSearchResult result;
      result.name = string_field(entry, "name");
      result.current_version = string_field(entry, "currentVersion");
      result.description = string_field(entry, "description");
      result.framework =
          entry.value("framework", json(false)).is_boolean() && entry.value("framework", false);
      result.selected =
          entry.value("selected", json(false)).is_boolean() && entry.value("selected", false);
      result.raw = entry;
      found.packages.push_back(std::move(result));
    }
  found.raw = std::move(answer).value();
  return found;
}

Result<CosmosPackage> CosmosClient::describe(const std::string& name, const std::string& version) {
  json body = {{"packageName", name}};
  if (!version.empty()) body["packageVersion"] = version;
  auto answer = call("describe", body, {cosmos_media::package_type("describe-response", "v3")});
  if (!answer) return answer.take_error();
  auto package = answer->find("package");
  if (package == answer->end() || !package->is_object())
    return Error::make(ErrorKind::server,
                       "Cosmos described package '" + name + "' without a package");
  return cosmos_package(std::move(*package));
}

Result<std::map<std::string, std::string>> CosmosClient::list_versions(const std::string& name) {
  json body = {{"packageName", name}, {"includePackageVersions", true}};
  auto answer =
      call("list-versions", body, {cosmos_media::package_type("list-versions-response", "v1")});
  if (!answer) return answer.take_error();
  std::map<std::string, std::string> versions;
  if (auto results = answer->find("results"); results != answer->end() && results->is_object())
    for (const auto& [version, release] : results->items())
      versions[version] = release.is_string() ? release.get<std::string>() : release.dump();
  return versions;
}

Result<json> CosmosClient::render(const CosmosInstallRequest& request) {
  auto answer =
      call("render", install_body(request), {cosmos_media::package_type("render-response", "v1")});
  if (!answer) return answer.take_error();
  auto app = answer->find("marathonJson");
  if (app == answer->end() || !app->is_object())
    return Error::make(ErrorKind::server, "Cosmos rendered package '" + request.package_name +
                                              "' without a Marathon app (marathonJson)");
  return std::move(*app);
}

Result<CosmosInstallResult> CosmosClient::install(const CosmosInstallRequest& request) {
  // Ask for the v2 answer (it has the notes and the CLI); a Cosmos that answers v1 is read too.
  auto answer =
      call("install", install_body(request), {cosmos_media::package_type("install-response", "v2")},
           true, {cosmos_media::package_type("install-response", "v1")});
  if (!answer) return answer.take_error();
  CosmosInstallResult result;
  result.package_name = string_field(*answer, "packageName");
  result.package_version = string_field(*answer, "packageVersion");
  result.app_id = string_field(*answer, "appId");
  result.post_install_notes = string_field(*answer, "postInstallNotes");
  result.raw = std::move(answer).value();
  return result;
}

Result<std::vector<CosmosUninstalled>> CosmosClient::uninstall(const std::string& name,
                                                               const std::string& app_id,
                                                               bool all) {
  json body = {{"packageName", name}};
  if (!app_id.empty()) body["appId"] = app_id;
  if (all) body["all"] = true;
  auto answer = call("uninstall", body, {cosmos_media::package_type("uninstall-response", "v1")});
  if (!answer) return answer.take_error();
  std::vector<CosmosUninstalled> done;
  if (auto results = answer->find("results"); results != answer->end() && results->is_array())
    for (const auto& entry : *results)
      if (entry.is_object())
        done.push_back({string_field(entry, "packageName"), string_field(entry, "appId"),
                        string_field(entry, "packageVersion"),
                        string_field(entry, "postUninstallNotes")});
  return done;
}

Result<std::vector<CosmosInstalledApp>> CosmosClient::list() {
  auto answer = call("list", json::object(), {cosmos_media::package_type("list-response", "v1")});
  if (!answer) return answer.take_error();
  std::vector<CosmosInstalledApp> apps;
  if (auto packages = answer->find("packages"); packages != answer->end() && packages->is_array())
    for (auto& entry : *packages) {
      if (!entry.is_object()) continue;
      CosmosInstalledApp app;
      app.app_id = string_field(entry, "appId");
      const json* information = json_fields::object_at(entry, "packageInformation");
      const json* definition =
          information ? json_fields::object_at(*information, "packageDefinition") : nullptr;
      app.package = cosmos_package(definition ? *definition : json::object());
      app.raw = std::move(entry);
      apps.push_back(std::move(app));
    }
  return apps;
}

Result<CosmosRepositories> CosmosClient::repositories() {
  // The one RPC whose Accept carries no error type (as the Go CLI sends it).
  auto answer = call("repository.list", json::object(),
                     {cosmos_media::package_type("repository.list-response", "v1")}, false);
  if (!answer) return answer.take_error();
  return repositories_of(std::move(answer).value());
}

Result<CosmosRepositories> CosmosClient::add_repository(const std::string& name,
                                                        const std::string& uri,
                                                        std::optional<long long> index) {
  json body = {{"name", name}, {"uri", uri}};
  if (index) body["index"] = *index;
  auto answer =
      call("repository.add", body, {cosmos_media::package_type("repository.add-response", "v1")});
  if (!answer) return answer.take_error();
  return repositories_of(std::move(answer).value());
}

Result<CosmosRepositories> CosmosClient::delete_repository(const std::string& name) {
  auto answer = call("repository.delete", json{{"name", name}},
                     {cosmos_media::package_type("repository.delete-response", "v1")});
  if (!answer) return answer.take_error();
  return repositories_of(std::move(answer).value());
}

}  // namespace dcos
