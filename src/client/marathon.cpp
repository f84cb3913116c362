#include "client/marathon.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "client/marathon_parse.hpp"
#include "client/marathon_validation.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using marathon_parse::string_field;
using marathon_parse::string_list;
using nlohmann::json;

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

/// A version as the user typed it, kept one path segment (':' of timestamps stays as it is).
std::string encode_segment(std::string_view text) { return percent_encode(text, ":"); }

/// Marathon's validation details (spec §2.3-2.5): one indented `<pointer>: <words>` line per
/// error of a `details` array (see client/marathon_validation.hpp; values looked up in `sent`),
/// or the `details` string as it is; "" when there are none.
std::string detail_lines(const json& body, const json& sent) {
  auto details = body.find("details");
  if (details == body.end()) return {};
  if (details->is_string()) return "\n" + details->get<std::string>();
  std::string lines;
  for (const auto& line : validation_lines(*details, sent)) lines += "\n  " + line;
  return lines;
}

/// Marathon's headline for a list of validation details says nothing the lines do not ("Object
/// is not valid"), or misleads ("Invalid JSON" for JSON that parsed): only the lines are shown.
bool generic_headline(const std::string& said, const json& body) {
  auto details = body.find("details");
  return (said == "Object is not valid" || said == "Invalid JSON") && details != body.end() &&
         details->is_array() && !details->empty();
}

/// The ids of the deployments a 409 "locked" answer names.
std::vector<std::string> locking_deployments(const json& body) {
  std::vector<std::string> ids;
  if (auto list = body.find("deployments"); list != body.end() && list->is_array())
    for (const auto& deployment : *list)
      if (deployment.is_object() && !string_field(deployment, "id").empty())
        ids.push_back(string_field(deployment, "id"));
  return ids;
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

/// True for an error body Marathon wrote: a JSON object with its "message". A 404 without one
/// comes from something else (Admin Router's HTML page, a wrong marathon.url), and must not be
/// read as "app does not exist".
bool marathon_answer(const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  return parsed.is_object() && parsed.contains("message") && parsed["message"].is_string();
}

Error not_marathon(const std::string& method, const std::string& path, const HttpResponse& response,
                   const ClientOptions& options) {
  Error error = Error::make(ErrorKind::generic, "Marathon is not reachable at " + options.base_url +
                                                    ": " + method + " " + path + " answered HTTP " +
                                                    std::to_string(response.status) +
                                                    " without Marathon's answer");
  if (!options.url_setting.empty())
    error.hint = "check that " + options.url_setting + " is right and that Marathon runs there";
  return error;
}

Error unexpected_shape(const std::string& path) {
  return Error::make(ErrorKind::server,
                     "Marathon's answer to GET " + path + " is not the JSON expected");
}

/// Parses a list answer without building the parts of its elements nobody reads: at 10,000
/// apps, allocating and freeing the whole tree costs more than the rest of `app list`.
json parse_lean(const std::string& body, const LeanSpec& spec) {
  std::string parent;
  auto keep = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event != json::parse_event_t::key || !parsed.is_string()) return true;
    const auto& key = parsed.get_ref<const std::string&>();
    if (depth == 3) {  // a field of an element of the list
      parent = key;
      return spec.fields.count(key) > 0;
    }
    if (depth == 4) {
      auto only = spec.nested.find(parent);
      return only == spec.nested.end() || only->second.count(key) > 0;
    }
    return true;
  };
  return json::parse(body, keep, false);
}

}  // namespace

std::string_view id_word(IdKind kind) {
  switch (kind) {
    case IdKind::group:
      return "group";
    case IdKind::pod:
      return "pod";
    case IdKind::app:
      break;
  }
  return "app";
}

Result<std::string> validate_id(std::string_view id, IdKind kind, RootId root) {
  const std::string word(id_word(kind));
  const std::string quoted = "invalid " + word + " id '" + std::string(id) + "'";
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
  std::vector<std::string> resolved;
  for (const auto& segment : path) {
    if (segment == "..") {
      if (!resolved.empty()) resolved.pop_back();
    } else if (segment != ".") {
      resolved.push_back(segment);
    }
  }
  if (resolved.empty()) {
    if (root == RootId::allowed) return std::string("/");
    return Error::make(ErrorKind::usage, quoted + ": it must name " +
                                             (kind == IdKind::app ? "an " : "a ") + word +
                                             ", not the root group");
  }
  const std::string& last = path.back();
  if (last == "restart" || last == "tasks" || last == "versions" || last == "." || last == "..")
    return Error::make(ErrorKind::usage,
                       quoted +
                           ": it must not end with any of the reserved words restart, tasks, "
                           "versions, ., ..");
  return "/" + join(resolved, "/");
}

Result<std::string> validate_app_id(std::string_view id) { return validate_id(id, IdKind::app); }

Status validate_version(std::string_view version) {
  // Marathon reads versions with Joda's ISO-8601 parser, which also takes shortened forms
  // (2024, 2024-05-01, 2024-05-01T10:00); this lets through what it may accept and stops words.
  static const std::regex iso(
      R"(^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?)?$)");
  if (std::regex_match(version.begin(), version.end(), iso)) return Status::success();
  return Error::make(ErrorKind::usage,
                     "invalid version '" + std::string(version) +
                         "': expected an ISO-8601 timestamp such as 2024-05-01T10:00:00.000Z");
}

Error marathon_error(const std::string& method, const std::string& url,
                     const HttpResponse& response, bool had_token, std::optional<IdKind> kind,
                     const std::string& id, const json& sent) {
  Error error = error_for_status(method, url, response, had_token);
  auto body = json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) body = json::object();
  const std::string subject = kind ? std::string(id_word(*kind)) + " '" + id + "'" : "";
  const std::string said = string_field(body, "message");
  switch (response.status) {
    case 404:
      if (!subject.empty()) error.message = subject + " does not exist";
      break;
    case 409: {
      auto holders = locking_deployments(body);
      if (holders.empty()) {
        if (!said.empty()) error.message = said;
        break;
      }
      error.message = (subject.empty() ? std::string("the change") : subject) +
                      " is locked by deployment" + (holders.size() > 1 ? "s " : " ") +
                      join(holders, ", ");
      error.detail = ErrorDetail::deployment_locked;
      error.ids = holders;
      break;
    }
    case 400:
    case 422: {
      const std::string lines = detail_lines(body, sent);
      if (!subject.empty()) {
        const bool headline = !said.empty() && !generic_headline(said, body);
        error.message = "Marathon rejected the request for " + subject +
                        (headline ? ": " + said : std::string(lines.empty() ? "" : ":"));
      }
      error.message += lines;
      break;
    }
    default:
      break;
  }
  return error;
}

Result<HttpResponse> MarathonClient::call(const std::string& method, const std::string& path,
                                          const json& body, const Subject& subject) {
  Headers headers = {{"Accept", "application/json"}};
  std::string text;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  auto response = http_.send(method, path, text, std::move(headers));
  if (!response) return response.take_error();
  if (response->status == 404 && !marathon_answer(response->body))
    return not_marathon(method, path, *response, http_.options());
  if (response->status >= 400)
    return marathon_error(method, http_.options().base_url + path, *response,
                          !http_.options().token.empty(), subject.kind, subject.id, body);
  return response;
}

Result<nlohmann::json> MarathonClient::get_json(const std::string& path) {
  auto response = call("GET", path, nullptr, {});
  if (!response) return response.take_error();
  auto parsed = json::parse(response->body, nullptr, false);
  if (parsed.is_discarded()) return unexpected_shape(path);
  return parsed;
}

Result<nlohmann::json> MarathonClient::get_lean(const std::string& path, const LeanSpec& spec) {
  auto response = call("GET", path, nullptr, {});
  if (!response) return response.take_error();
  auto parsed = parse_lean(response->body, spec);
  if (parsed.is_discarded()) return unexpected_shape(path);
  return parsed;
}

Result<std::vector<MarathonApp>> MarathonClient::list_apps(AppListOptions options) {
  static const LeanSpec lean = {
      {"id", "cmd", "args", "mem", "cpus", "instances", "tasksRunning", "tasksHealthy",
       "healthChecks", "deployments", "container", "role", "version", "lastTaskFailure"},
      {{"container", {"type"}}, {"lastTaskFailure", {"taskId", "version", "message"}}}};
  auto body = options.whole_raw ? get_json("/v2/apps") : get_lean("/v2/apps", lean);
  if (!body) return prefixed(body.take_error(), "unable to get Marathon apps");
  auto apps = body->find("apps");
  if (!body->is_object() || apps == body->end() || !apps->is_array())
    return prefixed(unexpected_shape("/v2/apps"), "unable to get Marathon apps");
  std::vector<MarathonApp> list;
  list.reserve(apps->size());
  for (auto& app : *apps)
    if (app.is_object()) list.push_back(marathon_parse::app(std::move(app)));
  return list;
}

Result<std::vector<MarathonApp>> MarathonClient::list_apps_with_label(const std::string& selector) {
  const std::string path = "/v2/apps?label=" + percent_encode(selector, "=!,()");
  auto body = get_json(path);
  if (!body) return prefixed(body.take_error(), "unable to get Marathon apps");
  auto apps = body->find("apps");
  if (!body->is_object() || apps == body->end() || !apps->is_array())
    return prefixed(unexpected_shape(path), "unable to get Marathon apps");
  std::vector<MarathonApp> list;
  for (auto& app : *apps)
    if (app.is_object()) list.push_back(marathon_parse::app(std::move(app)));
  return list;
}

Result<std::vector<std::string>> MarathonClient::app_ids_with_label(const std::string& key,
                                                                    const std::string& value) {
  const LeanSpec lean = {{"id", "labels"}, {{"labels", {key}}}};
  auto body = get_lean("/v2/apps", lean);
  if (!body) return prefixed(body.take_error(), "unable to get Marathon apps");
  auto apps = body->find("apps");
  if (!body->is_object() || apps == body->end() || !apps->is_array())
    return prefixed(unexpected_shape("/v2/apps"), "unable to get Marathon apps");
  std::vector<std::string> ids;
  for (const auto& app : *apps) {
    const json* labels = app.is_object() ? json_fields::object_at(app, "labels") : nullptr;
    if (labels != nullptr && labels->contains(key) && string_field(*labels, key.c_str()) == value)
      ids.push_back(string_field(app, "id"));
  }
  return ids;
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
  return marathon_parse::app(std::move(*app));
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
  return string_list(*body, "versions");
}

Result<nlohmann::json> MarathonClient::app_version(std::string_view id,
                                                   const std::string& version) {
  auto normalised = validate_app_id(id);
  if (!normalised) return normalised.take_error();
  if (Status valid = validate_version(version); !valid) return valid.error();
  auto body = get_json("/v2/apps" + *normalised + "/versions/" + encode_segment(version));
  if (body) return body;
  switch (body.error().kind) {
    case ErrorKind::not_found:
      return Error::make(ErrorKind::not_found,
                         "app '" + *normalised + "' does not exist in version " + version);
    case ErrorKind::invalid:  // the version is the user's input: a usage error, as above
      return Error::make(ErrorKind::usage, "invalid timestamp provided '" + version +
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
    if (deployment.is_object()) list.push_back(marathon_parse::deployment(deployment));
  return list;
}

Result<std::vector<QueueItem>> MarathonClient::queue(QueueOptions options) {
  static const LeanSpec launch_state = {{"app", "pod", "delay"},
                                        {{"app", {"id"}}, {"pod", {"id"}}}};
  const std::string path = options.with_offers ? "/v2/queue?embed=lastUnusedOffers" : "/v2/queue";
  auto body = options.launch_state_only ? get_lean(path, launch_state) : get_json(path);
  if (!body) return prefixed(body.take_error(), "unable to get Marathon queue");
  auto items = body->find("queue");
  if (!body->is_object() || items == body->end() || !items->is_array())
    return prefixed(unexpected_shape(path), "unable to get Marathon queue");
  std::vector<QueueItem> list;
  for (const auto& item : *items)
    if (item.is_object()) list.push_back(marathon_parse::queue_item(item));
  return list;
}

Result<MarathonGroup> MarathonClient::get_group(std::string_view id, const std::string& version) {
  auto normalised = validate_id(id, IdKind::group, RootId::allowed);
  if (!normalised) return normalised.take_error();
  std::string path = "/v2/groups" + (*normalised == "/" ? std::string() : *normalised);
  if (!version.empty()) {
    if (Status valid = validate_version(version); !valid) return valid.error();
    path += "/versions/" + encode_segment(version);
  }
  auto response = call("GET", path, nullptr, {IdKind::group, *normalised});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return unexpected_shape(path);
  return marathon_parse::group(std::move(body));
}

Result<bool> MarathonClient::supports_pods() {
  auto response = http_.send("HEAD", "/v2/pods", {}, {{"Accept", "application/json"}});
  if (!response) return response.take_error();
  if (response->status == 401 || response->status == 403)
    return marathon_error("HEAD", http_.options().base_url + "/v2/pods", *response,
                          !http_.options().token.empty(), std::nullopt, {});
  return response->status >= 200 && response->status < 300;
}

Result<std::vector<MarathonPodStatus>> MarathonClient::pods_status() {
  auto body = get_json("/v2/pods/::status");
  if (!body) return prefixed(body.take_error(), "unable to get Marathon pods");
  if (!body->is_array()) return unexpected_shape("/v2/pods/::status");
  std::vector<MarathonPodStatus> list;
  for (auto& pod : *body)
    if (pod.is_object()) list.push_back(marathon_parse::pod_status(std::move(pod)));
  return list;
}

Result<MarathonPodStatus> MarathonClient::pod_status(std::string_view id) {
  auto normalised = validate_id(id, IdKind::pod);
  if (!normalised) return normalised.take_error();
  const std::string path = "/v2/pods" + *normalised + "::status";
  auto response = call("GET", path, nullptr, {IdKind::pod, *normalised});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return unexpected_shape(path);
  return marathon_parse::pod_status(std::move(body));
}

Result<std::vector<MarathonTask>> MarathonClient::list_tasks() {
  auto body = get_json("/v2/tasks");
  if (!body) return prefixed(body.take_error(), "unable to get Marathon tasks");
  auto tasks = body->find("tasks");
  if (!body->is_object() || tasks == body->end() || !tasks->is_array())
    return prefixed(unexpected_shape("/v2/tasks"), "unable to get Marathon tasks");
  std::vector<MarathonTask> list;
  list.reserve(tasks->size());
  for (auto& task : *tasks)
    if (task.is_object()) list.push_back(marathon_parse::task(std::move(task)));
  return list;
}

}  // namespace dcos
