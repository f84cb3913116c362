// The agents' operator API for containers, POST /agent/<id>/api/v1 (and /slave/<id>/api/v1),
// in JSON as a Mesos agent speaks it: LAUNCH_NESTED_CONTAINER_SESSION runs a command in a
// running task's sandbox with the task's environment and streams its output as RecordIO
// ProcessIO records while it is produced; ATTACH_CONTAINER_INPUT feeds a session's stdin from
// a streamed request body; ATTACH_CONTAINER_OUTPUT follows a session's output;
// WAIT_CONTAINER / WAIT_NESTED_CONTAINER answer its wait(2) status; KILL_CONTAINER /
// KILL_NESTED_CONTAINER end it. Tasks' own containers have no I/O switchboard here, as in
// Mesos for a task launched without a TTY.
#include <pwd.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include "local/container_session.hpp"
#include "local/http_util.hpp"
#include "local/recordio.hpp"

namespace dcos_local {
namespace {

constexpr const char* kText = "text/plain; charset=utf-8";
constexpr const char* kNoSwitchboard = "I/O switchboard server was disabled for this container";
/// The longest a JSON call body may be (a streamed input has no limit).
constexpr size_t kMaxCallBytes = 1024 * 1024;

void fail(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(message, kText);
}

std::string lower_snake(const std::string& type) {
  std::string out;
  for (char c : type) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// "parent.child" as Mesos prints a nested container id, and the id's own value.
std::string container_text(const json& id) {
  std::string text = id.value("value", "");
  for (const json* at = &id; at->contains("parent") && (*at)["parent"].is_object();) {
    at = &(*at)["parent"];
    text = at->value("value", "") + "." + text;
  }
  return text;
}

/// A live task of this agent whose own container is `container`, or nullptr.
const Task* task_with_container(const Cluster& c, const Agent& agent, const std::string& id) {
  for (const auto& [task_id, task] : c.tasks)
    if (task.container_id == id && task.agent_id == agent.id) return &task;
  return nullptr;
}

/// The environment a task's process was started with, read back from /proc.
std::vector<std::pair<std::string, std::string>> task_environment(const Task& task) {
  std::vector<std::pair<std::string, std::string>> env;
  std::ifstream in("/proc/" + std::to_string(task.pid) + "/environ", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const std::string& entry : split(all, '\0')) {
    size_t equals = entry.find('=');
    if (equals != std::string::npos && equals > 0)
      env.emplace_back(entry.substr(0, equals), entry.substr(equals + 1));
  }
  if (env.empty()) {
    const char* path = ::getenv("PATH");
    env = {{"PATH", path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin"},
           {"MESOS_SANDBOX", task.sandbox},
           {"MESOS_TASK_ID", task.id}};
  }
  return env;
}

void set_env(std::vector<std::pair<std::string, std::string>>& env, const std::string& name,
             const std::string& value) {
  for (auto& [key, current] : env)
    if (key == name) {
      current = value;
      return;
    }
  env.emplace_back(name, value);
}

std::string current_user() {
  char buffer[4096];
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(::geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr)
    return found->pw_name;
  return std::to_string(::geteuid());
}

/// A ProcessIO DATA record of output.
std::string output_record(const OutputPiece& piece) {
  json message = {
      {"type", "DATA"},
      {"data",
       {{"type", piece.is_stderr ? "STDERR" : "STDOUT"}, {"data", to_base64(piece.bytes)}}}};
  return record(message.dump());
}

/// Streams a session's output as RecordIO until it ends; `owner` sessions are killed when
/// the client goes away first (the agent destroys a session whose connection broke).
void stream_output(httplib::Response& res, std::shared_ptr<ContainerSession> session, bool owner) {
  res.status = 200;
  res.set_header("Message-Content-Type", "application/json");
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "application/recordio",
      [session](size_t, httplib::DataSink& sink) {
        bool ended = false;
        std::string out;
        for (const auto& piece : session->take_output(std::chrono::milliseconds(200), ended))
          out += output_record(piece);
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (ended) {
          sink.done();
          return true;
        }
        return sink.is_writable();
      },
      [session, owner](bool success) {
        if (owner && !success) session->kill();
      });
}

void launch_session(Cluster& c, const Agent& agent, SessionRegistry& sessions, const json& call,
                    httplib::Response& res) {
  const json& launch = call.value("launch_nested_container_session", json::object());
  const json& id = launch.value("container_id", json::object());
  const std::string value = id.value("value", "");
  const json& parent = id.value("parent", json::object());
  if (value.empty() || !parent.is_object() || parent.value("value", "").empty())
    return fail(res, 400,
                "Failed to validate agent::Call: Expecting "
                "'launch_nested_container_session.container_id' to have a value and a parent");
  const json& command = launch.value("command", json::object());
  const std::string user = command.value("user", "");
  if (!user.empty() && user != current_user())
    return fail(res, 400,
                "dcos-local runs every command as '" + current_user() +
                    "' and cannot switch to user '" + user + "'");
  if (sessions.find(value))
    return fail(res, 400, "Container " + container_text(id) + " already exists");

  SessionSpec spec;
  {
    std::lock_guard lock(c.mu);
    const Task* task = task_with_container(c, agent, parent.value("value", ""));
    if (task == nullptr)
      return fail(res, 400,
                  "Failed to launch container " + container_text(id) + ": parent container " +
                      container_text(parent) + " does not exist");
    if (task->simulated || task->pid <= 0)
      return fail(res, 400,
                  "dcos-local runs no container engine: task " + task->id +
                      " is simulated, so it has no process to run a command beside");
    spec.cwd = task->sandbox;
    spec.env = task_environment(*task);
  }
  if (command.value("shell", true)) {
    spec.program = "/bin/sh";
    spec.argv = {"sh", "-c", command.value("value", "")};
  } else {
    spec.program = command.value("value", "");
    for (const json& arg : command.value("arguments", json::array()))
      if (arg.is_string()) spec.argv.push_back(arg);
    if (spec.argv.empty()) spec.argv.push_back(spec.program);
  }
  if (spec.program.empty())
    return fail(res, 400, "Failed to validate agent::Call: the command has no value");
  const json& env = command.value("environment", json::object());
  for (const json& variable : env.value("variables", json::array()))
    if (variable.is_object() && variable.contains("name"))
      set_env(spec.env, variable.value("name", ""), variable.value("value", ""));
  const json& container = launch.value("container", json::object());
  spec.tty = container.is_object() && container.contains("tty_info");

  std::string error;
  auto session = ContainerSession::start(spec, error);
  if (!session) return fail(res, 500, "Failed to launch container: " + error);
  sessions.add(value, session);
  stream_output(res, session, true);
}

/// The session, or the Mesos answer for a container id that names none.
std::shared_ptr<ContainerSession> session_or_fail(Cluster& c, const Agent& agent,
                                                  SessionRegistry& sessions, const json& id,
                                                  httplib::Response& res) {
  if (auto session = sessions.find(id.value("value", ""))) return session;
  std::lock_guard lock(c.mu);
  if (task_with_container(c, agent, id.value("value", "")) != nullptr)
    fail(res, 500, kNoSwitchboard);
  else
    fail(res, 404, "Container " + container_text(id) + " cannot be found");
  return nullptr;
}

void wait_for(Cluster& c, const Agent& agent, SessionRegistry& sessions, const std::string& type,
              const json& call, httplib::Response& res) {
  const std::string key = lower_snake(type);
  const json& id = call.value(key, json::object()).value("container_id", json::object());
  if (auto session = sessions.find(id.value("value", ""))) {
    json result = json::object();
    if (auto status = session->wait_status(std::nullopt)) result["exit_status"] = *status;
    return reply_json(res, 200, {{"type", type}, {key, result}});
  }
  std::lock_guard lock(c.mu);
  if (task_with_container(c, agent, id.value("value", "")) != nullptr)
    return fail(res, 501,
                "dcos-local waits only for the nested containers it launched, not for a "
                "task's own container");
  fail(res, 404, "Container " + container_text(id) + " cannot be found");
}

/// ATTACH_CONTAINER_INPUT: reads the streamed body record by record into the session's stdin.
void attach_input(Cluster& c, const Agent& agent, SessionRegistry& sessions,
                  const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
  if (req.get_header_value("Message-Content-Type") != "application/json")
    return fail(res, 415, "Expecting 'Message-Content-Type' of application/json");
  RecordReader records;
  std::shared_ptr<ContainerSession> session;
  bool first = true;
  bool open = true;  // the session still takes input
  // A refusal is answered once reading has stopped: cpp-httplib makes any reader that stops
  // early a 400 of its own.
  httplib::Response refusal;
  auto refuse = [&refusal](int status, const std::string& message) {
    fail(refusal, status, message);
    return false;
  };
  auto take = [&](const std::string& text) {
    json call = json::parse(text, nullptr, false);
    const json& input =
        call.is_object() ? call.value("attach_container_input", json::object()) : json::object();
    if (first) {
      first = false;
      if (!input.is_object() || input.value("type", "") != "CONTAINER_ID")
        return refuse(400, "Expecting 'attach_container_input.type' to be CONTAINER_ID");
      session =
          session_or_fail(c, agent, sessions, input.value("container_id", json::object()), refusal);
      if (!session) return false;
      if (!session->claim_input())
        return refuse(409, "Another ATTACH_CONTAINER_INPUT call is attached to this container");
      if (session->finished()) return refuse(500, "The container has terminated");
      return true;
    }
    const json& io = input.is_object() ? input.value("process_io", json::object()) : json();
    if (!open || !io.is_object() || io.value("type", "") != "DATA") return true;
    auto bytes = from_base64(io.value("data", json::object()).value("data", ""));
    if (!bytes) return true;
    if (bytes->empty()) {
      session->close_input();
      open = false;
    } else {
      open = session->write_input(*bytes);
    }
    return true;
  };
  reader([&](const char* data, size_t size) {
    std::vector<std::string> complete;
    if (!records.feed(std::string_view(data, size), complete))
      return refuse(400, "Failed to decode the RecordIO stream of the request");
    for (const std::string& text : complete)
      if (!take(text)) return false;
    return true;
  });
  if (refusal.status > 0) return fail(res, refusal.status, refusal.body);
  if (first) return fail(res, 400, "Received EOF while reading request body");
  res.status = 200;
}

}  // namespace

void register_container_api(httplib::Server& server, Cluster& c) {
  auto sessions = std::make_shared<SessionRegistry>();
  httplib::Server::HandlerWithContentReader handler =
      [&c, sessions](const httplib::Request& req, httplib::Response& res,
                     const httplib::ContentReader& reader) {
        const std::string agent_id = req.matches[1];
        Agent agent;
        {
          std::lock_guard lock(c.mu);
          const Agent* known = c.agent(agent_id);
          if (known == nullptr)
            return fail(res, 404, "Agent " + agent_id + " is not known to this cluster");
          agent = *known;
        }
        const std::string type_header = req.get_header_value("Content-Type");
        if (type_header == "application/recordio")
          return attach_input(c, agent, *sessions, req, res, reader);
        if (type_header != "application/json")
          return fail(res, 415,
                      "Expecting 'Content-Type' of application/json (dcos-local "
                      "speaks no protobuf) or application/recordio");
        std::string body;
        bool too_large = false;
        reader([&](const char* data, size_t size) {
          body.append(data, size);
          return !(too_large = body.size() > kMaxCallBytes);
        });
        if (too_large)
          return fail(res, 413, "Request body is larger than the limit of this server");
        json call = json::parse(body, nullptr, false);
        if (call.is_discarded() || !call.is_object() || !call.value("type", json()).is_string())
          return fail(res, 400,
                      "Failed to parse body into Call: expected a JSON object with a "
                      "string 'type'");
        const std::string type = call["type"];
        if (type == "LAUNCH_NESTED_CONTAINER_SESSION")
          return launch_session(c, agent, *sessions, call, res);
        if (type == "ATTACH_CONTAINER_INPUT")
          return fail(res, 415,
                      "Expecting 'Content-Type' to be application/recordio for "
                      "ATTACH_CONTAINER_INPUT call");
        if (type == "ATTACH_CONTAINER_OUTPUT") {
          const json& id = call.value("attach_container_output", json::object())
                               .value("container_id", json::object());
          if (auto session = session_or_fail(c, agent, *sessions, id, res))
            stream_output(res, session, false);
          return;
        }
        if (type == "WAIT_CONTAINER" || type == "WAIT_NESTED_CONTAINER")
          return wait_for(c, agent, *sessions, type, call, res);
        if (type == "KILL_CONTAINER" || type == "KILL_NESTED_CONTAINER") {
          const json& id =
              call.value(lower_snake(type), json::object()).value("container_id", json::object());
          auto session = sessions->find(id.value("value", ""));
          if (!session || session->finished())
            return fail(res, 404,
                        "Container '" + container_text(id) +
                            "' cannot be found (or is already "
                            "killed)");
          session->kill();
          res.status = 200;
          return;
        }
        fail(res, 501, "dcos-local does not implement the agent call " + type);
      };
  for (const char* prefix : {"/agent/", "/slave/"})
    server.Post(std::string(prefix) + "([0-9a-zA-Z-]+)/api/v1", handler);
}

}  // namespace dcos_local
