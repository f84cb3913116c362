// Starting states: --seed demo (a small realistic cluster) and --scale N (N apps, 3N tasks).
#include "local/seed.hpp"

#include <cstdio>

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

}  // namespace dcos_local
