// Marathon /v2/apps, /v2/tasks, /v2/deployments and /v2/queue.
#include <regex>

#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

const std::vector<std::string> kMarathon = {"/service/marathon", "/marathon"};

std::set<std::string> app_embeds(const httplib::Request& req, const std::string& prefix_a,
                                 const std::string& prefix_b) {
  std::set<std::string> out;
  auto n = req.get_param_value_count("embed");
  for (size_t i = 0; i < n; ++i) {
    std::string e = req.get_param_value("embed", i);
    for (const std::string& p : {prefix_a, prefix_b})
      if (!p.empty() && starts_with(e, p)) e = e.substr(p.size());
    if (e == "counts") continue;  // always there
    if (e == "failures") {
      out.insert("tasks");
      out.insert("lastTaskFailure");
    } else if (e == "tasks" || e == "lastTaskFailure" || e == "readiness" || e == "taskStats" ||
               e == "deployments") {
      out.insert(e);
    }
  }
  return out;
}

// Marathon's label selector: key, key==v, key!=v, key in (a,b), key notin (a,b).
struct Selector {
  std::string key, op;
  std::vector<std::string> values;
};

std::optional<std::vector<Selector>> parse_selectors(const std::string& text) {
  std::vector<std::string> terms;
  std::string cur;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      terms.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  terms.push_back(cur);
  static const std::regex exists(R"(^\s*([-A-Za-z0-9_.]+)\s*$)");
  static const std::regex eq(R"(^\s*([-A-Za-z0-9_.]+)\s*(==|!=)\s*([-A-Za-z0-9_.]*)\s*$)");
  static const std::regex set(R"(^\s*([-A-Za-z0-9_.]+)\s+(in|notin)\s*\(([^)]*)\)\s*$)");
  std::vector<Selector> out;
  for (const std::string& t : terms) {
    std::smatch m;
    if (std::regex_match(t, m, exists)) {
      out.push_back({m[1], "exists", {}});
    } else if (std::regex_match(t, m, eq)) {
      out.push_back({m[1], m[2], {m[3]}});
    } else if (std::regex_match(t, m, set)) {
      Selector s{m[1], m[2], {}};
      for (std::string v : split(std::string(m[3]), ',')) {
        size_t b = v.find_first_not_of(' '), e = v.find_last_not_of(' ');
        s.values.push_back(b == std::string::npos ? "" : v.substr(b, e - b + 1));
      }
      out.push_back(s);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

bool matches(const std::vector<Selector>& selectors, const json& labels) {
  for (const Selector& s : selectors) {
    bool has = labels.contains(s.key);
    std::string v = has && labels[s.key].is_string() ? labels[s.key].get<std::string>() : "";
    bool in = has && std::find(s.values.begin(), s.values.end(), v) != s.values.end();
    if (s.op == "exists" && !has) return false;
    if (s.op == "==" && !(has && v == s.values[0])) return false;
    if (s.op == "!=" && has && v == s.values[0]) return false;
    if (s.op == "in" && !in) return false;
    if (s.op == "notin" && in) return false;
  }
  return true;
}

std::string app_missing(const std::string& id) { return "App '" + id + "' does not exist"; }

json strip_server_fields(json def) {
  for (const char* k : {"version", "versionInfo"}) def.erase(k);
  return def;
}

// The shared tail of every app change: lock check, store, deployment, reply.
struct Change {
  std::vector<json> apps;  // normalised definitions to store
  std::vector<std::string> removed;
};

void reply_app_change(Cluster& c, httplib::Response& res, Change change, bool force, int status,
                      bool body_is_app = false) {
  std::vector<std::string> ids = change.removed;
  for (const json& a : change.apps) ids.push_back(a["id"]);
  if (!force) {
    if (auto err = c.locked(ids)) return reply_error(res, *err);
  } else {
    c.cancel_deployments_of(ids);
  }
  std::string version = c.next_version();
  std::map<std::string, std::optional<json>> previous;
  std::vector<Action> step;
  for (json& def : change.apps) {
    std::string id = def["id"];
    auto it = c.apps.find(id);
    previous[id] = it == c.apps.end() ? std::nullopt : std::optional<json>(it->second.def);
    step.push_back({c.put_app(def, version), id, false});
  }
  for (const std::string& id : change.removed) {
    previous[id] = c.apps.at(id).def;
    c.remove_app(id);
    step.push_back({"StopApplication", id, false});
  }
  Deployment& d = c.start_deployment({step}, previous, {}, version);
  if (body_is_app) {
    const App& app = c.apps.at(change.apps[0]["id"]);
    res.set_header("Marathon-Deployment-Id", d.id);
    res.set_header("Location", change.apps[0]["id"].get<std::string>());
    return reply_json(res, status, app_info(c, app, {}));
  }
  if (status == 201) res.set_header("Location", change.apps[0]["id"].get<std::string>());
  reply_deployment(res, status, d);
}

// Merges a partial update into the stored definition: given top-level fields replace.
json merged(const json& existing, const json& update) {
  json out = strip_server_fields(existing);
  for (auto& [k, v] : update.items()) out[k] = v;
  return out;
}

bool valid_timestamp(const std::string& v) {
  static const std::regex iso(
      R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(v, iso);
}

std::vector<Task*> matching_tasks(Cluster& c, const std::string& app_id, const std::string& host) {
  std::vector<Task*> out;
  for (Task* t : c.live_tasks_of(app_id)) {
    if (t->is_pod || t->killing) continue;
    const Agent* a = c.agent(t->agent_id);
    if (!host.empty() && host != "*" && (!a || a->ip != host)) continue;
    out.push_back(t);
  }
  return out;
}

// Kills tasks; with scale=true lowers the app's instances in a deployment instead of
// letting Marathon replace them.
void kill_tasks(Cluster& c, httplib::Response& res, const std::string& app_id,
                std::vector<Task*> victims, bool scale, bool force, bool single) {
  if (!scale) {
    json killed = json::array();
    for (Task* t : victims) {
      c.kill_task(*t, true);
      killed.push_back(marathon_task(c, *t));
    }
    if (single) return reply_json(res, 200, {{"task", killed.empty() ? json() : killed[0]}});
    return reply_json(res, 200, {{"tasks", killed}});
  }
  auto it = c.apps.find(app_id);
  if (!force)
    if (auto err = c.locked({app_id})) return reply_error(res, *err);
  c.cancel_deployments_of({app_id});
  for (Task* t : victims) c.kill_task(*t, true);
  json def = strip_server_fields(it->second.def);
  int instances = def.value("instances", 1) - static_cast<int>(victims.size());
  def["instances"] = std::max(0, instances);
  std::string version = c.next_version();
  json previous = it->second.def;
  std::string action = c.put_app(def, version);
  Deployment& d =
      c.start_deployment({{{action, app_id, false}}}, {{app_id, previous}}, {}, version);
  reply_deployment(res, 200, d);
}

}  // namespace

void create_app(Cluster& c, const json& body, bool force, httplib::Response& res) {
  AppResult app = read_app(body);
  if (app.error) return reply_error(res, *app.error);
  std::lock_guard lock(c.mu);
  std::string id = app.app["id"];
  if (c.apps.count(id))
    return reply_message(res, 409, "An app with id [" + id + "] already exists.", false);
  if (c.pods.count(id) || c.is_group(id)) {
    Violations v;
    v.add("/id", c.pods.count(id) ? "Applications and Pods may not share the same id"
                                  : "Groups and Applications may not have the same identifier.");
    return reply_error(res, v.to_error("Object is not valid"));
  }
  reply_app_change(c, res, {{app.app}, {}}, force, 201, true);
}

void delete_app(Cluster& c, const std::string& id, bool force, httplib::Response& res) {
  std::lock_guard lock(c.mu);
  if (!c.apps.count(id)) return reply_message(res, 404, app_missing(id), false);
  reply_app_change(c, res, {{}, {id}}, force, 200);
}

void register_marathon_apps(httplib::Server& server, Cluster& c) {
  Routes r(server, kMarathon);

  r.get("/v2/apps/?", [&c](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    std::optional<std::vector<Selector>> selectors;
    if (req.has_param("label")) {
      selectors = parse_selectors(req.get_param_value("label"));
      if (!selectors)
        return reply_message(res, 422,
                             "Can not parse label selector " + req.get_param_value("label") +
                                 ". Reason: invalid syntax",
                             false);
    }
    std::set<std::string> embed = app_embeds(req, "apps.", "app.");
    std::string cmd = req.get_param_value("cmd"), id = req.get_param_value("id");
    std::vector<const App*> picked;
    for (const auto& [aid, app] : c.apps) {
      if (!cmd.empty() && !contains_ci(app.def.value("cmd", ""), cmd)) continue;
      if (!id.empty() && !contains_ci(aid, id)) continue;
      if (selectors && !matches(*selectors, app.def["labels"])) continue;
      picked.push_back(&app);
    }
    // Written app by app: 10,000 apps never become one JSON tree.
    std::string list = dump_array(picked, [&](const App* app) { return app_info(c, *app, embed); });
    set_json(res, "{\"apps\":" + list + "}");
  });

  r.post("/v2/apps/?", [&c](const httplib::Request& req, httplib::Response& res) {
    auto body = read_body(req, res);
    if (!body) return;
    create_app(c, *body, flag(req, "force", false), res);
  });

  auto put_many = [&c](const httplib::Request& req, httplib::Response& res, bool patch) {
    auto body = read_body(req, res);
    if (!body) return;
    if (!body->is_array())
      return reply_json(res, 422,
                        {{"message", "Invalid JSON"},
                         {"details", {{{"path", "/"}, {"errors", {"error.expected.jsarray"}}}}}});
    bool partial = patch || flag(req, "partialUpdate", true);
    std::lock_guard lock(c.mu);
    Change change;
    for (size_t i = 0; i < body->size(); ++i) {
      const json& item = (*body)[i];
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
        return reply_message(res, 422, "requirement failed: App Update must have app id set",
                             false);
      std::string id = normalize_id(item["id"].get<std::string>());
      auto it = c.apps.find(id);
      if (patch && it == c.apps.end()) return reply_message(res, 404, app_missing(id), false);
      json source = it != c.apps.end() && partial ? merged(it->second.def, item) : item;
      AppResult app = read_app(source, id);
      if (app.error) {
        json details = json::array();
        for (json d : app.error->body["details"]) {
          d["path"] = "/(" + std::to_string(i) + ")" + d["path"].get<std::string>();
          details.push_back(d);
        }
        app.error->body["details"] = details;
        return reply_error(res, *app.error);
      }
      change.apps.push_back(app.app);
    }
    if (change.apps.empty())
      return reply_json(res, 200, {{"deploymentId", uuid4()}, {"version", c.next_version()}});
    reply_app_change(c, res, change, flag(req, "force", false), 200);
  };
  r.put("/v2/apps/?", [put_many](const httplib::Request& req, httplib::Response& res) {
    put_many(req, res, false);
  });
  r.patch("/v2/apps/?", [put_many](const httplib::Request& req, httplib::Response& res) {
    put_many(req, res, true);
  });

  // GET /v2/apps/{id}[/tasks|/versions[/{v}]] and the group wildcard /{group}/*.
  r.get(R"(/v2/apps/(.+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    std::lock_guard lock(c.mu);
    std::smatch m;
    static const std::regex version_re(R"(^(.*)/versions/([^/]+)$)");
    if (std::regex_match(path, m, version_re)) {
      std::string id = normalize_id(std::string(m[1])), v = m[2];
      if (!valid_timestamp(v))
        return reply_message(
            res, 422, "Invalid timestamp provided '" + v + "'. Expecting ISO-8601 datetime string.",
            false);
      auto it = c.apps.find(id);
      if (it == c.apps.end() || !it->second.versions.count(v))
        return reply_message(res, 404, app_missing(id) + " in version " + v, true);
      return reply_json(res, 200, it->second.versions.at(v));
    }
    if (ends_with(path, "/versions")) {
      std::string id = normalize_id(path.substr(0, path.size() - 9));
      auto it = c.apps.find(id);
      if (it == c.apps.end()) return reply_message(res, 404, app_missing(id), true);
      json versions = json::array();
      for (auto v = it->second.versions.rbegin(); v != it->second.versions.rend(); ++v)
        versions.push_back(v->first);
      return reply_json(res, 200, {{"versions", versions}});
    }
    bool tasks = ends_with(path, "/tasks");
    if (tasks) path = path.substr(0, path.size() - 6);
    if (path == "*" || ends_with(path, "/*")) {
      std::string group = normalize_id(path.substr(0, path.size() - 1));
      if (!c.is_group(group))
        return reply_message(res, 404, "Group '" + group + "' does not exist", true);
      json list = json::array();
      for (const auto& [aid, app] : c.apps) {
        if (group != "/" && !starts_with(aid, group + "/")) continue;
        if (tasks) {
          for (const Task* t : c.tasks_of(aid))
            if (!t->is_pod) list.push_back(marathon_task(c, *t));
        } else {
          list.push_back(app_info(c, app, {"tasks", "lastTaskFailure"}));
        }
      }
      return reply_json(res, 200, tasks ? json{{"tasks", list}} : json{{"*", list}});
    }
    std::string id = normalize_id(path);
    auto it = c.apps.find(id);
    if (it == c.apps.end()) return reply_message(res, 404, app_missing(id), true);
    if (tasks) {
      json list = json::array();
      for (const Task* t : c.tasks_of(id))
        if (!t->is_pod) list.push_back(marathon_task(c, *t));
      return reply_json(res, 200, {{"tasks", list}});
    }
    std::set<std::string> embed = app_embeds(req, "apps.", "app.");
    embed.insert("tasks");
    embed.insert("lastTaskFailure");
    reply_json(res, 200, {{"app", app_info(c, it->second, embed)}});
  });

  r.post(R"(/v2/apps/(.+)/restart)", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = normalize_id(std::string(req.matches[1]));
    std::lock_guard lock(c.mu);
    auto it = c.apps.find(id);
    if (it == c.apps.end()) return reply_message(res, 404, app_missing(id), false);
    bool force = flag(req, "force", false);
    if (!force) {
      if (auto err = c.locked({id})) return reply_error(res, *err);
    } else {
      c.cancel_deployments_of({id});
    }
    std::string version = c.next_version();
    json previous = it->second.def;
    json def = it->second.def;
    def["version"] = version;
    def["versionInfo"]["lastConfigChangeAt"] = version;
    it->second.def = def;
    it->second.versions[version] = def;
    c.touch(id);
    Deployment& d =
        c.start_deployment({{{"RestartApplication", id, false}}}, {{id, previous}}, {}, version);
    reply_deployment(res, 200, d);
  });

  auto put_one = [&c](const httplib::Request& req, httplib::Response& res, bool patch) {
    std::string id = normalize_id(std::string(req.matches[1]));
    auto body = read_body(req, res);
    if (!body) return;
    if (!body->is_object())
      return reply_json(res, 422,
                        {{"message", "Invalid JSON"},
                         {"details", {{{"path", "/"}, {"errors", {"error.expected.jsobject"}}}}}});
    if (auto problem = id_problem(id)) {
      Violations v;
      v.add("/id", *problem);
      return reply_error(res, v.to_error("Object is not valid"));
    }
    std::lock_guard lock(c.mu);
    auto it = c.apps.find(id);
    bool force = flag(req, "force", false);
    if (body->contains("version") && !patch) {
      for (auto& [k, v] : body->items())
        if (k != "version" && k != "id")
          return reply_message(
              res, 422, "The 'version' field may only be combined with the 'id' field.", false);
      std::string v = (*body)["version"].is_string() ? (*body)["version"].get<std::string>() : "";
      if (it == c.apps.end() || !it->second.versions.count(v))
        return reply_message(res, 404, app_missing(id), false);
      json def = strip_server_fields(it->second.versions.at(v));
      return reply_app_change(c, res, {{def}, {}}, force, 200);
    }
    if (patch && it == c.apps.end()) return reply_message(res, 404, app_missing(id), false);
    bool partial = patch || flag(req, "partialUpdate", true);
    json source = it != c.apps.end() && partial ? merged(it->second.def, *body) : *body;
    AppResult app = read_app(source, id);
    if (app.error) return reply_error(res, *app.error);
    if (it == c.apps.end() && (c.pods.count(id) || c.is_group(id))) {
      Violations v;
      v.add("/id", "Groups and Applications may not have the same identifier.");
      return reply_error(res, v.to_error("Object is not valid"));
    }
    reply_app_change(c, res, {{app.app}, {}}, force, it == c.apps.end() ? 201 : 200);
  };
  r.put(R"(/v2/apps/(.+))", [put_one](const httplib::Request& req, httplib::Response& res) {
    put_one(req, res, false);
  });
  r.patch(R"(/v2/apps/(.+))", [put_one](const httplib::Request& req, httplib::Response& res) {
    put_one(req, res, true);
  });

  r.del(R"(/v2/apps/(.+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches[1];
    std::lock_guard lock(c.mu);
    static const std::regex one_task(R"(^(.*)/tasks/([^/]+)$)");
    std::smatch m;
    bool scale = flag(req, "scale", false), wipe = flag(req, "wipe", false);
    bool force = flag(req, "force", false);
    bool single = std::regex_match(path, m, one_task);
    if (single || ends_with(path, "/tasks")) {
      std::string id = normalize_id(single ? std::string(m[1]) : path.substr(0, path.size() - 6));
      if (scale && wipe)
        return reply_message(res, 400, "You cannot use scale and wipe at the same time.", false);
      auto it = c.apps.find(id);
      if (it == c.apps.end()) {
        if (scale) return reply_message(res, 404, "Path '" + id + "' does not exist", false);
        return reply_message(res, 404, app_missing(id), true);
      }
      std::vector<Task*> victims;
      if (single) {
        std::string task_id = m[2];
        auto t = c.tasks.find(task_id);
        if (t == c.tasks.end() || t->second.run_spec_id != id || t->second.killing)
          return reply_message(res, 404, "Task '" + task_id + "' does not exist", true);
        victims.push_back(&t->second);
      } else {
        victims = matching_tasks(c, id, req.get_param_value("host"));
        if (scale && victims.empty())
          return reply_message(res, 404, "Path '" + id + "' does not exist", false);
      }
      return kill_tasks(c, res, id, victims, scale, force, single);
    }
    std::string id = normalize_id(path);
    auto it = c.apps.find(id);
    if (it == c.apps.end()) return reply_message(res, 404, app_missing(id), false);
    reply_app_change(c, res, {{}, {id}}, flag(req, "force", true), 200);
  });

  r.get("/v2/tasks/?", [&c](const httplib::Request& req, httplib::Response& res) {
    std::set<std::string> wanted;
    for (const char* key : {"status", "status[]"}) {
      for (size_t i = 0; i < req.get_param_value_count(key); ++i) {
        std::string v = req.get_param_value(key, i);
        for (char& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (v == "running") wanted.insert("TASK_RUNNING");
        if (v == "staging") wanted.insert("TASK_STAGING");
      }
    }
    std::lock_guard lock(c.mu);
    std::vector<const Task*> picked;
    for (const auto& [id, t] : c.tasks) {
      if (t.is_pod || !t.framework_id.empty() || (!wanted.empty() && !wanted.count(t.state)))
        continue;
      picked.push_back(&t);
    }
    std::string list = dump_array(picked, [&c](const Task* t) { return marathon_task(c, *t); });
    set_json(res, "{\"tasks\":" + list + "}");
  });

  r.post("/v2/tasks/delete", [&c](const httplib::Request& req, httplib::Response& res) {
    auto body = read_body(req, res);
    if (!body) return;
    bool scale = flag(req, "scale", false), wipe = flag(req, "wipe", false);
    if (scale && wipe)
      return reply_message(res, 400, "You cannot use scale and wipe at the same time.", false);
    if (!body->is_object() || !body->contains("ids") || !(*body)["ids"].is_array())
      return reply_json(res, 422,
                        {{"message", "Invalid JSON"},
                         {"details", {{{"path", "/ids"}, {"errors", {"error.path.missing"}}}}}});
    static const std::regex task_id(R"(^(.+)\.(instance-|marathon-)([^\.]+)(\..+)?$)");
    std::lock_guard lock(c.mu);
    std::map<std::string, std::vector<Task*>> by_app;
    for (const json& id : (*body)["ids"]) {
      std::string s = id.is_string() ? id.get<std::string>() : id.dump();
      if (!std::regex_match(s, task_id))
        return reply_message(res, 400,
                             "Invalid task id '" + s + "'. [" + s + " (of class java.lang.String)]",
                             false);
      auto it = c.tasks.find(s);
      if (it != c.tasks.end() && !it->second.is_pod && !it->second.killing &&
          it->second.framework_id.empty())
        by_app[it->second.run_spec_id].push_back(&it->second);
    }
    if (!scale) {
      json killed = json::array();
      for (auto& [app, ts] : by_app)
        for (Task* t : ts) {
          c.kill_task(*t, true);
          killed.push_back(marathon_task(c, *t));
        }
      return reply_json(res, 200, {{"tasks", killed}});
    }
    std::vector<std::string> ids;
    for (auto& [app, ts] : by_app) ids.push_back(app);
    if (!flag(req, "force", false))
      if (auto err = c.locked(ids)) return reply_error(res, *err);
    c.cancel_deployments_of(ids);
    std::string version = c.next_version();
    std::vector<Action> step;
    std::map<std::string, std::optional<json>> previous;
    for (auto& [app_id, ts] : by_app) {
      App& app = c.apps.at(app_id);
      previous[app_id] = app.def;
      for (Task* t : ts) c.kill_task(*t, true);
      json def = strip_server_fields(app.def);
      def["instances"] = std::max(0, def.value("instances", 1) - static_cast<int>(ts.size()));
      step.push_back({c.put_app(def, version), app_id, false});
    }
    Deployment& d = c.start_deployment({step}, previous, {}, version);
    reply_deployment(res, 200, d);
  });

  r.get("/v2/deployments/?", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    json list = json::array();
    for (const Deployment& d : c.deployments) list.push_back(deployment_json(d));
    reply_json(res, 200, list);
  });

  r.del(R"(/v2/deployments/([^/]+))", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    std::lock_guard lock(c.mu);
    auto it = std::find_if(c.deployments.begin(), c.deployments.end(),
                           [&](const Deployment& d) { return d.id == id; });
    if (it == c.deployments.end())
      return reply_message(res, 404, "DeploymentPlan " + id + " does not exist", true);
    if (flag(req, "force", false)) {
      c.finish_deployment(id, false, "stopped with force=true");
      res.status = 202;
      return;
    }
    Deployment original = *it;
    c.finish_deployment(id, false, "canceled and rolled back");
    std::string version = c.next_version();
    std::vector<Action> step;
    std::map<std::string, std::optional<json>> previous;
    for (const auto& [app_id, before] : original.previous_apps) {
      auto now = c.apps.find(app_id);
      previous[app_id] = now == c.apps.end() ? std::nullopt : std::optional<json>(now->second.def);
      if (!before) {
        if (now != c.apps.end()) {
          c.remove_app(app_id);
          step.push_back({"StopApplication", app_id, false});
        }
        continue;
      }
      step.push_back({c.put_app(strip_server_fields(*before), version), app_id, false});
    }
    for (const auto& [pod_id, before] : original.previous_pods) {
      if (!before) {
        c.remove_pod(pod_id);
        step.push_back({"StopPod", pod_id, true});
      } else {
        c.put_pod(strip_server_fields(*before), version);
        step.push_back({"RestartPod", pod_id, true});
      }
    }
    Deployment& d = c.start_deployment({step}, previous, {}, version);
    reply_deployment(res, 200, d);
  });

  r.get("/v2/queue/?", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    reply_json(res, 200, queue_json(c, now_ms()));
  });

  r.del(R"(/v2/queue/(.+)/delay)", [&c](const httplib::Request& req, httplib::Response& res) {
    std::string id = normalize_id(std::string(req.matches[1]));
    std::lock_guard lock(c.mu);
    auto it = c.apps.find(id);
    bool queued = false;
    if (it != c.apps.end()) {
      size_t live = 0;
      for (const Task* t : c.tasks_of(id))
        if (!t->killing && !t->is_pod) ++live;
      queued = live < it->second.def.value("instances", 1u);
    }
    if (!queued)
      return reply_message(res, 404, "Application " + id + " not found in tasks queue.", true);
    it->second.backoff_until_ms = 0;
    c.touch(id);
    it->second.backoff_s = 0;
    res.status = 204;
  });
}

}  // namespace dcos_local
