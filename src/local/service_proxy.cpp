// Admin Router's service routing: /service/<name>/<rest> is proxied to the first running task
// of the Marathon app labelled DCOS_SERVICE_NAME or DCOS_PACKAGE_FRAMEWORK_NAME = <name>, at
// http://<task host>:<its first port>/<rest>, with the prefix stripped. Method, query, body,
// status and content type pass through. /service/marathon/ stays Marathon itself (its routes
// are registered before these).
#include "local/http_util.hpp"

namespace dcos_local {

namespace {

constexpr const char* kText = "text/plain; charset=utf-8";

std::string lower(const std::string& name) {
  std::string n;
  for (char ch : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return n;
}

bool hop_by_hop(const std::string& name) {
  const std::string n = lower(name);
  return n == "host" || n == "connection" || n == "keep-alive" || n == "transfer-encoding" ||
         n == "content-length" || n == "te" || n == "trailer" || n == "upgrade" ||
         n == "proxy-connection" || n == "remote_addr" || n == "remote_port" || n == "local_addr" ||
         n == "local_port";
}

struct Upstream {
  int status = 200;  // 404: no such service, 503: no running task
  std::string host;
  int port = 0;
};

Upstream find_upstream(const Cluster& c, const std::string& name) {
  for (const auto& [id, app] : c.apps) {
    const json& labels = app.def.value("labels", json::object());
    if (!labels.is_object()) continue;
    bool named = labels.value("DCOS_SERVICE_NAME", json()) == name ||
                 labels.value("DCOS_PACKAGE_FRAMEWORK_NAME", json()) == name;
    if (!named) continue;
    for (const Task* t : c.tasks_of(id)) {
      if (t->state != "TASK_RUNNING" || t->killing || t->ports.empty()) continue;
      const Agent* a = c.agent(t->agent_id);
      if (a) return {200, a->ip, t->ports[0]};
    }
    return {503, "", 0};
  }
  return {404, "", 0};
}

}  // namespace

void register_service_proxy(httplib::Server& server, Cluster& c) {
  Handler handler = [&c](const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    std::string rest = req.matches[2].matched ? std::string(req.matches[2]) : "/";
    if (name == "marathon") {  // a path Marathon does not serve: its own "URI not found"
      res.status = 404;
      return;
    }
    Upstream up;
    {
      std::lock_guard lock(c.mu);
      up = find_upstream(c, name);
    }
    if (up.status == 404) {
      res.status = 404;
      res.set_content("No service named '" + name + "' is known to this cluster\n", kText);
      return;
    }
    if (up.status == 503) {
      res.status = 503;
      res.set_content("Service '" + name + "' has no running task to take the request\n", kText);
      return;
    }
    httplib::Request forward;
    forward.method = req.method;
    size_t query = req.target.find('?');
    forward.path = rest + (query == std::string::npos ? "" : req.target.substr(query));
    // The upstream answers uncompressed (the client of this proxy decodes a gzip body anyway);
    // this server compresses for its own client as it asked.
    for (const auto& [key, value] : req.headers)
      if (!hop_by_hop(key) && lower(key) != "accept-encoding") forward.headers.emplace(key, value);
    forward.headers.emplace("X-Forwarded-For", req.remote_addr);
    forward.body = req.body;
    httplib::Client cli(up.host, up.port);
    cli.set_connection_timeout(5);
    cli.set_read_timeout(60);
    cli.set_write_timeout(60);
    httplib::Result answer = cli.send(forward);
    if (!answer) {
      res.status = 502;
      res.set_content("Service '" + name + "' did not answer at " + up.host + ":" +
                          std::to_string(up.port) + ": " + httplib::to_string(answer.error()) +
                          "\n",
                      kText);
      return;
    }
    res.status = answer->status;
    std::string type = answer->get_header_value("Content-Type");
    for (const auto& [key, value] : answer->headers)
      if (!hop_by_hop(key) && key != "Content-Type" && lower(key) != "content-encoding")
        res.headers.emplace(key, value);
    if (type.empty())
      res.body = answer->body;
    else
      res.set_content(answer->body, type);
  };
  const std::string pattern = R"(/service/([^/]+)(/.*)?)";
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Put(pattern, handler);
  server.Patch(pattern, handler);
  server.Delete(pattern, handler);
  server.Options(pattern, handler);
}

}  // namespace dcos_local
