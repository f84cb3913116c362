// Helpers for the HTTP handlers: JSON replies, query flags and route registration under
// several path prefixes (Admin Router serves Marathon at /service/marathon and /marathon).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <httplib.h>

#include "local/app_spec.hpp"
#include "local/cluster.hpp"

namespace dcos_local {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

/// Sets a JSON body; large ones are sent uncompressed (see http_util.cpp).
void set_json(httplib::Response& res, std::string body);
void reply_json(httplib::Response& res, int status, const json& body);
void reply_error(httplib::Response& res, const ApiError& error);
// Marathon's shape A/B error bodies.
void reply_message(httplib::Response& res, int status, const std::string& message,
                   bool with_details);
// Sets the Marathon-Deployment-Id header and answers {deploymentId, version}.
void reply_deployment(httplib::Response& res, int status, const Deployment& d);

// Query flag with Marathon's parsing: "true"/"false", else the default.
bool flag(const httplib::Request& req, const char* name, bool fallback);

// Parses a request body as Marathon's body reader does; on failure fills `res` (400/415).
std::optional<json> read_body(const httplib::Request& req, httplib::Response& res);

class Routes {
 public:
  Routes(httplib::Server& server, std::vector<std::string> prefixes)
      : server_(server), prefixes_(std::move(prefixes)) {}
  void get(const std::string& pattern, Handler h);
  void post(const std::string& pattern, Handler h);
  void put(const std::string& pattern, Handler h);
  void patch(const std::string& pattern, Handler h);
  void del(const std::string& pattern, Handler h);

 private:
  httplib::Server& server_;
  std::vector<std::string> prefixes_;
};

// POST /v2/apps of one app body (validation, 409 for an existing id, the deployment), answered
// into `res` exactly as the route does; for in-process callers such as Cosmos. Takes c.mu.
void create_app(Cluster& cluster, const json& body, bool force, httplib::Response& res);
// DELETE /v2/apps/{id} of one app (404 when missing), answered into `res`. Takes c.mu.
void delete_app(Cluster& cluster, const std::string& id, bool force, httplib::Response& res);

void register_marathon_apps(httplib::Server& server, Cluster& cluster);
void register_marathon_groups_pods(httplib::Server& server, Cluster& cluster);
void register_marathon_misc(httplib::Server& server, Cluster& cluster);
void register_mesos(httplib::Server& server, Cluster& cluster);
void register_agents(httplib::Server& server, Cluster& cluster);
void register_operator_api(httplib::Server& server, Cluster& cluster);
void register_nodes(httplib::Server& server, Cluster& cluster);
void register_component_logs(httplib::Server& server, Cluster& cluster);
void register_metrics(httplib::Server& server, Cluster& cluster);
void register_container_api(httplib::Server& server, Cluster& cluster);
void register_scheduler_api(httplib::Server& server, Cluster& cluster);
// Registered last: Marathon's own /service/marathon routes come first.
void register_service_proxy(httplib::Server& server, Cluster& cluster);

}  // namespace dcos_local
