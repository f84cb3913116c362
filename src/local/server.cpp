#include "local/server.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "local/cosmos/cosmos.hpp"
#include "local/http_util.hpp"

namespace dcos_local {

namespace {

bool marathon_path(const std::string& path) {
  return starts_with(path, "/service/marathon/") || starts_with(path, "/marathon/");
}

// The log API's paths: /system/v1/logs/... and /system/v1/<route>/logs/... (agent, leader).
bool log_api_path(const std::string& path) {
  if (starts_with(path, "/system/v1/logs")) return true;
  if (!starts_with(path, "/system/v1/")) return false;
  return path.find("/logs/") != std::string::npos || ends_with(path, "/logs");
}

// What the nodes' journals record of a request: Admin Router's access log on the master, and
// the Mesos master's or agent's own line for the requests they serve.
void journal_request(Cluster& c, const httplib::Request& req, const httplib::Response& res) {
  if (starts_with(req.path, "/_dcos_local/")) return;
  std::string agent = req.get_header_value("User-Agent");
  std::string from = req.remote_addr + ":" + std::to_string(req.remote_port);
  c.journal.log("master", "dcos-adminrouter.service", Priority::info,
                req.remote_addr + " - - \"" + req.method + " " + req.path + " " + req.version +
                    "\" " + std::to_string(res.status) + " " + std::to_string(res.body.size()) +
                    " \"-\" \"" + agent + "\"");
  std::string line = "HTTP " + req.method + " for ";
  std::string tail = " from " + from + " with User-Agent='" + agent + "'";
  if (starts_with(req.path, "/mesos/")) {
    c.journal.log("master", "dcos-mesos-master.service", Priority::info,
                  line + req.path.substr(6) + tail);
    return;
  }
  for (const char* prefix : {"/agent/", "/slave/"}) {
    if (!starts_with(req.path, prefix)) continue;
    std::string rest = req.path.substr(std::string(prefix).size());
    size_t slash = rest.find('/');
    std::string id = rest.substr(0, slash);
    if (slash == std::string::npos || !c.journal.known_node(id)) return;
    std::lock_guard lock(c.mu);
    if (const Agent* a = c.live_agent(id))
      c.journal.log(id, a->unit(), Priority::info, line + rest.substr(slash) + tail);
    return;
  }
}

}  // namespace

std::unique_ptr<httplib::Server> make_server(const Options& options, Cluster& cluster, Iam& iam) {
  std::unique_ptr<httplib::Server> server;
  if (!options.tls_cert.empty())
    server =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
  else
    server = std::make_unique<httplib::Server>();
  // Event and log streams each hold a worker, so the pool is larger than the core count.
  server->new_task_queue = [] { return new httplib::ThreadPool(128); };
  server->set_payload_max_length(options.max_body_bytes);
  server->set_keep_alive_max_count(1000);

  server->set_pre_routing_handler(
      [&options, &iam, &cluster](const httplib::Request& req, httplib::Response& res) {
        // A request with neither Content-Length nor Transfer-Encoding has an empty body
        // (RFC 9112 6.3), as in `curl -X POST .../restart`. cpp-httplib would instead wait
        // for the connection to close and answer 400, so the length is made explicit here,
        // before it reads the body. The Request object itself is not const.
        if ((req.method == "POST" || req.method == "PUT" || req.method == "PATCH") &&
            !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
          const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
        // Tasks (a framework's scheduler) pass with the token dcos-local gave them.
        bool task = req.get_header_value("Authorization") == "token=" + cluster.task_token;
        if (options.auth && !task && !iam.open_path(req) && !iam.authorized(req)) {
          iam.deny(res);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (options.no_log_api && log_api_path(req.path)) {
          res.status = 404;
          res.set_content("404 Not Found: this cluster serves no log API (--no-log-api)\n",
                          "text/plain");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  server->set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (marathon_path(req.path)) {
      res.set_header("Cache-Control", "no-cache, no-store, must-revalidate");
      res.set_header("Pragma", "no-cache");
      res.set_header("Expires", "0");
      res.set_header("X-Marathon-Leader", "http://" + req.get_header_value("Host"));
    }
  });
  server->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || res.status == 401)
          return httplib::Server::HandlerResponse::Unhandled;
        if (marathon_path(req.path) && res.status == 404) {
          reply_message(res, 500, "URI not found", false);
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 413) {
          res.set_content("Request body is larger than the limit of this server\n", "text/plain");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        reply_message(res, 500, what, false);
      });
  server->set_logger(
      [&options, &cluster](const httplib::Request& req, const httplib::Response& res) {
        journal_request(cluster, req, res);
        // Only the path: query strings never carry secrets here, but bodies might.
        if (options.log_requests && !options.quiet)
          std::fprintf(stderr, "%s %s %s %d %zuB\n", req.remote_addr.c_str(), req.method.c_str(),
                       req.path.c_str(), res.status, res.body.size());
      });

  iam.register_routes(*server, cluster);
  register_marathon_apps(*server, cluster);
  register_marathon_groups_pods(*server, cluster);
  register_marathon_misc(*server, cluster);
  register_mesos(*server, cluster);
  register_agents(*server, cluster);
  register_operator_api(*server, cluster);
  register_nodes(*server, cluster);
  register_component_logs(*server, cluster);
  register_metrics(*server, cluster);
  register_container_api(*server, cluster);
  register_scheduler_api(*server, cluster);
  register_cosmos(*server, cluster);
  register_service_proxy(*server, cluster);  // last: /service/marathon and Cosmos come first
  return server;
}

int bind_server(httplib::Server& server, const std::string& host, int port) {
  // cpp-httplib's default socket options set SO_REUSEPORT, which lets a second server bind the
  // same port and silently take a share of the connections. SO_REUSEADDR alone still allows
  // a quick restart on a port in TIME_WAIT.
  auto listener = std::make_shared<int>(-1);  // the server keeps the callback
  server.set_socket_options([listener](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    *listener = sock;
  });
  int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  // The library listens with a backlog of 5: fifty clients connecting at once overflow it and
  // stall on SYN retransmits. Calling listen() again only raises the backlog.
  if (bound > 0 && *listener >= 0) ::listen(*listener, SOMAXCONN);
  return bound;
}

std::string bind_failure(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int code = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
      code != 0)
    return ::gai_strerror(code);
  std::string reason = "unknown reason";
  for (addrinfo* at = found; at != nullptr; at = at->ai_next) {
    int sock = ::socket(at->ai_family, at->ai_socktype, at->ai_protocol);
    if (sock < 0) {
      reason = std::strerror(errno);
      continue;
    }
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    int bound = ::bind(sock, at->ai_addr, at->ai_addrlen);
    int error = errno;
    ::close(sock);
    if (bound != 0) {
      reason = std::strerror(error);
      continue;
    }
    reason = "the address is free again; it was taken while starting";
    break;
  }
  ::freeaddrinfo(found);
  return reason;
}

}  // namespace dcos_local
