#include "client/mesos_operator.hpp"

#include "client/json_fields.hpp"
#include "client/mesos.hpp"

namespace dcos {
namespace {

using json_fields::flag;
using json_fields::object_at;
using json_fields::string_field;
using nlohmann::json;

constexpr const char* kPath = "/api/v1";

/// `object`.key.value, the v1 API's form of an id.
std::string id_value(const json& object, const char* key) {
  const json* id = object_at(object, key);
  return id != nullptr ? string_field(*id, "value") : "";
}

std::string domain_name(const json& object, const char* level) {
  const json* at = object_at(object, "domain");
  if (at != nullptr) at = object_at(*at, "fault_domain");
  if (at != nullptr) at = object_at(*at, level);
  return at != nullptr ? string_field(*at, "name") : "";
}

OperatorAgent agent(json raw, bool recovered) {
  OperatorAgent parsed;
  if (const json* info = object_at(raw, "agent_info")) {
    parsed.id = id_value(*info, "id");
    parsed.hostname = string_field(*info, "hostname");
  }
  parsed.pid = string_field(raw, "pid");
  parsed.active = flag(raw, "active");
  parsed.deactivated = flag(raw, "deactivated");
  if (const json* drain = object_at(raw, "drain_info"))
    parsed.drain_state = string_field(*drain, "state");
  parsed.recovered = recovered;
  parsed.raw = std::move(raw);
  return parsed;
}

json agent_call(const char* type, const char* field, const std::string& agent_id) {
  return {{"type", type}, {field, {{"agent_id", {{"value", agent_id}}}}}};
}

}  // namespace

Result<json> MesosOperator::call(const json& call, const std::string& missing) {
  const std::string type = call.value("type", "");
  auto response =
      http_.send("POST", kPath, call.dump(),
                 {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
  if (!response) return response.take_error();
  if (response->status == 503)
    return Error::make(ErrorKind::server, "could not connect to the leading mesos master");
  if (response->status == 404 && !missing.empty())
    return Error::make(ErrorKind::not_found, missing);
  if (response->status >= 400) {
    Error error = error_for_status("POST", http_.options().base_url + kPath, *response,
                                   !http_.options().token.empty());
    error.message = type + ": " + error.message;
    return error;
  }
  if (response->body.empty()) return json::object();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error::make(ErrorKind::server, "the Mesos master answered " + type +
                                              " with something that is not a JSON object");
  return body;
}

Result<std::vector<OperatorAgent>> MesosOperator::agents() {
  auto body = call({{"type", "GET_AGENTS"}});
  if (!body) return body.take_error();
  std::vector<OperatorAgent> list;
  auto answer = body->find("get_agents");
  if (answer == body->end() || !answer->is_object())
    return Error::make(ErrorKind::server,
                       "the Mesos master answered GET_AGENTS without get_agents");
  // The records are moved out of the answer, not copied: a large cluster's list is megabytes.
  for (const auto* key : {"agents", "recovered_agents"}) {
    auto items = answer->find(key);
    if (items == answer->end() || !items->is_array()) continue;
    for (auto& item : *items)
      if (item.is_object()) list.push_back(agent(std::move(item), key[0] == 'r'));
  }
  return list;
}

Result<MasterInfo> MesosOperator::master() {
  auto body = call({{"type", "GET_MASTER"}});
  if (!body) return body.take_error();
  const json* answer = object_at(*body, "get_master");
  const json* info = answer != nullptr ? object_at(*answer, "master_info") : nullptr;
  if (info == nullptr)
    return Error::make(ErrorKind::server,
                       "the Mesos master answered GET_MASTER without get_master.master_info");
  MasterInfo master;
  master.id = string_field(*info, "id");
  master.pid = string_field(*info, "pid");
  master.hostname = string_field(*info, "hostname");
  master.version = string_field(*info, "version");
  if (const json* address = object_at(*info, "address")) master.ip = string_field(*address, "ip");
  if (master.ip.empty()) master.ip = pid_address(master.pid);
  master.region = domain_name(*info, "region");
  master.zone = domain_name(*info, "zone");
  master.raw = *info;
  return master;
}

Status MesosOperator::mark_agent_gone(const std::string& agent_id) {
  auto done = call(agent_call("MARK_AGENT_GONE", "mark_agent_gone", agent_id),
                   "could not mark agent '" + agent_id + "' as gone");
  return done ? Status::success() : Status(done.take_error());
}

Status MesosOperator::deactivate_agent(const std::string& agent_id) {
  auto done = call(agent_call("DEACTIVATE_AGENT", "deactivate_agent", agent_id),
                   "could not deactivate agent '" + agent_id + "'");
  return done ? Status::success() : Status(done.take_error());
}

Status MesosOperator::reactivate_agent(const std::string& agent_id) {
  auto done = call(agent_call("REACTIVATE_AGENT", "reactivate_agent", agent_id),
                   "could not reactivate agent '" + agent_id + "'");
  return done ? Status::success() : Status(done.take_error());
}

Status MesosOperator::drain_agent(const std::string& agent_id, const DrainRequest& request) {
  json drain = {{"agent_id", {{"value", agent_id}}}, {"mark_gone", request.mark_gone}};
  if (request.max_grace_period) {
    const long long millis = request.max_grace_period->count();
    drain["max_grace_period"] = {{"seconds", millis / 1000}, {"nanos", (millis % 1000) * 1000000}};
  }
  auto done = call({{"type", "DRAIN_AGENT"}, {"drain_agent", drain}},
                   "could not drain agent '" + agent_id + "'");
  return done ? Status::success() : Status(done.take_error());
}

Status MesosOperator::teardown(const std::string& framework_id) {
  auto done =
      call({{"type", "TEARDOWN"}, {"teardown", {{"framework_id", {{"value", framework_id}}}}}},
           "could not teardown framework '" + framework_id + "'");
  return done ? Status::success() : Status(done.take_error());
}

}  // namespace dcos
