// The Mesos master's v1 operator API (POST /mesos/api/v1, JSON): the GET_* calls the CLI reads
// and the calls that change the cluster: agent maintenance (MARK_AGENT_GONE, DEACTIVATE_AGENT,
// REACTIVATE_AGENT, DRAIN_AGENT) and TEARDOWN of a framework of the scheduler API. Statuses follow
// Mesos's master: 400 for an unknown agent or framework, 404 when MARK_AGENT_GONE names no agent.
#include <cstdint>
#include <optional>

#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

json v1_resources(const json& flat) {
  json out = json::array();
  for (auto& [name, value] : flat.items()) {
    if (value.is_number()) {
      out.push_back(
          {{"name", name}, {"type", "SCALAR"}, {"scalar", {{"value", value}}}, {"role", "*"}});
    } else if (value.is_string()) {
      json ranges = json::array();
      std::string s = value.get<std::string>();
      for (std::string part : split(s.substr(1, s.size() - 2), ',')) {
        size_t dash = part.find('-');
        if (dash == std::string::npos) continue;
        ranges.push_back({{"begin", std::stoll(part.substr(0, dash))},
                          {"end", std::stoll(part.substr(dash + 1))}});
      }
      out.push_back(
          {{"name", name}, {"type", "RANGES"}, {"ranges", {{"range", ranges}}}, {"role", "*"}});
    }
  }
  return out;
}

std::string base64(const unsigned char* data, size_t size) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < size; i += 3) {
    uint32_t n = static_cast<uint32_t>(data[i]) << 16;
    if (i + 1 < size) n |= static_cast<uint32_t>(data[i + 1]) << 8;
    if (i + 2 < size) n |= data[i + 2];
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < size ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < size ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// The UUID of the n-th status update of a task, as the v1 API writes bytes (base64). It is
// derived from the task id and the update's place, so it stays the same between calls.
std::string status_uuid(const std::string& task_id, size_t index) {
  uint64_t a = 14695981039346656037ULL, b = 0x9e3779b97f4a7c15ULL;
  for (unsigned char ch : task_id + "#" + std::to_string(index)) {
    a = (a ^ ch) * 1099511628211ULL;
    b = (b ^ ch) * 0xff51afd7ed558ccdULL + 0x2545f4914f6cdd1dULL;
  }
  unsigned char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(a >> (8 * i));
    bytes[8 + i] = static_cast<unsigned char>(b >> (8 * i));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4 layout
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  return base64(bytes, sizeof bytes);
}

json v1_task(const json& t) {
  const std::string id = t["id"];
  json executor;  // command tasks have none; the v1 API then leaves the field out
  if (!t["executor_id"].get<std::string>().empty()) executor = {{"value", t["executor_id"]}};
  json statuses = json::array();
  for (size_t i = 0; i < t["statuses"].size(); ++i) {
    const json& s = t["statuses"][i];
    std::string state = s["state"];
    // The master itself reports staging and lost tasks; the rest come from the executor.
    bool from_master = state == "TASK_STAGING" || state == "TASK_LOST" || state == "TASK_DROPPED";
    json status = {{"task_id", {{"value", id}}},
                   {"agent_id", {{"value", t["slave_id"]}}},
                   {"state", state},
                   {"source", from_master ? "SOURCE_MASTER" : "SOURCE_EXECUTOR"},
                   {"uuid", status_uuid(id, i)},
                   {"timestamp", s["timestamp"]},
                   {"container_status", s["container_status"]}};
    if (!executor.is_null()) status["executor_id"] = executor;
    if (s.contains("healthy")) status["healthy"] = s["healthy"];
    statuses.push_back(status);
  }
  json task = {{"name", t["name"]},
               {"task_id", {{"value", id}}},
               {"framework_id", {{"value", t["framework_id"]}}},
               {"agent_id", {{"value", t["slave_id"]}}},
               {"state", t["state"]},
               {"resources", v1_resources(t["resources"])},
               {"statuses", statuses},
               {"status_update_state", t["state"]},
               {"labels", {{"labels", t["labels"]}}},
               {"discovery", t["discovery"]}};
  if (!statuses.empty()) task["status_update_uuid"] = statuses.back()["uuid"];
  if (!executor.is_null()) task["executor_id"] = executor;
  if (t.contains("role")) task["role"] = t["role"];
  return task;
}

json v1_agent(const Cluster& c, const Agent& a, const json& used) {
  json flat = agent_json(c, a, &used);
  json info = {{"hostname", a.ip},
               {"port", 5051},
               {"id", {{"value", a.id}}},
               {"resources", v1_resources(flat["resources"])},
               {"domain", flat["domain"]}};
  if (a.is_public)
    info["attributes"] =
        json::array({{{"name", "public_ip"}, {"type", "TEXT"}, {"text", {{"value", "true"}}}}});
  int64_t ns = a.registered_ms * 1000000;
  json agent = {{"agent_info", info},
                {"active", !a.deactivated},
                {"deactivated", a.deactivated},
                {"version", "1.11.0"},
                {"pid", flat["pid"]},
                {"registered_time", {{"nanoseconds", ns}}},
                {"total_resources", v1_resources(flat["resources"])},
                {"allocated_resources", v1_resources(flat["used_resources"])},
                {"offered_resources", flat["offered_resources"].value("cpus", 0.0) > 0
                                          ? v1_resources(flat["offered_resources"])
                                          : json::array()},
                {"capabilities", json::array()}};
  if (a.drain) {
    agent["drain_info"] = drain_info_json(a);
    agent["estimated_drain_start_time"] = {{"nanoseconds", a.drain->started_ms * 1000000}};
  }
  return agent;
}

json v1_framework(const Cluster& c) {
  json fw = marathon_framework(c, false);
  return {{"framework_info",
           {{"id", {{"value", c.framework_id}}},
            {"name", "marathon"},
            {"user", "root"},
            {"principal", "dcos_marathon"},
            {"hostname", "127.0.0.1"},
            {"webui_url", "/service/marathon"},
            {"roles", json::array({"*", "slave_public"})},
            {"checkpoint", true},
            {"failover_timeout", 604800.0}}},
          {"active", true},
          {"connected", true},
          {"recovered", false},
          {"registered_time", {{"nanoseconds", c.started_ms * 1000000}}},
          {"allocated_resources", v1_resources(fw["used_resources"])},
          {"offered_resources", json::array()}};
}

json get_tasks(const Cluster& c) {
  json tasks = json::array(), done = json::array();
  for (const auto& [id, t] : c.tasks) tasks.push_back(v1_task(mesos_task(c, t)));
  for (const Task& t : c.completed) done.push_back(v1_task(mesos_task(c, t)));
  return {{"tasks", tasks},
          {"completed_tasks", done},
          {"unreachable_tasks", json::array()},
          {"orphan_tasks", json::array()}};
}

json get_agents(const Cluster& c) {
  json agents = json::array();
  auto used = used_by_agent(c);
  for (const Agent& a : c.agents)
    if (!a.gone) agents.push_back(v1_agent(c, a, used[a.id]));
  return {{"agents", agents}, {"recovered_agents", json::array()}};
}

json get_frameworks(const Cluster& c) {
  json live = json::array({v1_framework(c)}), done = json::array();
  for (const auto& [id, f] : c.frameworks) live.push_back(framework_v1(c, f));
  for (const Framework& f : c.completed_frameworks) done.push_back(framework_v1(c, f));
  return {{"frameworks", live}, {"completed_frameworks", done}};
}

void reply_text(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "text/plain; charset=utf-8");
}

// The agent id of a maintenance call ({"<call>":{"agent_id":{"value":...}}}), "" when absent.
std::string agent_id_of(const json& call, const std::string& key) {
  auto body = call.find(key);
  if (body == call.end() || !body->is_object()) return "";
  auto id = body->find("agent_id");
  if (id == body->end() || !id->is_object()) return "";
  auto value = id->find("value");
  return value != id->end() && value->is_string() ? value->get<std::string>() : "";
}

// DurationInfo is {"nanoseconds"}; {"seconds","nanos"} (google.protobuf.Duration) is read too.
std::optional<int64_t> grace_of(const json& drain) {
  auto it = drain.find("max_grace_period");
  if (it == drain.end() || !it->is_object()) return std::nullopt;
  if (it->contains("nanoseconds") && (*it)["nanoseconds"].is_number())
    return (*it)["nanoseconds"].get<int64_t>();
  int64_t seconds = it->value("seconds", int64_t{0}), nanos = it->value("nanos", int64_t{0});
  return seconds * 1000000000 + nanos;
}

void reply_v1(httplib::Response& res, const std::string& type, const json& payload) {
  std::string key = type;
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  reply_json(res, 200, {{"type", type}, {key, payload}});
}

}  // namespace

void register_operator_api(httplib::Server& server, Cluster& c) {
  server.Post("/mesos/api/v1", [&c](const httplib::Request& req, httplib::Response& res) {
    json call = json::parse(req.body, nullptr, false);
    if (call.is_discarded() || !call.is_object() || !call.contains("type"))
      return reply_text(res, 400,
                        "Failed to parse body into Call protobuf: expected a JSON object with "
                        "'type'");
    if (!call["type"].is_string())
      return reply_text(res, 400,
                        "Failed to parse body into Call protobuf: 'type' must be a string");
    std::string type = call["type"];
    std::string key = type;
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::lock_guard lock(c.mu);
    c.journal.log("master", "dcos-mesos-master.service", Priority::info, "Processing call " + type);
    if (type == "GET_TASKS") return reply_v1(res, type, get_tasks(c));
    if (type == "GET_AGENTS") return reply_v1(res, type, get_agents(c));
    if (type == "GET_FRAMEWORKS") return reply_v1(res, type, get_frameworks(c));
    if (type == "GET_STATE")
      return reply_v1(
          res, type,
          {{"get_tasks", get_tasks(c)},
           {"get_executors", {{"executors", json::array()}, {"orphan_executors", json::array()}}},
           {"get_frameworks", get_frameworks(c)},
           {"get_agents", get_agents(c)}});
    if (type == "GET_MASTER") {
      const std::string host = "127.0.0.1";
      json info = {
          {"id", c.master_id},
          {"pid", "master@" + host + ":5050"},
          {"hostname", host},
          {"ip", 16777343},  // 127.0.0.1 as Mesos encodes it (network order)
          {"port", 5050},
          {"address", {{"hostname", host}, {"ip", host}, {"port", 5050}}},
          {"version", "1.11.0"},
          {"domain",
           {{"fault_domain", {{"region", {{"name", "local"}}}, {"zone", {{"name", "local-a"}}}}}}}};
      return reply_v1(res, type,
                      {{"master_info", info},
                       {"start_time", static_cast<double>(c.started_ms) / 1000.0},
                       {"elected_time", static_cast<double>(c.started_ms) / 1000.0}});
    }
    if (type == "GET_VERSION")
      return reply_v1(res, type, {{"version_info", {{"version", "1.11.0"}}}});
    bool agent_call = type == "MARK_AGENT_GONE" || type == "DEACTIVATE_AGENT" ||
                      type == "REACTIVATE_AGENT" || type == "DRAIN_AGENT";
    if (agent_call) {
      std::string id = agent_id_of(call, key);
      if (id.empty())
        return reply_text(res, 400,
                          "Failed to validate master::Call: Expecting '" + key +
                              "' with an 'agent_id' to be present");
      CallResult result;
      if (type == "MARK_AGENT_GONE") result = c.mark_agent_gone(id);
      if (type == "DEACTIVATE_AGENT") result = c.deactivate_agent(id);
      if (type == "REACTIVATE_AGENT") result = c.reactivate_agent(id);
      if (type == "DRAIN_AGENT")
        result = c.drain_agent(id, call[key].value("mark_gone", false), grace_of(call[key]));
      return reply_text(res, result.status, result.message);
    }
    if (type == "TEARDOWN") {
      std::string id;
      if (call.contains("teardown") && call["teardown"].is_object())
        id = call["teardown"].value("framework_id", json::object()).value("value", "");
      // Marathon is the cluster's own scheduler here: tearing it down is refused (403).
      CallResult result = c.teardown_framework(id);
      return reply_text(res, result.status, result.message);
    }
    reply_text(res, 501, "dcos-local does not implement the operator call " + type);
  });
}

}  // namespace dcos_local
