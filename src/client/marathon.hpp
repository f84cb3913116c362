// The Marathon REST client: apps, groups, pods, deployments, tasks and the launch queue of a
// cluster's Marathon (spec: marathon-api.md). Reads come back as typed views holding the
// fields the commands use, next to the server's own JSON, so that JSON output prints what Marathon
// said, unknown fields included. Writes return the deployment they started. Ids are normalised
// and checked against Marathon's path rules before any request is sent, and errors name the
// thing ("app '/x' does not exist", "app '/x' is locked by deployment …") instead of the URL.
// The reads are implemented in marathon.cpp, the writes in marathon_writes.cpp, and what
// Marathon says about itself (info, ping, plugins) in marathon_about.cpp.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
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
  std::string version;                      ///< "" when absent
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
  std::string version;
  std::vector<std::string> affected_apps;
  std::vector<std::string> affected_pods;
  std::vector<DeploymentAction> current_actions;
  long long current_step = 0;  ///< 1-based, as Marathon counts
  long long total_steps = 0;
  nlohmann::json raw;
};

/// An item of the launch queue (GET /v2/queue): instances of an app or a pod waiting to start.
struct QueueItem {
  std::string app_id;    ///< "" for a pod item
  std::string pod_id;    ///< "" for an app item
  bool overdue = false;  ///< `delay.overdue`: the launch is waiting past its backoff
  nlohmann::json raw;
};

/// A task as GET /v2/tasks lists it.
struct MarathonTask {
  std::string id;
  std::string app_id;
  std::string host;
  std::string started_at;  ///< "" when the task has not started
  std::string role;
  bool healthy = true;  ///< every health check result alive (true when there are none)
  nlohmann::json raw;
};

/// Marathon's description of itself (GET /v2/info).
struct MarathonInfo {
  std::string name;          ///< "marathon"
  std::string version;       ///< e.g. 1.11.0
  std::string leader;        ///< host:port of the leading instance; "" when absent
  std::string framework_id;  ///< `frameworkId`; "" when absent
  bool elected = false;      ///< whether the instance that answered leads
  nlohmann::json raw;        ///< the server's document, unchanged
};

/// A plugin Marathon loaded (GET /v2/plugins).
struct MarathonPlugin {
  std::string id;
  std::string implementation;  ///< the class that implements it
  std::string plugin;          ///< the plugin interface it implements
  nlohmann::json raw;
};

/// GET /v2/plugins: the plugins, and the server's document as it came.
struct MarathonPlugins {
  std::vector<MarathonPlugin> plugins;  ///< the object entries of `plugins`, in order
  nlohmann::json raw;
};

/// What a change started: the deployment's id (from the body or the Marathon-Deployment-Id
/// header) and the server's answer.
struct DeploymentResult {
  std::string id;  ///< "" when Marathon started none (an app removal that changed nothing)
  nlohmann::json raw;
};

/// What an id names; used to check ids and to word errors ("app '/x' does not exist").
enum class IdKind { app, group, pod };

/// The word for `kind`: app, group or pod.
std::string_view id_word(IdKind kind);

/// Checks an id against Marathon's rules (spec §1.2: path segments of lowercase letters,
/// digits, '-' and '.', labels neither starting nor ending with '-'; not the root, unless
/// `allow_root`; last segment not a reserved word) and returns it normalised: a leading '/',
/// no trailing '/', '.' and '..' segments resolved. A bad id is a usage Error, so that nothing
/// is sent for it.
Result<std::string> validate_id(std::string_view id, IdKind kind, bool allow_root = false);

/// validate_id for an app id.
Result<std::string> validate_app_id(std::string_view id);

/// What a lean parse of a list answer ({"<list>": [...]}) keeps of each element: the fields
/// in `fields`, and below a field named in `nested` only the subfields listed there.
struct LeanSpec {
  std::set<std::string> fields;
  std::map<std::string, std::set<std::string>> nested;
};

class MarathonClient {
 public:
  /// `http` is a client for the Marathon service (its base URL ends before /v2).
  explicit MarathonClient(HttpClient http) : http_(std::move(http)) {}

  // Reads (marathon.cpp).

  /// GET /v2/apps, in the server's order. Unless `whole`, each app's `raw` keeps only the
  /// fields the typed view reads (much cheaper for thousands of apps).
  Result<std::vector<MarathonApp>> list_apps(bool whole = true);
  /// GET /v2/apps/<id>, the `app` object; 404 is `app '/<id>' does not exist` (not_found).
  Result<MarathonApp> get_app(std::string_view id);
  /// GET /v2/apps/<id>/versions: the stored version timestamps, newest first.
  Result<std::vector<std::string>> app_versions(std::string_view id);
  /// GET /v2/apps/<id>/versions/<version>: the app definition at that version, as sent.
  Result<nlohmann::json> app_version(std::string_view id, const std::string& version);
  /// GET /v2/deployments.
  Result<std::vector<MarathonDeployment>> list_deployments();
  /// GET /v2/queue, app and pod items alike; with `offers`, embeds lastUnusedOffers. Unless
  /// `whole`, each item's `raw` keeps only the ids and the delay.
  Result<std::vector<QueueItem>> queue(bool offers = false, bool whole = true);
  /// GET /v2/groups[/<id>][/versions/<version>]: the group as Marathon describes it.
  Result<nlohmann::json> get_group(std::string_view id, const std::string& version = {});
  /// HEAD /v2/pods: whether this Marathon knows pods.
  Result<bool> supports_pods();
  /// GET /v2/pods/::status: the status of every pod.
  Result<nlohmann::json> pods_status();
  /// GET /v2/pods/<id>::status.
  Result<nlohmann::json> pod_status(std::string_view id);
  /// GET /v2/tasks.
  Result<std::vector<MarathonTask>> list_tasks();

  // About Marathon itself (marathon_about.cpp).

  /// GET /v2/info; an answer that is not JSON is a server Error.
  Result<MarathonInfo> info();
  /// GET /ping: succeeds when Marathon answers below HTTP 400.
  Status ping();
  /// GET /v2/plugins.
  Result<MarathonPlugins> plugins();

  // Writes (marathon_writes.cpp). `force` adds ?force=true, which overrides a deployment that
  // holds the app, group or pod.

  /// POST /v2/apps with an app definition.
  Result<DeploymentResult> create_app(const nlohmann::json& definition);
  /// PUT /v2/apps/<id> with the fields to change.
  Result<DeploymentResult> update_app(std::string_view id, const nlohmann::json& changes,
                                      bool force);
  /// DELETE /v2/apps/<id>.
  Result<DeploymentResult> remove_app(std::string_view id, bool force);
  /// POST /v2/apps/<id>/restart.
  Result<DeploymentResult> restart_app(std::string_view id, bool force);
  /// DELETE /v2/apps/<id>/tasks[?host=<host>]: the killed tasks.
  Result<nlohmann::json> kill_app_tasks(std::string_view id, const std::string& host);
  /// POST /v2/groups with a group definition.
  Result<DeploymentResult> create_group(const nlohmann::json& definition);
  /// PUT /v2/groups/<id> with changes (also {"scaleBy": f}).
  Result<DeploymentResult> update_group(std::string_view id, const nlohmann::json& changes,
                                        bool force);
  /// DELETE /v2/groups/<id>.
  Result<DeploymentResult> remove_group(std::string_view id, bool force);
  /// POST /v2/pods with a pod definition.
  Result<DeploymentResult> create_pod(const nlohmann::json& definition);
  /// PUT /v2/pods/<id> with a whole pod definition.
  Result<DeploymentResult> update_pod(std::string_view id, const nlohmann::json& definition,
                                      bool force);
  /// DELETE /v2/pods/<id>.
  Result<DeploymentResult> remove_pod(std::string_view id, bool force);
  /// DELETE /v2/pods/<id>::instances with the instance ids: the killed instances.
  Result<nlohmann::json> kill_pod_instances(std::string_view id,
                                            const std::vector<std::string>& instances);
  /// DELETE /v2/deployments/<id>: cancels it; without `force` Marathon starts a rollback
  /// deployment (returned), with it nothing is rolled back (the result has no id).
  Result<DeploymentResult> cancel_deployment(const std::string& id, bool force);
  /// POST /v2/tasks/delete[?scale=true][&wipe=true] {"ids": [...]}: the server's answer (the
  /// killed tasks, or with `scale` the deployment result).
  Result<nlohmann::json> kill_tasks(const std::vector<std::string>& ids, bool scale, bool wipe);
  /// DELETE /v2/queue/<id>/delay.
  Status reset_delay(std::string_view id);
  /// DELETE /v2/leader: the server's message.
  Result<std::string> abdicate_leader();

 private:
  /// What a request is about, for its error messages; kind and id may be unset.
  struct Subject {
    std::optional<IdKind> kind;
    std::string id;
  };

  /// GET `path` as JSON, with Marathon's errors; the typed reads are built on it.
  Result<nlohmann::json> get_json(const std::string& path);
  /// GET of a list answer, parsed keeping only what `spec` names (see marathon.cpp).
  Result<nlohmann::json> get_lean(const std::string& path, const LeanSpec& spec);
  /// Sends one request with a JSON body (when `body` is not null) and turns an error status
  /// into an Error worded for `subject`.
  Result<HttpResponse> call(const std::string& method, const std::string& path,
                            const nlohmann::json& body, const Subject& subject);
  /// call() for a change: the deployment it started.
  Result<DeploymentResult> change(const std::string& method, const std::string& path,
                                  const nlohmann::json& body, const Subject& subject);

  HttpClient http_;
};

/// The Error for an error status from Marathon (exposed for tests): 404 names the subject,
/// 409 names the deployments that hold it (detail deployment_locked, their ids in Error::ids),
/// 400/422 list the validation details one per line as `<path>: <message>`.
Error marathon_error(const std::string& method, const std::string& url,
                     const HttpResponse& response, bool had_token, std::optional<IdKind> kind,
                     const std::string& id);

}  // namespace dcos
