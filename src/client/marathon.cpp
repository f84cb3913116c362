#include "client/marathon.hpp"

#include <algorithm>
#include <cctype>

#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double number_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::optional<long long> integer_field(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) return static_cast<long long>(it->get<double>());
  return it->get<long long>();
}

/// True when `label` (a part of a segment between dots) is [a-z0-9] or [a-z0-9][a-z0-9-]*[a-z0-9].
bool valid_label(std::string_view label) {
  if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool valid_segment(std::string_view segment) {
  if (segment == "." || segment == "..") return true;
  for (const auto& label : split(segment, '.'))
    if (!valid_label(label)) return false;
  return true;
}

/// Keeps the characters a version timestamp is made of and percent-encodes the rest, so that
/// whatever the user typed stays one path segment.
std::string encode_segment(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0F];
    }
  }
  return out;
}

/// Marathon's validation details (spec §2.3-2.5): one `<path>: <errors>` line per entry of a
/// `details` array, or the `details` string as it is; "" when there are none.
std::string detail_lines(const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {};
  auto details = parsed.find("details");
  if (details == parsed.end()) return {};
  if (details->is_string()) return "\n" + details->get<std::string>();
  if (!details->is_array()) return {};
  std::string lines;
  for (const auto& entry : *details) {
    if (!entry.is_object()) continue;
    std::vector<std::string> errors;
    if (auto list = entry.find("errors"); list != entry.end() && list->is_array())
      for (const auto& error : *list)
        if (error.is_string()) errors.push_back(error.get<std::string>());
    lines += "\n" + string_field(entry, "path") + ": " + join(errors, "; ");
  }
  return lines;
}

/// The Error for an error status from Marathon: HttpClient's, plus the validation details of
/// a 400 or 422 answer.
Error marathon_error(const HttpClient& http, const std::string& path,
                     const HttpResponse& response) {
  Error error = error_for_status("GET", http.options().base_url + path, response,
                                 !http.options().token.empty());
  if (response.status == 400 || response.status == 422)
    error.message += detail_lines(response.body);
  return error;
}

/// `error` with `context` put in front of its message; a login problem stays as it is, since
/// its own message and hint say all there is to do.
Error prefixed(Error error, const std::string& context) {
  if (error.kind != ErrorKind::auth) error.message = context + ": " + error.message;
  return error;
}

Error app_missing(const std::string& id) {
  return Error::make(ErrorKind::not_found, "app '" + id + "' does not exist");
}

Error unexpected_shape(const std::string& path) {
  return Error::make(ErrorKind::server,
                     "Marathon's answer to GET " + path + " is not the JSON expected");
}

MarathonApp app_view(const json& raw) {
  MarathonApp app;
  app.id = string_field(raw, "id");
  app.cmd = string_field(raw, "cmd");
  if (auto args = raw.find("args"); args != raw.end() && args->is_array())
    for (const auto& arg : *args)
      if (arg.is_string()) app.args.push_back(arg.get<std::string>());
  app.mem = number_field(raw, "mem");
  app.cpus = number_field(raw, "cpus");
  app.instances = integer_field(raw, "instances");
  app.tasks_running = integer_field(raw, "tasksRunning").value_or(0);
  app.tasks_healthy = integer_field(raw, "tasksHealthy").value_or(0);
  if (auto checks = raw.find("healthChecks"); checks != raw.end() && checks->is_array())
    app.health_checks = checks->size();
  if (auto deployments = raw.find("deployments");
      deployments != raw.end() && deployments->is_array())
    for (const auto& deployment : *deployments)
      if (deployment.is_object()) app.deployment_ids.push_back(string_field(deployment, "id"));
  if (auto container = raw.find("container"); container != raw.end() && container->is_object())
    app.container_type = string_field(*container, "type");
  app.role = string_field(raw, "role");
  app.raw = raw;
  return app;
}

MarathonDeployment deployment_view(const json& raw) {
  MarathonDeployment deployment;
  deployment.id = string_field(raw, "id");
  if (auto apps = raw.find("affectedApps"); apps != raw.end() && apps->is_array())
    for (const auto& app : *apps)
      if (app.is_string()) deployment.affected_apps.push_back(app.get<std::string>());
  if (auto actions = raw.find("currentActions"); actions != raw.end() && actions->is_array())
    for (const auto& action : *actions)
      if (action.is_object())
        deployment.current_actions.push_back({string_field(action, "action"),
                                              string_field(action, "app"),
                                              string_field(action, "pod")});
  deployment.raw = raw;
  return deployment;
}

QueueItem queue_view(const json& raw) {
  QueueItem item;
  if (auto app = raw.find("app"); app != raw.end() && app->is_object())
    item.app_id = string_field(*app, "id");
  if (auto pod = raw.find("pod"); pod != raw.end() && pod->is_object())
    item.pod_id = string_field(*pod, "id");
  if (auto delay = raw.find("delay"); delay != raw.end() && delay->is_object()) {
    auto overdue = delay->find("overdue");
    item.overdue = overdue != delay->end() && overdue->is_boolean() && overdue->get<bool>();
  }
  item.raw = raw;
  return item;
}

}  // namespace

Result<std::string> validate_app_id(std::string_view id) {
  const std::string quoted = "invalid app id '" + std::string(id) + "'";
  std::vector<std::string> path;
  for (const auto& segment : split(id, '/')) {
    if (segment.empty()) continue;
    if (!valid_segment(segment))
      return Error::make(ErrorKind::usage,
                         quoted + ": '" + segment +
                             "' is not a valid path segment: use lowercase letters, digits, '-' "
                             "and '.', and start and end each part between dots with a letter or "
                             "digit");
    path.push_back(segment);
  }
  if (path.empty())
    return Error::make(ErrorKind::usage, quoted + ": it must name an app, not the root group");
  const std::string& last = path.back();
  if (last == "restart" || last == "tasks" || last == "versions" || last == "." || last == "..")
    return Error::make(ErrorKind::usage,
                       quoted +
                           ": it must not end with any of the reserved words restart, tasks, "
                           "versions, ., ..");
  std::vector<std::string> resolved;
  for (const auto& segment : path) {
    if (segment == "..") {
      if (!resolved.empty()) resolved.pop_back();
    } else if (segment != ".") {
      resolved.push_back(segment);
    }
  }
  return "/" + join(resolved, "/");
}

Result<nlohmann::json> MarathonClient::get_json(const std::string& path) {
  auto response = http_.send("GET", path, {}, {{"Accept", "application/json"}});
  if (!response) return response.take_error();
  if (response->status >= 400) return marathon_error(http_, path, *response);
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return unexpected_shape(path);
  return parsed;
}

Result<std::vector<MarathonApp>> MarathonClient::list_apps() {
  auto body = get_json("/v2/apps");
  if (!body) return prefixed(body.take_error(), "unable to get Marathon apps");
  auto apps = body->find("apps");
  if (!body->is_object() || apps == body->end() || !apps->is_array())
    return prefixed(unexpected_shape("/v2/apps"), "unable to get Marathon apps");
  std::vector<MarathonApp> list;
  list.reserve(apps->size());
  for (const auto& app : *apps)
    if (app.is_object()) list.push_back(app_view(app));
  return list;
}

Result<MarathonApp> MarathonClient::get_app(std::string_view id) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  auto body = get_json("/v2/apps" + *normalised);
  if (!body) {
    if (body.error().kind == ErrorKind::not_found) return app_missing(*normalised);
    return body.take_error();
  }
  auto app = body->find("app");
  if (!body->is_object() || app == body->end() || !app->is_object())
    return unexpected_shape("/v2/apps" + *normalised);
  return app_view(*app);
}

Result<std::vector<std::string>> MarathonClient::app_versions(std::string_view id) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  const std::string path = "/v2/apps" + *normalised + "/versions";
  auto body = get_json(path);
  if (!body) {
    if (body.error().kind == ErrorKind::not_found) return app_missing(*normalised);
    return prefixed(body.take_error(), "unable to get versions for Marathon app " + *normalised);
  }
  auto versions = body->find("versions");
  if (!body->is_object() || versions == body->end() || !versions->is_array())
    return unexpected_shape(path);
  std::vector<std::string> list;
  for (const auto& version : *versions)
    if (version.is_string()) list.push_back(version.get<std::string>());
  return list;
}

Result<nlohmann::json> MarathonClient::app_version(std::string_view id,
                                                   const std::string& version) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  auto body = get_json("/v2/apps" + *normalised + "/versions/" + encode_segment(version));
  if (body) return body;
  switch (body.error().kind) {
    case ErrorKind::not_found:
      return Error::make(ErrorKind::not_found,
                         "app '" + *normalised + "' does not exist in version " + version);
    case ErrorKind::invalid:
      return Error::make(ErrorKind::invalid, "invalid timestamp provided '" + version +
                                                 "', expecting ISO-8601 datetime string");
    default:
      return prefixed(body.take_error(),
                      "unable to get version " + version + " for app " + *normalised);
  }
}

Result<std::vector<MarathonDeployment>> MarathonClient::list_deployments() {
  auto body = get_json("/v2/deployments");
  if (!body) return prefixed(body.take_error(), "unable to get Marathon deployments");
  if (!body->is_array())
    return prefixed(unexpected_shape("/v2/deployments"), "unable to get Marathon deployments");
  std::vector<MarathonDeployment> list;
  for (const auto& deployment : *body)
    if (deployment.is_object()) list.push_back(deployment_view(deployment));
  return list;
}

Result<std::vector<QueueItem>> MarathonClient::queue() {
  auto body = get_json("/v2/queue");
  if (!body) return prefixed(body.take_error(), "unable to get Marathon queue");
  auto items = body->find("queue");
  if (!body->is_object() || items == body->end() || !items->is_array())
    return prefixed(unexpected_shape("/v2/queue"), "unable to get Marathon queue");
  std::vector<QueueItem> list;
  for (const auto& item : *items)
    if (item.is_object()) list.push_back(queue_view(item));
  return list;
}

}  // namespace dcos
