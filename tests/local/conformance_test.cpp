// Conformance of dcos-local with real upstream payloads: for every fixture in ../shared that
// shows a response, dcos-local is asked the same question and its answer must hold every key of
// the upstream object with the same JSON type, recursively. Arrays compare the first upstream
// element with every element of ours. Extra keys in ours are fine. The few documented
// differences between the fixtures and the server dcos-local emulates (Marathon 1.11, Mesos 1.x)
// are listed in kDifferences, each with its reason.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/local_cluster.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kShared = DCOS_SHARED_DIR;
const std::string kMarathon = "/service/marathon";

// --- documented differences ----------------------------------------------------------------

enum class Rule {
  NullIsUnset,  // upstream null: the key may be absent; when present any type is fine
  Optional,     // the key may be absent (when `when` holds for our object, if given)
  Replaced,     // absent is fine when a replacement (alternatives split by '|') is there
  DataMap,      // an object keyed by data: ours must be an object whose values have the type of
                // upstream's values; its keys are not compared
};

struct Difference {
  const char* parents;  // last path segment of the object holding `key`, alternatives split by
                        // '|'; "*" is any, "(root)" the top level, "x[]" an element of array x
  const char* key;      // "*" is any key
  Rule rule;
  const char* replacement;         // Replaced: "a/b" descends, "../" climbs from our object;
                                   // each alternative ends in ":<JSON type>"
  bool (*when)(const json& ours);  // Optional: applies only when this holds (nullptr: always)
  const char* reason;
};

bool not_http_check(const json& check) {
  std::string p = check.value("protocol", "HTTP");
  return p != "HTTP" && p != "HTTPS" && p != "MESOS_HTTP" && p != "MESOS_HTTPS";
}
bool command_check(const json& check) { return check.value("protocol", "") == "COMMAND"; }
bool not_marathon_http_check(const json& check) {
  std::string p = check.value("protocol", "HTTP");
  return p != "HTTP" && p != "HTTPS";
}
bool not_scalar(const json& resource) { return resource.value("type", "") != "SCALAR"; }

// clang-format off
const Difference kDifferences[] = {
  {"*", "*", Rule::NullIsUnset, nullptr, nullptr,
   "Marathon omits unset optional fields instead of writing null (spec marathon-api.md 7.2; "
   "marathon README caveats of app_list.json and info.json)."},
  {"app|apps[]", "ports", Rule::Replaced, "portDefinitions:array|container/portMappings:array",
   nullptr,
   "Old app format: `ports` became `portDefinitions`, or `container.portMappings` off host "
   "networking (marathon README caveats of app_list, group and queue; spec 7.1)."},
  {"app|apps[]", "uris", Rule::Replaced, "fetch:array", nullptr,
   "Old app format: `uris` became `fetch` (marathon README caveat of app_list.json; spec 7.1)."},
  {"docker", "network", Rule::Replaced, "../../networks:array", nullptr,
   "Deprecated `container.docker.network` is converted to the app's `networks` (marathon README "
   "caveats of group.json and queue.json; spec 7.1 networks row)."},
  {"app|apps[]", "cmd", Rule::Optional, nullptr, nullptr,
   "`cmd` has no default (spec 7.1) and unset fields are omitted (7.2): a container app has none."},
  {"app|apps[]", "container", Rule::Optional, nullptr, nullptr,
   "`container` has no default (spec 7.1) and unset fields are omitted (7.2): a command app has "
   "none."},
  {"healthChecks[]", "path", Rule::Optional, nullptr, not_http_check,
   "`path` belongs to HTTP(S) health checks only (spec 7.1, health checks)."},
  {"healthChecks[]", "portIndex", Rule::Optional, nullptr, command_check,
   "A COMMAND health check runs a command and addresses no port (spec 7.1, health checks)."},
  {"healthChecks[]", "ignoreHttp1xx", Rule::Optional, nullptr, not_marathon_http_check,
   "`ignoreHttp1xx` is about HTTP answers of Marathon HTTP(S) checks (spec 7.1, health checks)."},
  {"app|apps[]", "env", Rule::DataMap, nullptr, nullptr,
   "`env` maps variable names to values (spec 7.1)."},
  {"app|apps[]|(root)|containers[]|networks[]", "labels", Rule::DataMap, nullptr, nullptr,
   "`labels` maps label names to values (spec 7.1 and 7.6)."},
  {"(root)|containers[]", "environment", Rule::DataMap, nullptr, nullptr,
   "A pod's `environment` maps variable names to values (spec 7.6)."},
  {"scaling", "maxInstances", Rule::Optional, nullptr, nullptr,
   "No longer in the pod type, so the server ignores it (marathon README caveat of pod.json; "
   "spec 9)."},
  {"(root)|slaves[]", "attributes", Rule::DataMap, nullptr, nullptr,
   "Agent `attributes` are {name: value} (spec mesos-cosmos-api.md 1.2, slave table)."},
  {"slaves[]", "reserved_resources", Rule::DataMap, nullptr, nullptr,
   "`reserved_resources` is {role: resources} (spec mesos-cosmos-api.md 1.2, slave table)."},
  {"(root)", "flags", Rule::DataMap, nullptr, nullptr,
   "`flags` maps the command-line flags a master or agent was started with to their values; the "
   "names depend on the Mesos version (the 0.23 and 0.27 fixtures use pre-1.0 names such as "
   "slave_ping_timeout) and on the configuration (spec 1.2 lists only `flags{}`; the mesos "
   "README calls the docs example non-exhaustive)."},
  {"slaves[]|frameworks[]", "reregistered_time", Rule::Optional, nullptr, nullptr,
   "Set only once an agent or framework re-registers (spec mesos-cosmos-api.md 1.2); dcos-local's "
   "agents and Marathon never do."},
  {"(root)", "git_branch", Rule::Optional, nullptr, nullptr,
   "Not among the top-level fields of spec mesos-cosmos-api.md 1.2; Mesos writes it only for a "
   "build from a git branch."},
  {"network_infos[]", "ip_address", Rule::Replaced, "ip_addresses:array", nullptr,
   "The pre-1.0 single address became `ip_addresses[]` (spec mesos-cosmos-api.md 1.2, statuses)."},
  {"network_infos[]", "name", Rule::Optional, nullptr, nullptr,
   "Only named container (CNI) networks have a name; dcos-local tasks use the agent's network "
   "(spec mesos-cosmos-api.md 1.2 shows network_infos as {ip_addresses})."},
  {"network_infos[]", "labels", Rule::Optional, nullptr, nullptr,
   "Only named container (CNI) networks carry labels (spec mesos-cosmos-api.md 1.2, statuses)."},
  {"resources[]|total_resources[]|allocated_resources[]", "scalar", Rule::Optional, nullptr,
   not_scalar,
   "Operator API resources carry `scalar` or `ranges` by their type (spec mesos-cosmos-api.md "
   "1.4)."},
  {"tasks[]|statuses[]", "executor_id", Rule::Optional, nullptr, nullptr,
   "Command tasks (Marathon apps) have no executor id (spec mesos-cosmos-api.md 1.2, Task "
   "executor_id); the v1 API leaves an unset id out."},
  {"framework_info", "role", Rule::Replaced, "roles:array", nullptr,
   "Frameworks set `role` or `roles[]` (spec mesos-cosmos-api.md 1.2); Marathon 1.11 is "
   "MULTI_ROLE and sets `roles`."},
};
// clang-format on

bool segment_matches(const char* parents, const std::string& segment) {
  std::string all = parents;
  if (all == "*") return true;
  std::stringstream in(all);
  std::string one;
  while (std::getline(in, one, '|'))
    if (one == segment) return true;
  return false;
}

const Difference* find_difference(const std::string& parent_segment, const std::string& key,
                                  Rule rule) {
  for (const Difference& d : kDifferences) {
    if (d.rule != rule) continue;
    if (std::string(d.key) != "*" && d.key != key) continue;
    if (segment_matches(d.parents, parent_segment)) return &d;
  }
  return nullptr;
}

// --- the shape comparison ------------------------------------------------------------------

std::string type_of(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_object()) return "object";
  if (v.is_array()) return "array";
  if (v.is_string()) return "string";
  if (v.is_boolean()) return "boolean";
  if (v.is_number()) return "number";  // integer and float are one type here
  return "other";
}

class ShapeCheck {
 public:
  // Compares `upstream` with `ours`; returns one line per problem.
  std::vector<std::string> run(const json& upstream, const json& ours) {
    problems_.clear();
    stack_.clear();
    compare(upstream, ours, "(root)", "");
    return problems_;
  }

 private:
  void problem(const std::string& path, const std::string& what) {
    if (problems_.size() < 40) problems_.push_back((path.empty() ? "/" : path) + ": " + what);
  }

  // Resolves "a/b" or "../x" from the object at the top of stack_.
  const json* resolve(const std::string& spec) const {
    size_t level = stack_.size() - 1;
    std::string rest = spec;
    while (rest.rfind("../", 0) == 0) {
      if (level == 0) return nullptr;
      --level;
      rest = rest.substr(3);
    }
    const json* at = stack_[level];
    std::stringstream in(rest);
    std::string part;
    while (std::getline(in, part, '/')) {
      if (!at->is_object() || !at->contains(part)) return nullptr;
      at = &(*at)[part];
    }
    return at;
  }

  void compare(const json& up, const json& ours, const std::string& segment,
               const std::string& path) {
    if (up.is_null()) return;  // NullIsUnset: any type is fine
    if (type_of(up) != type_of(ours)) {
      problem(path, "type " + type_of(ours) + ", upstream has " + type_of(up));
      return;
    }
    if (up.is_array()) {
      if (up.empty()) return;
      std::string element = segment + "[]";
      for (size_t i = 0; i < ours.size(); ++i)
        compare(up[0], ours[i], element, path + "[" + std::to_string(i) + "]");
      return;
    }
    if (!up.is_object()) return;
    stack_.push_back(&ours);
    for (auto& [key, value] : up.items()) compare_key(key, value, ours, segment, path);
    stack_.pop_back();
  }

  void compare_key(const std::string& key, const json& value, const json& ours,
                   const std::string& segment, const std::string& path) {
    std::string where = path + "/" + key;
    if (value.is_null() && find_difference(segment, key, Rule::NullIsUnset)) return;
    if (const Difference* d = find_difference(segment, key, Rule::DataMap);
        d && value.is_object()) {
      auto it = ours.find(key);
      if (it == ours.end()) return problem(where, "missing (a map, upstream has one)");
      if (!it->is_object()) return problem(where, "type " + type_of(*it) + ", upstream has object");
      if (value.empty()) return;
      const json& sample = value.begin().value();
      for (auto& [k, v] : it->items()) compare(sample, v, "{}", where + "/" + k);
      return;
    }
    auto it = ours.find(key);
    if (it != ours.end()) return compare(value, *it, key, where);
    if (const Difference* d = find_difference(segment, key, Rule::Optional);
        d && (!d->when || d->when(ours)))
      return;
    if (const Difference* d = find_difference(segment, key, Rule::Replaced)) {
      std::stringstream in(d->replacement);
      std::string alternative;
      while (std::getline(in, alternative, '|')) {
        size_t colon = alternative.rfind(':');
        const json* found = resolve(alternative.substr(0, colon));
        if (found && type_of(*found) == alternative.substr(colon + 1)) return;
      }
      return problem(where, std::string("missing, and so is its replacement ") + d->replacement);
    }
    problem(where, "missing (upstream has a " + type_of(value) + ")");
  }

  std::vector<std::string> problems_;
  std::vector<const json*> stack_;
};

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// Fails the test with every problem found, so one run shows the whole gap.
void check_shape(const std::string& what, const json& upstream, const json& ours) {
  std::vector<std::string> problems = ShapeCheck().run(upstream, ours);
  INFO(what);
  INFO(join(problems));
  CHECK(problems.empty());
}

// --- fixtures and the scenario -------------------------------------------------------------

bool fixtures_missing() {
  if (fs::exists(kShared + "/fixtures")) return false;
  WARN("skipped: " << kShared
                   << "/fixtures is absent (a user's clone has no ../shared), so there is "
                      "nothing to compare with");
  return true;
}

json fixture(const std::string& relative) {
  std::ifstream in(kShared + "/fixtures/" + relative);
  if (!in) throw std::runtime_error("cannot read fixture " + relative);
  return json::parse(in);
}

struct Reply {
  int status = 0;
  json body;
};

class Scenario {
 public:
  Scenario() : cluster_({"--seed", "demo"}) {
    // An app on host networking with an HTTP check, constraints, fetch, env and labels. Its image
    // makes it simulated, and a simulated task passes its checks.
    expect(post(kMarathon + "/v2/apps",
                {{"id", "/conformance/web"},
                 {"instances", 1},
                 {"cpus", 0.1},
                 {"mem", 32},
                 {"container", {{"type", "DOCKER"}, {"docker", {{"image", "nginx:stable"}}}}},
                 {"portDefinitions", json::array({{{"port", 0}, {"name", "http"}}})},
                 {"healthChecks", json::array({{{"protocol", "HTTP"},
                                                {"path", "/"},
                                                {"portIndex", 0},
                                                {"gracePeriodSeconds", 30},
                                                {"intervalSeconds", 2},
                                                {"timeoutSeconds", 1}}})},
                 {"constraints", json::array({json::array({"hostname", "UNIQUE"})})},
                 {"fetch", json::array({{{"uri", "https://downloads.example.org/site.tgz"}}})},
                 {"env", {{"SITE_NAME", "conformance"}}},
                 {"labels", {{"suite", "conformance"}}}}),
           201, "POST /v2/apps /conformance/web");
    // A command that exits: its task completes, and a long backoff then keeps the app waiting
    // in the launch queue with its deployment in flight. Created through a group, whose answer
    // is a deployment result.
    Reply group = post(kMarathon + "/v2/groups",
                       {{"id", "/conformance/jobs"},
                        {"apps", json::array({{{"id", "once"},
                                               {"cmd", "echo finished"},
                                               {"cpus", 0.1},
                                               {"mem", 16},
                                               {"backoffSeconds", 3600},
                                               {"maxLaunchDelaySeconds", 3600}}})}});
    expect(group, 201, "POST /v2/groups /conformance/jobs");
    group_result = group.body;
    // More cpus than any agent has: queued for ever, deployment never done.
    expect(post(kMarathon + "/v2/apps",
                {{"id", "/conformance/hog"}, {"cmd", "sleep 600"}, {"cpus", 64}, {"mem", 16}}),
           201, "POST /v2/apps /conformance/hog");
    expect(post(kMarathon + "/v2/pods", pod_definition()), 201, "POST /v2/pods");
    Reply dry = put(kMarathon + "/v2/groups/conformance/preview?dryRun=true",
                    {{"apps", json::array({{{"id", "svc"}, {"cmd", "sleep 600"}}})}});
    expect(dry, 200, "PUT /v2/groups/conformance/preview?dryRun=true");
    dry_run = dry.body;

    Reply scale = put(kMarathon + "/v2/apps/demo/worker?force=true", {{"instances", 1}});
    expect(scale, 200, "PUT /v2/apps/demo/worker");
    scale_result = scale.body;

    wait_for("every task running and the exiting task completed", [this] {
      return settled() && has_completed_task("/conformance/jobs/once", "once.jobs.conformance");
    });
    // Kill one task of /demo/hello (Marathon replaces it) and wait for the replacement.
    json tasks = get(kMarathon + "/v2/apps/demo/hello/tasks").body["tasks"];
    if (tasks.empty()) throw std::runtime_error("/demo/hello has no tasks");
    killed_task_id = tasks[0]["id"];
    Reply killed = del(kMarathon + "/v2/apps/demo/hello/tasks/" + killed_task_id);
    expect(killed, 200, "DELETE /v2/apps/demo/hello/tasks/<id>");
    killed_task = killed.body;
    wait_for("the killed task replaced", [this] {
      return settled() && get(kMarathon + "/v2/apps/demo/hello/tasks").body["tasks"].size() == 2;
    });
  }

  Reply get(const std::string& path) { return send("GET", path, json()); }
  const std::string& host() const { return cluster_.host(); }
  int port() const { return cluster_.port(); }
  Reply post(const std::string& path, const json& body) { return send("POST", path, body); }
  Reply put(const std::string& path, const json& body) { return send("PUT", path, body); }
  Reply del(const std::string& path) { return send("DELETE", path, json()); }

  json group_result, scale_result, dry_run, killed_task;
  std::string killed_task_id;
  const std::string pod_id = "/conformance/pod";

 private:
  static json pod_definition() {
    json container = {
        {"name", "main"},
        {"exec", {{"command", {{"shell", "sleep 3600"}}}, {"overrideEntrypoint", false}}},
        {"resources", {{"cpus", 0.1}, {"mem", 32}, {"disk", 0}, {"gpus", 0}}},
        {"endpoints", json::array({{{"name", "web"},
                                    {"containerPort", 8080},
                                    {"hostPort", 0},
                                    {"protocol", json::array({"tcp"})},
                                    {"labels", json::object()}}})},
        {"image", {{"id", "busybox:stable"}, {"kind", "DOCKER"}, {"forcePull", false}}},
        {"environment", {{"ROLE", "main"}}},
        {"user", "nobody"},
        {"healthCheck",
         {{"http", {{"endpoint", "web"}, {"path", "/"}, {"scheme", "HTTP"}}},
          {"gracePeriodSeconds", 60},
          {"intervalSeconds", 10},
          {"maxConsecutiveFailures", 3},
          {"timeoutSeconds", 5},
          {"delaySeconds", 5}}},
        {"volumeMounts",
         json::array({{{"name", "scratch"}, {"mountPath", "/scratch"}, {"readOnly", false}}})},
        {"artifacts", json::array({{{"uri", "https://downloads.example.org/tool.tgz"},
                                    {"executable", false},
                                    {"extract", true},
                                    {"cache", false},
                                    {"destPath", "tool.tgz"}}})},
        {"labels", {{"component", "main"}}},
        {"lifecycle", {{"killGracePeriodSeconds", 10}}}};
    return {
        {"id", "/conformance/pod"},
        {"labels", {{"suite", "conformance"}}},
        {"user", "nobody"},
        {"environment", {{"POD_MODE", "conformance"}}},
        {"volumes", json::array({{{"name", "scratch"}, {"host", "/tmp"}}})},
        {"networks",
         json::array({{{"name", "dcos"}, {"mode", "container"}, {"labels", {{"tier", "test"}}}}})},
        {"scaling", {{"kind", "fixed"}, {"instances", 1}}},
        {"scheduling",
         {{"backoff", {{"backoff", 1}, {"backoffFactor", 1.15}, {"maxLaunchDelay", 300}}},
          {"upgrade", {{"minimumHealthCapacity", 1}, {"maximumOverCapacity", 1}}},
          {"placement",
           {{"constraints", json::array()}, {"acceptedResourceRoles", json::array({"*"})}}}}},
        {"containers", json::array({container})},
        {"executorResources", {{"cpus", 0.1}, {"mem", 32}, {"disk", 10}}}};
  }

  Reply send(const std::string& method, const std::string& path, const json& body) {
    httplib::Client client(cluster_.host(), cluster_.port());
    client.set_read_timeout(10, 0);
    std::string text = body.is_null() ? "" : body.dump();
    httplib::Result r = method == "GET"    ? client.Get(path.c_str())
                        : method == "POST" ? client.Post(path.c_str(), text, "application/json")
                        : method == "PUT"  ? client.Put(path.c_str(), text, "application/json")
                                           : client.Delete(path.c_str());
    if (!r) throw std::runtime_error(method + " " + path + ": no answer from dcos-local");
    Reply reply{r->status, json()};
    if (!r->body.empty()) reply.body = json::parse(r->body, nullptr, false);
    return reply;
  }

  static void expect(const Reply& r, int status, const std::string& what) {
    if (r.status != status)
      throw std::runtime_error(what + " answered " + std::to_string(r.status) + ": " +
                               r.body.dump());
  }

  // Every live task is running: nothing staging or being killed.
  bool settled() {
    json state = get("/mesos/master/state").body;
    size_t running = 0;
    for (const json& fw : state["frameworks"])
      for (const json& t : fw["tasks"]) {
        if (t["state"] != "TASK_RUNNING") return false;
        ++running;
      }
    // demo: hello x2, worker, cd-demo-app; ours: web, the pod.
    return running >= 6;
  }

  // The app's task has ended (it is among Mesos's completed tasks) and none runs now.
  bool has_completed_task(const std::string& app_id, const std::string& mesos_name) {
    if (!get(kMarathon + "/v2/apps" + app_id + "/tasks").body["tasks"].empty()) return false;
    json state = get("/mesos/master/state").body;
    for (const json& fw : state["frameworks"])
      for (const json& t : fw["completed_tasks"])
        if (t["name"] == mesos_name) return true;
    return false;
  }

  void wait_for(const std::string& what, const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline)
        throw std::runtime_error("timed out waiting for " + what);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  dcos::testing::LocalCluster cluster_;
};

// One cluster for the whole suite, set up on first use.
Scenario& scenario() {
  static std::unique_ptr<Scenario> instance;
  if (!instance) instance = std::make_unique<Scenario>();
  return *instance;
}

json marathon_fixture(const std::string& name) { return fixture("marathon/" + name); }

std::string scenario_host() { return scenario().host(); }
int scenario_port() { return scenario().port(); }

}  // namespace

// --- the check itself (needs no fixture) -----------------------------------------------------

TEST_CASE("conformance: the shape check reports missing keys, wrong types and lost replacements",
          "[conformance]") {
  json upstream = {{"id", "/a"},
                   {"count", 1},
                   {"unset", nullptr},
                   {"items", json::array({{{"ok", true}}})},
                   {"apps", json::array({{{"id", "/x"}, {"uris", json::array({"u"})}}})}};
  json ours = {{"id", "/b"},
               {"count", 2.5},
               {"items", json::array({{{"ok", false}}, {{"ok", true}, {"extra", 1}}})},
               {"apps", json::array({{{"id", "/y"}, {"fetch", json::array()}}})}};
  CHECK(ShapeCheck().run(upstream, ours).empty());

  json missing = ours;
  missing.erase("count");
  CHECK(ShapeCheck().run(upstream, missing) ==
        std::vector<std::string>{"/count: missing (upstream has a number)"});

  json wrong = ours;
  wrong["items"][1]["ok"] = "yes";
  CHECK(ShapeCheck().run(upstream, wrong) ==
        std::vector<std::string>{"/items[1]/ok: type string, upstream has boolean"});

  json lost = ours;
  lost["apps"][0].erase("fetch");
  std::vector<std::string> problems = ShapeCheck().run(upstream, lost);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].rfind("/apps[0]/uris: missing", 0) == 0);
}

// --- Marathon ------------------------------------------------------------------------------

TEST_CASE("conformance: GET v2/apps has the fields of app_list.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/apps");
  REQUIRE(r.status == 200);
  REQUIRE(r.body["apps"].size() >= 6);
  check_shape("GET /v2/apps", marathon_fixture("app_list.json"), r.body);
}

TEST_CASE("conformance: GET v2/apps/id has the fields of an app_list.json app", "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = {{"app", marathon_fixture("app_list.json")["apps"][0]}};
  json apps = scenario().get(kMarathon + "/v2/apps").body["apps"];
  REQUIRE_FALSE(apps.empty());
  for (const json& app : apps) {
    std::string id = app["id"];
    Reply r = scenario().get(kMarathon + "/v2/apps" + id);
    REQUIRE(r.status == 200);
    check_shape("GET /v2/apps" + id, upstream, r.body);
  }
}

TEST_CASE("conformance: GET v2/apps/id/tasks has the fields of app_tasks.json", "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = marathon_fixture("app_tasks.json");
  for (const char* id : {"/demo/hello", "/mesosphere/cd-demo-app", "/conformance/web"}) {
    Reply r = scenario().get(kMarathon + "/v2/apps" + id + "/tasks");
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.body["tasks"].empty());
    check_shape(std::string("GET /v2/apps") + id + "/tasks", upstream, r.body);
  }
}

TEST_CASE("conformance: DELETE of one app task has the fields of app_task.json", "[conformance]") {
  if (fixtures_missing()) return;
  const json& killed = scenario().killed_task;
  REQUIRE(killed["task"].is_object());
  CHECK(killed["task"]["id"] == scenario().killed_task_id);
  check_shape("DELETE /v2/apps/demo/hello/tasks/<id>", marathon_fixture("app_task.json"), killed);
}

TEST_CASE("conformance: GET v2/tasks has the fields of tasks.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/tasks");
  REQUIRE(r.status == 200);
  REQUIRE(r.body["tasks"].size() >= 5);
  check_shape("GET /v2/tasks", marathon_fixture("tasks.json"), r.body);
}

TEST_CASE("conformance: GET v2/deployments has the fields of deployments.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/deployments");
  REQUIRE(r.status == 200);
  // /conformance/hog cannot be placed and /conformance/jobs/once waits out its backoff: their
  // deployments stay in flight.
  REQUIRE(r.body.size() >= 2);
  for (const json& d : r.body) REQUIRE_FALSE(d["currentActions"].empty());
  check_shape("GET /v2/deployments", marathon_fixture("deployments.json"), r.body);
}

TEST_CASE("conformance: a change answers like deployments_result.json", "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = marathon_fixture("deployments_result.json");
  check_shape("POST /v2/groups", upstream, scenario().group_result);
  check_shape("PUT /v2/apps/demo/worker", upstream, scenario().scale_result);
}

TEST_CASE("conformance: a group dry run answers like deployment_steps.json", "[conformance]") {
  if (fixtures_missing()) return;
  const json& ours = scenario().dry_run;
  REQUIRE_FALSE(ours["steps"].empty());
  REQUIRE_FALSE(ours["steps"][0]["actions"].empty());
  check_shape("PUT /v2/groups/conformance/preview?dryRun=true",
              marathon_fixture("deployment_steps.json"), ours);
}

TEST_CASE("conformance: GET v2/info has the fields of info.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/info");
  REQUIRE(r.status == 200);
  check_shape("GET /v2/info", marathon_fixture("info.json"), r.body);
}

TEST_CASE("conformance: GET v2/queue has the fields of queue.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/queue?embed=lastUnusedOffers");
  REQUIRE(r.status == 200);
  // The hog (no agent is big enough) and the exited task's app (in backoff).
  REQUIRE(r.body["queue"].size() >= 2);
  check_shape("GET /v2/queue?embed=lastUnusedOffers", marathon_fixture("queue.json"), r.body);
}

TEST_CASE("conformance: GET v2/groups has the fields of group.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/groups");
  REQUIRE(r.status == 200);
  REQUIRE_FALSE(r.body["groups"].empty());
  for (const json& g : r.body["groups"]) REQUIRE(g.contains("apps"));
  check_shape("GET /v2/groups", marathon_fixture("group.json"), r.body);
}

TEST_CASE("conformance: GET v2/pods/id has the fields of pod.json", "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get(kMarathon + "/v2/pods" + scenario().pod_id);
  REQUIRE(r.status == 200);
  check_shape("GET /v2/pods" + scenario().pod_id, marathon_fixture("pod.json"), r.body);
}

// --- Mesos ---------------------------------------------------------------------------------

TEST_CASE("conformance: GET mesos/master/state has the fields of every master-state fixture",
          "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get("/mesos/master/state");
  REQUIRE(r.status == 200);
  REQUIRE_FALSE(r.body["slaves"].empty());
  REQUIRE_FALSE(r.body["frameworks"].empty());
  for (const json& fw : r.body["frameworks"]) {
    REQUIRE_FALSE(fw["tasks"].empty());
    REQUIRE_FALSE(fw["completed_tasks"].empty());
  }
  for (const char* name : {"master-state.mesos-1.2.kafka.dcos-ui.json",
                           "master-state.mesos-0.27.cassandra.dcos-ui.json",
                           "master-state.mesos-0.23.completed-tasks.dcos-ui.json",
                           "master-state.mesos-docs-example.json"}) {
    check_shape(std::string("GET /mesos/master/state against ") + name,
                fixture(std::string("mesos/state/") + name), r.body);
  }
}

TEST_CASE("conformance: GET mesos/master/state-summary has the fields of its fixture",
          "[conformance]") {
  if (fixtures_missing()) return;
  Reply r = scenario().get("/mesos/master/state-summary");
  REQUIRE(r.status == 200);
  REQUIRE_FALSE(r.body["slaves"].empty());
  REQUIRE_FALSE(r.body["frameworks"].empty());
  check_shape("GET /mesos/master/state-summary",
              fixture("mesos/state/master-state-summary.cassandra.dcos-ui.json"), r.body);
}

TEST_CASE("conformance: GET agent state has the fields of agent-state.cassandra", "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = fixture("mesos/state/agent-state.cassandra.dcos-ui.json");
  json slaves = scenario().get("/mesos/master/state").body["slaves"];
  REQUIRE_FALSE(slaves.empty());
  size_t executors = 0;
  for (const json& slave : slaves) {
    std::string id = slave["id"];
    Reply r = scenario().get("/agent/" + id + "/slave(1)/state");
    REQUIRE(r.status == 200);
    for (const json& fw : r.body["frameworks"]) executors += fw["executors"].size();
    check_shape("GET /agent/" + id + "/slave(1)/state", upstream, r.body);
  }
  REQUIRE(executors > 0);
}

TEST_CASE("conformance: agent files browse and read have the fields of their fixtures",
          "[conformance]") {
  if (fixtures_missing()) return;
  // The sandbox of a running /demo/hello task: a real directory with stdout and stderr.
  json tasks = scenario().get(kMarathon + "/v2/apps/demo/hello/tasks").body["tasks"];
  REQUIRE_FALSE(tasks.empty());
  std::string agent = tasks[0]["slaveId"], task_id = tasks[0]["id"];
  json state = scenario().get("/agent/" + agent + "/slave(1)/state").body;
  std::string directory;
  for (const json& fw : state["frameworks"])
    for (const json& e : fw["executors"])
      for (const json& t : e["tasks"])
        if (t["id"] == task_id) directory = e["directory"];
  REQUIRE_FALSE(directory.empty());

  httplib::Params browse_query{{"path", directory}};
  Reply browse = scenario().get("/agent/" + agent + "/files/browse?" +
                                httplib::detail::params_to_query_str(browse_query));
  REQUIRE(browse.status == 200);
  REQUIRE_FALSE(browse.body.empty());
  check_shape("GET /agent/<id>/files/browse", fixture("mesos/files/files-browse.dcos-ui.json"),
              browse.body);

  httplib::Params read_query{{"path", directory + "/stdout"}, {"offset", "0"}, {"length", "64"}};
  Reply read = scenario().get("/agent/" + agent + "/files/read?" +
                              httplib::detail::params_to_query_str(read_query));
  REQUIRE(read.status == 200);
  check_shape("GET /agent/<id>/files/read", fixture("mesos/files/files-read.dcos-ui.json"),
              read.body);
}

TEST_CASE("conformance: operator API v1 calls answer like the Mesos documentation",
          "[conformance]") {
  if (fixtures_missing()) return;
  const std::string dir = "mesos/operator-api/";
  SECTION("GET_TASKS") {
    Reply r = scenario().post("/mesos/api/v1", fixture(dir + "master-GET_TASKS.request.json"));
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.body["get_tasks"]["tasks"].empty());
    check_shape("GET_TASKS", fixture(dir + "master-GET_TASKS.response.json"), r.body);
  }
  SECTION("GET_AGENTS") {
    Reply r = scenario().post("/mesos/api/v1", fixture(dir + "master-GET_AGENTS.request.json"));
    REQUIRE(r.status == 200);
    CHECK(r.body["type"] == "GET_AGENTS");
    REQUIRE_FALSE(r.body["get_agents"]["agents"].empty());
    // No GET_AGENTS response was copied (the doc's example is not JSON); the mesos README
    // says its shape is get_state.get_agents of the GET_STATE example.
    json upstream = fixture(dir + "master-GET_STATE.response.json")["get_state"]["get_agents"];
    check_shape("GET_AGENTS", upstream, r.body["get_agents"]);
  }
  SECTION("GET_FRAMEWORKS") {
    Reply r = scenario().post("/mesos/api/v1", fixture(dir + "master-GET_FRAMEWORKS.request.json"));
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.body["get_frameworks"]["frameworks"].empty());
    check_shape("GET_FRAMEWORKS", fixture(dir + "master-GET_FRAMEWORKS.response.json"), r.body);
  }
  SECTION("GET_MASTER") {
    Reply r = scenario().post("/mesos/api/v1", fixture(dir + "master-GET_MASTER.request.json"));
    REQUIRE(r.status == 200);
    CHECK(r.body["get_master"]["master_info"]["id"].is_string());
    check_shape("GET_MASTER", fixture(dir + "master-GET_MASTER.response.json"), r.body);
  }
}

// --- DC/OS ---------------------------------------------------------------------------------

TEST_CASE("conformance: dcos metadata and dcos-version have the fields of their fixtures",
          "[conformance]") {
  if (fixtures_missing()) return;
  Reply metadata = scenario().get("/metadata");
  REQUIRE(metadata.status == 200);
  check_shape("GET /metadata", fixture("dcos/metadata/metadata.dcos-ui.json"), metadata.body);
  Reply version = scenario().get("/dcos-metadata/dcos-version.json");
  REQUIRE(version.status == 200);
  check_shape("GET /dcos-metadata/dcos-version.json",
              fixture("dcos/metadata/dcos-version.dcos-ui.json"), version.body);
}

TEST_CASE("conformance: mesos-dns v1 hosts has the fields of its fixture", "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = fixture("dcos/mesos-dns/v1-hosts.mesos-dns-docs.json");
  for (const char* name : {"leader.mesos", "master.mesos"}) {
    Reply r = scenario().get(std::string("/mesos_dns/v1/hosts/") + name);
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.body.empty());
    check_shape(std::string("GET /mesos_dns/v1/hosts/") + name, upstream, r.body);
  }
}

TEST_CASE("conformance: net v1 nodes and health units have the fields of their fixtures",
          "[conformance]") {
  if (fixtures_missing()) return;
  Reply nodes = scenario().get("/net/v1/nodes");
  REQUIRE(nodes.status == 200);
  REQUIRE(nodes.body.size() >= 4);
  check_shape("GET /net/v1/nodes", fixture("dcos/networking/net-v1-nodes.dcos-ui.json"),
              nodes.body);
  json upstream = fixture("dcos/health/node-units.dcos-ui.json");
  for (const json& node : nodes.body) {
    std::string ip = node["private_ip"];
    Reply units = scenario().get("/system/health/v1/nodes/" + ip + "/units");
    REQUIRE(units.status == 200);
    check_shape("GET /system/health/v1/nodes/" + ip + "/units", upstream, units.body);
  }
}

TEST_CASE("conformance: component log entries have the fields of the dcos-log journal entry",
          "[conformance]") {
  if (fixtures_missing()) return;
  json upstream = fixture("dcos/logs/journal-entry.application-json.dcos-log-readme.json");
  // Only the fields every journal entry has: the fixture's systemd entry also carries the
  // CODE_* and _CAP_* fields of systemd's own messages.
  json common = upstream;
  json fields = json::object();
  for (const char* name :
       {"MESSAGE", "PRIORITY", "SYSLOG_FACILITY", "SYSLOG_IDENTIFIER", "_BOOT_ID", "_HOSTNAME",
        "_MACHINE_ID", "_PID", "_TRANSPORT", "_UID", "_GID"})
    fields[name] = upstream["fields"][name];
  common["fields"] = fields;
  httplib::Client client(scenario_host(), scenario_port());
  auto res = client.Get("/system/v1/leader/mesos/logs/v2/component?skip=-20",
                        {{"Accept", "application/json"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  std::stringstream lines(res->body);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    ++count;
    check_shape("a component log entry", common, json::parse(line));
  }
  CHECK(count == 20);
}
