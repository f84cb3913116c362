// The changes the Marathon client sends: creating, updating, removing, restarting and scaling
// apps, groups and pods, cancelling deployments and killing tasks. Every id is checked before
// anything is sent; every answer that started a deployment yields its id.
#include "client/marathon.hpp"
#include "client/marathon_parse.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string forced(const std::string& path, bool force) {
  return force ? path + "?force=true" : path;
}

/// The id a create request names, normalised: the definition's `id` must be a valid id.
Result<std::string> definition_id(const json& definition, IdKind kind) {
  auto id = definition.is_object() ? definition.find("id") : definition.end();
  if (!definition.is_object() || id == definition.end() || !id->is_string() ||
      id->get<std::string>().empty())
    return Error::make(ErrorKind::invalid,
                       "the " + std::string(id_word(kind)) + " definition has no \"id\"");
  return validate_id(id->get<std::string>(), kind,
                     kind == IdKind::group ? RootId::allowed : RootId::refused);
}

}  // namespace

nlohmann::json DeploymentResult::document() const {
  return raw.is_object() ? raw : json{{"deploymentId", id}};
}

Result<DeploymentResult> MarathonClient::change(const std::string& method, const std::string& path,
                                                const json& body, const Subject& subject) {
  auto response = call(method, path, body, subject);
  if (!response) return response.take_error();
  DeploymentResult result;
  result.raw = json::parse(response->body, nullptr, false);
  if (result.raw.is_discarded()) result.raw = nullptr;
  if (result.raw.is_object()) {
    auto id = result.raw.find("deploymentId");
    if (id != result.raw.end() && id->is_string()) result.id = id->get<std::string>();
  }
  if (result.id.empty()) result.id = header_value(response->headers, "Marathon-Deployment-Id");
  return result;
}

Result<DeploymentResult> MarathonClient::create_app(const json& definition) {
  auto id = definition_id(definition, IdKind::app);
  if (!id) return id.take_error();
  json body = definition;
  body["id"] = *id;
  return change("POST", "/v2/apps", body, {IdKind::app, *id});
}

Result<DeploymentResult> MarathonClient::update_app(std::string_view id, const json& changes,
                                                    bool force) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  return change("PUT", forced("/v2/apps" + *normalised, force), changes,
                {IdKind::app, *normalised});
}

Result<DeploymentResult> MarathonClient::remove_app(std::string_view id, bool force) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  return change("DELETE", forced("/v2/apps" + *normalised, force), nullptr,
                {IdKind::app, *normalised});
}

Result<DeploymentResult> MarathonClient::restart_app(std::string_view id, bool force) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  return change("POST", forced("/v2/apps" + *normalised + "/restart", force), json::object(),
                {IdKind::app, *normalised});
}

Result<KilledTasks> MarathonClient::kill_app_tasks(std::string_view id, const std::string& host) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  std::string path = "/v2/apps" + *normalised + "/tasks";
  if (!host.empty()) path += "?host=" + percent_encode(host);
  auto response = call("DELETE", path, nullptr, {IdKind::app, *normalised});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded()) body = json::object({{"tasks", json::array()}});
  return marathon_parse::killed_tasks(std::move(body));
}

Result<DeploymentResult> MarathonClient::create_group(const json& definition) {
  auto id = definition_id(definition, IdKind::group);
  if (!id) return id.take_error();
  json body = definition;
  body["id"] = *id;
  return change("POST", "/v2/groups", body, {IdKind::group, *id});
}

Result<DeploymentResult> MarathonClient::update_group(std::string_view id, const json& changes,
                                                      bool force) {
  auto normalised = validate_id(id, IdKind::group, RootId::allowed);
  if (!normalised) return normalised.take_error();
  const std::string path = *normalised == "/" ? "/v2/groups" : "/v2/groups" + *normalised;
  return change("PUT", forced(path, force), changes, {IdKind::group, *normalised});
}

Result<DeploymentResult> MarathonClient::remove_group(std::string_view id, bool force) {
  auto normalised = validate_id(id, IdKind::group);
  if (!normalised) return normalised.take_error();
  return change("DELETE", forced("/v2/groups" + *normalised, force), nullptr,
                {IdKind::group, *normalised});
}

Result<DeploymentResult> MarathonClient::create_pod(const json& definition) {
  auto id = definition_id(definition, IdKind::pod);
  if (!id) return id.take_error();
  json body = definition;
  body["id"] = *id;
  return change("POST", "/v2/pods", body, {IdKind::pod, *id});
}

Result<DeploymentResult> MarathonClient::update_pod(std::string_view id, const json& definition,
                                                    bool force) {
  auto normalised = validate_id(id, IdKind::pod);
  if (!normalised) return normalised.take_error();
  json body = definition;
  if (body.is_object()) body["id"] = *normalised;
  return change("PUT", forced("/v2/pods" + *normalised, force), body, {IdKind::pod, *normalised});
}

Result<DeploymentResult> MarathonClient::remove_pod(std::string_view id, bool force) {
  auto normalised = validate_id(id, IdKind::pod);
  if (!normalised) return normalised.take_error();
  return change("DELETE", forced("/v2/pods" + *normalised, force), nullptr,
                {IdKind::pod, *normalised});
}

Result<json> MarathonClient::kill_pod_instances(std::string_view id,
                                                const std::vector<std::string>& instances) {
  auto normalised = validate_id(id, IdKind::pod);
  if (!normalised) return normalised.take_error();
  if (instances.empty())
    return Error::make(ErrorKind::usage, "name at least one instance of the pod to kill");
  auto response = call("DELETE", "/v2/pods" + *normalised + "::instances", json(instances),
                       {IdKind::pod, *normalised});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded()) return json::array();
  return body;
}

Result<DeploymentResult> MarathonClient::cancel_deployment(const std::string& id, CancelMode mode) {
  if (id.empty() || id.find_first_of("/?#% ") != std::string::npos)
    return Error::make(ErrorKind::usage, "invalid deployment id '" + id + "'");
  auto result =
      change("DELETE", forced("/v2/deployments/" + id, mode == CancelMode::stop), nullptr, {});
  if (!result && result.error().kind == ErrorKind::not_found)
    return Error::make(ErrorKind::not_found, "deployment '" + id + "' does not exist");
  return result;
}

Result<KilledTasks> MarathonClient::kill_tasks(const std::vector<std::string>& ids,
                                               KillTasksOptions options) {
  std::string path = "/v2/tasks/delete";
  if (options.scale) path += "?scale=true";
  if (options.wipe) path += std::string(options.scale ? "&" : "?") + "wipe=true";
  auto response = call("POST", path, json{{"ids", ids}}, {});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded()) body = json::object();
  if (options.scale && body.is_object() && !body.contains("deploymentId")) {
    auto header = header_value(response->headers, "Marathon-Deployment-Id");
    if (!header.empty()) body["deploymentId"] = header;
  }
  return marathon_parse::killed_tasks(std::move(body));
}

Status MarathonClient::reset_delay(std::string_view id) {
  auto normalised = validate_id(id, IdKind::app);
  if (!normalised) return normalised.take_error();
  auto response = call("DELETE", "/v2/queue" + *normalised + "/delay", nullptr, {});
  if (!response) {
    if (response.error().kind == ErrorKind::not_found)
      return Error::make(ErrorKind::not_found,
                         "'" + *normalised + "' has no instances waiting in the launch queue");
    return response.take_error();
  }
  return Status::success();
}

Result<std::string> MarathonClient::abdicate_leader() {
  auto response = call("DELETE", "/v2/leader", nullptr, {});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_object() && body.contains("message") && body["message"].is_string())
    return body["message"].get<std::string>();
  return std::string("Leadership abdicated");
}

}  // namespace dcos
