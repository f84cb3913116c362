// The Marathon REST client: apps, groups, pods, deployments, tasks and the launch queue of a
// cluster's Marathon (spec: marathon-api.md). Reads come back as typed views holding the
// fields the commands use, next to the server's own JSON, so that JSON output prints what Marathon
// said, unknown fields included. Writes return the deployment they started. Ids are normalised
// and checked against Marathon's path rules before any request is sent, and errors name the
// thing ("app '/x' does not exist", "app '/x' is locked by deployment …") instead of the URL.
// The reads are implemented in marathon.cpp, the writes in marathon_writes.cpp, and what
// Marathon says about itself (info, ping, plugins) in marathon_about.cpp; how each answer
// becomes its typed view is in marathon_parse.cpp.
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

/// An app's `lastTaskFailure`: its newest failed task; every field "" when there is none.
struct TaskFailure {
  std::string task_id;
  std::string version;  ///< the app version the task ran
  std::string message;
};

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
  TaskFailure last_task_failure;
  /// `tasks[].id`: the app's tasks, which GET /v2/apps/<id> embeds (a list of apps does not).
  std::vector<std::string> task_ids;
  nlohmann::json raw;  ///< the server's object, unchanged
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

/// What the app or pod of a queue item asks of an offer.
struct LaunchRequest {
  std::optional<std::string> role;
  /// Placement constraints, each as its words: an app's are lists (["hostname", "UNIQUE"]), a
  /// pod's objects ({fieldName, operator, value}). A word that is not text is kept as its JSON.
  std::vector<std::vector<std::string>> constraints;
  std::optional<double> cpus;  ///< a pod's from `executorResources`
  std::optional<double> mem;
  std::optional<double> disk;
  /// An app's `ports` (empty when it names none); unset for a pod, whose ports are per container.
  std::optional<std::vector<long long>> ports;
};

/// `processedOffersSummary` of a queue item: how Marathon fared with the offers it saw.
struct OfferSummary {
  long long processed = 0;                    ///< processedOffersCount
  long long unused = 0;                       ///< unusedOffersCount
  std::optional<std::string> last_unused_at;  ///< lastUnusedOfferAt
  std::optional<std::string> last_used_at;    ///< lastUsedOfferAt
};

/// One of a queue item's `lastUnusedOffers`: an offer Marathon declined, and why.
struct UnusedOffer {
  std::string hostname;  ///< `offer.hostname`; "" when absent
  std::optional<std::string> timestamp;
  std::vector<std::string> reasons;  ///< e.g. InsufficientMemory
};

/// An item of the launch queue (GET /v2/queue): instances of an app or a pod waiting to start.
struct QueueItem {
  std::string app_id;    ///< "" for a pod item
  std::string pod_id;    ///< "" for an app item
  bool overdue = false;  ///< `delay.overdue`: the launch is waiting past its backoff
  long long count = 0;   ///< instances waiting to launch
  std::optional<std::string> since;
  OfferSummary offers;
  LaunchRequest requested;                 ///< from the item's `app`, else its `pod`
  std::vector<UnusedOffer> unused_offers;  ///< only when asked for with QueueOptions::with_offers
  nlohmann::json raw;
};

/// The status of a pod (GET /v2/pods/::status, GET /v2/pods/<id>::status).
struct MarathonPodStatus {
  std::string id;
  std::string status;                   ///< STABLE, DEGRADED, TERMINAL…; "" when absent
  std::string status_since;             ///< `statusSince`; "" when absent
  std::optional<std::string> version;   ///< `spec.version`
  std::optional<std::string> role;      ///< `spec.role`
  std::vector<std::string> containers;  ///< `spec.containers[].name`, in the spec's order
  std::vector<std::string> instances;   ///< `instances[].id`
  nlohmann::json raw;                   ///< the server's object, unchanged
};

/// A group and the groups nested in it, as GET /v2/groups describes them.
struct GroupTree {
  std::string id;
  size_t apps = 0;                   ///< entries of the group's own `apps`
  std::optional<bool> enforce_role;  ///< `enforceRole`; unset when the server leaves it out
  std::vector<GroupTree> groups;     ///< the object entries of `groups`, in order
};

/// GET /v2/groups[/<id>]: the group's tree, next to the server's document.
struct MarathonGroup {
  GroupTree tree;
  nlohmann::json raw;  ///< the server's document, unchanged
  /// The document's `groups` as it came (an empty list when absent): the subgroups' JSON.
  nlohmann::json raw_groups() const;
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

/// What a kill of tasks answered: the killed tasks, or with `scale` the deployment started.
struct KilledTasks {
  std::vector<MarathonTask> tasks;  ///< the object entries of `tasks`
  std::string deployment_id;  ///< with `scale`: from the body or the Marathon-Deployment-Id header
  /// The server's answer; with `scale` and a body without `deploymentId`, the header's id is
  /// added to it.
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
  std::string id;      ///< "" when Marathon started none (an app removal that changed nothing)
  nlohmann::json raw;  ///< null when the answer was not JSON
  /// What to print for the change: `raw` when Marathon answered with a JSON object, else
  /// {"deploymentId": id}.
  nlohmann::json document() const;
};

/// What an id names; used to check ids and to word errors ("app '/x' does not exist").
enum class IdKind { app, group, pod };

/// Whether validate_id accepts the root group ("/").
enum class RootId { refused, allowed };

/// The word for `kind`: app, group or pod.
std::string_view id_word(IdKind kind);

/// Checks an id against Marathon's rules (spec §1.2: path segments of lowercase letters,
/// digits, '-' and '.', labels neither starting nor ending with '-'; not the root, unless
/// `root` is allowed; last segment not a reserved word) and returns it normalised: a leading '/',
/// no trailing '/', '.' and '..' segments resolved. A bad id is a usage Error, so that nothing
/// is sent for it.
Result<std::string> validate_id(std::string_view id, IdKind kind, RootId root = RootId::refused);

/// validate_id for an app id.
Result<std::string> validate_app_id(std::string_view id);

/// Checks that a version an app or group is asked for can be an ISO-8601 timestamp (Marathon
/// also reads shortened ones such as 2024-05-01); anything else is a usage Error.
Status validate_version(std::string_view version);

/// What a lean parse of a list answer ({"<list>": [...]}) keeps of each element: the fields
/// in `fields`, and below a field named in `nested` only the subfields listed there.
struct LeanSpec {
  std::set<std::string> fields;
  std::map<std::string, std::set<std::string>> nested;
};

/// How list_apps reads GET /v2/apps.
struct AppListOptions {
  /// false: each app's `raw` keeps only the fields its typed view reads (much cheaper for
  /// thousands of apps); printing the apps as JSON needs the whole object.
  bool whole_raw = true;
};

/// How queue() reads GET /v2/queue.
struct QueueOptions {
  bool with_offers = false;  ///< embed each item's lastUnusedOffers
  /// Parse only which app or pod each item is for and whether its launch is overdue (`delay`);
  /// every other field of the view stays empty and `raw` holds only those. The app list's
  /// WAITING column needs no more, and at thousands of waiting apps (each item embeds the whole
  /// app definition) reading the rest costs it about a sixth of its time and memory.
  bool launch_state_only = false;
};

/// How kill_tasks kills.
struct KillTasksOptions {
  bool scale = false;  ///< lower the apps' instances instead of replacing the tasks
  bool wipe = false;   ///< also drop the tasks' reservations and volumes
};

/// What cancelling a running deployment does to the changes it already made.
enum class CancelMode {
  roll_back,  ///< Marathon starts a deployment that undoes them
  stop,       ///< ?force=true: they stay, nothing is rolled back
};

class MarathonClient {
 public:
  /// `http` is a client for the Marathon service (its base URL ends before /v2).
  explicit MarathonClient(HttpClient http) : http_(std::move(http)) {}

  // Reads (marathon.cpp).

  /// GET /v2/apps, in the server's order.
  Result<std::vector<MarathonApp>> list_apps(AppListOptions options = {});
  /// The ids of the apps of GET /v2/apps whose label `key` is `value`, in the server's order.
  /// Only the ids and that label are read of each app.
  Result<std::vector<std::string>> app_ids_with_label(const std::string& key,
                                                      const std::string& value);
  /// GET /v2/apps?label=<selector>: the apps Marathon's label selector (e.g.
  /// `DCOS_PACKAGE_NAME==cassandra`) picks, whole, in the server's order.
  Result<std::vector<MarathonApp>> list_apps_with_label(const std::string& selector);
  /// GET /v2/apps/<id>, the `app` object; 404 is `app '/<id>' does not exist` (not_found).
  Result<MarathonApp> get_app(std::string_view id);
  /// GET /v2/apps/<id>/versions: the stored version timestamps, newest first.
  Result<std::vector<std::string>> app_versions(std::string_view id);
  /// GET /v2/apps/<id>/versions/<version>: the app definition at that version, as sent.
  Result<nlohmann::json> app_version(std::string_view id, const std::string& version);
  /// GET /v2/deployments.
  Result<std::vector<MarathonDeployment>> list_deployments();
  /// GET /v2/queue, app and pod items alike.
  Result<std::vector<QueueItem>> queue(QueueOptions options = {});
  /// GET /v2/groups[/<id>][/versions/<version>]: the group as Marathon describes it.
  Result<MarathonGroup> get_group(std::string_view id, const std::string& version = {});
  /// HEAD /v2/pods: whether this Marathon knows pods.
  Result<bool> supports_pods();
  /// GET /v2/pods/::status: the status of every pod, in the server's order.
  Result<std::vector<MarathonPodStatus>> pods_status();
  /// GET /v2/pods/<id>::status.
  Result<MarathonPodStatus> pod_status(std::string_view id);
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
                                      bool force = false);
  /// DELETE /v2/apps/<id>.
  Result<DeploymentResult> remove_app(std::string_view id, bool force);
  /// POST /v2/apps/<id>/restart.
  Result<DeploymentResult> restart_app(std::string_view id, bool force);
  /// DELETE /v2/apps/<id>/tasks[?host=<host>]: the killed tasks.
  Result<KilledTasks> kill_app_tasks(std::string_view id, const std::string& host);
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
  /// DELETE /v2/deployments/<id>[?force=true]: cancels it; rolling back returns the rollback
  /// deployment, stopping returns a result without an id.
  Result<DeploymentResult> cancel_deployment(const std::string& id, CancelMode mode);
  /// POST /v2/tasks/delete[?scale=true][&wipe=true] {"ids": [...]}.
  Result<KilledTasks> kill_tasks(const std::vector<std::string>& ids, KillTasksOptions options);
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
/// 400/422 list the validation details one per line as `  <pointer>: <words>`, with the values
/// given looked up in `sent`, the body of the request (client/marathon_validation.hpp).
Error marathon_error(const std::string& method, const std::string& url,
                     const HttpResponse& response, bool had_token, std::optional<IdKind> kind,
                     const std::string& id, const nlohmann::json& sent = nullptr);

}  // namespace dcos
