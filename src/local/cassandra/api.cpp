#include "local/cassandra/api.hpp"

#include <charconv>

#include "local/cassandra/views.hpp"

namespace dcos_local::cassandra {
namespace api_detail {

void route(httplib::Server& server, const std::string& method, const std::string& pattern,
           Handler handler) {
  std::string path = pattern + "/?";
  Handler not_allowed = [](const httplib::Request&, httplib::Response& res) { res.status = 405; };
  auto pick = [&](const char* m) { return method == m ? handler : not_allowed; };
  server.Get(path, pick("GET"));
  server.Post(path, pick("POST"));
  server.Put(path, pick("PUT"));
  server.Delete(path, pick("DELETE"));
  server.Patch(path, pick("PATCH"));
}

void reply_pretty(httplib::Response& res, int status, const ojson& body) {
  res.status = status;
  res.set_content(pretty(body), "application/json");
}

void reply_compact(httplib::Response& res, int status, const ojson& body) {
  res.status = status;
  res.set_content(compact(body), "application/json");
}

void reply_empty(httplib::Response& res, int status) { res.status = status; }

std::optional<int> int_param(const httplib::Request& req, const char* name, int fallback) {
  if (!req.has_param(name)) return fallback;
  std::string text = req.get_param_value(name);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace api_detail

namespace {

using namespace api_detail;

ojson index_view() {
  const std::vector<const char*> json_type{"application/json"};
  ojson out = ojson::array();
  auto add = [&](const char* method, const std::string& url, std::vector<const char*> types) {
    ojson e = ojson::object();
    e["method"] = method;
    e["url"] = url;
    e["contentType"] = types;
    out.push_back(e);
  };
  add("GET", "config", json_type);
  for (std::string job : {"cleanup", "repair", "rolling-restart"}) {
    add("POST", "cluster/" + job + "/start", json_type);
    add("POST", "cluster/" + job + "/abort", json_type);
    add("GET", "cluster/" + job + "/status", json_type);
    add("GET", "cluster/" + job + "/last", json_type);
  }
  add("GET", "node/all", json_type);
  add("GET", "node/seed/all", json_type);
  for (std::string verb : {"stop/", "start/", "restart/", "terminate/", "replace/", "rackdc",
                           "make-seed/", "make-non-seed/"})
    add("POST", "node/{node}/" + verb, json_type);
  add("GET", "live-nodes", json_type);
  add("GET", "live-nodes/text", {"text/plain"});
  add("GET", "live-nodes/cqlsh", {"text/x-cassandra-cqlsh"});
  add("GET", "live-nodes/nodetool", {"text/x-cassandra-nodetool"});
  add("GET", "live-nodes/stress", {"text/x-cassandra-stress"});
  add("GET", "qa/report/resources", {"application/json", "text/plain"});
  add("POST", "scale/nodes?nodeCount={nodeCount}", json_type);
  add("GET", "health/process", json_type);
  add("GET", "health/cluster", json_type);
  add("GET", "health/cluster/report", json_type);
  return out;
}

void register_jobs(httplib::Server& server, RingHost& host) {
  struct JobRoute {
    const char* path;
    const char* key;
    JobType type;
  };
  for (JobRoute job : {JobRoute{"cleanup", "cleanup", JobType::cleanup},
                       JobRoute{"repair", "repair", JobType::repair},
                       JobRoute{"rolling-restart", "clusterRestart", JobType::restart}}) {
    std::string base = std::string("/cluster/") + job.path;
    route(server, "POST", base + "/start", [&host, job](auto&, auto& res) {
      std::lock_guard lock(host.mutex);
      ojson out = ojson::object();
      out["started"] = host.ring.start_job(job.type);
      host.changed();
      reply_pretty(res, 200, out);
    });
    route(server, "POST", base + "/abort", [&host, job](auto&, auto& res) {
      std::lock_guard lock(host.mutex);
      ojson out = ojson::object();
      out["aborted"] = host.ring.abort_job(job.type);
      host.changed();
      reply_pretty(res, 200, out);
    });
    route(server, "GET", base + "/status", [&host, job](auto&, auto& res) {
      std::lock_guard lock(host.mutex);
      const auto& current = host.ring.state().current_job;
      bool running = current && current->type == job.type;
      ojson out = ojson::object();
      out["running"] = running;
      out[job.key] = running ? job_view(host.ring, current) : ojson(nullptr);
      reply_pretty(res, 200, out);
    });
    route(server, "GET", base + "/last", [&host, job](auto&, auto& res) {
      std::lock_guard lock(host.mutex);
      const auto& last = host.ring.state().last_jobs;
      auto it = last.find(job.type);
      ojson out = ojson::object();
      out["present"] = it != last.end();
      out[job.key] = it != last.end() ? job_view(host.ring, it->second) : ojson(nullptr);
      reply_pretty(res, 200, out);
    });
  }
}

void register_health(httplib::Server& server, RingHost& host) {
  route(server, "GET", "/health/process",
        [](auto&, auto& res) { res.set_content("{\"healthy\":true}", "application/json"); });
  route(server, "GET", "/health/cluster", [&host](auto&, auto& res) {
    std::lock_guard lock(host.mutex);
    if (health_report(host.ring)["healthy"].template get<bool>())
      res.set_content("{\"healthy\":true}", "application/json");
    else
      res.status = 500;
  });
  route(server, "GET", "/health/cluster/report", [&host](auto&, auto& res) {
    std::lock_guard lock(host.mutex);
    reply_compact(res, 200, health_report(host.ring));
  });
}

}  // namespace

void register_api(httplib::Server& server, RingHost& host) {
  route(server, "GET", "", [](auto&, auto& res) { reply_compact(res, 200, index_view()); });
  route(server, "GET", "/config", [&host](auto&, auto& res) {
    std::lock_guard lock(host.mutex);
    reply_pretty(res, 200, config_view(host.ring));
  });
  register_jobs(server, host);
  register_node_routes(server, host);
  register_live_node_routes(server, host);
  route(server, "GET", "/qa/report/resources", [&host](const auto& req, auto& res) {
    std::lock_guard lock(host.mutex);
    std::string accept = req.get_header_value("Accept");
    bool text = accept.find("text/plain") != std::string::npos &&
                accept.find("application/json") == std::string::npos;
    if (text)
      res.set_content(resources_text(host.ring), "text/plain");
    else
      reply_pretty(res, 200, resources_view(host.ring));
  });
  route(server, "POST", "/scale/nodes", [&host](const auto& req, auto& res) {
    auto count = int_param(req, "nodeCount", 0);
    if (!count) return reply_empty(res, 404);
    std::lock_guard lock(host.mutex);
    if (!host.ring.scale(*count))
      return reply_compact(res, 400, {{"message", "Can not decrease the number of nodes."}});
    host.changed();
    reply_pretty(res, 200, {{"newNodeCount", *count}});
  });
  register_health(server, host);
}

}  // namespace dcos_local::cassandra
