#include "local/app_fields.hpp"

#include <set>
#include <vector>

namespace dcos_local {

namespace {

// One object of the schema: its declared fields, and those of its nested objects. `list`
// marks a field holding a list of such objects.
struct Shape {
  std::set<std::string> fields;
  std::vector<std::pair<std::string, const Shape*>> nested;
  bool list = false;
};

const Shape& port_mapping() {
  static const Shape shape{
      {"containerPort", "hostPort", "servicePort", "protocol", "name", "labels", "networkNames"},
      {},
      true};
  return shape;
}

const Shape& docker() {
  static const Shape shape{{"image", "forcePullImage", "privileged", "parameters", "pullConfig",
                            "credential", "network", "portMappings"},
                           {{"portMappings", &port_mapping()}}};
  return shape;
}

const Shape& volume() {
  static const Shape shape{
      {"containerPath", "hostPath", "mode", "persistent", "external", "secret"}, {}, true};
  return shape;
}

const Shape& container() {
  static const Shape shape{
      {"type", "docker", "volumes", "portMappings", "linuxInfo", "appc"},
      {{"docker", &docker()}, {"volumes", &volume()}, {"portMappings", &port_mapping()}}};
  return shape;
}

const Shape& health_check() {
  static const Shape shape{
      {"protocol", "command", "path", "portIndex", "port", "gracePeriodSeconds", "intervalSeconds",
       "timeoutSeconds", "maxConsecutiveFailures", "ignoreHttp1xx", "delaySeconds", "ipProtocol"},
      {},
      true};
  return shape;
}

const Shape& port_definition() {
  static const Shape shape{{"port", "protocol", "name", "labels"}, {}, true};
  return shape;
}

const Shape& network() {
  static const Shape shape{{"mode", "name", "labels"}, {}, true};
  return shape;
}

const Shape& fetch_item() {
  static const Shape shape{{"uri", "extract", "executable", "cache", "destPath"}, {}, true};
  return shape;
}

const Shape& upgrade_strategy() {
  static const Shape shape{{"minimumHealthCapacity", "maximumOverCapacity"}, {}};
  return shape;
}

const Shape& app() {
  static const Shape shape{
      {"id", "cmd", "args", "user", "env", "instances", "cpus", "mem", "disk", "gpus",
       "resourceLimits", "executor", "executorResources", "constraints", "fetch", "backoffSeconds",
       "backoffFactor", "maxLaunchDelaySeconds", "container", "healthChecks", "check",
       "readinessChecks", "dependencies", "upgradeStrategy", "unreachableStrategy", "killSelection",
       "labels", "acceptedResourceRoles", "networks", "portDefinitions", "requirePorts", "secrets",
       "taskKillGracePeriodSeconds", "tty", "role", "ports", "uris", "ipAddress", "residency",
       // written by the server; accepted back and dropped
       "version", "versionInfo", "tasks", "tasksStaged", "tasksRunning", "tasksHealthy",
       "tasksUnhealthy", "deployments", "lastTaskFailure", "readinessCheckResults", "taskStats",
       "tasksStats"},
      {{"container", &container()},
       {"healthChecks", &health_check()},
       {"portDefinitions", &port_definition()},
       {"networks", &network()},
       {"fetch", &fetch_item()},
       {"upgradeStrategy", &upgrade_strategy()}}};
  return shape;
}

void check_object(const json& value, const Shape& shape, const std::string& path,
                  const std::string& prefix, Violations& out) {
  if (!value.is_object()) return;
  const std::string what = path == prefix ? "an app" : path.substr(prefix.size());
  for (const auto& [key, child] : value.items()) {
    if (!shape.fields.count(key)) {
      out.add(path + "/" + key, "is not a field of " + what);
      continue;
    }
    for (const auto& [name, inner] : shape.nested) {
      if (name != key) continue;
      const std::string where = path + "/" + key;
      if (!inner->list) {
        check_object(child, *inner, where, prefix, out);
      } else if (child.is_array()) {
        for (size_t i = 0; i < child.size(); ++i)
          check_object(child[i], *inner, where + "(" + std::to_string(i) + ")", prefix, out);
      }
    }
  }
}

}  // namespace

void check_app_fields(const json& value, const std::string& prefix, Violations& out) {
  check_object(value, app(), prefix, prefix, out);
}

}  // namespace dcos_local
