// Starting states: --seed demo (a small realistic cluster), --scale N (N apps, 3N tasks) and
// --history M (M completed tasks).
#include "local/seed.hpp"

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

namespace dcos_local {

namespace {

void add(Cluster& c, const json& body) {
  AppResult app = read_app(body);
  if (app.error) return;  // the seeds are fixed; a failure here is a bug caught by the tests
  c.put_app(app.app, c.next_version());
}

}  // namespace

void seed_demo(Cluster& c) {
  std::lock_guard lock(c.mu);
  add(c, {{"id", "/mesosphere/cd-demo-app"},
          {"instances", 1},
          {"cpus", 1},
          {"mem", 512},
          {"container",
           {{"type", "DOCKER"},
            {"docker", {{"image", "mesosphere/cd-demo-app:latest"}, {"forcePullImage", true}}},
            {"portMappings", json::array({{{"containerPort", 80},
                                           {"hostPort", 0},
                                           {"servicePort", 28080},
                                           {"protocol", "tcp"},
                                           {"name", "http"}}})}}},
          {"networks", json::array({{{"mode", "container/bridge"}}})},
          {"labels", {{"HAPROXY_GROUP", "external"}}}});
  add(c,
      {{"id", "/demo/hello"},
       {"cmd",
        "echo \"hello from $MESOS_TASK_ID on port $PORT0\"; while true; do date; sleep 10; done"},
       {"instances", 2},
       {"cpus", 0.1},
       {"mem", 32},
       {"labels", {{"tier", "demo"}}},
       {"healthChecks", json::array({{{"protocol", "COMMAND"},
                                      {"command", {{"value", "test -f stdout"}}},
                                      {"gracePeriodSeconds", 10},
                                      {"intervalSeconds", 5},
                                      {"timeoutSeconds", 2},
                                      {"maxConsecutiveFailures", 3}}})}});
  add(c, {{"id", "/demo/worker"},
          {"cmd", "while true; do echo working; sleep 30; done"},
          {"instances", 1},
          {"cpus", 0.2},
          {"mem", 64},
          {"acceptedResourceRoles", json::array({"slave_public"})}});
}

void seed_scale(Cluster& c, int n) {
  std::lock_guard lock(c.mu);
  std::string version = c.next_version();
  for (int i = 0; i < n; ++i) {
    char id[64];
    std::snprintf(id, sizeof id, "/scale/group-%03d/app-%05d", i / 100, i);
    AppResult app =
        read_app({{"id", id},
                  {"instances", 3},
                  {"cpus", 0.1},
                  {"mem", 32},
                  {"portDefinitions", json::array()},
                  {"labels", {{"scale", "true"}}},
                  {"container", {{"type", "DOCKER"}, {"docker", {{"image", "nginx:stable"}}}}}});
    if (!app.error) c.put_app(app.app, version);
  }
}

void seed_history(Cluster& c, int m) {
  std::lock_guard lock(c.mu);
  std::vector<const Agent*> hosts;
  for (const Agent& a : c.agents)
    if (!a.is_public) hosts.push_back(&a);
  std::vector<const App*> scaled;
  for (const auto& [id, app] : c.apps)
    if (starts_with(id, "/scale/")) scaled.push_back(&app);
  // The tasks of older runs: of the scaled apps when there are some, else of batch jobs that
  // are gone. Every task of one run spec shares its definition.
  std::map<std::string, std::shared_ptr<const json>> defs;
  auto def_of = [&](size_t i) {
    std::string id;
    json def;
    if (!scaled.empty()) {
      def = scaled[i % scaled.size()]->def;
      id = def["id"];
    } else {
      char name[48];
      std::snprintf(name, sizeof name, "/history/batch-%02zu", i % 100);
      id = name;
      def = {{"id", id},
             {"cpus", 0.1},
             {"mem", 32},
             {"version", iso_time(c.started_ms)},
             {"container", {{"type", "DOCKER"}, {"docker", {{"image", "busybox:stable"}}}}}};
    }
    auto& slot = defs[id];
    if (!slot) slot = std::make_shared<const json>(std::move(def));
    return slot;
  };
  static const char* kEnds[] = {"TASK_FINISHED", "TASK_FINISHED", "TASK_FINISHED", "TASK_FINISHED",
                                "TASK_FINISHED", "TASK_FAILED",   "TASK_FAILED",   "TASK_KILLED",
                                "TASK_KILLED",   "TASK_KILLED"};
  for (int i = 0; i < m; ++i) {
    Task t;
    t.spec = def_of(static_cast<size_t>(i));
    t.run_spec_id = t.def()["id"];
    t.instance_id = safe_id(t.run_spec_id) + ".instance-" + uuid4();
    t.id = t.instance_id + "._app.1";
    t.agent_id = hosts[static_cast<size_t>(i) % hosts.size()]->id;
    t.state = kEnds[i % 10];
    t.version = t.def().value("version", "");
    t.config_version = t.version;
    t.cpus = t.def().value("cpus", 0.1);
    t.mem = t.def().value("mem", 32.0);
    t.container_id = uuid4();
    t.simulated = true;
    t.sandbox = (std::filesystem::path(c.work_dir) / "slaves" / t.agent_id / "frameworks" /
                 c.framework_id / "executors" / t.id / "runs" / t.container_id)
                    .string();
    t.staged_ms = c.started_ms - static_cast<int64_t>(m - i) * 100 - 2000;
    t.started_ms = t.staged_ms + 1000;
    t.statuses = {{"TASK_STAGING", t.staged_ms, std::nullopt},
                  {"TASK_RUNNING", t.started_ms, std::nullopt},
                  {t.state, t.started_ms + 500, std::nullopt}};
    t.message = t.state == "TASK_FAILED"   ? "Command exited with status 1"
                : t.state == "TASK_KILLED" ? "Command terminated with signal Terminated"
                                           : "Command exited with status 0";
    t.labels = t.def().value("labels", json::object());
    c.completed.push_back(std::move(t));
  }
  while (c.completed.size() > c.completed_capacity()) c.completed.pop_front();
}

}  // namespace dcos_local
