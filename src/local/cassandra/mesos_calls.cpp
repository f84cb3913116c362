#include "local/cassandra/mesos_calls.hpp"

namespace dcos_local::cassandra {
namespace {

json scalar(const char* name, double value, const std::string& role) {
  return {{"name", name}, {"type", "SCALAR"}, {"scalar", {{"value", value}}}, {"role", role}};
}

json id(const std::string& value) { return {{"value", value}}; }

json call(const std::string& framework_id, const char* type) {
  return {{"framework_id", id(framework_id)}, {"type", type}};
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

Offer offer_from_json(const json& j) {
  Offer o;
  o.id = j.value("/id/value"_json_pointer, "");
  o.agent_id = j.value("/agent_id/value"_json_pointer, "");
  o.hostname = j.value("hostname", "");
  for (const json& r : j.value("resources", json::array())) {
    std::string name = r.value("name", "");
    double value = r.value("/scalar/value"_json_pointer, 0.0);
    if (name == "cpus") o.resources.cpus += value;
    if (name == "mem") o.resources.mem_mb += static_cast<int64_t>(value);
    if (name == "disk") o.resources.disk_mb += static_cast<int64_t>(value);
    if (name == "ports")
      for (const json& range : r.value("/ranges/range"_json_pointer, json::array()))
        o.ports.push_back({range.value("begin", 0), range.value("end", 0)});
  }
  return o;
}

StatusEvent status_from_json(const json& s) {
  StatusEvent e;
  e.update.task_id = s.value("/task_id/value"_json_pointer, "");
  e.update.state = s.value("state", "");
  e.update.source = s.value("source", "");
  e.update.reason = s.value("reason", "");
  e.update.message = s.value("message", "");
  e.update.healthy = s.value("healthy", false);
  e.agent_id = s.value("/agent_id/value"_json_pointer, "");
  e.uuid = s.value("uuid", "");
  return e;
}

json subscribe_call(const RingConfig& config, const std::string& user) {
  json info = {{"user", user},
               {"name", config.framework_name},
               {"failover_timeout", config.failover_timeout_s},
               {"principal", "cassandra-framework"},
               {"role", config.role}};
  if (!config.framework_id.empty()) info["id"] = id(config.framework_id);
  json out = {{"type", "SUBSCRIBE"}, {"subscribe", {{"framework_info", info}}}};
  if (!config.framework_id.empty()) out["framework_id"] = id(config.framework_id);
  return out;
}

json accept_call(const std::string& framework_id, const Offer& offer,
                 const std::vector<Launch>& launches, const std::string& role,
                 double refuse_seconds) {
  json tasks = json::array();
  for (const Launch& l : launches) {
    json resources = json::array({scalar("cpus", l.resources.cpus, role),
                                  scalar("mem", static_cast<double>(l.resources.mem_mb), role)});
    if (l.resources.disk_mb > 0)
      resources.push_back(scalar("disk", static_cast<double>(l.resources.disk_mb), role));
    if (!l.ports.empty()) {
      json ranges = json::array();
      for (int p : l.ports) ranges.push_back({{"begin", p}, {"end", p}});
      resources.push_back(
          {{"name", "ports"}, {"type", "RANGES"}, {"ranges", {{"range", ranges}}}, {"role", role}});
    }
    json variables = json::array();
    for (const auto& [name, value] : l.env) variables.push_back({{"name", name}, {"value", value}});
    tasks.push_back({{"name", l.name},
                     {"task_id", id(l.task_id)},
                     {"agent_id", id(offer.agent_id)},
                     {"resources", resources},
                     {"command",
                      {{"shell", true},
                       {"value", "exec \"$DCOS_LOCAL_BIN\" cassandra-node --role " + lower(l.role)},
                       {"environment", {{"variables", variables}}}}}});
  }
  json out = call(framework_id, "ACCEPT");
  out["accept"] = {
      {"offer_ids", json::array({id(offer.id)})},
      {"operations", json::array({{{"type", "LAUNCH"}, {"launch", {{"task_infos", tasks}}}}})},
      {"filters", {{"refuse_seconds", refuse_seconds}}}};
  return out;
}

json decline_call(const std::string& framework_id, const std::string& offer_id,
                  double refuse_seconds) {
  json out = call(framework_id, "DECLINE");
  out["decline"] = {{"offer_ids", json::array({id(offer_id)})},
                    {"filters", {{"refuse_seconds", refuse_seconds}}}};
  return out;
}

json kill_call(const std::string& framework_id, const Kill& kill) {
  json out = call(framework_id, "KILL");
  out["kill"] = {{"task_id", id(kill.task_id)}};
  if (!kill.agent_id.empty()) out["kill"]["agent_id"] = id(kill.agent_id);
  return out;
}

json acknowledge_call(const std::string& framework_id, const StatusEvent& status) {
  json out = call(framework_id, "ACKNOWLEDGE");
  out["acknowledge"] = {{"agent_id", id(status.agent_id)},
                        {"task_id", id(status.update.task_id)},
                        {"uuid", status.uuid}};
  return out;
}

json reconcile_call(const std::string& framework_id) {
  json out = call(framework_id, "RECONCILE");
  out["reconcile"] = {{"tasks", json::array()}};
  return out;
}

}  // namespace dcos_local::cassandra
