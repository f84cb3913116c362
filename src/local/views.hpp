// JSON views of the cluster, in the shapes Marathon and Mesos answer with.
// Every function expects the caller to hold the cluster mutex.
#pragma once

#include <map>
#include <set>
#include <string>

#include "local/cluster.hpp"

namespace dcos_local {

// Marathon
json marathon_task(const Cluster& c, const Task& t);
// `embed` holds normalised names: tasks, counts, deployments, lastTaskFailure, readiness,
// taskStats.
json app_info(const Cluster& c, const App& app, const std::set<std::string>& embed);
json deployment_json(const Deployment& d);
json group_info(const Cluster& c, const std::string& id, bool apps, bool groups, bool pods,
                const std::set<std::string>& app_embed);
json pod_status(const Cluster& c, const Pod& pod);
json queue_json(const Cluster& c, int64_t now);
json marathon_info(const Cluster& c, const std::string& leader);

// Mesos
std::string format_ranges(std::vector<int> ports);
// A flattened resources object ({cpus, mem, disk, gpus, ports?}) as /master/state has them.
json flat_resources(double cpus, double mem, double disk, const std::vector<int>& ports);
json mesos_task(const Cluster& c, const Task& t);
// An agent as /master/state and /master/slaves list it (with deactivated and drain_info).
// `used_resources` saves a pass over the tasks when the caller has them (used_by_agent).
json agent_json(const Cluster& c, const Agent& a, const json* used_resources = nullptr);
// Every agent's used resources, in one pass over the tasks.
std::map<std::string, json> used_by_agent(const Cluster& c);
// {state, config:{mark_gone, max_grace_period?}} of a draining agent (caller checks a.drain).
json drain_info_json(const Agent& a);
json fault_domain(const std::string& region, const std::string& zone);
// The framework's task lists are markers (util.hpp) that with_framework_tasks fills once the
// surrounding document is dumped.
json marathon_framework(const Cluster& c, bool completed_tasks);
std::string with_framework_tasks(const Cluster& c, std::string text);
json master_state(const Cluster& c);
// A framework of the scheduler API as /master/state and /master/frameworks list it, with its
// tasks and completed_tasks when `with_tasks` (framework_views.cpp).
json framework_json(const Cluster& c, const Framework& f, bool with_tasks);
// The same as GET_FRAMEWORKS has it (v1: ids as {value}, times as {nanoseconds}).
json framework_v1(const Cluster& c, const Framework& f);
json state_summary(const Cluster& c);
json agent_state(const Cluster& c, const Agent& a);
// Virtual path -> real path of every sandbox on the agent (files/debug).
json agent_attachments(const Cluster& c, const Agent& a);

}  // namespace dcos_local
