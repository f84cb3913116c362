// Mesos master endpoints under /mesos, the v1 operator API, and Mesos-DNS.
#include <algorithm>
#include <cstdint>

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

json v1_agent(const Cluster& c, const Agent& a) {
  json flat = agent_json(c, a, false);
  json info = {{"hostname", a.ip},
               {"port", 5051},
               {"id", {{"value", a.id}}},
               {"resources", v1_resources(flat["resources"])},
               {"domain", flat["domain"]}};
  if (a.is_public)
    info["attributes"] =
        json::array({{{"name", "public_ip"}, {"type", "TEXT"}, {"text", {{"value", "true"}}}}});
  int64_t ns = a.registered_ms * 1000000;
  return {{"agent_info", info},
          {"active", true},
          {"deactivated", false},
          {"version", "1.11.0"},
          {"pid", flat["pid"]},
          {"registered_time", {{"nanoseconds", ns}}},
          {"total_resources", v1_resources(flat["resources"])},
          {"allocated_resources", v1_resources(flat["used_resources"])},
          {"offered_resources", json::array()},
          {"capabilities", json::array()}};
}

json v1_framework(const Cluster& c) {
  json fw = marathon_framework(c, false, true);
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

void reply_v1(httplib::Response& res, const std::string& type, const json& payload) {
  std::string key = type;
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  reply_json(res, 200, {{"type", type}, {key, payload}});
}

}  // namespace

void register_mesos(httplib::Server& server, Cluster& c) {
  Routes r(server, {"/mesos/master", "/mesos"});
  r.get("/state", [&c](const httplib::Request&, httplib::Response& res) {
    std::string body;
    {
      std::lock_guard lock(c.mu);
      body = with_framework_tasks(c, dump(master_state(c)));
    }
    set_json(res, body);
  });
  r.get("/state-summary", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    reply_json(res, 200, state_summary(c));
  });
  r.get("/slaves", [&c](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    std::string only = req.get_param_value("slave_id");
    json list = json::array();
    for (const Agent& a : c.agents)
      if (only.empty() || only == a.id) list.push_back(agent_json(c, a, false));
    reply_json(res, 200, {{"slaves", list}, {"recovered_slaves", json::array()}});
  });
  r.get("/frameworks", [&c](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    std::string only = req.get_param_value("framework_id");
    json list = json::array();
    if (only.empty() || only == c.framework_id) list.push_back(marathon_framework(c, true, false));
    json body = {{"frameworks", list},
                 {"completed_frameworks", json::array()},
                 {"unregistered_frameworks", json::array()}};
    set_json(res, with_framework_tasks(c, dump(body)));
  });
  r.get("/tasks", [&c](const httplib::Request& req, httplib::Response& res) {
    auto number = [&req](const char* key, long fallback) {
      if (!req.has_param(key)) return fallback;
      try {
        return std::stol(req.get_param_value(key));
      } catch (...) {
        return -1L;
      }
    };
    long limit = number("limit", 100), offset = number("offset", 0);
    std::string order = req.has_param("order") ? req.get_param_value("order") : "desc";
    if (limit < 0 || offset < 0 || (order != "asc" && order != "desc")) {
      res.status = 400;
      res.set_content("Failed to parse query parameters", "text/plain; charset=utf-8");
      return;
    }
    std::string task_id = req.get_param_value("task_id");
    std::string fw = req.get_param_value("framework_id");
    std::lock_guard lock(c.mu);
    std::vector<const Task*> all;
    for (const auto& [id, t] : c.tasks) all.push_back(&t);
    for (const Task& t : c.completed) all.push_back(&t);
    std::sort(all.begin(), all.end(), [&order](const Task* a, const Task* b) {
      if (a->staged_ms != b->staged_ms)
        return order == "asc" ? a->staged_ms < b->staged_ms : a->staged_ms > b->staged_ms;
      return order == "asc" ? a->id < b->id : a->id > b->id;
    });
    json list = json::array();
    long skipped = 0;
    for (const Task* t : all) {
      if (!task_id.empty() && t->id != task_id) continue;
      if (!fw.empty() && fw != c.framework_id) continue;
      if (skipped++ < offset) continue;
      if (static_cast<long>(list.size()) >= limit) break;
      list.push_back(mesos_task(c, *t));
    }
    reply_json(res, 200, {{"tasks", list}});
  });
  r.post("/teardown", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.get_param_value("frameworkId");
    if (id.empty()) {
      auto pos = req.body.find("frameworkId=");
      if (pos != std::string::npos) id = req.body.substr(pos + 12);
    }
    if (id.empty() || id != c.framework_id) {
      res.status = 400;
      res.set_content(id.empty() ? "Missing 'frameworkId' query parameter"
                                 : "No framework found with specified ID",
                      "text/plain; charset=utf-8");
      return;
    }
    // Marathon is the cluster's own scheduler here; tearing it down is refused politely.
    res.status = 403;
    res.set_content("dcos-local does not tear down its Marathon framework",
                    "text/plain; charset=utf-8");
  });
  r.get("/redirect", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 307;
    res.set_header("Location", "//" + req.get_header_value("Host") + "/mesos");
  });

  server.Post("/mesos/api/v1", [&c](const httplib::Request& req, httplib::Response& res) {
    json call = json::parse(req.body, nullptr, false);
    if (call.is_discarded() || !call.is_object() || !call.contains("type")) {
      res.status = 400;
      res.set_content("Failed to parse body into Call protobuf: expected a JSON object with 'type'",
                      "text/plain; charset=utf-8");
      return;
    }
    if (!call["type"].is_string()) {
      res.status = 400;
      res.set_content("Failed to parse body into Call protobuf: 'type' must be a string",
                      "text/plain; charset=utf-8");
      return;
    }
    std::string type = call["type"];
    std::lock_guard lock(c.mu);
    if (type == "GET_TASKS") {
      json tasks = json::array(), done = json::array();
      for (const auto& [id, t] : c.tasks) tasks.push_back(v1_task(mesos_task(c, t)));
      for (const Task& t : c.completed) done.push_back(v1_task(mesos_task(c, t)));
      return reply_v1(res, type,
                      {{"tasks", tasks},
                       {"completed_tasks", done},
                       {"unreachable_tasks", json::array()},
                       {"orphan_tasks", json::array()}});
    }
    if (type == "GET_AGENTS") {
      json agents = json::array();
      for (const Agent& a : c.agents) agents.push_back(v1_agent(c, a));
      return reply_v1(res, type, {{"agents", agents}, {"recovered_agents", json::array()}});
    }
    if (type == "GET_FRAMEWORKS") {
      return reply_v1(res, type,
                      {{"frameworks", json::array({v1_framework(c)})},
                       {"completed_frameworks", json::array()}});
    }
    if (type == "GET_VERSION") {
      return reply_v1(res, type, {{"version_info", {{"version", "1.11.0"}}}});
    }
    res.status = 501;
    res.set_content("dcos-local does not implement the operator call " + type,
                    "text/plain; charset=utf-8");
  });

  server.Get(R"(/mesos_dns/v1/hosts/(.+))", [](const httplib::Request& req,
                                               httplib::Response& res) {
    std::string host = req.matches[1];
    if (host == "leader.mesos" || host == "master.mesos" || host == "leader.mesos." ||
        host == "master.mesos.")
      return reply_json(res, 200, json::array({{{"host", "leader.mesos."}, {"ip", "127.0.0.1"}}}));
    if (host == "marathon.mesos" || host == "marathon.mesos.")
      return reply_json(res, 200,
                        json::array({{{"host", "marathon.mesos."}, {"ip", "127.0.0.1"}}}));
    reply_json(res, 200, json::array({{{"host", ""}, {"ip", ""}}}));
  });
  server.Get("/mesos_dns/v1/version", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200,
               {{"Service", "Mesos-DNS"},
                {"URL", "https://github.com/mesosphere/mesos-dns"},
                {"Version", "v0.8.0"}});
  });
}

}  // namespace dcos_local
