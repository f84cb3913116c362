// Marathon /v2/groups and /v2/pods.
#include <cmath>
#include <functional>
#include <regex>

#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

const std::vector<std::string> kMarathon = {"/service/marathon", "/marathon"};

json without_version(json def) {
  def.erase("version");
  def.erase("versionInfo");
  return def;
}

// Flattens a GroupUpdate into normalised apps; fills `v` with 422 entries.
void collect_apps(const json& group, const std::string& group_id, const std::string& path,
                  std::vector<json>& apps, std::set<std::string>& groups, Violations& v) {
  groups.insert(group_id);
  for (const char* key : {"apps", "groups"})
    if (group.contains(key) && !group[key].is_null() && !group[key].is_array())
      v.add(path + "/" + key, "error.expected.jsarray");
  auto array_at = [&group](const char* key) {
    return group.contains(key) && group[key].is_array() ? group[key] : json::array();
  };
  const json list = array_at("apps");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string p = path + "/apps(" + std::to_string(i) + ")";
    if (!list[i].is_object() || !list[i].contains("id") || !list[i]["id"].is_string()) {
      v.add(p + "/id", "error.path.missing");
      continue;
    }
    std::string id = normalize_id(list[i]["id"].get<std::string>(), group_id);
    if (parent_id(id) != group_id) {
      v.add(p + "/id", "Identifier is not child of '" + group_id + "'");
      continue;
    }
    AppResult app = read_app(list[i], id);
    if (app.error) {
      for (const json& d : app.error->body["details"])
        for (const json& e : d["errors"]) v.add(p + d["path"].get<std::string>(), e);
      continue;
    }
    apps.push_back(app.app);
  }
  const json subs = array_at("groups");
  for (size_t i = 0; i < subs.size(); ++i) {
    std::string p = path + "/groups(" + std::to_string(i) + ")";
    if (!subs[i].is_object() || !subs[i].contains("id")) {
      v.add(p + "/id", "error.path.missing");
      continue;
    }
    if (!subs[i]["id"].is_string()) {
      v.add(p + "/id", "error.expected.jsstring");
      continue;
    }
    std::string id = normalize_id(subs[i]["id"].get<std::string>(), group_id);
    collect_apps(subs[i], id, p, apps, groups, v);
  }
}

bool under(const std::string& id, const std::string& group) {
  return group == "/" || id == group || starts_with(id, group + "/");
}

// Applies app changes, app removals and pod removals as one deployment. When a deployment
// locks any of them nothing changes at all: `commit` (the caller's own bookkeeping) only runs
// once the change is accepted.
void deploy(Cluster& c, httplib::Response& res, const std::vector<json>& apps,
            const std::vector<std::string>& removed, bool force, int status,
            const std::string& location = {}, const std::vector<std::string>& removed_pods = {},
            const std::function<void()>& commit = {}) {
  std::vector<std::string> ids = removed;
  for (const json& a : apps) ids.push_back(a["id"]);
  if (!force) {
    if (auto err = c.locked(ids, removed_pods)) return reply_error(res, *err);
  } else {
    c.cancel_deployments_of(ids, removed_pods);
  }
  if (commit) commit();
  std::string version = c.next_version();
  std::vector<Action> step;
  std::map<std::string, std::optional<json>> previous, previous_pods;
  for (const json& def : apps) {
    std::string id = def["id"];
    auto it = c.apps.find(id);
    previous[id] = it == c.apps.end() ? std::nullopt : std::optional<json>(it->second.def);
    if (it != c.apps.end() && without_version(it->second.def) == def) continue;
    step.push_back({c.put_app(def, version), id, false});
  }
  for (const std::string& id : removed) {
    previous[id] = c.apps.at(id).def;
    c.remove_app(id);
    step.push_back({"StopApplication", id, false});
  }
  for (const std::string& id : removed_pods) {
    previous_pods[id] = c.pods.at(id).def;
    c.remove_pod(id);
    step.push_back({"StopPod", id, true});
  }
  Deployment& d = c.start_deployment({step}, previous, previous_pods, version);
  if (!location.empty()) res.set_header("Location", location);
  reply_deployment(res, status, d);
}

json pod_error(const std::string& path, const std::string& error) {
  return {{"message", "Invalid JSON"}, {"details", {{{"path", path}, {"errors", {error}}}}}};
}

bool is_int(const json& v) { return v.is_number_integer() || v.is_number_unsigned(); }

// Types of the pod fields the scheduler reads (after nulls are gone): the first problem found.
std::optional<ApiError> pod_type_error(const json& pod) {
  auto wrong = [](const std::string& path, const char* error) {
    return ApiError{422, pod_error(path, error)};
  };
  if (pod.contains("id") && !pod["id"].is_string()) return wrong("/id", "error.expected.jsstring");
  if (pod.contains("scaling")) {
    const json& s = pod["scaling"];
    if (!s.is_object()) return wrong("/scaling", "error.expected.jsobject");
    if (s.contains("instances") && !is_int(s["instances"]))
      return wrong("/scaling/instances", "error.expected.jsnumber");
    if (s.contains("instances") && s["instances"].get<double>() < 0)
      return wrong("/scaling/instances", "error.min");
  }
  for (const char* key : {"environment", "labels"})
    if (pod.contains(key) && !pod[key].is_object())
      return wrong(std::string("/") + key, "error.expected.jsobject");
  const json& containers = pod.value("containers", json::array());
  for (size_t i = 0; i < containers.size() && containers.is_array(); ++i) {
    const json& ct = containers[i];
    std::string p = "/containers(" + std::to_string(i) + ")";
    if (!ct.is_object()) return wrong(p, "error.expected.jsobject");
    if (ct.contains("resources")) {
      const json& r = ct["resources"];
      if (!r.is_object()) return wrong(p + "/resources", "error.expected.jsobject");
      for (const char* key : {"cpus", "mem", "disk", "gpus"})
        if (r.contains(key) && !r[key].is_number())
          return wrong(p + "/resources/" + key, "error.expected.jsnumber");
    }
    if (ct.contains("exec")) {
      const json& e = ct["exec"];
      if (!e.is_object()) return wrong(p + "/exec", "error.expected.jsobject");
      if (e.contains("command") && !e["command"].is_object())
        return wrong(p + "/exec/command", "error.expected.jsobject");
      if (e.contains("command") && e["command"].contains("shell") &&
          !e["command"]["shell"].is_string())
        return wrong(p + "/exec/command/shell", "error.expected.jsstring");
    }
    if (ct.contains("image")) {
      if (!ct["image"].is_object()) return wrong(p + "/image", "error.expected.jsobject");
      if (ct["image"].contains("id") && !ct["image"]["id"].is_string())
        return wrong(p + "/image/id", "error.expected.jsstring");
    }
    if (ct.contains("environment") && !ct["environment"].is_object())
      return wrong(p + "/environment", "error.expected.jsobject");
    if (ct.contains("endpoints")) {
      const json& eps = ct["endpoints"];
      if (!eps.is_array()) return wrong(p + "/endpoints", "error.expected.jsarray");
      for (size_t j = 0; j < eps.size(); ++j) {
        std::string ep = p + "/endpoints(" + std::to_string(j) + ")";
        if (!eps[j].is_object()) return wrong(ep, "error.expected.jsobject");
        if (eps[j].contains("name") && !eps[j]["name"].is_string())
          return wrong(ep + "/name", "error.expected.jsstring");
        for (const char* key : {"hostPort", "containerPort"}) {
          if (!eps[j].contains(key)) continue;
          const json& port = eps[j][key];
          if (!is_int(port)) return wrong(ep + "/" + key, "error.expected.jsnumber");
          if (port.get<double>() < 0 || port.get<double>() > 65535)
            return wrong(ep + "/" + key, port.get<double>() < 0 ? "error.min" : "error.max");
        }
      }
    }
  }
  return std::nullopt;
}

// Pod reader: types, required fields and the container name rule; fills a few defaults.
std::optional<ApiError> read_pod(json& pod, const std::string& id) {
  if (!pod.is_object()) return ApiError{422, pod_error("/", "error.expected.jsobject")};
  strip_nulls(pod);
  if (auto err = pod_type_error(pod)) return err;
  if (id.empty() && !pod.contains("id"))
    return ApiError{422, pod_error("/id", "error.path.missing")};
  if (!pod.contains("containers") || !pod["containers"].is_array())
    return ApiError{422, pod_error("/containers", "error.path.missing")};
  if (pod["containers"].empty()) return ApiError{422, pod_error("/containers", "error.minLength")};
  pod["id"] = id.empty() ? normalize_id(pod["id"].get<std::string>()) : id;
  if (auto problem = id_problem(pod["id"])) {
    Violations v;
    v.add("/id", *problem);
    return v.to_error("Object is not valid");
  }
  static const std::regex name(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)");
  for (size_t i = 0; i < pod["containers"].size(); ++i) {
    json& ct = pod["containers"][i];
    std::string p = "/containers(" + std::to_string(i) + ")";
    if (!ct.is_object() || !ct.contains("name") || !ct["name"].is_string())
      return ApiError{422, pod_error(p + "/name", "error.path.missing")};
    if (!std::regex_match(ct["name"].get<std::string>(), name))
      return ApiError{422, pod_error(p + "/name", "error.pattern")};
    if (!ct.contains("resources")) ct["resources"] = json::object();
    json& r = ct["resources"];
    if (!r.contains("cpus")) r["cpus"] = 1.0;
    if (!r.contains("mem")) r["mem"] = 128.0;
    if (!r.contains("disk")) r["disk"] = 0.0;
    if (!r.contains("gpus")) r["gpus"] = 0;
  }
  if (!pod.contains("scaling")) pod["scaling"] = {{"kind", "fixed"}, {"instances", 1}};
  if (!pod.contains("networks")) pod["networks"] = json::array({{{"mode", "host"}}});
  if (!pod.contains("role")) pod["role"] = "*";
  // The defaults Marathon fills into every pod (spec marathon-api.md 7.6).
  json& scheduling = pod["scheduling"];
  if (!scheduling.is_object()) scheduling = json::object();
  if (!scheduling.contains("backoff"))
    scheduling["backoff"] = {{"backoff", 1}, {"backoffFactor", 1.15}, {"maxLaunchDelay", 300}};
  if (!scheduling.contains("upgrade"))
    scheduling["upgrade"] = {{"minimumHealthCapacity", 1}, {"maximumOverCapacity", 1}};
  if (!scheduling.contains("placement"))
    scheduling["placement"] = {{"constraints", json::array()},
                               {"acceptedResourceRoles", json::array()}};
  if (!pod.contains("executorResources"))
    pod["executorResources"] = {{"cpus", 0.1}, {"mem", 32}, {"disk", 10}};
  pod.erase("version");
  return std::nullopt;
}

void reply_pod_change(Cluster& c, httplib::Response& res, json pod, bool force, int status) {
  std::string id = pod["id"];
  if (!force) {
    if (auto err = c.locked({}, {id})) return reply_error(res, *err);
  } else {
    c.cancel_deployments_of({}, {id});
  }
  std::string version = c.next_version();
  auto it = c.pods.find(id);
  std::optional<json> previous =
      it == c.pods.end() ? std::nullopt : std::optional<json>(it->second.def);
  c.put_pod(pod, version);
  Deployment& d = c.start_deployment({{{previous ? "RestartPod" : "StartPod", id, true}}}, {},
                                     {{id, previous}}, version);
  res.set_header("Marathon-Deployment-Id", d.id);
  if (status == 201) res.set_header("Location", id);
  reply_json(res, status, c.pods.at(id).def);
}

}  // namespace

void register_marathon_groups_pods(httplib::Server& server, Cluster& c) {
  Routes r(server, kMarathon);

  r.get(R"(/v2/groups(/.*)?)", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    std::lock_guard lock(c.mu);
    if (path == "/apps" || ends_with(path, "/apps")) {
      std::string id = normalize_id(path.substr(0, path.size() - 5));
      json list = json::array();
      for (const auto& [aid, app] : c.apps)
        if (under(aid, id)) list.push_back(app_info(c, app, {}));
      return reply_json(res, 200, list);
    }
    if (path == "/versions" || ends_with(path, "/versions")) {
      std::string id = normalize_id(path.substr(0, path.size() - 9));
      if (!c.is_group(id))
        return reply_message(res, 404, "Group '" + id + "' does not exist", true);
      auto g = c.groups.find(id);
      return reply_json(res, 200,
                        json::array({g != c.groups.end() ? g->second : iso_time(c.started_ms)}));
    }
    std::string id = normalize_id(path);
    if (!c.is_group(id)) return reply_message(res, 404, "Group '" + id + "' does not exist", true);
    bool apps = true, groups = true, pods = true;
    std::set<std::string> app_embed;
    size_t n = req.get_param_value_count("embed");
    if (n > 0) apps = groups = pods = false;
    for (size_t i = 0; i < n; ++i) {
      std::string e = req.get_param_value("embed", i);
      if (e == "group.apps") apps = true;
      if (e == "group.groups") groups = true;
      if (e == "group.pods") pods = true;
      if (starts_with(e, "group.apps.")) app_embed.insert(e.substr(11));
    }
    reply_json(res, 200, group_info(c, id, apps, groups, pods, app_embed));
  });

  auto change = [&c](const httplib::Request& req, httplib::Response& res, bool create) {
    std::string path = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
    auto body = read_body(req, res);
    if (!body) return;
    if (!body->is_object()) return reply_json(res, 422, pod_error("/", "error.expected.jsobject"));
    std::string base = normalize_id(path);
    std::string id = body->contains("id") && (*body)["id"].is_string()
                         ? normalize_id((*body)["id"].get<std::string>(), base)
                         : base;
    bool force = flag(req, "force", false);
    std::lock_guard lock(c.mu);
    if (create) {
      if (c.apps.count(id))
        return reply_message(res, 409, "An app with the path " + id + " already exists.", false);
      if (c.is_group(id) && id != "/")
        return reply_message(
            res, 409, "Group " + id + " is already created. Use PUT to change this group.", false);
    }
    if (body->contains("version") && !create) {
      return reply_message(res, 422,
                           "Group " + id + " not available in version " + (*body)["version"].dump(),
                           false);
    }
    if (body->contains("scaleBy") && !create) {
      const json& s = (*body)["scaleBy"];
      if (!s.is_number() || s.get<double>() < 0)
        return reply_json(res, 422, pod_error("/scaleBy", "error.min"));
      std::vector<json> apps;
      for (const auto& [aid, app] : c.apps) {
        if (!under(aid, id)) continue;
        json def = without_version(app.def);
        def["instances"] = static_cast<int>(std::ceil(def.value("instances", 1) * s.get<double>()));
        apps.push_back(def);
      }
      return deploy(c, res, apps, {}, force, 200);
    }
    Violations v;
    std::vector<json> apps;
    std::set<std::string> groups;
    collect_apps(*body, id, "", apps, groups, v);
    if (!v.empty()) return reply_error(res, v.to_error("Object is not valid"));
    if (flag(req, "dryRun", false)) {
      json actions = json::array();
      for (const json& a : apps)
        actions.push_back(
            {{"action", c.apps.count(a["id"]) ? "RestartApplication" : "StartApplication"},
             {"app", a["id"]}});
      return reply_json(res, 200, {{"steps", json::array({{{"actions", actions}}})}});
    }
    std::vector<std::string> removed;
    if (!create && (body->contains("apps") || body->contains("groups"))) {
      std::set<std::string> keep;
      for (const json& a : apps) keep.insert(a["id"]);
      for (const auto& [aid, app] : c.apps)
        if (under(aid, id) && !keep.count(aid)) removed.push_back(aid);
    }
    deploy(c, res, apps, removed, force, create ? 201 : 200, create ? id : "", {}, [&] {
      std::string version = iso_time(now_ms());
      for (const std::string& g : groups)
        if (g != "/") c.groups[g] = version;
    });
  };
  r.post(R"(/v2/groups(/.*)?)",
         [change](const httplib::Request& req, httplib::Response& res) { change(req, res, true); });
  r.put(R"(/v2/groups(/.*)?)",
        [change](const httplib::Request& req, httplib::Response& res) { change(req, res, false); });
  r.patch(R"(/v2/groups(/.+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = normalize_id(std::string(req.matches[1]));
    std::lock_guard lock(c.mu);
    if (!c.is_group(id)) return reply_message(res, 404, "Group '" + id + "' does not exist", true);
    if (parent_id(id) != "/") return reply_message(res, 422, "Path needs to be top-level", false);
    res.status = 200;
  });
  r.del(R"(/v2/groups(/.*)?)", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = normalize_id(std::string(req.matches[1]));
    std::lock_guard lock(c.mu);
    if (!c.is_group(id)) return reply_message(res, 404, "Group '" + id + "' does not exist", false);
    std::vector<std::string> removed;
    for (const auto& [aid, app] : c.apps)
      if (under(aid, id)) removed.push_back(aid);
    std::vector<std::string> pods;
    for (const auto& [pid, pod] : c.pods)
      if (under(pid, id)) pods.push_back(pid);
    deploy(c, res, {}, removed, flag(req, "force", false), 200, "", pods, [&c, &id] {
      for (auto it = c.groups.begin(); it != c.groups.end();)
        it = under(it->first, id) ? c.groups.erase(it) : std::next(it);
    });
  });

  // Pods.
  // HEAD /v2/pods (the capability probe) is answered by the GET route without a body.
  r.get("/v2/pods/?", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    json list = json::array();
    for (const auto& [id, pod] : c.pods) list.push_back(pod.def);
    reply_json(res, 200, list);
  });
  r.post("/v2/pods/?", [&c](const httplib::Request& req, httplib::Response& res) {
    auto body = read_body(req, res);
    if (!body) return;
    if (auto err = read_pod(*body, "")) return reply_error(res, *err);
    std::lock_guard lock(c.mu);
    std::string id = (*body)["id"];
    if (c.pods.count(id))
      return reply_message(res, 409, "A pod with id [" + id + "] already exists.", false);
    if (c.apps.count(id)) {
      Violations v;
      v.add("/id", "Applications and Pods may not share the same id");
      return reply_error(res, v.to_error("Object is not valid"));
    }
    reply_pod_change(c, res, *body, flag(req, "force", false), 201);
  });
  r.get(R"(/v2/pods/(.*))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    std::lock_guard lock(c.mu);
    if (path == "::status") {
      json list = json::array();
      for (const auto& [id, pod] : c.pods) list.push_back(pod_status(c, pod));
      return reply_json(res, 200, list);
    }
    size_t sep = path.find("::");
    std::string id = normalize_id(path.substr(0, sep));
    std::string suffix = sep == std::string::npos ? "" : path.substr(sep);
    auto it = c.pods.find(id);
    if (it == c.pods.end()) {
      if (suffix.empty())
        return reply_message(res, 404, "{\"message\": \"pod with " + id + " does not exist\"}",
                             true);
      return reply_message(res, 404, "Pod '" + id + "' does not exist", true);
    }
    if (suffix.empty()) return reply_json(res, 200, it->second.def);
    if (suffix == "::status") return reply_json(res, 200, pod_status(c, it->second));
    if (suffix == "::versions") {
      json list = json::array();
      for (auto v = it->second.versions.rbegin(); v != it->second.versions.rend(); ++v)
        list.push_back(v->first);
      return reply_json(res, 200, list);
    }
    if (starts_with(suffix, "::versions/")) {
      std::string v = suffix.substr(11);
      if (!it->second.versions.count(v))
        return reply_message(res, 404, "Pod '" + id + "' does not exist", true);
      return reply_json(res, 200, it->second.versions.at(v));
    }
    reply_message(res, 500, "URI not found", false);
  });
  r.put(R"(/v2/pods/(.+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = normalize_id(std::string(req.matches[1]));
    auto body = read_body(req, res);
    if (!body) return;
    if (body->is_object() && body->contains("id") && (*body)["id"].is_string() &&
        normalize_id((*body)["id"].get<std::string>()) != id) {
      res.status = 400;
      set_json(res, "\n{\"message\": \"'" + id + "' does not match definition's id ('" +
                        normalize_id((*body)["id"].get<std::string>()) + "')\" }  ");
      return;
    }
    if (auto err = read_pod(*body, id)) return reply_error(res, *err);
    std::lock_guard lock(c.mu);
    bool exists = c.pods.count(id) > 0;
    reply_pod_change(c, res, *body, flag(req, "force", false), exists ? 200 : 201);
  });
  r.del(R"(/v2/pods/(.+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    size_t sep = path.find("::");
    std::string id = normalize_id(path.substr(0, sep));
    std::string suffix = sep == std::string::npos ? "" : path.substr(sep);
    std::lock_guard lock(c.mu);
    auto it = c.pods.find(id);
    if (starts_with(suffix, "::instances")) {
      if (it == c.pods.end())
        return reply_message(res, 404, "Path '" + id + "' does not exist", false);
      std::vector<std::string> ids;
      if (starts_with(suffix, "::instances/")) {
        ids.push_back(suffix.substr(12));
      } else {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_array())
          return reply_message(res, 400, "Please specify data in JSON format", false);
        for (const json& i : body) ids.push_back(i.is_string() ? i.get<std::string>() : "");
      }
      json killed = json::array();
      for (const std::string& iid : ids) {
        bool found = false;
        for (auto& [tid, t] : c.tasks)
          if (t.is_pod && t.instance_id == iid && !t.killing) {
            c.kill_task(t, true);
            found = true;
          }
        if (!found) return reply_message(res, 404, "Task '" + iid + "' does not exist", true);
        killed.push_back(
            {{"instanceId", iid},
             {"state",
              {{"condition", "Killing"}, {"since", iso_time(now_ms())}, {"goal", "Running"}}},
             {"runSpecVersion", it->second.def["version"]},
             {"unreachableStrategy", {{"inactiveAfterSeconds", 0}, {"expungeAfterSeconds", 0}}}});
      }
      return reply_json(res, 200, ids.size() == 1 && suffix != "::instances" ? killed[0] : killed);
    }
    if (it == c.pods.end()) return reply_message(res, 404, "Pod '" + id + "' does not exist", true);
    bool force = flag(req, "force", false);
    if (!force) {
      if (auto err = c.locked({}, {id})) return reply_error(res, *err);
    } else {
      c.cancel_deployments_of({}, {id});
    }
    std::string version = c.next_version();
    json previous = it->second.def;
    c.remove_pod(id);
    Deployment& d = c.start_deployment({{{"StopPod", id, true}}}, {}, {{id, previous}}, version);
    res.set_header("Marathon-Deployment-Id", d.id);
    res.set_header("Location", d.id);
    res.status = 202;
  });
}

}  // namespace dcos_local
