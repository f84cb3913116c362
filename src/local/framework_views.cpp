// JSON views of the frameworks that subscribed through the scheduler API, in the shapes of
// /master/state (flattened resources, epoch seconds) and of the v1 operator API.
#include "local/views.hpp"

namespace dcos_local {

namespace {

struct Used {
  double cpus = 0, mem = 0, disk = 0;
  std::vector<int> ports;
};

Used used_of(const Cluster& c, const std::string& id) {
  Used u;
  for (const Task* t : c.tasks_of("framework:" + id)) {
    u.cpus += t->cpus;
    u.mem += t->mem;
    u.disk += t->disk;
    u.ports.insert(u.ports.end(), t->ports.begin(), t->ports.end());
  }
  return u;
}

Used offered_of(const Framework& f) {
  Used u;
  for (const auto& [id, o] : f.offers) {
    u.cpus += o.resources.cpus;
    u.mem += o.resources.mem;
    u.disk += o.resources.disk;
    for (int p : expand_ranges(o.resources.ports)) u.ports.push_back(p);
  }
  return u;
}

json flat(const Used& u) { return flat_resources(u.cpus, u.mem, u.disk, u.ports); }

}  // namespace

json framework_json(const Cluster& c, const Framework& f, bool with_tasks) {
  json used = flat(used_of(c, f.id));
  json offers = json::array();
  for (const auto& [id, o] : f.offers)
    offers.push_back(
        {{"id", id},
         {"framework_id", f.id},
         {"slave_id", o.agent_id},
         {"resources", flat_resources(o.resources.cpus, o.resources.mem, o.resources.disk,
                                      expand_ranges(o.resources.ports))}});
  json j = {{"id", f.id},
            {"name", f.name},
            {"hostname", f.hostname},
            {"webui_url", f.webui_url},
            {"user", f.user},
            {"principal", f.principal},
            {"role", f.role},
            {"active", f.active},
            {"connected", f.connected},
            {"recovered", false},
            {"checkpoint", f.checkpoint},
            {"failover_timeout", f.failover_timeout},
            {"capabilities", f.capabilities},
            {"labels", f.labels},
            {"registered_time", epoch_seconds(f.registered_ms)},
            {"unregistered_time", f.unregistered_ms ? epoch_seconds(f.unregistered_ms) : 0.0},
            {"resources", used},
            {"used_resources", used},
            {"offered_resources", flat(offered_of(f))},
            {"offers", offers},
            {"executors", json::array()}};
  if (f.reregistered_ms) j["reregistered_time"] = epoch_seconds(f.reregistered_ms);
  if (!with_tasks) return j;
  json tasks = json::array(), done = json::array();
  for (const Task* t : c.tasks_of("framework:" + f.id)) tasks.push_back(mesos_task(c, *t));
  for (const Task& t : c.completed)
    if (t.framework_id == f.id) done.push_back(mesos_task(c, t));
  j["tasks"] = tasks;
  j["unreachable_tasks"] = json::array();
  j["completed_tasks"] = done;
  return j;
}

json framework_v1(const Cluster& c, const Framework& f) {
  json info = {{"id", {{"value", f.id}}},
               {"name", f.name},
               {"user", f.user},
               {"principal", f.principal},
               {"hostname", f.hostname},
               {"role", f.role},
               {"checkpoint", f.checkpoint},
               {"failover_timeout", f.failover_timeout},
               {"capabilities", json::array()}};
  for (const json& cap : f.capabilities) info["capabilities"].push_back(cap);
  if (!f.webui_url.empty()) info["webui_url"] = f.webui_url;
  if (!f.labels.empty()) info["labels"] = {{"labels", f.labels}};
  Used used = used_of(c, f.id), offered = offered_of(f);
  json j = {{"framework_info", info},
            {"active", f.active},
            {"connected", f.connected},
            {"recovered", false},
            {"registered_time", {{"nanoseconds", f.registered_ms * 1000000}}},
            {"allocated_resources",
             resources_v1({used.cpus, used.mem, used.disk, to_ranges(used.ports)})},
            {"offered_resources",
             resources_v1({offered.cpus, offered.mem, offered.disk, to_ranges(offered.ports)})}};
  if (f.reregistered_ms) j["reregistered_time"] = {{"nanoseconds", f.reregistered_ms * 1000000}};
  if (f.unregistered_ms) j["unregistered_time"] = {{"nanoseconds", f.unregistered_ms * 1000000}};
  return j;
}

}  // namespace dcos_local
