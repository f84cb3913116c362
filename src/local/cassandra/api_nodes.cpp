// The node routes (§5.3) and the live-node routes (§5.4) of the REST API.
#include <algorithm>
#include <random>

#include "local/cassandra/api.hpp"
#include "local/cassandra/views.hpp"

namespace dcos_local::cassandra::api_detail {
namespace {

const std::string kNode = "/node/([^/]+)";

void target_route(httplib::Server& server, RingHost& host, const char* verb, RunState target) {
  route(server, "POST", kNode + "/" + verb, [&host, target](const auto& req, auto& res) {
    std::lock_guard lock(host.mutex);
    const Node* node = host.ring.set_target(req.matches[1], target);
    if (!node) return reply_empty(res, 404);
    host.changed();
    reply_pretty(res, 200, node_target_view(*node));
  });
}

void seed_route(httplib::Server& server, RingHost& host, const char* verb, bool seed) {
  route(server, "POST", kNode + "/" + verb, [&host, seed](const auto& req, auto& res) {
    std::lock_guard lock(host.mutex);
    SeedChange change = host.ring.set_seed(req.matches[1], seed);
    if (change.status == 404) return reply_empty(res, 404);
    const Node& node = *host.ring.find(req.matches[1]);
    ojson out = ojson::object();
    out["ip"] = node.ip;
    out["hostname"] = node.hostname;
    out["executorId"] = node.executor_id ? ojson(*node.executor_id) : ojson(nullptr);
    out["oldSeedState"] = change.old_seed;
    out["success"] = change.success;
    if (change.status == 400)
      out["error"] = change.error;
    else
      out["seedState"] = change.seed;
    if (change.success) host.changed();
    reply_pretty(res, change.status, out);
  });
}

}  // namespace

void register_node_routes(httplib::Server& server, RingHost& host) {
  route(server, "GET", "/node/all", [&host](auto&, auto& res) {
    std::lock_guard lock(host.mutex);
    reply_pretty(res, 200, node_all_view(host.ring));
  });
  route(server, "GET", "/node/seed/all", [&host](auto&, auto& res) {
    std::lock_guard lock(host.mutex);
    reply_pretty(res, 200, seeds_view(host.ring));
  });
  target_route(server, host, "stop", RunState::stop);
  target_route(server, host, "start", RunState::run);
  target_route(server, host, "restart", RunState::restart);
  target_route(server, host, "terminate", RunState::terminate);
  route(server, "POST", kNode + "/replace", [&host](const auto& req, auto& res) {
    std::lock_guard lock(host.mutex);
    int status = host.ring.replace(req.matches[1]);
    ojson out = ojson::object();
    if (status == 404) {
      out["success"] = false;
      out["reason"] = "No such node";
      return reply_pretty(res, 404, out);
    }
    const Node& node = *host.ring.find(req.matches[1]);
    out["ipToReplace"] = node.ip;
    out["success"] = status == 200;
    if (status == 200) {
      out["hostname"] = node.hostname;
      out["targetRunState"] = to_string(node.target);
      host.changed();
    } else {
      out["reason"] = "No such node";  // the scheduler's text, whatever the failed check was
    }
    reply_pretty(res, status, out);
  });
  route(server, "POST", kNode + "/rackdc", [&host](const auto& req, auto& res) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return reply_empty(res, 415);
    ojson body = ojson::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return reply_empty(res, 400);
    auto text = [&](const char* key) -> std::optional<std::string> {
      auto it = body.find(key);
      if (it == body.end() || it->is_null()) return std::nullopt;
      return it->is_string() ? it->template get<std::string>() : it->dump();
    };
    std::lock_guard lock(host.mutex);
    const Node* node = host.ring.set_rack_dc(req.matches[1], text("rack"), text("dc"));
    if (!node) return reply_empty(res, 404);
    host.changed();
    ojson out = ojson::object();
    out["success"] = true;
    out["rack"] = node->rack;
    out["dc"] = node->dc;
    reply_pretty(res, 200, out);
  });
  seed_route(server, host, "make-seed", true);
  seed_route(server, host, "make-non-seed", false);
}

void register_live_node_routes(httplib::Server& server, RingHost& host) {
  // Up to `limit` live nodes in random order; nullopt (a 404) for a limit that is no integer.
  auto pick = [&host](const httplib::Request& req,
                      int fallback) -> std::optional<std::vector<std::string>> {
    auto limit = int_param(req, "limit", fallback);
    if (!limit) return std::nullopt;
    std::vector<std::string> ips;
    for (const Node* n : host.ring.live_nodes()) ips.push_back(n->ip);
    static thread_local std::mt19937 random{std::random_device{}()};
    std::shuffle(ips.begin(), ips.end(), random);
    if (static_cast<int>(ips.size()) > std::max(*limit, 0)) ips.resize(std::max(*limit, 0));
    return ips;
  };
  auto answer = [&host, pick](int fallback, auto&& body) {
    return [&host, pick, fallback, body](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(host.mutex);
      auto ips = pick(req, fallback);
      if (!ips) return reply_empty(res, 404);
      if (ips->empty()) return reply_empty(res, 400);
      body(*ips, res);
    };
  };
  const std::string ports_line = "NATIVE: " + std::to_string(kNativePort) +
                                 "\nRPC: " + std::to_string(kRpcPort) +
                                 "\nJMX: " + std::to_string(kJmxPort) + "\n";
  route(server, "GET", "/live-nodes", answer(3, [&host](const auto& ips, auto& res) {
          ojson out = ojson::object();
          out["clusterName"] = host.ring.config().framework_name;
          out["nativePort"] = kNativePort;
          out["rpcPort"] = kRpcPort;
          out["jmxPort"] = kJmxPort;
          out["liveNodes"] = ips;
          reply_pretty(res, 200, out);
        }));
  route(server, "GET", "/live-nodes/text", answer(3, [ports_line](const auto& ips, auto& res) {
          std::string text = ports_line;
          for (const std::string& ip : ips) text += "IP: " + ip + "\n";
          res.set_content(text, "text/plain");
        }));
  route(server, "GET", "/live-nodes/cqlsh", answer(1, [](const auto& ips, auto& res) {
          res.set_content(ips.front() + " " + std::to_string(kNativePort),
                          "text/x-cassandra-cqlsh");
        }));
  route(server, "GET", "/live-nodes/nodetool", answer(1, [](const auto&, auto& res) {
          res.set_content("-h 127.0.0.1 -p " + std::to_string(kJmxPort),
                          "text/x-cassandra-nodetool");
        }));
  route(server, "GET", "/live-nodes/stress", answer(3, [](const auto& ips, auto& res) {
          std::string list;
          for (const std::string& ip : ips) list += (list.empty() ? "" : ",") + ip;
          res.set_content("-node " + list + " -port native=" + std::to_string(kNativePort) +
                              " thrift=" + std::to_string(kRpcPort) +
                              " jmx=" + std::to_string(kJmxPort),
                          "text/x-cassandra-stress");
        }));
}

}  // namespace dcos_local::cassandra::api_detail
