// Mesos master endpoints under /mesos (the v1 operator API is in operator_api.cpp).
#include <algorithm>
#include <cstdint>

#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

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
    auto used = used_by_agent(c);
    for (const Agent& a : c.agents)
      if (!a.gone && (only.empty() || only == a.id)) list.push_back(agent_json(c, a, &used[a.id]));
    reply_json(res, 200, {{"slaves", list}, {"recovered_slaves", json::array()}});
  });
  r.get("/frameworks", [&c](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    std::string only = req.get_param_value("framework_id");
    json list = json::array();
    if (only.empty() || only == c.framework_id) list.push_back(marathon_framework(c, true));
    json done = json::array();
    for (const auto& [id, f] : c.frameworks)
      if (only.empty() || only == id) list.push_back(framework_json(c, f, true));
    for (const Framework& f : c.completed_frameworks)
      if (only.empty() || only == f.id) done.push_back(framework_json(c, f, true));
    json body = {{"frameworks", list},
                 {"completed_frameworks", done},
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
      if (!fw.empty() && fw != c.framework_of(*t)) continue;
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
    if (id.empty()) {
      res.status = 400;
      res.set_content("Missing 'frameworkId' query parameter", "text/plain; charset=utf-8");
      return;
    }
    // Marathon is the cluster's own scheduler here; tearing it down is refused politely.
    std::lock_guard lock(c.mu);
    CallResult result = c.teardown_framework(id);
    res.status = result.status;
    if (!result.message.empty()) res.set_content(result.message, "text/plain; charset=utf-8");
  });
  r.get("/redirect", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 307;
    res.set_header("Location", "//" + req.get_header_value("Host") + "/mesos");
  });
}

}  // namespace dcos_local
