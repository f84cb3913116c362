// What DC/OS knows of its nodes beside Mesos: the networking API (/net/v1/nodes), Mesos-DNS
// (/mesos_dns/v1/...), and dcos-diagnostics' node and unit health (/system/health/v1/...). The
// master is 127.0.0.1; agents are their loopback addresses; public agents also have a public IP.
#include <cctype>

#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

const char* kMasterIp = "127.0.0.1";

// A framework's name as Mesos-DNS puts it in a domain: without characters a label cannot hold.
std::string dns_label(const std::string& text) {
  std::string out;
  for (char ch : text) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || ch == '-' || ch == '.') out += static_cast<char>(std::tolower(u));
  }
  return out;
}

// <task name>.<framework name>.mesos. : Marathon's tasks by app, other frameworks' by the
// TaskInfo name with its dots made dashes.
std::string dns_name(const Cluster& c, const Task& t) {
  if (t.framework_id.empty())
    return (t.is_pod ? t.container_name : mesos_task_name(t.run_spec_id)) + ".marathon.mesos.";
  const Framework* f = c.find_framework(t.framework_id);
  std::string name = t.name;
  for (char& ch : name)
    if (ch == '.') ch = '-';
  return dns_label(name) + "." + dns_label(f ? f->name : "") + ".mesos.";
}

json dns_record(const std::string& host, const std::string& ip) {
  return {{"host", host}, {"ip", ip}};
}

// Mesos-DNS A records for a name (with or without its final dot): the masters, Marathon, every
// agent (slave.mesos and each agent's hostname), Marathon's tasks (<task name>.marathon.mesos)
// and other frameworks' tasks (<task name>.<framework name>.mesos).
json dns_hosts(const Cluster& c, std::string name) {
  if (!ends_with(name, ".")) name += ".";
  json out = json::array();
  if (name == "leader.mesos." || name == "master.mesos." || name == "marathon.mesos.")
    out.push_back(dns_record(name, kMasterIp));
  for (const Agent& a : c.agents) {
    if (a.gone) continue;
    if (name == "slave.mesos." || name == "agent.mesos." || name == a.ip + ".")
      out.push_back(dns_record(name, a.ip));
  }
  for (const auto& [id, t] : c.tasks) {
    if (name != dns_name(c, t)) continue;
    const Agent* a = c.agent(t.agent_id);
    if (a) out.push_back(dns_record(name, a->ip));
  }
  if (out.empty()) out.push_back(dns_record("", ""));  // Mesos-DNS's answer for an unknown name
  return out;
}

json health_units(const Cluster& c, bool master, const Agent* a) {
  json units = json::array();
  for (const auto& [unit, text] : node_units(master, a && a->is_public)) {
    std::string name = text.substr(0, text.find(':'));
    units.push_back({{"id", unit},
                     {"health", 0},
                     {"output", ""},
                     {"description", text},
                     {"help", ""},
                     {"name", name}});
  }
  std::string ip = master ? kMasterIp : a->ip;
  return {{"units", units},
          {"hostname", ip},
          {"ip", ip},
          {"dcos_version", "2.2.0"},
          {"node_role", master         ? "master"
                        : a->is_public ? "agent_public"
                                       : "agent"},
          {"mesos_id", master ? c.master_id : a->id},
          {"dcos_diagnostics_version", "0.4.0"}};
}

}  // namespace

void register_nodes(httplib::Server& server, Cluster& c) {
  server.Get("/net/v1/nodes", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    json nodes = json::array();
    nodes.push_back({{"updated", iso_time(c.started_ms)},
                     {"public_ips", json::array({kMasterIp})},
                     {"private_ip", kMasterIp},
                     {"hostname", kMasterIp}});
    for (const Agent& a : c.agents) {
      if (a.gone) continue;
      json public_ips = json::array();
      if (!a.public_ip.empty()) public_ips.push_back(a.public_ip);
      nodes.push_back({{"updated", iso_time(a.registered_ms)},
                       {"public_ips", public_ips},
                       {"private_ip", a.ip},
                       {"hostname", a.ip}});
    }
    reply_json(res, 200, nodes);
  });

  server.Get(R"(/mesos_dns/v1/hosts/(.+))",
             [&c](const httplib::Request& req, httplib::Response& res) {
               std::lock_guard lock(c.mu);
               reply_json(res, 200, dns_hosts(c, req.matches[1]));
             });
  server.Get("/mesos_dns/v1/version", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200,
               {{"Service", "Mesos-DNS"},
                {"URL", "https://github.com/mesosphere/mesos-dns"},
                {"Version", "v0.8.0"}});
  });

  server.Get("/system/health/v1/nodes", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    json nodes = json::array({{{"host_ip", kMasterIp}, {"health", 0}, {"role", "master"}}});
    for (const Agent& a : c.agents)
      if (!a.gone)
        nodes.push_back(
            {{"host_ip", a.ip}, {"health", 0}, {"role", a.is_public ? "agent_public" : "agent"}});
    reply_json(res, 200, {{"nodes", nodes}});
  });
  server.Get(R"(/system/health/v1/nodes/([^/]+)/units)",
             [&c](const httplib::Request& req, httplib::Response& res) {
               std::string host = req.matches[1];
               std::lock_guard lock(c.mu);
               if (host == kMasterIp || host == "leader.mesos" || host == "master.mesos")
                 return reply_json(res, 200, health_units(c, true, nullptr));
               for (const Agent& a : c.agents)
                 if (!a.gone && (a.ip == host || a.id == host))
                   return reply_json(res, 200, health_units(c, false, &a));
               reply_json(res, 404, {{"error", "Node " + host + " not found"}});
             });
}

}  // namespace dcos_local
