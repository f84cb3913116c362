#include "client/mesos.hpp"

#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using json_fields::object_at;
using nlohmann::json;

std::string text(const json& object, const char* key) {
  return json_fields::string_field(object, key);
}

/// `object`.a.b...name as a string; "" when any step is missing.
std::string nested_name(const json& object, std::initializer_list<const char*> path) {
  const json* at = &object;
  for (const char* key : path)
    if ((at = object_at(*at, key)) == nullptr) return "";
  return text(*at, "name");
}

}  // namespace

MesosTask mesos_task(json raw) {
  MesosTask parsed;
  parsed.id = text(raw, "id");
  parsed.name = text(raw, "name");
  parsed.state = text(raw, "state");
  parsed.agent_id = text(raw, "slave_id");
  parsed.framework_id = text(raw, "framework_id");
  parsed.executor_id = text(raw, "executor_id");
  if (parsed.executor_id.empty()) parsed.executor_id = parsed.id;
  if (auto statuses = raw.find("statuses");
      statuses != raw.end() && statuses->is_array() && !statuses->empty()) {
    const json* container = object_at((*statuses)[0], "container_status");
    if (container != nullptr) container = object_at(*container, "container_id");
    if (container != nullptr) {
      parsed.container_id = text(*container, "value");
      if (const json* parent = object_at(*container, "parent"))
        parsed.parent_container_id = text(*parent, "value");
    }
  }
  parsed.raw = std::move(raw);
  return parsed;
}

namespace {

std::vector<MesosTask> tasks(json& framework, const char* key) {
  std::vector<MesosTask> list;
  auto it = framework.find(key);
  if (it == framework.end() || !it->is_array()) return list;
  for (auto& item : *it)
    if (item.is_object()) list.push_back(mesos_task(std::move(item)));
  framework.erase(key);
  return list;
}

}  // namespace

MesosFramework mesos_framework(json raw) {
  MesosFramework parsed;
  parsed.id = text(raw, "id");
  parsed.name = text(raw, "name");
  parsed.user = text(raw, "user");
  parsed.hostname = text(raw, "hostname");
  if (const json* resources = object_at(raw, "resources")) {
    parsed.cpus = json_fields::number_field(*resources, "cpus");
    parsed.mem = json_fields::number_field(*resources, "mem");
    parsed.disk = json_fields::number_field(*resources, "disk");
  }
  auto active = raw.find("active");
  parsed.active = active != raw.end() && active->is_boolean() && active->get<bool>();
  parsed.tasks = tasks(raw, "tasks");
  parsed.task_count = parsed.tasks.size();
  parsed.completed_tasks = tasks(raw, "completed_tasks");
  parsed.raw = std::move(raw);
  return parsed;
}

MesosAgent mesos_agent(json raw) {
  MesosAgent parsed;
  parsed.id = text(raw, "id");
  parsed.hostname = text(raw, "hostname");
  parsed.pid = text(raw, "pid");
  parsed.ip = pid_address(parsed.pid);
  if (const json* attributes = object_at(raw, "attributes"))
    parsed.is_public = text(*attributes, "public_ip") == "true";
  parsed.region = nested_name(raw, {"domain", "fault_domain", "region"});
  parsed.zone = nested_name(raw, {"domain", "fault_domain", "zone"});
  parsed.raw = std::move(raw);
  return parsed;
}

namespace {

std::vector<MesosAgent> agents_at(json& body) {
  std::vector<MesosAgent> list;
  if (auto slaves = body.find("slaves"); slaves != body.end() && slaves->is_array())
    for (auto& item : *slaves)
      if (item.is_object()) list.push_back(mesos_agent(std::move(item)));
  return list;
}

}  // namespace

bool terminal_task_state(const std::string& state) {
  for (const char* end : {"TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
                          "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR"})
    if (state == end) return true;
  return false;
}

Result<MesosTask> MesosClient::task(const std::string& task_id) {
  const std::string path = "/master/tasks?task_id=" + percent_encode(task_id);
  auto response = http_.get(path);
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  json* list = body.is_object() ? &body["tasks"] : nullptr;
  if (list == nullptr || !list->is_array())
    return Error::make(ErrorKind::server, "GET " + http_.options().base_url + path +
                                              " did not answer with a task list");
  for (auto& item : *list)
    if (item.is_object() && text(item, "id") == task_id) return mesos_task(std::move(item));
  return Error::make(ErrorKind::not_found, "the master no longer knows task '" + task_id + "'");
}

Result<std::string> MesosClient::task_state(const std::string& task_id) {
  auto found = task(task_id);
  if (!found) return found.take_error();
  return std::move(found->state);
}

std::string pid_address(const std::string& pid) {
  const size_t at = pid.find('@');
  if (at == std::string::npos) return "";
  const size_t colon = pid.find(':', at);
  return pid.substr(at + 1, colon == std::string::npos ? std::string::npos : colon - at - 1);
}

json MesosFramework::record() const {
  json whole = raw;
  json running = json::array();
  for (const auto& task : tasks) running.push_back(task.raw);
  json ended = json::array();
  for (const auto& task : completed_tasks) ended.push_back(task.raw);
  whole["tasks"] = std::move(running);
  whole["completed_tasks"] = std::move(ended);
  return whole;
}

const MesosAgent* MesosState::agent(const std::string& id) const {
  for (const auto& candidate : agents)
    if (candidate.id == id) return &candidate;
  return nullptr;
}

const MesosFramework* MesosState::framework(const std::string& id) const {
  for (const auto& candidate : frameworks)
    if (candidate.id == id) return &candidate;
  return nullptr;
}

Result<json> MesosClient::get_object(const std::string& path) {
  auto response = http_.send("GET", path);
  if (!response) return response.take_error();
  if (response->status == 503)
    return Error::make(ErrorKind::server, "could not connect to the leading mesos master");
  if (response->status >= 400)
    return error_for_status("GET", http_.options().base_url + path, *response,
                            !http_.options().token.empty());
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error::make(ErrorKind::server, "GET " + http_.options().base_url + path +
                                              " did not answer with a JSON object");
  return body;
}

Result<MesosSummary> MesosClient::state_summary() {
  auto body = get_object("/master/state-summary");
  if (!body) return body.take_error();
  MesosSummary summary;
  summary.hostname = text(*body, "hostname");
  summary.cluster = text(*body, "cluster");
  summary.agents = agents_at(*body);
  return summary;
}

}  // namespace dcos
