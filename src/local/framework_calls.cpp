// The calls of a subscribed framework (v1 scheduler API, everything but SUBSCRIBE): ACCEPT with
// LAUNCH operations, which start the tasks as real processes in their own sandboxes, DECLINE,
// REVIVE, SUPPRESS, KILL, ACKNOWLEDGE, RECONCILE and TEARDOWN; and the UPDATE events that
// carry the tasks' states to the framework.
#include <filesystem>

#include "local/cluster.hpp"
#include "local/process.hpp"
#include "local/recordio.hpp"

namespace dcos_local {

namespace fs = std::filesystem;

namespace {

constexpr double kDefaultRefuseSeconds = 5;

std::string id_value(const json& parent, const char* key) {
  if (!parent.is_object()) return "";
  auto it = parent.find(key);
  if (it == parent.end() || !it->is_object()) return "";
  auto v = it->find("value");
  return v != it->end() && v->is_string() ? v->get<std::string>() : "";
}

double refuse_seconds(const json& call) {
  if (!call.is_object() || !call.contains("filters") || !call["filters"].is_object())
    return kDefaultRefuseSeconds;
  const json& v = call["filters"].value("refuse_seconds", json(kDefaultRefuseSeconds));
  return v.is_number() ? std::max(0.0, v.get<double>()) : kDefaultRefuseSeconds;
}

// A shell command line for a CommandInfo; empty when it has none.
std::string command_line(const json& command) {
  if (!command.is_object()) return "";
  std::string value = command.value("value", "");
  if (command.value("shell", true)) return value;
  auto quote = [](const std::string& word) {
    std::string q = "'";
    for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  // shell=false: `value` is the program and `arguments` its argv (argv[0] included).
  std::string out = quote(value);
  const json& args = command.value("arguments", json::array());
  for (size_t i = 1; i < args.size(); ++i)
    if (args[i].is_string()) out += " " + quote(args[i].get<std::string>());
  return value.empty() ? "" : out;
}

bool covers(const PortRanges& have, const PortRanges& want) {
  for (auto [begin, end] : want) {
    if (begin > end) return false;
    bool inside = false;
    for (auto [b, e] : have) inside = inside || (b <= begin && end <= e);
    if (!inside) return false;
  }
  return true;
}

// `have` without the ports of `take` (which it covers).
PortRanges without(const PortRanges& have, const PortRanges& take) {
  std::vector<int> left;
  std::set<int> taken;
  for (int p : expand_ranges(take)) taken.insert(p);
  for (int p : expand_ranges(have))
    if (!taken.count(p)) left.push_back(p);
  return to_ranges(left);
}

}  // namespace

void Cluster::send_update(const Task& t, const std::string& reason, const std::string& source) {
  auto it = frameworks.find(t.framework_id);
  if (it == frameworks.end() || !it->second.stream) return;
  std::string bytes;
  for (char c : uuid4())
    if (c != '-') bytes += c;
  std::string raw;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2)
    raw += static_cast<char>(std::stoi(bytes.substr(i, 2), nullptr, 16));
  const Agent* a = agent(t.agent_id);
  json status = {
      {"task_id", {{"value", t.id}}},
      {"agent_id", {{"value", t.agent_id}}},
      {"state", t.state},
      {"source", source},
      {"uuid", to_base64(raw)},
      {"timestamp", epoch_seconds(t.statuses.empty() ? now_ms() : t.statuses.back().at_ms)},
      {"container_status",
       {{"container_id", {{"value", t.container_id}}},
        {"network_infos",
         json::array({{{"ip_addresses", json::array({{{"ip_address", a ? a->ip : ""}}})}}})}}}};
  if (!reason.empty()) status["reason"] = reason;
  if (!t.message.empty()) status["message"] = t.message;
  it->second.stream->push({{"type", "UPDATE"}, {"update", {{"status", status}}}});
}

CallResult Cluster::framework_call(const json& call, const std::optional<std::string>& stream) {
  std::string type = call["type"];
  std::string id = id_value(call, "framework_id");
  if (id.empty())
    return {400, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present"};
  auto it = frameworks.find(id);
  if (it == frameworks.end()) return {400, "Framework cannot be found"};
  Framework& f = it->second;
  if (!f.connected) return {403, "Framework is not subscribed"};
  if (!stream) return {400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header"};
  if (*stream != f.stream_id)
    return {400, "The stream ID '" + *stream +
                     "' included in this request didn't match the stream ID currently "
                     "associated with framework ID " +
                     id};
  std::string key = type;
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const json& body = call.value(key, json::object());
  int64_t now = now_ms();
  if (type == "TEARDOWN") {
    remove_framework(id, now);
    return {202, ""};
  }
  if (type == "ACCEPT") return accept(f, body, now);
  if (type == "DECLINE") {
    for (const json& o : body.value("offer_ids", json::array())) {
      std::string oid = o.is_object() ? o.value("value", "") : "";
      auto offer = f.offers.find(oid);
      if (offer == f.offers.end()) continue;
      f.refused_until[offer->second.agent_id] =
          now + static_cast<int64_t>(refuse_seconds(body) * 1000);
      f.offers.erase(offer);
    }
    return {202, ""};
  }
  if (type == "REVIVE" || type == "SUPPRESS") {
    f.suppressed = type == "SUPPRESS";
    if (!f.suppressed) f.refused_until.clear();
    return {202, ""};
  }
  if (type == "ACKNOWLEDGE") {
    if (id_value(body, "task_id").empty() || !body.value("uuid", json()).is_string())
      return {400,
              "Failed to validate scheduler::Call: Expecting 'acknowledge' with 'task_id' and "
              "'uuid'"};
    return {202, ""};  // updates are not retried here, so there is nothing to stop
  }
  if (type == "KILL") {
    std::string tid = id_value(body, "task_id");
    if (tid.empty())
      return {400, "Failed to validate scheduler::Call: Expecting 'kill.task_id' to be present"};
    auto t = tasks.find(tid);
    if (t != tasks.end() && t->second.framework_id == id) {
      kill_task(t->second, true);
    } else {
      Task lost;
      lost.id = tid;
      lost.framework_id = id;
      lost.agent_id = id_value(body, "agent_id");
      lost.state = "TASK_LOST";
      lost.message = "Attempted to kill an unknown task";
      lost.statuses.push_back({"TASK_LOST", now, std::nullopt});
      send_update(lost, "REASON_RECONCILIATION", "SOURCE_MASTER");
    }
    return {202, ""};
  }
  if (type == "RECONCILE") {
    const json& wanted = body.value("tasks", json::array());
    auto report = [this](const Task& t) {
      send_update(t, "REASON_RECONCILIATION", "SOURCE_MASTER");
    };
    if (!wanted.is_array() || wanted.empty()) {
      for (const Task* t : tasks_of("framework:" + id)) report(*t);
      return {202, ""};
    }
    for (const json& w : wanted) {
      std::string tid = id_value(w, "task_id");
      if (auto t = tasks.find(tid); t != tasks.end() && t->second.framework_id == id) {
        report(t->second);
        continue;
      }
      auto done = std::find_if(completed.rbegin(), completed.rend(),
                               [&](const Task& t) { return t.id == tid && t.framework_id == id; });
      if (done != completed.rend()) {
        report(*done);
        continue;
      }
      Task lost;
      lost.id = tid;
      lost.framework_id = id;
      lost.agent_id = id_value(w, "agent_id");
      lost.state = "TASK_LOST";
      lost.message = "Reconciliation: Task is unknown";
      lost.statuses.push_back({"TASK_LOST", now, std::nullopt});
      report(lost);
    }
    return {202, ""};
  }
  if (type == "SUBSCRIBE") return {400, "SUBSCRIBE is answered on its own connection"};
  return {501, "dcos-local does not implement the scheduler call " + type};
}

CallResult Cluster::accept(Framework& f, const json& body, int64_t now) {
  std::vector<Offer> used;
  bool valid = true;
  for (const json& o : body.value("offer_ids", json::array())) {
    std::string oid = o.is_object() ? o.value("value", "") : "";
    auto offer = f.offers.find(oid);
    if (offer == f.offers.end()) {
      valid = false;
      continue;
    }
    used.push_back(offer->second);
    f.offers.erase(offer);
  }
  const Agent* agent_of = used.empty() ? nullptr : live_agent(used[0].agent_id);
  for (const Offer& o : used) valid = valid && agent_of && o.agent_id == agent_of->id;
  Resources left;
  for (const Offer& o : used) {
    left.cpus += o.resources.cpus;
    left.mem += o.resources.mem;
    left.disk += o.resources.disk;
    left.ports.insert(left.ports.end(), o.resources.ports.begin(), o.resources.ports.end());
  }
  for (const json& op : body.value("operations", json::array())) {
    std::string type = op.is_object() ? op.value("type", "") : "";
    if (type != "LAUNCH") {
      journal.log(
          "master", "dcos-mesos-master.service", Priority::warning,
          "dcos-local does not carry out offer operation " + type + " of framework " + f.id);
      continue;
    }
    for (const json& info : op.value("launch", json::object()).value("task_infos", json::array())) {
      if (!valid || used.empty()) {
        Task lost;
        lost.id = id_value(info, "task_id");
        lost.framework_id = f.id;
        lost.agent_id = id_value(info, "agent_id");
        lost.state = "TASK_LOST";
        lost.message = "Task launched with invalid offers: the offers are no longer valid";
        lost.statuses.push_back({"TASK_LOST", now, std::nullopt});
        send_update(lost, "REASON_INVALID_OFFERS", "SOURCE_MASTER");
        continue;
      }
      launch_framework_task(f, info, *agent_of, left, now);
    }
  }
  if (agent_of)
    f.refused_until[agent_of->id] = now + static_cast<int64_t>(refuse_seconds(body) * 1000);
  return {202, ""};
}

void Cluster::launch_framework_task(Framework& f, const json& info, const Agent& a, Resources& left,
                                    int64_t now) {
  Task t;
  t.id = id_value(info, "task_id");
  t.name = info.is_object() ? info.value("name", "") : "";
  t.framework_id = f.id;
  t.run_spec_id = "framework:" + f.id;
  t.agent_id = a.id;
  t.staged_ms = now;
  t.container_id = uuid4();
  Resources want = resources_from_v1(info.value("resources", json::array()));
  t.cpus = want.cpus;
  t.mem = want.mem;
  t.disk = want.disk;
  if (info.contains("labels") && info["labels"].is_object())
    for (const json& l : info["labels"].value("labels", json::array()))
      if (l.is_object() && l.contains("key")) t.labels[l.value("key", "")] = l.value("value", "");
  int64_t grace_ns = 3000000000LL;
  if (info.contains("kill_policy") && info["kill_policy"].is_object())
    grace_ns =
        info["kill_policy"].value("grace_period", json::object()).value("nanoseconds", grace_ns);
  t.spec =
      std::make_shared<const json>(json{{"id", t.run_spec_id},
                                        {"role", f.role},
                                        {"taskKillGracePeriodSeconds", grace_ns / 1000000000}});
  std::string command = command_line(info.value("command", json()));
  // What Mesos's master refuses before anything runs: TASK_ERROR, never a process.
  std::string error;
  if (t.id.empty())
    error = "Task has no id";
  else if (tasks.count(t.id))
    error = "Task has duplicate ID: " + t.id;
  else if (id_value(info, "agent_id") != a.id)
    error = "Task uses agent " + id_value(info, "agent_id") + " but the offers are of " + a.id;
  else if (info.contains("executor"))
    error = "dcos-local runs command tasks only: this task names an executor";
  else if (command.empty())
    error = "Task has no command to run";
  else if (want.cpus > left.cpus + 1e-9 || want.mem > left.mem + 1e-9 ||
           want.disk > left.disk + 1e-9 || !covers(left.ports, want.ports))
    error = "Task uses more resources than offered";
  if (!error.empty()) {
    t.state = "TASK_ERROR";
    t.message = error;
    t.statuses.push_back({"TASK_ERROR", now, std::nullopt});
    emit_status(t);
    completed.push_back(std::move(t));
    while (completed.size() > completed_capacity()) completed.pop_front();
    return;
  }
  left.cpus -= want.cpus;
  left.mem -= want.mem;
  left.disk -= want.disk;
  left.ports = without(left.ports, want.ports);
  t.ports = expand_ranges(want.ports);
  t.statuses.push_back({"TASK_STAGING", now, std::nullopt});
  t.sandbox = (fs::path(work_dir) / "slaves" / a.id / "frameworks" / f.id / "executors" / t.id /
               "runs" / t.container_id)
                  .string();
  std::error_code ec;
  fs::create_directories(t.sandbox, ec);
  SpawnSpec spec;
  spec.command = command;
  spec.cwd = t.sandbox;
  spec.stdout_path = t.sandbox + "/stdout";
  spec.stderr_path = t.sandbox + "/stderr";
  const json& env = info["command"].value("environment", json::object());
  for (const json& v : env.value("variables", json::array()))
    if (v.is_object() && v.value("name", json()).is_string())
      spec.env.emplace_back(v["name"], v.value("value", ""));
  spec.env.emplace_back("MESOS_TASK_ID", t.id);
  spec.env.emplace_back("MESOS_SANDBOX", t.sandbox);
  spec.env.emplace_back("MESOS_AGENT_ENDPOINT", a.ip + ":5051");
  spec.env.emplace_back("MESOS_FRAMEWORK_ID", f.id);
  spec.env.emplace_back("HOST", a.ip);
  for (auto& entry : local_env()) spec.env.push_back(std::move(entry));
  for (int p : t.ports) used_ports_[a.id].insert(p);
  Spawned spawned = spawn_shell(spec);
  if (spawned.pid < 0) {
    std::string message = "Failed to launch: " + spawned.error;
    finish_task(std::move(t), "TASK_FAILED", message, now);
    return;
  }
  t.pid = spawned.pid;
  Usage& u = usage_[a.id];
  u.cpus += t.cpus;
  u.mem += t.mem;
  u.disk += t.disk;
  ++u.count;
  by_spec_[t.run_spec_id].insert(t.id);
  busy_.insert(t.id);
  auto placed = tasks.emplace(t.id, std::move(t)).first;
  emit_status(placed->second);
}

}  // namespace dcos_local
