// Streamed reads of /master/state and /master/frameworks (see mesos.hpp): a handler of the
// JSON stream parser walks the document's agents, frameworks and task lists, and hands over
// each record as soon as it ends. What the query does not ask for is skipped unparsed.
#include <nlohmann/json.hpp>

#include "client/json_stream.hpp"
#include "client/mesos.hpp"

namespace dcos {
namespace {

using nlohmann::json;

bool named(const JsonStep& step, const char* key) { return !step.in_array && step.key == key; }

/// The members of a framework's record that its typed view reads.
bool typed_framework_member(const std::string& key) {
  return key == "id" || key == "name" || key == "user" || key == "hostname" || key == "active" ||
         key == "resources";
}

/// The members of a task's record that its typed view reads (of `statuses`, the first entry).
bool typed_task_member(const std::string& key) {
  return key == "id" || key == "name" || key == "state" || key == "slave_id" ||
         key == "framework_id" || key == "executor_id";
}

// The places it walks, by depth: the root; its `slaves`, `frameworks` and
// `completed_frameworks` lists (1); each framework (2, an agent is kept whole there); each
// framework's members (3), walking its `tasks` and `completed_tasks`; their tasks (4), kept whole
// or, without task records, walked for the typed members (5) and the first status (6).
class StateReader : public JsonStreamHandler {
 public:
  StateReader(const StateQuery& query, const StateVisitor& visitor)
      : query_(query), visitor_(visitor) {}

  bool saw_object() const { return saw_object_; }
  /// The Error that stopped the read came from the visitor (not from the document).
  bool visitor_failed() const { return visitor_failed_; }

  JsonTake on_value(const JsonPath& path, JsonKind kind) override {
    const bool object = kind == JsonKind::object;
    switch (path.size()) {
      case 0:
        saw_object_ = object;
        return object ? JsonTake::walk : JsonTake::skip;
      case 1:
        return kind == JsonKind::array && wanted_list(path[0]) ? JsonTake::walk : JsonTake::skip;
      case 2:
        if (!object) return JsonTake::skip;
        if (named(path[0], "slaves")) return JsonTake::keep;
        framework_ = json::object();
        task_count_ = 0;
        return JsonTake::walk;
      case 3:
        return framework_member(path[2].key, kind);
      case 4:
        return task_start(path, object);
      case 5:
        if (named(path[4], "statuses") && kind == JsonKind::array) return JsonTake::walk;
        return typed_task_member(path[4].key) ? JsonTake::keep : JsonTake::skip;
      default:
        return path[5].index == 0 ? JsonTake::keep : JsonTake::skip;
    }
  }

  Status on_kept(const JsonPath& path, json&& value) override {
    switch (path.size()) {
      case 2: {
        MesosAgent agent = mesos_agent(std::move(value));
        if (!query_.records) agent.raw = json();
        return checked(visitor_.agent(std::move(agent)));
      }
      case 3:
        framework_[path[2].key] = std::move(value);
        return Status::success();
      case 4:
        return task_done(mesos_task(std::move(value)), completed_task(path));
      case 5:
        task_[path[4].key] = std::move(value);
        return Status::success();
      default:
        task_["statuses"] = json::array({std::move(value)});
        return Status::success();
    }
  }

  Status on_end(const JsonPath& path, JsonKind kind) override {
    if (kind != JsonKind::object) return Status::success();
    if (path.size() == 4) {
      MesosTask task = mesos_task(std::move(task_));
      task.raw = json();
      return task_done(std::move(task), completed_task(path));
    }
    if (path.size() != 2) return Status::success();
    MesosFramework framework = mesos_framework(std::move(framework_));
    framework_ = json();
    framework.task_count = task_count_;
    if (!query_.records) framework.raw = json();
    if (!visitor_.framework) return Status::success();
    return checked(
        visitor_.framework(std::move(framework), named(path[0], "completed_frameworks")));
  }

 private:
  bool wanted_list(const JsonStep& step) const {
    if (named(step, "slaves")) return query_.agents && visitor_.agent;
    if (named(step, "frameworks")) return query_.frameworks;
    if (named(step, "completed_frameworks")) return query_.completed_frameworks;
    return false;
  }

  JsonTake framework_member(const std::string& key, JsonKind kind) const {
    if (kind == JsonKind::array) {
      if (key == "tasks") return JsonTake::walk;  // counted even when not read
      if (key == "completed_tasks")
        return query_.completed_tasks && visitor_.task ? JsonTake::walk : JsonTake::skip;
    }
    return query_.records || typed_framework_member(key) ? JsonTake::keep : JsonTake::skip;
  }

  JsonTake task_start(const JsonPath& path, bool object) {
    if (!object) return JsonTake::skip;
    const bool completed = completed_task(path);
    if (!completed) ++task_count_;
    const bool wanted = completed ? query_.completed_tasks : query_.running_tasks;
    if (!wanted || !visitor_.task) return JsonTake::skip;
    if (query_.task_records) return JsonTake::keep;
    task_ = json::object();
    return JsonTake::walk;
  }

  static bool completed_task(const JsonPath& path) { return named(path[2], "completed_tasks"); }

  Status task_done(MesosTask&& task, bool completed) {
    if (query_.keep_task && !query_.keep_task(task)) return Status::success();
    return checked(visitor_.task(std::move(task), completed));
  }

  Status checked(Status status) {
    visitor_failed_ = visitor_failed_ || !status.ok();
    return status;
  }

  const StateQuery& query_;
  const StateVisitor& visitor_;
  json framework_;  ///< the record of the framework being read, without its tasks
  json task_;       ///< the typed members of the task being read, without task records
  size_t task_count_ = 0;
  bool saw_object_ = false;
  bool visitor_failed_ = false;
};

}  // namespace

Status MesosClient::read_streamed(const std::string& path, const StateQuery& query,
                                  const StateVisitor& visitor) {
  StateReader reader(query, visitor);
  JsonStreamParser parser(reader);
  Status parsed = Status::success();
  ResponseSink sink;
  sink.on_data = [&](std::string_view piece) {
    parsed = parser.feed(piece);
    return parsed.ok();
  };
  auto response = http_.get_streamed(path, sink);
  if (!response) return response.take_error();
  const std::string url = http_.options().base_url + path;
  if (response->status == 503)
    return Error::make(ErrorKind::server, "could not connect to the leading mesos master");
  if (response->status >= 400)
    return error_for_status("GET", url, *response, !http_.options().token.empty());
  if (parsed.ok()) parsed = parser.finish();
  if (!parsed.ok() && reader.visitor_failed()) return parsed;
  if (!parsed.ok() || !reader.saw_object()) {
    const std::string why = parsed.ok() ? "" : " (" + parsed.error().message + ")";
    return Error::make(ErrorKind::server,
                       "GET " + url + " did not answer with a JSON object" + why);
  }
  return Status::success();
}

Status MesosClient::read_state(const StateQuery& query, const StateVisitor& visitor) {
  return read_streamed("/master/state", query, visitor);
}

Status MesosClient::read_frameworks(const StateQuery& query, const StateVisitor& visitor) {
  return read_streamed("/master/frameworks", query, visitor);
}

namespace {

/// A visitor that holds everything it is given, as MesosState's lists.
struct Collector {
  std::vector<MesosAgent> agents;
  std::vector<MesosFramework> frameworks;
  std::vector<MesosFramework> completed_frameworks;
  std::vector<MesosTask> running;  ///< of the framework being read
  std::vector<MesosTask> ended;

  StateVisitor visitor() {
    StateVisitor visitor;
    visitor.agent = [this](MesosAgent&& agent) {
      agents.push_back(std::move(agent));
      return Status::success();
    };
    visitor.task = [this](MesosTask&& task, bool completed) {
      (completed ? ended : running).push_back(std::move(task));
      return Status::success();
    };
    visitor.framework = [this](MesosFramework&& framework, bool completed) {
      framework.tasks = std::move(running);
      framework.completed_tasks = std::move(ended);
      running.clear();
      ended.clear();
      (completed ? completed_frameworks : frameworks).push_back(std::move(framework));
      return Status::success();
    };
    return visitor;
  }
};

}  // namespace

Result<MesosState> MesosClient::state(const StateQuery& query) {
  Collector collector;
  if (Status status = read_state(query, collector.visitor()); !status.ok()) return status.error();
  MesosState state;
  state.agents = std::move(collector.agents);
  state.frameworks = std::move(collector.frameworks);
  state.completed_frameworks = std::move(collector.completed_frameworks);
  return state;
}

Result<MesosFrameworks> MesosClient::frameworks() {
  Collector collector;
  if (Status status = read_frameworks({}, collector.visitor()); !status.ok()) return status.error();
  MesosFrameworks lists;
  lists.frameworks = std::move(collector.frameworks);
  lists.completed_frameworks = std::move(collector.completed_frameworks);
  return lists;
}

}  // namespace dcos
