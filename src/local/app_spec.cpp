#include "local/app_spec.hpp"

#include <regex>
#include <set>

#include "local/app_fields.hpp"

namespace dcos_local {

namespace {

const char* kSegmentRegex =
    "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|"
    "\\.\\.)$";

bool is_int(const json& v) { return v.is_number_integer() || v.is_number_unsigned(); }

// Reader checks for one field: type, then minimum/maximum.
struct FieldCheck {
  Violations& out;
  const json& obj;
  std::string prefix;

  const json* get(const char* key) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }
  std::string path(const char* key) const { return prefix + "/" + key; }

  void string(const char* key) {
    if (auto v = get(key); v && !v->is_string()) out.add(path(key), "error.expected.jsstring");
  }
  void boolean(const char* key) {
    if (auto v = get(key); v && !v->is_boolean()) out.add(path(key), "error.expected.jsboolean");
  }
  void object(const char* key) {
    if (auto v = get(key); v && !v->is_object()) out.add(path(key), "error.expected.jsobject");
  }
  void array(const char* key) {
    if (auto v = get(key); v && !v->is_array()) out.add(path(key), "error.expected.jsarray");
  }
  void number(const char* key, std::optional<double> min, std::optional<double> max = {},
              bool integer = false) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_number() || (integer && !is_int(*v))) {
      out.add(path(key), "error.expected.jsnumber");
      return;
    }
    double d = v->get<double>();
    if (min && d < *min) out.add(path(key), "error.min");
    if (max && d > *max) out.add(path(key), "error.max");
  }
  void string_map(const char* key) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_object()) {
      out.add(path(key), "error.expected.jsobject");
      return;
    }
    for (auto& [k, val] : v->items()) {
      if (!val.is_string() && !(std::string(key) == "env" && val.is_object()))
        out.add(path(key) + "/" + k, "error.expected.jsstring");
    }
  }
  void string_array(const char* key) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_array()) {
      out.add(path(key), "error.expected.jsarray");
      return;
    }
    for (size_t i = 0; i < v->size(); ++i)
      if (!(*v)[i].is_string())
        out.add(path(key) + "(" + std::to_string(i) + ")", "error.expected.jsstring");
  }
};

// Port mappings, in container or (deprecated) in container.docker: the scheduler reads their
// ports as integers, so anything else must be refused here.
void check_port_mappings(const json& mappings, const std::string& path, Violations& out) {
  if (!mappings.is_array()) return;
  for (size_t i = 0; i < mappings.size(); ++i) {
    std::string mp = path + "(" + std::to_string(i) + ")";
    if (!mappings[i].is_object()) {
      out.add(mp, "error.expected.jsobject");
      continue;
    }
    FieldCheck m{out, mappings[i], mp};
    m.number("containerPort", 0, 65535, true);
    m.number("hostPort", 0, 65535, true);
    m.number("servicePort", 0, 65535, true);
    m.string("name");
    m.string("protocol");
    m.string_map("labels");
  }
}

json port_definition_default() {
  return json{{"port", 0}, {"protocol", "tcp"}, {"name", "default"}};
}

}  // namespace

void Violations::add(const std::string& path, const std::string& error) {
  std::string p = path.empty() ? "/" : path;
  for (json& d : details_) {
    if (d["path"] == p) {
      d["errors"].push_back(error);
      return;
    }
  }
  details_.push_back({{"path", p}, {"errors", json::array({error})}});
}

ApiError Violations::to_error(const std::string& message) const {
  return ApiError{422, json{{"message", message}, {"details", details_}}};
}

std::optional<std::string> id_problem(const std::string& id) {
  static const std::regex segment(kSegmentRegex);
  if (id.empty() || id[0] != '/') return "Path needs to be absolute";
  if (id == "/") return "Path must contain at least one path element";
  std::vector<std::string> segs = split(id.substr(1), '/');
  for (const std::string& seg : segs) {
    if (!std::regex_match(seg, segment))
      return std::string("must fully match regular expression '") + kSegmentRegex + "'";
  }
  const std::string& last = segs.back();
  if (last == "restart" || last == "tasks" || last == "versions" || last == "." || last == "..")
    return "must not end with any of the following reserved keywords: restart, tasks, versions, "
           "., ..";
  return std::nullopt;
}

void check_app_types(const json& app, const std::string& prefix, Violations& out) {
  if (!app.is_object()) {
    out.add(prefix, "error.expected.jsobject");
    return;
  }
  FieldCheck f{out, app, prefix};
  f.string("id");
  if (auto v = f.get("id"); v && v->is_string()) {
    static const std::regex pattern(
        "^(\\/?((\\.\\.)|(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]"
        "*[a-z0-9]))?($|\\/))+$");
    const std::string& id = v->get_ref<const std::string&>();
    if (id.empty())
      out.add(f.path("id"), "error.minLength");
    else if (!std::regex_match(id, pattern))
      out.add(f.path("id"), "error.pattern");
  }
  f.string("cmd");
  if (auto v = f.get("cmd"); v && v->is_string() && v->get_ref<const std::string&>().empty())
    out.add(f.path("cmd"), "error.minLength");
  f.string_array("args");
  f.number("instances", 0, {}, true);
  f.number("cpus", 0.001);
  f.number("mem", 0);
  f.number("disk", 0);
  f.number("gpus", 0, {}, true);
  f.string("executor");
  f.string_map("env");
  f.string_map("labels");
  f.array("constraints");
  f.string_array("acceptedResourceRoles");
  f.string_array("dependencies");
  f.string_array("uris");
  f.array("fetch");
  f.array("healthChecks");
  f.array("readinessChecks");
  f.array("portDefinitions");
  f.array("ports");
  f.array("networks");
  f.boolean("requirePorts");
  f.object("container");
  f.object("upgradeStrategy");
  f.number("backoffSeconds", 0, {}, true);
  f.number("backoffFactor", 1.0);
  f.number("maxLaunchDelaySeconds", 0, {}, true);
  f.number("taskKillGracePeriodSeconds", 0, {}, true);
  f.string("user");
  f.string("role");
  f.string("version");
  if (auto v = f.get("killSelection"); v) {
    if (!v->is_string())
      out.add(f.path("killSelection"), "error.expected.jsstring");
    else if (*v != "YOUNGEST_FIRST" && *v != "OLDEST_FIRST")
      out.add(f.path("killSelection"), "error.unknown.enum.literal");
  }
  if (auto v = f.get("upgradeStrategy"); v && v->is_object()) {
    FieldCheck u{out, *v, f.path("upgradeStrategy")};
    for (const char* key : {"minimumHealthCapacity", "maximumOverCapacity"}) {
      if (!v->contains(key))
        out.add(u.path(key), "error.path.missing");
      else
        u.number(key, 0, 1);
    }
  }
  if (auto v = f.get("healthChecks"); v && v->is_array()) {
    for (size_t i = 0; i < v->size(); ++i) {
      const json& hc = (*v)[i];
      std::string hp = f.path("healthChecks") + "(" + std::to_string(i) + ")";
      if (!hc.is_object()) {
        out.add(hp, "error.expected.jsobject");
        continue;
      }
      FieldCheck h{out, hc, hp};
      h.string("path");
      h.object("command");
      if (auto c = h.get("command"); c && c->is_object())
        FieldCheck{out, *c, h.path("command")}.string("value");
      h.number("portIndex", 0, {}, true);
      h.number("port", 0, 65535, true);
      h.number("gracePeriodSeconds", 0, {}, true);
      h.number("intervalSeconds", 0, {}, true);
      h.number("timeoutSeconds", 0, {}, true);
      h.number("maxConsecutiveFailures", 0, {}, true);
      if (auto p = h.get("protocol"); p) {
        static const std::set<std::string> protocols{
            "HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP"};
        if (!p->is_string())
          out.add(h.path("protocol"), "error.expected.jsstring");
        else if (!protocols.count(p->get<std::string>()))
          out.add(h.path("protocol"), "error.unknown.enum.literal");
      }
    }
  }
  if (auto v = f.get("portDefinitions"); v && v->is_array()) {
    for (size_t i = 0; i < v->size(); ++i) {
      std::string pp = f.path("portDefinitions") + "(" + std::to_string(i) + ")";
      if (!(*v)[i].is_object()) {
        out.add(pp, "error.expected.jsobject");
        continue;
      }
      FieldCheck p{out, (*v)[i], pp};
      p.number("port", 0, 65535, true);
      p.string("name");
      p.string("protocol");
    }
  }
  if (auto v = f.get("container"); v && v->is_object()) {
    FieldCheck c{out, *v, f.path("container")};
    if (auto t = c.get("type"); t && (!t->is_string() || (*t != "DOCKER" && *t != "MESOS")))
      out.add(c.path("type"), "error.unknown.enum.literal");
    c.object("docker");
    c.array("portMappings");
    c.array("volumes");
    if (auto m = c.get("portMappings")) check_port_mappings(*m, c.path("portMappings"), out);
    if (auto d = c.get("docker"); d && d->is_object()) {
      FieldCheck dc{out, *d, c.path("docker")};
      dc.string("image");
      dc.boolean("forcePullImage");
      dc.boolean("privileged");
      dc.string("network");
      dc.array("portMappings");
      if (auto m = dc.get("portMappings")) check_port_mappings(*m, dc.path("portMappings"), out);
    }
  }
  if (auto v = f.get("networks"); v && v->is_array()) {
    for (size_t i = 0; i < v->size(); ++i) {
      std::string np = f.path("networks") + "(" + std::to_string(i) + ")";
      if (!(*v)[i].is_object()) {
        out.add(np, "error.expected.jsobject");
        continue;
      }
      FieldCheck n{out, (*v)[i], np};
      n.string("name");
      n.string_map("labels");
      if (auto m = n.get("mode"); m && !m->is_string())
        out.add(n.path("mode"), "error.expected.jsstring");
      else if (m && *m != "host" && *m != "container" && *m != "container/bridge")
        out.add(n.path("mode"), "error.unknown.enum.literal");
    }
  }
}

void strip_nulls(json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      if (it->is_null()) {
        it = value.erase(it);
      } else {
        strip_nulls(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    for (json& item : value) strip_nulls(item);
  }
}

json normalize_app(json app) {
  auto set_default = [&app](const char* key, json value) {
    if (!app.contains(key) || app[key].is_null()) app[key] = std::move(value);
  };
  // Deprecated fields are converted, never echoed back.
  if (app.contains("uris") && app["uris"].is_array()) {
    if (!app.contains("fetch")) {
      json fetch = json::array();
      for (const json& uri : app["uris"]) fetch.push_back({{"uri", uri}});
      app["fetch"] = fetch;
    }
  }
  app.erase("uris");
  if (app.contains("ports") && app["ports"].is_array()) {
    if (!app.contains("portDefinitions")) {
      json defs = json::array();
      for (const json& port : app["ports"]) defs.push_back({{"port", port}, {"protocol", "tcp"}});
      app["portDefinitions"] = defs;
    }
  }
  app.erase("ports");
  // A null member means "not given" to Marathon's reader, at any depth.
  strip_nulls(app);
  set_default("instances", 1);
  set_default("cpus", 1);
  set_default("mem", 128);
  set_default("disk", 0);
  set_default("gpus", 0);
  set_default("executor", "");
  set_default("labels", json::object());
  set_default("env", json::object());
  set_default("constraints", json::array());
  set_default("dependencies", json::array());
  set_default("fetch", json::array());
  set_default("healthChecks", json::array());
  set_default("backoffSeconds", 1);
  set_default("backoffFactor", 1.15);
  set_default("maxLaunchDelaySeconds", 300);
  set_default("requirePorts", false);
  set_default("killSelection", "YOUNGEST_FIRST");
  set_default("role", "*");
  set_default("upgradeStrategy", json{{"minimumHealthCapacity", 1}, {"maximumOverCapacity", 1}});
  set_default("unreachableStrategy", json{{"inactiveAfterSeconds", 0}, {"expungeAfterSeconds", 0}});

  if (app.contains("container") && app["container"].is_object()) {
    json& c = app["container"];
    if (!c.contains("type")) c["type"] = "DOCKER";
    json* docker = c.contains("docker") && c["docker"].is_object() ? &c["docker"] : nullptr;
    if (docker) {
      if (docker->contains("portMappings") && !c.contains("portMappings"))
        c["portMappings"] = (*docker)["portMappings"];
      docker->erase("portMappings");
      if (docker->contains("network") && !app.contains("networks")) {
        std::string net = (*docker)["network"].is_string() ? (*docker)["network"] : "HOST";
        if (net == "BRIDGE")
          app["networks"] = json::array({{{"mode", "container/bridge"}}});
        else if (net == "USER")
          app["networks"] = json::array({{{"mode", "container"}}});
      }
      docker->erase("network");
      if (!docker->contains("forcePullImage")) (*docker)["forcePullImage"] = false;
      if (!docker->contains("privileged")) (*docker)["privileged"] = false;
      if (!docker->contains("parameters")) (*docker)["parameters"] = json::array();
    }
    if (!c.contains("volumes")) c["volumes"] = json::array();
  }
  set_default("networks", json::array({{{"mode", "host"}}}));
  for (json& net : app["networks"])
    if (net.is_object() && !net.contains("mode")) net["mode"] = "container";

  if (host_networking(app)) {
    set_default("portDefinitions", json::array({port_definition_default()}));
    for (json& pd : app["portDefinitions"]) {
      if (!pd.is_object()) continue;
      if (!pd.contains("port")) pd["port"] = 0;
      if (!pd.contains("protocol")) pd["protocol"] = "tcp";
    }
  } else {
    app["requirePorts"] = false;
    json& c = app["container"];
    if (c.is_object()) {
      if (!c.contains("portMappings"))
        c["portMappings"] = json::array({{{"containerPort", 0}, {"name", "default"}}});
      bool bridge = app["networks"][0].value("mode", "") == "container/bridge";
      for (json& pm : c["portMappings"]) {
        if (!pm.is_object()) continue;
        if (!pm.contains("containerPort")) pm["containerPort"] = 0;
        if (!pm.contains("servicePort")) pm["servicePort"] = 0;
        if (!pm.contains("protocol")) pm["protocol"] = "tcp";
        if (bridge && !pm.contains("hostPort")) pm["hostPort"] = 0;
      }
    }
  }
  for (json& hc : app["healthChecks"]) {
    if (!hc.is_object()) continue;
    if (!hc.contains("protocol")) hc["protocol"] = "HTTP";
    std::string proto = hc["protocol"];
    if ((proto == "HTTP" || proto == "HTTPS" || proto == "MESOS_HTTP" || proto == "MESOS_HTTPS") &&
        !hc.contains("path"))
      hc["path"] = "/";
    if (proto != "COMMAND" && !hc.contains("port") && !hc.contains("portIndex"))
      hc["portIndex"] = 0;
    if (!hc.contains("gracePeriodSeconds")) hc["gracePeriodSeconds"] = 300;
    if (!hc.contains("intervalSeconds")) hc["intervalSeconds"] = 60;
    if (!hc.contains("timeoutSeconds")) hc["timeoutSeconds"] = 20;
    if (!hc.contains("maxConsecutiveFailures")) hc["maxConsecutiveFailures"] = 3;
    if (!hc.contains("delaySeconds")) hc["delaySeconds"] = 15;
    if (!hc.contains("ipProtocol")) hc["ipProtocol"] = "IPv4";
    if ((proto == "HTTP" || proto == "HTTPS") && !hc.contains("ignoreHttp1xx"))
      hc["ignoreHttp1xx"] = false;
  }
  return app;
}

bool host_networking(const json& app) {
  auto it = app.find("networks");
  if (it == app.end() || !it->is_array() || it->empty()) return true;
  return (*it)[0].is_object() && (*it)[0].value("mode", "container") == "host";
}

bool runs_process(const json& app) {
  bool has_command = (app.contains("cmd") && app["cmd"].is_string()) ||
                     (app.contains("args") && app["args"].is_array());
  if (!has_command) return false;
  auto c = app.find("container");
  if (c == app.end() || !c->is_object()) return true;
  auto d = c->find("docker");
  return d == c->end() || !d->is_object() || !d->contains("image");
}

void check_app_rules(const json& app, const std::string& prefix, Violations& out) {
  auto path = [&prefix](const std::string& key) { return prefix + "/" + key; };
  if (auto problem = id_problem(app.value("id", std::string())); problem)
    out.add(path("id"), *problem);
  bool has_cmd = app.contains("cmd");
  bool has_args = app.contains("args");
  bool has_container = app.contains("container") && app["container"].is_object();
  if (has_cmd && has_args)
    out.add(prefix,
            "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
  else if (!has_cmd && !has_args && !has_container)
    out.add(prefix,
            "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
  if (has_cmd && app["cmd"].is_string() && app["cmd"].get<std::string>().size() <= 1)
    out.add(path("cmd"), "must not be an empty string");

  const json& constraints = app["constraints"];
  static const std::set<std::string> operators{"UNIQUE", "CLUSTER", "GROUP_BY", "LIKE",
                                               "UNLIKE", "MAX_PER", "IS"};
  for (size_t i = 0; i < constraints.size(); ++i) {
    const json& c = constraints[i];
    std::string cp = path("constraints") + "(" + std::to_string(i) + ")";
    if (!c.is_array() || c.size() < 2 || c.size() > 3) {
      out.add(cp, "Each constraint must have either 2 or 3 fields");
      continue;
    }
    std::string op = c[1].is_string() ? c[1].get<std::string>() : "";
    for (char& ch : op) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string value = c.size() == 3 && c[2].is_string() ? c[2].get<std::string>() : "";
    bool is_number = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
    if (!operators.count(op))
      out.add(cp,
              "operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, "
              "MAX_PER, UNLIKE or IS");
    else if (op == "UNIQUE" && c.size() == 3 && !value.empty())
      out.add(cp, "UNIQUE does not accept a value");
    else if (op == "GROUP_BY" && c.size() == 3 && !is_number)
      out.add(cp, "GROUP BY must define an integer value or else no value at all");
    else if (op == "MAX_PER" && !is_number)
      out.add(cp, "MAX_PER requires an integer value");
    else if ((op == "LIKE" || op == "UNLIKE") && value.empty())
      out.add(cp, "LIKE and UNLIKE require a non-empty, regular expression value");
  }

  bool host = host_networking(app);
  if (!host && app.contains("portDefinitions") && !app["portDefinitions"].empty())
    out.add(path("portDefinitions"), "portDefinitions are only allowed with host-networking");
  if (host && has_container && app["container"].contains("portMappings") &&
      !app["container"]["portMappings"].empty())
    out.add(path("container/portMappings"), "portMappings are not allowed with host-networking");
  if (has_container) {
    const json& c = app["container"];
    if (c.value("type", "DOCKER") == "DOCKER" &&
        (!c.contains("docker") || !c["docker"].is_object()))
      out.add(path("container/docker"), "not defined");
    else if (c.contains("docker") && c["docker"].is_object() &&
             c["docker"].value("image", "").empty() && c.value("type", "") == "DOCKER")
      out.add(path("container/docker/image"), "must not be empty");
  }
  std::set<std::string> names;
  const json ports = host ? app.value("portDefinitions", json::array())
                          : (has_container ? app["container"].value("portMappings", json::array())
                                           : json::array());
  for (const json& p : ports) {
    if (p.is_object() && p.contains("name") && !names.insert(p["name"].dump()).second) {
      out.add(path(host ? "portDefinitions" : "container/portMappings"),
              "Port names must be unique.");
      break;
    }
  }
  const json& hcs = app["healthChecks"];
  int mesos_checks = 0;
  for (size_t i = 0; i < hcs.size(); ++i) {
    const json& hc = hcs[i];
    std::string proto = hc.value("protocol", "HTTP");
    if (proto == "COMMAND" || starts_with(proto, "MESOS_")) ++mesos_checks;
    if (proto == "COMMAND") {
      if (!hc.contains("command") || !hc["command"].is_object() || !hc["command"].contains("value"))
        out.add(path("healthChecks(" + std::to_string(i) + ")/command"), "not defined");
      continue;
    }
    if (hc.contains("portIndex") && hc["portIndex"].is_number_integer() &&
        hc["portIndex"].get<size_t>() >= ports.size())
      out.add(path("healthChecks(" + std::to_string(i) + ")"),
              "Health check port indices must address an element of the ports array or "
              "container port mappings.");
  }
  if (mesos_checks > 1)
    out.add(path("healthChecks"), "AppDefinition can contain at most one Mesos health check");
  if (app.contains("acceptedResourceRoles") && app["acceptedResourceRoles"].empty())
    out.add(path("acceptedResourceRoles"), "must not be empty");
  const json& us = app["upgradeStrategy"];
  if (app["labels"].value("MARATHON_SINGLE_INSTANCE_APP", "") == "true") {
    if (app["instances"].get<double>() > 1)
      out.add(path("instances"), "got " + app["instances"].dump() + ", expected 0 or 1");
    if (us.value("minimumHealthCapacity", 1.0) != 0 || us.value("maximumOverCapacity", 1.0) != 0)
      out.add(path("upgradeStrategy"), "got " + us.dump() + ", expected {0, 0}");
  }
}

AppResult read_app(const json& body, const std::string& id_override, const std::string& base) {
  Violations fields;
  check_app_fields(body, "", fields);
  if (!fields.empty()) return {json(), fields.to_error("Object is not valid")};
  Violations types;
  check_app_types(body, "", types);
  if (id_override.empty() && body.is_object() && !body.contains("id"))
    types.add("/id", "error.path.missing");
  if (!types.empty()) return {json(), types.to_error("Invalid JSON")};
  json app = body;
  app["id"] = id_override.empty() ? normalize_id(body["id"].get<std::string>(), base) : id_override;
  app.erase("version");
  app.erase("versionInfo");
  for (const char* key : {"tasks", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
                          "deployments", "lastTaskFailure", "readinessCheckResults", "tasksStats"})
    app.erase(key);
  app = normalize_app(std::move(app));
  Violations rules;
  check_app_rules(app, "", rules);
  if (!rules.empty()) return {json(), rules.to_error("Object is not valid")};
  return {app, std::nullopt};
}

}  // namespace dcos_local
