#include "commands/task/task_find.hpp"

#include "client/resolve.hpp"

namespace dcos {

Result<TaskScope> TaskScope::from_flags(bool all, bool completed) {
  if (all && completed)
    return Error::make(ErrorKind::usage, "cannot accept both options --all and --completed");
  TaskScope scope;
  scope.running = !completed;
  scope.completed = all || completed;
  return scope;
}

StateQuery task_query(const std::string& pattern, const TaskScope& scope) {
  StateQuery query;
  query.agents = false;
  // A torn-down framework's tasks have all ended: they are read only for the completed scope.
  query.completed_frameworks = scope.completed;
  query.running_tasks = scope.running;
  query.completed_tasks = scope.completed;
  query.task_records = false;
  query.records = false;
  query.keep_task = [pattern, agent_id = scope.agent_id](const MesosTask& task) {
    return (agent_id.empty() || task.agent_id == agent_id) && id_matches(task.id, pattern);
  };
  return query;
}

void add_scope_flags(Flags& flags, bool& all, bool& completed) {
  flags.add_flag("--all", all, "Running and completed tasks");
  flags.add_flag("--completed", completed, "Only the tasks that ended");
}

std::vector<FoundTask> find_tasks(const MesosState& state, const std::string& pattern,
                                  const TaskScope& scope) {
  std::vector<FoundTask> found;
  auto take = [&](const MesosFramework& framework, const std::vector<MesosTask>& tasks) {
    for (const auto& task : tasks) {
      if (!scope.agent_id.empty() && task.agent_id != scope.agent_id) continue;
      if (id_matches(task.id, pattern)) found.push_back({&task, &framework});
    }
  };
  for (const auto& framework : state.frameworks) {
    if (scope.running) take(framework, framework.tasks);
    if (scope.completed) take(framework, framework.completed_tasks);
  }
  if (!scope.completed) return found;
  for (const auto& framework : state.completed_frameworks) {
    if (scope.running) take(framework, framework.tasks);
    take(framework, framework.completed_tasks);
  }
  return found;
}

Error no_task_found(const std::string& pattern, const std::string& agent_id) {
  std::string message =
      pattern.empty() ? "no task found" : "no task ID found containing '" + pattern + "'";
  if (!agent_id.empty()) message += " in agent '" + agent_id + "'";
  return Error::make(ErrorKind::not_found, message);
}

Result<std::vector<FoundTask>> find_some_tasks(const MesosState& state, const std::string& pattern,
                                               const TaskScope& scope) {
  auto found = find_tasks(state, pattern, scope);
  if (found.empty()) return no_task_found(pattern, scope.agent_id);
  return found;
}

Result<FoundTask> find_one_task(const MesosState& state, const std::string& pattern,
                                const TaskScope& scope) {
  // Every task in scope is a candidate; the resolver prefers an exact id, then a unique prefix,
  // a unique glob match and a unique part, so `web` does not name two tasks of the app `web`.
  auto candidates = find_tasks(state, "", scope);
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (const auto& item : candidates) ids.push_back(item.task->id);
  auto index = resolve_index(pattern, ids, "task");
  if (!index) {
    if (index.error().kind == ErrorKind::not_found) return no_task_found(pattern, scope.agent_id);
    return index.take_error();
  }
  return candidates[*index];
}

}  // namespace dcos
