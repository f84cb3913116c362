// The Marathon REST client: apps, deployments and the launch queue of a cluster's Marathon
// (GET /v2/apps, /v2/apps/<id>[/versions[/<v>]], /v2/deployments, /v2/queue). Each answer comes
// back as a typed view holding the fields the commands read, next to the server's own JSON
// object, so that --json can print what Marathon said, unknown fields included. App ids are
// normalised and checked against Marathon's path rules before any request is sent, and the
// errors name the app ("app '/x' does not exist") instead of the URL.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// An app as GET /v2/apps or GET /v2/apps/<id> describes it (Marathon's AppInfo).
struct MarathonApp {
  std::string id;
  std::string cmd;                ///< "" when absent or null
  std::vector<std::string> args;  ///< the string entries of `args`
  double mem = 0;
  double cpus = 0;
  std::optional<long long> instances;  ///< absent when the server left it out
  long long tasks_running = 0;
  long long tasks_healthy = 0;
  size_t health_checks = 0;                 ///< entries of `healthChecks` (absent or null: 0)
  std::vector<std::string> deployment_ids;  ///< `deployments[].id`
  std::string container_type;               ///< `container.type`; "" when there is none
  std::string role;                         ///< "" when absent
  nlohmann::json raw;                       ///< the server's object, unchanged
};

/// One of the actions a deployment is carrying out now; exactly one of app and pod is set.
struct DeploymentAction {
  std::string action;  ///< e.g. ScaleApplication
  std::string app;
  std::string pod;
};

/// A running deployment from GET /v2/deployments.
struct MarathonDeployment {
  std::string id;
  std::vector<std::string> affected_apps;
  std::vector<DeploymentAction> current_actions;
  nlohmann::json raw;
};

/// An item of the launch queue (GET /v2/queue): instances of an app or a pod waiting to start.
struct QueueItem {
  std::string app_id;    ///< "" for a pod item
  std::string pod_id;    ///< "" for an app item
  bool overdue = false;  ///< `delay.overdue`: the launch is waiting past its backoff
  nlohmann::json raw;
};

/// Checks an app id against Marathon's rules (spec: path segments of lowercase letters, digits,
/// '-' and '.', labels neither starting nor ending with '-'; not the root; last segment not a
/// reserved word) and returns it normalised: a leading '/', no trailing '/', '.' and '..'
/// segments resolved. A bad id is a usage Error, so that nothing is sent for it.
Result<std::string> validate_app_id(std::string_view id);

class MarathonClient {
 public:
  /// `http` is a client for the Marathon service (its base URL ends before /v2).
  explicit MarathonClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /v2/apps, in the server's order.
  Result<std::vector<MarathonApp>> list_apps();
  /// GET /v2/apps/<id>, the `app` object; 404 is `app '/<id>' does not exist` (not_found).
  Result<MarathonApp> get_app(std::string_view id);
  /// GET /v2/apps/<id>/versions: the stored version timestamps, newest first.
  Result<std::vector<std::string>> app_versions(std::string_view id);
  /// GET /v2/apps/<id>/versions/<version>: the app definition at that version, as sent.
  Result<nlohmann::json> app_version(std::string_view id, const std::string& version);
  /// GET /v2/deployments.
  Result<std::vector<MarathonDeployment>> list_deployments();
  /// GET /v2/queue, app and pod items alike.
  Result<std::vector<QueueItem>> queue();

 private:
  /// GETs `path`; a status of 400 or more becomes an Error (see marathon.cpp), and a body
  /// that is not JSON is a server Error.
  Result<nlohmann::json> get_json(const std::string& path);

  HttpClient http_;
};

}  // namespace dcos
