#include "client/app_schema.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "client/strings.hpp"

namespace dcos::app_schema {
namespace {

using nlohmann::json;
using Path = std::vector<std::string>;

/// The objects whose fields are known, by pattern: segments joined by '.', "*" for the items of
/// a list. Objects not named here (lastTaskFailure, container.linuxInfo, a health check's
/// command) are not checked.
const std::map<std::string, std::set<std::string>>& known_objects() {
  static const std::map<std::string, std::set<std::string>> objects = {
      {"",
       {// Marathon 1.11's AppDefinition
        "id", "cmd", "args", "user", "env", "instances", "cpus", "mem", "disk", "gpus",
        "resourceLimits", "executor", "executorResources", "constraints", "fetch", "backoffSeconds",
        "backoffFactor", "maxLaunchDelaySeconds", "container", "healthChecks", "check",
        "readinessChecks", "dependencies", "upgradeStrategy", "unreachableStrategy",
        "killSelection", "labels", "acceptedResourceRoles", "networks", "portDefinitions",
        "requirePorts", "secrets", "taskKillGracePeriodSeconds", "tty", "role", "version",
        "versionInfo",
        // deprecated, still read
        "ports", "uris", "ipAddress", "residency",
        // what a GET adds, so that a shown app can be sent back
        "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments", "tasks",
        "lastTaskFailure", "taskStats", "readinessCheckResults"}},
      {"container", {"type", "docker", "volumes", "portMappings", "linuxInfo", "appc"}},
      {"container.docker",
       {"image", "forcePullImage", "privileged", "parameters", "pullConfig", "credential",
        "network", "portMappings"}},
      {"container.docker.parameters.*", {"key", "value"}},
      {"container.docker.pullConfig", {"secret"}},
      {"container.docker.credential", {"principal", "secret"}},
      {"container.docker.portMappings.*",
       {"containerPort", "hostPort", "servicePort", "protocol", "name", "labels", "networkNames"}},
      {"container.portMappings.*",
       {"containerPort", "hostPort", "servicePort", "protocol", "name", "labels", "networkNames"}},
      {"container.volumes.*",
       {"containerPath", "hostPath", "mode", "persistent", "external", "secret"}},
      {"container.volumes.*.persistent", {"type", "size", "maxSize", "profileName", "constraints"}},
      {"container.volumes.*.external", {"name", "provider", "options", "size"}},
      {"healthChecks.*",
       {"protocol", "command", "path", "portIndex", "port", "gracePeriodSeconds", "intervalSeconds",
        "timeoutSeconds", "maxConsecutiveFailures", "ignoreHttp1xx", "delaySeconds", "ipProtocol"}},
      {"check", {"http", "tcp", "exec", "intervalSeconds", "timeoutSeconds", "delaySeconds"}},
      {"check.http", {"portIndex", "port", "path", "scheme"}},
      {"check.tcp", {"portIndex", "port"}},
      {"check.exec", {"command"}},
      {"readinessChecks.*",
       {"name", "protocol", "path", "portName", "intervalSeconds", "timeoutSeconds",
        "httpStatusCodesForReady", "preserveLastResponse"}},
      {"networks.*", {"mode", "name", "labels"}},
      {"portDefinitions.*", {"port", "protocol", "name", "labels"}},
      {"fetch.*", {"uri", "extract", "executable", "cache", "destPath"}},
      {"upgradeStrategy", {"minimumHealthCapacity", "maximumOverCapacity"}},
      {"unreachableStrategy", {"inactiveAfterSeconds", "expungeAfterSeconds"}},
      {"residency", {"relaunchEscalationTimeoutSeconds", "taskLostBehavior"}},
      {"executorResources", {"cpus", "mem", "disk"}},
      {"resourceLimits", {"cpus", "mem"}},
      {"versionInfo", {"lastScalingAt", "lastConfigChangeAt"}},
      {"ipAddress", {"networkName", "labels", "groups", "discovery"}},
      {"ipAddress.discovery", {"ports"}},
      {"ipAddress.discovery.ports.*", {"number", "name", "protocol", "labels"}},
  };
  return objects;
}

/// Maps whose keys are the user's own (environment variables, labels, secret names).
bool free_map(const std::string& pattern) {
  return pattern == "env" || pattern == "labels" || pattern == "secrets" ||
         ends_with(pattern, ".labels") || pattern == "container.volumes.*.external.options";
}

const std::map<std::string, FieldRule>& rules() {
  auto at_least = [](double minimum) { return FieldRule{minimum, std::nullopt, {}}; };
  auto between = [](double minimum, double maximum) { return FieldRule{minimum, maximum, {}}; };
  auto one_of = [](std::vector<std::string> values) {
    return FieldRule{std::nullopt, std::nullopt, std::move(values)};
  };
  const FieldRule port = between(0, 65535);
  static const std::map<std::string, FieldRule> table = {
      {"instances", at_least(0)},
      {"cpus", at_least(0.001)},
      {"mem", at_least(0)},
      {"disk", at_least(0)},
      {"gpus", at_least(0)},
      {"backoffSeconds", at_least(0)},
      {"backoffFactor", at_least(1)},
      {"maxLaunchDelaySeconds", at_least(0)},
      {"taskKillGracePeriodSeconds", at_least(0)},
      {"killSelection", one_of({"YOUNGEST_FIRST", "OLDEST_FIRST"})},
      {"upgradeStrategy.minimumHealthCapacity", between(0, 1)},
      {"upgradeStrategy.maximumOverCapacity", between(0, 1)},
      {"unreachableStrategy.inactiveAfterSeconds", at_least(0)},
      {"unreachableStrategy.expungeAfterSeconds", at_least(0)},
      {"residency.taskLostBehavior", one_of({"WAIT_FOREVER", "RELAUNCH_AFTER_TIMEOUT"})},
      {"executorResources.cpus", at_least(0.1)},
      {"executorResources.mem", at_least(32)},
      {"executorResources.disk", at_least(10)},
      {"container.type", one_of({"DOCKER", "MESOS"})},
      {"container.docker.network", one_of({"BRIDGE", "HOST", "NONE", "USER"})},
      {"container.volumes.*.mode", one_of({"RO", "RW"})},
      {"container.volumes.*.persistent.type", one_of({"root", "path", "mount"})},
      {"container.portMappings.*.containerPort", port},
      {"container.portMappings.*.hostPort", port},
      {"container.portMappings.*.servicePort", port},
      {"container.docker.portMappings.*.containerPort", port},
      {"container.docker.portMappings.*.hostPort", port},
      {"container.docker.portMappings.*.servicePort", port},
      {"portDefinitions.*.port", port},
      {"networks.*.mode", one_of({"host", "container", "container/bridge"})},
      {"healthChecks.*.protocol",
       one_of({"HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP"})},
      {"healthChecks.*.ipProtocol", one_of({"IPv4", "IPv6"})},
      {"healthChecks.*.port", port},
      {"healthChecks.*.portIndex", at_least(0)},
      {"healthChecks.*.gracePeriodSeconds", at_least(0)},
      {"healthChecks.*.intervalSeconds", at_least(0)},
      {"healthChecks.*.timeoutSeconds", at_least(0)},
      {"healthChecks.*.maxConsecutiveFailures", at_least(0)},
      {"healthChecks.*.delaySeconds", at_least(0)},
      {"readinessChecks.*.protocol", one_of({"HTTP", "HTTPS"})},
      {"readinessChecks.*.timeoutSeconds", at_least(1)},
      {"check.http.scheme", one_of({"HTTP", "HTTPS"})},
      {"check.http.port", port},
      {"check.tcp.port", port},
  };
  return table;
}

bool is_index(std::string_view segment) {
  return !segment.empty() &&
         std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The pattern of a path: its segments joined by '.', list indices as "*".
std::string pattern_of(const Path& path) {
  std::string pattern;
  for (const auto& segment : path) {
    if (!pattern.empty()) pattern += '.';
    pattern += is_index(segment) ? std::string("*") : segment;
  }
  return pattern;
}

/// A known field whose name is `key` ignoring case, anywhere in an app outside lists: for a
/// field written at the wrong level (`volumes` for `container.volumes`).
Path elsewhere(const std::string& key) {
  for (const auto& [pattern, fields] : known_objects()) {
    if (pattern.find('*') != std::string::npos) continue;
    for (const auto& field : fields)
      if (iequals(field, key)) {
        Path path = pattern.empty() ? Path{} : split(pattern, '.');
        path.push_back(field);
        return path;
      }
  }
  return {};
}

/// The closest of `fields` to `key`, with `parent` in front; else a field of that name elsewhere.
Path suggestion(const std::string& key, const std::set<std::string>& fields, const Path& parent) {
  size_t best = std::string::npos;
  std::string closest;
  for (const auto& field : fields) {
    size_t distance = edit_distance(to_lower(key), to_lower(field));
    if (distance < best) {
      best = distance;
      closest = field;
    }
  }
  size_t limit = key.size() <= 3 ? 1 : 2;
  const std::string lower = to_lower(key);
  if (!closest.empty() && (best <= limit || starts_with(to_lower(closest), lower) ||
                           (closest.size() >= 3 && starts_with(lower, to_lower(closest))))) {
    Path path = parent;
    path.push_back(closest);
    return path;
  }
  return elsewhere(key);
}

void collect(const json& value, Path& at, std::vector<UnknownField>& out) {
  if (value.is_object()) {
    const std::string pattern = pattern_of(at);
    if (free_map(pattern)) return;
    auto known = known_objects().find(pattern);
    for (const auto& [key, child] : value.items()) {
      if (known != known_objects().end() && !known->second.count(key)) {
        Path path = at;
        path.push_back(key);
        out.push_back({path, suggestion(key, known->second, at)});
        continue;
      }
      at.push_back(key);
      collect(child, at, out);
      at.pop_back();
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      at.push_back(std::to_string(i));
      collect(value[i], at, out);
      at.pop_back();
    }
  }
}

std::string dotted(const Path& path) { return join(path, "."); }

/// Sets `path` (from `index` on) inside `node` to `value`; `key` is the key as written.
Status set_path(json& node, const Path& path, size_t index, json value, const std::string& key) {
  if (index == path.size()) {
    node = std::move(value);
    return Status::success();
  }
  const std::string& segment = path[index];
  const std::string above = dotted(Path(path.begin(), path.begin() + static_cast<long>(index)));
  if (node.is_null()) node = json::object();
  if (node.is_array()) {
    if (!is_index(segment) || std::stoul(segment) >= node.size())
      return Error::make(ErrorKind::invalid,
                         "'" + key + "': " + above + " is a list of " +
                             std::to_string(node.size()) + " entries; '" + segment +
                             "' is not one of its indexes (0 to " +
                             std::to_string(node.size() == 0 ? 0 : node.size() - 1) + ")");
    return set_path(node[std::stoul(segment)], path, index + 1, std::move(value), key);
  }
  if (!node.is_object())
    return Error::make(ErrorKind::invalid, "'" + key + "': the app's " + above + " is " +
                                               node.dump() + ", not an object");
  return set_path(node[segment], path, index + 1, std::move(value), key);
}

}  // namespace

std::vector<UnknownField> unknown_fields(const json& value, const std::vector<std::string>& at) {
  std::vector<UnknownField> out;
  Path path = at;
  collect(value, path, out);
  return out;
}

std::vector<std::string> dotted_path(std::string_view key) {
  Path path;
  std::string rest(key);
  while (true) {
    if (!path.empty() && free_map(pattern_of(path))) {
      path.push_back(rest);
      return path;
    }
    auto dot = rest.find('.');
    if (dot == std::string::npos) {
      path.push_back(rest);
      return path;
    }
    path.push_back(rest.substr(0, dot));
    rest = rest.substr(dot + 1);
  }
}

std::vector<UnknownField> unknown_changes(const json& changes) {
  std::vector<UnknownField> out;
  if (!changes.is_object()) return unknown_fields(changes);
  for (const auto& [key, value] : changes.items()) {
    Path path = dotted_path(key);
    Path at;
    bool known = true;
    for (const auto& segment : path) {
      auto object = known_objects().find(pattern_of(at));
      if (object != known_objects().end() && !is_index(segment) && !object->second.count(segment)) {
        Path where = at;
        where.push_back(segment);
        out.push_back({where, suggestion(segment, object->second, at)});
        known = false;
        break;
      }
      at.push_back(segment);
    }
    if (known) {
      auto inside = unknown_fields(value, path);
      out.insert(out.end(), inside.begin(), inside.end());
    }
  }
  return out;
}

Result<json> apply_dotted(const json& changes, const json& current) {
  json result = json::object();
  for (const auto& [key, value] : changes.items()) {
    Path path = dotted_path(key);
    if (path.size() == 1) {
      result[key] = value;
      continue;
    }
    const std::string& field = path.front();
    if (!result.contains(field))
      result[field] = current.is_object() && current.contains(field) ? current[field] : json();
    if (auto set = set_path(result[field], path, 1, value, key); !set) return set.error();
  }
  return result;
}

std::optional<FieldRule> rule_at(std::string_view pointer) {
  Path path;
  for (const auto& segment : split(pointer, '/'))
    if (!segment.empty()) path.push_back(segment);
  // An app inside a group ("/apps/0/…", "/groups/1/apps/0/…") or a list of apps ("/0/…").
  size_t start = 0;
  for (size_t i = 0; i + 1 < path.size(); ++i)
    if (path[i] == "apps" && is_index(path[i + 1])) start = i + 2;
  if (start == 0 && !path.empty() && is_index(path.front())) start = 1;
  auto rule = rules().find(pattern_of(Path(path.begin() + static_cast<long>(start), path.end())));
  if (rule == rules().end()) return std::nullopt;
  return rule->second;
}

}  // namespace dcos::app_schema
