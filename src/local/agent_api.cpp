// Agent endpoints under /agent/<id>/ (and /slave/<id>/): state and the files API over the
// real sandboxes; and the dcos-log v2 task-log API.
#include <filesystem>
#include <fstream>
#include <thread>

#include "local/http_util.hpp"
#include "local/sandbox.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

void send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  if (r.status == 204) return;
  res.set_content(r.body, r.content_type);
}

// Maps a virtual or real path onto a real path through the agent's attachments.
std::optional<std::string> resolve(const json& attachments, const std::string& path) {
  // ".." could climb out of the attached folder: such a path is not attached.
  for (const std::string& segment : split(path, '/'))
    if (segment == "..") return std::nullopt;
  std::string best_key, best_real;
  for (auto& [key, real] : attachments.items()) {
    if ((path == key || starts_with(path, key + "/")) && key.size() > best_key.size()) {
      best_key = key;
      best_real = real.get<std::string>();
    }
  }
  if (best_key.empty()) return std::nullopt;
  return best_real + path.substr(best_key.size());
}

// Simulated tasks get their sandbox on first use: a folder with a note in stdout.
void ensure_sandbox(const std::string& real) {
  namespace fs = std::filesystem;
  size_t runs = real.find("/runs/");
  if (runs == std::string::npos) return;
  size_t end = real.find('/', runs + 6);
  std::string dir = real.substr(0, end);
  std::error_code ec;
  if (fs::exists(dir, ec)) return;
  fs::create_directories(dir, ec);
  std::ofstream(dir + "/stdout") << "dcos-local runs no container engine: this task is "
                                    "simulated and has no process.\n";
  std::ofstream(dir + "/stderr");
}

const Task* find_task(const Cluster& c, const std::string& id) {
  auto it = c.tasks.find(id);
  if (it != c.tasks.end()) return &it->second;
  for (auto t = c.completed.rbegin(); t != c.completed.rend(); ++t)
    if (t->id == id) return &*t;
  return nullptr;
}

void agent_route(
    httplib::Server& server, const std::string& suffix, Cluster& c,
    std::function<void(const Agent&, const httplib::Request&, httplib::Response&)> fn) {
  Handler h = [&c, fn](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    std::optional<Agent> a;
    {
      std::lock_guard lock(c.mu);
      if (const Agent* found = c.live_agent(id)) a = *found;
    }
    if (!a) {
      res.status = 404;
      res.set_content("Agent " + id + " is not known to this cluster", "text/plain");
      return;
    }
    fn(*a, req, res);
  };
  for (const char* prefix : {"/agent/", "/slave/"})
    server.Get(std::string(prefix) + "([0-9a-zA-Z-]+)" + suffix, h);
}

}  // namespace

void register_agents(httplib::Server& server, Cluster& c) {
  auto state = [&c](const Agent& a, const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    reply_json(res, 200, agent_state(c, a));
  };
  agent_route(server, "/state", c, state);
  agent_route(server, R"(/slave\(1\)/state)", c, state);
  agent_route(server, "/files/debug", c,
              [&c](const Agent& a, const httplib::Request&, httplib::Response& res) {
                std::lock_guard lock(c.mu);
                reply_json(res, 200, agent_attachments(c, a));
              });
  auto files = [&c](const std::string& op) {
    return [&c, op](const Agent& a, const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("path")) {
        res.status = 400;
        res.set_content("Expecting 'path=value' in query.\n", "text/plain");
        return;
      }
      std::string path = req.get_param_value("path");
      std::optional<std::string> real;
      {
        std::lock_guard lock(c.mu);
        real = resolve(agent_attachments(c, a), path);
      }
      if (!real) {
        res.status = 404;
        return;
      }
      ensure_sandbox(*real);
      if (op == "browse") return send(res, files_browse(*real, path));
      if (op == "download") return send(res, files_download(*real));
      send(res, files_read(*real, req.get_param_value("offset"), req.get_param_value("length")));
    };
  };
  for (const char* op : {"browse", "read", "download"}) {
    agent_route(server, std::string("/files/") + op, c, files(op));
    agent_route(server, std::string("/files/") + op + ".json", c, files(op));
  }

  // dcos-log v2: the master finds the task and redirects to the agent's canonical URL.
  server.Get(R"(/system/v1/logs/v2/task/([^/]+)(?:/file/([^/]+))?)",
             [&c](const httplib::Request& req, httplib::Response& res) {
               std::string id = req.matches[1];
               std::string file = req.matches[2].matched ? std::string(req.matches[2]) : "stdout";
               std::lock_guard lock(c.mu);
               const Task* t = find_task(c, id);
               if (!t) {
                 res.status = 500;
                 res.set_content("unable to get canonical task ID: task " + id + " not found",
                                 "text/plain");
                 return;
               }
               std::string exec = t->is_pod ? t->instance_id : t->id;
               std::string url = "/system/v1/agent/" + t->agent_id + "/logs/v2/task/frameworks/" +
                                 c.framework_of(*t) + "/executors/" + exec + "/runs/" +
                                 t->container_id + (t->is_pod ? "/tasks/" + t->id : "") + "/" +
                                 file;
               std::string query;
               for (const auto& [k, v] : req.params)
                 query += (query.empty() ? "?" : "&") + k + "=" + v;
               res.status = 303;
               res.set_header("Location", url + query);
             });
  server.Get(
      R"(/system/v1/agent/([0-9a-zA-Z-]+)/logs/v2/task/frameworks/([^/]+)/executors/([^/]+)/runs/([^/]+)(?:/tasks/([^/]+))?/([^/]+))",
      [&c](const httplib::Request& req, httplib::Response& res) {
        std::string agent_id = req.matches[1], exec = req.matches[3], run = req.matches[4];
        std::string file = req.matches[6];
        std::string real;
        {
          std::lock_guard lock(c.mu);
          const Agent* a = c.live_agent(agent_id);
          if (!a) {
            res.status = 404;
            return;
          }
          std::string virt =
              "/frameworks/" + std::string(req.matches[2]) + "/executors/" + exec + "/runs/latest";
          auto dir = resolve(agent_attachments(c, *a), virt);
          if (!dir) {
            res.status = 204;
            return;
          }
          ensure_sandbox(*dir);
          real = *dir + (req.matches[5].matched ? "/tasks/" + std::string(req.matches[5]) : "") +
                 "/" + file;
          (void)run;
        }
        std::string cursor = req.get_param_value("cursor"), skip = req.get_param_value("skip");
        if (req.get_header_value("Accept") != "text/event-stream")
          return send(res, log_text(real, cursor, skip, req.get_param_value("limit")));
        // A reconnecting client names the byte offset after the last line it got; it wins over
        // the query, as in dcos-log.
        std::string last_event = req.get_header_value("Last-Event-ID");
        if (!last_event.empty()) {
          if (last_event.find_first_not_of("0123456789") != std::string::npos) {
            res.status = 400;
            res.set_content(
                "unable to parse Last-Event-ID header. " + last_event + " not an integer",
                "text/plain");
            return;
          }
          cursor = last_event;
          skip.clear();
        }
        LogPosition position = log_position(real, cursor, skip);
        if (position.status != 200) {
          res.status = position.status;
          if (!position.error.empty()) res.set_content(position.error, "text/plain");
          return;
        }
        uint64_t start = position.offset;
        json fields = {{"AGENT_ID", agent_id},
                       {"EXECUTOR_ID", exec},
                       {"FRAMEWORK_ID", std::string(req.matches[2])},
                       {"CONTAINER_ID", run},
                       {"FILE", file}};
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Accel-Buffering", "no");
        uint64_t generation = c.log_streams.generation();
        c.log_streams.opened();
        res.set_chunked_content_provider(
            "text/event-stream",
            [&c, real, fields, generation, offset = start](size_t,
                                                           httplib::DataSink& sink) mutable {
              if (c.log_streams.generation() != generation) return false;
              LogChunk chunk = read_complete_lines(real, offset, 64 * 1024);
              offset = chunk.next_offset;
              std::string out;
              for (const auto& [line, end] : chunk.lines) out += log_sse_event(line, end, fields);
              if (out.empty()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                return sink.is_writable();
              }
              return sink.write(out.data(), out.size());
            },
            [&c](bool) { c.log_streams.closed(); });
      });
}

}  // namespace dcos_local
