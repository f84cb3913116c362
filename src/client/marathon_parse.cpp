// Marathon's answers as typed views: which field of which document each view field comes from
// (spec: marathon-api.md). The requests that fetch them are in marathon.cpp and
// marathon_writes.cpp.
#include "client/marathon_parse.hpp"

namespace dcos {

using nlohmann::json;

namespace marathon_parse {

using json_fields::integer_of;
using json_fields::object_at;

namespace {

std::optional<std::string> optional_string(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<double> optional_number(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

/// Constraints as lists of words. Apps write each as a list (["rack_id", "GROUP_BY", "2"]),
/// pods as an object; a constraint of neither shape has no words.
std::vector<std::vector<std::string>> constraint_words(const json* constraints) {
  std::vector<std::vector<std::string>> list;
  if (constraints == nullptr || !constraints->is_array()) return list;
  for (const auto& constraint : *constraints) {
    std::vector<std::string> words;
    if (constraint.is_array()) {
      for (const auto& word : constraint)
        words.push_back(word.is_string() ? word.get<std::string>() : word.dump());
    } else if (constraint.is_object()) {
      for (const char* key : {"fieldName", "operator", "value"})
        if (auto word = optional_string(constraint, key)) words.push_back(*word);
    }
    list.push_back(std::move(words));
  }
  return list;
}

const json* field_at(const json* object, const char* key) {
  if (object == nullptr) return nullptr;
  auto it = object->find(key);
  return it != object->end() ? &*it : nullptr;
}

LaunchRequest app_request(const json& app) {
  LaunchRequest request;
  request.role = optional_string(app, "role");
  request.constraints = constraint_words(field_at(&app, "constraints"));
  request.cpus = optional_number(app, "cpus");
  request.mem = optional_number(app, "mem");
  request.disk = optional_number(app, "disk");
  request.ports.emplace();
  if (auto ports = app.find("ports"); ports != app.end() && ports->is_array())
    for (const auto& port : *ports)
      if (port.is_number()) request.ports->push_back(integer_of(port));
  return request;
}

/// A pod asks per container; what the queue shows is its executor's share and its placement.
LaunchRequest pod_request(const json& pod) {
  LaunchRequest request;
  request.role = optional_string(pod, "role");
  const json* scheduling = object_at(pod, "scheduling");
  const json* placement = scheduling ? object_at(*scheduling, "placement") : nullptr;
  request.constraints = constraint_words(field_at(placement, "constraints"));
  if (const json* executor = object_at(pod, "executorResources")) {
    request.cpus = optional_number(*executor, "cpus");
    request.mem = optional_number(*executor, "mem");
    request.disk = optional_number(*executor, "disk");
  }
  return request;
}

UnusedOffer unused_offer(const json& raw) {
  UnusedOffer offer;
  if (const json* details = object_at(raw, "offer"))
    offer.hostname = string_field(*details, "hostname");
  offer.timestamp = optional_string(raw, "timestamp");
  offer.reasons = string_list(raw, "reason");
  return offer;
}

GroupTree group_tree(const json& raw) {
  GroupTree tree;
  tree.id = string_field(raw, "id");
  if (auto apps = raw.find("apps"); apps != raw.end() && apps->is_array()) tree.apps = apps->size();
  if (auto role = raw.find("enforceRole"); role != raw.end() && role->is_boolean())
    tree.enforce_role = role->get<bool>();
  if (auto groups = raw.find("groups"); groups != raw.end() && groups->is_array())
    for (const auto& child : *groups)
      if (child.is_object()) tree.groups.push_back(group_tree(child));
  return tree;
}

}  // namespace

MarathonApp app(json&& raw) {
  MarathonApp app;
  app.id = string_field(raw, "id");
  app.cmd = string_field(raw, "cmd");
  app.args = string_list(raw, "args");
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
  if (const json* container = object_at(raw, "container"))
    app.container_type = string_field(*container, "type");
  app.role = string_field(raw, "role");
  app.version = string_field(raw, "version");
  if (const json* failure = object_at(raw, "lastTaskFailure"))
    app.last_task_failure = {string_field(*failure, "taskId"), string_field(*failure, "version"),
                             string_field(*failure, "message")};
  if (auto tasks = raw.find("tasks"); tasks != raw.end() && tasks->is_array())
    for (const auto& task : *tasks)
      if (task.is_object()) app.task_ids.push_back(string_field(task, "id"));
  app.raw = std::move(raw);
  return app;
}

MarathonDeployment deployment(const json& raw) {
  MarathonDeployment deployment;
  deployment.id = string_field(raw, "id");
  deployment.version = string_field(raw, "version");
  deployment.affected_apps = string_list(raw, "affectedApps");
  deployment.affected_pods = string_list(raw, "affectedPods");
  if (auto actions = raw.find("currentActions"); actions != raw.end() && actions->is_array())
    for (const auto& action : *actions)
      if (action.is_object())
        deployment.current_actions.push_back({string_field(action, "action"),
                                              string_field(action, "app"),
                                              string_field(action, "pod")});
  deployment.current_step = integer_field(raw, "currentStep").value_or(0);
  deployment.total_steps = integer_field(raw, "totalSteps").value_or(0);
  deployment.raw = raw;
  return deployment;
}

QueueItem queue_item(const json& raw) {
  QueueItem item;
  if (const json* app = object_at(raw, "app")) {
    item.app_id = string_field(*app, "id");
    item.requested = app_request(*app);
  } else if (const json* pod = object_at(raw, "pod")) {
    item.pod_id = string_field(*pod, "id");
    item.requested = pod_request(*pod);
  }
  if (const json* delay = object_at(raw, "delay")) {
    auto overdue = delay->find("overdue");
    item.overdue = overdue != delay->end() && overdue->is_boolean() && overdue->get<bool>();
  }
  item.count = integer_field(raw, "count").value_or(0);
  item.since = optional_string(raw, "since");
  if (const json* summary = object_at(raw, "processedOffersSummary")) {
    item.offers.processed = integer_field(*summary, "processedOffersCount").value_or(0);
    item.offers.unused = integer_field(*summary, "unusedOffersCount").value_or(0);
    item.offers.last_unused_at = optional_string(*summary, "lastUnusedOfferAt");
    item.offers.last_used_at = optional_string(*summary, "lastUsedOfferAt");
  }
  if (auto offers = raw.find("lastUnusedOffers"); offers != raw.end() && offers->is_array())
    for (const auto& offer : *offers)
      if (offer.is_object()) item.unused_offers.push_back(unused_offer(offer));
  item.raw = raw;
  return item;
}

MarathonTask task(json&& raw) {
  MarathonTask task;
  task.id = string_field(raw, "id");
  task.app_id = string_field(raw, "appId");
  task.host = string_field(raw, "host");
  task.started_at = string_field(raw, "startedAt");
  task.role = string_field(raw, "role");
  if (auto results = raw.find("healthCheckResults"); results != raw.end() && results->is_array())
    for (const auto& result : *results)
      if (result.is_object())
        task.healthy = task.healthy.value_or(true) && result.value("alive", false);
  task.raw = std::move(raw);
  return task;
}

MarathonPodStatus pod_status(json&& raw) {
  MarathonPodStatus pod;
  pod.id = string_field(raw, "id");
  pod.status = string_field(raw, "status");
  pod.status_since = string_field(raw, "statusSince");
  if (const json* spec = object_at(raw, "spec")) {
    pod.version = optional_string(*spec, "version");
    pod.role = optional_string(*spec, "role");
    if (auto containers = spec->find("containers");
        containers != spec->end() && containers->is_array())
      for (const auto& container : *containers)
        if (container.is_object()) pod.containers.push_back(string_field(container, "name"));
  }
  if (auto instances = raw.find("instances"); instances != raw.end() && instances->is_array())
    for (const auto& instance : *instances)
      if (instance.is_object()) pod.instances.push_back(string_field(instance, "id"));
  pod.raw = std::move(raw);
  return pod;
}

MarathonGroup group(json&& raw) {
  MarathonGroup group;
  group.tree = group_tree(raw);
  group.raw = std::move(raw);
  return group;
}

KilledTasks killed_tasks(json&& raw) {
  KilledTasks killed;
  if (auto tasks = raw.find("tasks"); tasks != raw.end() && tasks->is_array())
    for (const auto& entry : *tasks)
      if (entry.is_object()) killed.tasks.push_back(task(json(entry)));
  killed.deployment_id = string_field(raw, "deploymentId");
  killed.raw = std::move(raw);
  return killed;
}

}  // namespace marathon_parse

json MarathonGroup::raw_groups() const { return raw.value("groups", json::array()); }

}  // namespace dcos
