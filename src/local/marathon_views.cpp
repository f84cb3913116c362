#include <algorithm>

#include "local/views.hpp"

namespace dcos_local {

json marathon_task(const Cluster& c, const Task& t) {
  const Agent* a = c.agent(t.agent_id);
  std::string host = a ? a->ip : "";
  json j = {{"appId", t.run_spec_id},
            {"id", t.id},
            {"host", host},
            {"state", t.state},
            {"ports", t.ports},
            {"servicePorts", t.service_ports},
            {"ipAddresses", json::array({{{"ipAddress", host}, {"protocol", "IPv4"}}})},
            {"slaveId", t.agent_id},
            {"stagedAt", iso_time(t.staged_ms)},
            {"version", t.version},
            {"region", "local"},
            {"zone", "local-a"},
            {"role", t.def().value("role", "*")},
            {"localVolumes", json::array()}};
  if (t.started_ms) j["startedAt"] = iso_time(t.started_ms);
  if (!t.health.empty()) {
    json results = json::array();
    for (const HealthState& h : t.health) {
      if (!h.checked) continue;
      json r = {{"alive", h.alive},
                {"consecutiveFailures", h.consecutive_failures},
                {"instanceId", t.instance_id}};
      // Optional fields are left out while unset, never written as null.
      if (!h.first_success.empty()) r["firstSuccess"] = h.first_success;
      if (!h.last_success.empty()) r["lastSuccess"] = h.last_success;
      if (!h.last_failure.empty()) r["lastFailure"] = h.last_failure;
      if (!h.last_failure_cause.empty()) r["lastFailureCause"] = h.last_failure_cause;
      results.push_back(r);
    }
    j["healthCheckResults"] = results;
  }
  return j;
}

json app_info(const Cluster& c, const App& app, const std::set<std::string>& embed) {
  json j = app.def;
  // Marathon-level HTTP(S) checks always carry ignoreHttp1xx (default false) in the output.
  if (auto checks = j.find("healthChecks"); checks != j.end() && checks->is_array()) {
    for (json& check : *checks) {
      if (!check.is_object()) continue;
      std::string protocol = check.value("protocol", "HTTP");
      if ((protocol == "HTTP" || protocol == "HTTPS") && !check.contains("ignoreHttp1xx"))
        check["ignoreHttp1xx"] = false;
    }
  }
  const std::string id = app.def["id"];
  std::vector<const Task*> tasks;
  for (const Task* t : c.tasks_of(id))
    if (!t->is_pod) tasks.push_back(t);
  bool checks = !app.def["healthChecks"].empty();
  int staged = 0, running = 0, healthy = 0, unhealthy = 0;
  for (const Task* t : tasks) {
    if (t->state == "TASK_STAGING" || t->state == "TASK_STARTING") ++staged;
    if (t->state == "TASK_RUNNING") ++running;
    if (checks && t->state == "TASK_RUNNING") {
      bool any_checked = std::any_of(t->health.begin(), t->health.end(),
                                     [](const HealthState& h) { return h.checked; });
      bool alive = std::all_of(t->health.begin(), t->health.end(),
                               [](const HealthState& h) { return h.alive; });
      if (alive && any_checked) ++healthy;
      if (any_checked && !alive) ++unhealthy;
    }
  }
  // Marathon always embeds counts and deployments, whatever was asked for.
  j["tasksStaged"] = staged;
  j["tasksRunning"] = running;
  j["tasksHealthy"] = healthy;
  j["tasksUnhealthy"] = unhealthy;
  json deployments = json::array();
  for (const Deployment& d : c.deployments)
    for (const auto& step : d.steps)
      for (const Action& a : step)
        if (!a.pod && a.target == id) {
          if (deployments.empty() || deployments.back()["id"] != d.id)
            deployments.push_back({{"id", d.id}});
        }
  j["deployments"] = deployments;
  if (embed.count("tasks")) {
    json list = json::array();
    for (const Task* t : tasks) list.push_back(marathon_task(c, *t));
    j["tasks"] = list;
  }
  if (embed.count("lastTaskFailure") && !app.last_task_failure.is_null())
    j["lastTaskFailure"] = app.last_task_failure;
  if (embed.count("readiness")) j["readinessCheckResults"] = json::array();
  if (embed.count("taskStats")) {
    json counts = {
        {"staged", staged}, {"running", running}, {"healthy", healthy}, {"unhealthy", unhealthy}};
    j["tasksStats"] = {{"totalSummary", {{"stats", {{"counts", counts}}}}}};
  }
  return j;
}

json deployment_json(const Deployment& d) {
  json steps = json::array();
  std::set<std::string> apps, pods;
  for (const auto& step : d.steps) {
    json actions = json::array();
    for (const Action& a : step) {
      actions.push_back({{"action", a.action}, {a.pod ? "pod" : "app", a.target}});
      (a.pod ? pods : apps).insert(a.target);
    }
    steps.push_back({{"actions", actions}});
  }
  json current = json::array();
  if (d.step < d.steps.size())
    for (const Action& a : d.steps[d.step])
      current.push_back({{"action", a.action},
                         {a.pod ? "pod" : "app", a.target},
                         {"readinessCheckResults", json::array()}});
  return {{"id", d.id},
          {"version", d.version},
          {"affectedApps", apps},
          {"affectedPods", pods},
          {"steps", steps},
          {"currentActions", current},
          {"currentStep", std::min(d.step + 1, d.steps.size())},
          {"totalSteps", d.steps.size()}};
}

json group_info(const Cluster& c, const std::string& id, bool apps, bool groups, bool pods,
                const std::set<std::string>& app_embed) {
  json j = {{"id", id}, {"dependencies", json::array()}};
  auto version = c.groups.find(id);
  j["version"] = version != c.groups.end() ? version->second : iso_time(c.started_ms);
  if (apps) {
    json list = json::array();
    for (const auto& [aid, app] : c.apps)
      if (parent_id(aid) == id) list.push_back(app_info(c, app, app_embed));
    j["apps"] = list;
  }
  if (pods) {
    json list = json::array();
    for (const auto& [pid, pod] : c.pods)
      if (parent_id(pid) == id) list.push_back(pod_status(c, pod));
    j["pods"] = list;
  }
  if (groups) {
    json list = json::array();
    for (const std::string& g : c.all_groups())
      if (g != "/" && parent_id(g) == id)
        list.push_back(group_info(c, g, apps, groups, pods, app_embed));
    j["groups"] = list;
  }
  return j;
}

json pod_status(const Cluster& c, const Pod& pod) {
  const std::string id = pod.def["id"];
  std::map<std::string, std::vector<const Task*>> instances;
  for (const Task* t : c.tasks_of(id))
    if (t->is_pod) instances[t->instance_id].push_back(t);
  json list = json::array();
  size_t stable = 0;
  std::string now = iso_time(now_ms());
  for (const auto& [iid, ts] : instances) {
    bool running =
        std::all_of(ts.begin(), ts.end(), [](const Task* t) { return t->state == "TASK_RUNNING"; });
    if (running) ++stable;
    const Agent* a = c.agent(ts.front()->agent_id);
    json containers = json::array();
    for (const Task* t : ts)
      containers.push_back({{"name", t->container_name},
                            {"status", t->state},
                            {"statusSince", iso_time(t->statuses.back().at_ms)},
                            {"containerId", t->container_id},
                            {"endpoints", json::array()},
                            {"conditions", json::array()},
                            {"lastUpdated", now},
                            {"lastChanged", iso_time(t->statuses.back().at_ms)}});
    list.push_back({{"id", iid},
                    {"status", running ? "STABLE" : "STAGING"},
                    {"statusSince", iso_time(ts.front()->staged_ms)},
                    {"agentHostname", a ? a->ip : ""},
                    {"agentId", ts.front()->agent_id},
                    {"agentRegion", "local"},
                    {"agentZone", "local-a"},
                    {"resources", {{"cpus", 0}, {"mem", 0}, {"disk", 0}, {"gpus", 0}}},
                    {"networks", json::array()},
                    {"containers", containers},
                    {"specReference", "/v2/pods" + id + "::versions/" + ts.front()->version},
                    {"localVolumes", json::array()},
                    {"lastUpdated", now},
                    {"lastChanged", now},
                    {"role", pod.def.value("role", "*")}});
  }
  size_t want = pod.def.value("scaling", json::object()).value("instances", 1);
  std::string status = stable >= want ? "STABLE" : (want == 0 ? "TERMINAL" : "DEGRADED");
  return {{"id", id},           {"spec", pod.def},   {"status", status},
          {"statusSince", now}, {"instances", list}, {"terminationHistory", json::array()},
          {"lastUpdated", now}, {"lastChanged", now}};
}

json queue_json(const Cluster& c, int64_t now) {
  json queue = json::array();
  for (const auto& [id, app] : c.apps) {
    size_t want = app.def.value("instances", 1);
    size_t live = 0;
    for (const Task* t : c.tasks_of(id))
      if (!t->is_pod && !t->killing) ++live;
    if (live >= want) continue;
    int64_t left_ms = std::max<int64_t>(0, app.backoff_until_ms - now);
    queue.push_back({{"app", app.def},
                     {"count", want - live},
                     {"role", app.def.value("role", "*")},
                     {"delay", {{"timeLeftSeconds", left_ms / 1000}, {"overdue", left_ms == 0}}},
                     {"since", iso_time(now)},
                     {"processedOffersSummary",
                      {{"processedOffersCount", 0},
                       {"unusedOffersCount", 0},
                       {"rejectSummaryLastOffers", json::array()},
                       {"rejectSummaryLaunchAttempt", json::array()}}},
                     {"lastUnusedOffers", json::array()}});
  }
  return {{"queue", queue}};
}

json marathon_info(const Cluster& c, const std::string& leader) {
  return {{"name", "marathon"},
          {"version", "1.11.0"},
          {"buildref", "dcos-local"},
          {"elected", true},
          {"leader", leader},
          {"frameworkId", c.framework_id},
          {"marathon_config",
           {{"master", "zk://zk-1.zk:2181/mesos"},
            {"mesos_role", "*"},
            {"features", json::array()},
            {"framework_name", "marathon"},
            {"hostname", "127.0.0.1"},
            {"local_port_min", 10000},
            {"local_port_max", 20000},
            {"checkpoint", true},
            {"executor", "//cmd"},
            {"failover_timeout", 604800},
            {"ha", false},
            {"mesos_user", "root"},
            {"webui_url", "/marathon"},
            {"new_group_enforce_role", "off"},
            {"maintenance_mode", false},
            {"access_control_allow_origin", json::array({"*"})},
            {"decline_offer_duration", 120000},
            {"default_network_name", "dcos"},
            {"env_vars_prefix", ""},
            {"launch_token", 100},
            {"launch_token_refresh_interval", 30000},
            {"leader_proxy_connection_timeout_ms", 5000},
            {"leader_proxy_read_timeout_ms", 10000},
            {"max_instances_per_offer", 100},
            {"mesos_bridge_name", "mesos-bridge"},
            {"mesos_heartbeat_failure_threshold", 5},
            {"mesos_heartbeat_interval", 15000},
            {"mesos_leader_ui_url", "/mesos"},
            {"min_revive_offers_interval", 5000},
            {"offer_matching_timeout", 3000},
            {"on_elected_prepare_timeout", 180000},
            {"reconciliation_initial_delay", 15000},
            {"reconciliation_interval", 600000},
            {"scale_apps_initial_delay", 15000},
            {"scale_apps_interval", 300000},
            {"store_cache", true},
            {"task_launch_confirm_timeout", 300000},
            {"task_launch_timeout", 300000},
            {"task_lost_expunge_initial_delay", 300000},
            {"task_lost_expunge_interval", 30000},
            {"task_reservation_timeout", 20000}}},
          {"zookeeper_config",
           {{"zk", "zk://zk-1.zk:2181/marathon"},
            {"zk_compression", true},
            {"zk_compression_threshold", 65536},
            {"zk_connection_timeout", 10000},
            {"zk_max_node_size", 1024000},
            {"zk_max_versions", 50},
            {"zk_session_timeout", 10000},
            {"zk_timeout", 10000}}},
          {"http_config", {{"http_port", 8080}, {"https_port", 8443}}}};
}

}  // namespace dcos_local
