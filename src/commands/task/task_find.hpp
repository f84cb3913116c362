// Finding the tasks a `dcos task` verb names, in the master's state. The list verbs and `log`
// keep every task whose id contains the pattern or matches it as a glob; the verbs that act on
// one task (exec, attach, download, metrics, a followed log) resolve the pattern to a single
// task with the shared id resolver (client/resolve.hpp): exact, unique prefix, glob, part.
#pragma once

#include <string>
#include <vector>

#include "cli/flags.hpp"
#include "client/mesos.hpp"

namespace dcos {

/// Which of the master's tasks a verb looks at. The completed scope takes the torn-down
/// frameworks too (`completed_frameworks`, whose tasks Mesos keeps in `completed_tasks`), as the
/// Python CLI did; the Go CLI only looks at `frameworks`, so a torn-down service's tasks (and
/// their logs) could not be named at all.
struct TaskScope {
  bool running = true;     ///< frameworks[].tasks (with `completed`, torn-down ones' too)
  bool completed = false;  ///< frameworks[] and completed_frameworks[] .completed_tasks
  std::string agent_id;    ///< only tasks on this agent, when not empty

  /// The scope of the --all / --completed flags (both given is a usage error).
  static Result<TaskScope> from_flags(bool all, bool completed);
};

/// Binds --all and --completed, the scope flags of list, log and ls.
void add_scope_flags(Flags& flags, bool& all, bool& completed);

/// What to read of the master's state to find the tasks in `scope` whose id matches `pattern`
/// (substring or glob): their frameworks' typed fields and the matching tasks' typed fields,
/// nothing else. Every task find_one_task could pick matches, so it may be given this state too.
StateQuery task_query(const std::string& pattern, const TaskScope& scope);

/// A task found, with the framework that runs it.
struct FoundTask {
  const MesosTask* task;
  const MesosFramework* framework;
};

/// Every task in `scope` whose id matches `pattern` (substring or glob; "" matches all), in
/// the order of the state: per framework its running tasks, then its completed ones; the
/// torn-down frameworks after the others.
std::vector<FoundTask> find_tasks(const MesosState& state, const std::string& pattern,
                                  const TaskScope& scope);

/// find_tasks, where nothing found is a not_found Error worded as the real CLI words it
/// ("no task ID found containing 'x'", "... in agent 'a'", "no task found in agent 'a'").
Result<std::vector<FoundTask>> find_some_tasks(const MesosState& state, const std::string& pattern,
                                               const TaskScope& scope);

/// The one task `pattern` names in `scope`; several candidates are an ambiguous Error.
Result<FoundTask> find_one_task(const MesosState& state, const std::string& pattern,
                                const TaskScope& scope);

/// The not_found Error for a pattern (and agent) that matched no task.
Error no_task_found(const std::string& pattern, const std::string& agent_id);

}  // namespace dcos
